"""Held sessions: in a re-plan, what took place before the freeze date is a fact.

``check_plan(..., held_before=day)`` does not judge a session dated before ``day`` (nor a
rotation block or placement that began before it) against today's inputs — a room closure, a
leave, a raised minimum entered afterwards — but still counts it: parts taken, hospital rules,
quotas, clashes, exit exams sat. Each test below breaks one rule with a session before the date
and shows the violation without ``held_before`` and none with it; the counting rules stay.

The tiny hospital of :mod:`builders` runs QY#1.1 (03-03), QY#1.2 (03-05) and CPR#1.1 (03-24) in
March and the rest in April: ``APRIL`` makes the March sessions held. In the rotation plan of
:mod:`rotation_builders` S005 is away in March and S003 rotates in 外科 in April: ``MAY`` makes
everything held.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.check import check_plan
from planner.domain import Department, Pin, Problem, Unavailability
from planner.plan import Plan
from planner.workdays import build_calendar

from . import builders as b
from . import rotation_builders as rb
from .builders import D, drop, edit, move, problem, valid_plan

APRIL = D(2026, 4, 1)
MAY = D(2026, 5, 1)
QY11 = "QY#1.1 (全院业务学习) on 2026-03-03 16:30"


def found(p: Problem, plan: Plan, rule: str, held_before: dt.date | None = None) -> list[str]:
    """The messages of one rule family, with the sessions before ``held_before`` held."""
    violations = check_plan(p, build_calendar(p.settings, p.holidays), plan,
                            held_before=held_before)
    return [v.message for v in violations if v.rule == rule]


def with_unavailable(*extra: Unavailability, base: Problem | None = None) -> Problem:
    p = base or problem()
    return replace(p, unavailability=(*p.unavailability, *extra))


def test_valid_plans_stay_valid_with_held_sessions() -> None:
    for p, plan in ((problem(), valid_plan()), (rb.problem(), rb.valid_plan())):
        for day in (APRIL, MAY):
            assert check_plan(p, build_calendar(p.settings, p.holidays), plan,
                              held_before=day) == []


# -- families that do not judge what was held --------------------------------------------------


def test_sessions_a_held_session_is_not_judged_against_todays_window() -> None:
    # CPR's window opens on 2026-03-15 (say it was moved there after CPR#1.1 was held on 03-10)
    plan = move(valid_plan(), "CPR#1.1", D(2026, 3, 10), "tue-pm")
    assert found(problem(), plan, "sessions") == [
        "CPR#1.1 (心肺复苏培训) on 2026-03-10 16:30: outside the course window "
        "2026-03-15..2026-04-30",
    ]
    assert found(problem(), plan, "sessions", APRIL) == []


def test_sessions_a_held_session_of_a_course_removed_since() -> None:
    p = problem(courses=(b.QY, b.YD), pins=())  # CPR dropped after CPR#1.1 was held
    plan = valid_plan()
    assert found(p, plan, "sessions") == ["CPR#1.1: course CPR does not exist"]
    assert found(p, plan, "sessions", APRIL) == []


def test_sessions_still_count_held_runs() -> None:
    # every part is in the plan, held or not
    plan = drop(drop(valid_plan(), "QY#1.1"), "QY#1.2")
    expected = ["全院业务学习 (QY) session 1 is not in the plan"]
    assert found(problem(), plan, "sessions") == expected
    assert found(problem(), plan, "sessions", APRIL) == expected


def test_pins_a_held_session_is_not_compared_with_its_pin() -> None:
    p = problem(pins=(Pin("QY", 1, 1, date=D(2026, 3, 5), slot="tue-pm", room="R1",
                          speaker="S001"),))
    assert found(p, valid_plan(), "pins") == [
        "QY#1.1 (全院业务学习) is pinned to 2026-03-05, planned on 2026-03-03",
    ]
    assert found(p, valid_plan(), "pins", APRIL) == []


def test_pins_a_pinned_session_must_still_be_in_the_plan() -> None:
    plan = drop(valid_plan(), "QY#1.1")
    expected = ["QY#1.1 (全院业务学习) is pinned but not in the plan"]
    assert found(problem(), plan, "pins") == expected
    assert found(problem(), plan, "pins", APRIL) == expected


def test_rooms_a_closure_entered_afterwards_does_not_touch_held_sessions() -> None:
    p = with_unavailable(Unavailability("room", "R1", D(2026, 3, 3), D(2026, 3, 3), "漏水"))
    assert found(p, valid_plan(), "rooms") == [
        f"{QY11}: room R1 (学术报告厅) is unavailable that day (漏水, 2026-03-03..2026-03-03)",
    ]
    assert found(p, valid_plan(), "rooms", APRIL) == []


def test_rooms_features_and_seats_changed_afterwards() -> None:
    p = problem(rooms=(b.problem().rooms[0],
                       replace(b.problem().rooms[1], capacity=1, features=frozenset())))
    at = "CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: room R2 (技能培训中心)"
    assert found(p, valid_plan(), "rooms") == [
        f"{at} has no skills-lab, which the course needs",
        f"{at} seats 1, but 2 attend",
    ]
    assert found(p, valid_plan(), "rooms", APRIL) == []


def test_rooms_a_held_session_still_clashes_with_another() -> None:
    plan = move(valid_plan(), "QY#1.2", D(2026, 3, 3), "tue-pm")
    expected = ["room R1 (学术报告厅) holds QY#1.1 and QY#1.2 at the same time on "
                "2026-03-03 16:30"]
    assert found(problem(), plan, "rooms") == expected
    assert found(problem(), plan, "rooms", APRIL) == expected


def test_speakers_a_leave_entered_afterwards_does_not_touch_held_sessions() -> None:
    p = with_unavailable(Unavailability("staff", "S001", D(2026, 3, 5), D(2026, 3, 5), "病假"))
    assert found(p, valid_plan(), "speakers") == [
        "QY#1.2 (全院业务学习) on 2026-03-05 16:30: speaker S001 (王建国, 内科) is on leave "
        "that day (病假, 2026-03-05..2026-03-05)",
    ]
    assert found(p, valid_plan(), "speakers", APRIL) == []


def test_speakers_eligibility_changed_afterwards() -> None:
    p = problem(courses=(b.QY, replace(b.CPR, speakers=b.who_ids("S004")), b.YD))
    assert found(p, valid_plan(), "speakers") == [
        "CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: speaker S006 (赵磊, 外科) is not eligible "
        "(eligible: id=S004)",
    ]
    assert found(p, valid_plan(), "speakers", APRIL) == []


def test_people_a_leave_entered_afterwards_does_not_touch_held_sessions() -> None:
    p = with_unavailable(Unavailability("staff", "S002", D(2026, 3, 24), D(2026, 3, 24), "事假"))
    assert found(p, valid_plan(), "people") == [
        "CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: S002 (李娜, 内科) attends while on leave "
        "(事假, 2026-03-24..2026-03-24)",
    ]
    assert found(p, valid_plan(), "people", APRIL) == []


def test_people_audience_changed_afterwards() -> None:
    # a sign-in sheet may add someone outside the audience: the held session says who came
    plan = edit(valid_plan(), "CPR#1.1", attendees=("S002", "S005", "S003"))
    plan = replace(plan, missed=[])
    assert found(problem(), plan, "people") == [
        "CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: S003 (张伟, 内科) attends but is not in the "
        "course's audience (role=nurse)",
    ]
    assert found(problem(), plan, "people", APRIL) == []


def test_people_a_part_taken_twice_before_and_after_the_date_is_still_caught() -> None:
    # S002 took QY session 1 on 03-03 (held before 03-04) and is listed again on 03-05
    plan = edit(valid_plan(), "QY#1.2", attendees=("S003", "S006", "S002"))
    expected = ["S002 (李娜, 内科) takes 全院业务学习 (QY) session 1 2 times: QY#1.1, QY#1.2"]
    assert found(problem(), plan, "people") == expected
    assert found(problem(), plan, "people", D(2026, 3, 4)) == expected


def test_people_an_attendee_not_on_the_staff_list_is_caught_unless_held() -> None:
    # Held, an id not on today's staff list is someone who has left since: held attendees come
    # from the published plan, which had them on its list, and from sign-in records, which the
    # loader holds to today's list. A re-plan after a departure used to fail its own check here.
    plan = edit(valid_plan(), "QY#1.1", attendees=("S002", "S004", "S005", "S999"))
    expected = [f"{QY11}: attendee S999 is not on the staff list"]
    assert found(problem(), plan, "people") == expected
    assert found(problem(), plan, "people", APRIL) == []


def test_people_a_clash_with_a_held_session_is_still_caught() -> None:
    plan = move(valid_plan(), "CPR#1.1", D(2026, 3, 3), "tue-pm", room="R2")
    clash = ("S002 (李娜, 内科) attends CPR#1.1 and QY#1.1 at the same time on 2026-03-03 16:30")
    assert clash in found(problem(), plan, "people", APRIL)


def test_coverage_a_minimum_raised_afterwards_judges_only_what_is_not_held() -> None:
    p = problem(departments=(Department("NK", "内科", 2), Department("WK", "外科", 1)))
    april = ("内科 (NK) has 1 on duty on 2026-04-07 16:30, minimum 2: 2 in training "
             "(sessions QY#2.1)")
    assert found(p, valid_plan(), "coverage") == [
        "内科 (NK) has 1 on duty on 2026-03-03 16:30, minimum 2: 1 in training, 1 teaching "
        "(sessions QY#1.1)",
        "内科 (NK) has 1 on duty on 2026-03-05 16:30, minimum 2: 1 in training, 1 teaching "
        "(sessions QY#1.2)",
        april,
    ]
    assert found(p, valid_plan(), "coverage", APRIL) == [april]


def test_hospital_rules_still_count_held_sessions() -> None:
    plan = drop(drop(valid_plan(), "QY#1.1"), "QY#1.2")
    expected = ["每月至少一次全院业务学习: 0 lecture session(s) planned in 2026-03, minimum 1"]
    assert found(problem(), plan, "hospital rules") == expected
    assert found(problem(), plan, "hospital rules", APRIL) == expected
    # and held sessions are what meets them
    assert found(problem(), valid_plan(), "hospital rules", APRIL) == []


def test_quotas_still_count_held_sessions() -> None:
    plan = edit(valid_plan(), "QY#1.1", attendees=("S002", "S004"))  # S005 no longer counted
    assert found(problem(), plan, "quotas", APRIL) == found(problem(), plan, "quotas") != []


# -- rotations and external study ---------------------------------------------------------------


def test_exit_exams_a_held_exam_is_not_judged_against_the_block_dates() -> None:
    plan = move(rb.valid_plan(), f"{rb.EXIT}#1.1", D(2026, 4, 21), "tue-pm")
    assert found(rb.problem(), plan, "exit exams") == [
        "exit:WK:2026-04#1.1 (exit exam (出科考核) of 外科 (WK) for 2026-04) on 2026-04-21: not "
        "in the last 7 days of S003 (张伟)'s block 2026-04-24..2026-04-30",
    ]
    assert found(rb.problem(), plan, "exit exams", MAY) == []


def test_exit_exams_a_held_exam_must_still_be_sat_by_the_finishing_rotators() -> None:
    plan = edit(rb.valid_plan(), f"{rb.EXIT}#1.1", attendees=())
    expected = ["exit:WK:2026-04#1.1 (exit exam (出科考核) of 外科 (WK) for 2026-04): S003 "
                "(张伟, 内科) finishes a block there but does not sit the exam"]
    assert found(rb.problem(), plan, "exit exams") == expected
    assert found(rb.problem(), plan, "exit exams", MAY) == expected


def test_teach_back_a_held_lecture_is_not_judged_against_todays_window() -> None:
    tb = f"{rb.TEACH_BACK}#1.1"
    plan = move(rb.valid_plan(), tb, D(2026, 4, 30), "thu-pm")
    assert found(rb.problem(), plan, "teach-back") == [
        "teach-back:JX:S005#1.1 by S005 (陈静, 外科) on 2026-04-30: not within the teach-back "
        "window 2026-04-01..2026-04-14 after the return",
    ]
    assert found(rb.problem(), plan, "teach-back", MAY) == []
    # it must still be given by the returnee
    other = edit(plan, tb, speaker="S006")
    assert "teach-back:JX:S005#1.1: given by S006 (赵磊, 外科), not by the returnee S005 (陈静, " \
           "外科)" in found(rb.problem(), other, "teach-back", MAY)


def test_external_study_a_held_session_is_not_judged_for_who_was_away() -> None:
    plan = edit(rb.valid_plan(), "QY#1.1", attendees=("S002", "S004", "S005"))
    assert found(rb.problem(), plan, "external study") == [
        f"{QY11}: S005 (陈静, 外科) attends it while away on external study at 省人民医院 "
        f"(2026-03-01..2026-03-31)",
    ]
    assert found(rb.problem(), plan, "external study", APRIL) == []


def test_external_study_a_begun_placement_is_not_judged_against_todays_seat() -> None:
    p = rb.problem(seats=(replace(rb.SEAT, candidates=b.who_ids("S002"),
                                  start_earliest=D(2026, 4, 1), start_latest=D(2026, 4, 30)),))
    where = "S005 (陈静, 外科) on external study at seat JX 2026-03-01..2026-03-31"
    assert found(p, rb.valid_plan(), "external study") == [
        f"{where}: not a candidate for seat JX (省人民医院, 护理) (id=S002)",
        f"{where}: starts outside the seat's start window 2026-04-01..2026-04-30",
    ]
    assert found(p, rb.valid_plan(), "external study", D(2026, 3, 2)) == []
    # seat places still count
    p = rb.problem(seats=(replace(rb.SEAT, seats=1),))
    two = replace(rb.valid_plan(), placements=[rb.placement(), rb.placement(staff="S002")])
    assert any("has 1 place(s) but 2 people hold it" in m
               for m in found(p, two, "external study", D(2026, 3, 2)))


def test_rotations_a_begun_block_is_not_judged_against_todays_programme() -> None:
    p = rb.problem(programmes=(replace(rb.ROT, end=D(2026, 3, 31)),),
                   departments=(rb.DEPARTMENTS[0], replace(rb.DEPARTMENTS[1],
                                                           rotator_capacity=0)))
    where = "S003 (张伟, 内科): 住院医师轮转 (ROT) block 2 in 外科 (WK) 2026-04-01..2026-04-30"
    assert found(p, rb.valid_plan(), "rotations") == [
        f"{where}: outside the programme's window 2026-03-01..2026-03-31",
        "外科 (WK) takes 1 rotator(s) in 2026-04, more than its rotator capacity 0: S003 (张伟)",
    ]
    assert found(p, rb.valid_plan(), "rotations", D(2026, 4, 2)) == []


def test_rotations_one_block_a_month_still_counts_begun_blocks() -> None:
    plan = replace(rb.valid_plan(), rotations=[rb.block(), rb.block(block=1, department="NK",
                                                                    exit_exam="")])
    twice = ("S003 (张伟, 内科) is in two rotation blocks in 2026-04: ROT block 2 in 外科 (WK) "
             "and ROT block 1 in 内科 (NK)")
    assert twice in found(rb.problem(), plan, "rotations")
    assert twice in found(rb.problem(), plan, "rotations", MAY)


def test_monthly_coverage_a_minimum_raised_afterwards_leaves_begun_months_alone() -> None:
    p = rb.problem(departments=(rb.DEPARTMENTS[0], replace(rb.DEPARTMENTS[1], min_on_duty=3)))
    assert found(p, rb.valid_plan(), "monthly coverage") == [
        "外科 (WK) has 2 on duty in 2026-03, minimum 3: 3 staff; 1 away on external study "
        "(S005 (陈静))",
    ]
    assert found(p, rb.valid_plan(), "monthly coverage", D(2026, 3, 2)) == []


# -- the command line ---------------------------------------------------------------------------


def test_cli_held_before_must_be_a_date(tmp_path) -> None:  # noqa: ANN001
    from tests.conftest import EXAMPLE, run_cli

    result = run_cli("check", EXAMPLE, tmp_path, "--held-before", "2027-13-01")
    assert result.exit_code == 1
    assert "--held-before '2027-13-01'：应为日期，例如 2027-05-01" in result.output


def test_people_who_left_since_may_stay_in_what_was_held() -> None:
    # S005 attended QY#1.1 and CPR#1.1 and S001 taught QY#1.1 and QY#1.2, all in March; both
    # have left the staff list since. Held, those sessions are facts; in a session still to
    # come, someone not on the staff list is a fault.
    p = replace(problem(), staff=tuple(s for s in problem().staff if s.id not in ("S001", "S005")))
    plan = valid_plan()
    plan = replace(plan, offsite=[o for o in plan.offsite if o.staff not in ("S001", "S005")])
    for s in plan.sessions:
        if s.date >= "2026-04-01":
            plan = edit(plan, s.id, attendees=tuple(a for a in s.attendees
                                                    if a not in ("S001", "S005")))
    left = [m for rule in ("people", "speakers") for m in found(p, plan, rule)
            if "is not on the staff list" in m]
    assert sorted(left) == [
        "CPR#1.1 (心肺复苏培训) on 2026-03-24 16:30: attendee S005 is not on the staff list",
        f"{QY11}: attendee S005 is not on the staff list",
        f"{QY11}: speaker S001 is not on the staff list",
        "QY#1.2 (全院业务学习) on 2026-03-05 16:30: speaker S001 is not on the staff list",
    ]
    assert not [m for rule in ("people", "speakers") for m in found(p, plan, rule, APRIL)
                if "is not on the staff list" in m]
    future = edit(plan, "QY#2.1", attendees=("S002", "S005"))
    assert "QY#2.1 (全院业务学习) on 2026-04-07 16:30: attendee S005 is not on the staff list" in \
        found(p, future, "people", APRIL)


def test_people_teaching_a_part_once_followed_before_the_freeze_date_is_no_second_taking() -> None:
    # S002 followed QY part 1 at QY#1.1 (03-03); the re-plan has them teach its second run in
    # April. That they sat it before is a fact of the sign-in sheets, not the plan's doing (it
    # used to be reported as taking the part twice, and a re-plan exited 4 on valid inputs).
    plan = move(valid_plan(), "QY#1.2", D(2026, 4, 14), "tue-pm", speaker="S002")
    twice = ("S002 (李娜, 内科) takes 全院业务学习 (QY) session 1 2 times: QY#1.1, teaching")
    assert twice in found(problem(), plan, "people")  # both made by the plan: wasteful
    assert not [m for m in found(problem(), plan, "people", held_before=APRIL)
                if "takes" in m]
