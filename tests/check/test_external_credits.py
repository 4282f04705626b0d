"""Quotas with external study (进修): 5 credits a month toward the total under the full-year length,
the year's full credits at or above it (convention 7)."""

from __future__ import annotations

from dataclasses import replace

from planner.domain import CreditRates

from . import rotation_builders as rb
from .builders import D, drop, messages, set_quota

TB = f"{rb.TEACH_BACK}#1.1"


def test_valid_plan_counts_a_month_of_external_study() -> None:
    assert messages(rb.problem(), rb.valid_plan(), "quotas") == []


def test_external_credits_count_toward_the_total() -> None:
    plan = set_quota(rb.valid_plan(), "S005", "credits-total", planned=1.5, shortfall=2.5,
                     reason="away")
    assert messages(rb.problem(), plan, "quotas") == [
        "quota figures disagree for S005 (陈静) credits-total: plan says planned 1.5, recomputed "
        "6.5",
        "quota figures disagree for S005 (陈静) credits-total: plan says shortfall 2.5, "
        "recomputed 0",
    ]


def test_only_whole_months_inside_the_horizon_count() -> None:
    # 3 months from 2026-04-01: only April lies inside the horizon (ends 2026-04-30).
    seat = replace(rb.SEAT, months=3, start_earliest=D(2026, 4, 1), start_latest=D(2026, 4, 1))
    plan = replace(drop(rb.valid_plan(), TB), warnings=["S005 JX: teach-back after the horizon"],
                   placements=[rb.placement(start="2026-04-01", end="2026-06-30", teach_back="",
                                            credits=15.0)])
    assert messages(rb.problem(seats=(seat,)), plan, "external study")[-1] == (
        "S005 (陈静, 外科) on external study at seat JX 2026-04-01..2026-06-30: carries 15 "
        "credits, expected 5 (5 a month inside the horizon)")


def test_full_year_length_counts_as_the_years_credits() -> None:
    # external study of at least external_full_year_months (here 1) meets every credit row.
    p = rb.problem(settings={"rates": CreditRates(external_full_year_months=1)})
    plan = replace(rb.valid_plan(), placements=[rb.placement(credits=4.0)])
    assert messages(p, plan, "quotas") == [
        "quota figures disagree for S005 (陈静) credits-I: plan says shortfall 1, recomputed 0",
        "quota figures disagree for S005 (陈静) credits-II: plan says shortfall 0.5, recomputed 0",
        "quota figures disagree for S005 (陈静) credits-total: plan says planned 6.5, recomputed "
        "5.5",
    ]
    met = set_quota(set_quota(set_quota(plan, "S005", "credits-I", shortfall=0.0, reason=""),
                              "S005", "credits-II", shortfall=0.0, reason=""),
                    "S005", "credits-total", planned=5.5)
    assert messages(p, met, "quotas") == []
    assert messages(p, met, "external study") == []
    assert messages(p, rb.valid_plan(), "external study") == [
        "S005 (陈静, 外科) on external study at seat JX 2026-03-01..2026-03-31: carries 5 credits, "
        "expected 4 (counts as the year's full credits)",
    ]


def test_full_year_without_a_credit_quota_carries_no_credits() -> None:
    p = rb.problem(settings={"rates": CreditRates(external_full_year_months=1), "credits": None})
    plan = replace(rb.valid_plan(), placements=[rb.placement(credits=0.0)])
    assert messages(p, plan, "external study") == []
