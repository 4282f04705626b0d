"""``planner plan`` end to end: solve, write the outputs atomically, re-check them independently.

The plan files are byte-identical for the same inputs, seed and state; wall-clock figures go
only to ``run.log``.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import time
from pathlib import Path

from rich.console import Console

from planner.atomic import staged_dir
from planner.domain import Problem
from planner.inputs.advice import input_warnings
from planner.plan import read_plan, write_plan
from planner.solver.config import SolverConfig
from planner.solver.solve import solve
from planner.workdays import WorkCalendar

EXIT_NO_PLAN = 3
EXIT_VIOLATIONS = 4


def run_plan(problem: Problem, calendar: WorkCalendar, target: Path, *, time_limit: float | None,
             seed: int | None, workers: int | None, console: Console, interactive: bool,
             engine: str | None = None, freeze_until: dt.date | None = None,
             fresh: bool = False, replan_scope: str | None = None) -> int:
    """Plan ``problem`` into ``target``. When the hospital has a published plan (and ``fresh`` is
    not set) this is a re-plan: everything before ``freeze_until`` (default today) is kept, the
    rest moves as little as the changed inputs allow (:mod:`planner.solver.replan.past`)."""
    from planner.history import published_baseline

    config = SolverConfig.from_settings(problem.settings.solver, time_limit=time_limit,
                                        seed=seed, workers=workers, engine=engine,
                                        replan_scope=replan_scope)
    t0 = time.perf_counter()
    baseline = None if fresh else published_baseline(problem.name)  # None before a publish
    past, bound = None, None
    if baseline is not None:
        past, bound = _past(problem, baseline, freeze_until or dt.date.today(), console)
    setup_s = time.perf_counter() - t0
    console.print(f"planning {problem.name}: {len(problem.staff)} staff, "
                  f"{len(problem.courses)} courses (seed {config.seed}, "
                  f"budget {config.time_limit:g} deterministic s, {config.workers} workers, "
                  f"attendance by {config.engine})")
    display = ProgressDisplay(console, interactive)
    with display:
        result = solve(problem, calendar, config, display, past=past)
    if not result.ok:
        console.print(f"[bold red]no plan[/] ({result.status}) — nothing was written:")
        for line in _diagnosis(problem, calendar, config, result, past):
            console.print(line, markup=False)
        return EXIT_NO_PLAN
    plan = result.plan
    assert plan is not None
    plan.warnings.extend(w for w in input_warnings(problem) if w not in plan.warnings)
    if baseline is not None:
        result.timings["replan_setup"] = setup_s  # published plan read, ledger, past and bound
    try:
        return _write(problem, calendar, plan, result, config, target, console, baseline, bound,
                      held_before=None if past is None else past.freeze_until)
    except _Rejected:
        return EXIT_VIOLATIONS


def _diagnosis(problem: Problem, calendar: WorkCalendar, config: SolverConfig,
               result, past) -> list[str]:  # noqa: ANN001
    """Why no plan, and the relaxations that were tried and help — the words ``planner
    explain`` prints (:mod:`planner.explain`)."""
    from planner.explain import diagnose

    if not result.findings:
        return list(result.explanation)
    return diagnose(problem, calendar, config, result.findings, past).lines(problem)


def _past(problem: Problem, baseline, freeze: dt.date, console: Console):  # noqa: ANN001, ANN202
    """The published plan's past, as the ledger counts it, and the changes no re-plan avoids."""
    from planner.ledger import ledger
    from planner.solver.months import inputs_key as months_inputs
    from planner.solver.replan.bound import lower_bound
    from planner.solver.replan.past import past_work

    audiences = {c.id: frozenset(p.id for p in problem.audience(c.audience))
                 for c in problem.courses}
    done = ledger(baseline.plan, problem.attendance_records, freeze, audiences=audiences)
    for record, why in done.ignored:
        console.print(f"attendance record ignored: {record.staff_id} {record.session}: {why}",
                      markup=False)
    hospital_run = {c.id: c.hospital_run for c in problem.courses}
    past = past_work(baseline.plan, done.attendees(), freeze, done.history_rows(hospital_run))
    past.months_unchanged = (baseline.inputs is not None
                             and months_inputs(baseline.inputs) == months_inputs(problem))
    past.inputs = baseline.inputs
    bound = lower_bound(past, problem)
    console.print(f"re-planning against published version {baseline.version}: "
                  f"{len(past.sessions)} sessions before {freeze.isoformat()} kept as held; "
                  f"at least {bound.sessions} sessions and {bound.person_events} person-events "
                  f"must change", markup=False)
    return past, bound


