"""Planning runs started from the browser: one per hospital at a time, each in its own process.

The web server stays responsive because the solver runs in a child process
(:mod:`planner.web.worker`, started with ``python -m``), which writes its progress into
``web_jobs``; the page reads it back over server-sent events. The job's outputs go to a folder
of their own (``<state>/web/jobs/<id>/outputs``), written atomically by the pipeline, and a run
never publishes anything: publishing is a separate, confirmed step.

What can go wrong while a run is under way:

* the office cancels it: the job is marked cancelled first, then its process group is killed;
* the worker dies (killed, out of memory): a watcher thread sees the process end with the job
  still active and marks it failed;
* the web server itself restarts: on start every job still active is marked failed (and its
  worker, if still alive, stopped) — its outputs are never offered for publishing, since only a
  job marked done can be published.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from planner.state import StateDB, now_utc, parse_utc, utc_text
from planner.web.db import ACTIVE

FINAL = ("done", "no_plan", "failed", "cancelled")


@dataclass(frozen=True)
class Job:
    id: int
    upload_id: int
    user: str
    status: str
    created_at: str
    finished_at: str | None
    pid: int | None
    step: str | None
    k: int | None
    n: int | None
    quota: float | None
    elapsed: float | None
    exit_code: int | None
    message: str | None
    published_version: int | None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE


_COLUMNS = ("j.id, j.upload_id, u.name, j.status, j.created_at, j.finished_at, j.pid, j.step, "
            "j.k, j.n, j.quota, j.elapsed, j.exit_code, j.message, j.published_version")


def job_dir(folder: Path, job_id: int) -> Path:
    return folder / "web" / "jobs" / str(int(job_id))


def get_job(db: StateDB, job_id: int) -> Job | None:
    row = db.conn.execute(f"SELECT {_COLUMNS} FROM web_jobs j JOIN web_users u "
                          "ON u.id = j.user_id WHERE j.id = ?", (job_id,)).fetchone()
    return None if row is None else Job(*row)


def list_jobs(db: StateDB, limit: int = 20) -> list[Job]:
    rows = db.conn.execute(f"SELECT {_COLUMNS} FROM web_jobs j JOIN web_users u "
                           "ON u.id = j.user_id ORDER BY j.id DESC LIMIT ?", (limit,))
    return [Job(*r) for r in rows]


class Busy(Exception):
    """Another job of this hospital is under way (its id is the argument)."""


def start_job(db: StateDB, folder: Path, upload_id: int, user_id: int, *,
              time_limit: float | None = None, lang: str = "zh") -> int:
    """Record a job for ``upload_id`` and start its worker; :class:`Busy` if one is running."""
    with db.write() as conn:
        running = conn.execute("SELECT id FROM web_jobs WHERE status IN (?, ?)",
                               ACTIVE).fetchone()
        if running is not None:
            raise Busy(running[0])
        job_id = int(conn.execute(
            "INSERT INTO web_jobs(upload_id, user_id, status, created_at) "
            "VALUES (?, ?, 'queued', ?)", (upload_id, user_id, utc_text(now_utc()))).lastrowid
            or 0)
    where = job_dir(folder, job_id)
    where.mkdir(parents=True, exist_ok=True, mode=0o700)
    command = [sys.executable, "-m", "planner.web.worker", str(folder), str(job_id),
               "--lang", lang]
    if time_limit is not None:
        command += ["--time-limit", str(time_limit)]
    try:
        with open(where / "worker.log", "ab") as log:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True)
    except OSError:  # no process: the job must not hold the hospital's one place
        finish(db, job_id, "failed", message="crash")
        raise
    with db.write() as conn:
        conn.execute("UPDATE web_jobs SET pid = ?, status = 'running' "
                     "WHERE id = ? AND status = 'queued'", (process.pid, job_id))
    threading.Thread(target=_watch, args=(folder, job_id, process), daemon=True).start()
    return job_id


def _watch(folder: Path, job_id: int, process: subprocess.Popen) -> None:
    """Reap the worker; a worker that ended without saying how is a failed job."""
    from planner.web.db import open_web

    code = process.wait()
    db = open_web(folder)
    try:
        finish(db, job_id, "failed", exit_code=code, message="crash", only_if_active=True)
    finally:
        db.close()


def finish(db: StateDB, job_id: int, status: str, *, exit_code: int | None = None,
           message: str | None = None, only_if_active: bool = True) -> bool:
    """Mark the job final (unless it already is); True when this call did."""
    with db.write() as conn:
        cursor = conn.execute(
            "UPDATE web_jobs SET status = ?, exit_code = ?, message = ?, finished_at = ? "
            "WHERE id = ?" + (" AND status IN ('queued', 'running')" if only_if_active else ""),
            (status, exit_code, message, utc_text(now_utc()), job_id))
        return cursor.rowcount > 0


def cancel_job(db: StateDB, job_id: int) -> bool:
    job = get_job(db, job_id)
    if job is None or not job.active:
        return False
    if finish(db, job_id, "cancelled") and job.pid:
        _stop(job.pid)
    return True


def recover_after_restart(db: StateDB) -> list[int]:
    """Fail every job a previous server left active and stop its worker if still there."""
    rows = db.conn.execute("SELECT id, pid FROM web_jobs WHERE status IN (?, ?)",
                           ACTIVE).fetchall()
    for job_id, pid in rows:
        if finish(db, job_id, "failed", message="restart") and pid and _is_worker(pid, job_id):
            _stop(pid)
    return [r[0] for r in rows]


def _is_worker(pid: int, job_id: int) -> bool:
    """The process ``pid`` is still this job's worker (not a stranger that reused the id)."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"planner.web.worker" in args and str(job_id).encode() in args


def _stop(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGTERM)  # the worker leads its own process group
    except (ProcessLookupError, PermissionError):
        pass


def estimate_seconds(db: StateDB) -> float | None:
    """How long the last finished run took, from start to end: the next one's estimate."""
    row = db.conn.execute("SELECT created_at, finished_at FROM web_jobs WHERE status = 'done' "
                          "ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    return (parse_utc(row[1]) - parse_utc(row[0])).total_seconds()
