"""``planner explain`` as a user meets it: exit codes, nothing written, and a hospital with a
published plan explained as ``planner plan`` would re-plan it."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import run_cli

CATALOGUE = Path(__file__).resolve().parent.parent / "impossible"


def test_explain_on_plannable_inputs_says_so_and_writes_nothing(tmp_path: Path) -> None:
    inputs = tmp_path / "ok"
    shutil.copytree(CATALOGUE / "two-pins-one-room", inputs)
    (inputs / "pins.csv").write_text("course,session,run,date,slot,room,speaker\n"
                                     "YD-01,1,1,2026-03-10,tue-pm,R1,\n", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = run_cli("explain", inputs, "--time-limit", "2")
    assert result.exit_code == 0, result.output
    assert "输入可以排出计划" in result.output
    english = run_cli("explain", inputs, "--time-limit", "2", "--lang", "en")
    assert "The inputs can be planned" in english.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_a_published_hospital_is_explained_as_its_re_plan(tmp_path: Path) -> None:
    # Published with one pin; then a second pin into the same room and time is entered.
    inputs, out, state = tmp_path / "hospital", tmp_path / "out", tmp_path / "state"
    shutil.copytree(CATALOGUE / "two-pins-one-room", inputs)
    pins = (inputs / "pins.csv").read_text(encoding="utf-8")
    (inputs / "pins.csv").write_text(pins.splitlines(keepends=True)[0]
                                     + pins.splitlines(keepends=True)[1], encoding="utf-8")
    assert run_cli("plan", inputs, "-o", out, "--state", state, "--time-limit", "2").exit_code == 0
    assert run_cli("publish", out, "--state", state, "--today", "2026-03-01").exit_code == 0
    (inputs / "pins.csv").write_text(pins, encoding="utf-8")
    result = run_cli("explain", inputs, "--state", state, "--freeze-until", "2026-03-02",
                     "--time-limit", "2")
    assert result.exit_code == 3, result.output
    assert "对照已发布的第 1 版重新编排" in result.output
    assert "2026-03-10 学术报告厅（R1）同一时间只能上一场" in result.output
