"""The solver's view of a problem: time points, audiences, who is away when, wards — and, once
the timetable has decided them, the sessions (runs).

Everything the constraint modules need is derived here once, from the validated
:class:`~planner.domain.Problem` and the working-day calendar, so the rule modules stay small
and the hot path does no filtering. Nothing here is shared with the checker.

Vocabulary: a course has *parts* (the sessions of a series, e.g. 12 monthly topics) and each part
is given in one or more *runs* (cohorts of a skills training, or repeats of a lecture). Every
audience member attends each part once, in one of its runs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property

from planner.domain import Course, HistoryRow, Mode, Problem, Staff
from planner.solver.findings import Finding
from planner.solver.replan.past import PastWork
from planner.workdays import TimePoint, WorkCalendar

HOURS_EPS = 1e-6


@dataclass(frozen=True)
class Run:
    """One session to place: a run of a part of an in-person course."""

    index: int
    course: Course
    part: int  # 1-based
    run: int  # 1-based
    runs_of_part: int
    topic: str
    seats: int  # capacity the room must offer
    cap: int  # most attendees allowed (cohort size, or the room)
    pool: tuple[str, ...]  # eligible speakers: staff ids, or ("ext:<name>",) for an outside expert
    rooms: tuple[str, ...]  # rooms with the feature and enough seats, smallest first
    candidates: tuple[int, ...]  # indices into Instance.time_points
    fixed_date: bool  # date fixed by a pin, a topic date or the course's date list

    @property
    def key(self) -> str:
        return f"{self.course.id}#{self.part}.{self.run}"

    @property
    def label(self) -> str:
        base = f"{self.course.title} ({self.course.id}) session {self.part}"
        return base if self.runs_of_part == 1 else f"{base}, run {self.run}"


@dataclass
class Instance:
    problem: Problem
    calendar: WorkCalendar
    time_points: list[TimePoint]
    runs: list[Run]
    online: list[Course]
    audience: dict[str, tuple[str, ...]]  # course id → staff ids (sorted)
    staff: dict[str, Staff]
    dept_staff: dict[str, tuple[str, ...]]
    min_on_duty: dict[str, int]
    person_off: dict[str, frozenset[dt.date]]  # leave and other unavailability of staff
    room_off: dict[str, frozenset[dt.date]]
    instants: list[tuple[int, ...]] = field(default_factory=list)  # time points that clash
    problems: list[Finding] = field(default_factory=list)  # sessions that cannot be placed at all
    # Rotators (phase 0): person → (start, end, department) of each rotation block.
    hosts: dict[str, tuple[tuple[dt.date, dt.date, str], ...]] = field(default_factory=dict)
    # Re-planning: the published plan's past (kept) and future (kept where possible).
    past: PastWork | None = None
    # External study (phase 0): person → (credits it earns, whether it counts as the full year).
    external: dict[str, tuple[float, bool]] = field(default_factory=dict)
    _wards: dict[tuple[str, dt.date], tuple[frozenset[str], int]] = field(
        default_factory=dict, repr=False)
    _speaker_free: dict[tuple[str, dt.date], bool] = field(default_factory=dict, repr=False)
    _rotations_by_day: dict[dt.date, tuple[dict[str, str], dict[str, list[str]]]] = field(
        default_factory=dict, repr=False)

    def speaker_free(self, pid: str, day: dt.date) -> bool:
        """Whether ``pid`` may give a session on ``day``: an outside expert always; a member of
        staff when not on leave (or away) that day and when the ward they are on that day can
        spare one more person — teaching takes the speaker off duty as training does. (Sessions
        at the same time are left to the attendance phase's coverage rule.)"""
        key = (pid, day)
        known = self._speaker_free.get(key)
        if known is None:
            known = self._speaker_free[key] = self._is_speaker_free(pid, day)
        return known

    def _is_speaker_free(self, pid: str, day: dt.date) -> bool:
        if pid.startswith("ext:") or pid not in self.staff:
            return True
        if day in self.person_off.get(pid, ()):
            return False
        members, spare = self.ward(self.dept_on(pid, day), day)
        return pid not in members or spare >= 1

    def ward(self, dept: str, day: dt.date) -> tuple[frozenset[str], int]:
        """(the people on ``dept``'s roster on ``day``, how many of them may leave the ward
        beyond those on leave or away)."""
        key = (dept, day)
        if key not in self._wards:
            members = self.roster(dept, day)
            off = sum(1 for p in members if day in self.person_off.get(p, ()))
            self._wards[key] = (frozenset(members), len(members) - self.min_on_duty[dept] - off)
        return self._wards[key]

    def roster(self, dept: str, day: dt.date) -> list[str]:
        """The people on ``dept``'s roster on ``day``: its own people not rotating elsewhere,
        plus the rotators placed in it where its settings say rotators count on duty."""
        here = self._rotating_on(day)
        own = [p for p in self.dept_staff[dept] if p not in self.hosts or here[p] == dept]
        if self.hosts and self.counts_rotators(dept):
            own += self._guests_on(day).get(dept, [])
        return own

    def _rotating_on(self, day: dt.date) -> dict[str, str]:
        """Where each rotator works on ``day`` (cached per day: every ward asks)."""
        return self._rotation_day(day)[0]

    def _guests_on(self, day: dt.date) -> dict[str, list[str]]:
        """By department, the rotators from elsewhere placed in it on ``day``, sorted."""
        return self._rotation_day(day)[1]

    def _rotation_day(self, day: dt.date) -> tuple[dict[str, str], dict[str, list[str]]]:
        known = self._rotations_by_day.get(day)
        if known is None:
            where = {p: self.dept_on(p, day) for p in sorted(self.hosts)}
            guests: dict[str, list[str]] = {}
            for p, dept in where.items():
                if self.staff[p].department != dept:
                    guests.setdefault(dept, []).append(p)
            known = self._rotations_by_day[day] = (where, guests)
        return known

    def counts_rotators(self, dept: str) -> bool:
        """Whether rotators placed in ``dept`` count toward its minimum on duty."""
        return self._rotators_count[dept]

    @cached_property
    def _rotators_count(self) -> dict[str, bool]:
        return {d.id: d.rotators_count_on_duty for d in self.problem.departments}

    def dept_on(self, pid: str, day: dt.date) -> str:
        """The department a person works in on ``day``: where they rotate, else their own."""
        for start, end, dept in self.hosts.get(pid, ()):
            if start <= day <= end:
                return dept
        return self.staff[pid].department

    def in_audience(self, course: Course, pid: str, day: dt.date) -> bool:
        """Whether ``pid`` belongs to ``course``'s audience on ``day``: a rotator joins the
        department-scoped audiences of the department they are in that month (and leaves their
        own department's while away)."""
        if pid not in self.hosts or not dept_scoped(course):
            return pid in self.audience_set[course.id]
        person = replace(self.staff[pid], department=self.dept_on(pid, day))
        return course.audience.matches(person, self.problem.settings.horizon_start)

    @cached_property
    def part_runs(self) -> dict[tuple[str, int], tuple[Run, ...]]:
        """(course id, part) → its runs."""
        out: dict[tuple[str, int], list[Run]] = defaultdict(list)
        for r in self.runs:
            out[r.course.id, r.part].append(r)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def audience_set(self) -> dict[str, frozenset[str]]:
        return {k: frozenset(v) for k, v in self.audience.items()}

    @cached_property
    def audience_of(self) -> dict[str, tuple[str, ...]]:
        """Staff id → the in-person courses whose audience they are in (sorted)."""
        out: dict[str, list[str]] = {pid: [] for pid in self.staff}
        for c in sorted(self.problem.courses, key=lambda c: c.id):
            if c.mode is Mode.IN_PERSON:
                for pid in self.audience[c.id]:
                    out[pid].append(c.id)
        return {pid: tuple(v) for pid, v in out.items()}

    @cached_property
    def room_capacity(self) -> dict[str, int]:
        return {r.id: r.capacity for r in self.problem.rooms}

    def runs_of(self, course_id: str) -> list[Run]:
        return [r for r in self.runs if r.course.id == course_id]

    def tp_instants(self) -> dict[int, list[int]]:
        """Time point → indices of the instants it belongs to."""
        return self.point_instants

    @cached_property
    def history_of(self) -> dict[str, tuple[HistoryRow, ...]]:
        """Staff id → their history rows (with a re-plan's held sessions: tens of thousands of
        rows at hospital scale, so each person's are found once, not by a scan per person)."""
        out: dict[str, list[HistoryRow]] = defaultdict(list)
        for h in self.problem.history:
            out[h.staff_id].append(h)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def point_instants(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i, inst in enumerate(self.instants):
            for t in inst:
                out[t].append(i)
        return out


def dept_scoped(course: Course) -> bool:
    """An in-person course whose audience is chosen by department."""
    who = course.audience
    return course.mode is Mode.IN_PERSON and (who.departments is not None
                                              or bool(who.not_departments))


def _dates_between(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def _off_days(problem: Problem, kind: str) -> dict[str, frozenset[dt.date]]:
    days: dict[str, set[dt.date]] = defaultdict(set)
    for u in problem.unavailability:
        if u.kind == kind:
            days[u.id].update(_dates_between(u.start, u.end))
    return {k: frozenset(v) for k, v in days.items()}


def build_instance(problem: Problem, calendar: WorkCalendar,
                   hosts: dict[str, tuple[tuple[dt.date, dt.date, str], ...]] | None = None,
                   past: PastWork | None = None) -> Instance:
    """``hosts`` (from phase 0) adds rotators to the department-scoped audiences of the
    departments they rotate in; :meth:`Instance.in_audience` then says on which days.
    ``past`` (re-planning): only times from the freeze date on are open, and what was held
    before it is not planned again (:mod:`planner.solver.replan.past`)."""
    s = problem.settings
    staff = problem.staff_by_id()
    time_points = calendar.time_points(s.slots)
    if past is not None:
        time_points = [tp for tp in time_points if tp.date >= past.freeze_until]
    dept_staff: dict[str, list[str]] = defaultdict(list)
    for p in problem.staff:
        dept_staff[p.department].append(p.id)
    hosts = hosts or {}
    audience = {}
    for c in problem.courses:
        members = {p.id for p in problem.audience(c.audience)}
        if hosts and dept_scoped(c):
            members.update(
                pid for pid, stays in hosts.items() for _, _, dept in stays
                if c.audience.matches(replace(staff[pid], department=dept), s.horizon_start))
        audience[c.id] = tuple(sorted(members))
    inst = Instance(
        problem=problem,
        calendar=calendar,
        time_points=time_points,
        runs=[],
        online=[c for c in problem.courses if c.mode is Mode.ONLINE],
        audience=audience,
        staff=staff,
        dept_staff={d.id: tuple(sorted(dept_staff.get(d.id, ()))) for d in problem.departments},
        min_on_duty={d.id: d.min_on_duty for d in problem.departments},
        person_off=_off_days(problem, "staff"),
        room_off=_off_days(problem, "room"),
        hosts=dict(hosts),
        past=past,
    )
    inst.instants = _instants(time_points)
    return inst


def _instants(time_points: list[TimePoint]) -> list[tuple[int, ...]]:
    """Groups of time points on one day whose slots overlap (all clash with each other)."""
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for i, tp in enumerate(time_points):
        by_day[tp.date].append(i)
    out: list[tuple[int, ...]] = []
    for day in sorted(by_day):
        idx = by_day[day]
        seen: set[tuple[int, ...]] = set()
        for i in idx:
            start = time_points[i].slot.start
            clique = tuple(
                j for j in idx if time_points[j].slot.start <= start < time_points[j].slot.end
            )
            if clique not in seen:
                seen.add(clique)
                out.append(clique)
    return out
