"""summary.xlsx on the hand-made plan: sheets, typed cells, filters, neutralised formulas."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from tests.report.builders import EXPECTED, FORMULA_NAME, PLUS_TOPIC, XSS_NAME
from tests.report.conftest import Case
from tests.report.pages import sheet_rows

SHEETS_ZH = ["概况", "学时与学分", "讲座日程", "轮转", "进修", "科室在岗", "教室使用", "讲者负荷",
             "未完成事项", "节假日"]
SHEETS_EN = ["Overview", "Quotas", "Sessions", "Rotations", "External study", "Coverage",
             "Rooms", "Speakers", "Unmet", "Holidays"]


@pytest.fixture(scope="module")
def wb(tiny: Case):  # type: ignore[no-untyped-def]
    return openpyxl.load_workbook(tiny.folder / "summary.xlsx")


def test_sheets_frozen_and_filtered(wb, tiny_en: Case) -> None:  # type: ignore[no-untyped-def]
    assert wb.sheetnames == SHEETS_ZH
    assert openpyxl.load_workbook(tiny_en.folder / "summary.xlsx").sheetnames == SHEETS_EN
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref.startswith("A1:"), ws.title
        assert all(ws.column_dimensions[c].width >= 6 for c in "AB"), ws.title


def test_typed_cells(wb) -> None:  # type: ignore[no-untyped-def]
    sessions = wb["讲座日程"]
    first = sessions[2]
    assert first[0].value == "QY#1.1"
    assert first[1].value == dt.datetime(2026, 3, 3) and first[1].number_format == "yyyy-mm-dd"
    assert first[10].value == 3 and first[10].data_type == "n"  # attendees
    assert first[11].value == 1.5  # hours
    rooms = wb["教室使用"]
    assert rooms["C2"].value == dt.datetime(2026, 3, 1) and rooms["C2"].number_format == "yyyy-mm"
    assert rooms["G2"].value == pytest.approx(3 / 13.5) and rooms["G2"].number_format == "0.0%"
    rotations = sheet_rows(wb["轮转"])
    assert [r[0] for r in rotations] == ["S006", "S008"]
    assert rotations[1][6:9] == [dt.datetime(2026, 3, 1), dt.datetime(2026, 3, 31), 1]
    overview = {r[0]: r[1] for r in sheet_rows(wb["概况"])}
    assert overview["讲座场次"] == EXPECTED["sessions"]
    assert overview["学时达标率 (%)"] == EXPECTED["quota_attainment"]
    assert overview["计划开始"] == dt.datetime(2026, 3, 1)
    assert "运行时间" not in overview and "目标值" not in overview and "下界" not in overview


def test_figures_match_the_plan(wb, tiny: Case) -> None:  # type: ignore[no-untyped-def]
    quotas = sheet_rows(wb["学时与学分"])
    assert len(quotas) == len(tiny.plan.quotas)
    assert sum(r[8] for r in quotas) == pytest.approx(sum(q.shortfall for q in tiny.plan.quotas))
    assert sum(r[8] > 0 for r in quotas) == EXPECTED["short_lines"]
    unmet = sheet_rows(wb["未完成事项"])
    assert len(unmet) == EXPECTED["short_lines"] + EXPECTED["missed"]
    assert len(sheet_rows(wb["讲座日程"])) == EXPECTED["sessions"]
    assert sum(r[10] for r in sheet_rows(wb["讲座日程"])) == EXPECTED["live_attendances"]
    assert len(sheet_rows(wb["进修"])) == EXPECTED["placements"]
    speakers = sheet_rows(wb["讲者负荷"])
    assert [(r[0], r[3], r[4]) for r in speakers] == [("S001", 2, 3), ("S004", 2, 3),
                                                      ("S006", 1, 1.5)]


def test_formula_like_text_stays_text(wb) -> None:  # type: ignore[no-untyped-def]
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    hostile = [c for c in cells if c.value in (FORMULA_NAME, PLUS_TOPIC)]
    assert {c.value for c in hostile} == {FORMULA_NAME, PLUS_TOPIC}
    assert all(c.data_type == "s" and c.quotePrefix for c in hostile)
    assert any(c.value == XSS_NAME for c in cells)  # shown as written: Excel runs no HTML
