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
from planner.cli_labels import TEXT, Labels, labels_for
from planner.domain import Problem
from planner.inputs.advice import input_warnings
from planner.plan import write_plan
from planner.solver.config import SolverConfig
from planner.solver.solve import solve
from planner.workdays import WorkCalendar

EXIT_NO_PLAN = 3
EXIT_VIOLATIONS = 4
#: From this many staff the independent check runs in a child process beside the writing of the
#: summary and calendars (:mod:`planner.check.background`); below, a few seconds are not worth a
#: second process.
BACKGROUND_CHECK_STAFF = 1000


def run_plan(problem: Problem, calendar: WorkCalendar, target: Path, *, time_limit: float | None,
             seed: int | None, workers: int | None, console: Console, interactive: bool,
             engine: str | None = None, freeze_until: dt.date | None = None,
             fresh: bool = False, replan_scope: str | None = None,
             display_class: type[ProgressDisplay] | None = None,
             background_check: bool = True) -> int:
    """Plan ``problem`` into ``target``. When the hospital has a published plan (and ``fresh`` is
    not set) this is a re-plan: everything before ``freeze_until`` (default today) is kept, the
    rest moves as little as the changed inputs allow (:mod:`planner.solver.replan.past`).
    ``display_class``: a :class:`ProgressDisplay` that also reports elsewhere (the web app's
    planning job writes each step into its database row). ``background_check`` off keeps the
    independent check in this process (a Ray worker, whose threads a fork would copy)."""
    from planner.history import published_baseline

    config = SolverConfig.from_settings(problem.settings.solver, time_limit=time_limit,
                                        seed=seed, workers=workers, engine=engine,
                                        replan_scope=replan_scope)
    t = labels_for(problem.settings.language)
    t0 = time.perf_counter()
    baseline = None if fresh else published_baseline(problem.name)  # None before a publish
    past, bound = None, None
    if baseline is not None:
        past, bound = _past(problem, baseline, freeze_until or dt.date.today(), console)
    setup_s = time.perf_counter() - t0
    console.print(t("run.head", name=problem.name, staff=len(problem.staff),
                    courses=len(problem.courses), seed=config.seed, budget=config.time_limit,
                    workers=config.workers, engine=config.engine), markup=False)
    steps = STEPS + (("changes",) if baseline is not None else ())
    with (display_class or ProgressDisplay)(console, interactive, steps, t) as display:
        result = solve(problem, calendar, config, display, past=past)
        if not result.ok:
            display.close()
            console.print(t("run.no_plan"), markup=True)
            lines = _diagnosis(problem, calendar, config, result, past)
            for line in lines:
                console.print(line, markup=False)
            _write_diagnosis(problem, lines, target, console, t)
            return EXIT_NO_PLAN
        plan = result.plan
        assert plan is not None
        plan.warnings.extend(w for w in input_warnings(problem) if w not in plan.warnings)
        if baseline is not None:
            result.timings["replan_setup"] = setup_s  # published plan read, ledger, past, bound
        try:
            return _write(problem, calendar, plan, result, config, target, console, baseline,
                          bound, held_before=None if past is None else past.freeze_until,
                          display=display, background_check=background_check)
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


def _write_diagnosis(problem: Problem, lines: list[str], target: Path, console: Console,
                     t: Labels) -> None:
    """``diagnosis.html`` and ``.md`` in ``target`` (any previous plan files stay), and where."""
    from planner.explain.report import write_diagnosis

    try:
        page, text = write_diagnosis(problem, lines, target)
    except OSError as e:
        console.print(t("warning", text=t("run.diagnosis_failed", folder=target,
                                          error=e.strerror or e)), markup=False)
        return
    console.print(t("run.diagnosis", html=page, md=text), markup=False)


