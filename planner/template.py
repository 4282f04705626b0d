"""``planner template``: an empty input workbook an office can fill in.

One sheet per table with its header (bold, frozen), each column's meaning as a comment on its
header and on the ``README`` sheet, dropdowns for enumerations and yes/no columns, and a ``plan``
sheet pre-filled with sensible settings. The column list comes from
:mod:`planner.inputs.schema`, so the template can never drift from what the loader accepts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from planner.domain import default_credit_settings
from planner.inputs.export import save_workbook, write_plan_sheet
from planner.inputs.schema import PLAN_SHEET, TABLES, Column, Table

LAST_ROW = 1000
BOLD = Font(bold=True)


def default_plan(today: dt.date | None = None) -> dict[str, Any]:
    """Settings for next calendar year with two weekly lecture slots and the usual quotas."""
    year = (today or dt.date.today()).year + 1
    return {
        "hospital": "",
        "timezone": "Asia/Shanghai",
        "language": "zh",
        "horizon": {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)},
        "public_base_url": "",
        "slots": [
            {"id": "tue-pm", "weekday": "tue", "start": "16:30", "end": "18:00"},
            {"id": "thu-pm", "weekday": "thu", "start": "16:30", "end": "18:00"},
        ],
        "quotas": [
            {"who": "everyone", "category": "ethics", "min_hours": 24, "online_share_max": 0.5},
            {
                "who": "role=doctor,nurse,technician,pharmacist",
                "category": "infection",
                "min_hours": 60,
                "online_share_max": 0.5,
            },
        ],
        **default_credit_settings("title>=junior"),
        "rules": [
            {
                "kind": "min-per-month",
                "category": "lecture",
                "minimum": 1,
                "description": "每月至少一次全院业务学习",
            }
        ],
        "solver": {"time_limit": 60, "seed": 1, "workers": 2},
    }


def _comment(column: Column, table: Table) -> Comment:
    required = " (required)" if column.required else ""
    text = f"{column.name} / {column.zh}{required}\n{column.description}"
    comment = Comment(text, "planner")
    comment.width, comment.height = 300, 90
    return comment


def _dropdown(ws: Any, column: Column, index: int) -> None:
    letter = get_column_letter(index)
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(column.choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        error="Other spellings (e.g. Chinese) are accepted too; see the README sheet.",
    )
    validation.add(f"{letter}2:{letter}{LAST_ROW}")
    ws.add_data_validation(validation)


def _table_sheet(wb: Workbook, table: Table) -> None:
    ws = wb.create_sheet(table.name)
    for index, column in enumerate(table.columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.name)
        cell.font = BOLD
        cell.comment = _comment(column, table)
        ws.column_dimensions[get_column_letter(index)].width = max(12, len(column.name) + 4)
        if column.choices:
            _dropdown(ws, column, index)
    ws.freeze_panes = "A2"


def _readme_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet("README")
    ws.append(["table", "表", "column", "列", "required", "description"])
    for cell in ws[1]:
        cell.font = BOLD
    for table in TABLES:
        ws.append(
            [table.name, table.zh, "", "", "yes" if table.required else "no", table.description]
        )
        ws.cell(row=ws.max_row, column=1).font = BOLD
        for column in table.columns:
            ws.append(
                [
                    table.name,
                    table.zh,
                    column.name,
                    column.zh,
                    "yes" if column.required else "",
                    column.description,
                ]
            )
    ws.append(
        [
            PLAN_SHEET,
            "设置",
            "key | value",
            "",
            "yes",
            "plan settings: dotted keys (horizon.start), YAML lists in one cell "
            "(slots, quotas, rules)",
        ]
    )
    for letter, width in zip("ABCDEF", (18, 10, 24, 14, 9, 90), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"


def _plan_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet(PLAN_SHEET)
    write_plan_sheet(ws, default_plan())
    for cell in ws[1]:
        cell.font = BOLD
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 100
    ws.freeze_panes = "A2"


def write_template(path: Path) -> None:
    """Write the empty workbook atomically (a temporary file renamed into place)."""
    wb = Workbook()
    wb.remove(wb.active)
    _readme_sheet(wb)
    _plan_sheet(wb)
    for table in TABLES:
        _table_sheet(wb, table)
    save_workbook(wb, Path(path))
