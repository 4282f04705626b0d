"""Where each person is on a given day: at home, rotating in another department, away on
external study (进修), or on leave.

The Gantt chart draws the away periods; the coverage table counts who is left on duty. Both read
the same periods from here, so the chart and the table can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from planner.domain import Problem
from planner.plan import Plan

ROTATION = "rotation"
EXTERNAL = "external"


@dataclass(frozen=True)
class AwayPeriod:
    """A rotation block (in ``department``) or an external-study placement (``department`` empty);
    dates inclusive. ``label`` is the programme, or the partner hospital and specialty."""

    staff: str
    kind: str
    department: str
    label: str
    start: dt.date
    end: dt.date


def away_periods(plan: Plan) -> list[AwayPeriod]:
    periods = [
        AwayPeriod(r.staff, ROTATION, r.department, r.programme,
                   dt.date.fromisoformat(r.start), dt.date.fromisoformat(r.end))
        for r in plan.rotations
    ] + [
        AwayPeriod(p.staff, EXTERNAL, "", f"{p.partner} · {p.specialty}",
                   dt.date.fromisoformat(p.start), dt.date.fromisoformat(p.end))
        for p in plan.placements
    ]
    return sorted(periods, key=lambda a: (a.staff, a.start, a.end, a.kind, a.department))


class Presence:
    """Answers "which department is this person working in today, and are they on leave?"."""

    def __init__(self, problem: Problem, plan: Plan):
        self.home = {p.id: p.department for p in problem.staff}
        self._periods: dict[str, list[AwayPeriod]] = defaultdict(list)
        for a in away_periods(plan):
            self._periods[a.staff].append(a)
        self._leave: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        for u in problem.unavailability:
            if u.kind == "staff":
                self._leave[u.id].append((u.start, u.end))
        self.rotators_count = {d.id: d.rotators_count_on_duty for d in problem.departments}
        self._pools: dict[dt.date, dict[str, frozenset[str]]] = {}
        self._leave_days: dict[dt.date, frozenset[str]] = {}
        stay_home: dict[str, set[str]] = defaultdict(set)  # people never away: always at home
        for pid, home in self.home.items():
            if pid not in self._periods:
                stay_home[home].add(pid)
        self._stay_home = {d: frozenset(v) for d, v in stay_home.items()}

    def working_in(self, pid: str, day: dt.date) -> str | None:
        """The department ``pid`` works in on ``day``; ``None`` while on external study."""
        for a in self._periods.get(pid, ()):
            if a.start <= day <= a.end:
                return a.department or None
        return self.home.get(pid)

    def on_leave(self, pid: str, day: dt.date) -> bool:
        return any(lo <= day <= hi for lo, hi in self._leave.get(pid, ()))

    def on_leave_that_day(self, day: dt.date) -> frozenset[str]:
        """Everyone on leave on ``day`` (cached per day: a coverage table asks for every
        department at every session start)."""
        if day not in self._leave_days:
            self._leave_days[day] = frozenset(pid for pid, spans in self._leave.items()
                                              if any(lo <= day <= hi for lo, hi in spans))
        return self._leave_days[day]

    def on_duty_pool(self, day: dt.date) -> dict[str, frozenset[str]]:
        """Per department, the people who count towards its cover on ``day`` before sessions and
        leave are taken out: its own staff who are not away, plus incoming rotators where the
        department counts them. Cached per day: every session of a day asks again."""
        if day not in self._pools:
            pools: dict[str, set[str]] = defaultdict(set)
            for d, people in self._stay_home.items():
                pools[d].update(people)
            for pid in self._periods:
                home = self.home.get(pid)
                if home is None:
                    continue
                where = self.working_in(pid, day)
                if where is not None and (where == home or self.rotators_count.get(where, True)):
                    pools[where].add(pid)
            self._pools[day] = {d: frozenset(v) for d, v in pools.items()}
        return self._pools[day]
