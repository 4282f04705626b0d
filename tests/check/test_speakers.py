"""Speakers: eligible, not on leave, one session at a time, never attending while teaching."""

from __future__ import annotations

from dataclasses import replace

from planner.domain import Unavailability

from .builders import CPR, D, edit, messages, move, problem, valid_plan


def test_speaker_from_the_courses_pool() -> None:
    plan = edit(valid_plan(), "QY#2.1", speaker="S003")
    assert messages(problem(), plan, "speakers") == [
        "QY#2.1 (全院业务学习) on 2026-04-07 16:30: speaker S003 (张伟, 内科) is not eligible "
        "(eligible: id=S001,S004)",
    ]


def test_speaker_named_by_the_topic_row() -> None:
    # S004 is in QY's pool, but session 1's topic row names S001 (定人定题).
    plan = edit(valid_plan(), "QY#1.2", speaker="S004", attendees=("S003", "S006"))
    assert messages(problem(), plan, "speakers") == [
        "QY#1.2 (全院业务学习) on 2026-03-05 16:30: speaker S004 (刘洋, 外科) is not eligible "
        "(the topic row names S001 (王建国) for session 1)",
    ]


def _with_expert() -> object:
    expert = replace(CPR, external_speaker="张教授", speakers=None)
    return problem(courses=(problem().courses[0], expert, problem().courses[2]))


def test_outside_expert_must_be_the_courses() -> None:
    plan = edit(valid_plan(), "CPR#1.1", speaker="ext:李教授")
    assert messages(_with_expert(), plan) == [  # type: ignore[arg-type]
        "CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: speaker outside expert 李教授 is not eligible "
        "(the course's speaker is the outside expert 张教授)",
    ]


def test_the_courses_outside_expert_is_allowed() -> None:
    plan = edit(valid_plan(), "CPR#1.1", speaker="ext:张教授")
    assert messages(_with_expert(), plan) == []  # type: ignore[arg-type]


def test_speaker_must_be_on_the_staff_list() -> None:
    plan = edit(valid_plan(), "CPR#1.1", speaker="S099")
    assert messages(problem(), plan) == [
        "CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: speaker S099 is not on the staff list",
    ]


def test_speaker_not_on_leave() -> None:
    leave = Unavailability("staff", "S001", D(2026, 3, 5), D(2026, 3, 5), "外出会议")
    p = problem(unavailability=(*problem().unavailability, leave))
    assert messages(p, valid_plan()) == [
        "QY#1.2 (全院业务学习) on 2026-03-05 16:30: speaker S001 (王建国, 内科) is on leave that day "
        "(外出会议, 2026-03-05..2026-03-05)",
    ]


def test_speaker_never_attends_while_teaching() -> None:
    # QY#1.2 moved onto CPR#1.1's Tuesday: S006 would sit in QY#1.2 while teaching CPR, and 内科
    # would send all three of its staff (S001 teaching, S003 to QY, S002 to CPR).
    plan = move(valid_plan(), "QY#1.2", D(2026, 3, 24), "tue-pm")
    assert messages(problem(), plan) == [
        "内科 (NK) has 0 on duty on 2026-03-24 16:30, minimum 1: 2 in training, 1 teaching "
        "(sessions CPR#1.1, QY#1.2)",
        "S006 (赵磊, 外科) attends QY#1.2 while teaching CPR#1.1 on 2026-03-24 16:30",
    ]


def test_speaker_not_listed_in_their_own_audience() -> None:
    plan = edit(valid_plan(), "QY#2.2", attendees=("S003", "S004", "S006"))
    assert messages(problem(), plan, "speakers") == [
        "S004 (刘洋, 外科) is listed as attending QY#2.2, which they teach, on 2026-04-09 16:30",
    ]


def test_a_session_needs_a_speaker_unless_it_is_an_exam_whose_course_names_none() -> None:
    from planner.domain import Category

    plan = edit(valid_plan(), "CPR#1.1", speaker="")
    assert messages(problem(), plan, "speakers") == [
        "CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: no speaker",
    ]
    # the same session as an exam: still needs its listed speakers …
    exam = replace(CPR, category=Category.EXAM)
    courses = (problem().courses[0], exam, problem().courses[2])
    assert messages(problem(courses=courses), plan, "speakers") == [
        "CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: no speaker",
    ]
    # … but an exam whose course names no examiner needs none (docs/inputs.md)
    bare = replace(exam, speakers=None)
    courses = (problem().courses[0], bare, problem().courses[2])
    assert messages(problem(courses=courses), plan, "speakers") == []
