"""Typed parsing of single cells, and a per-row reader that turns failures into issues.

Parsers accept both CSV text and typed Excel values (numbers, date cells) and raise
:class:`CellError` carrying the "expected …" wording; :class:`RowReader` catches it, records an
issue naming the file, row and column, and marks the row as unusable.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from planner.errors import Both, Msg, msg
from planner.inputs import enums, limits
from planner.inputs.issues import Issues, Loc
from planner.inputs.tables import Formula, RawRow, RawTable

T = TypeVar("T")


class CellError(ValueError):
    """A cell's value cannot be used; ``expected`` says what would be (in words of
    :mod:`planner.inputs.words`), ``hint`` how to get there where that is not plain."""

    def __init__(self, expected: Msg, hint: Msg | None = None):
        super().__init__(expected.render("en"))
        self.expected = expected
        self.hint = hint


def as_text(value: object) -> str:
    """Cell as text: Excel numbers that are whole print without ``.0`` (ids typed as numbers)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


_INT = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def parse_int(value: object, minimum: int | None = 0, maximum: int | None = None) -> int:
    if maximum is not None:
        expected = msg("cell.int.range", low=minimum or 0, high=maximum)
    else:
        expected = msg("cell.int") if minimum is None else msg("cell.int.min", low=minimum)
    if isinstance(value, bool):
        raise CellError(expected)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and len(value) <= 40 and _INT.fullmatch(
            value.strip().replace(",", "")):
        number = int(value.strip().replace(",", ""))
    elif (isinstance(value, str) and len(value) <= 40 and _FLOAT.fullmatch(value.strip())
          and math.isfinite(float(value)) and float(value).is_integer()):
        number = int(float(value))
    else:
        raise CellError(expected)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise CellError(expected)
    return number


def whole(minimum: int, maximum: int) -> Callable[[object], int]:
    """A parser of whole numbers in ``minimum``…``maximum`` (see :mod:`planner.inputs.limits`)."""
    return lambda value: parse_int(value, minimum, maximum)


def parse_float(value: object, minimum: float | None = 0.0, positive: bool = False,
                maximum: float | None = None) -> float:
    if maximum is not None:
        expected = (msg("cell.number.positive.max", high=maximum) if positive
                    else msg("cell.number.range", low=minimum or 0, high=maximum))
    elif positive:
        expected = msg("cell.number.positive")
    else:
        expected = msg("cell.number") if minimum is None else msg("cell.number.min", low=minimum)
    if isinstance(value, bool):
        raise CellError(expected)
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an int beyond any float
            raise CellError(expected) from None
    elif isinstance(value, str) and len(value) <= 40 and _FLOAT.fullmatch(value.strip()):
        number = float(value.strip())
    else:
        raise CellError(expected)
    if (
        not math.isfinite(number)
        or (minimum is not None and number < minimum)
        or (positive and number <= 0)
        or (maximum is not None and number > maximum)
    ):
        raise CellError(expected)
    return number


def decimal(maximum: float, minimum: float = 0.0,
            positive: bool = False) -> Callable[[object], float]:
    """A parser of numbers in ``minimum``…``maximum`` (> 0 when ``positive``)."""
    return lambda value: parse_float(value, minimum, positive, maximum)


_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


def parse_date(value: object) -> dt.date:
    low, high = limits.YEARS
    expected = msg("cell.date")
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str) and (m := _DATE.fullmatch(value.strip())):
        try:
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise CellError(msg("cell.date.no_such_day")) from None
    else:
        raise CellError(expected)
    if not low <= day.year <= high:
        raise CellError(msg("cell.date.years", low=low, high=high))
    return day


_TIME = re.compile(r"(\d{1,2})[:：](\d{2})(:00)?")


