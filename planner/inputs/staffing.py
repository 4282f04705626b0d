"""The ``staff``, ``departments`` and ``rooms`` tables: who works where, and where training happens.

Departments state their minimum on duty as a head count or as a share of their staff; the share
can only become a head count once the staff table is read, hence :func:`resolve_min_on_duty`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, replace
from fractions import Fraction

from planner.domain import Department, Grade, Room, Staff
from planner.errors import msg
from planner.inputs import enums, limits
from planner.inputs.cells import (
    CellError,
    RowReader,
    as_text,
    enum_parser,
    parse_bool,
    parse_date,
    parse_int,
    parse_list,
    whole,
)
from planner.inputs.issues import Issues, Loc
from planner.inputs.refs import Built, Known, ref, unique
from planner.inputs.tables import RawTable


def rows(table: RawTable | None, issues: Issues) -> list[RowReader]:
    return [] if table is None else [RowReader(table, row, issues) for row in table.rows]


def _title(value: object) -> tuple[str, Grade]:
    text = as_text(value)
    grade = enums.lookup(enums.TITLES, text)
    if grade is None:
        raise CellError(msg("staff.title"))
    return text, grade


def read_staff(table: RawTable | None, known: Known, issues: Issues) -> Built[Staff]:
    built: Built[Staff] = Built()
    if table is not None and table.rows and not (table.has("birth_date") or table.has("age")):
        issues.add(table.source, 1, "birth_date", None, msg("staff.birth_or_age.column"))
    seen: dict[object, int] = {}
    role = enum_parser(enums.ROLES, "role")
    has_birth, has_age = (
        table is not None and table.has("birth_date"),
        table is not None and table.has("age"),
    )
    for r in rows(table, issues):
        sid = r.text("id", required=True)
        unique(r, "id", sid, seen)
        if sid:
            built.ids.add(sid)  # type: ignore[union-attr]
        name = r.text("name", required=True)
        department = r.text("department", required=True)
        ref(r, "department", department, known.departments, "department")
        person_role = r.get("role", role, required=True)
        title = r.get("title", _title, required=True)
        birth = r.get("birth_date", parse_date)
        age = r.get("age", lambda v: _age(v))
        if birth is None and age is None and r.ok and (has_birth or has_age):
            r.issue("birth_date" if has_birth else "age", None, msg("staff.birth_or_age"))
        elif birth is not None and age is not None:
            r.issue("age", age, msg("staff.not_both"))
        email = r.text("email")
        if email and "@" not in email:
            r.issue("email", email, msg("staff.email"))
        employed = r.get("employed_since", parse_date)
        _check_life_dates(r, birth, age, employed, known)
        if r.ok:
            staff = Staff(
                sid,
                name,
                department,
                person_role,
                title[0],
                title[1],
                birth,
                age,
                email,
                r.text("specialty"),
                employed,
            )
            built.items.append((staff, r.loc))
        else:
            built.failed += 1
    if table is None or table.broken:
        built.ids = None
    return built


def _age(value: object) -> int:
    low, high = limits.AGE
    try:
        return parse_int(value, low, high)
    except CellError:
        raise CellError(msg("staff.age", low=low, high=high)) from None


def _years_between(first: dt.date, day: dt.date) -> int:
    return day.year - first.year - ((day.month, day.day) < (first.month, first.day))


def _check_life_dates(r: RowReader, birth: dt.date | None, age: int | None,
                      employed: dt.date | None, known: Known) -> None:
    """A birth date gives an age in :data:`limits.AGE` on the first day of the horizon; work
    starts at least :data:`limits.WORK_START_AGE` years after birth and before the horizon ends."""
    if known.horizon is None:
        return
    start, end = known.horizon
    low, high = limits.AGE
    if birth is not None and not low <= _years_between(birth, start) <= high:
        r.issue("birth_date", birth, msg("staff.birth_age", low=low, high=high,
                                         start=start.isoformat()))
        return
    if employed is None:
        return
    if employed > end:
        r.issue("employed_since", employed, msg("staff.employed.late", end=end.isoformat()))
        return
    youngest = limits.WORK_START_AGE
    if birth is not None and _years_between(birth, employed) < youngest:
        r.issue("employed_since", employed, msg("staff.employed.birth", years=youngest,
                                                 birth=birth.isoformat()))
    elif age is not None and _years_between(employed, start) > age - youngest:
        r.issue("employed_since", employed, msg("staff.employed.age", years=youngest, age=age,
                                                 start=start.isoformat()))


# --------------------------------------------------------------------------------- departments

_PERCENT = re.compile(r"\s*(\d+(?:\.\d+)?)\s*[%％]\s*")


def parse_min_on_duty(value: object) -> int | Fraction:
    """A head count (whole number) or a share of the department's staff (below 1, or with %)."""
    expected = msg("dept.min_on_duty")
    if isinstance(value, bool):
        raise CellError(expected)
    if isinstance(value, (int, float)):
        text = repr(value)
    else:
        text = as_text(value)
    m = _PERCENT.fullmatch(text) if len(text) <= 40 else None
    try:
        if m:
            share = Fraction(m[1]) / 100
        else:
            if len(text) > 40:
                raise CellError(expected)
            number = Fraction(text.strip())
            if number.denominator == 1:
                if not limits.HEADCOUNT[0] <= number <= limits.HEADCOUNT[1]:
                    raise CellError(expected)
                return int(number)
            share = number
    except (ValueError, ZeroDivisionError):
        raise CellError(expected) from None
    if not 0 <= share <= 1:
        raise CellError(expected)
    return share


