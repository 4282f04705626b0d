"""One planning run in its own process: ``python -m planner.web.worker STATE_FOLDER JOB_ID``.

It does what ``planner plan`` does (:func:`planner.pipeline.run_plan`) on the upload the job
names, into the job's own outputs folder, and reports its progress into ``web_jobs`` through the
pipeline's own progress display — the same steps (k of N) and quota figure the terminal shows.
What the run prints goes to ``run.console`` in the job folder, for whoever investigates.

The worker ends itself when its job is no longer running (cancelled, or failed by a restarted
server), at the next progress report.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path
from typing import TextIO

from rich.console import Console

from planner import pipeline
from planner.errors import InputError, PlannerError
from planner.state import StateDB, state_dir_override
from planner.web.db import ACTIVE, open_web
from planner.web.jobs import finish, job_dir
from planner.web.labels import labels_for
from planner.web.uploads import materialise

#: Progress is written at most this often while a step's search improves (a new step is
#: written at once).
WRITE_EVERY_S = 0.5


def _reporting_display(db: StateDB, job_id: int) -> type:
    """The pipeline's progress display, also writing each report into the job's row."""

    class ReportingDisplay(pipeline.ProgressDisplay):
        quota: float | None = None
        written = -1e9

        def _report(self, force: bool) -> None:
            now = time.perf_counter()
            if not force and now - self.written < WRITE_EVERY_S:
                return
            self.written = now
            k = self.steps.index(self.phase) + 1 if self.phase in self.steps else 0
            with db.write() as conn:
                row = conn.execute("SELECT status FROM web_jobs WHERE id = ?",
                                   (job_id,)).fetchone()
                if row is None or row[0] not in ACTIVE:
                    os._exit(1)  # cancelled, or failed by a restarted server: stop here
                conn.execute("UPDATE web_jobs SET step = ?, k = ?, n = ?, quota = ?, elapsed = ? "
                             "WHERE id = ?", (self.phase, k, len(self.steps), self.quota,
                                              now - self.started, job_id))

        def step(self, phase: str) -> None:
            changed = phase != self.phase
            super().step(phase)
            if changed:
                self._report(force=True)

        def __call__(self, phase: str, figures: dict[str, float]) -> None:
            super().__call__(phase, figures)
            if "quotas_met" in figures:
                self.quota = float(figures["quotas_met"])
            self._report(force=False)

    return ReportingDisplay


def run(folder: Path, job_id: int, lang: str, time_limit: float | None) -> int:
    db = open_web(folder, create=False)
    where = job_dir(folder, job_id)
    try:
        with open(where / "run.console", "w", encoding="utf-8") as console_file:
            status, code, message = _plan(db, folder, job_id, lang, time_limit, console_file)
        finish(db, job_id, status, exit_code=code, message=message)
        return code
    finally:
        db.close()


def _plan(db: StateDB, folder: Path, job_id: int, lang: str, time_limit: float | None,
          console_file: TextIO) -> tuple[str, int, str | None]:
    """(status, exit code, message) of the run."""
    from planner.inputs import load_problem
    from planner.workdays import build_calendar

    where = job_dir(folder, job_id)
    row = db.conn.execute("SELECT u.data, u.kind FROM web_jobs j JOIN web_uploads u "
                          "ON u.id = j.upload_id WHERE j.id = ?", (job_id,)).fetchone()
    inputs_dir = where / "inputs"
    inputs_dir.mkdir(exist_ok=True)
    console = Console(file=console_file, highlight=False, soft_wrap=True, markup=False,
                      emoji=False, width=120)
    reset = state_dir_override.set(folder.parent)
    try:
        inputs = materialise(row[0], row[1], inputs_dir, folder.name, labels_for(lang))
        problem = load_problem(inputs, language=None)
        calendar = build_calendar(problem.settings, problem.holidays)
        code = pipeline.run_plan(problem, calendar, where / "outputs", time_limit=time_limit,
                                 seed=None, workers=None, console=console, interactive=False,
                                 display_class=_reporting_display(db, job_id))
    except InputError as e:
        return "failed", e.exit_code, "\n".join(e.lines(lang))
    except PlannerError as e:
        return "failed", e.exit_code, e.text(lang)
    except Exception:  # noqa: BLE001 — the office reads "ended unexpectedly"; the log has it
        traceback.print_exc(file=console_file)
        return "failed", 1, "crash"
    finally:
        state_dir_override.reset(reset)
    if code == 0:
        return "done", code, None
    if code == pipeline.EXIT_NO_PLAN:
        diagnosis = where / "outputs" / "diagnosis.md"
        return "no_plan", code, diagnosis.read_text("utf-8") if diagnosis.is_file() else None
    return "failed", code, "check" if code == pipeline.EXIT_VIOLATIONS else "crash"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m planner.web.worker")
    parser.add_argument("folder", type=Path)
    parser.add_argument("job", type=int)
    parser.add_argument("--lang", default="zh")
    parser.add_argument("--time-limit", type=float, default=None)
    args = parser.parse_args(argv)
    return run(args.folder, args.job, args.lang, args.time_limit)


if __name__ == "__main__":
    sys.exit(main())
