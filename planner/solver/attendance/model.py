"""Phase 2: how many people of each group attend each session, once times, rooms and speakers
are fixed.

People who share everything the model reads about them — department (and, for a rotator, the
departments month by month), the courses whose audience they are in, which quotas apply, the
recordings they may watch — form one *group*, and the model counts how many of a group attend
each session instead of deciding person by person. What still differs inside a group are
*exceptions*: a day of leave, a session one teaches (and so need not attend, and cannot attend
another at that time), a part already done. They are not new groups — that left three in four
groups with a single member at 1,000 staff — but corrections of the group's counts: how many
members may attend each run (:attr:`Group.avail`), must follow each part (:attr:`Group.demand`)
and may attend one of its runs (:attr:`Group.able`), and are free at each time
(:attr:`Group.free`). The model is therefore a relaxation of the person-by-person problem (its
optimum is a valid bound); :mod:`planner.solver.naming` names the people, exceptions honoured,
and fills what the counts could not place.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from planner.domain import Category, Course, CreditClass, Mode
from planner.solver.attendance.linear import LinearModel
from planner.solver.instance import Instance, Run, dept_scoped
from planner.solver.timetable.result import Schedule

SCALE = 100  # hours and credits are modelled in hundredths


def scaled(value: float) -> int:
    return int(round(value * SCALE))


@dataclass(frozen=True)
class Needs:
    """What one person still has to reach this horizon, after history (hundredths)."""

    hours: tuple[tuple[str, int, int], ...]  # (category, still needed, online may count up to)
    credits: tuple[int, int, int, int, int] | None  # total, class I min, class I max, class II min, hospital II room
    fixed_online: tuple[tuple[str, int], ...]  # online hours done via modules, per category
    fixed_credits: tuple[int, int, int]  # class I, class II hospital-run, class II other (speaking, modules)


@dataclass(frozen=True)
class Group:
    """Interchangeable people, with the counts that correct for their exceptions."""

    index: int
    dept: str
    members: tuple[str, ...]
    runs: tuple[int, ...]  # sessions at least one member may attend
    parts: tuple[tuple[str, int], ...]  # (course, part) at least one member must follow
    needs: tuple[Needs, ...]  # per member, aligned with ``members``
    avail: dict[int, int] = field(compare=False)  # run → members who may attend it
    demand: dict[tuple[str, int], int] = field(compare=False)  # part → members who must follow it
    able: dict[tuple[str, int], int] = field(compare=False)  # … and may attend one of its runs
    free: dict[int, int] = field(compare=False)  # instant → members who may attend a run then

    @property
    def size(self) -> int:
        return len(self.members)

    def hour_needs(self) -> dict[str, tuple[int, int, int]]:
        """Category → (Σ still needed, Σ online allowance, Σ online hours from modules)."""
        out: dict[str, list[int]] = {}
        for n in self.needs:
            fixed = dict(n.fixed_online)
            for category, need, cap in n.hours:
                acc = out.setdefault(category, [0, 0, 0])
                acc[0] += need
                acc[1] += cap
                acc[2] += min(fixed.get(category, 0), cap)
        return {k: (v[0], v[1], v[2]) for k, v in sorted(out.items())}

    def credit_needs(self) -> tuple[list[int], list[int]] | None:
        """(Σ of each credit need, Σ of each fixed credit) over members with a credit quota."""
        need = [0, 0, 0, 0, 0]
        fixed = [0, 0, 0]
        seen = False
        for n in self.needs:
            if n.credits is None:
                continue
            seen = True
            need = [a + max(0, b) for a, b in zip(need, n.credits)]
            fixed = [a + b for a, b in zip(fixed, n.fixed_credits)]
        return (need, fixed) if seen else None


@dataclass
class Kept:
    """Re-planning: published attendance kept as it is, of the people the model leaves out
    (:mod:`planner.solver.replan.scope` decides who). Their places are taken before the model starts:
    they reduce what a run can seat and what a ward can release."""

    people: frozenset[str] = frozenset()
    live: dict[int, tuple[str, ...]] = field(default_factory=dict)  # run → kept attendees
    recording: tuple[tuple[str, str, int], ...] = ()  # (staff, course, part)
    missed: tuple[tuple[str, str, int], ...] = ()  # parts kept people still miss
    off_ward: dict[tuple[str, int], int] = field(default_factory=dict)  # (dept, instant) → n


@dataclass
class AttendanceModel:
    """The attendance model: ``n[g, r]`` — how many of group ``g`` attend run ``r`` — and
    ``rec[g, course, part]`` — how many watch the part's recording — as variables of one
    :class:`~planner.solver.attendance.linear.LinearModel`; the rule modules add its rows."""

    inst: Instance
    schedule: Schedule
    groups: list[Group]
    blocked: dict[str, frozenset[int]]  # person → runs they cannot attend
    kept: Kept = field(default_factory=Kept)
    model: LinearModel = field(default_factory=LinearModel)
    n: dict[tuple[int, int], int] = field(default_factory=dict)
    rec: dict[tuple[int, str, int], int] = field(default_factory=dict)
    shortfall: list[tuple[int, int]] = field(default_factory=list)  # (group, hour-quota short)
    credit_shortfall: list[tuple[int, int]] = field(default_factory=list)  # (group, credit short)
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._courses = {c.id: c for c in self.inst.problem.courses}
        m = self.model
        for g in self.groups:
            for r in g.runs:
                cap = max(0, min(g.avail[r], self.free_capacity(r)))
                self.n[g.index, r] = m.var(0, cap, f"n[{g.index},{r}]")
            for course_id, part in g.parts:
                course = self.course(course_id)
                if course.recording and self._may_watch(g, course):
                    self.rec[g.index, course_id, part] = m.var(
                        0, g.demand[course_id, part], f"rec[{g.index},{course_id},{part}]")

    def _may_watch(self, g: Group, course: Course) -> bool:
        # a group's members share their months (grouping key)
        return may_watch(self.inst, g.members[0], course)

    def course(self, course_id: str) -> Course:
        return self._courses[course_id]

    def run_capacity(self, r: int) -> int:
        return run_capacity(self.inst, self.schedule, r)

    def free_capacity(self, r: int) -> int:
        """What a run can still seat beyond the attendees a re-plan keeps."""
        return self.run_capacity(r) - len(self.kept.live.get(r, ()))

    def point(self, r: int) -> int:
        return self.schedule.time[r]

    @cached_property
    def by_group(self) -> dict[int, dict[int, int]]:
        """Group → run → its ``n`` variable."""
        out: dict[int, dict[int, int]] = defaultdict(dict)
        for (g, r), v in self.n.items():
            out[g][r] = v
        return out


def run_capacity(inst: Instance, schedule: Schedule, r: int) -> int:
    """Most people a run holds: its cohort size, or the room's seats."""
    return min(inst.runs[r].cap, inst.room_capacity[schedule.room[r]])


