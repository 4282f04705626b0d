"""Who is where, when: the plan's rotation blocks and external-study placements read back.

The month-level families (rotations, exit exams, external study, teach-back, monthly coverage)
and the session-level ones (people, coverage) all need to know in which department a rotator is
on a given day and who is away on external study. Everything is parsed again from the plan's own
ISO dates; rows whose dates cannot be read, or run backwards, are left out here (the rotations
and external study families report them), so no lookup ever guesses.

Calendar-month arithmetic lives here too, written out for the checker: it is the second opinion
and shares no code with the solver's month grid.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from planner.plan import Placement, Plan, RotationBlock

#: A calendar month as (year, month).
Month = tuple[int, int]


def parse_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def month_of(day: dt.date) -> Month:
    return day.year, day.month


def first_day(m: Month) -> dt.date:
    return dt.date(m[0], m[1], 1)


def next_month(m: Month) -> Month:
    return (m[0] + 1, 1) if m[1] == 12 else (m[0], m[1] + 1)


def last_day(m: Month) -> dt.date:
    return first_day(next_month(m)) - dt.timedelta(days=1)


def months_touched(start: dt.date, end: dt.date) -> list[Month]:
    """Every calendar month with at least one day in ``start … end`` (inclusive)."""
    out: list[Month] = []
    m = month_of(start)
    while first_day(m) <= end:
        out.append(m)
        m = next_month(m)
    return out


def plus_months(day: dt.date, n: int) -> dt.date:
    """``day`` moved ``n`` calendar months on, the day of month clipped to the month's length
    (31 January + 1 month = 28/29 February)."""
    k = day.year * 12 + (day.month - 1) + n
    m: Month = (k // 12, k % 12 + 1)
    return first_day(m).replace(day=min(day.day, last_day(m).day))


def label(m: Month) -> str:
    """``2027-03``."""
    return f"{m[0]}-{m[1]:02d}"


def span(start: dt.date, end: dt.date) -> str:
    return f"{start.isoformat()}..{end.isoformat()}"


@dataclass(frozen=True)
class Stint:
    """A rotation block of the plan with its dates read back."""

    row: RotationBlock
    start: dt.date
    end: dt.date

    @property
    def months(self) -> list[Month]:
        return months_touched(self.start, self.end)


@dataclass(frozen=True)
class Away:
    """A placement (external study) of the plan with its dates read back."""

    row: Placement
    start: dt.date
    end: dt.date


class Timeline:
    """Rotation blocks and placements of one plan, by person."""

    def __init__(self, plan: Plan):
        self.stints: dict[str, list[Stint]] = defaultdict(list)
        self.away: dict[str, list[Away]] = defaultdict(list)
        for r in plan.rotations:
            a, b = parse_day(r.start), parse_day(r.end)
            if a is not None and b is not None and a <= b:
                self.stints[r.staff].append(Stint(r, a, b))
        for p in plan.placements:
            a, b = parse_day(p.start), parse_day(p.end)
            if a is not None and b is not None and a <= b:
                self.away[p.staff].append(Away(p, a, b))
        for items in (*self.stints.values(), *self.away.values()):
            items.sort(key=lambda x: (x.start, x.end))
        self._placed: dict[tuple[str, Month], set[str]] = defaultdict(set)
        for pid, stints in self.stints.items():
            for s in stints:
                for m in s.months:
                    self._placed[s.row.department, m].add(pid)

    def block_on(self, pid: str, day: dt.date) -> Stint | None:
        """The rotation block ``pid`` is in on ``day``, if any."""
        return next((s for s in self.stints.get(pid, ()) if s.start <= day <= s.end), None)

    def away_on(self, pid: str, day: dt.date) -> Away | None:
        """The placement ``pid`` is away on on ``day``, if any."""
        return next((a for a in self.away.get(pid, ()) if a.start <= day <= a.end), None)

    def blocks_in(self, pid: str, m: Month) -> list[Stint]:
        return [s for s in self.stints.get(pid, ()) if m in s.months]

    def away_in(self, pid: str, m: Month) -> Away | None:
        """A placement of ``pid`` with at least one day in month ``m``."""
        lo, hi = first_day(m), last_day(m)
        return next((a for a in self.away.get(pid, ()) if a.start <= hi and lo <= a.end), None)

    def rotators_in(self, dept: str, m: Month) -> list[str]:
        """Everyone in a rotation block in ``dept`` in month ``m``, sorted."""
        return sorted(self._placed.get((dept, m), ()))

    def rotators_on(self, dept: str, day: dt.date) -> list[str]:
        """Everyone in a rotation block in ``dept`` on ``day``, sorted."""
        return sorted(pid for pid in self._placed.get((dept, month_of(day)), ())
                      if (s := self.block_on(pid, day)) is not None and s.row.department == dept)
