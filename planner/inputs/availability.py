"""The ``unavailability``, ``holidays`` and ``history`` tables: time already taken (leave,
closures, holidays) and training already done."""

from __future__ import annotations

from planner.domain import HistoryRow, HolidayRow, Unavailability
from planner.errors import msg
from planner.inputs import enums, limits
from planner.inputs.cells import (
    RowReader,
    as_text,
    enum_parser,
    parse_bool,
    parse_date,
    decimal,
)
from planner.inputs.issues import Issues
from planner.inputs.refs import Built, Known, dates_in_order, ref, unique
from planner.inputs.staffing import rows
from planner.inputs.tables import RawTable


def read_unavailability(
    table: RawTable | None, known: Known, issues: Issues
) -> Built[Unavailability]:
    built: Built[Unavailability] = Built()
    kind_of = enum_parser(enums.UNAVAILABLE_KINDS, "kind")
    readers: list[RowReader] = []
    for r in rows(table, issues):
        kind = r.get("kind", kind_of, required=True)
        uid = r.text("id", required=True)
        if kind == "staff":
            ref(r, "id", uid, known.staff, "staff")
        elif kind == "room":
            ref(r, "id", uid, known.rooms, "room")
        start = r.get("from", parse_date, required=True)
        end = r.get("to", parse_date, required=True)
        dates_in_order(r, start, end, "to", "from")
        reason = r.text("reason")
        if r.ok:
            built.items.append((Unavailability(kind, uid, start, end, reason), r.loc))
            readers.append(r)
    _check_overlaps(built, readers)
    return built


def _check_overlaps(built: Built[Unavailability], readers: list[RowReader]) -> None:
    """Two rows for the same person or room that overlap are likely a typo in one of them."""
    by_key: dict[tuple[str, str], list[tuple[Unavailability, RowReader]]] = {}
    for (item, _), r in zip(built.items, readers, strict=True):
        by_key.setdefault((item.kind, item.id), []).append((item, r))
    bad: set[int] = set()
    for entries in by_key.values():
        entries.sort(key=lambda e: (e[0].start, e[1].row.number))
        for (prev, pr), (cur, cr) in zip(entries, entries[1:], strict=False):
            if cur.start <= prev.end:
                later = cr if cr.row.number > pr.row.number else pr
                other = pr if later is cr else cr
                later.issue("from", later.row.cells.get("from"),
                            msg(f"leave.overlap.{cur.kind}", row=other.row.number, id=cur.id,
                                start=prev.start.isoformat(), end=prev.end.isoformat()))
                bad.add(later.row.number)
    built.items = [(item, loc) for item, loc in built.items if loc.row not in bad]


def read_holidays(table: RawTable | None, issues: Issues) -> Built[HolidayRow]:
    built: Built[HolidayRow] = Built()
    seen: dict[object, int] = {}
    kind_of = enum_parser(enums.DAY_KINDS, "day_kind")
    for r in rows(table, issues):
        day = r.get("date", parse_date, required=True)
        unique(r, "date", day, seen)
        kind = r.get("kind", kind_of, required=True)
        if r.ok:
            built.items.append((HolidayRow(day, kind, r.text("name")), r.loc))
        else:
            built.failed += 1
    return built


def read_history(table: RawTable | None, known: Known, issues: Issues) -> Built[HistoryRow]:
    built: Built[HistoryRow] = Built()
    kind_of = enum_parser(enums.HISTORY_KINDS, "kind")
    category_of = enum_parser(enums.CATEGORIES, "category")
    credit_of = enum_parser(enums.CREDIT_CLASSES, "credit_class_1_2")
    for r in rows(table, issues):
        staff_id = r.text("staff_id", required=True)
        ref(r, "staff_id", staff_id, known.staff, "staff")
        kind = r.get("kind", kind_of, required=True)
        category = ""
        if kind == "hours":
            found = r.get("category", category_of, required=True)
            category = found.value if found is not None else ""
        elif kind == "credits":
            found = r.get("category", credit_of, required=True)
            if found is enums.CreditClass.NONE:
                r.issue("category", r.raw("category"), msg("history.credit_class"))
            category = found.value if found is not None else ""
        elif kind == "rotation":
            category = r.text("category", required=True)
            ref(r, "category", category, known.departments, "department")
        amount = r.get("amount", decimal(limits.HISTORY_AMOUNT), required=True)
        programme = r.text("programme")
        ref(r, "programme", programme, known.programmes, "programme")
        hospital_run = r.get("hospital_run", parse_bool, False)
        if r.ok:
            built.items.append(
                (
                    HistoryRow(
                        staff_id, kind, category, amount, programme, hospital_run, r.text("note")
                    ),
                    r.loc,
                )
            )
    return built


__all__ = ["read_unavailability", "read_holidays", "read_history", "as_text"]
