"""Shared fixtures: the bundled example, planned once per test session."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app
from planner.state import STATE_ENV

# Plan state normally lives in ./state; tests never read or write real feed tokens or history.
# The folder is removed when the test run ends (it used to be left behind in /tmp each run).
if STATE_ENV not in os.environ:
    os.environ[STATE_ENV] = tempfile.mkdtemp(prefix="planner-test-state-")
    atexit.register(shutil.rmtree, os.environ[STATE_ENV], ignore_errors=True)

# What the command line says before it reads a plan follows PLANNER_LANG, else the locale: the
# suite pins it to the default, Chinese, whatever the machine's LANG.
os.environ["PLANNER_LANG"] = "zh"

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "inputs" / "example"
#: Deterministic seconds for test solves: enough for the example's quotas, short for the suite.
TEST_TIME_LIMIT = "4"


def check_passed(output: str) -> bool:
    """``planner plan`` or ``check`` said its independent check passed (in either language)."""
    return any(words in output for words in ("校核通过，没有违反规则之处", "check passed: 0 violations",
                                             "校核通过：", "check passed: 0 violations in"))


def run_cli(*args: str):  # noqa: ANN201
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="session")
def example_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dst = tmp_path_factory.mktemp("inputs") / "example"
    shutil.copytree(EXAMPLE, dst)
    return dst


@pytest.fixture(scope="session")
def planned_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``planner plan inputs/example -o OUT`` run once; returns OUT (what it printed is kept
    beside it, in ``OUT.console``)."""
    out = tmp_path_factory.mktemp("outputs") / "example"
    result = run_cli("plan", EXAMPLE, "-o", out, "--time-limit", TEST_TIME_LIMIT)
    assert result.exit_code == 0, result.output
    out.with_suffix(".console").write_text(result.output, "utf-8")
    return out
