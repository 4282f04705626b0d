"""The outputs swap survives a kill at any point (item 9 of issue 19).

A kill between the two renames of the old ``staged_dir`` left ``outputs/example`` missing, and
staging folders of killed runs were never removed. Each test kills a real child process with
``os._exit`` (no clean-up runs, as with SIGKILL) at the moment named, then looks at the folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from planner import atomic

CHILD = """
import os, sys, shutil
from pathlib import Path
from planner import atomic

target, moment = Path(sys.argv[1]), sys.argv[2]
if moment.startswith("fallback"):
    atomic.exchange = lambda a, b: False  # a system without renameat2
calls = {"replace": 0}
real_replace, real_rmtree = os.replace, shutil.rmtree

def replace(a, b):
    calls["replace"] += 1
    if moment == "fallback: between the renames" and calls["replace"] == 2:
        os._exit(9)
    real_replace(a, b)

def rmtree(path, *args, **kwargs):
    if moment.endswith("before the old folder is removed"):
        os._exit(9)
    real_rmtree(path, *args, **kwargs)

os.replace, shutil.rmtree = replace, rmtree
with atomic.staged_dir(target) as stage:
    (stage / "plan.json").write_text("new")
    if moment == "while writing":
        os._exit(9)
"""


def run_child(target: Path, moment: str) -> int:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(CHILD), str(target), moment],
                          check=False).returncode


def previous(tmp_path: Path) -> Path:
    target = tmp_path / "outputs" / "example"
    target.mkdir(parents=True)
    (target / "plan.json").write_text("old")
    return target


def leftovers(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name != target.name)


def test_a_kill_between_the_fallback_renames_keeps_the_old_outputs_reachable(
        tmp_path: Path) -> None:
    target = previous(tmp_path)
    assert run_child(target, "fallback: between the renames") == 9
    assert not target.exists()  # the gap itself: two renames cannot close it …
    (backup,) = [p for p in target.parent.iterdir() if ".old-" in p.name]
    assert (backup / "plan.json").read_text() == "old"  # … but nothing is lost
    atomic.recover(target)  # what the next run does first
    assert (target / "plan.json").read_text() == "old"
    assert leftovers(target) == []


def test_the_exchange_leaves_no_moment_without_outputs(tmp_path: Path) -> None:
    if atomic._RENAMEAT2 is None:
        pytest.skip("no renameat2 on this system")
    target = previous(tmp_path)
    assert run_child(target, "exchange: killed before the old folder is removed") == 9
    assert (target / "plan.json").read_text() == "new"
    assert len(leftovers(target)) == 1  # the old outputs, under the dead run's staging name
    atomic.recover(target)
    assert leftovers(target) == []


def test_a_run_killed_while_writing_changes_nothing_and_its_staging_is_cleaned(
        tmp_path: Path) -> None:
    target = previous(tmp_path)
    assert run_child(target, "while writing") == 9
    assert (target / "plan.json").read_text() == "old"
    assert len(leftovers(target)) == 1
    with atomic.staged_dir(target) as stage:  # the next run
        (stage / "plan.json").write_text("next")
    assert (target / "plan.json").read_text() == "next"
    assert leftovers(target) == []


def test_a_live_runs_staging_folder_is_left_alone(tmp_path: Path) -> None:
    target = previous(tmp_path)
    live = target.parent / f".example.staging-{os.getppid()}-abc"
    live.mkdir()
    atomic.recover(target)
    assert live.is_dir()


def test_fallback_and_exchange_swap_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, exchange in (("fallback", lambda a, b: False), ("exchange", atomic.exchange)):
        target = previous(tmp_path / name)
        monkeypatch.setattr(atomic, "exchange", exchange)
        with atomic.staged_dir(target, keep=("plan.json",)) as stage:
            (stage / "new.txt").write_text("new")
        assert sorted(p.name for p in target.iterdir()) == ["new.txt", "plan.json"]
        assert leftovers(target) == []
