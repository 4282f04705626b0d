"""Honest status end to end (issue 13, defect 7): each phase reports what it proved, the plan
is called optimal only when every phase proved it, and the independent checker agrees."""

from __future__ import annotations

import pytest

from planner.check import check_plan
from planner.inputs import load_problem
from planner.solver import months as months_phase
from planner.solver.config import SolverConfig
from planner.solver.solve import overall_status, solve
from planner.workdays import build_calendar
from tests.conftest import EXAMPLE, TEST_TIME_LIMIT


def _plan(time_limit: float):  # noqa: ANN202
    problem = load_problem(EXAMPLE)
    calendar = build_calendar(problem.settings, problem.holidays, estimate=True)
    config = SolverConfig(time_limit=time_limit, seed=1, workers=2, engine="highs")
    result = solve(problem, calendar, config)
    assert result.plan is not None
    return problem, calendar, result


def test_a_months_phase_that_kept_its_constructive_plan_is_not_called_optimal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # the search is skipped as if the model were too large: the constructive plan is the answer
    monkeypatch.setattr(months_phase, "SEARCH_MAX_VARIABLES", 0)
    problem, calendar, result = _plan(float(TEST_TIME_LIMIT))
    plan = result.plan
    assert plan.phases["months"] == "CONSTRUCTIVE"
    assert plan.status == result.status == "FEASIBLE"
    assert not any(m.reason == "trade-off" for m in plan.missed) or \
        plan.phases["attendance"] == "OPTIMAL"
    assert check_plan(problem, calendar, plan) == []


def test_every_phase_is_reported_and_the_headline_follows_them() -> None:
    problem, calendar, result = _plan(float(TEST_TIME_LIMIT))
    plan = result.plan
    assert set(plan.phases) == {"months", "timetable", "attendance"}
    assert plan.status == overall_status(plan.phases)
    fallback = "trade-off" if plan.phases["attendance"] == "OPTIMAL" else "solver limit"
    other = {"trade-off", "solver limit"} - {fallback}
    assert not [m for m in plan.missed if m.reason in other]
    assert not [q for q in plan.quotas if q.reason in other]
    assert check_plan(problem, calendar, plan) == []


def test_overall_status() -> None:
    assert overall_status({"months": "EMPTY", "timetable": "OPTIMAL",
                           "attendance": "OPTIMAL"}) == "OPTIMAL"
    for weak in ("FEASIBLE", "CONSTRUCTIVE", "KEPT"):
        assert overall_status({"months": weak, "timetable": "OPTIMAL",
                               "attendance": "OPTIMAL"}) == "FEASIBLE"


def test_a_plan_is_returned_when_no_search_has_any_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12: a machine so busy that every search stops on the wall-clock safety net at once
    still gets a plan — the constructive months, timetable and attendance, each called so —
    and the plan keeps every rule."""
    monkeypatch.setattr(SolverConfig, "wall_limit", property(lambda self: 1e-3))
    problem, calendar, result = _plan(float(TEST_TIME_LIMIT))
    plan = result.plan
    assert plan.phases["timetable"] == "CONSTRUCTIVE"
    assert plan.phases["attendance"] == "CONSTRUCTIVE"
    assert plan.status == "FEASIBLE"
    assert result.stats.get("attendance_wall_limit_hit") or result.stats.get(
        "attendance_constructive")
    assert len(plan.sessions) > 100 and sum(len(s.attendees) for s in plan.sessions) > 1000
    assert check_plan(problem, calendar, plan) == []
