"""People: audience, leave, one place at a time, each session once, recordings and modules."""

from __future__ import annotations

from dataclasses import replace

from planner.domain import Role, Unavailability, Who
from planner.plan import Missed, OffSiteAttendance

from .builders import YD, D, edit, messages, move, problem, valid_plan


def test_attendee_in_the_courses_audience() -> None:
    # S003 is a doctor; CPR is for nurses (and its cohorts hold 2).
    plan = edit(valid_plan(), "CPR#1.1", attendees=("S002", "S003", "S005"))
    assert messages(problem(), plan) == [
        "CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: S003 (张伟, 内科) attends but is not in the "
        "course's audience (role=nurse)",
        "CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: 3 attend, more than the cohort size 2",
    ]


def test_attendee_on_the_staff_list() -> None:
    plan = edit(valid_plan(), "QY#2.1", attendees=("S001", "S002", "S005", "S099"))
    assert messages(problem(), plan) == [
        "QY#2.1 (全院业务学习) on 2026-04-07 16:30: attendee S099 is not on the staff list",
    ]


def test_attendee_not_on_leave() -> None:
    # S003 is on sick leave 2026-03-10..12; QY#1.2 moved to Thursday 03-12 takes them along.
    plan = move(valid_plan(), "QY#1.2", D(2026, 3, 12), "thu-pm")
    assert messages(problem(), plan) == [
        "QY#1.2 (全院业务学习) on 2026-03-12 16:30: S003 (张伟, 内科) attends while on leave "
        "(病假, 2026-03-10..2026-03-12)",
    ]


def test_nobody_in_two_sessions_at_once() -> None:
    plan = move(valid_plan(), "CPR#1.1", D(2026, 4, 7), "tue-pm")
    assert messages(problem(), plan, "people") == [
        "S002 (李娜, 内科) attends CPR#1.1 and QY#2.1 at the same time on 2026-04-07 16:30",
        "S005 (陈静, 外科) attends CPR#1.1 and QY#2.1 at the same time on 2026-04-07 16:30",
    ]


def test_listed_twice_in_one_session() -> None:
    plan = edit(valid_plan(), "QY#2.2", attendees=("S003", "S006", "S006"))
    assert messages(problem(), plan) == [
        "QY#2.2 (全院业务学习) on 2026-04-09 16:30: S006 (赵磊, 外科) is listed 2 times",
    ]


def test_same_session_not_taken_twice_live_and_by_recording() -> None:
    plan = valid_plan()
    plan.offsite.append(OffSiteAttendance("S002", "QY", 1, "recording"))
    assert messages(problem(), plan) == [
        "S002 (李娜, 内科) takes 全院业务学习 (QY) session 1 2 times: QY#1.1, a recording",
        "quota figures disagree for S002 (李娜) lecture: plan says planned 3, recomputed 4.5",
    ]


def test_recording_only_for_recorded_courses() -> None:
    plan = edit(valid_plan(), "CPR#1.1", attendees=("S005",))
    plan.offsite.append(OffSiteAttendance("S002", "CPR", 1, "recording"))
    assert messages(problem(), plan) == [
        "S002 (李娜, 内科) is given a recording of 心肺复苏培训 (CPR) session 1, but the course is "
        "not recorded",
    ]


def test_online_only_for_online_courses() -> None:
    plan = edit(valid_plan(), "QY#2.2", attendees=("S006",))
    plan.offsite.append(OffSiteAttendance("S003", "QY", 2, "online"))
    assert messages(problem(), plan, "people") == [
        "S003 (张伟, 内科) is given 全院业务学习 (QY) session 2 online, but it is an in-person course",
    ]


def test_online_module_only_for_its_audience() -> None:
    doctors = replace(YD, audience=Who("role=doctor", roles=frozenset({Role.DOCTOR})))
    p = problem(courses=(*problem().courses[:2], doctors))
    assert messages(p, valid_plan()) == [
        "S002 (李娜, 内科) is given 医德医风网络课程 (YD-ON) session 1 online but is not in its "
        "audience (role=doctor)",
        "S005 (陈静, 外科) is given 医德医风网络课程 (YD-ON) session 1 online but is not in its "
        "audience (role=doctor)",
    ]


def test_every_audience_member_takes_each_session_or_is_listed_missing() -> None:
    plan = edit(valid_plan(), "QY#2.2", attendees=("S003",))
    assert messages(problem(), plan, "people") == [
        "S006 (赵磊, 外科) is in the audience of 全院业务学习 (QY) session 2 but neither takes it nor "
        "is listed as missing it",
    ]


def test_a_missed_session_listed_with_its_reason_is_allowed() -> None:
    plan = edit(valid_plan(), "QY#2.2", attendees=("S003",))
    plan.missed.append(Missed("S006", "QY", 2, "coverage"))
    assert messages(problem(), plan, "people") == []


def test_listed_missing_but_taken() -> None:
    plan = valid_plan()
    plan.missed.append(Missed("S002", "QY", 1, "capacity"))
    assert messages(problem(), plan) == [
        "S002 (李娜, 内科) is listed as missing 全院业务学习 (QY) session 1 but takes it (QY#1.1)",
    ]


def test_missed_reason_is_one_of_the_plans() -> None:
    plan = edit(valid_plan(), "QY#2.2", attendees=("S003",))
    plan.missed.append(Missed("S006", "QY", 2, "busy"))
    assert messages(problem(), plan, "people") == [
        "S006 (赵磊, 外科) is listed as missing 全院业务学习 (QY) session 2 for the reason 'busy', "
        "which is not one of: away, not eligible, no session in window, capacity, coverage, "
        "clash, trade-off, solver limit",
    ]


def test_leave_on_another_day_is_no_obstacle() -> None:
    leave = Unavailability("staff", "S005", D(2026, 3, 25), D(2026, 4, 6), "年假")
    p = problem(unavailability=(*problem().unavailability, leave))
    assert messages(p, valid_plan()) == []
