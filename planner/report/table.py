"""A format-neutral table: what the HTML page, the workbook and the Markdown file all lay out.

Cells hold typed values (``int``, ``float``, ``datetime.date``, ``datetime.datetime``,
:class:`~planner.report.months.Month`, ``str`` or ``None``); each renderer formats them its own
way — real numbers and dates in Excel, localised text on the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.report.months import Month

TEXT = "text"
INT = "int"
NUM = "num"  # hours, credits: up to two decimals
PERCENT = "percent"  # a fraction (0.5 = 50 %)
DATE = "date"
DATETIME = "datetime"
MONTH = "month"
AUTO = "auto"  # typed by the value itself (the overview's value column)

Value = int | float | str | dt.date | dt.datetime | Month | None


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = TEXT
    width: int = 12  # characters; the workbook's column width


@dataclass(frozen=True)
class Table:
    """``key`` names the table in code and tests (and anchors it on the page); ``title`` is the
    localised sheet name. ``marks`` gives each row a CSS class ("" for none), e.g. ``short``."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    marks: tuple[str, ...] = ()

    def mark(self, i: int) -> str:
        return self.marks[i] if i < len(self.marks) else ""

    def column(self, label: str) -> list[Value]:
        """One column's values, by its label (tests read tables this way)."""
        j = [c.label for c in self.columns].index(label)
        return [row[j] for row in self.rows]


def num(x: float) -> str:
    """A figure as the office writes it: ``1.5``, ``24``, ``0`` (two decimals at most)."""
    text = f"{round(x, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
