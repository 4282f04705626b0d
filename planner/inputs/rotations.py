"""The ``programmes``, ``programme_blocks``, ``disciplines``, ``rotation_capacity``,
``rotation_wishes`` and ``external_seats`` tables: rotations (轮转) and external study (进修)."""

from __future__ import annotations

import datetime as dt
import re

from planner.domain import (
    Discipline,
    ExternalSeat,
    Programme,
    ProgrammeBlock,
    RotationPlaces,
    Wish,
    WishKind,
)
from planner.errors import Items, msg
from planner.inputs import enums, limits
from planner.inputs.cells import (
    CellError,
    RowReader,
    enum_parser,
    parse_bool,
    decimal,
    parse_date,
    parse_int,
    parse_list,
    whole,
)
from planner.inputs.issues import Issues
from planner.inputs.refs import Built, Known, dates_in_order, ref, unique, who
from planner.inputs.staffing import rows
from planner.inputs.tables import RawTable


def read_programmes(table: RawTable | None, known: Known, issues: Issues) -> Built[Programme]:
    built: Built[Programme] = Built()
    seen: dict[object, int] = {}
    order = enum_parser(enums.ORDERS, "order")
    for r in rows(table, issues):
        pid = r.text("id", required=True)
        unique(r, "id", pid, seen)
        if pid:
            built.ids.add(pid)  # type: ignore[union-attr]
        name = r.text("name", required=True)
        ordered = r.get("order", order, True)
        participants = who(r, "participants", known, required=True)
        start = r.get("start", parse_date)
        end = r.get("end", parse_date)
        dates_in_order(r, start, end, "end", "start")
        exit_exam = r.get("exit_exam", parse_bool, True)
        exam_hours = r.get("exam_hours", decimal(limits.HOURS, positive=True), None)
        if exam_hours is None:
            exam_hours = 2.0  # the default (or a value already reported)
        elif exit_exam and known.slots:
            longest = max(s.hours for s in known.slots.values())
            if exam_hours > longest + 1e-9:
                r.issue("exam_hours", exam_hours, msg("programme.exam_hours", longest=longest))
        required = r.get("required", parse_bool, False)
        if r.ok and participants is not None:
            built.items.append(
                (
                    Programme(pid, name, ordered, participants, start, end, exit_exam, exam_hours,
                              required),
                    r.loc,
                )
            )
    if table is not None and table.broken:
        built.ids = None  # an absent table knows no programme: blocks naming one are reported
    return built


def _block_numbers(value: object) -> tuple[int, ...]:
    try:
        return tuple(parse_int(item, *limits.BLOCK) for item in parse_list(value))
    except CellError:
        raise CellError(msg("blocks.numbers")) from None


def read_disciplines(table: RawTable | None, known: Known,
                     issues: Issues) -> Built[Discipline]:
    """``disciplines.csv``: each department at most once, naming a known department."""
    built: Built[Discipline] = Built()
    seen: dict[object, int] = {}
    for r in rows(table, issues):
        dept = r.text("department", required=True)
        ref(r, "department", dept, known.departments, "department")
        unique(r, "department", dept, seen)
        name = r.text("discipline", required=True)
        if name and known.departments is not None and name in known.departments:
            r.issue("discipline", name, msg("disciplines.not_department"))
        host = r.text("host")
        if r.ok:
            built.items.append((Discipline(dept, name, host), r.loc))
    return built


class _Names:
    """What a block's ``departments``, ``preference`` and ``prerequisites`` may name: a
    department id, or a discipline of ``disciplines.csv`` standing for every department that
    teaches it."""

    def __init__(self, known: Known, disciplines: Built[Discipline] | None) -> None:
        self.departments = known.departments
        self.teaching: dict[str, list[str]] = {}
        self.of: dict[str, str] = {}
        for d in disciplines.values() if disciplines is not None else ():
            self.teaching.setdefault(d.discipline, []).append(d.department)
            self.of[d.department] = d.discipline

    def expand(self, name: str) -> list[str] | None:
        if name in self.teaching and (self.departments is None or name not in self.departments):
            return list(self.teaching[name])
        if self.departments is None or name in self.departments:
            return [name]
        return None

    def discipline(self, dept: str) -> str:
        return self.of.get(dept, dept)


def _expanded(r: RowReader, column: str, names: _Names) -> tuple[str, ...]:
    """A list of departments and disciplines as departments; an unknown one is reported."""
    out: list[str] = []
    for item in r.get(column, parse_list, (), required=column == "departments"):
        found = names.expand(item)
        if found is None:
            if not names.teaching:
                ref(r, column, item, names.departments, "department")
            else:
                r.issue(column, item, msg("blocks.name"))
            continue
        out.extend(found)
    return tuple(out)


