"""The ``staff``, ``departments`` and ``rooms`` tables: who works where, and where training happens.

Departments state their minimum on duty as a head count or as a share of their staff; the share
can only become a head count once the staff table is read, hence :func:`resolve_min_on_duty`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from fractions import Fraction

from planner.domain import Department, Grade, Room, Staff
from planner.inputs import enums
from planner.inputs.cells import (
    CellError,
    RowReader,
    as_text,
    enum_parser,
    parse_bool,
    parse_date,
    parse_int,
    parse_list,
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
        raise CellError(
            "a professional title such as 主治医师 or 主管护师, or a grade (初级/中级/副高/正高/无)"
        )
    return text, grade


def read_staff(table: RawTable | None, known: Known, issues: Issues) -> Built[Staff]:
    built: Built[Staff] = Built()
    if table is not None and table.rows and not (table.has("birth_date") or table.has("age")):
        issues.add(
            table.source,
            1,
            "birth_date",
            None,
            "a column named 'birth_date' (出生日期) or 'age' (年龄)",
        )
    seen: dict[object, int] = {}
    role = enum_parser(enums.ROLES, "a role")
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
            r.issue(
                "birth_date" if has_birth else "age",
                None,
                "a birth date or an age (one of the two)",
            )
        elif birth is not None and age is not None:
            r.issue("age", age, "either birth_date or age, not both")
        email = r.text("email")
        if email and "@" not in email:
            r.issue("email", email, "an e-mail address (name@host)")
        employed = r.get("employed_since", parse_date)
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
    age = parse_int(value)
    if age > 120:
        raise CellError("an age in years (0–120)")
    return age


# --------------------------------------------------------------------------------- departments

_PERCENT = re.compile(r"\s*(\d+(?:\.\d+)?)\s*[%％]\s*")


def parse_min_on_duty(value: object) -> int | Fraction:
    """A head count (whole number) or a share of the department's staff (below 1, or with %)."""
    expected = "a head count (8) or a share of the department's staff (0.7 or 70%)"
    if isinstance(value, bool):
        raise CellError(expected)
    if isinstance(value, (int, float)):
        text = repr(value)
    else:
        text = as_text(value)
    m = _PERCENT.fullmatch(text)
    try:
        if m:
            share = Fraction(m[1]) / 100
        else:
            number = Fraction(text.strip())
            if number.denominator == 1:
                if number < 0:
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
        capacity = r.get("rotator_capacity", parse_int, 0)
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
            draft.reader.issue(
                "min_on_duty",
                dep.min_on_duty,
                f"at most the department's staff count ({n} in staff)",
            )
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
        capacity = r.get("capacity", lambda v: parse_int(v, 1), required=True)
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
