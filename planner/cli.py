"""The command line: ``planner validate | plan | explain | check | template | generate | publish |
serve | tokens rotate | notify | sheets | web | users add``.

Every user-facing failure is a :class:`~planner.errors.PlannerError` turned into a message and a
non-zero exit code here — never a traceback on user data. Exit codes: 2 bad input, 3 no plan
possible (the reason is printed), 4 the independent checker found violations.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
import typer.rich_utils
from rich.console import Console
from typer.core import TyperCommand, TyperGroup

from planner.cli_labels import Labels, env_language, labels_for
from planner.cli_usage import UsageError, in_words
from planner.errors import PlannerError

#: The words of ``--help``: the language of the environment (the plan's is not known yet).
H = labels_for(env_language())
#: The words of what a command prints: the environment's until it reads a plan's inputs or
#: outputs, then the plan's (:func:`_speak`).
_said: list[Labels] = [H]


def _say() -> Labels:
    return _said[-1]


def _speak(lang: str | None) -> Labels:
    """From now on, this command speaks ``lang`` (the plan's language)."""
    _said.append(labels_for(lang))
    return _say()


# typer's own words around the help, in the help's language
for _name, _key in (("ARGUMENTS_PANEL_TITLE", "panel.arguments"),
                    ("OPTIONS_PANEL_TITLE", "panel.options"),
                    ("COMMANDS_PANEL_TITLE", "panel.commands"),
                    ("ERRORS_PANEL_TITLE", "panel.error"), ("REQUIRED_LONG_STRING", "required"),
                    ("RICH_HELP", "try_help"), ("DEFAULT_STRING", "default")):
    setattr(typer.rich_utils, _name, H.raw(_key))


class _Help:
    """click's "Usage:" and "Show this message and exit." in the help's language."""

    def format_usage(self, ctx, formatter) -> None:  # noqa: ANN001
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix=H("usage") + " ")

    def get_help_option(self, ctx):  # noqa: ANN001, ANN201
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = H("help.help")
        return option

    def make_context(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        """A mistyped command line is told in the command line's words (:mod:`planner.cli_usage`)."""
        try:
            return super().make_context(*args, **kwargs)  # type: ignore[misc]
        except UsageError as e:
            raise in_words(e, H) from None


class _Command(_Help, TyperCommand):
    pass


class _Commands(_Help, TyperGroup):
    """Turns every :class:`PlannerError` into its message and exit code, for every command."""

    def resolve_command(self, ctx, args):  # noqa: ANN001, ANN201
        try:
            return super().resolve_command(ctx, args)
        except UsageError as e:
            raise in_words(e, H, self.list_commands(ctx)) from None

    def invoke(self, ctx):  # noqa: ANN001, ANN201
        _said[:] = [labels_for(env_language())]
        try:
            return super().invoke(ctx)
        except PlannerError as e:
            _report(e)
            raise typer.Exit(e.exit_code) from None


app = typer.Typer(cls=_Commands, add_completion=False, no_args_is_help=True,
                  help=H("help.app"))


def command(name: str | None = None, *, help_key: str):  # noqa: ANN201
    """``app.command`` with the help text from the words table."""
    return app.command(name, cls=_Command, help=H(help_key))
# Ids and the office's text are printed as typed: no rich markup, no :emoji: codes
# ("exit:A:2023-01" once printed as "exit🅰2023-01"); a styled line asks for markup itself.
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)
out = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)

InputsArg = Annotated[Path, typer.Argument(help=H("arg.inputs"))]
EstimateOpt = Annotated[bool, typer.Option("--estimate-holidays", help=H("opt.estimate"))]
StateOpt = Annotated[Optional[Path], typer.Option("--state", help=H("opt.state"))]
OutputsArg = Annotated[Path, typer.Argument(help=H("arg.outputs"))]
TimeLimitOpt = Annotated[Optional[float], typer.Option(help=H("opt.time_limit"))]
SeedOpt = Annotated[Optional[int], typer.Option(help=H("opt.seed"))]
WorkersOpt = Annotated[Optional[int], typer.Option(help=H("opt.workers"))]
FreezeOpt = Annotated[Optional[str], typer.Option("--freeze-until", metavar="DATE",
                                                  help=H("opt.freeze"))]
MessagesLangOpt = Annotated[Optional[str], typer.Option("--lang", help=H("opt.lang.messages"))]


def _date_option(name: str, text: str | None):  # noqa: ANN202 — a date or None
    import datetime as dt

    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PlannerError(_say()("bad.date", option=name, value=text)) from None


