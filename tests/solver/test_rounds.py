"""Months planned again around a timetable that fails on them (:mod:`planner.solver.rounds`).

Blocks and seats are optional, so a timetable that fails only because of the months chosen must
not refuse the plan: the months avoid what the timetable's findings point at. A timetable that
fails whatever the months still refuses, with its own findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from planner.domain import Programme, ProgrammeBlock, Who
from planner.inputs import load_problem
from planner.solver.config import SolverConfig
from planner.solver.findings import Cause, Finding
from planner.solver.months import solve_months
from planner.solver.months.avoid import Avoid, blame
from planner.solver.rounds import months_and_timetable
from planner.workdays import build_calendar

TESTS = Path(__file__).resolve().parent.parent
CONFIG = SolverConfig(time_limit=2, workers=1)
D = dt.date


def load(folder: Path):  # noqa: ANN201
    p = load_problem(folder)
    return p, build_calendar(p.settings, p.holidays)


def rounds(problem, calendar):  # noqa: ANN001, ANN201
    return months_and_timetable(problem, calendar, CONFIG,
                                lambda avoid: solve_months(problem, CONFIG, None, calendar, avoid))


def test_a_rotation_that_empties_the_only_speakers_ward_moves_to_another_month() -> None:
    # 急诊科: 3 staff, minimum 2. 刘洋 (S04) gives its one lecture in March; 陈静 (S05) has a
    # one-month block in 内科. In March the block would leave nobody to spare for the lecture
    # (refused before, exit 3); the months are planned again with S05 kept home in March.
    problem, calendar = load(TESTS / "warned" / "rotation-empties-speakers-ward")
    out = rounds(problem, calendar)
    assert out.ok
    assert [(s.pid, s.dept, s.start) for s in out.months.stays] == [("S05", "NK", D(2026, 4, 1))]
    assert out.avoided.home == frozenset({("S05", 0)})


def test_blame_names_the_finishers_of_an_exam_without_time_and_a_wards_rotators() -> None:
    problem, calendar = load(TESTS / "warned" / "rotation-empties-speakers-ward")
    months = solve_months(problem, CONFIG, None, calendar)
    assert [(s.pid, s.first) for s in months.stays] == [("S05", 0)]  # March, as chosen first
    ward = Finding("no-time", course="JZ-01", part=1, causes=(
        Cause("ward", people=("S04", "S05"), dept="JZ", days=(D(2026, 3, 10),), count=2),))
    assert blame(problem, months, [ward]) == Avoid(home=frozenset({("S05", 0)}))
    exam = Finding("part", course="exit:NK:2026-03", part=1)
    with_exams = replace(months, stays=[replace(s, programme=replace(s.programme,
                                                                    exit_exam=True))
                                        for s in months.stays])
    assert blame(problem, with_exams, [exam]) == Avoid(no_end=frozenset({("S05", "NK", 0)}))


def test_a_timetable_that_fails_without_any_month_refuses_with_its_own_findings() -> None:
    # Both speakers on leave all term (catalogue: speakers-all-away) and a rotation beside it:
    # the months are not to blame, and the refusal names the speakers, not the rotation.
    problem, calendar = load(TESTS / "impossible" / "speakers-all-away")
    who = Who("id=S03", ids=frozenset({"S03"}))
    with_rotation = replace(
        problem, programmes=(Programme("P", "轮转", True, who, exit_exam=False),),
        blocks=(ProgrammeBlock("P", 1, ("JZ",)),))
    out = rounds(with_rotation, calendar)
    assert not out.ok and out.status == "INFEASIBLE"
    alone = rounds(problem, calendar)
    assert [f.key for f in out.findings] == [f.key for f in alone.findings]
    assert {f.rule for f in out.findings} == {"no-time"}
