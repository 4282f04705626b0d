"""``planner template`` writes a workbook the loader understands."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from conftest import issues_of

from planner.inputs.schema import TABLES
from planner.template import write_template


def test_template_sheets_headers_comments_and_dropdowns(tmp_path: Path) -> None:
    path = tmp_path / "out" / "template.xlsx"
    write_template(path)
    wb = openpyxl.load_workbook(path)
    assert {t.name for t in TABLES} | {"plan", "README"} == set(wb.sheetnames)
    staff = wb["staff"]
    assert [c.value for c in staff[1]][:5] == ["id", "name", "department", "role", "title"]
    assert staff["A1"].font.bold and staff.freeze_panes == "A2"
    assert "unique staff id" in staff["A1"].comment.text
    ranges = {str(dv.sqref): dv.formula1 for dv in staff.data_validations.dataValidation}
    assert '"doctor,nurse,technician,pharmacist,admin,other"' in ranges.values()
    assert "D2:D1000" in ranges
    courses = {str(dv.sqref) for dv in wb["courses"].data_validations.dataValidation}
    assert len(courses) >= 5  # category, mode, credit_class, frequency, recording, hospital_run
    readme = [row for row in wb["README"].iter_rows(values_only=True)]
    assert ("staff", "人员", "id", "工号", "yes", "unique staff id") in readme
    plan = {row[0]: row[1] for row in wb["plan"].iter_rows(min_row=2, values_only=True)}
    assert plan["timezone"] == "Asia/Shanghai" and "tue-pm" in plan["slots"]
    assert not list(tmp_path.joinpath("out").glob(".*tmp"))  # no temporary file left behind


def test_empty_template_loads_with_only_no_rows_issues(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)
    issues = issues_of(path)
    assert {(i.file, i.row) for i in issues} == {
        (f"template.xlsx:{t}", 2) for t in ("staff", "departments", "rooms", "courses")
    }
    assert all("the table has no rows" in i.expected for i in issues)


def test_template_is_deterministic(tmp_path: Path) -> None:
    write_template(tmp_path / "a.xlsx")
    write_template(tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