_ARROW = re.compile(r"\s*(?:->|→|－>|—>)\s*")


def _prerequisites(r: RowReader, names: _Names, departments: tuple[str, ...]
                   ) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """``A->B`` items: B (a department or discipline of the block) only after A."""
    out = []
    listed = set(departments)
    for item in r.get("prerequisites", parse_list, ()):
        sides = _ARROW.split(item)
        if len(sides) != 2 or not all(sides):
            r.issue("prerequisites", item, msg("blocks.prerequisites.syntax"))
            continue
        pair = []
        for side in sides:
            found = names.expand(side)
            if found is None or not set(found) & listed:
                r.issue("prerequisites", item, msg("blocks.prerequisites.name", side=side))
                break
            pair.append(tuple(d for d in found if d in listed))
        else:
            first, then = pair
            if set(first) & set(then) or {names.discipline(d) for d in first} & {
                    names.discipline(d) for d in then}:
                r.issue("prerequisites", item, msg("blocks.prerequisites.same"))
                continue
            out.append((first, then))
    return tuple(out)


def _prerequisite_cycle(pairs: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...],
                        names: _Names) -> list[str] | None:
    """A chain of disciplines that wait on each other in a circle, if any."""
    after: dict[str, set[str]] = {}
    for first, then in pairs:
        for b in {names.discipline(d) for d in then}:
            after.setdefault(b, set()).update(names.discipline(d) for d in first)
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(after.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt, path)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(after):
        if node not in state:
            found = visit(node, [])
            if found:
                return found
    return None


def read_blocks(table: RawTable | None, known: Known, issues: Issues,
                disciplines: Built[Discipline] | None = None,
                programmes: Built[Programme] | None = None) -> Built[ProgrammeBlock]:
    built: Built[ProgrammeBlock] = Built()
    seen: dict[object, int] = {}
    readers: list[RowReader] = []
    names = _Names(known, disciplines)
    default_required = {g.id: g.required for g in programmes.values()} if programmes else {}
    for r in rows(table, issues):
        programme = r.text("programme", required=True)
        ref(r, "programme", programme, known.programmes, "programme")
        block = r.get("block", whole(*limits.BLOCK), required=True)
        unique(r, "block", (programme, block) if programme and block else None, seen)
        departments = _expanded(r, "departments", names)
        if len(set(departments)) != len(departments):
            r.issue("departments", ",".join(departments), msg("blocks.department_once"))
        kinds = {names.discipline(d) for d in departments}
        choose = r.get("choose", whole(*limits.BLOCK), 1)
        if departments and choose > len(kinds):
            r.issue("choose", choose, msg("blocks.choose", count=len(kinds))
                    if len(kinds) == len(departments) else
                    msg("blocks.choose.disciplines", count=len(kinds)))
        low = r.get("min_months", whole(*limits.MONTHS), 1)
        high = r.get("max_months", whole(*limits.MONTHS), None)
        if high is None:
            high = max(low, 1)
        elif high < low:
            r.issue("max_months", high, msg("blocks.max_months", low=low))
        after = r.get("after", _block_numbers, ())
        preference = _expanded(r, "preference", names)
        stray = [p for p in preference if p not in departments]
        if stray:
            r.issue("preference", ",".join(preference), msg("blocks.preference"))
        required = r.get("required", parse_bool, None)
        if required is None:
            required = default_required.get(programme, False)
        prerequisites = _prerequisites(r, names, departments)
        loop = _prerequisite_cycle(prerequisites, names) if r.ok else None
        if loop:
            r.issue("prerequisites", r.raw("prerequisites"),
                    msg("blocks.prerequisites.cycle", chain=" -> ".join(reversed(loop))))
        if r.ok:
            built.items.append(
                (
                    ProgrammeBlock(
                        programme, block, departments, choose, low, high, after, preference,
                        required, prerequisites,
                    ),
                    r.loc,
                )
            )
            readers.append(r)
    _check_after(built, readers)
    return built


