"""Coverage: each department keeps its minimum on duty whenever its staff are in sessions."""

from __future__ import annotations

from planner.domain import Department, Unavailability

from .builders import D, edit, messages, move, problem, valid_plan


def test_department_below_its_minimum_during_a_session() -> None:
    # QY#2.1 on 2026-04-07 takes S001 and S002 of 内科; S003 takes a day off: nobody is left.
    leave = Unavailability("staff", "S003", D(2026, 4, 7), D(2026, 4, 7), "年假")
    p = problem(unavailability=(*problem().unavailability, leave))
    assert messages(p, valid_plan()) == [
        "内科 (NK) has 0 on duty on 2026-04-07 16:30, minimum 1: 2 in training, 1 on leave "
        "(sessions QY#2.1)",
    ]


def test_counts_every_session_at_that_moment() -> None:
    # CPR#1.1 (S002 内科 training; S005 外科 training, S006 外科 teaching) moved onto QY#2.1's
    # Tuesday: 外科 sends S004 (teaching QY), S005 and S006 — all three.
    plan = move(valid_plan(), "CPR#1.1", D(2026, 4, 7), "tue-pm")
    assert messages(problem(), plan, "coverage") == [
        "外科 (WK) has 0 on duty on 2026-04-07 16:30, minimum 1: 1 in training, 2 teaching "
        "(sessions CPR#1.1, QY#2.1)",
    ]


def test_higher_minimum_on_duty() -> None:
    p = problem(departments=(Department("NK", "内科", 2), Department("WK", "外科", 1)))
    assert messages(p, valid_plan(), "coverage") == [
        "内科 (NK) has 1 on duty on 2026-03-03 16:30, minimum 2: 1 in training, 1 teaching "
        "(sessions QY#1.1)",
        "内科 (NK) has 1 on duty on 2026-03-05 16:30, minimum 2: 1 in training, 1 teaching "
        "(sessions QY#1.2)",
        "内科 (NK) has 1 on duty on 2026-04-07 16:30, minimum 2: 2 in training "
        "(sessions QY#2.1)",
    ]


def test_leave_alone_is_not_the_plans_doing() -> None:
    # All of 外科 is away on 2026-03-03 … but then it sends nobody to QY#1.1 and is not reported.
    plan = edit(valid_plan(), "QY#1.1", attendees=("S002",))
    leave = tuple(Unavailability("staff", pid, D(2026, 3, 3), D(2026, 3, 3), "外出")
                  for pid in ("S004", "S005", "S006"))
    p = problem(unavailability=(*problem().unavailability, *leave))
    assert messages(p, plan, "coverage") == []
