"""What the months phase reads of the days: working days and slots, leave and room closures.

The month grid counts heads; the sessions the months bring with them — an exit exam in a
block's last week, a teach-back lecture after a return — need a day. This module reads once, from
the inputs and the working-day calendar, what does not depend on the month choices:

* **leave months** — the months in which a person is on leave (``unavailability.csv``) for more
  than half of the working days: a rotation block never includes one (:mod:`.leave`);
* **exam days** — for a rotator finishing a block in a department in a month, the days of the
  block's last 7 days (:data:`EXAM_DAYS`) that are working days with a slot at least as
  long as the exam, with a room open, on which the rotator is not on leave and at least one
  examiner of the department (intermediate title 中级 or above, the rotator excepted) is not on
  leave (:mod:`.exams` adds what the plan decides: examiners rotating or away, who finishes
  with whom, who is on duty, and how many exams one day can hold — :attr:`Days.places`);
* **teach-back days** — whether a returnee can give the teach-back lecture (回院汇报) the plan
  owes: a working day with a lecture slot in the seat's weeks after the return on which they are
  not on leave (:mod:`.seats` offers no placement without one).

Same rules as :mod:`.derive`, which turns the chosen months into these sessions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from collections.abc import Sequence

from planner.domain import ExternalSeat, Grade, Problem, Slot
from planner.solver.months.grid import MonthGrid
from planner.workdays import WorkCalendar

EXAM_DAYS = 7  # an exit exam falls in the last week of a block: end − 6 … end
TEACH_BACK_HOURS = 1.5  # one lecture (at most the longest slot)
_EPS = 1e-6


def _apart(slots: Sequence[Slot]) -> int:
    """The most slots of one day that do not overlap one another."""
    n, end = 0, None
    for x in sorted(slots, key=lambda x: (x.end, x.start)):
        if end is None or x.start >= end:
            n, end = n + 1, x.end
    return n


def teach_back_hours(slots: Sequence[Slot]) -> float:
    """How long a teach-back lecture lasts: one lecture, or the longest slot if shorter."""
    return min(TEACH_BACK_HOURS, max((x.hours for x in slots), default=TEACH_BACK_HOURS))


class Days:
    """The calendar facts of one problem on its month grid (read-only, computed on demand)."""

    def __init__(self, problem: Problem, grid: MonthGrid, calendar: WorkCalendar) -> None:
        self.problem = problem
        self.grid = grid
        self.calendar = calendar
        s = problem.settings
        self.horizon = (s.horizon_start, s.horizon_end)
        leave: dict[str, set[dt.date]] = defaultdict(set)
        closed: dict[str, set[dt.date]] = defaultdict(set)
        for u in problem.unavailability:
            target = leave if u.kind == "staff" else closed
            d = max(u.start, s.horizon_start)
            while d <= min(u.end, s.horizon_end):
                target[u.id].add(d)
                d += dt.timedelta(days=1)
        self.leave: dict[str, frozenset[dt.date]] = {k: frozenset(v) for k, v in leave.items()}
        rooms = [r.id for r in problem.rooms]
        #: the longest slot of each working day of the horizon on which some room is open
        self.longest: dict[dt.date, float] = {}
        #: how many sessions can take place on a day at most: rooms open × slots that do not
        #: overlap (two exit exams of one week compete for them)
        self.places: dict[dt.date, int] = {}
        by_day: dict[dt.date, list[Slot]] = defaultdict(list)
        for p in calendar.time_points(s.slots, s.horizon_start, s.horizon_end):
            by_day[p.date].append(p.slot)
        for day, slots in by_day.items():
            open_rooms = sum(1 for r in rooms if day not in closed.get(r, ()))
            if open_rooms:
                self.longest[day] = max(x.hours for x in slots)
                self.places[day] = open_rooms * _apart(slots)
        self.lecture_hours = teach_back_hours(s.slots)
        examiners: dict[str, list[str]] = defaultdict(list)
        for p in problem.staff:
            if p.grade >= Grade.INTERMEDIATE:
                examiners[p.department].append(p.id)
        #: department → its staff who may examine (中级 or above), by id
        self.examiners: dict[str, tuple[str, ...]] = {
            d: tuple(sorted(v)) for d, v in examiners.items()}
        on_leave: dict[dt.date, list[str]] = defaultdict(list)
        for pid in sorted(self.leave):
            for d in self.leave[pid]:
                on_leave[d].append(pid)
        #: day → the staff on leave that day, by id
        self.on_leave: dict[dt.date, tuple[str, ...]] = {d: tuple(v) for d, v in on_leave.items()}
        home = {p.id: p.department for p in problem.staff}
        by_dept: dict[tuple[str, dt.date], list[str]] = defaultdict(list)
        for d, pids in self.on_leave.items():
            for pid in pids:
                if pid in home:
                    by_dept[home[pid], d].append(pid)
        self._leave_in = {key: tuple(v) for key, v in by_dept.items()}
        self._workdays: dict[int, tuple[dt.date, ...]] = {}
        self._exam_days: dict[tuple[str, str, int, float], tuple[dt.date, ...]] = {}
        self._free: dict[tuple[str, dt.date], tuple[str, ...]] = {}
        self._exam_week_days: dict[tuple[str, int, float],
                                   tuple[tuple[dt.date, tuple[str, ...]], ...]] = {}

    # --- leave ---------------------------------------------------------------------------------

    def away(self, pid: str, day: dt.date) -> bool:
        """Whether ``pid`` is on leave on ``day`` (unavailability; placements are not leave)."""
        return day in self.leave.get(pid, ())

    def workdays(self, k: int) -> tuple[dt.date, ...]:
        """The working days of month ``k`` (inside the horizon)."""
        if k not in self._workdays:
            lo = max(self.grid.first(k), self.horizon[0])
            hi = min(self.grid.last(k), self.horizon[1])
            self._workdays[k] = tuple(self.calendar.workdays_between(lo, hi))
        return self._workdays[k]

    def leave_days(self, pid: str, k: int) -> int:
        """Working days of month ``k`` on which ``pid`` is on leave."""
        mine = self.leave.get(pid)
        return sum(1 for d in self.workdays(k) if d in mine) if mine else 0

    def leave_month(self, pid: str, k: int) -> bool:
        """Whether ``pid`` is on leave for more than half of month ``k``'s working days."""
        return 2 * self.leave_days(pid, k) > len(self.workdays(k))

    # --- exit exams ----------------------------------------------------------------------------

    def exam_week(self, k: int) -> tuple[dt.date, dt.date]:
        """The last :data:`EXAM_DAYS` days of month ``k`` (a block ending in ``k`` ends on its
        last day)."""
        end = self.grid.last(k)
        return end - dt.timedelta(days=EXAM_DAYS - 1), end

    def slot_days(self, lo: dt.date, hi: dt.date, hours: float) -> list[dt.date]:
        """Working days of ``lo … hi`` with a slot of at least ``hours`` and a room open."""
        out, d = [], lo
        while d <= hi:
            if self.longest.get(d, 0.0) + _EPS >= hours:
                out.append(d)
            d += dt.timedelta(days=1)
        return out

    def leave_in(self, dept: str, day: dt.date) -> tuple[str, ...]:
        """Staff of ``dept`` on leave on ``day``."""
        return self._leave_in.get((dept, day), ())

    def free_examiners(self, dept: str, day: dt.date) -> tuple[str, ...]:
        """Staff of ``dept`` at intermediate title or above not on leave on ``day``."""
        key = (dept, day)
        if key not in self._free:
            self._free[key] = tuple(e for e in self.examiners.get(dept, ())
                                    if not self.away(e, day))
        return self._free[key]

    def exam_days(self, pid: str, dept: str, k: int, hours: float) -> tuple[dt.date, ...]:
        """The days an exit exam of ``hours`` for ``pid`` finishing in ``dept`` in month ``k``
        could take place, as far as the calendar and leave tell (module docstring)."""
        key = (pid, dept, k, hours)
        if key not in self._exam_days:
            ward = (dept, k, hours)
            if ward not in self._exam_week_days:
                # the days with a slot and an examiner at work, whoever finishes
                lo, hi = self.exam_week(k)
                self._exam_week_days[ward] = tuple(
                    (d, ex) for d in self.slot_days(lo, hi, hours)
                    if (ex := self.free_examiners(dept, d)))
            mine = self.leave.get(pid, ())
            self._exam_days[key] = tuple(
                d for d, ex in self._exam_week_days[ward]
                if d not in mine and (len(ex) > 1 or ex[0] != pid))
        return self._exam_days[key]

    # --- teach-back ----------------------------------------------------------------------------

    def teach_back_window(self, seat: ExternalSeat, end: dt.date) -> tuple[dt.date, dt.date]:
        return end + dt.timedelta(days=1), end + dt.timedelta(days=7 * seat.teach_back_weeks)

    def teach_back_possible(self, pid: str, seat: ExternalSeat, end: dt.date) -> bool:
        """Whether a placement of ``pid`` on ``seat`` ending on ``end`` leaves the teach-back the
        plan owes a day: true when none is owed — the window runs past the horizon, or holds no
        working day with a lecture slot (the plan then says so in a warning) — and otherwise
        when a working day of the window with a slot of the lecture's length and a room open
        finds the returnee not on leave."""
        lo, hi = self.teach_back_window(seat, end)
        if hi > self.horizon[1]:
            return True
        s = self.problem.settings
        if not self.calendar.time_points(s.slots, lo, hi):
            return True
        return any(not self.away(pid, d) for d in self.slot_days(lo, hi, self.lecture_hours))
