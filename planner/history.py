"""Plan history, read side: what subscribers were last shown, for re-planning against it.

The write side is ``planner publish`` (:mod:`planner.calendars.publish`); the tables are in
:mod:`planner.state`. A re-plan starts from :func:`published_baseline`: the published plan (to
pin the past and keep changes few), its inputs snapshot (to name the cause of every move) and
when it was published.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from planner.domain import Problem
from planner.errors import Both, PlannerError
from planner.plan import Plan
from planner.snapshot import load_snapshot
from planner.state import DB_NAME, StateDB, Version, open_state, parse_utc, state_dir


@dataclass(frozen=True)
class Baseline:
    """The published version of a hospital's plan."""

    version: int
    plan: Plan
    inputs: Problem | None  # None for versions published before inputs were snapshotted
    inputs_hash: str
    published_at: dt.datetime
    rollback_of: int | None = None


@dataclass(frozen=True)
class VersionInfo:
    """One line of ``planner publish``'s history: enough to choose a version to roll back to."""

    version: int
    published_at: dt.datetime
    inputs_hash: str
    sessions: int
    has_inputs: bool
    rollback_of: int | None
    current: bool


def baseline_of(version: Version) -> Baseline:
    label = f"plan-state version {version.version}"
    try:
        plan = Plan.from_json(version.plan_json)
    except (ValueError, KeyError, TypeError) as exc:
        raise PlannerError(Both(f"已发布的第 {version.version} 版：计划无法读取（{exc}）",
                                f"{label}: unreadable plan ({exc})")) from None
    inputs = (load_snapshot(version.inputs_json, f"{label} inputs snapshot")
              if version.inputs_json else None)
    return Baseline(version.version, plan, inputs, version.inputs_hash, version.published_at,
                    version.rollback_of)


def published_baseline(name: str, state_root: Path | None = None) -> Baseline | None:
    """The published version of hospital ``name``, or ``None`` when nothing was published yet
    (no state database, or one without versions). Never creates a state database."""
    folder = state_dir(name, state_root)
    if not (folder / DB_NAME).is_file():
        return None
    db = open_state(folder, create=False)
    try:
        with db.read():
            current = db.current_version()
    finally:
        db.close()
    return None if current is None else baseline_of(current)


def version_history(db: StateDB) -> list[VersionInfo]:
    with db.read():
        current = db.meta("current_version")
        rows = db.conn.execute(
            "SELECT version, published_at, inputs_hash, plan_json, inputs_json IS NOT NULL, "
            "rollback_of FROM versions ORDER BY version").fetchall()
    return [
        VersionInfo(r[0], parse_utc(r[1]), r[2], len(Plan.from_json(r[3]).sessions), bool(r[4]),
                    r[5], str(r[0]) == current)
        for r in rows
    ]
