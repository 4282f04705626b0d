"""The independent check run beside the writing of the outputs (planner/check/background.py):
the same violations as run in place, an error in the checker raised, and a check whose process
dies run again here — a plan is never kept unchecked."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

import planner.check.background as background
from planner.check import check_plan
from planner.plan import read_plan, write_plan
from planner.workdays import build_calendar

from .builders import D, move, problem, valid_plan


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The tiny hospital's plan with one session moved outside its course window, written."""
    plan = move(valid_plan(), "CPR#1.1", D(2026, 3, 10), "tue-pm")
    write_plan(plan, {}, tmp_path / "plan")
    return tmp_path / "plan"


def _in_place(plan_dir: Path):  # noqa: ANN202
    p = problem()
    return check_plan(p, build_calendar(p.settings, p.holidays), read_plan(plan_dir))


def test_the_child_finds_what_the_check_in_place_finds(broken: Path) -> None:
    p = problem()
    wait = background.start_check(p, build_calendar(p.settings, p.holidays), broken)
    found = wait()
    assert found == _in_place(broken) and found  # the moved session, at least


def test_an_error_in_the_checker_is_raised_with_its_traceback(tmp_path: Path) -> None:
    p = problem()
    wait = background.start_check(p, build_calendar(p.settings, p.holidays), tmp_path / "none")
    with pytest.raises(RuntimeError, match="FileNotFoundError"):
        wait()


def test_a_check_whose_process_dies_runs_again_here(broken: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real = background.check_plan

    def dies_in_the_child(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)

    parent = os.getpid()
    monkeypatch.setattr(background, "check_plan", dies_in_the_child)
    p = problem()
    wait = background.start_check(p, build_calendar(p.settings, p.holidays), broken)
    assert wait() == _in_place(broken)
