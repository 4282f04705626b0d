"""The command line: ``planner validate | plan | explain | check | template | generate | publish |
serve | tokens rotate``.

Every user-facing failure is a :class:`~planner.errors.PlannerError` turned into a message and a
non-zero exit code here — never a traceback on user data. Exit codes: 2 bad input, 3 no plan
possible (the reason is printed), 4 the independent checker found violations.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from typer.core import TyperGroup

from planner.errors import PlannerError



class _Commands(TyperGroup):
    """Turns every :class:`PlannerError` into its message and exit code, for every command."""

    def invoke(self, ctx):  # noqa: ANN001, ANN201
        try:
            return super().invoke(ctx)
        except PlannerError as e:
            _report(e)
            raise typer.Exit(e.exit_code) from None


app = typer.Typer(cls=_Commands, add_completion=False, no_args_is_help=True,
                  help="Training schedule planner for hospitals' continuing medical education.")
# Ids and the office's text are printed as typed: no rich markup, no :emoji: codes
# ("exit:A:2023-01" once printed as "exit🅰2023-01"); a styled line asks for markup itself.
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)
out = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)

InputsArg = Annotated[Path, typer.Argument(help="input folder (plan.yaml + CSVs) or .xlsx workbook")]
EstimateOpt = Annotated[bool, typer.Option("--estimate-holidays",
                        help="estimate holidays of years nobody published (flagged everywhere)")]
StateOpt = Annotated[Optional[Path], typer.Option(
    "--state", help="plan-state root holding <name>/planner.sqlite "
                    "(default $PLANNER_STATE_DIR or ./state)")]
OutputsArg = Annotated[Path, typer.Argument(help="an outputs folder written by 'planner plan'")]
TimeLimitOpt = Annotated[Optional[float], typer.Option(
    help="search budget, deterministic seconds")]
SeedOpt = Annotated[Optional[int], typer.Option(help="random seed")]
WorkersOpt = Annotated[Optional[int], typer.Option(help="solver threads")]
FreezeOpt = Annotated[Optional[str], typer.Option(
    "--freeze-until", metavar="DATE",
    help="re-planning: keep everything published before this date (default today)")]


def _date_option(name: str, text: str | None):  # noqa: ANN202 — a date or None
    import datetime as dt

    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PlannerError(f"{name} {text!r}: expected a date such as 2027-05-01") from None


def _load(inputs: Path, estimate: bool, lang: str | None = None):  # noqa: ANN202
    from dataclasses import replace

    from planner.inputs import load_problem
    from planner.workdays import build_calendar

    problem = load_problem(inputs, language=lang)
    if lang is not None:
        problem = replace(problem, settings=replace(problem.settings, language=lang))
    calendar = build_calendar(problem.settings, problem.holidays, estimate=estimate)
    return problem, calendar


@app.command()
def validate(inputs: InputsArg, estimate_holidays: EstimateOpt = False) -> None:
    """Check the inputs and print a short summary; nothing is written."""
    from planner.summary import input_summary

    problem, calendar = _load(inputs, estimate_holidays)
    out.print(input_summary(problem, calendar))


@app.command()
def plan(
    inputs: InputsArg,
    output: Annotated[Optional[Path], typer.Option("-o", "--output",
                      help="output folder (default outputs/<name>)")] = None,
    time_limit: TimeLimitOpt = None,
    seed: SeedOpt = None,
    workers: WorkersOpt = None,
    engine: Annotated[Optional[str], typer.Option(
        help="attendance-phase engine: highs or cp-sat (default: plan.yaml, else highs)")] = None,
    estimate_holidays: EstimateOpt = False,
    lang: Annotated[Optional[str], typer.Option(
        "--lang", help="language of calendars and reports: zh or en (default: plan.yaml)")] = None,
    freeze_until: FreezeOpt = None,
    fresh: Annotated[bool, typer.Option(
        "--fresh", help="plan from scratch, ignoring the published plan")] = False,
    replan_scope: Annotated[Optional[str], typer.Option(
        "--replan-scope", help="re-planning: local (re-plan the attendance of the people the "
        "change reaches) or full (everyone's); default: plan.yaml, else local")] = None,
    state: StateOpt = None,
) -> None:
    """Plan sessions, rooms, speakers and attendance; write outputs/<name>/ and check them.

    When the hospital already has a published plan, this re-plans against it: the past stays,
    the future moves as little as the changed inputs allow, and changes.md / changes.csv list
    who is affected."""
    from planner.pipeline import run_plan
    from planner.solver.attendance.engines import ENGINES
    from planner.state import state_dir, state_dir_override

    if engine is not None and engine not in ENGINES:
        raise PlannerError(f"--engine {engine!r}: expected one of {', '.join(ENGINES)}")
    if replan_scope is not None and replan_scope not in ("local", "full"):
        raise PlannerError(f"--replan-scope {replan_scope!r}: expected local or full")
    problem, calendar, freeze = _solver_inputs(inputs, estimate_holidays, lang, time_limit,
                                               seed, workers, freeze_until)
    target = output or Path("outputs") / problem.name
    _check_target(target, inputs, state_dir(problem.name, state))
    reset = state_dir_override.set(state)
    try:
        code = run_plan(problem, calendar, target, time_limit=time_limit, seed=seed,
                        workers=workers, engine=engine, freeze_until=freeze, fresh=fresh,
                        replan_scope=replan_scope,
                        console=out, interactive=sys.stdout.isatty())
    finally:
        state_dir_override.reset(reset)
    raise typer.Exit(code)


@app.command()
def explain(
    inputs: InputsArg,
    time_limit: TimeLimitOpt = None,
    seed: SeedOpt = None,
    workers: WorkersOpt = None,
    estimate_holidays: EstimateOpt = False,
    lang: Annotated[Optional[str], typer.Option(
        "--lang", help="language of the diagnosis: zh or en (default: plan.yaml)")] = None,
    freeze_until: FreezeOpt = None,
    fresh: Annotated[bool, typer.Option(
        "--fresh", help="explain a plan from scratch, ignoring the published plan")] = False,
    state: StateOpt = None,
) -> None:
    """Say why no plan is possible and which changes to the inputs would make one possible
    (exit 3), or that the inputs can be planned (exit 0). Nothing is written."""
    from planner.explain.command import run_explain
    from planner.solver.config import SolverConfig
    from planner.state import state_dir_override

    problem, calendar, freeze = _solver_inputs(inputs, estimate_holidays, lang, time_limit,
                                               seed, workers, freeze_until)
    config = SolverConfig.from_settings(problem.settings.solver, time_limit=time_limit,
                                        seed=seed, workers=workers)
    reset = state_dir_override.set(state)
    try:
        code = run_explain(problem, calendar, config, console=out, freeze_until=freeze,
                           fresh=fresh)
    finally:
        state_dir_override.reset(reset)
    raise typer.Exit(code)


def _solver_inputs(inputs: Path, estimate_holidays: bool, lang: str | None,
                   time_limit: float | None, seed: int | None, workers: int | None,
                   freeze_until: str | None):  # noqa: ANN202
    """What plan and explain share: the options checked, the inputs loaded, ``--lang``
    applied; returns (problem, calendar, freeze date)."""
    if lang is not None and lang not in ("zh", "en"):
        raise PlannerError(f"--lang {lang!r}: expected zh or en")
    _check_solver_options(time_limit, seed, workers)
    freeze = _date_option("--freeze-until", freeze_until)
    problem, calendar = _load(inputs, estimate_holidays, lang)
    return problem, calendar, freeze


def _check_solver_options(time_limit: float | None, seed: int | None,
                          workers: int | None) -> None:
    """The command line's solver settings get the ranges plan.yaml's get (inputs/limits.py)."""
    import math

    from planner.inputs import limits

    if time_limit is not None and not (math.isfinite(time_limit)
                                       and 0 < time_limit <= limits.TIME_LIMIT):
        raise PlannerError(f"--time-limit {time_limit:g}: expected a number > 0 and "
                           f"≤ {limits.TIME_LIMIT:,g}")
    for name, value, (low, high) in (("--seed", seed, limits.SEED),
                                     ("--workers", workers, limits.WORKERS)):
        if value is not None and not low <= value <= high:
            raise PlannerError(f"{name} {value}: expected a whole number from {low:,} to {high:,}")


def _check_target(target: Path, inputs: Path, state: Path) -> None:
    """The output folder is replaced as a whole: it must not hold the current folder, the
    inputs or the plan state (``-o .`` or ``-o inputs`` would delete them)."""
    where = target.resolve()
    precious = {"the current folder": Path.cwd().resolve(), "the inputs": inputs.resolve(),
                "the plan state": state.resolve()}
    for what, path in precious.items():
        if where == path or where in path.parents:
            raise PlannerError(f"-o {target}: the output folder is replaced as a whole and "
                               f"holds {what} ({path}); choose a folder of its own, such as "
                               f"outputs/<name>")


@app.command()
def check(inputs: InputsArg,
          plan_dir: Annotated[Path, typer.Argument(help="a plan folder (outputs/<name>/plan)")],
          estimate_holidays: EstimateOpt = False,
          held_before: Annotated[Optional[str], typer.Option(
              "--held-before", metavar="DATE",
              help="sessions before this date were held (a re-plan's --freeze-until): "
                   "counted, but not judged against today's inputs (default: the date the "
                   "re-plan recorded in plan.json)")] = None) -> None:
    """Re-verify a written plan against the inputs, independently of the solver."""
    from planner.check import check_plan
    from planner.check.report import format_violations
    from planner.plan import read_plan

    held = _date_option("--held-before", held_before)
    problem, calendar = _load(inputs, estimate_holidays)
    folder = plan_dir / "plan" if (plan_dir / "plan" / "plan.json").exists() else plan_dir
    if not (folder / "plan.json").exists():
        raise PlannerError(f"{plan_dir}: no plan.json found (expected a folder written by 'planner plan')")
    plan = read_plan(folder)
    if held is None and plan.held_before:
        held = _date_option("held_before in plan.json", plan.held_before)
        out.print(f"sessions before {held.isoformat()} count as held (the re-plan's freeze date, "
                  "recorded in plan.json; --held-before overrides)")
    violations = check_plan(problem, calendar, plan, held_before=held)
    if violations:
        out.print(format_violations(violations))
        raise typer.Exit(4)
    out.print(f"check passed: 0 violations in {folder}")


@app.command()
def template(path: Annotated[Path, typer.Argument(help="where to write the empty workbook")]) -> None:
    """Write an empty input workbook with every sheet, column notes and dropdowns."""
    from planner.template import write_template

    write_template(path)
    out.print(f"wrote {path}")


@app.command()
def generate(
    out_dir: Annotated[Path, typer.Argument(help="folder to write the synthetic inputs into")],
    staff: Annotated[int, typer.Option(help="number of staff")] = 150,
    departments: Annotated[int, typer.Option(help="number of departments")] = 10,
    rooms: Annotated[int, typer.Option(help="number of rooms")] = 5,
    months: Annotated[int, typer.Option(help="horizon length in months")] = 12,
    seed: Annotated[int, typer.Option(help="random seed")] = 1,
) -> None:
    """Write a realistic synthetic hospital in the input format (for benchmarks and tests)."""
    from planner.generate import generate as gen

    gen(out_dir, staff=staff, departments=departments, rooms=rooms, months=months, seed=seed)
    out.print(f"wrote {out_dir}")


@app.command()
def publish(
    outputs: OutputsArg,
    to: Annotated[Optional[Path], typer.Option(
        "--to", help="also export the feeds as static files DIR/feeds/<token>.ics "
                     "(remembered: later publishes and token rotations refresh it)")] = None,
    today: Annotated[Optional[str], typer.Option(
        "--today", help="record the publication at this date or ISO time instead of now")] = None,
    rollback: Annotated[Optional[int], typer.Option(
        "--rollback", metavar="VERSION",
        help="publish an earlier version's plan again (recorded as a new version; "
             "SEQUENCE still rises)")] = None,
    state: StateOpt = None,
) -> None:
    """Make the plan in OUTPUTS the one subscribers see (feeds serve published plans only)."""
    from planner.calendars.publish import publish as do_publish
    from planner.calendars.publish import rollback as do_rollback

    if rollback is not None:
        result = do_rollback(outputs, rollback, state_root=state, at=_moment(today),
                             export_to=to)
    else:
        result = do_publish(outputs, state_root=state, at=_moment(today), export_to=to)
    if result.rollback_of is not None:
        out.print(f"published version {result.version} = the content of version "
                  f"{result.rollback_of}, at {result.published_at:%Y-%m-%d %H:%M}Z: "
                  f"{result.new} new, {result.moved} moved, {result.removed} removed events")
    elif result.unchanged:
        out.print(f"version {result.version} is already published; the feeds now leave out "
                  f"events that ended over the window before {result.feed_reference}")
    else:
        out.print(f"published version {result.version} at {result.published_at:%Y-%m-%d %H:%M}Z: "
                  f"{result.new} new, {result.moved} moved, {result.removed} removed events")
    out.print(f"{result.feeds} feeds live" + (f"; static files in {result.exported_to}/feeds/"
                                             if result.exported_to else ""))
    if result.revoked:
        out.print(f"revoked {len(result.revoked)} feeds of people, rooms or departments no "
                  "longer in the inputs")
    for warning in result.warnings:
        err.print(f"warning: {warning}", markup=False)


def _moment(text: str | None):  # noqa: ANN202
    import datetime as dt

    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise PlannerError(f"--today {text!r}: expected a date like 2027-03-01 "
                           "or a time like 2027-03-01T09:00+08:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


@app.command()
def serve(
    outputs: OutputsArg,
    host: Annotated[str, typer.Option(help="address to listen on (keep loopback behind a proxy)")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8080,
    access_log: Annotated[bool, typer.Option(
        "--access-log/--no-access-log", help="log each request (tokens redacted)")] = True,
    request_timeout: Annotated[float, typer.Option(
        "--request-timeout", metavar="SECONDS",
        help="close a connection whose request has not arrived whole by then (408)")] = 10.0,
    state: StateOpt = None,
) -> None:
    """Serve the published feeds at /feeds/<token>.ics (GET/HEAD, ETag, 304)."""
    import math

    if not (math.isfinite(request_timeout) and 0 < request_timeout <= 3600):
        raise PlannerError(f"--request-timeout {request_timeout:g}: expected a number of "
                           "seconds > 0 and ≤ 3,600")
    from planner.calendars.publish import read_draft
    from planner.calendars.server import serve as run_server
    from planner.state import open_state, state_dir

    folder = state_dir(read_draft(outputs).source.name, state)
    open_state(folder, create=False).close()  # a clear message when there is no state yet
    run_server(folder, host, port, log_requests=access_log, request_timeout=request_timeout)


tokens_app = typer.Typer(cls=_Commands, no_args_is_help=True, help="Feed tokens.")
app.add_typer(tokens_app, name="tokens")


@tokens_app.command("rotate")
def tokens_rotate(
    outputs: OutputsArg,
    ident: Annotated[str, typer.Argument(
        metavar="ID", help="staff, department or room id (or room:<id>, department:<id>, "
                           "hospital)")],
    state: StateOpt = None,
) -> None:
    """Revoke a feed's link and issue a new one (feeds.csv / feeds.xlsx are rewritten)."""
    from planner.calendars.token_rotation import rotate

    rotated = rotate(outputs, ident, state)
    out.print(f"new link for {rotated.feed_key} (the old one now answers 404):")
    out.print(f"  {rotated.https_url or '(set public_base_url for full links)'}", markup=False)
    if rotated.webcal_url:
        out.print(f"  {rotated.webcal_url}", markup=False)
    if rotated.exported_to:
        out.print(f"static export refreshed in {rotated.exported_to}/feeds/")


def main() -> None:
    app()


def _report(e: PlannerError) -> None:
    from planner.errors import InputError

    if isinstance(e, InputError):
        err.print(f"[bold red]{e.heading()}[/]", markup=True)
        for line in e.lines():
            err.print(f"  - {line}", markup=False)
    else:
        err.print(f"error: {e}", markup=False)
