"""Calendar test helpers: a private state folder, and outputs written like ``planner plan`` does.

The whole test session's plan state lives in a temporary folder (set in ``tests/conftest.py``);
``state_root`` gives a test its own.
"""

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
    """``plan/``, the inputs snapshot and the calendar outputs, as the pipeline writes them into
    its stage."""
    names = {s.id: (s.name, s.department) for s in problem.staff}
    write_plan(plan, names, folder / "plan")
    write_bytes(folder / SNAPSHOT_FILE, problem_snapshot(problem))
    write_calendars(problem, plan, folder)
    return folder


def vevents(body: bytes) -> list[bytes]:
    """The VEVENT blocks of a feed, as raw bytes."""
    blocks = body.split(b"BEGIN:VEVENT\r\n")[1:]
    return [b"BEGIN:VEVENT\r\n" + b.split(b"END:VEVENT\r\n")[0] + b"END:VEVENT\r\n"
            for b in blocks]


def unfolded(body: bytes) -> list[str]:
    """Content lines with folding undone."""
    return body.decode("utf-8").replace("\r\n ", "").split("\r\n")


def prop(block: bytes, name: str) -> list[str]:
    """Values of property ``name`` (any parameters) in a block."""
    out = []
    for line in unfolded(block):
        head, _, value = line.partition(":")
        if head.split(";")[0] == name:
            out.append(value)
    return out