def parse_time(value: object) -> dt.time:
    expected = msg("cell.time")
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return dt.time(value // 60, value % 60)  # YAML 1.1 reads unquoted 16:30 as 990 minutes
    if isinstance(value, str):
        m = _TIME.fullmatch(value.strip())
        if m and int(m[1]) < 24 and int(m[2]) < 60:
            return dt.time(int(m[1]), int(m[2]))
    raise CellError(expected)


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    found = enums.lookup(enums.BOOLS, as_text(value))
    if found is None:
        raise CellError(msg("cell.bool"))
    return found


_LIST_SEP = re.compile(r"[,，、;；\n]")


def parse_list(value: object) -> tuple[str, ...]:
    """Items separated by commas, semicolons or line breaks, half- or full-width (, ， 、 ; ；),
    blanks dropped, order kept."""
    return tuple(p.strip() for p in _LIST_SEP.split(as_text(value)) if p.strip())


def enum_parser(table: dict[str, T], what: str) -> Callable[[object], T]:
    """A parser of one enumeration of :mod:`planner.inputs.enums`; ``what`` names it (a key
    ``what.<what>`` of :mod:`planner.inputs.words`)."""

    def parse(value: object) -> T:
        found = enums.lookup(table, as_text(value))
        if found is None:
            raise CellError(msg("cell.enum", what=msg(f"what.{what}"),
                                choices=Both(enums.first_spellings(table, chinese=True),
                                             enums.first_spellings(table))))
        return found

    return parse


def parse_text(value: object) -> str:
    return as_text(value)


@dataclass(frozen=True)
class Reported:
    """A cell already reported where names were turned into ids (:mod:`planner.inputs.names`):
    the row is left out without a second message."""

    text: str


@dataclass(frozen=True)
class TooLong:
    """A cell longer than its column allows (:func:`planner.inputs.limits.max_chars`)."""

    text: str
    limit: int


class RowReader:
    """Reads the cells of one row; every failure becomes an issue and clears :attr:`ok`."""

    def __init__(self, table: RawTable, row: RawRow, issues: Issues):
        self.table = table
        self.row = row
        self.issues = issues
        self.ok = True

    @property
    def loc(self) -> Loc:
        return Loc(self.table.source, self.row.number)

    def header(self, column: str) -> str:
        return self.table.headers.get(column, column)

    def raw(self, column: str) -> object:
        """The cell as read; text longer than the column allows comes back as :class:`TooLong`,
        which :meth:`get` reports."""
        value = self.row.cells.get(column)
        if isinstance(value, str):
            limit = limits.max_chars(column)
            if len(value) > limit:
                return TooLong(value, limit)
        return value

    def issue(self, column: str, value: object, expected: Msg, hint: Msg | None = None) -> None:
        self.issues.add(self.table.source, self.row.number, self.header(column), value, expected,
                        hint)
        self.ok = False

    def get(
        self,
        column: str,
        parse: Callable[[object], Any],
        default: Any = None,
        required: bool = False,
    ) -> Any:
        value = self.raw(column)
        if isinstance(value, Reported):  # a name standing for several: said where it was read
            self.ok = False
            return default
        if isinstance(value, TooLong):
            self.issue(column, value.text, msg("cell.too_long", limit=value.limit,
                                               length=len(value.text)))
            return default
        if isinstance(value, Formula):
            self.issue(column, value.text, msg("cell.formula"), msg("cell.formula.fix"))
            return default
        if value is None:
            if required:
                if self.table.has(column):
                    self.issue(column, None, msg("cell.required"))
                elif self._always_required(column):  # reported once, on the header
                    self.ok = False
                else:  # needed by this row only (hours of an in-person course): say so here
                    self.issue(column, None, msg("cell.required.no_column", column=column))
            return default
        try:
            return parse(value)
        except CellError as exc:
            self.issue(column, value, exc.expected, exc.hint)
            return default

    def _always_required(self, column: str) -> bool:
        return any(c.name == column and c.required for c in self.table.spec.columns)

    def text(self, column: str, required: bool = False) -> str:
        return self.get(column, parse_text, "", required)
