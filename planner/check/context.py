"""What the checker's rule families share, computed once from the inputs and the plan.

Nothing here comes from the solver: sessions are read back from the plan's own fields (dates and
ISO 8601 times), audiences and speaker pools are re-derived from the courses' "who" filters, and
leave is re-expanded from the unavailability table. Exit exams and teach-back lectures (reserved
course ids, see :mod:`planner.check.synthetic`) get a stand-in course re-derived from the inputs
and the plan's rotations and placements, so they are ordinary entries for every session rule.

Rotators (轮转) join the department they are in that month: for a department-scoped audience a
person counts as staff of the department of their rotation block on the session's day
(:meth:`Context.in_audience`, :meth:`Context.dept_on`).

Held sessions: in a re-plan, sessions dated before the freeze date (``held_before``) took place
as they were planned and cannot change. Rules that judge a session's own circumstances against
today's inputs (working day, room, speaker, attendee availability, coverage then, pins) skip
them (:meth:`Context.held`); rules that count them — parts taken, quotas, hospital rules,
clashes with other sessions — still read them. Rotation blocks and placements that began before
that date are held in the same way (:meth:`Context.begun`). Each family's docstring says which
of its rules skip what is held.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from planner.check import synthetic
from planner.check.timeline import Timeline
from planner.domain import Course, Department, Mode, Problem, Room, Slot, Staff, Unavailability
from planner.plan import Plan, PlannedSession
from planner.workdays import WorkCalendar

#: Figures (hours, credits) closer than this are the same figure.
TOLERANCE = 0.01


def num(x: float) -> str:
    """A figure as the office writes it: ``1.5``, ``24``, ``0`` (two decimals at most)."""
    r = round(x, 2)
    return f"{(r if r != 0 else 0.0):g}"


def parse_time(text: str) -> dt.datetime | None:
    """An ISO 8601 time with a UTC offset, or ``None`` when it is not one."""
    try:
        t = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return t if t.utcoffset() is not None else None


def parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Entry:
    """One planned session of a known in-person course, its date and times read back.

    ``day``, ``start`` and ``end`` are ``None`` when the plan's text is not a date / an ISO 8601
    time with an offset (the ``sessions`` family says so); rules that need them skip the session.
    """

    session: PlannedSession
    course: Course
    day: dt.date | None
    start: dt.datetime | None
    end: dt.datetime | None

    @property
    def timed(self) -> bool:
        return self.start is not None and self.end is not None


def overlaps(a: Entry, b: Entry) -> bool:
    if not (a.timed and b.timed):
        return False
    return a.start < b.end and b.start < a.end  # type: ignore[operator]


def overlapping_pairs(entries: Iterable[Entry]) -> Iterator[tuple[Entry, Entry]]:
    """Every pair of sessions that overlap in time, earlier start first."""
    timed = sorted((e for e in entries if e.timed), key=lambda e: (e.start, e.session.id))
    for i, a in enumerate(timed):
        for b in timed[i + 1:]:
            if b.start >= a.end:  # type: ignore[operator]
                break
            if overlaps(a, b):
                yield a, b


class Context:
    """Lookups every rule family needs."""

    def __init__(self, problem: Problem, calendar: WorkCalendar, plan: Plan,
                 held_before: dt.date | None = None):
        self.problem = problem
        #: sessions dated before this day were held (a re-plan's freeze date); ``None``: none
        self.held_before = held_before
        self.calendar = calendar
        self.plan = plan
        s = problem.settings
        self.settings = s
        self.tz = ZoneInfo(s.timezone)
        self.courses: dict[str, Course] = {c.id: c for c in problem.courses}
        self.staff: dict[str, Staff] = problem.staff_by_id()
        self.rooms: dict[str, Room] = {r.id: r for r in problem.rooms}
        self.departments: dict[str, Department] = {d.id: d for d in problem.departments}
        self.slots: dict[str, Slot] = {x.id: x for x in s.slots}
        self.audience: dict[str, frozenset[str]] = {
            c.id: frozenset(p.id for p in problem.audience(c.audience)) for c in problem.courses
        }
        members: dict[str, list[str]] = defaultdict(list)
        for p in problem.staff:
            members[p.department].append(p.id)
        self.dept_staff: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in members.items()}
        self._leave: dict[str, list[Unavailability]] = defaultdict(list)
        self._closed: dict[str, list[Unavailability]] = defaultdict(list)
        for u in sorted(problem.unavailability, key=lambda u: (u.start, u.end, u.reason)):
            (self._leave if u.kind == "staff" else self._closed)[u.id].append(u)
        self._pools: dict[str, frozenset[str]] = {}
        self.timeline = Timeline(plan)
        #: stand-in courses of the plan's exit exams and teach-back lectures, by course id
        self.synthetic: dict[str, Course] = {}
        names = {d.id: d.name for d in problem.departments}
        for sess in plan.sessions:
            if synthetic.reserved(sess.course) and sess.course not in self.synthetic:
                stand_in = synthetic.stand_in(problem, self.timeline, sess, names)
                if stand_in is not None:
                    self.synthetic[sess.course] = stand_in
                    self.audience[sess.course] = frozenset(
                        p.id for p in problem.audience(stand_in.audience))
        self.entries: list[Entry] = []
        for sess in plan.sessions:
            course = self.courses.get(sess.course) or self.synthetic.get(sess.course)
            if course is None or course.mode is not Mode.IN_PERSON:
                continue
            start, end = parse_time(sess.start), parse_time(sess.end)
            self.entries.append(Entry(sess, course, parse_date(sess.date), start, end))

    # -- what was held ----------------------------------------------------------------------------

    def held(self, session: Entry | PlannedSession) -> bool:
        """Whether the session is dated before ``held_before``: it took place as planned, so
        rules that judge its own circumstances against today's inputs leave it alone."""
        if self.held_before is None:
            return False
        day = session.day if isinstance(session, Entry) else parse_date(session.date)
        return day is not None and day < self.held_before

    def begun(self, start: dt.date) -> bool:
        """Whether a rotation block or placement starting on ``start`` began before
        ``held_before`` (a re-plan keeps it exactly as published)."""
        return self.held_before is not None and start < self.held_before

    def speaker_pool(self, course: Course) -> frozenset[str]:
        """Staff matching the course's speaker filter (empty when it has none)."""
        if course.id not in self._pools:
            who = course.speakers
            self._pools[course.id] = frozenset(
                p.id for p in self.problem.audience(who)) if who is not None else frozenset()
        return self._pools[course.id]

    # -- rotations and external study -----------------------------------------------------------

    def dept_on(self, pid: str, day: dt.date) -> str:
        """The department ``pid`` works in on ``day``: their rotation block's, else their own."""
        s = self.timeline.block_on(pid, day)
        if s is not None:
            return s.row.department
        p = self.staff.get(pid)
        return p.department if p else ""

    def in_audience(self, pid: str, course: Course, day: dt.date | None) -> bool:
        """Whether ``pid`` belongs to ``course``'s audience on ``day``, a rotator counting as staff
        of the department they rotate in that day."""
        p = self.staff.get(pid)
        if p is None:
            return False
        where = self.dept_on(pid, day) if day is not None else p.department
        if where == p.department:
            return pid in self.audience.get(course.id, ())
        return course.audience.matches(replace(p, department=where), self.settings.horizon_start)

    def warned(self, *names: str) -> bool:
        """Whether one of the plan's warnings names every one of ``names`` (staff, seat or
        programme ids as whole words; a name such as 晋升前轮转 anywhere). This is how a plan says
        why something the rules ask for could not be planned."""
        def said(text: str, name: str) -> bool:
            if not name.isascii():
                return name in text
            whole = rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])"
            return re.search(whole, text) is not None
        return any(all(said(w, n) for n in names) for w in self.plan.warnings)

    # -- unavailability -------------------------------------------------------------------------

    def on_leave(self, pid: str, day: dt.date | None) -> Unavailability | None:
        """The leave (staff unavailability) covering ``day``, if any."""
        if day is None:
            return None
        return next((u for u in self._leave.get(pid, ()) if u.start <= day <= u.end), None)

    def room_closed(self, room: str, day: dt.date | None) -> Unavailability | None:
        if day is None:
            return None
        return next((u for u in self._closed.get(room, ()) if u.start <= day <= u.end), None)

    @staticmethod
    def period(u: Unavailability) -> str:
        span = f"{u.start.isoformat()}..{u.end.isoformat()}"
        return f"{u.reason}, {span}" if u.reason else span

    # -- words ------------------------------------------------------------------------------------

    def person(self, pid: str) -> str:
        """``S001 (王建国)``; an outside expert as ``outside expert 张教授``; unknown ids as given."""
        if pid.startswith("ext:"):
            return f"outside expert {pid[4:]}"
        p = self.staff.get(pid)
        return f"{pid} ({p.name})" if p else pid

    def person_dept(self, pid: str) -> str:
        """``S001 (王建国, 内科)``."""
        p = self.staff.get(pid)
        if p is None:
            return self.person(pid)
        d = self.departments.get(p.department)
        return f"{pid} ({p.name}, {d.name if d else p.department})"

    def dept(self, did: str) -> str:
        d = self.departments.get(did)
        return f"{d.name} ({did})" if d else did

    def course_label(self, course: Course) -> str:
        return f"{course.title} ({course.id})"

    def local(self, t: dt.datetime) -> dt.datetime:
        return t.astimezone(self.tz)

    def when(self, e: Entry) -> str:
        """``2026-03-03 16:30`` in the plan's timezone (the plan's date and slot if unreadable)."""
        if e.start is not None:
            return f"{self.local(e.start):%Y-%m-%d %H:%M}"
        return f"{e.session.date} {e.session.slot}"

    def label(self, e: Entry) -> str:
        """``QY#1.1 (全院业务学习) on 2026-03-03 16:30`` — how every session-level message starts."""
        return f"{e.session.id} ({e.course.title}) on {self.when(e)}"

    def window(self, course: Course) -> tuple[dt.date, dt.date]:
        """The course's window clipped to the horizon."""
        s = self.settings
        lo = max(course.window_start or s.horizon_start, s.horizon_start)
        hi = min(course.window_end or s.horizon_end, s.horizon_end)
        return lo, hi
