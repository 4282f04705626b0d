"""A seat nobody may hold (item 2 of issue 19): a valid input, so no error, but a warning that
names the seat and why nobody qualifies — in ``validate``, and in the plan, whose independent
check used to fail with "0 of 1 place(s) filled, and no warning of the plan says why" (exit 4).
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import base_rows, write_inputs
from typer.testing import CliRunner

from planner.cli import app
from planner.inputs import load_problem
from planner.inputs.advice import input_warnings

SEAT = {"id": "JX1", "partner": "省人民医院", "specialty": "心内科", "start_earliest": "2027-03-01",
        "start_latest": "2027-03-31", "months": 6, "seats": 1,
        "candidates": "role=doctor; title>=intermediate", "min_years": 40}
WARNING = ("seat JX1 (省人民医院 心内科): nobody qualifies, so its 1 place(s) stay empty — the 4 "
           "staff its candidate filter 'role=doctor; title>=intermediate' matches have all "
           "served fewer than 40 year(s) by 2027-01-01 (min_years in external_seats; the "
           "longest-serving, 王建国 S001, has 14)")
WARNING_ZH = ("进修名额 JX1（省人民医院 心内科）无人符合条件，1 个名额将空着：候选人条件“role=doctor; "
              "title>=intermediate”匹配的 4 人到 2027-01-01 的工作年限都不足 40 年（最长的是王建国"
              "（S001），14 年）。请调低进修名额表中的“最少工作年限”，或放宽候选人条件。")


def hospital(folder: Path, min_years: int = 40) -> Path:
    staff = base_rows("staff")
    for i, person in enumerate(staff):
        person["employed_since"] = f"{2012 + i}-09-01"
    return write_inputs(folder, {"staff": staff, "external_seats": [SEAT | {"min_years": min_years}]},
                        plan={"rules": [], "quotas": []})


def test_the_warning_names_the_seat_and_why_nobody_qualifies(tmp_path: Path) -> None:
    assert input_warnings(load_problem(hospital(tmp_path / "h")), "en") == [WARNING]
    assert input_warnings(load_problem(hospital(tmp_path / "h"))) == [WARNING_ZH]
    assert input_warnings(load_problem(hospital(tmp_path / "ok", min_years=3))) == []


def test_validate_prints_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(hospital(tmp_path / "h")),
                                      "--estimate-holidays"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert WARNING_ZH in result.output


def test_the_plan_keeps_it_and_passes_its_check(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["plan", str(hospital(tmp_path / "h")), "-o", str(out),
                                      "--estimate-holidays", "--time-limit", "5",
                                      "--state", str(tmp_path / "state")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert WARNING_ZH in json.loads((out / "plan" / "plan.json").read_text("utf-8"))["warnings"]
    assert WARNING_ZH in result.output