def _check_after(built: Built[ProgrammeBlock], readers: list[RowReader]) -> None:
    """Prerequisites must be other blocks of the same programme, and never wait on each other
    in a circle (block 1 after 3, 2 after 1, 3 after 2: none of them could ever start)."""
    blocks: dict[str, set[int]] = {}
    for block, _ in built.items:
        blocks.setdefault(block.programme, set()).add(block.block)
    kept, kept_readers = [], []
    for (block, loc), r in zip(built.items, readers, strict=True):
        bad = [a for a in block.after if a == block.block or a not in blocks[block.programme]]
        if bad:
            r.issue("after", ",".join(map(str, block.after)),
                    msg("blocks.after", programme=block.programme))
        else:
            kept.append((block, loc))
            kept_readers.append(r)
    cyclic = _in_cycles(kept, kept_readers)
    built.items = [item for item, r in zip(kept, kept_readers, strict=True) if r not in cyclic]


def _in_cycles(items: list, readers: list[RowReader]) -> set[RowReader]:
    """Report every block whose prerequisites lead back to it; return their readers."""
    by_key = {(b.programme, b.block): (b, r) for (b, _), r in zip(items, readers, strict=True)}
    state: dict[tuple[str, int], int] = {}  # 1 on the current path, 2 done
    reported: set[RowReader] = set()

    def visit(key: tuple[str, int], path: list[tuple[str, int]]) -> None:
        state[key] = 1
        path.append(key)
        block, _ = by_key[key]
        for before in block.after:
            nxt = (block.programme, before)
            if nxt not in by_key:
                continue
            if state.get(nxt) == 1:
                loop = path[path.index(nxt):]
                _report_cycle([by_key[k] for k in loop], reported)
            elif nxt not in state:
                visit(nxt, path)
        path.pop()
        state[key] = 2

    for key in sorted(by_key):
        if key not in state:
            visit(key, [])
    return reported


def _report_cycle(loop: list[tuple[ProgrammeBlock, RowReader]],
                  reported: set[RowReader]) -> None:
    """``loop``: blocks each of which comes after the next one (the last after the first)."""
    steps = [msg("blocks.step", block=b.block, row=r.row.number) for b, r in loop]
    steps.append(msg("blocks.step.last", block=loop[0][0].block))
    chain = msg("blocks.chain", first=steps[0], rest=Items(tuple(steps[1:]), "blocks.chain.sep"))
    for block, r in loop:
        if r in reported:
            continue
        reported.add(r)
        r.issue("after", ",".join(map(str, block.after)),
                msg("blocks.cycle", programme=block.programme, chain=chain))


def check_programmes_have_blocks(programmes: Built[Programme],
                                 blocks: RawTable | None, label: str, issues: Issues) -> None:
    """A programme without any row in programme_blocks would silently plan nothing."""
    if blocks is not None and blocks.broken:
        return
    named = {str(row.cells.get("programme") or "").strip() for row in (blocks.rows if blocks
                                                                     else [])}
    for programme, loc in programmes.items:
        if programme.id not in named:
            where = blocks.source if blocks is not None else label
            issues.add(loc.file, loc.row, "id", programme.id,
                       msg("programme.no_blocks", where=where, programme=programme.id))


