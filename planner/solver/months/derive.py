"""From phase 0's months to what the later phases need, as an augmented :class:`Problem`.

Three small, separate derivations, each explained where it is made:

1. **Away means away** — each placement becomes a staff unavailability row from its start to
   its end, so the person attends and teaches nothing at home (every later rule already honours
   leave).
2. **Rotators' departments** — ``hosts`` maps each participant to the departments they are in
   and when; the instance uses it for department-scoped audiences and session-level coverage.
3. **Exit exams and teach-backs are sessions** — synthetic courses with the reserved ids of the
   conventions (``exit:<dept>:<YYYY-MM>``, ``teach-back:<seat>:<staff>``) that go through the
   same timetable, rooms, speakers and attendance machinery as any course. An exit exam is
   offered only the days it can be held on (:func:`planner.solver.months.exams.day_ok`: the
   finishers at work, an examiner free, the department able to spare them); the months phase
   chose the months so that there is one. A session that could not take place at all (a block
   begun before a re-plan's freeze date whose exam the new inputs leave no day, or a teach-back
   after such a placement) is left out with a plan warning, and its reason in words.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

from planner.domain import (
    EXIT_PREFIX,
    TEACH_BACK_PREFIX,
    Category,
    Course,
    CreditClass,
    Mode,
    Problem,
    Unavailability,
    Who,
)
from planner.solver.findings import Cause, Finding
from planner.solver.months import exams
from planner.solver.months.days import EXAM_DAYS, Days, teach_back_hours
from planner.solver.months.grid import MonthGrid
from planner.solver.months.result import Away, MonthsResult, Stay
from planner.workdays import WorkCalendar
from planner.warning_labels import warning_words


def exit_course_id(dept: str, month: dt.date) -> str:
    return f"{EXIT_PREFIX}{dept}:{month:%Y-%m}"


def teach_back_course_id(seat: str, pid: str) -> str:
    return f"{TEACH_BACK_PREFIX}{seat}:{pid}"


def session_id(course_id: str) -> str:
    return f"{course_id}#1.1"


@dataclass
class Derived:
    problem: Problem  # the inputs plus away rows and the synthetic courses
    hosts: dict[str, tuple[tuple[dt.date, dt.date, str], ...]]  # person → (start, end, dept)
    exit_exam: dict[Stay, str] = field(default_factory=dict)  # stay → exit exam course id
    teach_back: dict[Away, str] = field(default_factory=dict)  # placement → teach-back course
    warnings: list[str] = field(default_factory=list)
    #: Exit exams the inputs leave no day for: (course id, last day of its window, why). The
    #: checker requires every one, so a plan without it is refused (:func:`..solve.solve`).
    unplanned_exams: list[tuple[str, dt.date, str]] = field(default_factory=list)
    #: The same exams as data (course id → finding), for the words of :mod:`planner.explain`.
    exam_findings: dict[str, Finding] = field(default_factory=dict)


#: How a placement reads as unavailability (and, after it, where a person missing a session is).
EXTERNAL_STUDY = "external study"


def derive(problem: Problem, calendar: WorkCalendar, months: MonthsResult) -> Derived:
    away = [Unavailability("staff", a.pid, a.start, a.end,
                           f"{EXTERNAL_STUDY} {a.seat.id} ({a.seat.partner})")
            for a in months.placements]
    hosts: dict[str, list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for st in months.stays:
        hosts[st.pid].append((st.start, st.end, st.dept))
    out = Derived(replace(problem, unavailability=problem.unavailability + tuple(away)),
                  {k: tuple(v) for k, v in sorted(hosts.items())})
    off = _off_days(out.problem)
    courses = list(problem.courses)
    courses.extend(_exit_exams(out, problem, calendar, months))
    courses.extend(_teach_backs(out, calendar, months, off))
    out.problem = replace(out.problem, courses=tuple(courses))
    return out


def _off_days(problem: Problem) -> dict[str, set[dt.date]]:
    days: dict[str, set[dt.date]] = defaultdict(set)
    for u in problem.unavailability:
        if u.kind == "staff":
            d = u.start
            while d <= u.end:
                days[u.id].add(d)
                d += dt.timedelta(days=1)
    return days


def _days_with_slot(problem: Problem, calendar: WorkCalendar, lo: dt.date, hi: dt.date,
                    hours: float) -> list[dt.date]:
    points = calendar.time_points(problem.settings.slots, lo, hi)
    return sorted({p.date for p in points if p.slot.hours + 1e-6 >= hours and lo <= p.date <= hi})


class _Wards:
    """The hospital as :func:`.exams.day_ok` reads it."""

    def __init__(self, problem: Problem, calendar: WorkCalendar, grid: MonthGrid) -> None:
        self.days: Days | None = Days(problem, grid, calendar)
        self.staff = problem.staff_by_id()
        self.departments = {d.id: d for d in problem.departments}
        members: dict[str, list[str]] = defaultdict(list)
        for p in problem.staff:
            members[p.department].append(p.id)
        self.dept_staff = {d: tuple(sorted(v)) for d, v in members.items()}


def _exit_exams(out: Derived, problem: Problem, calendar: WorkCalendar,
                months: MonthsResult) -> list[Course]:
    """One exam per (department, month) in which rotators finish a block there; examiner: a
    member of that department, 中级 or above, not rotating that month and not away; held on a day
    of the block's last week that :func:`.exams.day_ok` allows (``problem``: the inputs, without
    the placements as leave)."""
    s = problem.settings
    grid = MonthGrid(s.horizon_start, s.horizon_end)
    wards = _Wards(problem, calendar, grid)
    days = wards.days
    assert days is not None
    placed = exams.Placed(wards.staff, [(st.pid, st.dept, st.first, st.last)
                                        for st in months.stays],
                          [(a.pid, a.start, a.end) for a in months.placements])
    names = {d.id: d.name for d in problem.departments}
    ending: dict[tuple[str, dt.date], list[Stay]] = defaultdict(list)
    for st in months.stays:
        if st.programme.exit_exam:
            ending[st.dept, st.end].append(st)
    courses = []
    for (dept, end), stays in sorted(ending.items()):
        cid = exit_course_id(dept, end)
        k = grid.index(end)
        lo = end - dt.timedelta(days=EXAM_DAYS - 1)
        hours = max(st.programme.exam_hours for st in stays)
        examiners = sorted(e for e in days.examiners.get(dept, ()) if placed.where(e, k) is None)
        goods = [(st.pid, days.exam_days(st.pid, dept, k, st.programme.exam_hours))
                 for st in stays]
        dates = [d for d in exams.common_days([g for _, g in goods])
                 if exams.day_ok(wards, dept, k, d, [p for p, _ in goods], placed)]
        if not examiners or not dates:
            why, finding = _no_exam(wards, placed, cid, dept, k, hours, stays, examiners)
            out.warnings.append(why)
            out.unplanned_exams.append((cid, end, why))
            out.exam_findings[cid] = finding
            continue
        pids = frozenset(st.pid for st in stays)
        courses.append(Course(
            id=cid, title=f"出科考核 {names.get(dept, dept)} {end:%Y-%m}", category=Category.EXAM,
            mode=Mode.IN_PERSON, hours=hours, parts=1, cohort_size=None,
            audience=Who("id=" + ",".join(sorted(pids)), ids=pids),
            speakers=Who("id=" + ",".join(examiners), ids=frozenset(examiners)),
            credit_class=CreditClass.NONE, window_start=lo, window_end=end,
            dates=tuple(dates)))  # only days the exam can be held on
        for st in stays:
            out.exit_exam[st] = cid
    return courses


def _no_exam(wards: _Wards, placed: exams.Placed, cid: str, dept: str, k: int, hours: float,
             stays: list[Stay], examiners: list[str]) -> tuple[str, Finding]:
    """Why the exit exam ``cid`` has no day, the first cause that applies: in words (the plan's
    warnings, in its language) and as a finding (:mod:`planner.solver.findings`, rule ``exam``)."""
    days = wards.days
    assert days is not None
    lo, end = days.exam_week(k)
    pids = tuple(sorted(st.pid for st in stays))
    w = warning_words(days.problem.settings.language)
    d = wards.departments[dept]
    where = w.dept(dept, d.name)

    def names(people: list[str] | tuple[str, ...]) -> str:
        return w.join([w.person(p, wards.staff[p].name if p in wards.staff else None)
                       for p in people])

    def found(why: str, cause: Cause) -> tuple[str, Finding]:
        text = w("exam", dept=where, month=f"{end:%Y-%m}", people=names(pids), why=why)
        return text, Finding("exam", course=cid, dept=dept, month=end.replace(day=1),
                             people=pids, causes=(cause,), text=text)

    if not examiners:
        return found(w("exam.no_examiner", dept=where, month=f"{end:%Y-%m}"),
                     Cause("examiner", lo=lo, hi=end, dept=dept))
    slots = days.slot_days(lo, end, hours)
    if not slots:
        return found(w("exam.no_slot", hours=hours, lo=lo, hi=end),
                     Cause("no-slot", lo=lo, hi=end, hours=hours))
    away = sorted(st.pid for st in stays if all(days.away(st.pid, d) for d in slots))
    if away:
        return found(w("exam.leave", hours=hours, lo=lo, hi=end, people=names(away)),
                     Cause("leave", lo=lo, hi=end, hours=hours, people=tuple(away)))
    common = [d for d in slots if not any(days.away(st.pid, d) for st in stays)]
    if not common:
        return found(w("exam.no_common", hours=hours, lo=lo, hi=end),
                     Cause("leave", lo=lo, hi=end, hours=hours, people=pids))
    no_examiner = [d for d in common
                   if not any(placed.where(e, k) is None and not placed.away(e, d)
                              for e in days.free_examiners(dept, d))]
    if len(no_examiner) == len(common):
        return found(w("exam.examiner_away", days=w.join([str(x) for x in no_examiner])),
                     Cause("examiner", lo=lo, hi=end, dept=dept, days=tuple(no_examiner)))
    spare = [x for x in common if x not in no_examiner]
    return found(w("exam.spare", dept=where, days=w.join([str(x) for x in spare]),
                   minimum=d.min_on_duty),
                 Cause("spare", lo=lo, hi=end, dept=dept, days=tuple(spare),
                       count=d.min_on_duty))


def _teach_backs(out: Derived, calendar: WorkCalendar, months: MonthsResult,
                 off: dict[str, set[dt.date]]) -> list[Course]:
    """One lecture per placement, by the returnee to their home department (their colleagues:
    the returnee is not in their own audience, so their lecture counts toward no quota of
    theirs), on a working day after return and within the seat's ``teach_back_weeks``."""
    problem = out.problem
    s = problem.settings
    staff = problem.staff_by_id()
    hours = teach_back_hours(s.slots)
    w = warning_words(s.language)
    courses = []
    for a in months.placements:
        cid = teach_back_course_id(a.seat.id, a.pid)
        lo = a.end + dt.timedelta(days=1)
        hi = a.end + dt.timedelta(days=7 * a.seat.teach_back_weeks)
        who = w.person(a.pid, staff[a.pid].name)
        if lo > s.horizon_end:
            out.warnings.append(w("tb.after", person=who, seat=a.seat.id,
                                  day=a.end + dt.timedelta(days=1)))
            continue
        days = [d for d in _days_with_slot(problem, calendar, lo, min(hi, s.horizon_end), hours)
                if d not in off.get(a.pid, ())]
        if not days:
            out.warnings.append(w("tb.no_day", person=who, seat=a.seat.id, lo=lo,
                                  hi=min(hi, s.horizon_end)))
            continue
        home = staff[a.pid].department
        courses.append(Course(
            id=cid, title=f"回院汇报：{a.seat.partner} {a.seat.specialty}".strip(),
            category=Category.LECTURE, mode=Mode.IN_PERSON, hours=hours, parts=1,
            cohort_size=None,
            # their colleagues (and rotators there): not the returnee, who gives the lecture
            audience=Who(f"dept={home}; id!={a.pid}", departments=frozenset({home}),
                         not_ids=frozenset({a.pid})),
            speakers=Who(f"id={a.pid}", ids=frozenset({a.pid})),
            credit_class=CreditClass.NONE, window_start=lo, window_end=min(hi, s.horizon_end)))
        out.teach_back[a] = cid
    return courses