def _check_choice(option: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise PlannerError(_say()("bad.choice", option=option, value=value,
                                  choices=_say()("sep").join(choices)))


def _load(inputs: Path, estimate: bool, lang: str | None = None):  # noqa: ANN202
    """The inputs and their working calendar; from here on the command speaks the plan's
    language (``lang`` when given)."""
    from dataclasses import replace

    from planner.inputs import load_problem
    from planner.workdays import build_calendar

    _check_choice("--lang", lang, ("zh", "en"))
    problem = load_problem(inputs, language=lang)
    if lang is not None:
        problem = replace(problem, settings=replace(problem.settings, language=lang))
    _speak(problem.settings.language)
    calendar = build_calendar(problem.settings, problem.holidays, estimate=estimate)
    return problem, calendar


@command(help_key="help.validate")
def validate(inputs: InputsArg, estimate_holidays: EstimateOpt = False,
             lang: MessagesLangOpt = None) -> None:
    from planner.summary import input_summary

    problem, calendar = _load(inputs, estimate_holidays, lang)
    out.print(input_summary(problem, calendar))


@command(help_key="help.plan")
def plan(
    inputs: InputsArg,
    output: Annotated[Optional[Path], typer.Option("-o", "--output",
                                                   help=H("opt.output"))] = None,
    time_limit: TimeLimitOpt = None,
    seed: SeedOpt = None,
    workers: WorkersOpt = None,
    engine: Annotated[Optional[str], typer.Option(help=H("opt.engine"))] = None,
    estimate_holidays: EstimateOpt = False,
    lang: Annotated[Optional[str], typer.Option("--lang", help=H("opt.lang.plan"))] = None,
    freeze_until: FreezeOpt = None,
    fresh: Annotated[bool, typer.Option("--fresh", help=H("opt.fresh"))] = False,
    replan_scope: Annotated[Optional[str], typer.Option(
        "--replan-scope", help=H("opt.replan_scope"))] = None,
    state: StateOpt = None,
) -> None:
    from planner.pipeline import run_plan
    from planner.solver.attendance.engines import ENGINES
    from planner.state import state_dir, state_dir_override

    _check_choice("--engine", engine, tuple(ENGINES))
    _check_choice("--replan-scope", replan_scope, ("local", "full"))
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


@command(help_key="help.explain")
def explain(
    inputs: InputsArg,
    time_limit: TimeLimitOpt = None,
    seed: SeedOpt = None,
    workers: WorkersOpt = None,
    estimate_holidays: EstimateOpt = False,
    lang: Annotated[Optional[str], typer.Option("--lang", help=H("opt.lang.explain"))] = None,
    freeze_until: FreezeOpt = None,
    fresh: Annotated[bool, typer.Option("--fresh", help=H("opt.fresh.explain"))] = False,
    state: StateOpt = None,
) -> None:
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
    _check_choice("--lang", lang, ("zh", "en"))
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
        raise PlannerError(_say()("bad.time_limit", value=time_limit, high=limits.TIME_LIMIT))
    for name, value, (low, high) in (("--seed", seed, limits.SEED),
                                     ("--workers", workers, limits.WORKERS)):
        if value is not None and not low <= value <= high:
            raise PlannerError(_say()("bad.whole", option=name, value=value, low=low, high=high))


def _check_target(target: Path, inputs: Path, state: Path) -> None:
    """The output folder is replaced as a whole: it must not hold the current folder, the
    inputs or the plan state (``-o .`` or ``-o inputs`` would delete them)."""
    where = target.resolve()
    precious = {"target.cwd": Path.cwd().resolve(), "target.inputs": inputs.resolve(),
                "target.state": state.resolve()}
    for what, path in precious.items():
        if where == path or where in path.parents:
            raise PlannerError(_say()("bad.target", target=target, what=_say()(what), path=path))


@command(help_key="help.check")
def check(inputs: InputsArg,
          plan_dir: Annotated[Path, typer.Argument(help=H("arg.plan_dir"))],
          estimate_holidays: EstimateOpt = False,
          held_before: Annotated[Optional[str], typer.Option(
              "--held-before", metavar="DATE", help=H("opt.held_before"))] = None,
          lang: MessagesLangOpt = None) -> None:
    from planner.check import check_plan
    from planner.check.report import format_violations
    from planner.plan import read_plan

    held = _date_option("--held-before", held_before)
    problem, calendar = _load(inputs, estimate_holidays, lang)
    t = _say()
    folder = plan_dir / "plan" if (plan_dir / "plan" / "plan.json").exists() else plan_dir
    if not (folder / "plan.json").exists():
        raise PlannerError(t("no_plan_json", folder=plan_dir))
    plan = read_plan(folder)
    if held is None and plan.held_before:
        held = _date_option("held_before in plan.json", plan.held_before)
        out.print(t("check.held", date=held.isoformat()))
    violations = check_plan(problem, calendar, plan, held_before=held)
    if violations:
        out.print(format_violations(violations, _say().lang))
        raise typer.Exit(4)
    out.print(t("check.passed", folder=folder))


@command(help_key="help.template")
def template(path: Annotated[Path, typer.Argument(help=H("arg.template"))]) -> None:
    from planner.template import write_template

    write_template(path)
    out.print(_say()("wrote", path=path))


@command(help_key="help.generate")
def generate(
    out_dir: Annotated[Path, typer.Argument(help=H("arg.generate"))],
    staff: Annotated[int, typer.Option(help=H("opt.staff"))] = 150,
    departments: Annotated[int, typer.Option(help=H("opt.departments"))] = 10,
    rooms: Annotated[int, typer.Option(help=H("opt.rooms"))] = 5,
    months: Annotated[int, typer.Option(help=H("opt.months"))] = 12,
    seed: Annotated[int, typer.Option(help=H("opt.seed"))] = 1,
) -> None:
    from planner.generate import generate as gen

    gen(out_dir, staff=staff, departments=departments, rooms=rooms, months=months, seed=seed)
    out.print(_say()("wrote", path=out_dir))


def _outputs_language(outputs: Path) -> Labels:
    """Speak the language the plan in ``outputs`` was written in (its calendar source says)."""
    import json

    from planner.calendars.outputs import SOURCE_FILE

    try:
        source = json.loads((outputs / "calendars" / SOURCE_FILE).read_text("utf-8"))
        lang = source.get("language") if isinstance(source, dict) else None
    except (OSError, ValueError):
        lang = None
    return _speak(lang) if lang in ("zh", "en") else _say()


@command(help_key="help.publish")
def publish(
    outputs: OutputsArg,
    to: Annotated[Optional[Path], typer.Option("--to", help=H("opt.to"))] = None,
    today: Annotated[Optional[str], typer.Option("--today", help=H("opt.today"))] = None,
    rollback: Annotated[Optional[int], typer.Option(
        "--rollback", metavar="VERSION", help=H("opt.rollback"))] = None,
    state: StateOpt = None,
) -> None:
    from planner.calendars.publish import publish as do_publish
    from planner.calendars.publish import rollback as do_rollback

    t = _outputs_language(outputs)
    if rollback is not None:
        result = do_rollback(outputs, rollback, state_root=state, at=_moment(today),
                             export_to=to)
    else:
        result = do_publish(outputs, state_root=state, at=_moment(today), export_to=to)
    at = f"{result.published_at:%Y-%m-%d %H:%M}"
    if result.rollback_of is not None:
        out.print(t("publish.rollback", version=result.version, of=result.rollback_of, at=at,
                    new=result.new, moved=result.moved, removed=result.removed))
    elif result.unchanged:
        out.print(t("publish.unchanged", version=result.version,
                    reference=result.feed_reference))
    else:
        out.print(t("publish.done", version=result.version, at=at, new=result.new,
                    moved=result.moved, removed=result.removed))
    out.print(t("publish.live", feeds=result.feeds) + (
        t("publish.exported", folder=result.exported_to) if result.exported_to else ""))
    if result.revoked:
        out.print(t("publish.revoked", count=len(result.revoked)))
    for warning in result.warnings:
        err.print(t("warning", text=warning), markup=False)


def _moment(text: str | None):  # noqa: ANN202
    import datetime as dt

    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise PlannerError(_say()("bad.moment", value=text)) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


@command(help_key="help.serve")
def serve(
    outputs: OutputsArg,
    host: Annotated[str, typer.Option(help=H("opt.host"))] = "127.0.0.1",
    port: Annotated[int, typer.Option(help=H("opt.port"))] = 8080,
    access_log: Annotated[bool, typer.Option(
        "--access-log/--no-access-log", help=H("opt.access_log"))] = True,
    request_timeout: Annotated[float, typer.Option(
        "--request-timeout", metavar="SECONDS", help=H("opt.request_timeout"))] = 10.0,
    state: StateOpt = None,
) -> None:
    import math

    _outputs_language(outputs)
    if not (math.isfinite(request_timeout) and 0 < request_timeout <= 3600):
        raise PlannerError(_say()("bad.request_timeout", value=request_timeout))
    from planner.calendars.publish import read_draft
    from planner.calendars.server import serve as run_server
    from planner.state import open_state, state_dir

    folder = state_dir(read_draft(outputs).source.name, state)
    open_state(folder, create=False).close()  # a clear message when there is no state yet
    run_server(folder, host, port, log_requests=access_log, request_timeout=request_timeout)


@command(help_key="help.notify")
def notify(
    outputs: OutputsArg,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=H("opt.dry_run"))] = False,
    state: StateOpt = None,
) -> None:
    from planner.staff.notify import notify as do_notify

    _outputs_language(outputs)
    report = do_notify(outputs, state_root=state, dry_run=dry_run)
    for line in report.lines():
        out.print(line)
    if report.failed or report.wecom.startswith("failed"):
        raise typer.Exit(1)


