"""Teach-back (回院汇报): the returnee lectures to their department within the set weeks."""

from __future__ import annotations

from dataclasses import replace

from . import rotation_builders as rb
from .builders import D, add, drop, edit, messages, move

TB = f"{rb.TEACH_BACK}#1.1"
AT = "teach-back:JX:S005#1.1 (回院汇报 陈静) on 2026-04-02 16:30"
APRIL_SEAT = replace(rb.SEAT, start_earliest=D(2026, 4, 1), start_latest=D(2026, 4, 1))


def april_plan(**fields: object):  # type: ignore[no-untyped-def]
    """S005 away in April instead: the teach-back window (May) is past the horizon. QY#2.1 and
    CPR#1.1 are given without S005 (then missed: away)."""
    plan = drop(rb.valid_plan(), TB)
    plan = edit(plan, "QY#2.1", attendees=("S001",))
    plan = edit(plan, "CPR#1.1", attendees=("S002",))
    return replace(plan, placements=[rb.placement(start="2026-04-01", end="2026-04-30",
                                                  teach_back="")], **fields)


def test_valid_plan_keeps_every_teach_back_rule() -> None:
    assert messages(rb.problem(), rb.valid_plan(), "teach-back") == []


def test_missing_teach_back() -> None:
    plan = drop(rb.valid_plan(), TB)
    assert messages(rb.problem(), plan, "teach-back") == [
        "S005 (陈静, 外科) returns from seat JX on 2026-03-31 but gives no teach-back lecture "
        "(回院汇报); it is due in 2026-04-01..2026-04-14",
        "S005 (陈静, 外科): the placement at seat JX names teach-back session "
        "teach-back:JX:S005#1.1, which is not in the plan",
    ]


def test_teach_back_within_the_set_weeks() -> None:
    plan = move(rb.valid_plan(), TB, D(2026, 4, 16), "thu-pm")
    assert messages(rb.problem(), plan, "teach-back") == [
        "teach-back:JX:S005#1.1 by S005 (陈静, 外科) on 2026-04-16: not within the teach-back "
        "window 2026-04-01..2026-04-14 after the return",
    ]


def test_teach_back_given_by_the_returnee() -> None:
    plan = edit(rb.valid_plan(), TB, speaker="S004")
    assert messages(rb.problem(), plan, "teach-back") == [
        "teach-back:JX:S005#1.1: given by S004 (刘洋, 外科), not by the returnee S005 (陈静, 外科)",
    ]
    assert messages(rb.problem(), plan, "speakers") == [
        f"{AT}: speaker S004 (刘洋, 外科) is not eligible (eligible: the returnee S005 (陈静))",
    ]


def test_placement_names_its_teach_back() -> None:
    plan = replace(rb.valid_plan(), placements=[rb.placement(teach_back="")])
    assert messages(rb.problem(), plan, "teach-back") == [
        "S005 (陈静, 外科): the placement at seat JX names no session as its teach-back lecture, "
        "expected teach-back:JX:S005#1.1",
    ]


def test_audience_is_the_returnees_department_and_its_rotators() -> None:
    # S003 (内科) rotates in 外科 in April and may attend; S001 (内科) may not
    plan = edit(rb.valid_plan(), TB, attendees=("S003", "S001"))
    assert messages(rb.problem(), plan, "people") == [
        f"{AT}: S001 (王建国, 内科) attends but is not in the course's audience (colleagues in 外科 "
        f"(WK))",
    ]


def test_teach_back_on_a_working_day() -> None:
    plan = move(rb.valid_plan(), TB, D(2026, 4, 4), "thu-pm")
    assert ("teach-back:JX:S005#1.1 (回院汇报 陈静) on 2026-04-04 16:30: not a working day (清明)"
            in messages(rb.problem(), plan, "sessions"))


def test_window_past_the_horizon_needs_a_warning() -> None:
    p = rb.problem(seats=(APRIL_SEAT,))
    assert messages(p, april_plan(), "teach-back") == [
        "S005 (陈静, 外科): the teach-back window 2026-05-01..2026-05-14 after seat JX runs past "
        "the end of the horizon (2026-04-30); no teach-back lecture is planned and no warning of "
        "the plan names them and the seat",
    ]
    warned = april_plan(warnings=["S005 (陈静) returns from JX after the horizon ends: no "
                                  "teach-back lecture planned"])
    assert messages(p, warned, "teach-back") == []


def test_teach_back_nobody_calls_for() -> None:
    stray = rb.own_session("teach-back:JX:S004", D(2026, 4, 16), "thu-pm", "R1", "S004", (),
                           "lecture")
    bad = rb.own_session("teach-back:JX", D(2026, 4, 16), "thu-pm", "R1", "S004", (), "lecture")
    plan = add(add(rb.valid_plan(), stray), bad)
    assert messages(rb.problem(), plan, "teach-back") == [
        "teach-back:JX#1.1: not a teach-back id (expected teach-back:<seat>:<staff id>#1.1)",
        "teach-back:JX:S004#1.1: a teach-back lecture by S004 (刘洋, 外科) for seat JX, but the "
        "plan has no such placement",
    ]
    assert messages(rb.problem(), plan, "sessions") == []  # not "unknown course"
