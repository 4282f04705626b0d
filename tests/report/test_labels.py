"""Both languages complete: every label has a Chinese and an English text, and every code the
plan can carry (categories, shortfall reasons) has a translation."""

from __future__ import annotations

from planner.domain import Category
from planner.report.labels import CATEGORIES, REASONS, TEXT, labels_for
from planner.solver.extract import REASONS as SOLVER_REASONS


def test_every_label_has_both_languages() -> None:
    blank_on_purpose = {"no"}
    missing = [k for k, (zh, en) in TEXT.items() if k not in blank_on_purpose and not (zh and en)]
    assert missing == []


def test_every_category_and_reason_is_translated() -> None:
    for code in [c.value for c in Category] + ["credits-total", "credits-I", "credits-II"]:
        assert code in CATEGORIES, code
        assert all(CATEGORIES[code]), code
    assert set(SOLVER_REASONS) <= set(REASONS)


def test_default_is_chinese_and_english_on_request() -> None:
    assert labels_for("zh")["sec.quotas"] == "个人学时与学分"
    assert labels_for("fr")["sec.quotas"] == "个人学时与学分"
    assert labels_for("en")["sec.quotas"] == "Hours and credits per person"
    assert labels_for("zh").month(2027, 3) == "2027年3月" and labels_for("en").month(2027, 3) == "Mar 2027"


def test_solver_details_are_translated() -> None:
    zh = labels_for("zh")
    assert zh.detail("on leave or teaching: 2027-05-20") == "请假或授课：2027-05-20"
    assert zh.detail("every run was full") == "各场次均已满员"
    assert zh.detail("内科 at its minimum on duty") == "内科 在岗人数已达下限"
    assert labels_for("en").detail("every run was full") == "every run was full"
