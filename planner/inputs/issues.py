"""Collecting input issues instead of raising at the first one.

The office fixes a spreadsheet in one sitting only if it sees every mistake at once, so each
loader appends here and :func:`planner.inputs.load_problem` raises once at the end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.errors import InputError, InputIssue, Msg


def shown(value: object) -> str | None:
    """The bad value as the office typed it (dates ISO, whole floats without ``.0``)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M") if not value.second else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


@dataclass(frozen=True)
class Loc:
    """Where a record came from: the file (or ``book.xlsx:sheet``) and its 1-based row."""

    file: str
    row: int | None


class Issues:
    def __init__(self) -> None:
        self.items: list[InputIssue] = []

    def add(
        self, file: str, row: int | None, column: str | None, value: object, expected: Msg,
        hint: Msg | None = None,
    ) -> None:
        self.items.append(InputIssue(file, row, column, shown(value), expected, hint))

    def at(self, loc: Loc, column: str | None, value: object, expected: Msg,
           hint: Msg | None = None) -> None:
        self.add(loc.file, loc.row, column, value, expected, hint)

    def __len__(self) -> int:
        return len(self.items)

    def raise_if_any(self, language: str = "zh") -> None:
        if self.items:
            raise InputError(self.items, language)
