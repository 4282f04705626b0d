"""Months the timetable showed it cannot live with.

The months phase plans rotation blocks and external study before any session has a time. It
knows what the sessions it brings need (exit exams, teach-backs: :mod:`.days`), but not what
the office's own sessions need of the wards the months empty: a rotation that takes a
department to its minimum leaves its only speaker unable to teach that month; an exit exam whose
week the office has pinned full has no room. Every block and every seat is optional, so such
inputs always have a plan — the refusal would be the planner's, not the hospital's.

So when the timetable finds no plan, :func:`blame` reads its findings
(:mod:`planner.solver.findings`) against the months chosen and names what to avoid: a block
ending in a month whose exit exam had no time, a placement whose teach-back had none, and
people kept in their own department in the months their ward could not spare a speaker. The
months are planned again around them (:func:`planner.solver.months.solve_months` reads
:class:`Avoid`; a block that then fits nowhere is left unplanned and its warning says why), a
few rounds at most; and if the timetable still fails with months planned, it is tried once more
with none (:attr:`Avoid.everything`): only a timetable that fails without any block or seat
makes the inputs impossible.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.domain import EXIT_PREFIX, TEACH_BACK_PREFIX, Problem
from planner.solver.findings import Finding
from planner.solver.months.grid import MonthGrid
from planner.solver.months.result import MonthsResult


@dataclass(frozen=True)
class Avoid:
    """``home``: (person, month) — not away from their own department that month (no block
    elsewhere, no placement touching it); ``no_end``: (person, department, month) — no block
    there ending that month; ``no_seat``: (person, seat, start) — no such placement;
    ``everything``: no block and no placement at all."""

    home: frozenset[tuple[str, int]] = frozenset()
    no_end: frozenset[tuple[str, str, int]] = frozenset()
    no_seat: frozenset[tuple[str, str, dt.date]] = frozenset()
    everything: bool = False

    def __or__(self, other: Avoid) -> Avoid:
        return Avoid(self.home | other.home, self.no_end | other.no_end,
                     self.no_seat | other.no_seat, self.everything or other.everything)

    def __le__(self, other: Avoid) -> bool:
        return (self.home <= other.home and self.no_end <= other.no_end
                and self.no_seat <= other.no_seat and (other.everything or not self.everything))

    def __bool__(self) -> bool:
        return bool(self.home or self.no_end or self.no_seat or self.everything)

    def seat_ok(self, pid: str, seat: str, start: dt.date, months: range) -> bool:
        return not self.everything and (pid, seat, start) not in self.no_seat \
            and not any((pid, k) in self.home for k in months)


NOTHING = Avoid()


def blame(problem: Problem, months: MonthsResult, findings: list[Finding]) -> Avoid:
    """What of ``months`` the ``findings`` (why the timetable failed) point at."""
    s = problem.settings
    grid = MonthGrid(s.horizon_start, s.horizon_end)
    home_of = {p.id: p.department for p in problem.staff}
    home: set[tuple[str, int]] = set()
    no_end: set[tuple[str, str, int]] = set()
    no_seat: set[tuple[str, str, dt.date]] = set()

    def emptied(ward: str, days: tuple[dt.date, ...]) -> None:
        """Keep home, in those months, the people of ``ward`` the months sent elsewhere."""
        ks = {grid.index(d) for d in days}
        for st in months.stays:
            if home_of.get(st.pid) == ward and st.dept != ward:
                home.update((st.pid, k) for k in ks if st.first <= k <= st.last)
        for a in months.placements:
            if home_of.get(a.pid) == ward and any(a.start <= d <= a.end for d in days):
                no_seat.add((a.pid, a.seat.id, a.start))

    for f in findings:
        course = f.course
        if course.startswith(EXIT_PREFIX):
            dept, _, month = course[len(EXIT_PREFIX):].rpartition(":")
            for st in months.stays:
                if st.dept == dept and st.programme.exit_exam and f"{st.end:%Y-%m}" == month:
                    no_end.add((st.pid, dept, st.last))
        elif course.startswith(TEACH_BACK_PREFIX):
            seat, _, pid = course[len(TEACH_BACK_PREFIX):].rpartition(":")
            for a in months.placements:
                if (a.pid, a.seat.id) == (pid, seat):
                    no_seat.add((a.pid, a.seat.id, a.start))
        if f.rule == "ward" and f.day is not None:
            emptied(f.dept, (f.day,))
        for c in f.causes:
            if c.kind == "ward" and c.days:
                emptied(c.dept, c.days)
                speaker = c.people[0] if c.people else ""
                if home_of.get(speaker) not in (None, c.dept):  # the speaker rotates there
                    ks = {grid.index(d) for d in c.days}
                    home.update((speaker, k) for k in ks)
            elif c.kind == "leave" and len(c.people) == 1 and c.lo is not None:
                for a in months.placements:  # the speaker away on external study
                    if a.pid == c.people[0] and (a.start, a.end) == (c.lo, c.hi):
                        no_seat.add((a.pid, a.seat.id, a.start))
    return Avoid(frozenset(home), frozenset(no_end), frozenset(no_seat))