@dataclass(frozen=True)
class DepartmentDraft:
    department: Department  # min_on_duty still 0 when a share was given
    share: Fraction | None
    reader: RowReader


def read_departments(
    table: RawTable | None, issues: Issues
) -> tuple[list[DepartmentDraft], set[str] | None]:
    drafts: list[DepartmentDraft] = []
    ids: set[str] = set()
    seen: dict[object, int] = {}
    for r in rows(table, issues):
        did = r.text("id", required=True)
        unique(r, "id", did, seen)
        if did:
            ids.add(did)
        name = r.text("name", required=True)
        minimum = r.get("min_on_duty", parse_min_on_duty, 0)
        capacity = r.get("rotator_capacity", whole(*limits.ROTATOR_CAPACITY), 0)
        count_on_duty = r.get("rotators_count_on_duty", parse_bool, True)
        if r.ok:
            share = minimum if isinstance(minimum, Fraction) else None
            count = 0 if share is not None else minimum
            drafts.append(
                DepartmentDraft(Department(did, name, count, capacity, count_on_duty), share, r)
            )
    return drafts, (None if table is None or table.broken else ids)


def resolve_min_on_duty(
    drafts: list[DepartmentDraft], staff: tuple[Staff, ...] | None
) -> Built[Department]:
    """Shares become head counts (rounded up); a count above the staff is reported (``staff`` is
    ``None`` when the staff table has issues, since head counts are then unreliable)."""
    built: Built[Department] = Built()
    headcount: dict[str, int] = {}
    for person in staff or ():
        headcount[person.department] = headcount.get(person.department, 0) + 1
    for draft in drafts:
        dep = draft.department
        built.ids.add(dep.id)  # type: ignore[union-attr]
        n = headcount.get(dep.id, 0)
        if draft.share is not None:
            dep = replace(dep, min_on_duty=math.ceil(draft.share * n))
        elif staff is not None and dep.min_on_duty > n:
            draft.reader.issue("min_on_duty", dep.min_on_duty,
                               msg("dept.min_on_duty.staff", count=n))
            continue
        built.items.append((dep, draft.reader.loc))
    return built


# --------------------------------------------------------------------------------- rooms


def read_rooms(table: RawTable | None, issues: Issues) -> Built[Room]:
    built: Built[Room] = Built()
    seen: dict[object, int] = {}
    for r in rows(table, issues):
        rid = r.text("id", required=True)
        unique(r, "id", rid, seen)
        if rid:
            built.ids.add(rid)  # type: ignore[union-attr]
        name = r.text("name", required=True)
        capacity = r.get("capacity", whole(*limits.ROOM_CAPACITY), required=True)
        features = r.get("features", parse_list, ())
        room = Room(rid, name, capacity, frozenset(features))
        built.drafts.append(room)
        if r.ok:
            built.items.append((room, r.loc))
        else:
            built.failed += 1
    if table is None or table.broken:
        built.ids = None
    return built


__all__ = ["Loc", "read_staff", "read_departments", "resolve_min_on_duty", "read_rooms", "rows"]
