"""The input set's name is the real folder's name (item 5 of issue 19): ``planner plan .`` took
the name "" — and replaced all of ``outputs/`` (another hospital's outputs were deleted) and
kept its state in a flat ``state/`` — and ``planner plan ..`` crashed after writing state files
into the current folder. An output folder that holds the inputs, the state or the current folder
is refused before anything is planned."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import issues_of, write_inputs
from typer.testing import CliRunner

from planner.cli import app
from planner.inputs import load_problem
from planner.state import STATE_ENV


def test_dot_and_dotdot_name_the_folder_they_stand_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_inputs(tmp_path / "县医院")
    monkeypatch.chdir(folder)
    assert load_problem(Path(".")).name == "县医院"
    (folder / "sub").mkdir()
    monkeypatch.chdir(folder / "sub")
    assert load_problem(Path("..")).name == "县医院"


def test_the_root_folder_has_no_name_and_is_refused() -> None:
    (issue,) = issues_of(Path("/"))
    assert issue.file == "/" and "not the root folder" in issue.expected


def test_plan_dot_writes_outputs_and_state_under_the_folder_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_inputs(tmp_path / "h", plan={"rules": []})
    other = tmp_path / "work" / "outputs" / "other-hospital"
    other.mkdir(parents=True)
    (other / "keep.txt").write_text("another hospital's outputs")
    monkeypatch.chdir(tmp_path / "work")
    monkeypatch.setenv(STATE_ENV, str(tmp_path / "state"))
    result = CliRunner().invoke(app, ["plan", os.path.relpath(folder), "--estimate-holidays",
                                      "--time-limit", "5"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(app, ["plan", ".", "-o", str(tmp_path / "work" / "outputs" / "h"),
                                      "--estimate-holidays", "--time-limit", "5"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (other / "keep.txt").read_text() == "another hospital's outputs"
    assert (tmp_path / "work" / "outputs" / "h" / "plan" / "plan.json").is_file()
    assert sorted(p.name for p in (tmp_path / "state").iterdir()) == ["h"]
    assert (tmp_path / "state" / "h" / "planner.sqlite").is_file()


@pytest.mark.parametrize("where", ["cwd", "inputs", "parent of inputs", "state"])
def test_an_output_folder_holding_what_it_would_delete_is_refused(
        where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_inputs(tmp_path / "in" / "h")
    state = tmp_path / "state"
    (state / "h").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    target = {"cwd": ".", "inputs": str(folder), "parent of inputs": str(folder.parent),
              "state": str(state)}[where]
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    result = CliRunner().invoke(app, ["plan", str(folder), "-o", target, "--state", str(state),
                                      "--estimate-holidays"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "输出文件夹会被整体替换，而它包含" in result.output
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before
