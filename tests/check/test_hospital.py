"""Hospital rules: at least N sessions of a category every month, or over the horizon."""

from __future__ import annotations

from planner.domain import Category, HospitalRule

from .builders import D, messages, move, problem, valid_plan


def test_at_least_n_a_month() -> None:
    # March and April each hold two QY lectures; no description → the rule is stated plainly.
    p = problem(settings={"rules": (HospitalRule("min-per-month", Category.LECTURE, 3),)})
    assert messages(p, valid_plan()) == [
        "at least 3 lecture session(s) a month: 2 lecture session(s) planned in 2026-03, minimum 3",
        "at least 3 lecture session(s) a month: 2 lecture session(s) planned in 2026-04, minimum 3",
    ]


def test_a_month_without_its_session() -> None:
    # Both runs of session 2 moved into March: April has no 全院业务学习 (and they leave their month).
    plan = move(move(valid_plan(), "QY#2.1", D(2026, 3, 31), "tue-pm"), "QY#2.2", D(2026, 3, 26),
                "thu-pm")
    assert messages(problem(), plan, "hospital rules") == [
        "每月至少一次全院业务学习: 0 lecture session(s) planned in 2026-04, minimum 1",
    ]


def test_at_least_n_a_year() -> None:
    p = problem(settings={"rules": (
        HospitalRule("min-per-year", Category.SKILLS, 2, "专业技术培训每年不少于2次"),)})
    assert messages(p, valid_plan()) == [
        "专业技术培训每年不少于2次: 1 skills session(s) planned in 2026-03-01..2026-04-30, minimum 2",
    ]


def test_every_run_counts() -> None:
    # Two runs of each QY session: four lectures over the horizon.
    p = problem(settings={"rules": (HospitalRule("min-per-year", Category.LECTURE, 4),)})
    assert messages(p, valid_plan()) == []
