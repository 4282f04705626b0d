"""Relaxations: changes to the inputs that would lift a conflict, each one tried before it is
offered.

For every rule instance of a diagnosis (:class:`~planner.solver.findings.Finding`) the
candidates are the inputs that instance reads, loosened one step: a course window a little
wider, one session fewer, a repeat more, a date added, a pin's date, room or speaker left to the
planner, a leave or a room closure lifted, a colleague added to the speakers, a department's
minimum on duty or a hospital rule's minimum one lower. Candidates on one knob form a *group*
tried in order, mildest first; the first that works is kept and the rest of its group skipped.

A candidate is kept only when the phases, run again on the changed inputs
(:func:`planner.explain.phases.through_timetable`), find a timetable — a relaxation is never
offered on the strength of the model alone. When no single change lifts everything (two
independent conflicts), a change is still reported if the conflict it was made for is gone.

The months' warnings (a rotation block or a seat left unplanned) are offered changes of their
own, tried the same way on the months phase (:mod:`planner.explain.months`): a department's
rotator capacity, a programme's months, its exit exam, a seat's start window, teach-back weeks
or years of service, and part of a leave (:data:`MONTHS_KINDS`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from planner.domain import RESERVED_PREFIXES, Course, Mode, Problem, RotationPlaces, Who
from planner.solver.findings import Cause, Finding
from planner.workdays import WorkCalendar

HOURS_EPS = 1e-6


@dataclass(frozen=True)
class Relaxation:
    """One change to the inputs (``kind``) with what it changes from (``old``) and to
    (``new``); see :func:`apply`."""

    kind: str
    course: str = ""
    part: int = 0
    run: int = 0
    dept: str = ""
    person: str = ""
    room: str = ""
    rule_index: int = -1
    old: object = None
    new: object = None
    lo: dt.date | None = None
    hi: dt.date | None = None
    text: str = ""

    @property
    def group(self) -> tuple[object, ...]:
        """Candidates on the same knob: only the first that works is offered (a person's
        leave, shortened or lifted, is one knob)."""
        if self.kind in ("free", "shorten-leave"):
            return ("leave", self.person)
        return (self.kind, self.course, self.part, self.run, self.dept, self.rule_index,
                self.person if self.kind in ("free", "topic-speaker") else "",
                self.room if self.kind == "reopen" else "")


# --- applying a relaxation ----------------------------------------------------------------------


def apply(problem: Problem, r: Relaxation) -> Problem:
    """``problem`` with the change ``r`` made."""
    k = r.kind
    if k in ("window-end", "window-start", "frequency", "repeats", "add-date", "hours",
             "add-speaker"):
        return _course(problem, r.course, _COURSE_CHANGES[k](r))
    if k == "sessions":
        n = int(r.new)  # type: ignore[call-overload]
        p = _course(problem, r.course, lambda c: replace(c, parts=n))
        return replace(p, topics=tuple(t for t in p.topics
                                       if not (t.course == r.course and t.part > n)),
                       pins=tuple(x for x in p.pins if not (x.course == r.course and x.part > n)))
    if k in ("unpin-date", "unpin-room", "unpin-speaker"):
        fields = {"unpin-date": {"date": None, "slot": ""}, "unpin-room": {"room": ""},
                  "unpin-speaker": {"speaker": ""}}[k]
        return replace(problem, pins=tuple(
            replace(x, **fields) if (x.course, x.part, x.run) == (r.course, r.part, r.run)
            else x for x in problem.pins))
    if k in ("reopen", "free"):
        kind, who = ("room", r.room) if k == "reopen" else ("staff", r.person)
        return replace(problem, unavailability=tuple(
            u for u in problem.unavailability
            if not (u.kind == kind and u.id == who and u.start == r.lo and u.end == r.hi)))
    if k == "topic-speaker":
        return replace(problem, topics=tuple(
            replace(t, speaker=r.person) if (t.course, t.part) == (r.course, r.part) else t
            for t in problem.topics))
    if k == "minimum":
        low = int(r.new)  # type: ignore[call-overload]
        return replace(problem, departments=tuple(
            replace(d, min_on_duty=low) if d.id == r.dept else d for d in problem.departments))
    if k == "optional-block":
        return replace(problem, blocks=tuple(
            replace(b, required=False) if (b.programme, b.block) == (r.course, r.part) else b
            for b in problem.blocks))
    if k in ("rotation-capacity", "rotation-minimum"):
        assert r.lo is not None and r.hi is not None
        # a later row overrides the months it covers (planner.solver.months.places)
        row = (RotationPlaces(r.dept, r.lo, r.hi, capacity=int(r.new))  # type: ignore[call-overload]
               if k == "rotation-capacity" else
               RotationPlaces(r.dept, r.lo, r.hi, minimum=int(r.new)))  # type: ignore[call-overload]
        return replace(problem, rotation_places=(*problem.rotation_places, row))
    if k in MONTHS_KINDS:
        return _months_change(problem, r)
    if k == "rule-minimum":
        s = problem.settings
        rules = list(s.rules)
        if r.new == 0:
            del rules[r.rule_index]
        else:
            low = int(r.new)  # type: ignore[call-overload]
            rules[r.rule_index] = replace(rules[r.rule_index], minimum=low)
        return replace(problem, settings=replace(s, rules=tuple(rules)))
    raise ValueError(f"unknown relaxation {k!r}")


#: Changes to what the months phase reads (``course`` holds the programme or seat id).
MONTHS_KINDS = ("capacity", "programme-end", "programme-start", "exit-exam", "shorten-leave",
                "seat-latest", "seat-earliest", "teach-back-weeks", "seat-years")


def _months_change(problem: Problem, r: Relaxation) -> Problem:
    """A change of :data:`MONTHS_KINDS`: ``capacity`` a department's rotators a month (``new``);
    ``programme-end`` / ``-start`` a programme's last or first day; ``exit-exam`` a programme
    without exit exams; ``shorten-leave`` the leave row ``old`` (first, last day) of ``person``
    without the days ``lo`` … ``hi``; ``seat-latest`` / ``-earliest`` a seat's start window;
    ``teach-back-weeks``, ``seat-years`` its teach-back weeks or years of service."""
    k = r.kind
    if k == "capacity":
        cap = int(r.new)  # type: ignore[call-overload]
        return replace(problem, departments=tuple(
            replace(d, rotator_capacity=cap) if d.id == r.dept else d
            for d in problem.departments))
    if k in ("programme-end", "programme-start", "exit-exam"):
        change: dict[str, Any] = ({"end": r.new} if k == "programme-end" else
                                  {"start": r.new} if k == "programme-start" else
                                  {"exit_exam": False})
        return replace(problem, programmes=tuple(
            replace(g, **change) if g.id == r.course else g for g in problem.programmes))
    if k == "shorten-leave":
        assert r.lo is not None and r.hi is not None and isinstance(r.old, tuple)
        rows: list = []
        for u in problem.unavailability:
            if not (u.kind == "staff" and u.id == r.person and (u.start, u.end) == r.old):
                rows.append(u)
                continue
            if u.start < r.lo:
                rows.append(replace(u, end=r.lo - dt.timedelta(days=1)))
            if r.hi < u.end:
                rows.append(replace(u, start=r.hi + dt.timedelta(days=1)))
        return replace(problem, unavailability=tuple(rows))
    name = {"seat-latest": "start_latest", "seat-earliest": "start_earliest",
            "teach-back-weeks": "teach_back_weeks", "seat-years": "min_years"}[k]
    seat: dict[str, Any] = {name: r.new}
    return replace(problem, seats=tuple(replace(x, **seat) if x.id == r.course else x
                                        for x in problem.seats))


def _course(problem: Problem, cid: str, change: Callable[[Course], Course]) -> Problem:
    return replace(problem, courses=tuple(change(c) if c.id == cid else c
                                          for c in problem.courses))


def _add_speaker(r: Relaxation) -> Callable[[Course], Course]:
    def change(c: Course) -> Course:
        ids = frozenset(r.old or ()) | {r.person}  # type: ignore[arg-type]
        return replace(c, speakers=Who("id=" + ",".join(sorted(ids)), ids=ids))
    return change


_COURSE_CHANGES: dict[str, Callable[[Relaxation], Callable[[Course], Course]]] = {
    "window-end": lambda r: lambda c: replace(c, window_end=r.new),
    "window-start": lambda r: lambda c: replace(c, window_start=r.new),
    "frequency": lambda r: lambda c: replace(c, frequency=""),
    "repeats": lambda r: lambda c: replace(c, repeats=r.new),
    "add-date": lambda r: lambda c: replace(c, dates=tuple(sorted({*c.dates, r.new}))),
    "hours": lambda r: lambda c: replace(c, hours=r.new),
    "add-speaker": _add_speaker,
}


# --- candidates ---------------------------------------------------------------------------------


class Candidates:
    """The candidate relaxations of a diagnosis, in a deterministic order (the findings' order,
    then each finding's knobs, mildest first)."""

    #: steps tried on one numeric knob (a minimum, a rule, repeats, sessions)
    STEPS = 3

    def __init__(self, problem: Problem, calendar: WorkCalendar, findings: list[Finding]):
        self.problem = problem
        self.calendar = calendar
        self.findings = findings
        self.courses = {c.id: c for c in problem.courses}
        self.out: list[tuple[Relaxation, Finding]] = []
        self._seen: set[Relaxation] = set()

    def all(self) -> list[tuple[Relaxation, Finding]]:
        for f in self.findings:
            self._finding(f)
        return self.out

    def add(self, r: Relaxation, f: Finding) -> None:
        if r not in self._seen:
            self._seen.add(r)
            self.out.append((r, f))

    def _finding(self, f: Finding) -> None:
        rule = f.rule
        if rule in ("part", "order", "no-time"):
            self._course_knobs(f, f.course, f.part, f.causes)
            if rule == "order":
                self._course_knobs(f, f.course, f.other_part, ())
        elif rule in ("pin", "pin-no-time"):
            self._pin(f)
            self._course_knobs(f, f.course, f.part, f.causes, pinned=True)
        elif rule == "runs":
            self._repeats(f, f.course, 1)
        elif rule == "rooms" and f.day is not None:
            for u in self.problem.unavailability:
                if u.kind == "room" and u.start <= f.day <= u.end:
                    self.add(Relaxation("reopen", room=u.id, lo=u.start, hi=u.end,
                                        text=u.reason), f)
        elif rule == "speakers":
            for other in self.findings:
                if other.rule in ("part", "pin") and other.course in self.courses:
                    self._speaker(f, other.course, other.part, set(f.people))
        elif rule == "ward":
            self._minimum(f, f.dept)
        elif rule in ("year-rule", "month-rule"):
            self._rule(f)
        elif rule == "no-speaker":
            self._speaker(f, f.course, f.part, set())
        elif rule == "exam":
            for c in f.causes:
                if c.kind == "spare":
                    self._minimum(f, c.dept)
        elif rule == "rotation-block":
            self.add(Relaxation("optional-block", course=f.course, part=f.part,
                                person=f.people[0]), f)
        elif rule in ("rotation-capacity", "rotation-minimum") and f.causes:
            span, sign = f.causes[0], (1 if rule == "rotation-capacity" else -1)
            for step in range(1, self.STEPS + 1):
                new = f.count + sign * step
                if new >= 0:
                    self.add(Relaxation(rule, dept=f.dept, lo=span.lo, hi=span.hi,
                                        old=f.count, new=new), f)
        elif rule == "rotation-coverage":
            self._minimum(f, f.dept)
        for c in f.causes:
            self._cause(f, c)

    # --- per knob -------------------------------------------------------------------------------

    def _course_knobs(self, f: Finding, cid: str, part: int, causes: tuple[Cause, ...],
                      pinned: bool = False) -> None:
        course = self.courses.get(cid)
        if course is None or cid.startswith(RESERVED_PREFIXES) or course.mode is Mode.ONLINE:
            return
        s = self.problem.settings
        period = any(c.kind == "period" for c in causes)
        if course.frequency and (period or f.rule in ("part", "order")):
            self.add(Relaxation("frequency", course=cid, old=course.frequency), f)
        if course.parts > 1 and (period or f.rule in ("part", "order")):
            for n in range(course.parts - 1, max(0, course.parts - 1 - self.STEPS), -1):
                self.add(Relaxation("sessions", course=cid, old=course.parts, new=n), f)
        if course.dates:
            for day in self._more_dates(course):
                self.add(Relaxation("add-date", course=cid, new=day), f)
        end = course.window_end
        if end is not None and end < s.horizon_end:
            for new in self._later(end, course.hours):
                self.add(Relaxation("window-end", course=cid, old=end, new=new), f)
        start = course.window_start
        if start is not None and start > s.horizon_start:
            for new in self._earlier(start, course.hours):
                self.add(Relaxation("window-start", course=cid, old=start, new=new), f)
        span = next((c for c in causes if c.kind == "span"), None)
        if span is not None and not span.count and not pinned:
            longest = self._longest_slot(span)
            if 0 < longest < course.hours:
                self.add(Relaxation("hours", course=cid, old=course.hours, new=longest), f)
        if f.rule in ("part", "order"):
            self._leave_of_speakers(f, course, part)
            if f.rule == "order":
                self._leave_of_speakers(f, course, f.other_part)
        if f.rule == "no-time" and any(c.kind == "speakers" for c in causes):
            pool = next(c.people for c in causes if c.kind == "speakers")
            self._speaker(f, cid, part, set(pool))

    def _leave_of_speakers(self, f: Finding, course: Course, part: int) -> None:
        """The leave of a part's speakers inside its window (a part in a clashing set may be
        squeezed by its speaker's leave even though some time is left)."""
        topic = next((t for t in self.problem.topics
                      if t.course == course.id and t.part == part and t.speaker), None)
        pool = ([topic.speaker] if topic is not None else
                sorted(p.id for p in self.problem.audience(course.speakers))
                if course.speakers is not None else [])
        s = self.problem.settings
        lo = course.window_start or s.horizon_start
        hi = course.window_end or s.horizon_end
        rows = [u for u in self.problem.unavailability
                if u.kind == "staff" and u.id in pool and u.start <= hi and lo <= u.end]
        for u in rows[:2]:
            self.add(Relaxation("free", person=u.id, lo=u.start, hi=u.end, text=u.reason), f)

    def _pin(self, f: Finding) -> None:
        pin = next((p for p in self.problem.pins
                    if (p.course, p.part, p.run) == (f.course, f.part, f.run)), None)
        if pin is None:
            return
        if pin.date is not None or pin.slot:
            self.add(Relaxation("unpin-date", course=f.course, part=f.part, run=f.run), f)
        if pin.room:
            self.add(Relaxation("unpin-room", course=f.course, part=f.part, run=f.run,
                                room=pin.room), f)
        if pin.speaker:
            self.add(Relaxation("unpin-speaker", course=f.course, part=f.part, run=f.run,
                                person=pin.speaker), f)

    def _cause(self, f: Finding, c: Cause) -> None:
        if c.kind == "leave" and len(c.people) == 1 and c.lo is not None and not c.hours:
            if any(u.kind == "staff" and u.id == c.people[0] and (u.start, u.end) == (c.lo, c.hi)
                   for u in self.problem.unavailability):
                self.add(Relaxation("free", person=c.people[0], lo=c.lo, hi=c.hi,
                                    text=c.text), f)
        elif c.kind == "ward":
            self._minimum(f, c.dept)
        elif c.kind == "closed" and c.lo is not None:
            self.add(Relaxation("reopen", room=c.rooms[0], lo=c.lo, hi=c.hi, text=c.text), f)

    def _minimum(self, f: Finding, dept: str) -> None:
        d = next((x for x in self.problem.departments if x.id == dept), None)
        if d is None:
            return
        for new in range(d.min_on_duty - 1, max(-1, d.min_on_duty - 1 - self.STEPS), -1):
            self.add(Relaxation("minimum", dept=dept, old=d.min_on_duty, new=new), f)

    def _repeats(self, f: Finding, cid: str, need: int) -> None:
        course = self.courses.get(cid)
        if course is None or course.cohort_size or cid.startswith(RESERVED_PREFIXES):
            return
        for step in range(max(1, need), max(1, need) + self.STEPS):
            self.add(Relaxation("repeats", course=cid, old=course.repeats,
                                new=course.repeats + step), f)

    def _rule(self, f: Finding) -> None:
        rules = self.problem.settings.rules
        if not 0 <= f.rule_index < len(rules):
            return
        rule = rules[f.rule_index]
        lows = list(range(rule.minimum - 1, max(-1, rule.minimum - 1 - self.STEPS), -1))
        if 0 not in lows:
            lows.append(0)
        for new in lows:
            self.add(Relaxation("rule-minimum", rule_index=f.rule_index, old=rule.minimum,
                                new=new), f)
        for c in sorted(self.courses.values(), key=lambda c: c.id):
            if c.category is not rule.category or c.mode is Mode.ONLINE:
                continue
            if f.rule == "month-rule" and f.month is not None:
                first, last = f.month, _month_last(f.month)
                if c.window_end is not None and c.window_end < first:
                    self.add(Relaxation("window-end", course=c.id, old=c.window_end,
                                        new=min(last, self.problem.settings.horizon_end)), f)
                if c.window_start is not None and c.window_start > last:
                    self.add(Relaxation("window-start", course=c.id, old=c.window_start,
                                        new=max(first, self.problem.settings.horizon_start)), f)
            else:
                self._repeats(f, c.id, 1)

    def _speaker(self, f: Finding, cid: str, part: int, busy: set[str]) -> None:
        """A colleague who could give the part: the pool's department first, then its role
        (doctor, nurse, …), then the highest title, then the id — someone not already in the
        pool and not on leave then."""
        course = self.courses.get(cid)
        if course is None or course.external_speaker:
            return
        topic = next((t for t in self.problem.topics
                      if t.course == cid and t.part == part and t.speaker), None)
        pool = ({topic.speaker} if topic is not None else
                {p.id for p in self.problem.audience(course.speakers)}
                if course.speakers is not None else set())
        staff = self.problem.staff_by_id()
        depts = {staff[p].department for p in pool | busy if p in staff}
        away = {u.id for u in self.problem.unavailability if u.kind == "staff"
                and (course.window_start or dt.date.min) <= u.end
                and u.start <= (course.window_end or dt.date.max)}
        roles = {staff[p].role for p in pool | busy if p in staff}
        choice = sorted((p for p in self.problem.staff
                         if p.id not in pool | busy and p.id not in away),
                        key=lambda p: (p.department not in depts, p.role not in roles,
                                       -int(p.grade), p.id))
        if not choice:
            return
        pick = choice[0].id
        if topic is not None:
            self.add(Relaxation("topic-speaker", course=cid, part=part, person=pick,
                                old=topic.speaker), f)
        else:
            self.add(Relaxation("add-speaker", course=cid, person=pick,
                                old=tuple(sorted(pool))), f)

    # --- days -----------------------------------------------------------------------------------

    def _slot_days(self, lo: dt.date, hi: dt.date, hours: float) -> list[dt.date]:
        s = self.problem.settings
        lo, hi = max(lo, s.horizon_start), min(hi, s.horizon_end)
        if lo > hi:
            return []
        return sorted({p.date for p in self.calendar.time_points(s.slots, lo, hi)
                       if p.slot.hours + HOURS_EPS >= hours})

    def _later(self, end: dt.date, hours: float) -> list[dt.date]:
        """Window ends to try after ``end``: the next day with a slot long enough, the end of the
        next month, the horizon's end."""
        s = self.problem.settings
        days = self._slot_days(end + dt.timedelta(days=1), s.horizon_end, hours)
        out = [days[0]] if days else []
        out += [min(_month_last(_month_last(end) + dt.timedelta(days=1)), s.horizon_end),
                s.horizon_end]
        return sorted({d for d in out if d > end})

    def _earlier(self, start: dt.date, hours: float) -> list[dt.date]:
        s = self.problem.settings
        days = self._slot_days(s.horizon_start, start - dt.timedelta(days=1), hours)
        out = [days[-1]] if days else []
        prev = start.replace(day=1) - dt.timedelta(days=1)
        out += [max(prev.replace(day=1), s.horizon_start), s.horizon_start]
        return sorted({d for d in out if d < start}, reverse=True)

    def _more_dates(self, course: Course) -> list[dt.date]:
        """A date to add to a course's fixed dates: the first day with a slot long enough after
        its last date (else before its first), inside its window."""
        s = self.problem.settings
        lo = course.window_start or s.horizon_start
        hi = course.window_end or s.horizon_end
        days = [d for d in self._slot_days(lo, hi, course.hours) if d not in course.dates]
        after = [d for d in days if d > max(course.dates)]
        before = [d for d in days if d < min(course.dates)]
        return (after[:1] + before[-1:])[:2]

    def _longest_slot(self, span: Cause) -> float:
        s = self.problem.settings
        if span.lo is None or span.hi is None:
            return 0.0
        points = self.calendar.time_points(s.slots, max(span.lo, s.horizon_start),
                                           min(span.hi, s.horizon_end))
        return max((p.slot.hours for p in points), default=0.0)


def _month_last(day: dt.date) -> dt.date:
    nxt = day.replace(day=28) + dt.timedelta(days=4)
    return nxt - dt.timedelta(days=nxt.day)


__all__ = ["MONTHS_KINDS", "Candidates", "Relaxation", "apply"]
