"""The two kinds of hospital task, as plain functions of plain data — the same code runs in
this process (``--sequential``) and in a Ray worker, so both give the same bytes.

A task never writes into the bureau's output folder: it plans into a temporary folder of its
own machine and returns the files as bytes; the driver writes them (:mod:`planner.bureau.run`).
So a task killed half-way leaves nothing behind, and a worker on another machine needs no
shared output folder. Its inputs travel the same way (the folder's files as bytes).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from planner.bureau.inputs import Bureau
from planner.bureau.survey import HospitalView, survey
from planner.domain import Problem

MAX_INPUT_BYTES = 200 * 1024 * 1024


def pack(path: Path) -> dict[str, bytes]:
    """A hospital's input folder (or workbook) as relative path → bytes."""
    if path.is_file():  # a workbook, and the <name>.yaml beside it if there is one
        beside = path.with_suffix(".yaml")
        return {p.name: p.read_bytes() for p in (path, beside) if p.is_file()}
    out = {}
    for file in sorted(path.rglob("*")):
        if file.is_file() and not any(part.startswith(".") for part in file.relative_to(path).parts):
            out[file.relative_to(path).as_posix()] = file.read_bytes()
    return out


def _unpack(files: dict[str, bytes], folder: Path, key: str) -> Path:
    if any(name.lower().endswith(".xlsx") for name in files):
        for name, data in files.items():
            (folder / name).write_bytes(data)
        return folder / f"{key}.xlsx"
    target = folder / key
    for rel, data in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    target.mkdir(parents=True, exist_ok=True)
    return target


def survey_task(bureau: Bureau, key: str, files: dict[str, bytes],
                time_limit: float | None) -> HospitalView:
    with tempfile.TemporaryDirectory(prefix="bureau-survey-") as tmp:
        return survey(bureau, key, _unpack(files, Path(tmp), key), time_limit, bureau.seed)


@dataclass
class HospitalResult:
    key: str
    name: str
    code: int  # 0 planned; 2 bad inputs; 3 no plan possible; 4 checker; 1 crash
    message: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    staff: int = 0
    attainment: float | None = None  # share of required hours met, 0–1
    short: int = 0  # people with a shortfall
    placements: list[dict[str, str]] = field(default_factory=list)  # placements.csv rows
    people: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (name, department)


def plan_task(bureau: Bureau, key: str, problem: Problem, state_root: str,
              time_limit: float | None, fault: str = "") -> HospitalResult:
    """Plan one hospital (its allocation already in ``problem``) with the ordinary pipeline.

    ``fault`` is for the tests only: ``die-once:<file>`` ends the worker process abruptly the
    first time (when ``<file>`` does not exist yet), as a machine failure would."""
    from rich.console import Console

    from planner.bureau.labels import words_for
    from planner.errors import PlannerError
    from planner.pipeline import run_plan
    from planner.state import state_dir_override
    from planner.workdays import build_calendar

    if fault.startswith("die-once:"):
        marker = Path(fault.split(":", 1)[1])
        if not marker.exists():
            marker.write_text("killed once\n", encoding="utf-8")
            os._exit(1)
    w = words_for(bureau.language)
    depts = {d.id: d.name for d in problem.departments}
    result = HospitalResult(key, problem.settings.hospital, 1, staff=len(problem.staff),
                            people={p.id: (p.name, depts.get(p.department, p.department))
                                    for p in problem.staff})
    console = Console(file=io.StringIO(), width=120, highlight=False, markup=False, emoji=False,
                      soft_wrap=True)
    reset = state_dir_override.set(Path(state_root))
    try:
        with tempfile.TemporaryDirectory(prefix="bureau-plan-") as tmp:
            target = Path(tmp) / key
            try:
                calendar = build_calendar(problem.settings, problem.holidays)
                code = run_plan(problem, calendar, target, time_limit=time_limit,
                                seed=bureau.seed, workers=None, console=console,
                                interactive=False, fresh=True,
                                background_check=False)  # no fork inside a Ray worker
            except PlannerError as e:
                result.code, result.message = e.exit_code, e.text(bureau.language)
                return result
            except Exception as e:  # noqa: BLE001 — reported by the hospital's name, never raised
                result.message = w("fail.crash", error=f"{type(e).__name__}: {e}")
                return result
            result.code = code
            if target.is_dir():
                result.files = {p.relative_to(target).as_posix(): p.read_bytes()
                                for p in sorted(target.rglob("*")) if p.is_file()}
    finally:
        state_dir_override.reset(reset)
    printed = console.file.getvalue()  # type: ignore[attr-defined]
    if code == 0:
        _facts(result)
    elif code == 3:
        result.message = w("fail.no_plan", folder=f"hospitals/{key}/diagnosis.html",
                           text=_diagnosis_lines(printed))
        result.files = {k: v for k, v in result.files.items() if k.startswith("diagnosis.")}
    else:
        result.message = w("fail.check")
        result.files = {}
    return result


def _diagnosis_lines(printed: str) -> str:
    lines = [line for line in printed.splitlines()
             if line.startswith(("  - ", "无法", "No plan", "以下", "Any one"))]
    return "\n".join(lines[:12])


def _facts(result: HospitalResult) -> None:
    quotas = result.files.get("plan/quotas.csv", b"").decode("utf-8-sig")
    required = met = 0.0
    short: set[str] = set()
    for row in csv.DictReader(io.StringIO(quotas)):
        need = float(row["required"] or 0)
        have = float(row["history"] or 0) + float(row["planned"] or 0)
        required += need
        met += min(have, need)
        if float(row["shortfall"] or 0) > 1e-9:
            short.add(row["staff_id"])
    result.attainment = met / required if required else None
    result.short = len(short)
    placements = result.files.get("plan/placements.csv", b"").decode("utf-8-sig")
    result.placements = list(csv.DictReader(io.StringIO(placements)))
