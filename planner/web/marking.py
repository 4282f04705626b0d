"""The uploaded workbook handed back with its problems marked: each cell an issue names filled
red, the issue's message in the cell's comment. A problem with a whole row marks the row's
first cell; one with a whole sheet, cell A1. The office fixes the cells and uploads it again.

Issues name their sheet as the loader saw it (``book.xlsx:人员``) and their column by its
canonical name or its header as typed; both are found through the schema's aliases.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from planner.inputs.schema import PLAN_SHEET, PLAN_SHEET_ZH, SETTING_TABLES, TABLES

RED = PatternFill(start_color="FFFF9999", end_color="FFFF9999", fill_type="solid")


def _norm(text: object) -> str:
    return str(text or "").strip().lstrip("\ufeff").strip().casefold().replace(" ", "_") \
        .replace("-", "_")


def _aliases(title: str) -> dict[str, str]:
    """Header as typed (normalised) → canonical column, for the sheet called ``title``."""
    wanted = _norm(title)
    for spec in (*TABLES, *SETTING_TABLES):
        if wanted in (_norm(spec.name), _norm(spec.zh)):
            return {_norm(a): c.name for c in spec.columns for a in c.aliases()}
    return {}


def marked(data: bytes, issues: list[dict[str, Any]]) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    for issue in issues:
        _, _, title = str(issue.get("file", "")).partition(":")
        ws = next((w for w in wb.worksheets if w.title == title), None)
        if ws is None:
            ws = next((w for w in wb.worksheets
                       if _norm(w.title) in (_norm(PLAN_SHEET), _norm(PLAN_SHEET_ZH))),
                      wb.worksheets[0]) if not title else None
        if ws is None:
            continue
        row = issue.get("row") if isinstance(issue.get("row"), int) else 1
        column = 1
        wanted = issue.get("column")
        if wanted:
            aliases = _aliases(ws.title)
            for cell in ws[1]:
                header = _norm(cell.value)
                if header and (header == _norm(wanted) or aliases.get(header) == wanted):
                    column = cell.column
                    break
        cell = ws.cell(row=row, column=column)
        cell.fill = RED
        text = str(issue.get("expected", ""))
        if issue.get("fix"):
            text += "\n" + str(issue["fix"])
        previous = cell.comment.text + "\n" if cell.comment is not None else ""
        cell.comment = Comment(previous + text, "planner")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
