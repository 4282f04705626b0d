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


def test_in_chinese_the_office_is_told_what_it_means_and_whom_to_tell() -> None:
    found = [Violation("rooms", "QY#2.2 (全院业务学习) on 2026-04-09 16:30: room R9 does not exist"),
             Violation("teach-back", "S013 gives no teach-back lecture")]
    text = format_violations(found, "zh")
    assert text.startswith("独立校核：发现 2 处违反规则。这是编排程序本身的错误")
    assert "未发布" in text and "发给维护人员" in text
    assert "教室（rooms）：1 处\n  - QY#2.2" in text
    assert "进修回院授课（teach-back）：1 处" in text
    assert format_violations([], "zh").startswith("独立校核：没有违反规则之处")


def test_report_of_a_checked_plan() -> None:
    plan = move(valid_plan(), "QY#1.1", D(2026, 3, 17), "tue-pm")
    assert format_violations(check(problem(), plan)) == (
        "Independent check: 1 violation(s)\n"
        "\n"
        "pins (1):\n"
        "  - QY#1.1 (全院业务学习) is pinned to 2026-03-03, planned on 2026-03-17\n"
    )


def test_month_level_families_follow_the_session_level_ones() -> None:
    found = [
        Violation("quotas", "S005 (陈静) is 1 short in credits-I but the plan gives no reason"),
        Violation("monthly coverage", "外科 (WK) has 2 on duty in 2026-03, minimum 3: 3 staff; "
                                      "1 away on external study (S005 (陈静))"),
        Violation("teach-back", "S005 (陈静, 外科) returns from seat JX on 2026-03-31 but gives no "
                                "teach-back lecture (回院汇报); it is due in 2026-04-01..2026-04-14"),
        Violation("coverage", "外科 (WK) has 0 on duty on 2026-04-09 16:30, minimum 1: 3 in "
                              "training, 1 teaching (sessions QY#2.2)"),
        Violation("external study", "seat JX (省人民医院, 护理): 0 of 1 place(s) filled, and no "
                                    "warning of the plan says why"),
        Violation("exit exams", "no exit exam (出科考核) of 外科 (WK) for 2026-04: S003 (张伟, 内科) "
                                "finish(es) a block there; expected session exit:WK:2026-04#1.1"),
        Violation("rotations", "外科 (WK) takes 1 rotator(s) in 2026-04, more than its rotator "
                               "capacity 0: S003 (张伟)"),
    ]
    text = format_violations(found)
    heads = [line for line in text.splitlines() if line.endswith(":") and "(" in line]
    assert heads == ["coverage (1):", "rotations (1):", "exit exams (1):", "external study (1):",
                     "teach-back (1):", "monthly coverage (1):", "quotas (1):"]
