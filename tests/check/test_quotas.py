"""Quotas: every figure of the plan's quota table recomputed; every shortfall has a reason."""

from __future__ import annotations

from dataclasses import replace

from planner.domain import Category, CreditRates, QuotaLine, Who

from .builders import messages, problem, q, set_quota, valid_plan


def test_figure_disagrees() -> None:
    plan = set_quota(valid_plan(), "S005", "lecture", planned=1.5)
    assert messages(problem(), plan) == [
        "quota figures disagree for S005 (陈静) lecture: plan says planned 1.5, recomputed 3",
    ]


def test_figures_within_a_hundredth_agree() -> None:
    plan = set_quota(valid_plan(), "S005", "lecture", planned=2.995)
    assert messages(problem(), plan) == []


def test_history_counts() -> None:
    plan = set_quota(valid_plan(), "S002", "ethics", history=0)
    assert messages(problem(), plan) == [
        "quota figures disagree for S002 (李娜) ethics: plan says history 0, recomputed 2",
    ]


def test_row_missing() -> None:
    plan = valid_plan()
    plan.quotas = [r for r in plan.quotas if (r.staff, r.category) != ("S003", "ethics")]
    assert messages(problem(), plan) == [
        "quota row missing for S003 (张伟) ethics: recomputed required 6, history 0, planned 6, "
        "shortfall 0",
    ]


def test_row_that_no_quota_asks_for() -> None:
    plan = valid_plan()
    plan.quotas.append(q("S001", "skills", 2, 0, 0, 2, "capacity"))
    assert messages(problem(), plan) == [
        "quota row for S001 (王建国) skills is in the plan, but no such quota applies to them",
    ]


def test_quota_only_for_the_people_it_names() -> None:
    # Ethics for nurses only: the doctors' ethics rows should not be there.
    nurses = Who("role=nurse", roles=frozenset({problem().staff[1].role}))
    p = problem(settings={"quotas": (QuotaLine(nurses, Category.ETHICS, 6.0),
                                     problem().settings.quotas[1])})
    assert messages(p, valid_plan()) == [
        f"quota row for {pid} ethics is in the plan, but no such quota applies to them"
        for pid in ("S001 (王建国)", "S003 (张伟)", "S004 (刘洋)", "S006 (赵磊)")
    ]


def test_online_counts_only_up_to_its_share() -> None:
    # Ethics (6 h) is met by the 6 h online module; with a share of 0.5 only 3 h of it count.
    lines = problem().settings.quotas
    p = problem(settings={"quotas": (replace(lines[0], online_share_max=0.5), lines[1])})
    names = {"S001": "王建国", "S002": "李娜", "S003": "张伟", "S004": "刘洋", "S005": "陈静",
             "S006": "赵磊"}
    expected = []
    for pid, name in names.items():
        short = "1" if pid == "S002" else "3"  # S002 has 2 h of ethics from earlier
        expected += [
            f"quota figures disagree for {pid} ({name}) ethics: plan says planned 6, recomputed 3",
            f"quota figures disagree for {pid} ({name}) ethics: plan says shortfall 0, "
            f"recomputed {short}",
        ]
    assert messages(p, valid_plan()) == sorted(expected)


def test_hospital_run_class_ii_counts_up_to_the_cap() -> None:
    # With the cap at 2: S001 counts 2 of 4.5 hospital-run + 1 other = 3 of the 4 in total;
    # S004 likewise (9.5 + 4.5 capped to 2, + 1). The others have at most 1 hospital-run.
    p = problem(settings={"rates": CreditRates(hospital_class2_cap=2.0)})
    assert messages(p, valid_plan()) == [
        "quota figures disagree for S001 (王建国) credits-total: plan says shortfall 0, recomputed 1",
        "quota figures disagree for S004 (刘洋) credits-total: plan says shortfall 0, recomputed 1",
    ]


def test_class_i_counts_up_to_its_maximum() -> None:
    # Total raised to 6. S003's 5 Class I credits from earlier count 3 (the maximum), so 3 + 2
    # Class II leave them 1 short; a plan that counted all 5 would say 0. Others, by hand:
    # S001 5.5 → 0.5 short; S002, S005, S006 2 → 4 short; S004 0 + min(14, 10) + 1 = 11 → none.
    p = problem(settings={"credits": replace(problem().settings.credits, total_min=6.0)})
    plan = valid_plan()
    for pid, short in (("S001", 0.5), ("S002", 4), ("S003", 1), ("S005", 4), ("S006", 4)):
        plan = set_quota(plan, pid, "credits-total", shortfall=short, reason="not eligible")
    for pid in ("S001", "S002", "S003", "S004", "S005", "S006"):
        plan = set_quota(plan, pid, "credits-total", required=6)
    assert messages(p, plan) == []
    plan = set_quota(plan, "S003", "credits-total", shortfall=0, reason="")
    assert messages(p, plan) == [
        "quota figures disagree for S003 (张伟) credits-total: plan says shortfall 0, recomputed 1",
    ]


def test_shortfall_needs_a_reason() -> None:
    plan = set_quota(valid_plan(), "S002", "credits-I", reason="")
    assert messages(problem(), plan) == [
        "S002 (李娜) is 1 short in credits-I but the plan gives no reason",
    ]


def test_shortfall_reason_is_one_of_the_plans() -> None:
    plan = set_quota(valid_plan(), "S005", "credits-total", reason="busy")
    assert messages(problem(), plan) == [
        "S005 (陈静) is 2 short in credits-total with the reason 'busy', which is not one of: away, "
        "not eligible, no session in window, capacity, coverage, clash, trade-off, solver limit",
    ]
