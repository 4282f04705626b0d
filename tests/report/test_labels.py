"""Both languages complete: every label has a Chinese and an English text, and every code the
plan can carry (categories, shortfall reasons) has a translation."""

from __future__ import annotations

from planner.domain import Category
from planner.report.labels import CATEGORIES, DETAILS, REASONS, STATUS, TEXT, labels_for
from planner.solver.extract import REASONS as SOLVER_REASONS


def test_every_label_has_both_languages() -> None:
    blank_on_purpose = {"no"}
    missing = [k for table in (TEXT, DETAILS, STATUS, REASONS) for k, (zh, en) in table.items()
               if k not in blank_on_purpose and not (zh and en)]
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
    """plan.json keeps a missed session's detail in fixed English with department ids; the
    summary says it in words with the departments by name."""
    zh, en = labels_for("zh"), labels_for("en")
    name = {"NK": "内科", "ICU": "重症医学科"}.get
    dept = lambda d: name(d, d)  # noqa: E731
    assert zh.detail("away", "on leave or teaching: 2027-05-20") == "请假或授课：2027-05-20"
    assert zh.detail("capacity", "every run was full") == "各场次均已满员"
    assert zh.detail("coverage", "NK at its minimum on duty", dept) == "内科"
    assert zh.detail("coverage", "NK 2027-09-17, NK 2027-09-21, ICU 2027-09-30", dept) == (
        "内科：2027-09-17、2027-09-21；重症医学科：2027-09-30")
    assert zh.detail("away", "external study JX1 (省人民医院): 2027-04-01, 2027-05-06; "
                     "rotating in NK: 2027-03-02; teaching: 2027-06-01", dept) == (
        "进修（省人民医院）：2027-04-01、2027-05-06；在内科轮转：2027-03-02；授课：2027-06-01")
    assert zh.detail("clash", "2027-03-04, 2027-03-05") == "2027-03-04、2027-03-05"
    assert en.detail("capacity", "every run was full") == "every run was full"
    assert en.detail("away", "rotating in NK: 2027-03-02", dept) == "rotating in 内科: 2027-03-02"
