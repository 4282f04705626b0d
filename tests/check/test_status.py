"""Status: a plan says no more than its phases proved (issue 13, defect 7)."""

from __future__ import annotations

from dataclasses import replace

from planner.plan import Missed

from .builders import messages, problem, set_quota, valid_plan

PROVED = {"months": "EMPTY", "timetable": "OPTIMAL", "attendance": "OPTIMAL"}


def test_a_plan_whose_phases_all_proved_it_is_optimal() -> None:
    assert messages(problem(), replace(valid_plan(), phases=PROVED), "status") == []


def test_optimal_is_refused_when_a_phase_fell_back_on_its_constructive_plan() -> None:
    plan = replace(valid_plan(), phases={**PROVED, "timetable": "CONSTRUCTIVE",
                                         "months": "FEASIBLE"})
    assert messages(problem(), plan, "status") == [
        "the plan is called optimal, but the months, timetable phase(s) did not prove it",
    ]
    assert messages(problem(), replace(plan, status="FEASIBLE"), "status") == []


def test_feasible_is_refused_when_every_phase_proved_it() -> None:
    plan = replace(valid_plan(), status="FEASIBLE", phases=PROVED)
    assert messages(problem(), plan, "status") == [
        "every phase proved its part, but the plan is called FEASIBLE",
    ]


def test_solver_limit_only_where_the_attendance_phase_did_not_prove_its_plan() -> None:
    plan = replace(valid_plan(), phases=PROVED)
    plan.missed.append(Missed("S006", "QY", 2, "solver limit"))
    plan = set_quota(plan, "S006", "ethics", reason="solver limit")
    assert messages(problem(), plan, "status") == [
        "2 row(s) give the reason 'solver limit', but the attendance phase proved its plan the "
        "best: S006 QY#2, S006 ethics",
    ]
    unproved = replace(plan, status="FEASIBLE", phases={**PROVED, "attendance": "FEASIBLE"})
    assert messages(problem(), unproved, "status") == []


def test_trade_off_only_where_the_attendance_phase_proved_its_plan() -> None:
    plan = replace(valid_plan(), status="FEASIBLE", phases={**PROVED, "attendance": "FEASIBLE"})
    plan.missed.append(Missed("S006", "QY", 2, "trade-off"))
    assert messages(problem(), plan, "status") == [
        "1 row(s) give the reason 'trade-off', but the attendance phase did not prove its plan "
        "the best: S006 QY#2",
    ]


def test_a_phase_status_the_plan_does_not_know_is_refused() -> None:
    plan = replace(valid_plan(), status="FEASIBLE", phases={**PROVED, "timetable": "UNKNOWN"})
    assert messages(problem(), plan, "status") == [
        "the timetable phase's status 'UNKNOWN' is not one of: OPTIMAL, FEASIBLE, CONSTRUCTIVE, "
        "KEPT, EMPTY",
    ]
