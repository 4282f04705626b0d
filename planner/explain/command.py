"""``planner explain INPUTS``: the phases up to the timetable, nothing written; the diagnosis
and its relaxations when no plan is possible (exit 3), else that the inputs can be planned
(exit 0). A hospital with a published plan is explained as ``planner plan`` would re-plan it
(everything before the freeze date kept), unless ``fresh``."""

from __future__ import annotations

import datetime as dt

from rich.console import Console

from planner.domain import Problem
from planner.explain import explain_inputs
from planner.explain.labels import labels_for
from planner.solver.config import SolverConfig
from planner.workdays import WorkCalendar

EXIT_FEASIBLE = 0
EXIT_NO_PLAN = 3


def run_explain(problem: Problem, calendar: WorkCalendar, config: SolverConfig, *,
                console: Console, freeze_until: dt.date | None = None,
                fresh: bool = False) -> int:
    from planner.history import published_baseline
    from planner.pipeline import _past

    baseline = None if fresh else published_baseline(problem.name)
    past = None
    if baseline is not None:
        past, _ = _past(problem, baseline, freeze_until or dt.date.today(), console)
    outcome, diagnosis = explain_inputs(problem, calendar, config, past)
    t = labels_for(problem.settings.language)
    if diagnosis is None:
        if outcome.warnings:
            console.print(t("feasible.warnings"), markup=False)
            for w in outcome.warnings:
                console.print(f"  - {w}", markup=False)
                for r in outcome.relaxations.get(w, ()):
                    console.print(t("relax.warning", text=r), markup=False)
        console.print(t("feasible"), markup=False)
        return EXIT_FEASIBLE
    for line in diagnosis.lines(problem):
        console.print(line, markup=False)
    return EXIT_NO_PLAN
