"""Rooms: exists, has the feature, seats everyone, open that day, one session at a time."""

from __future__ import annotations

from dataclasses import replace

from planner.domain import Room

from .builders import CPR, D, edit, messages, move, problem, valid_plan


def test_room_must_exist() -> None:
    plan = edit(valid_plan(), "QY#2.2", room="R9")
    assert messages(problem(), plan) == [
        "QY#2.2 (全院业务学习) on 2026-04-09 16:30: room R9 does not exist",
    ]


def test_room_must_have_the_feature_the_course_needs() -> None:
    plan = edit(valid_plan(), "CPR#1.1", room="R1")
    assert messages(problem(), plan) == [
        "CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: room R1 (学术报告厅) has no skills-lab, which "
        "the course needs",
    ]


def test_room_seats_everyone_attending() -> None:
    p = problem(rooms=(Room("R1", "学术报告厅", 100, frozenset({"projector"})),
                       Room("R2", "技能培训中心", 1, frozenset({"skills-lab"}))))
    assert messages(p, valid_plan()) == [
        "CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: room R2 (技能培训中心) seats 1, but 2 attend",
    ]


def test_cohort_no_larger_than_the_cohort_size() -> None:
    p = problem(courses=(problem().courses[0], replace(CPR, cohort_size=1), problem().courses[2]))
    assert messages(p, valid_plan()) == [
        "CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: 2 attend, more than the cohort size 1",
    ]


def test_room_closed_that_day() -> None:
    plan = move(valid_plan(), "CPR#1.1", D(2026, 3, 17), "tue-pm")
    assert messages(problem(), plan) == [
        "CPR#1.1 (心肺复苏培训) on 2026-03-17 16:30: room R2 (技能培训中心) is unavailable that day "
        "(装修, 2026-03-17..2026-03-19)",
    ]


def test_room_holds_one_session_at_a_time() -> None:
    plan = move(valid_plan(), "QY#2.2", D(2026, 4, 7), "tue-pm")
    assert messages(problem(), plan, "rooms") == [
        "room R1 (学术报告厅) holds QY#2.1 and QY#2.2 at the same time on 2026-04-07 16:30",
    ]


def test_two_rooms_at_the_same_time_are_allowed() -> None:
    # With a second lecture room R3, QY#1.2 may be held alongside CPR#1.1 as far as rooms go (its
    # people then clash with CPR's, which the people and speakers families report, not this one).
    p = problem(rooms=(*problem().rooms, Room("R3", "示教室", 10, frozenset({"projector"}))))
    plan = move(valid_plan(), "QY#1.2", D(2026, 3, 24), "tue-pm", room="R3")
    assert messages(p, plan, "rooms") == []
