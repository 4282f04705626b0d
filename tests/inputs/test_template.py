"""``planner template`` writes a Chinese workbook the loader understands, whose own example rows
validate without a problem and plan every required hour (issue 14)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from planner.inputs import load_problem
from planner.inputs.advice import input_warnings
from planner.inputs.schema import SETTING_TABLES, TABLES
from planner.template import write_template

TODAY = dt.date(2026, 12, 3)  # the template plans 2027, a year chinesecalendar 1.11 does not know


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "out" / "模板.xlsx"
    write_template(path, today=TODAY)
    return path


def test_sheets_headers_notes_and_dropdowns_are_chinese(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames[:2] == ["说明", "设置"]
    assert {t.zh for t in TABLES + SETTING_TABLES} | {"说明", "设置"} == set(wb.sheetnames)
    staff = wb["人员"]
    assert [c.value for c in staff[1]][:5] == ["工号", "姓名", "科室", "角色", "职称"]
    assert staff["A1"].font.bold and staff.freeze_panes == "A2"
    assert "唯一的工号" in staff["A1"].comment.text and "id" in staff["A1"].comment.text
    ranges = {str(dv.sqref): dv.formula1 for dv in staff.data_validations.dataValidation}
    assert ranges["D2:D1000"] == '"医生,护士,技师,药师,行政,其他"'
    assert ranges["C2:C1000"] == "'科室'!$B$2:$B$1000"  # department names from 科室
    topics = {str(dv.sqref): dv.formula1 for dv in wb["讲题"].data_validations.dataValidation}
    assert topics["D2:D1000"] == "'人员'!$B$2:$B$1000" and topics["A2:A1000"] == "'课程'!$A$2:$A$1000"
    pins = {dv.formula1 for dv in wb["已定场次"].data_validations.dataValidation}
    assert "'场地'!$B$2:$B$1000" in pins
    readme = [row for row in wb["说明"].iter_rows(values_only=True)]
    assert readme[0] == ("怎样填写",) or readme[0][0] == "怎样填写"
    assert ("人员", "工号", "是", "唯一的工号", "id") in readme
    plan = {row[0]: row[1] for row in wb["设置"].iter_rows(min_row=2, values_only=True)}
    assert plan["时区"] == "Asia/Shanghai" and plan["计划开始日期"].date() == dt.date(2027, 1, 1)
    slots = [row for row in wb["时段"].iter_rows(values_only=True)]
    assert slots[0][:4] == ("编号", "星期", "开始时间", "结束时间") and slots[1][:2] == ("tue-pm", "周二")
    assert wb["人员"]["C2"].value == "内科"  # references by name
    assert not list(template.parent.glob(".*tmp"))  # no temporary file left behind


def test_every_chinese_choice_reads_as_its_english_one(template: Path) -> None:
    from planner.inputs import enums, rotations

    tables = {"role": enums.ROLES, "title": enums.TITLES, "category": enums.CATEGORIES,
              "mode": enums.MODES, "credit_class": enums.CREDIT_CLASSES,
              "frequency": enums.FREQUENCIES, "order": enums.ORDERS, "weekday": enums.WEEKDAYS,
              "hospital_run": enums.BOOLS, "recording": enums.BOOLS, "exit_exam": enums.BOOLS,
              "makeup": enums.BOOLS, "attended": enums.BOOLS, "rotators_count_on_duty": enums.BOOLS,
              "required": enums.BOOLS}
    kinds = {("unavailability", "kind"): enums.UNAVAILABLE_KINDS, ("holidays", "kind"):
             enums.DAY_KINDS, ("history", "kind"): enums.HISTORY_KINDS, ("rules", "kind"):
             enums.RULE_KINDS, ("rotation_wishes", "kind"): rotations._WISH_KINDS}
    for table in TABLES + SETTING_TABLES:
        for column in table.columns:
            if not column.choices:
                continue
            values = kinds.get((table.name, column.name)) or tables[column.name]
            for en, zh in zip(column.choices, column.choices_zh(), strict=True):
                assert enums.lookup(values, zh) == enums.lookup(values, en), (table.name, zh)


def test_the_example_rows_validate_without_a_problem_or_a_warning(template: Path) -> None:
    from planner.workdays import build_calendar

    problem = load_problem(template)
    assert problem.settings.horizon_start == dt.date(2027, 1, 1)
    assert input_warnings(problem) == []
    calendar = build_calendar(problem.settings, problem.holidays)  # holidays of 2027 estimated
    assert not calendar.is_workday(dt.date(2027, 10, 1))
    assert {p.department for p in problem.staff} == {"NK", "WK", "JZ"}


def test_the_template_plans_every_required_hour(template: Path) -> None:
    """The example rows, planned with a short budget: ≥ 99 % of the required hours (100 % at
    the time of writing), the independent check silent."""
    from planner.check import check_plan
    from planner.solver.config import SolverConfig
    from planner.solver.solve import solve
    from planner.summary import quota_attainment
    from planner.workdays import build_calendar

    problem = load_problem(template)
    calendar = build_calendar(problem.settings, problem.holidays)
    result = solve(problem, calendar, SolverConfig(time_limit=5, seed=1, workers=1))
    assert result.ok and result.plan is not None
    assert quota_attainment(result.plan) >= 99.0
    assert check_plan(problem, calendar, result.plan) == []


def test_template_is_deterministic(tmp_path: Path) -> None:
    write_template(tmp_path / "a.xlsx", today=TODAY)
    write_template(tmp_path / "b.xlsx", today=TODAY)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
