"""The command line: ``planner validate | plan | check | template | generate``.

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
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

InputsArg = Annotated[Path, typer.Argument(help="input folder (plan.yaml + CSVs) or .xlsx workbook")]
EstimateOpt = Annotated[bool, typer.Option("--estimate-holidays",
                        help="estimate holidays of years nobody published (flagged everywhere)")]


def _load(inputs: Path, estimate: bool):  # noqa: ANN202
    from planner.inputs import load_problem
    from planner.workdays import build_calendar

    problem = load_problem(inputs)
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
    time_limit: Annotated[Optional[float], typer.Option(help="search budget, deterministic seconds")] = None,
    seed: Annotated[Optional[int], typer.Option(help="random seed")] = None,
    workers: Annotated[Optional[int], typer.Option(help="solver threads")] = None,
    estimate_holidays: EstimateOpt = False,
) -> None:
    """Plan sessions, rooms, speakers and attendance; write outputs/<name>/ and check them."""
    from planner.pipeline import run_plan

    problem, calendar = _load(inputs, estimate_holidays)
    target = output or Path("outputs") / problem.name
    code = run_plan(problem, calendar, target, time_limit=time_limit, seed=seed, workers=workers,
                    console=out, interactive=sys.stdout.isatty())
    raise typer.Exit(code)


@app.command()
def check(inputs: InputsArg,
          plan_dir: Annotated[Path, typer.Argument(help="a plan folder (outputs/<name>/plan)")],
          estimate_holidays: EstimateOpt = False) -> None:
    """Re-verify a written plan against the inputs, independently of the solver."""
    from planner.check import check_plan
    from planner.check.report import format_violations
    from planner.plan import read_plan

    problem, calendar = _load(inputs, estimate_holidays)
    folder = plan_dir / "plan" if (plan_dir / "plan" / "plan.json").exists() else plan_dir
    if not (folder / "plan.json").exists():
        raise PlannerError(f"{plan_dir}: no plan.json found (expected a folder written by 'planner plan')")
    violations = check_plan(problem, calendar, read_plan(folder))
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


def main() -> None:
    app()


def _report(e: PlannerError) -> None:
    from planner.errors import InputError

    if isinstance(e, InputError):
        err.print(f"[bold red]{len(e.issues)} problem(s) in the inputs[/] — nothing was written:",
                  markup=True)
        for issue in e.issues:
            err.print(f"  - {issue}", markup=False)
    else:
        err.print(f"error: {e}", markup=False)