def may_watch(inst: Instance, pid: str, course: Course) -> bool:
    """Recordings are for a course's own audience: a rotator may watch those of their own
    department's courses (at any time — a recording does not take them off the ward they
    rotate on), not those of the departments they only pass through."""
    if pid not in inst.hosts or not dept_scoped(course):
        return True
    return course.audience.matches(inst.staff[pid], inst.problem.settings.horizon_start)


def session_credits(inst: Instance, run: Run) -> float:
    c = run.course
    if c.credits is not None:
        return c.credits
    if c.credit_class is CreditClass.NONE:
        return 0.0
    rates = inst.problem.settings.rates
    if c.category is Category.GRAND_ROUND:
        return rates.case_attendee
    return rates.lecture_attendee


def speaker_credits(inst: Instance, run: Run) -> float:
    c = run.course
    if c.speaker_credits is not None:
        return c.speaker_credits
    if c.credit_class is CreditClass.NONE:
        return 0.0
    rates = inst.problem.settings.rates
    if c.category is Category.GRAND_ROUND:
        return rates.case_speaker
    return rates.lecture_speaker


def blocked_runs(inst: Instance, schedule: Schedule) -> dict[str, frozenset[int]]:
    """Sessions each person cannot attend: on leave that day, or teaching at that time.

    Found from each person's days off and teaching times (runs by day, runs by instant), not
    by testing every run against every person: 22 million tests at 10,000 staff."""
    tp_instants = inst.tp_instants()
    on_day: dict[dt.date, list[int]] = defaultdict(list)
    at_instant: dict[int, list[int]] = defaultdict(list)
    of_course: dict[str, list[int]] = defaultdict(list)
    for r, t in schedule.time.items():
        on_day[inst.time_points[t].date].append(r)
        for i in tp_instants[t]:
            at_instant[i].append(r)
        of_course[inst.runs[r].course.id].append(r)
    teaching_at: dict[str, set[int]] = defaultdict(set)  # person → instants they teach in
    for r, p in schedule.speaker.items():
        teaching_at[p].update(tp_instants[schedule.time[r]])
    out: dict[str, frozenset[int]] = {}
    for pid in inst.staff:
        blocked: set[int] = set()
        for day in inst.person_off.get(pid, ()):
            blocked.update(on_day.get(day, ()))
        for i in teaching_at.get(pid, ()):
            blocked.update(at_instant.get(i, ()))
        out[pid] = frozenset(blocked)
    for pid in inst.hosts:  # rotators: not in a department's audience while away from it
        away = {r for c, runs in of_course.items() if pid in inst.audience_set[c]
                for r in runs if not inst.in_audience(inst.runs[r].course, pid,
                                                      inst.time_points[schedule.time[r]].date)}
        out[pid] = out[pid] | away
    return out


