"""The checker's report: grouped by family (hard rules first), counted."""

from __future__ import annotations

from planner.check import Violation, format_violations

from .builders import D, check, move, problem, valid_plan


def test_no_violations() -> None:
    assert format_violations([]) == (
        "Independent check: no violations — every hard rule holds and every quota figure agrees.\n"
    )


def test_grouped_by_family_and_counted() -> None:
    found = [
        Violation("quotas", "S002 (李娜) is 1 short in credits-I but the plan gives no reason"),
        Violation("rooms", "QY#2.2 (全院业务学习) on 2026-04-09 16:30: room R9 does not exist"),
        Violation("sessions", "心肺复苏培训 (CPR) session 1 is not in the plan"),
        Violation("rooms", "QY#2.2 (全院业务学习) on 2026-04-09 16:30: room R9 does not exist"),
        Violation("rooms", "CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: 2 attend, more than the "
                           "cohort size 1"),
    ]
    assert format_violations(found) == (
        "Independent check: 4 violation(s)\n"
        "\n"
        "sessions (1):\n"
        "  - 心肺复苏培训 (CPR) session 1 is not in the plan\n"
        "\n"
        "rooms (2):\n"
        "  - CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: 2 attend, more than the cohort size 1\n"
        "  - QY#2.2 (全院业务学习) on 2026-04-09 16:30: room R9 does not exist\n"
        "\n"
        "quotas (1):\n"
        "  - S002 (李娜) is 1 short in credits-I but the plan gives no reason\n"
    )


def test_report_of_a_checked_plan() -> None:
    plan = move(valid_plan(), "QY#1.1", D(2026, 3, 17), "tue-pm")
    assert format_violations(check(problem(), plan)) == (
        "Independent check: 1 violation(s)\n"
        "\n"
        "pins (1):\n"
        "  - QY#1.1 (全院业务学习) is pinned to 2026-03-03, planned on 2026-03-17\n"
    )
