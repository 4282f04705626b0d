"""The bundled example as ``planner plan`` wrote it: the three summaries are there, their figures
match the plan files, and rendering the same plan again gives the same bytes."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from planner.report import SUMMARY_FILES, write_summary
from planner.summary import quota_attainment
from tests.report.conftest import Case
from tests.report.pages import read_html, sheet_rows


def test_plan_writes_the_three_summaries(example: Case) -> None:
    for name in SUMMARY_FILES:
        assert (example.folder / name).stat().st_size > 1000, name
    run_log = json.loads((example.folder / "run.log").read_text(encoding="utf-8"))
    assert run_log["violations"] == 0 and "total" in run_log["wall_seconds"]


def test_figures_match_the_plan_files(example: Case) -> None:
    plan = example.plan
    short = [q for q in plan.quotas if q.shortfall > 0]
    tables, figures = read_html(example.folder / "summary.html")
    assert figures["fig-sessions"] == str(len(plan.sessions))
    assert figures["fig-staff"] == str(len(example.problem.staff))
    assert figures["fig-violations"] == "0"
    assert figures["fig-missed"] == str(len(plan.missed))
    assert figures["fig-people-short"] == str(len({q.staff for q in short}))
    assert figures["fig-attainment"] == f"{quota_attainment(plan):.2f}%"
    assert len(tables["quota-table"]) == len(plan.quotas)
    assert sum(mark == "short" for mark, _ in tables["quota-table"]) == len(short)
    assert len(tables.get("unmet-table", [])) == len(short) + len(plan.missed)

    wb = openpyxl.load_workbook(example.folder / "summary.xlsx")
    quotas = sheet_rows(wb["学时与学分"])
    assert len(quotas) == len(plan.quotas)
    assert sum(r[8] for r in quotas) == pytest.approx(sum(q.shortfall for q in plan.quotas))
    sessions = sheet_rows(wb["讲座日程"])
    # the office's sessions by id; exit exams and teach-backs by name, never by their ids
    assert [r[0] for r in sessions] == [None if s.course.startswith(("exit:", "teach-back:"))
                                        else s.id for s in plan.sessions]
    assert not [r for r in sessions for v in r if isinstance(v, str)
                and v.startswith(("exit:", "teach-back:"))]
    assert any(str(r[4]).startswith("出科考核（") for r in sessions)
    assert sum(r[10] for r in sessions) == sum(len(s.attendees) for s in plan.sessions)
    assert len(sheet_rows(wb["未完成事项"])) == len(short) + len(plan.missed)
    months = {r[2] for r in sheet_rows(wb["教室使用"])}
    assert len(months) == 12  # the example plans 2027
    assert sum(r[3] for r in sheet_rows(wb["教室使用"])) == len(plan.sessions)

    md = (example.folder / "summary.md").read_text(encoding="utf-8")
    assert f"- **讲座场次**: {len(plan.sessions)}\n" in md
    for q in short:
        assert f"| {q.staff} |" in md


def test_coverage_never_below_the_minimum(example: Case) -> None:
    """The checker passed, so no month may show a department below its minimum."""
    wb = openpyxl.load_workbook(example.folder / "summary.xlsx")
    slack = [r[5] for r in sheet_rows(wb["科室在岗"]) if r[5] is not None]
    assert slack and min(slack) >= 0


def test_same_plan_same_bytes(example: Case, tmp_path: Path) -> None:
    """Rendered again in this process, the summaries equal the ones ``planner plan`` wrote."""
    write_summary(example.problem, example.calendar, example.plan, tmp_path, violations=0)
    for name in SUMMARY_FILES:
        assert (tmp_path / name).read_bytes() == (example.folder / name).read_bytes(), name