def person_needs(inst: Instance, pid: str, schedule: Schedule,
                 teaches: list[int] | None = None) -> Needs:
    """What ``pid`` still needs after history, online modules and teaching; ``teaches``: the
    runs they give, in the schedule's order (found from it when not given)."""
    if teaches is None:
        teaches = [r for r, p in schedule.speaker.items() if p == pid]
    problem = inst.problem
    s = problem.settings
    person = inst.staff[pid]
    hist_hours: dict[str, float] = defaultdict(float)
    hist_cred = {"I": 0.0, "II-hospital": 0.0, "II-other": 0.0}
    for h in inst.history_of.get(pid, ()):
        if h.kind == "hours":
            hist_hours[h.category] += h.amount
        elif h.kind == "credits":
            key = "I" if h.category == "I" else ("II-hospital" if h.hospital_run else "II-other")
            hist_cred[key] += h.amount
    online: dict[str, float] = defaultdict(float)
    cred_fixed = [0.0, 0.0, 0.0]
    for c in inst.online:
        if pid in inst.audience_set[c.id]:
            online[c.category.value] += c.hours * c.parts
            amount = (c.credits or 0.0) * c.parts
            _add_credit(cred_fixed, c.credit_class, c.hospital_run, amount)
    taught: dict[str, float] = defaultdict(float)
    parts_taught: set[tuple[str, int]] = set()
    for r in teaches:
        run = inst.runs[r]
        _add_credit(cred_fixed, run.course.credit_class, run.course.hospital_run,
                    speaker_credits(inst, run))
        part = (run.course.id, run.part)
        if pid in inst.audience_set[run.course.id] and part not in parts_taught:
            parts_taught.add(part)  # teaching a part one must follow counts once as taking it
            taught[run.course.category.value] += run.course.hours
    hours = []
    for q in s.quotas:
        if q.who.matches(person, s.horizon_start):
            done = hist_hours.get(q.category.value, 0.0) + taught.get(q.category.value, 0.0)
            need = max(0.0, q.min_hours - done)
            # Online hours count up to a share of the *quota* (as the checker and the quota
            # table count them), not of what is still needed: scaling the cap by the remaining
            # need made history — and, when re-planning, the sessions already held — shrink
            # it, so the model chased shortfalls that were not there. Capped at the need so a
            # member's surplus never covers another's in the group sum.
            cap = min(need, q.min_hours * q.online_share_max)
            counted = min(online.get(q.category.value, 0.0), cap)
            if counted >= cap and need > counted:  # online maxed out: the rest is sessions
                need = counted + _whole_sessions(need - counted,
                                                 _session_hours(inst, pid, q.category.value))
            hours.append((q.category.value, scaled(need), scaled(cap)))
    credits = None
    cq = s.credits
    ext, full_year = inst.external.get(pid, (0.0, False))
    if cq is not None and cq.who.matches(person, s.horizon_start) and not full_year:
        # External study counts toward the total only; a long placement is the full year.
        cap_left = max(0.0, s.rates.hospital_class2_cap - hist_cred["II-hospital"])
        credits = (
            scaled(cq.total_min - sum(hist_cred.values()) - ext),
            scaled(cq.class1_min - hist_cred["I"]),
            scaled(cq.class1_max - hist_cred["I"]),
            scaled(cq.class2_min - hist_cred["II-hospital"] - hist_cred["II-other"]),
            scaled(cap_left),
        )
    return Needs(
        hours=tuple(sorted(hours)),
        credits=credits,
        fixed_online=tuple(sorted((k, scaled(v)) for k, v in online.items())),
        fixed_credits=tuple(scaled(v) for v in cred_fixed),  # type: ignore[arg-type]
    )


