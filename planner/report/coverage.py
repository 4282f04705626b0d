"""Department cover per month: how close each department comes to its minimum on duty.

The plan already keeps every minimum (the checker proves it); what the office wants to see is
where the margin is thin. For each month and department this finds the session start with the
fewest on duty, where on duty = the department's working pool that day (own staff not away on
rotation or external study, plus incoming rotators where they count) − those attending or
teaching a session running then − those on leave that day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from planner.domain import Problem
from planner.plan import Plan, PlannedSession
from planner.report.months import Month, month_of, months_between
from planner.report.presence import Presence


@dataclass(frozen=True)
class CoverageCell:
    department: str
    month: Month
    headcount: int
    minimum: int
    on_duty: int | None  # None: no session in the month
    at: dt.datetime | None = None  # the tightest session start (local time)
    busy: int = 0  # in sessions then
    leave: int = 0
    away: int = 0  # own staff rotating elsewhere or on external study
    at_minimum: int = 0  # session starts in the month with the department at (or below) its minimum
    instants: int = 0  # session starts in the month
    tightest: bool = False  # the department's tightest month (see ``mark_tightest``)

    @property
    def slack(self) -> int | None:
        return None if self.on_duty is None else self.on_duty - self.minimum


@dataclass(frozen=True)
class _Instant:
    at: dt.datetime
    day: dt.date
    busy: frozenset[str]


def _instants(sessions: list[PlannedSession]) -> list[_Instant]:
    """Every distinct session start, with everyone attending or teaching a session running then."""
    timed = []
    for s in sessions:
        try:
            timed.append((dt.datetime.fromisoformat(s.start), dt.datetime.fromisoformat(s.end), s))
        except ValueError:
            continue
    out = []
    for t in sorted({start for start, _, _ in timed}):
        busy: set[str] = set()
        for start, end, s in timed:
            if start <= t < end:
                busy.update(s.attendees)
                busy.add(s.speaker)
        out.append(_Instant(t, t.date(), frozenset(busy)))
    return out


def department_cover(problem: Problem, plan: Plan) -> list[CoverageCell]:
    """One cell per department and horizon month, departments in input order."""
    presence = Presence(problem, plan)
    members: dict[str, set[str]] = defaultdict(set)
    for p in problem.staff:
        members[p.department].add(p.id)
    worst: dict[tuple[str, Month], CoverageCell] = {}
    seen: dict[tuple[str, Month], int] = defaultdict(int)
    tight: dict[tuple[str, Month], int] = defaultdict(int)
    for inst in _instants(plan.sessions):
        pools = presence.on_duty_pool(inst.day)
        month = month_of(inst.day)
        on_leave = presence.on_leave_that_day(inst.day)
        for d in problem.departments:
            pool = pools.get(d.id, frozenset())
            busy = pool & inst.busy
            leave = (pool - busy) & on_leave
            cell = CoverageCell(
                department=d.id, month=month, headcount=len(members[d.id]),
                minimum=d.min_on_duty, on_duty=len(pool) - len(busy) - len(leave),
                at=inst.at, busy=len(busy), leave=len(leave),
                away=len(members[d.id] - pool),
            )
            seen[d.id, month] += 1
            if cell.on_duty <= d.min_on_duty:  # type: ignore[operator]
                tight[d.id, month] += 1
            best = worst.get((d.id, month))
            if best is None or cell.on_duty < best.on_duty:  # type: ignore[operator]
                worst[d.id, month] = cell
    months = months_between(dt.date.fromisoformat(plan.horizon_start),
                            dt.date.fromisoformat(plan.horizon_end))
    cells = [
        replace(worst[d.id, m], at_minimum=tight[d.id, m], instants=seen[d.id, m])
        if (d.id, m) in worst
        else CoverageCell(d.id, m, len(members[d.id]), d.min_on_duty, None)
        for d in problem.departments for m in months
    ]
    return mark_tightest(cells)


def _tightness(c: CoverageCell) -> tuple[int, int]:
    """Smaller is tighter: the smallest slack first, then the most session starts at minimum."""
    return (c.slack if c.slack is not None else 1 << 30, -c.at_minimum)


def mark_tightest(cells: list[CoverageCell]) -> list[CoverageCell]:
    """Flag, per department, its tightest month(s) — unless every month ties, when no month
    stands out (the colour still shows how thin the margin is)."""
    keys: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for c in cells:
        if c.slack is not None:
            keys[c.department].append(_tightness(c))
    out = []
    for c in cells:
        k = keys[c.department]
        tight = c.slack is not None and _tightness(c) == min(k) and min(k) != max(k)
        out.append(replace(c, tightest=True) if tight else c)
    return out
