"""Sessions: every part held, on a working day, in its slot, window and period, for its hours."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.domain import DayKind, HolidayRow, Slot, Topic

from .builders import CPR, D, add, drop, edit, messages, move, problem, session, valid_plan


def test_a_course_session_missing_from_the_plan() -> None:
    plan = drop(valid_plan(), "CPR#1.1")
    assert messages(problem(), plan) == [
        "专业技术培训每年不少于1次: 0 skills session(s) planned in 2026-03-01..2026-04-30, minimum 1",
        "S002 (李娜, 内科) is in the audience of 心肺复苏培训 (CPR) session 1 but neither takes it "
        "nor is listed as missing it",
        "S005 (陈静, 外科) is in the audience of 心肺复苏培训 (CPR) session 1 but neither takes it "
        "nor is listed as missing it",
        "心肺复苏培训 (CPR) session 1 is not in the plan",
    ]


def test_runs_of_a_session_are_numbered_from_one_and_may_skip_a_number() -> None:
    # A run's number is its identity in the calendars: a re-plan that drops run 2 keeps run 3.
    plan = edit(valid_plan(), "QY#1.2", id="QY#1.3", run=3)
    assert messages(problem(), plan) == []
    plan = edit(valid_plan(), "QY#1.2", id="QY#1.0", run=0)
    assert messages(problem(), plan) == [
        "全院业务学习 (QY) session 1: runs are numbered 0, 1, expected numbers from 1 on",
    ]


def test_session_id_names_course_part_and_run() -> None:
    plan = edit(valid_plan(), "QY#1.2", id="QY#1.9")
    assert messages(problem(), plan) == [
        "QY#1.9 (全院业务学习): its id should be QY#1.2 (session 1, run 2)",
    ]


def test_session_of_an_unknown_course() -> None:
    plan = add(valid_plan(), replace(valid_plan().sessions[0], id="XX#1.1", course="XX"))
    assert messages(problem(), plan) == ["XX#1.1: course XX does not exist"]


def test_online_course_has_no_sessions() -> None:
    plan = add(valid_plan(), replace(valid_plan().sessions[0], id="YD-ON#1.1", course="YD-ON"))
    assert messages(problem(), plan) == [
        "YD-ON#1.1: 医德医风网络课程 (YD-ON) is an online course and has no sessions",
    ]


def test_session_of_a_part_the_course_does_not_have() -> None:
    extra = session("QY", 3, 1, D(2026, 4, 14), "tue-pm", "R1", "S004", ())
    assert "QY#3.1 (全院业务学习): session 3 does not exist, the course has 2 session(s)" in (
        messages(problem(), add(valid_plan(), extra), "sessions"))


def test_no_session_on_a_statutory_holiday() -> None:
    # 2026-04-06 is the Monday of the 清明 break; the slot's weekday is not even checked then.
    plan = move(valid_plan(), "QY#2.2", D(2026, 4, 6), "thu-pm")
    assert messages(problem(), plan) == [
        "QY#2.2 (全院业务学习) on 2026-04-06 16:30: not a working day (清明)",
    ]


def test_no_session_on_a_weekend() -> None:
    plan = move(valid_plan(), "QY#2.2", D(2026, 4, 11), "thu-pm")
    assert messages(problem(), plan) == [
        "QY#2.2 (全院业务学习) on 2026-04-11 16:30: not a working day (weekend)",
    ]


def test_slot_must_match_the_weekday() -> None:
    plan = move(valid_plan(), "QY#2.2", D(2026, 4, 8), "thu-pm")
    assert messages(problem(), plan) == [
        "QY#2.2 (全院业务学习) on 2026-04-08 16:30: slot thu-pm is for Thursdays, 2026-04-08 is a "
        "Wednesday",
    ]


def test_slot_must_exist() -> None:
    plan = edit(valid_plan(), "QY#2.2", slot="fri-pm")
    assert messages(problem(), plan) == [
        "QY#2.2 (全院业务学习) on 2026-04-09 16:30: slot fri-pm does not exist",
    ]


SAT = Slot("sat-am", 5, dt.time(9, 0), dt.time(10, 30))
MAKEUP = (HolidayRow(D(2026, 4, 11), DayKind.WORKDAY, "调休上班"),)


def _on_makeup_saturday(slot: Slot) -> list[str]:
    p = problem(holidays=MAKEUP, settings={"slots": (*problem().settings.slots, slot)})
    plan = edit(valid_plan(), "QY#2.2", date="2026-04-11", slot="sat-am",
                start="2026-04-11T09:00:00+08:00", end="2026-04-11T10:30:00+08:00")
    return messages(p, plan)


def test_make_up_workday_only_in_slots_opened_for_it() -> None:
    assert _on_makeup_saturday(SAT) == [
        "QY#2.2 (全院业务学习) on 2026-04-11 09:00: 2026-04-11 is a make-up workday (调休) and slot "
        "sat-am is not open on make-up workdays",
    ]


def test_make_up_workday_slot_opened_for_it_is_allowed() -> None:
    assert _on_makeup_saturday(replace(SAT, makeup=True)) == []


def test_start_must_be_the_slot_start() -> None:
    plan = edit(valid_plan(), "QY#2.2", start="2026-04-09T16:00:00+08:00",
                end="2026-04-09T17:30:00+08:00")
    assert messages(problem(), plan) == [
        "QY#2.2 (全院业务学习) on 2026-04-09 16:00: starts at 2026-04-09T16:00:00+08:00, slot thu-pm "
        "starts at 2026-04-09T16:30:00+08:00",
    ]


def test_start_in_another_offset_is_not_the_slot_start() -> None:
    # The same instant written in UTC: plan.json must carry the hospital's own offset.
    plan = edit(valid_plan(), "QY#2.2", start="2026-04-09T08:30:00+00:00")
    assert messages(problem(), plan) == [
        "QY#2.2 (全院业务学习) on 2026-04-09 16:30: starts at 2026-04-09T08:30:00+00:00, slot thu-pm "
        "starts at 2026-04-09T16:30:00+08:00",
    ]


def test_start_without_utc_offset() -> None:
    plan = edit(valid_plan(), "QY#2.2", start="2026-04-09T16:30:00")
    assert messages(problem(), plan) == [
        "QY#2.2 (全院业务学习) on 2026-04-09 thu-pm: start '2026-04-09T16:30:00' is not an ISO 8601 "
        "time with a UTC offset",
    ]


def test_end_is_start_plus_hours_and_inside_the_slot() -> None:
    plan = edit(valid_plan(), "QY#2.2", end="2026-04-09T18:30:00+08:00")
    assert messages(problem(), plan) == [
        "QY#2.2 (全院业务学习) on 2026-04-09 16:30: ends at 18:30, after slot thu-pm ends at 18:00",
        "QY#2.2 (全院业务学习) on 2026-04-09 16:30: ends at 2026-04-09T18:30:00+08:00, expected "
        "2026-04-09T18:00:00+08:00 (1.5 h after the start)",
    ]


def test_hours_are_the_courses() -> None:
    plan = edit(valid_plan(), "QY#2.2", hours=2.0)
    assert messages(problem(), plan) == [
        "QY#2.2 (全院业务学习) on 2026-04-09 16:30: lasts 2 h, the course's sessions last 1.5 h",
    ]


def test_credit_figures_are_the_courses() -> None:
    plan = edit(valid_plan(), "QY#2.2", credits=1.0, credit_class="I")
    assert messages(problem(), plan, "sessions") == [
        "QY#2.2 (全院业务学习) on 2026-04-09 16:30: attendee credits are 1, expected 0.5",
        "QY#2.2 (全院业务学习) on 2026-04-09 16:30: credit class is I, the course's is II",
    ]


def test_session_inside_the_course_window() -> None:
    plan = move(valid_plan(), "CPR#1.1", D(2026, 3, 10), "tue-pm")
    assert messages(problem(), plan) == [
        "CPR#1.1 (心肺复苏培训) on 2026-03-10 16:30: outside the course window "
        "2026-03-15..2026-04-30",
    ]


def test_session_inside_the_horizon_and_its_month() -> None:
    plan = move(valid_plan(), "QY#2.2", D(2026, 5, 7), "thu-pm")
    assert messages(problem(), plan) == [
        "QY#2.2 (全院业务学习) on 2026-05-07 16:30: outside the planning horizon "
        "2026-03-01..2026-04-30",
        "QY#2.2 (全院业务学习) on 2026-05-07 16:30: session 2 of a monthly course belongs in "
        "2026-04-01..2026-04-30",
    ]


def test_monthly_course_part_k_in_month_k() -> None:
    plan = move(valid_plan(), "QY#2.2", D(2026, 3, 26), "thu-pm")
    assert messages(problem(), plan) == [
        "QY#2.2 (全院业务学习) on 2026-03-26 16:30: session 2 of a monthly course belongs in "
        "2026-04-01..2026-04-30",
    ]


def test_weekly_course_counts_weeks_from_the_window_start() -> None:
    # Window starts Sunday 2026-03-15: week 1 is 03-15..03-21, so the 03-24 session is in week 2.
    p = problem(courses=(problem().courses[0], replace(CPR, frequency="weekly"),
                         problem().courses[2]))
    assert messages(p, valid_plan()) == [
        "CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: session 1 of a weekly course belongs in "
        "2026-03-15..2026-03-21",
    ]


def _with_cpr_dates() -> object:
    dates = (D(2026, 3, 24), D(2026, 4, 14))
    return problem(courses=(problem().courses[0], replace(CPR, dates=dates), problem().courses[2]))


def test_only_on_the_courses_dates() -> None:
    plan = move(valid_plan(), "CPR#1.1", D(2026, 3, 26), "thu-pm")
    assert messages(_with_cpr_dates(), plan) == [  # type: ignore[arg-type]
        "CPR#1.1 (心肺复苏培训) on 2026-03-26 16:30: not one of the course's dates "
        "(2026-03-24, 2026-04-14)",
    ]


def test_on_one_of_the_courses_dates_is_allowed() -> None:
    assert messages(_with_cpr_dates(), valid_plan()) == []  # type: ignore[arg-type]


def test_topic_row_date_fixes_the_session() -> None:
    p = problem(topics=(Topic("QY", 1, "急性胸痛的规范化诊治", speaker="S001"),
                        Topic("QY", 2, "院内感染防控新规解读", date=D(2026, 4, 9))))
    assert messages(p, valid_plan()) == [
        "QY#2.1 (全院业务学习) on 2026-04-07 16:30: the topic row fixes session 2 on 2026-04-09",
    ]


def test_sessions_of_one_course_never_at_the_same_time() -> None:
    # Both runs of session 1 on Tuesday 2026-03-03: the course, its speaker and its room clash,
    # and both departments send everyone but S001 (who teaches) at once.
    plan = move(valid_plan(), "QY#1.2", D(2026, 3, 3), "tue-pm")
    assert messages(problem(), plan) == [
        "内科 (NK) has 0 on duty on 2026-03-03 16:30, minimum 1: 2 in training, 1 teaching "
        "(sessions QY#1.1, QY#1.2)",
        "外科 (WK) has 0 on duty on 2026-03-03 16:30, minimum 1: 3 in training "
        "(sessions QY#1.1, QY#1.2)",
        "room R1 (学术报告厅) holds QY#1.1 and QY#1.2 at the same time on 2026-03-03 16:30",
        "QY#1.1 and QY#1.2 of 全院业务学习 (QY) overlap on 2026-03-03 16:30",
        "S001 (王建国, 内科) teaches QY#1.1 and QY#1.2 at the same time on 2026-03-03 16:30",
    ]