def _session_hours(inst: Instance, pid: str, category: str) -> tuple[int, ...]:
    """Lengths (hundredths) of the in-person sessions of ``category`` that ``pid`` may attend
    (from the courses: the same before the timetable has placed any session)."""
    return tuple(sorted({scaled(c.hours) for c in inst.problem.courses
                         if c.mode is Mode.IN_PERSON and c.category.value == category
                         and pid in inst.audience_set[c.id]}))


@lru_cache(maxsize=4096)
def _reachable(total: int, lengths: tuple[int, ...]) -> int:
    """The least sum of ``lengths`` (each usable any number of times) that is ≥ ``total``."""
    best = total + max(lengths)
    reach = [False] * (best + 1)
    reach[0] = True
    for v in range(1, best + 1):
        reach[v] = any(v >= h and reach[v - h] for h in lengths)
        if v >= total and reach[v]:
            return v
    return total


def _whole_sessions(hours: float, lengths: tuple[int, ...]) -> float:
    """``hours`` of live training rounded up to what whole sessions can give.

    The group model sums its members' needs; a sum of 3 × 10 h is met by 30 h of sessions, but
    with 1.5-hour sessions one member then has 9 h and is short while the others have 10.5 h.
    Asking each member for the hours whole sessions can actually give (10.5 h) makes the sum
    honest. It never asks more than a member needs to meet the quota with real sessions (any
    live total that meets the need is a sum of these lengths)."""
    if not lengths or hours <= 0:
        return hours
    return _reachable(scaled(hours), lengths) / 100


def _add_credit(acc: list[float], cls: CreditClass, hospital_run: bool, amount: float) -> None:
    if cls is CreditClass.I:
        acc[0] += amount
    elif cls is CreditClass.II:
        acc[1 if hospital_run else 2] += amount


@dataclass(frozen=True)
class Terms:
    """What the attendance model asks of one person: the sessions they may attend, the parts
    they must follow, and what they still need."""

    may: tuple[int, ...]
    must: tuple[tuple[str, int], ...]
    needs: Needs


def person_terms(inst: Instance, schedule: Schedule,
                 blocked: dict[str, frozenset[int]]) -> dict[str, Terms]:
    """Every person's :class:`Terms` (by staff id, sorted)."""
    must: dict[str, list[tuple[str, int]]] = defaultdict(list)
    may: dict[str, list[int]] = defaultdict(list)
    excused = {(schedule.speaker[r], inst.runs[r].course.id, inst.runs[r].part)
               for r in schedule.speaker}
    if inst.past is not None:  # parts held before the freeze date: done, never asked again
        excused |= inst.past.taught()
        excused |= {(pid, c, p) for pid, parts in inst.past.done.items() for c, p in parts}
    for c in inst.problem.courses:
        if c.mode is not Mode.IN_PERSON:
            continue
        for pid in inst.audience[c.id]:
            # Giving a session of a series one must follow counts as being there.
            must[pid].extend((c.id, p) for p in range(1, c.parts + 1)
                             if (pid, c.id, p) not in excused
                             and _must_follow(inst, schedule, c, pid, p))
    for run in inst.runs:
        if run.index not in schedule.time:
            continue
        for pid in inst.audience[run.course.id]:
            if run.index not in blocked[pid] and (pid, run.course.id, run.part) not in excused:
                may[pid].append(run.index)
    teaches: dict[str, list[int]] = defaultdict(list)
    for r, p in schedule.speaker.items():
        teaches[p].append(r)
    return {pid: Terms(tuple(may[pid]), tuple(must[pid]),
                       person_needs(inst, pid, schedule, teaches.get(pid, [])))
            for pid in sorted(inst.staff)}