@command(help_key="help.sheets")
def sheets(
    outputs: OutputsArg,
    session: Annotated[Optional[list[str]], typer.Option(
        "--session", metavar="ID", help=H("opt.session"))] = None,
    since: Annotated[Optional[str], typer.Option("--since", metavar="DATE",
                                                 help=H("opt.since"))] = None,
    to: Annotated[Optional[Path], typer.Option("--to", help=H("opt.sheets_to"))] = None,
    state: StateOpt = None,
) -> None:
    from planner.staff.labels import labels_for as staff_labels
    from planner.staff.sheets import write_sheets

    t = _outputs_language(outputs)
    path, count = write_sheets(outputs, sessions=session or None,
                               since=_date_option("--since", since), target=to,
                               state_root=state)
    out.print(staff_labels(t.lang)("sheet.wrote", count=count, path=path))


tokens_app = typer.Typer(cls=_Commands, no_args_is_help=True, help=H("help.tokens"))
app.add_typer(tokens_app, name="tokens")


@tokens_app.command("rotate", cls=_Command, help=H("help.tokens_rotate"))
def tokens_rotate(
    outputs: OutputsArg,
    ident: Annotated[str, typer.Argument(metavar="ID", help=H("arg.feed_id"))],
    state: StateOpt = None,
) -> None:
    from planner.calendars.token_rotation import rotate

    t = _outputs_language(outputs)
    rotated = rotate(outputs, ident, state)
    out.print(t("rotate.new", feed=rotated.feed_key))
    out.print(f"  {rotated.https_url or t('rotate.no_base')}", markup=False)
    if rotated.webcal_url:
        out.print(f"  {rotated.webcal_url}", markup=False)
    if rotated.exported_to:
        out.print(t("rotate.exported", folder=rotated.exported_to))


