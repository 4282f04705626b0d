"""``planner bureau plan INPUTS``: the bureau's command (registered in :mod:`planner.cli`)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from planner.bureau.labels import words_for
from planner.cli_labels import env_language
from planner.errors import Both, PlannerError

H = words_for(env_language())
out = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)


def _both(key: str, **values: object) -> Both:
    return Both(words_for("zh")(key, **values), words_for("en")(key, **values))


def register(app: typer.Typer, group_cls: type, command_cls: type) -> None:
    bureau_app = typer.Typer(cls=group_cls, no_args_is_help=True, help=H("help.bureau"))
    app.add_typer(bureau_app, name="bureau")

    @bureau_app.command("plan", cls=command_cls, help=H("help.bureau_plan"))
    def bureau_plan(
        inputs: Annotated[Path, typer.Argument(help=H("arg.bureau"))],
        output: Annotated[Path | None, typer.Option("-o", "--output",
                                                       help=H("opt.output"))] = None,
        ray_address: Annotated[str | None, typer.Option("--ray-address",
                                                           help=H("opt.ray_address"))] = None,
        workers: Annotated[int | None, typer.Option("--workers",
                                                       help=H("opt.workers"))] = None,
        sequential: Annotated[bool, typer.Option("--sequential",
                                                 help=H("opt.sequential"))] = False,
        seed: Annotated[int | None, typer.Option(help=H("opt.seed"))] = None,
        time_limit: Annotated[float | None, typer.Option(help=H("opt.time_limit"))] = None,
        lang: Annotated[str | None, typer.Option("--lang", help=H("opt.lang"))] = None,
        state: Annotated[Path | None, typer.Option("--state", help=H("opt.state"))] = None,
    ) -> None:
        code = plan_command(inputs, output=output, ray_address=ray_address, workers=workers,
                            sequential=sequential, seed=seed, time_limit=time_limit, lang=lang,
                            state=state, console=out)
        raise typer.Exit(code)


def plan_command(inputs: Path, *, output: Path | None = None, ray_address: str | None = None,
                 workers: int | None = None, sequential: bool = False, seed: int | None = None,
                 time_limit: float | None = None, lang: str | None = None,
                 state: Path | None = None, console: Console = out,
                 faults: dict[str, str] | None = None) -> int:
    """Exit code: 0 every hospital planned; 3 some hospital could not be (the others are
    written); 2 the bureau's own inputs are bad (nothing written)."""
    from dataclasses import replace

    from planner.bureau.engine import start
    from planner.bureau.inputs import load_bureau
    from planner.bureau.run import plan_bureau

    if lang is not None and lang not in ("zh", "en"):
        raise PlannerError(_both("bad.lang", value=lang))
    if workers is not None and not 0 <= workers <= 1024:
        raise PlannerError(_both("bad.workers", value=workers))
    if time_limit is not None and not (math.isfinite(time_limit) and 0 < time_limit <= 3600):
        raise PlannerError(_both("bad.time_limit", value=time_limit))
    bureau = load_bureau(inputs, language=lang)
    if lang is not None:
        bureau = replace(bureau, language=lang)
    if seed is not None:
        bureau = replace(bureau, seed=seed)
    w = words_for(bureau.language)
    target = output or Path("outputs") / bureau.name
    state_root = state or Path("state") / bureau.name
    _check_target(target, inputs, state_root)
    engine = start(sequential, ray_address, workers)
    try:
        where = (w("run.sequential") if engine.kind == "sequential" else
                 w("run.ray_cluster", address=ray_address, cpus=engine.cpus) if ray_address
                 else w("run.ray_local", cpus=engine.cpus))
        console.print(w("run.head", bureau=bureau.title, hospitals=len(bureau.hospitals),
                        seats=sum(s.seats for s in bureau.seats),
                        trainings=len(bureau.trainings), seed=bureau.seed, where=where))
        run = plan_bureau(bureau, target, state_root, engine, console, time_limit, faults)
    finally:
        engine.close()
    return 3 if run.failures else 0


def _check_target(target: Path, inputs: Path, state: Path) -> None:
    """Hospital folders under the output folder are replaced whole: it must not be the
    current folder, nor the bureau's inputs or plan state or inside them."""
    where = target.resolve()
    for path, inside in ((Path.cwd().resolve(), False), (inputs.resolve(), True),
                         (state.resolve(), True)):
        if where == path or where in path.parents or (inside and path in where.parents):
            raise PlannerError(_both("bad.target", target=target, path=path))
