"""Errors that reach the user as messages, never as tracebacks.

Input problems are collected (all of them, not only the first) as :class:`InputIssue` rows that
name the file or sheet, the row and column, the bad value and what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class InputIssue:
    file: str  # file name (``staff.csv``) or ``workbook.xlsx:staff``
    row: int | None  # 1-based spreadsheet row (the header is row 1); None for whole-file issues
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        shown = "" if self.value is None else f": got {self.value!r}"
        return f"{where}{shown} — expected {self.expected}"


class PlannerError(Exception):
    """Any error the user can fix; the CLI prints it and exits non-zero without a traceback."""

    exit_code = 1


class InputError(PlannerError):
    """The inputs are invalid; ``issues`` lists every problem found."""

    exit_code = 2

    def __init__(self, issues: list[InputIssue]):
        self.issues = sorted(set(issues), key=lambda i: (i.file, i.row or 0, i.column or "", i.expected))
        super().__init__("\n".join(str(i) for i in self.issues))


class CalendarError(PlannerError):
    """Working days cannot be known for part of the horizon."""

    exit_code = 2
