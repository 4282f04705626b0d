"""``summary.xlsx``: every table of the summary as a sheet the office can sort and filter.

Frozen header row, auto filter, column widths from the table, numbers as numbers, dates as real
dates. Text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
tab or CR) is stored as plain text with Excel's quote prefix, so ``=HYPERLINK(...)`` in a name
stays a name. Saved with fixed document and zip dates, so the same plan gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner.inputs.export import save_workbook
from planner.report.months import Month
from planner.report.table import DATE, DATETIME, INT, MONTH, PERCENT, Table, Value

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F4F6F8")
MARK_FILLS = {
    "short": PatternFill("solid", fgColor="FFF4E5"),
    "tight": PatternFill("solid", fgColor="FDECEA"),
    "estimated": PatternFill("solid", fgColor="FDECEA"),
}
#: Hours and credits (NUM) keep Excel's General format: "0.##" would show 24 as "24.".
NUMBER_FORMATS = {INT: "0", PERCENT: "0.0%", DATE: "yyyy-mm-dd", DATETIME: "yyyy-mm-dd hh:mm",
                  MONTH: "yyyy-mm"}


def put(ws: Worksheet, row: int, column: int, value: Value, kind: str) -> None:
    """One typed cell; text is written so that it can never run as a formula."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, Month):
        value = value.first
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = text
        if text.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True
        return
    cell.value = value
    if isinstance(value, dt.datetime):
        cell.number_format = NUMBER_FORMATS[DATETIME]
    elif isinstance(value, dt.date):
        cell.number_format = NUMBER_FORMATS[MONTH if kind == MONTH else DATE]
    elif isinstance(value, (int, float)) and kind in NUMBER_FORMATS:
        cell.number_format = NUMBER_FORMATS[kind]


def add_sheet(wb: Workbook, table: Table) -> None:
    ws = wb.create_sheet(table.title)
    for j, c in enumerate(table.columns, start=1):
        put(ws, 1, j, c.label, "text")
        ws.cell(row=1, column=j).font = HEADER_FONT
        ws.cell(row=1, column=j).fill = HEADER_FILL
        ws.cell(row=1, column=j).alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(j)].width = max(c.width, 6)
    for i, row in enumerate(table.rows, start=2):
        fill = MARK_FILLS.get(table.mark(i - 2))
        for j, (value, c) in enumerate(zip(row, table.columns, strict=True), start=1):
            put(ws, i, j, value, c.kind)
            if fill is not None:
                ws.cell(row=i, column=j).fill = fill
    ws.freeze_panes = "A2"
    last = get_column_letter(len(table.columns))
    ws.auto_filter.ref = f"A1:{last}{max(1, len(table.rows) + 1)}"


def write_xlsx(tables: list[Table], path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for table in tables:
        add_sheet(wb, table)
    save_workbook(wb, path)