@command(help_key="help.web")
def web(
    hospital: Annotated[str, typer.Argument(help=H("arg.hospital"))],
    host: Annotated[str, typer.Option(help=H("opt.host"))] = "127.0.0.1",
    port: Annotated[int, typer.Option(help=H("opt.port"))] = 8090,
    lang: Annotated[str, typer.Option("--lang", help=H("opt.web_lang"))] = "zh",
    time_limit: Annotated[Optional[float], typer.Option(
        "--time-limit", help=H("opt.web_time_limit"))] = None,
    state: StateOpt = None,
) -> None:
    from planner.state import state_dir
    from planner.web.app import serve as run_web

    _check_choice("--lang", lang, ("zh", "en"))
    _check_solver_options(time_limit, None, None)
    _speak(lang)
    run_web(state_dir(hospital, state), host, port, lang=lang, time_limit=time_limit)


users_app = typer.Typer(cls=_Commands, no_args_is_help=True, help=H("help.users"))
app.add_typer(users_app, name="users")


@users_app.command("add", cls=_Command, help=H("help.users_add"))
def users_add(
    name: Annotated[str, typer.Argument(help=H("arg.user"))],
    hospital: Annotated[str, typer.Option("--hospital", help=H("opt.hospital"))] = "example",
    role: Annotated[str, typer.Option("--role", help=H("opt.role"))] = "office",
    dept: Annotated[Optional[str], typer.Option("--dept", help=H("opt.dept"))] = None,
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help=H("opt.password_stdin"))] = False,
    state: StateOpt = None,
) -> None:
    from planner.state import state_dir
    from planner.web.auth import add_user
    from planner.web.db import open_web

    t = _say()
    _check_choice("--role", role, ("office", "department"))
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt(t("users.password"), hide_input=True, confirmation_prompt=True)
    db = open_web(state_dir(hospital, state))
    try:
        add_user(db, name, password, role, dept)
        out.print(t("users.added", name=name, role=role, dept=f" {dept}" if dept else "",
                    db=db.folder))
    finally:
        db.close()


from planner.bureau.command import register as _register_bureau  # noqa: E402

_register_bureau(app, _Commands, _Command)  # planner bureau plan


def main() -> None:
    app()


def _report(e: PlannerError) -> None:
    from planner.errors import InputError

    t = _say()
    if isinstance(e, InputError):
        err.print(f"[bold red]{e.heading()}[/]", markup=True)
        for line in e.lines():
            err.print(f"  - {line}", markup=False)
    else:
        err.print(t("error", message=e.text(t.lang)), markup=False)
