"""Rotators attend as staff of the department they rotate in that month (convention 4)."""

from __future__ import annotations

import datetime as dt

from planner.domain import Category, Course, Mode, Problem, Who
from planner.plan import Missed, Plan, PlannedSession

from . import builders as b
from . import rotation_builders as rb
from .builders import D, add, messages

NKL = Course(id="NKL", title="内科小讲课", category=Category.LECTURE, mode=Mode.IN_PERSON,
             hours=1.5, parts=1, cohort_size=None,
             audience=Who("dept=NK", departments=frozenset({"NK"})), speakers=b.who_ids("S001"))
WKL = Course(id="WKL", title="外科小讲课", category=Category.LECTURE, mode=Mode.IN_PERSON,
             hours=1.5, parts=1, cohort_size=None,
             audience=Who("dept=WK", departments=frozenset({"WK"})), speakers=b.who_ids("S004"))


def session(course: Course, day: dt.date, speaker: str,
            attendees: tuple[str, ...]) -> PlannedSession:
    start, end = b.times(day, b.THU.start, course.hours)
    return PlannedSession(
        id=f"{course.id}#1.1", course=course.id, part=1, run=1, title=course.title, topic="",
        category=course.category.value, date=day.isoformat(), slot="thu-pm", start=start,
        end=end, room="R1", speaker=speaker, hours=course.hours, credits=0.0, speaker_credits=0.0,
        credit_class="none", attendees=attendees)


def setup(nk_attendees: tuple[str, ...], wk_attendees: tuple[str, ...],
          missed: tuple[Missed, ...] = ()) -> tuple[Problem, Plan]:
    p = rb.problem(courses=(*b.problem().courses, NKL, WKL))
    plan = add(add(rb.valid_plan(), session(NKL, D(2026, 4, 16), "S001", nk_attendees)),
               session(WKL, D(2026, 4, 23), "S004", wk_attendees))
    plan.missed = list(missed)
    return p, plan


def test_home_department_session_while_rotating_elsewhere_is_missed_as_away() -> None:
    # April: S003 (内科) rotates in 外科 — he misses 内科小讲课 (away) and may join 外科小讲课.
    p, plan = setup(("S002",), ("S003", "S005"),
                    missed=(Missed("S003", "NKL", 1, "away"), Missed("S006", "WKL", 1, "coverage")))
    assert messages(p, plan, "people") == []


def test_rotator_cannot_attend_home_department_session_while_elsewhere() -> None:
    p, plan = setup(("S002", "S003"), ("S005",), missed=(Missed("S006", "WKL", 1, "coverage"),))
    assert messages(p, plan, "people") == [
        "NKL#1.1 (内科小讲课) on 2026-04-16 16:30: S003 (张伟, 内科) attends but is not in the "
        "course's audience (dept=NK) while on rotation in 外科 (WK)",
    ]
