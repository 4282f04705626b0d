"""A speaker is off the ward while teaching: the solver never picks one whose department cannot
spare them that day (:meth:`planner.solver.instance.Instance.speaker_free`), which the checker's
coverage rule would reject. Found by re-planning after a raised department minimum (tests/replan
scenario (d)), where a published speaker could no longer be spared."""

from __future__ import annotations

import datetime as dt

from planner.check import check_plan
from planner.domain import Department, Unavailability
from planner.solver.config import SolverConfig
from planner.solver.solve import solve
from planner.workdays import build_calendar

from .builders import course, problem, who_ids

D = dt.date
#: 甲科 A has 4 staff and keeps 3 on duty; A1 is away all term, so A can spare nobody.
TIGHT = dict(
    departments=(Department("A", "甲科", 3), Department("B", "乙科", 1)),
    unavailability=(Unavailability("staff", "A1", D(2026, 3, 2), D(2026, 4, 30), "进修"),),
)


def run(p):  # noqa: ANN001, ANN201
    calendar = build_calendar(p.settings, p.holidays)
    return solve(p, calendar, SolverConfig(time_limit=5, workers=1)), calendar


def test_a_speaker_whose_ward_cannot_spare_them_is_not_chosen() -> None:
    # A0 and B0 may both give L; load balancing would give one part each, but A0's ward is at
    # its minimum every day: B0 gives both, and the plan passes the independent check.
    p = problem(courses=(course("L", parts=2, frequency="monthly",
                                speakers=who_ids("A0", "B0")),), **TIGHT)
    result, calendar = run(p)
    assert result.ok
    assert [s.speaker for s in result.plan.sessions] == ["B0", "B0"]
    assert [v for v in check_plan(p, calendar, result.plan) if v.rule == "coverage"] == []


def test_the_same_speaker_is_chosen_when_the_ward_can_spare_them() -> None:
    # Without A1's absence A can spare one (4 − 3): A0 teaches again (the allowed alternative).
    p = problem(courses=(course("L", parts=2, frequency="monthly",
                                speakers=who_ids("A0", "B0")),),
                departments=TIGHT["departments"])
    result, _ = run(p)
    assert result.ok
    assert "A0" in {s.speaker for s in result.plan.sessions}


def test_a_fixed_speaker_whose_ward_cannot_spare_them_leaves_no_time() -> None:
    p = problem(courses=(course("L", parts=2, frequency="monthly", speakers=who_ids("A0")),),
                **TIGHT)
    result, _ = run(p)
    assert not result.ok