def _past(problem: Problem, baseline, freeze: dt.date, console: Console):  # noqa: ANN001, ANN202
    """The published plan's past, as the ledger counts it, and the changes no re-plan avoids."""
    from planner.ledger import ledger
    from planner.solver.months import inputs_key as months_inputs
    from planner.solver.replan.bound import lower_bound
    from planner.solver.replan.past import past_work

    audiences = {c.id: frozenset(p.id for p in problem.audience(c.audience))
                 for c in problem.courses}
    t = labels_for(problem.settings.language)
    done = ledger(baseline.plan, problem.attendance_records, freeze, audiences=audiences)
    for record, why in done.ignored:
        console.print(t("run.record_ignored", staff=record.staff_id, session=record.session,
                        why=why.zh if t.lang == "zh" else why.en), markup=False)
    hospital_run = {c.id: c.hospital_run for c in problem.courses}
    past = past_work(baseline.plan, done.attendees(), freeze, done.history_rows(hospital_run))
    past.months_unchanged = (baseline.inputs is not None
                             and months_inputs(baseline.inputs) == months_inputs(problem))
    past.inputs = baseline.inputs
    bound = lower_bound(past, problem)
    console.print(t("run.replanning", version=baseline.version, sessions=len(past.sessions),
                    date=freeze.isoformat(), min_sessions=bound.sessions,
                    min_events=bound.person_events), markup=False)
    return past, bound


def _write_run_log(stage: Path, problem: Problem, result, config: SolverConfig,  # noqa: ANN001
                   timings: dict[str, float], violations: int, baseline, bound) -> None:  # noqa: ANN001
    """``run.log``: the run's figures, wall-clock ones included (the one output that is not
    byte-identical from run to run), and the solver's own — each phase's status, objective,
    bound and gap — which the summaries leave out."""
    plan = result.plan
    phases = {} if plan is None else {
        phase: {"status": status, "objective": plan.objective.get(phase),
                "bound": plan.objective.get(f"{phase}_bound"),
                "gap": None if plan.gap(phase) is None else round(plan.gap(phase), 6)}
        for phase, status in sorted(plan.phases.items())}
    run_log = {
        "inputs": problem.name,
        "status": result.status,
        "phases": phases,
        "objective": {} if plan is None else dict(sorted(plan.objective.items())),
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
           baseline=None, bound=None, held_before: dt.date | None = None,  # noqa: ANN001
           display: "ProgressDisplay | None" = None, background_check: bool = True) -> int:
    """Write and check the outputs. ``held_before`` (a re-plan's freeze date): the sessions
    before it were held and are checked as facts (:func:`planner.check.check_plan`)."""
    from planner.atomic import write_bytes
    from planner.calendars import write_calendars
    from planner.changes import write_change_notices
    from planner.check.background import start_check
    from planner.check.report import format_violations
    from planner.report import write_summary
    from planner.snapshot import SNAPSHOT_FILE, problem_snapshot
    from planner.summary import plan_summary

    names = {s.id: (s.name, s.department) for s in problem.staff}
    say = labels_for(problem.settings.language)
    changes = None
    timings = dict(result.timings)

    def step(phase: str) -> None:
        if display is not None:
            display.step(phase)

    def timed(label: str, started: float) -> None:
        timings[f"write_{label}"] = time.perf_counter() - started

    with staged_dir(target) as stage:
        t = time.perf_counter()
        write_plan(plan, names, stage / "plan")
        write_bytes(stage / SNAPSHOT_FILE, problem_snapshot(problem))  # kept by publish
        timed("plan", t)
        step("check")
        t = time.perf_counter()
        # The check runs in a child process while the summary and calendars are written (they
        # are thrown away with the staging folder unless it finds nothing).
        checked = start_check(problem, calendar, stage / "plan", held_before=held_before,
                              background=background_check
                              and len(problem.staff) >= BACKGROUND_CHECK_STAFF)
        step("summary")
        t_summary = time.perf_counter()
        write_summary(problem, calendar, plan, stage, violations=0)
        timed("summary", t_summary)
        step("calendars")
        t_calendars = time.perf_counter()
        write_calendars(problem, plan, stage, console)  # calendars/, feeds.csv, feeds.xlsx
        timed("calendars", t_calendars)
        violations = checked()
        timed("check", t)  # from its start: it ran beside the summary and calendars
        if violations:
            if display is not None:
                display.close()
            console.print(format_violations(violations, say.lang), markup=False)
            console.print(say("run.check_failed"), markup=True)
            raise _Rejected()
        if baseline is not None:  # changes.csv / changes.md against the published plan
            step("changes")
            t = time.perf_counter()
            bounds = None if bound is None else {"sessions": bound.sessions,
                                                 "person_events": bound.person_events}
            changes = write_change_notices(baseline.plan, baseline.inputs, problem, plan, stage,
                                           version=baseline.version, bounds=bounds)
            timed("changes", t)
        _write_run_log(stage, problem, result, config, timings, 0, baseline, bound)
    if display is not None:
        display.close()
    console.print(plan_summary(problem, plan, result), markup=False)
    for line in changes.lines() if changes is not None else ():
        console.print(line, markup=False)
    clock = sorted(k.removesuffix("_wall_limit_hit") for k, v in result.stats.items()
                   if k.endswith("_wall_limit_hit") and v)
    if clock:
        phases = say("sep").join(say(f"phase.{c}") if f"phase.{c}" in TEXT else c
                                 for c in clock)
        console.print(say("warning", text=say("run.wall_clock", phases=phases)), markup=False)
    console.print(say("run.wrote", target=target), markup=False)
    return 0


