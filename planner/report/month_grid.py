"""The month-by-month calendar of sessions as week grids (Monday first), the way an office
pins a plan on the wall: holidays shaded, make-up workdays (调休) and estimated days marked."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from planner.plan import PlannedSession
from planner.report.facts import Facts
from planner.report.months import Month


@dataclass(frozen=True)
class DayCell:
    date: dt.date
    in_horizon: bool
    holiday: str  # the holiday's name, "" on other days
    makeup: bool
    estimated: bool
    sessions: tuple[PlannedSession, ...]


@dataclass(frozen=True)
class MonthGrid:
    month: Month
    weeks: tuple[tuple[DayCell | None, ...], ...]  # None pads before the 1st and after the last
    sessions: int


def month_grids(f: Facts) -> list[MonthGrid]:
    by_day: dict[dt.date, list[PlannedSession]] = defaultdict(list)
    for s in f.plan.sessions:
        by_day[dt.date.fromisoformat(s.date)].append(s)
    cal = f.calendar
    grids = []
    for m in f.months:
        cells: list[DayCell | None] = [None] * m.first.weekday()
        day = m.first
        while day <= m.last:
            cells.append(DayCell(
                date=day, in_horizon=cal.start <= day <= cal.end,
                holiday=cal.holidays.get(day, ""), makeup=cal.is_makeup_day(day),
                estimated=cal.is_estimated(day),
                sessions=tuple(sorted(by_day.get(day, ()), key=lambda s: (s.start, s.id))),
            ))
            day += dt.timedelta(days=1)
        cells += [None] * (-len(cells) % 7)
        weeks = tuple(tuple(cells[i:i + 7]) for i in range(0, len(cells), 7))
        grids.append(MonthGrid(m, weeks, sum(len(c.sessions) for c in cells if c)))
    return grids
