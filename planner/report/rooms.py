"""Room utilisation per month: hours booked against hours the room could have been booked.

Available hours are every lecture slot of the month on the working-day calendar (the same
``time_points`` the planner places sessions on), less the days the room is closed; used hours are
the planned sessions' own start-to-end times. A room at 90 % has no slack left for a re-plan.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from planner.domain import Problem
from planner.plan import Plan
from planner.report.months import Month, month_of, months_between
from planner.workdays import WorkCalendar


@dataclass(frozen=True)
class RoomMonth:
    room: str
    month: Month
    sessions: int
    used_hours: float
    available_hours: float

    @property
    def share(self) -> float | None:
        """Used ÷ available (a fraction), or ``None`` when the room had no slot that month."""
        return None if self.available_hours <= 0 else self.used_hours / self.available_hours


def _hours(start: str, end: str) -> float:
    try:
        a, b = dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end)
    except ValueError:
        return 0.0
    return (b - a).total_seconds() / 3600


def room_utilisation(problem: Problem, calendar: WorkCalendar, plan: Plan) -> list[RoomMonth]:
    """One row per room (input order) and horizon month."""
    closed: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for u in problem.unavailability:
        if u.kind == "room":
            closed[u.id].append((u.start, u.end))
    points = calendar.time_points(problem.settings.slots)
    used: dict[tuple[str, Month], float] = defaultdict(float)
    count: dict[tuple[str, Month], int] = defaultdict(int)
    for s in plan.sessions:
        key = (s.room, month_of(dt.date.fromisoformat(s.date)))
        used[key] += _hours(s.start, s.end)
        count[key] += 1
    months = months_between(calendar.start, calendar.end)
    rows: list[RoomMonth] = []
    for r in problem.rooms:
        available: dict[Month, float] = defaultdict(float)
        for tp in points:
            if not any(lo <= tp.date <= hi for lo, hi in closed[r.id]):
                available[month_of(tp.date)] += tp.hours
        rows.extend(
            RoomMonth(r.id, m, count[r.id, m], round(used[r.id, m], 2), round(available[m], 2))
            for m in months
        )
    return rows