class _Rejected(Exception):
    pass


#: What `planner plan` does, in order, as the progress display counts it ("step k of N"); the
#: words are the ``step.*`` keys of :mod:`planner.cli_labels`.
STEPS = ("months", "timetable", "attendance", "naming", "check", "summary", "calendars")


class ProgressDisplay:
    """Which step of the run is under way (k of N), for how long, and the best figures its
    search has found: a live line on a terminal — redrawn several times a second, so the
    clock moves while a solver runs without reporting — and plain log lines when the output is
    a file or a pipe (a line when each step starts; search figures at most every few seconds).
    """

    PLAIN_EVERY_S = 5.0

    def __init__(self, console: Console, interactive: bool, steps: tuple[str, ...] = STEPS,
                 labels: Labels | None = None):
        self.console, self.interactive, self.steps = console, interactive, steps
        self.t = labels or labels_for("zh")
        self.started = time.perf_counter()
        self.last_plain = -1e9
        self.status = None
        self.phase = ""
        self.phase_started = self.started
        self.figures = ""

    def __enter__(self) -> "ProgressDisplay":
        if self.interactive:
            self.status = self.console.status(_Live(self))
            self.status.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the live line (before the run's final words)."""
        if self.status is not None:
            self.status.__exit__(None, None, None)
            self.status = None
        if self.phase:
            elapsed = time.perf_counter() - self.started
            self.console.print(self.t("run.done", clock=elapsed), markup=False)
            self.phase = ""

    def words(self, phase: str) -> str:
        key = f"step.{phase}"
        return self.t(key) if key in TEXT else phase

    def step(self, phase: str) -> None:
        """``phase`` begins (again: a no-op)."""
        if phase == self.phase:
            return
        now = time.perf_counter()
        self.phase, self.phase_started, self.figures = phase, now, ""
        k = self.steps.index(phase) + 1 if phase in self.steps else len(self.steps)
        self.console.print(self.t("run.step", clock=now - self.started, k=k, n=len(self.steps),
                                  what=self.words(phase)), markup=False)

    def line(self) -> str:
        """The live line, kept short for an 80-column terminal."""
        now = time.perf_counter()
        k = self.steps.index(self.phase) + 1 if self.phase in self.steps else 0
        if not k:
            return self.t("run.reading")
        return (self.t("run.live", k=k, n=len(self.steps), what=self.words(self.phase),
                       step=now - self.phase_started, total=now - self.started)
                + (f" · {self.figures}" if self.figures else ""))

    def __call__(self, phase: str, figures: dict[str, float]) -> None:
        if "start" in figures:
            self.step(phase)
            return
        self.step(phase)
        elapsed = time.perf_counter() - self.started
        if "variables" in figures:  # the step's model is built (its size goes to run.log)
            return
        # the search has a plan and improves it: objective and bound are solver words, kept
        # out of what the office reads; the quota figure, when the step has one, is theirs
        self.figures = self.t("run.improving")
        if "quotas_met" in figures:
            self.figures += self.t("sep") + self.t("run.quotas_met",
                                                   percent=figures["quotas_met"])
        if self.status is None and elapsed - self.last_plain >= self.PLAIN_EVERY_S:
            self.last_plain = elapsed
            self.console.print(self.t("run.figures", clock=elapsed, what=self.words(phase),
                                      figures=self.figures), markup=False)


class _Live:
    """The live line, recomputed at each redraw."""

    def __init__(self, display: ProgressDisplay):
        self.display = display

    def __rich__(self) -> str:
        return self.display.line()
