"""From phase 0's months to what the later phases need, as an augmented :class:`Problem`.

Three small, separate derivations, each explained where it is made:

1. **Away means away** — each placement becomes a staff unavailability row from its start to
   its end, so the person attends and teaches nothing at home (every later rule already honours
   leave).
2. **Rotators' departments** — ``hosts`` maps each participant to the departments they are in
   and when; the instance uses it for department-scoped audiences and session-level coverage.
3. **Exit exams and teach-backs are sessions** — synthetic courses with the reserved ids of the
   conventions (``exit:<dept>:<YYYY-MM>``, ``teach-back:<seat>:<staff>``) that go through the
   same timetable, rooms, speakers and attendance machinery as any course. A session that could
   not take place at all (no working-day slot in its window, no eligible examiner) is left out
   with a plan warning instead of making the whole timetable impossible.
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
    Grade,
    Mode,
    Problem,
    Unavailability,
    Who,
)
from planner.solver.months.result import Away, MonthsResult, Stay
from planner.workdays import WorkCalendar

EXAM_DAYS = 7  # the last week of a block: end − 6 … end
TEACH_BACK_HOURS = 1.5  # one lecture (at most the longest slot)


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


def derive(problem: Problem, calendar: WorkCalendar, months: MonthsResult) -> Derived:
    away = [Unavailability("staff", a.pid, a.start, a.end,
                           f"external study {a.seat.id} ({a.seat.partner})")
            for a in months.placements]
    hosts: dict[str, list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for st in months.stays:
        hosts[st.pid].append((st.start, st.end, st.dept))
    out = Derived(replace(problem, unavailability=problem.unavailability + tuple(away)),
                  {k: tuple(v) for k, v in sorted(hosts.items())})
    off = _off_days(out.problem)
    courses = list(problem.courses)
    courses.extend(_exit_exams(out, calendar, months, off))
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


def _exit_exams(out: Derived, calendar: WorkCalendar, months: MonthsResult,
                off: dict[str, set[dt.date]]) -> list[Course]:
    """One exam per (department, month) in which rotators finish a block there; examiner: a
    member of that department, 中级 or above, not rotating that month and not away."""
    problem = out.problem
    names = {d.id: d.name for d in problem.departments}
    ending: dict[tuple[str, dt.date], list[Stay]] = defaultdict(list)
    for st in months.stays:
        if st.programme.exit_exam:
            ending[st.dept, st.end].append(st)
    rotating: dict[str, list[Stay]] = defaultdict(list)
    for st in months.stays:
        rotating[st.pid].append(st)
    courses = []
    for (dept, end), stays in sorted(ending.items()):
        cid = exit_course_id(dept, end)
        lo = end - dt.timedelta(days=EXAM_DAYS - 1)
        hours = max(st.programme.exam_hours for st in stays)
        examiners = sorted(
            p.id for p in problem.staff
            if p.department == dept and p.grade >= Grade.INTERMEDIATE
            and not any(x.start <= end and lo <= x.end for x in rotating.get(p.id, ())))
        days = [d for d in _days_with_slot(problem, calendar, lo, end, hours)
                if any(d not in off.get(e, ()) for e in examiners)
                and all(d not in off.get(st.pid, ()) for st in stays)]
        who = ", ".join(sorted(st.pid for st in stays))
        why = None
        if not examiners:
            why = (f"exit exam {cid} ({who}): no member of {dept} of 中级 or above is free to "
                   f"examine in {end:%Y-%m}; no exam planned")
        elif not days:
            slots = _days_with_slot(problem, calendar, lo, end, hours)
            away = sorted(st.pid for st in stays if all(d in off.get(st.pid, ()) for d in slots))
            no_examiner = [d for d in slots if all(d in off.get(e, ()) for e in examiners)]
            why = (f"exit exam {cid} ({who}): no working-day slot of {hours:g} h in {lo}..{end}"
                   + ("" if not slots else  # no such slot at all: nobody's leave is the cause
                      " when an examiner and every rotator finishing there are free"
                      + (f" (away every such day: {', '.join(away)})" if away else "")
                      + (f" (no examiner free on {', '.join(map(str, no_examiner))})"
                         if no_examiner else "")) + "; no exam planned")
        if why is not None:
            out.warnings.append(why)
            out.unplanned_exams.append((cid, end, why))
            continue
        pids = frozenset(st.pid for st in stays)
        courses.append(Course(
            id=cid, title=f"出科考核 {names.get(dept, dept)} {end:%Y-%m}", category=Category.EXAM,
            mode=Mode.IN_PERSON, hours=hours, parts=1, cohort_size=None,
            audience=Who("id=" + ",".join(sorted(pids)), ids=pids),
            speakers=Who("id=" + ",".join(examiners), ids=frozenset(examiners)),
            credit_class=CreditClass.NONE, window_start=lo, window_end=end,
            dates=tuple(days)))  # only days every examinee is at work
        for st in stays:
            out.exit_exam[st] = cid
    return courses


def _teach_backs(out: Derived, calendar: WorkCalendar, months: MonthsResult,
                 off: dict[str, set[dt.date]]) -> list[Course]:
    """One lecture per placement, by the returnee to their home department (their colleagues:
    the returnee is not in their own audience, so their lecture counts toward no quota of
    theirs), on a working day after return and within the seat's ``teach_back_weeks``."""
    problem = out.problem
    s = problem.settings
    staff = problem.staff_by_id()
    hours = min(TEACH_BACK_HOURS, max((x.hours for x in s.slots), default=TEACH_BACK_HOURS))
    courses = []
    for a in months.placements:
        cid = teach_back_course_id(a.seat.id, a.pid)
        lo = a.end + dt.timedelta(days=1)
        hi = a.end + dt.timedelta(days=7 * a.seat.teach_back_weeks)
        who = f"{a.pid} {staff[a.pid].name}"
        if lo > s.horizon_end:
            out.warnings.append(f"teach-back {cid}: {who} returns from seat {a.seat.id} on "
                                f"{a.end + dt.timedelta(days=1)}, after the horizon; no "
                                f"teach-back planned this horizon")
            continue
        days = [d for d in _days_with_slot(problem, calendar, lo, min(hi, s.horizon_end), hours)
                if d not in off.get(a.pid, ())]
        if not days:
            out.warnings.append(f"teach-back {cid}: no working-day slot between {lo} and "
                                f"{min(hi, s.horizon_end)} when {who} is free; none planned")
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
