"""Re-planning test helpers: a private state folder per test, and outputs written like
``planner plan`` writes them (plan, inputs snapshot, calendars) — no solver involved. Shared with
the calendar tests. And the bundled example planned and published once for the whole session
(:func:`published_example`), which the end-to-end re-planning tests copy before changing."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.calendars.conftest import state_root, write_outputs
from tests.conftest import EXAMPLE, TEST_TIME_LIMIT, run_cli

ENGINE = ("--engine", "highs", "--time-limit", TEST_TIME_LIMIT)


@dataclass
class Baseline:
    inputs: Path  # a copy of the example, named "example" like the state folder
    state: Path
    outputs: Path


@pytest.fixture(scope="session")
def published_example(tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    """The example planned and published once (version 1, published 2027-01-01) into a private
    state root. Read-only: a test that changes inputs or publishes copies the folders first."""
    base = tmp_path_factory.mktemp("replan-baseline")
    inputs, state, out = base / "inputs" / "example", base / "state", base / "v1"
    shutil.copytree(EXAMPLE, inputs)
    result = run_cli("plan", inputs, "-o", out, *ENGINE, "--state", state)
    assert result.exit_code == 0, result.output
    result = run_cli("publish", out, "--state", state, "--today", "2027-01-01")
    assert result.exit_code == 0, result.output
    assert "已发布第 1 版" in result.output
    return Baseline(inputs, state, out)


def append_row(path: Path, row: str) -> None:
    """Append one CSV row, keeping the file's line ending."""
    raw = path.read_bytes()
    eol = b"\r\n" if b"\r\n" in raw else b"\n"
    if not raw.endswith(eol):
        raw += eol
    path.write_bytes(raw + row.encode("utf-8") + eol)


def edit_rows(path: Path, edit: Callable[[dict[str, str]], dict[str, str] | None]) -> None:
    """Rewrite a CSV table row by row (``edit`` returns the new row, or None to drop it)."""
    text = path.read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\r\n")
    w.writeheader()
    for r in rows:
        new = edit(dict(r))
        if new is not None:
            w.writerow(new)
    path.write_text("\ufeff" + buf.getvalue(), encoding="utf-8")


__all__ = ["ENGINE", "Baseline", "append_row", "edit_rows", "published_example", "state_root",
           "write_outputs"]