def _month_first(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _month_last(day: dt.date) -> dt.date:
    nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def read_rotation_capacity(table: RawTable | None, known: Known,
                           issues: Issues) -> Built[RotationPlaces]:
    """``rotation_capacity.csv``: whole months, no two rows of a department sharing one."""
    built: Built[RotationPlaces] = Built()
    taken: dict[str, list[tuple[dt.date, dt.date, int]]] = {}
    places = whole(*limits.ROTATION_PLACES)
    for r in rows(table, issues):
        dept = r.text("department", required=True)
        ref(r, "department", dept, known.departments, "department")
        start = r.get("from", parse_date, required=True)
        end = r.get("to", parse_date, required=True)
        dates_in_order(r, start, end, "to", "from")
        capacity = r.get("capacity", places, None)
        minimum = r.get("minimum", places, None)
        if capacity is None and minimum is None and r.ok:
            r.issue("capacity", None, msg("places.neither"))
        if capacity is not None and minimum is not None and minimum > capacity:
            r.issue("minimum", minimum, msg("places.minimum", capacity=capacity))
        if not (r.ok and start is not None and end is not None):
            continue
        first, last = _month_first(start), _month_last(end)
        clash = next((row for lo, hi, row in taken.get(dept, ()) if lo <= last and first <= hi),
                     None)
        if clash is not None:
            r.issue("from", start, msg("places.overlap", dept=dept, row=clash,
                                       first=f"{first:%Y-%m}", last=f"{last:%Y-%m}"))
            continue
        taken.setdefault(dept, []).append((first, last, r.row.number))
        built.items.append((RotationPlaces(dept, first, last, capacity, minimum or 0), r.loc))
    return built


_WISH_KINDS = enums._table({  # noqa: SLF001 — the same spelling rules as every enumeration
    WishKind.DISCIPLINE: ("discipline", "专业", "学科"),
    WishKind.HOST: ("host", "基地", "院区", "医院"),
    WishKind.DEPARTMENT: ("department", "科室"),
    WishKind.HOST_CHANGE: ("host-change", "换基地", "更换基地"),
    WishKind.IDLE_MONTH: ("idle-month", "空档月", "空档"),
    WishKind.FAIRNESS: ("fairness", "公平"),
})


def read_wishes(table: RawTable | None, known: Known, issues: Issues,
                disciplines: Built[Discipline] | None = None) -> Built[Wish]:
    """``rotation_wishes.csv``: a value where the kind names one, weights of the right sign."""
    built: Built[Wish] = Built()
    named = {d.discipline for d in disciplines.values()} if disciplines is not None else set()
    hosts = {d.host for d in disciplines.values() if d.host} if disciplines is not None else set()
    weight_of = whole(*limits.WISH_WEIGHT)
    for r in rows(table, issues):
        wanted = who(r, "who", known, required=True)
        kind = r.get("kind", enum_parser(_WISH_KINDS, "wish_kind"), None, required=True)
        value = r.text("value")
        weight = r.get("weight", weight_of, 0, required=True)
        if kind in (WishKind.DISCIPLINE, WishKind.HOST, WishKind.DEPARTMENT) and not value:
            r.issue("value", None, msg(f"wishes.value.{kind.name.lower()}"))
        elif kind is WishKind.DEPARTMENT:
            ref(r, "value", value, known.departments, "department")
        elif kind is WishKind.DISCIPLINE and disciplines is not None and value not in named:
            r.issue("value", value, msg("wishes.discipline"))
        elif kind is WishKind.HOST and disciplines is not None and value not in hosts:
            r.issue("value", value, msg("wishes.host"))
        elif kind in (WishKind.HOST_CHANGE, WishKind.IDLE_MONTH, WishKind.FAIRNESS) and value:
            r.issue("value", value, msg("wishes.value.none"))
        if kind in (WishKind.HOST_CHANGE, WishKind.IDLE_MONTH) and weight > 0:
            r.issue("weight", weight, msg("wishes.cost.change" if kind is WishKind.HOST_CHANGE
                                          else "wishes.cost.idle"))
        if kind is WishKind.FAIRNESS and weight < 0:
            r.issue("weight", weight, msg("wishes.fairness"))
        if r.ok and wanted is not None and kind is not None:
            built.items.append((Wish(wanted, kind, value, weight), r.loc))
    return built


def read_seats(table: RawTable | None, known: Known, issues: Issues) -> Built[ExternalSeat]:
    built: Built[ExternalSeat] = Built()
    seen: dict[object, int] = {}
    for r in rows(table, issues):
        sid = r.text("id", required=True)
        unique(r, "id", sid, seen)
        partner = r.text("partner", required=True)
        earliest = r.get("start_earliest", parse_date, required=True)
        latest = r.get("start_latest", parse_date, required=True)
        dates_in_order(r, earliest, latest, "start_latest", "start_earliest")
        months = r.get("months", whole(*limits.SEAT_MONTHS), required=True)
        seats = r.get("seats", whole(*limits.SEATS), required=True)
        candidates = who(r, "candidates", known, required=True)
        if candidates is not None and known.staff_rows is not None and known.horizon is not None:
            if not any(candidates.matches(s, known.horizon[0]) for s in known.staff_rows):
                r.issue("candidates", candidates.text, msg("seat.candidates_none"))
        priority = r.get("department_priority", parse_list, ())
        for dep in priority:
            ref(r, "department_priority", dep, known.departments, "department")
        seat = dict(
            teach_back_weeks=r.get("teach_back_weeks", whole(*limits.TEACH_BACK_WEEKS), 4),
            department_priority=priority,
            min_years=r.get("min_years", whole(*limits.MIN_YEARS), 0),
            max_away_per_specialty=r.get("max_away_per_specialty", whole(*limits.SEATS)),
        )
        if r.ok and candidates is not None:
            built.items.append(
                (
                    ExternalSeat(
                        sid,
                        partner,
                        r.text("specialty"),
                        earliest,
                        latest,
                        months,
                        seats,
                        candidates,
                        **seat,
                    ),
                    r.loc,
                )
            )
    return built
