"""What is known so far while loading (ids of earlier tables, the horizon, the slots), and the
row-level helpers that check references against it.

A set is ``None`` when its table could not be read at all: references into it are then not
checked, so one broken file does not bury the office under hundreds of follow-on messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from planner.domain import Slot, Staff, Who
from planner.inputs.cells import CellError, RowReader, as_text, parse_date
from planner.inputs.issues import Loc
from planner.inputs.who import WhoSyntaxError, parse_who, unknown_references

T = TypeVar("T")


@dataclass
class Known:
    departments: set[str] | None = None
    staff: set[str] | None = None
    staff_rows: tuple[Staff, ...] | None = None
    rooms: set[str] | None = None
    courses: set[str] | None = None
    course_parts: dict[str, int] | None = None
    course_runs: dict[str, tuple[int, str]] | None = None  # most runs of a session, and why
    programmes: set[str] | None = None
    slots: dict[str, Slot] | None = None
    horizon: tuple[dt.date, dt.date] | None = None


@dataclass
class Built(Generic[T]):
    """Records of one table with their rows, and every id seen — also on rows that had errors —
    so that a reference to a row with a typo elsewhere is not reported a second time."""

    items: list[tuple[T, Loc]] = field(default_factory=list)
    ids: set[str] | None = field(default_factory=set)
    failed: int = 0  # rows left out because of issues: checks that need every row then hold back
    drafts: list[T] = field(default_factory=list)  # every row's record, issues or not (rooms only)
    readers: list[RowReader] = field(default_factory=list)  # the row of each item (pins, topics)

    @property
    def complete(self) -> bool:
        return self.failed == 0 and self.ids is not None

    def values(self) -> tuple[T, ...]:
        return tuple(item for item, _ in self.items)


def parse_who_cell(value: object) -> Who:
    try:
        return parse_who(as_text(value))
    except WhoSyntaxError as exc:
        raise CellError(f"a who filter — {exc}") from None


def ref(r: RowReader, column: str, value: str, known: Collection[str] | None, what: str) -> bool:
    """Report ``value`` in ``column`` unless it is a known id (or the table is unreadable)."""
    if not value or known is None or value in known:
        return True
    r.issue(column, value, f"a known {what} id")
    return False


def who(
    r: RowReader, column: str, known: Known, default: str | None = None, required: bool = False
) -> Who | None:
    """A who-filter cell, with its department and staff-id references checked."""
    found: Who | None = r.get(column, parse_who_cell, None, required=required)
    if found is None:
        return parse_who(default) if default is not None and r.raw(column) is None else None
    for problem in unknown_references(found, known.departments, known.staff):
        r.issue(column, found.text, f"a who filter naming {problem}")
        return None
    return found


def unique(r: RowReader, column: str, value: object, seen: dict[object, int]) -> None:
    if value in (None, ""):
        return
    if value in seen:
        r.issue(
            column,
            value if not isinstance(value, tuple) else "/".join(map(str, value)),
            f"a unique value (already used in row {seen[value]})",
        )
    else:
        seen[value] = r.row.number


def in_horizon(r: RowReader, column: str, day: dt.date | None, known: Known) -> None:
    if day is None or known.horizon is None:
        return
    start, end = known.horizon
    if not start <= day <= end:
        r.issue(column, day, f"a date within the horizon {start.isoformat()} … {end.isoformat()}")


def dates_in_order(
    r: RowReader, first: dt.date | None, last: dt.date | None, last_column: str, first_column: str
) -> bool:
    if first is not None and last is not None and first > last:
        r.issue(last_column, last, f"a date on or after {first_column} ({first.isoformat()})")
        return False
    return True


def parse_dates(value: object) -> tuple[dt.date, ...]:
    from planner.inputs.cells import parse_list

    if isinstance(value, (dt.date, dt.datetime)):
        return (parse_date(value),)
    out = []
    for item in parse_list(value):
        try:
            out.append(parse_date(item))
        except CellError:
            raise CellError("dates YYYY-MM-DD separated by commas") from None
    return tuple(out)
