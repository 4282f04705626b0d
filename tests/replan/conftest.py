"""Re-planning test helpers: a private state folder per test, and outputs written like
``planner plan`` writes them (plan, inputs snapshot, calendars) — no solver involved."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.atomic import write_bytes
from planner.calendars import write_calendars
from planner.domain import Problem
from planner.plan import Plan, write_plan
from planner.snapshot import SNAPSHOT_FILE, problem_snapshot
from planner.state import STATE_ENV


@pytest.fixture()
def state_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "state"
    monkeypatch.setenv(STATE_ENV, str(root))
    return root


def write_outputs(folder: Path, problem: Problem, plan: Plan) -> Path:
    names = {s.id: (s.name, s.department) for s in problem.staff}
    write_plan(plan, names, folder / "plan")
    write_bytes(folder / SNAPSHOT_FILE, problem_snapshot(problem))
    write_calendars(problem, plan, folder)
    return folder
