"""``planner bureau plan``: survey every hospital, allocate, plan every hospital, write.

::

    outputs/<bureau>/
      summary.html, summary.xlsx, summary.md   the bureau's summary (planner.bureau.summary)
      allocation.csv                           every shared-seat place and training place
      hospitals/<name>/                        each hospital's ordinary outputs and feeds

A hospital that cannot be read or planned is reported by name with its message; the others are
still planned and written. Each hospital's folder is replaced as a whole when its plan is
written (:func:`planner.atomic.staged_dir`) and each bureau file atomically, so a run killed at
any moment leaves every file either as it was or new — never half-written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from planner.atomic import staged_dir, write_bytes
from planner.bureau.engine import Engine
from planner.bureau.fixing import with_allocation
from planner.bureau.inputs import Bureau
from planner.bureau.labels import words_for
from planner.bureau.master import Allocation, allocate
from planner.bureau.survey import HospitalView
from planner.bureau.tasks import HospitalResult, pack, plan_task, survey_task


@dataclass
class BureauRun:
    bureau: Bureau
    views: list[HospitalView]
    allocation: Allocation
    results: dict[str, HospitalResult] = field(default_factory=dict)
    failures: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (name, message)


def plan_bureau(bureau: Bureau, target: Path, state_root: Path, engine: Engine,
                console: Console, time_limit: float | None = None,
                faults: dict[str, str] | None = None) -> BureauRun:
    w = words_for(bureau.language)
    faults = faults or {}
    limit = time_limit if time_limit is not None else bureau.time_limit
    console.print(w("run.survey"))
    calls = [(bureau, key, pack(bureau.hospital_path(key)), limit) for key in bureau.hospitals]
    views = engine.map(survey_task, calls)
    run = BureauRun(bureau, [], Allocation())
    for key, view in zip(bureau.hospitals, views):
        if view is None:
            run.failures[key] = (key, w("fail.lost"))
        elif view.error:
            run.failures[key] = (view.name, w("fail.inputs", text=view.error))
        else:
            run.views.append(view)
    console.print(w("run.master"))
    run.allocation = allocate(bureau, run.views)
    console.print(w("run.plans"))
    root = str(Path(state_root).resolve())
    calls = []
    for view in run.views:
        seats, cohorts = run.allocation.of(view.key)
        assert view.problem is not None
        problem = with_allocation(view.problem, seats, cohorts, bureau.language)
        calls.append((bureau, view.key, problem, root, limit, faults.get(view.key, "")))
    results = engine.map(plan_task, calls)
    for view, result in zip(run.views, results):
        if result is None:
            run.failures[view.key] = (view.name, w("fail.lost"))
            continue
        run.results[view.key] = result
        folder = target / "hospitals" / view.key
        if result.code == 0:
            with staged_dir(folder) as stage:
                for rel, data in result.files.items():
                    write_bytes(stage / rel, data)
            console.print(w("run.hospital_ok", hospital=result.name, folder=folder))
        else:
            for rel, data in result.files.items():  # a diagnosis, beside any previous plan
                write_bytes(folder / rel, data)
            run.failures[view.key] = (result.name, result.message)
    for key in bureau.hospitals:
        if key in run.failures:
            name, message = run.failures[key]
            console.print(w("run.hospital_failed", hospital=name,
                            what=message.replace("\n", "\n    ")))
    from planner.bureau.summary import write_summary

    write_summary(run, target)
    console.print(w("run.wrote", folder=target))
    if run.failures:
        console.print(w("run.failed_count", count=len(run.failures)))
    return run