def build_groups(inst: Instance, schedule: Schedule, blocked: dict[str, frozenset[int]],
                 terms: dict[str, Terms] | None = None,
                 people: frozenset[str] | None = None,
                 exact: frozenset[str] = frozenset()) -> list[Group]:
    """Groups of interchangeable people (of ``people`` only, when given: a re-plan that keeps
    everyone else's attendance; :mod:`planner.solver.replan.scope`), each with the counts that
    correct for its members' exceptions (the module docstring says why). People in ``exact``
    group only with those of the very same sessions and parts, exceptions included, so that the
    model sees them as they are (:func:`planner.solver.solve._attendance` asks for it where the
    corrections left the model too optimistic)."""
    if terms is None:
        terms = person_terms(inst, schedule, blocked)
    watch = [c for c in inst.problem.courses if c.recording and c.mode is Mode.IN_PERSON]
    # Needs differ person by person (history), so they are summed per group, not part of the
    # key: only *which* quotas apply is, which keeps groups few at hospital scale.
    runs_of_part: dict[tuple[str, int], list[int]] = defaultdict(list)
    for r in schedule.time:
        run = inst.runs[r]
        runs_of_part[run.course.id, run.part].append(r)
    keyed: dict[tuple, list[str]] = defaultdict(list)
    for pid, t in terms.items():
        if people is not None and pid not in people:
            continue
        may = set(t.may)
        key = (
            inst.staff[pid].department,
            inst.audience_of[pid],
            t.needs.hours,  # what each quota still asks (history differs person by person)
            t.needs.credits is not None,
            inst.hosts.get(pid, ()),  # rotators' departments month by month
            tuple(c.id for c in watch if may_watch(inst, pid, c)),
            # Parts one cannot attend at any run (away all that time) are a deficit no
            # colleague's surplus may hide in the group's quota sums: such people group apart.
            tuple(part for part in t.must
                  if not any(r in may for r in runs_of_part.get(part, ()))),
            (t.may, t.must, t.needs) if pid in exact else (),
        )
        keyed[key].append(pid)
    instants = inst.point_instants
    groups = []
    for key in sorted(keyed, key=lambda k: keyed[k][0]):
        members = tuple(keyed[key])
        avail: dict[int, int] = defaultdict(int)
        demand: dict[tuple[str, int], int] = defaultdict(int)
        able: dict[tuple[str, int], int] = defaultdict(int)
        free: dict[int, int] = defaultdict(int)
        for pid in members:
            t = terms[pid]
            may = set(t.may)
            for r in t.may:
                avail[r] += 1
            for part in t.must:
                demand[part] += 1
                if any(r in may for r in runs_of_part.get(part, ())):
                    able[part] += 1
            for i in {i for r in t.may for i in instants[schedule.time[r]]}:
                free[i] += 1
        groups.append(Group(len(groups), key[0], members, tuple(sorted(avail)),
                            tuple(sorted(demand)), tuple(terms[p].needs for p in members),
                            dict(avail), dict(demand), dict(able), dict(free)))
    return groups


def _must_follow(inst: Instance, schedule: Schedule, course: Course, pid: str, part: int) -> bool:
    """Everyone in a course's audience follows each part — a rotator follows their own
    department's parts (missed as "away" while elsewhere) and, of the departments they rotate
    in, the parts held while they are there."""
    if pid not in inst.hosts or not dept_scoped(course):
        return True
    if course.audience.matches(inst.staff[pid], inst.problem.settings.horizon_start):
        return True
    return any(inst.in_audience(course, pid, inst.time_points[schedule.time[r.index]].date)
               for r in inst.part_runs.get((course.id, part), ()) if r.index in schedule.time)


def date_of(inst: Instance, schedule: Schedule, r: int) -> dt.date:
    return inst.time_points[schedule.time[r]].date