def _write_run_log(stage: Path, problem: Problem, result, config: SolverConfig,  # noqa: ANN001
                   timings: dict[str, float], violations: int, baseline, bound) -> None:  # noqa: ANN001
    """``run.log``: the run's figures, wall-clock ones included (the one output that is not
    byte-identical from run to run)."""
    run_log = {
        "inputs": problem.name,
        "status": result.status,
        "machine": platform.platform(),
        "python": platform.python_version(),
        "seed": config.seed,
        "time_limit_deterministic_s": config.time_limit,
        "workers": config.workers,
        "wall_seconds": {k: round(v, 3) for k, v in sorted(timings.items())},
        "model": result.stats,
        "violations": violations,
        "replan": None if baseline is None else {
            "baseline_version": baseline.version,
            "lower_bound": None if bound is None else [bound.sessions, bound.person_events],
            "forced": [] if bound is None else list(bound.reasons),
        },
    }
    (stage / "run.log").write_text(json.dumps(run_log, ensure_ascii=False, indent=1) + "\n",
                                   encoding="utf-8")


def _write(problem, calendar, plan, result, config, target, console,  # noqa: ANN001
           baseline=None, bound=None, held_before: dt.date | None = None) -> int:  # noqa: ANN001
    """Write and check the outputs. ``held_before`` (a re-plan's freeze date): the sessions
    before it were held and are checked as facts (:func:`planner.check.check_plan`)."""
    from planner.atomic import write_bytes
    from planner.calendars import write_calendars
    from planner.changes import write_change_notices
    from planner.check import check_plan
    from planner.snapshot import SNAPSHOT_FILE, problem_snapshot
    from planner.check.report import format_violations
    from planner.report import write_summary
    from planner.summary import plan_summary

    names = {s.id: (s.name, s.department) for s in problem.staff}
    changes = None
    timings = dict(result.timings)

    def timed(label: str, started: float) -> None:
        timings[f"write_{label}"] = time.perf_counter() - started

    with staged_dir(target) as stage:
        t = time.perf_counter()
        write_plan(plan, names, stage / "plan")
        write_bytes(stage / SNAPSHOT_FILE, problem_snapshot(problem))  # kept by publish
        timed("plan", t)
        t = time.perf_counter()
        violations = check_plan(problem, calendar, read_plan(stage / "plan"),
                                held_before=held_before)
        timed("check", t)
        t = time.perf_counter()
        write_summary(problem, calendar, plan, stage, violations=len(violations))
        timed("summary", t)
        if violations:
            _write_run_log(stage, problem, result, config, timings, len(violations), baseline,
                           bound)
            console.print(format_violations(violations), markup=False)
            console.print("[bold red]the independent check failed[/]: outputs not replaced")
            raise _Rejected()
        t = time.perf_counter()
        write_calendars(problem, plan, stage, console)  # calendars/, feeds.csv, feeds.xlsx
        timed("calendars", t)
        if baseline is not None:  # changes.csv / changes.md against the published plan
            t = time.perf_counter()
            bounds = None if bound is None else {"sessions": bound.sessions,
                                                 "person_events": bound.person_events}
            changes = write_change_notices(baseline.plan, baseline.inputs, problem, plan, stage,
                                           version=baseline.version, bounds=bounds)
            timed("changes", t)
        _write_run_log(stage, problem, result, config, timings, 0, baseline, bound)
    console.print(plan_summary(problem, plan, result), markup=False)
    for line in changes.lines() if changes is not None else ():
        console.print(line, markup=False)
    console.print(f"check passed: 0 violations — wrote {target}/")
    return 0


class _Rejected(Exception):
    pass


class ProgressDisplay:
    """Phase, elapsed time, best objective, bound and quotas met: a live line on a terminal,
    plain log lines (at most one every few seconds) when the output is a file or a pipe."""

    PLAIN_EVERY_S = 5.0

    def __init__(self, console: Console, interactive: bool):
        self.console, self.interactive = console, interactive
        self.started = time.perf_counter()
        self.last_plain = -1e9
        self.status = None

    def __enter__(self) -> "ProgressDisplay":
        if self.interactive:
            self.status = self.console.status("starting…")
            self.status.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.status is not None:
            self.status.__exit__(*exc)

    def __call__(self, phase: str, figures: dict[str, float]) -> None:
        elapsed = time.perf_counter() - self.started
        if "variables" in figures:  # a phase starts
            size = ", ".join(f"{v:g} {k}" for k, v in figures.items())
            self.console.print(f"[{elapsed:6.1f}s] {phase}: {size}", markup=False)
            return
        line = f"[{elapsed:6.1f}s] {phase}: objective {figures['objective']:.0f}, " \
               f"bound {figures['bound']:.0f}"
        if "quotas_met" in figures:
            line += f", quotas met {figures['quotas_met']:.2f}%"
        if self.status is not None:
            self.status.update(line)
        elif elapsed - self.last_plain >= self.PLAIN_EVERY_S:
            self.last_plain = elapsed
            self.console.print(line, markup=False)
