"""Sessions the plan adds without a row in courses.csv: exit exams (出科考核) and teach-back
lectures (回院汇报).

Their course ids are reserved (``exit:<department>:<YYYY-MM>`` and
``teach-back:<seat>:<staff>``, always part 1, run 1). The checker re-derives, for each such
session, a stand-in :class:`~planner.domain.Course` from the inputs and the plan's rotations and
placements, so that every session-level rule (working day, slot, hours, room, clashes, leave,
coverage) applies to them exactly as to the office's own courses:

* an exit exam lasts its programme's ``exam_hours``; its audience is exactly the rotators who
  finish a block in that department that month (of programmes with exit exams); its examiner
  comes from the department's own staff at intermediate title (中级) or above; category ``exam``;
* a teach-back lecture lasts what the plan says (the conventions fix no length; the sessions
  family still holds it to its slot); its audience is the returnee's home department — their
  colleagues, and rotators placed there that month; the speaker is the returnee; category
  ``lecture``.

Neither carries CME credits: the conventions give none, so a synthetic session must say credit
class ``none`` and 0 credits (the sessions family checks that against this stand-in course).
"""

from __future__ import annotations

import re

from planner.check.timeline import Month, Timeline, label, month_of
from planner.domain import Category, Course, Grade, Mode, Problem, Who
from planner.plan import PlannedSession

EXIT = "exit:"
TEACH_BACK = "teach-back:"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def reserved(course_id: str) -> bool:
    """Course ids the plan reserves for its own sessions."""
    return course_id.startswith((EXIT, TEACH_BACK))


def exit_course(dept: str, m: Month) -> str:
    return f"{EXIT}{dept}:{label(m)}"


def teach_back_course(seat: str, staff: str) -> str:
    return f"{TEACH_BACK}{seat}:{staff}"


def session_id(course_id: str) -> str:
    """Synthetic sessions are always part 1, run 1."""
    return f"{course_id}#1.1"


def parse_exit(course_id: str) -> tuple[str, Month] | None:
    """(department, month) of ``exit:NK:2027-03``; ``None`` when malformed."""
    if not course_id.startswith(EXIT):
        return None
    dept, sep, month = course_id[len(EXIT):].rpartition(":")
    found = _MONTH.match(month)
    if not sep or not dept or found is None or not 1 <= int(found.group(2)) <= 12:
        return None
    return dept, (int(found.group(1)), int(found.group(2)))


def parse_teach_back(course_id: str) -> tuple[str, str] | None:
    """(seat, staff) of ``teach-back:JX1:S012``; ``None`` when malformed."""
    if not course_id.startswith(TEACH_BACK):
        return None
    seat, sep, staff = course_id[len(TEACH_BACK):].partition(":")
    return (seat, staff) if sep and seat and staff else None


def finishers(problem: Problem, timeline: Timeline, dept: str, m: Month) -> list[str]:
    """The rotators who finish a block in ``dept`` in month ``m`` and owe an exit exam for it."""
    with_exam = {p.id for p in problem.programmes if p.exit_exam}
    return sorted({pid for pid, stints in timeline.stints.items() for s in stints
                   if s.row.department == dept and month_of(s.end) == m
                   and s.row.programme in with_exam})


def exam_hours(problem: Problem, timeline: Timeline, dept: str, m: Month) -> list[float]:
    """The exam lengths of the programmes whose rotators finish in ``dept`` in ``m``."""
    progs = {s.row.programme for stints in timeline.stints.values() for s in stints
             if s.row.department == dept and month_of(s.end) == m}
    return sorted({p.exam_hours for p in problem.programmes if p.id in progs and p.exit_exam})


def stand_in(problem: Problem, timeline: Timeline, s: PlannedSession,
             dept_names: dict[str, str]) -> Course | None:
    """The course a synthetic session stands for, or ``None`` when its id names no department /
    seat and person the inputs know (the exit exams and teach-back families say so)."""
    staff = {p.id: p for p in problem.staff}
    ex = parse_exit(s.course)
    if ex is not None and ex[0] in dept_names:
        dept, m = ex
        name = dept_names[dept]
        hours = exam_hours(problem, timeline, dept, m)
        who = finishers(problem, timeline, dept, m)
        return Course(
            id=s.course, title=f"出科考核 {name} {label(m)}", category=Category.EXAM,
            mode=Mode.IN_PERSON, hours=hours[0] if len(hours) == 1 else s.hours, parts=1,
            cohort_size=None,
            audience=Who(f"rotators finishing a block in {name} ({dept}) in {label(m)}",
                         ids=frozenset(who)),
            speakers=Who(f"staff of {name} ({dept}) at intermediate title (中级) or above",
                         departments=frozenset({dept}), grade_min=Grade.INTERMEDIATE),
        )
    tb = parse_teach_back(s.course)
    if tb is not None and tb[1] in staff and any(x.id == tb[0] for x in problem.seats):
        person = staff[tb[1]]
        dept = person.department
        name = dept_names.get(dept, dept)
        return Course(
            id=s.course, title=f"回院汇报 {person.name}", category=Category.LECTURE,
            mode=Mode.IN_PERSON, hours=s.hours if s.hours > 0 else 1.0, parts=1,
            cohort_size=None,
            audience=Who(f"colleagues in {name} ({dept})", departments=frozenset({dept}),
                         not_ids=frozenset({person.id})),
            speakers=Who(f"the returnee {person.id} ({person.name})", ids=frozenset({person.id})),
        )
    return None
