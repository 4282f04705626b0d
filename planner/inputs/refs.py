"""What is known so far while loading (ids of earlier tables, the horizon, the slots), and the
row-level helpers that check references against it.

A set is ``None`` when its table could not be read at all: references into it are then not
checked, so one broken file does not bury the office under hundreds of follow-on messages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from planner.domain import Slot, Staff, Who
from planner.errors import Msg, msg
from planner.inputs.cells import CellError, RowReader, as_text, parse_date, parse_list
from planner.inputs.issues import Loc
from planner.inputs.names import Directory, Ids, ambiguous, resolve_who, suggestion
from planner.inputs.who import EVERYONE, NOBODY, WhoSyntaxError, parse_who, unknown_references

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
    names: Directory | None = None  # what the names of departments, rooms and people stand for


@dataclass
class Built(Generic[T]):
    """Records of one table with their rows, and every id seen — also on rows that had errors —
    so that a reference to a row with a typo elsewhere is not reported a second time."""

    items: list[tuple[T, Loc]] = field(default_factory=list)
    ids: set[str] | None = field(default_factory=Ids)
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
        raise CellError(msg("who.bad", problem=exc.message), msg("who.bad.fix")) from None


def ref(r: RowReader, column: str, value: str, known: Collection[str] | None, what: str) -> bool:
    """Report ``value`` in ``column`` unless it is a known id (or the table is unreadable),
    saying which known ids (and names) come closest. ``what``: department, staff, room, course,
    programme or slot."""
    if not value or known is None or value in known:
        return True
    r.issue(column, value, msg(f"ref.unknown.{what}"), suggestion([value], known))
    return False


_FILTER_CHARS = re.compile(r"[=<>＝＜＞≤≥≠：]")


def is_list(text: str) -> bool:
    """A who cell that is a plain list of people or departments (王建国，张伟 / 内科、外科), not a
    filter (no operator) nor a word such as everyone."""
    word = text.strip().casefold()
    return bool(word) and not _FILTER_CHARS.search(text) and word not in EVERYONE | NOBODY


def resolve_list(text: str, known: Known) -> tuple[Who | None, list[tuple[Msg, Msg | None]]]:
    """A plain list as a who filter: people (by name or staff id), or else departments (by name
    or id); otherwise what is wrong with it (a name of several people, names nobody has)."""
    items = parse_list(text)
    if known.staff is None or known.names is None:
        return Who(text=text, ids=frozenset(items)), []
    for kind, attribute in (("staff", "ids"), ("department", "departments")):
        found = [known.names.resolve(kind, item) for item in items]
        if all(isinstance(f, str) for f in found):
            return Who(text=text, **{attribute: frozenset(found)}), []  # type: ignore[arg-type]
    missing = []
    for item in items:
        one = known.names.resolve("staff", item)
        if isinstance(one, tuple):
            return None, [ambiguous("staff", item, one, known.names)]
        if one is None:
            missing.append(item)
    return None, [(msg("who.list.unknown", missing=", ".join(missing)),
                   suggestion(missing, known.staff))]


def listed(r: RowReader, column: str, text: str, known: Known) -> Who | None:
    """A plain list of people or departments in a who column (:func:`resolve_list`)."""
    found, problems = resolve_list(text, known)
    for expected, hint in problems[:1]:
        r.issue(column, text, expected, hint)
    return found


def who(
    r: RowReader, column: str, known: Known, default: str | None = None, required: bool = False
) -> Who | None:
    """A who-filter cell, with the names in it turned into ids and its department and staff
    references checked; a plain list of people or departments is read as one (:func:`listed`)."""
    raw = r.raw(column)
    if isinstance(raw, str) and is_list(raw):
        return listed(r, column, raw.strip(), known)
    found: Who | None = r.get(column, parse_who_cell, None, required=required)
    if found is None:
        return parse_who(default) if default is not None and r.raw(column) is None else None
    found, ambiguous = resolve_who(found, known.names)
    for expected, hint in ambiguous:
        r.issue(column, found.text, expected, hint)
        return None
    for problem, hint in unknown_references(found, known.departments, known.staff):
        r.issue(column, found.text, msg("who.naming", problem=problem), hint)
        return None
    return found


def unique(r: RowReader, column: str, value: object, seen: dict[object, int]) -> None:
    if value in (None, ""):
        return
    if value in seen:
        r.issue(
            column,
            value if not isinstance(value, tuple) else "/".join(map(str, value)),
            msg("unique", row=seen[value]),
        )
    else:
        seen[value] = r.row.number


def in_horizon(r: RowReader, column: str, day: dt.date | None, known: Known) -> None:
    if day is None or known.horizon is None:
        return
    start, end = known.horizon
    if not start <= day <= end:
        r.issue(column, day, msg("date.in_horizon", start=start.isoformat(), end=end.isoformat()))


def dates_in_order(
    r: RowReader, first: dt.date | None, last: dt.date | None, last_column: str, first_column: str
) -> bool:
    if first is not None and last is not None and first > last:
        r.issue(last_column, last, msg("date.order", column=r.header(first_column),
                                       first=first.isoformat()))
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
            raise CellError(msg("cell.dates")) from None
    return tuple(out)
