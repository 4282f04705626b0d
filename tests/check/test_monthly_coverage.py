"""Coverage month by month (rotations and external study), and at sessions with rotators."""

from __future__ import annotations

from dataclasses import replace

from planner.domain import Department

from . import rotation_builders as rb
from .builders import edit, messages


def departments(nk: dict[str, object], wk: dict[str, object]) -> tuple[Department, ...]:
    a, b = rb.DEPARTMENTS
    return replace(a, **nk), replace(b, **wk)  # type: ignore[arg-type]


def test_valid_plan_keeps_every_coverage_rule() -> None:
    assert messages(rb.problem(), rb.valid_plan(), "monthly coverage") == []
    assert messages(rb.problem(), rb.valid_plan(), "coverage") == []


def test_external_study_leaves_a_department_short() -> None:
    p = rb.problem(departments=departments({}, {"min_on_duty": 3}))
    assert messages(p, rb.valid_plan(), "monthly coverage") == [
        "外科 (WK) has 2 on duty in 2026-03, minimum 3: 3 staff; 1 away on external study "
        "(S005 (陈静))",
    ]


def test_rotating_elsewhere_leaves_a_department_short() -> None:
    p = rb.problem(departments=departments({"min_on_duty": 3}, {}))
    assert messages(p, rb.valid_plan(), "monthly coverage") == [
        "内科 (NK) has 2 on duty in 2026-04, minimum 3: 3 staff; 1 rotating in other departments "
        "(S003 (张伟))",
    ]


def test_rotators_count_on_duty_where_the_department_says_so() -> None:
    # S003 rotates in 外科 in March, while S005 is away: 3 − 1 + 1 = 3 on duty …
    plan = replace(rb.valid_plan(), rotations=[
        rb.block(start="2026-03-01", end="2026-03-31", exit_exam="exit:WK:2026-03#1.1")])
    p = rb.problem(departments=departments({"min_on_duty": 0}, {"min_on_duty": 3}))
    assert messages(p, plan, "monthly coverage") == []
    # … but only 2 when 外科's rotators do not count on duty.
    p = rb.problem(departments=departments(
        {"min_on_duty": 0}, {"min_on_duty": 3, "rotators_count_on_duty": False}))
    assert messages(p, plan, "monthly coverage") == [
        "外科 (WK) has 2 on duty in 2026-03, minimum 3: 3 staff; 1 away on external study "
        "(S005 (陈静))",
    ]


def test_a_month_without_absences_is_not_the_plans_doing() -> None:
    # 内科 with a minimum of 4 (more than its 3 staff) is only reported when the plan takes
    # someone away: April (S003 rotating), not March.
    p = rb.problem(departments=departments({"min_on_duty": 4}, {}))
    assert [m for m in messages(p, rb.valid_plan(), "monthly coverage")] == [
        "内科 (NK) has 2 on duty in 2026-04, minimum 4: 3 staff; 1 rotating in other departments "
        "(S003 (张伟))",
    ]


def test_session_coverage_counts_rotators_where_they_are() -> None:
    # QY#2.2 on 2026-04-09: 外科 has S004 teaching, S003 (rotating in 外科) and S006 in training,
    # and S005 on duty; sending S005 too leaves nobody.
    plan = edit(rb.valid_plan(), "QY#2.2", attendees=("S002", "S003", "S005", "S006"))
    found = messages(rb.problem(), plan, "coverage")
    assert found == [
        "外科 (WK) has 0 on duty on 2026-04-09 16:30, minimum 1: 3 in training, 1 teaching "
        "(sessions QY#2.2)",
    ]


def test_session_coverage_counts_staff_away_as_off_duty() -> None:
    # QY#1.2 on 2026-03-05: 外科 sends S006 while S005 is away; sending S004 too leaves nobody.
    plan = edit(rb.valid_plan(), "QY#1.2", attendees=("S003", "S004", "S006"))
    assert messages(rb.problem(), plan, "coverage") == [
        "外科 (WK) has 0 on duty on 2026-03-05 16:30, minimum 1: 2 in training, 1 away on "
        "external study (sessions QY#1.2)",
    ]


def test_session_coverage_own_department_without_its_rotating_staff() -> None:
    # QY#2.1 on 2026-04-07: 内科 is S001 and S002 while S003 rotates; sending both leaves nobody.
    plan = edit(rb.valid_plan(), "QY#2.1", attendees=("S001", "S002", "S005"))
    plan = edit(plan, "QY#2.2", attendees=("S003", "S006"))
    assert messages(rb.problem(), plan, "coverage") == [
        "内科 (NK) has 0 on duty on 2026-04-07 16:30, minimum 1: 2 in training (sessions QY#2.1)",
    ]
