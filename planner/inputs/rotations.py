"""The ``programmes``, ``programme_blocks`` and ``external_seats`` tables: rotations (轮转) and
external study (进修)."""

from __future__ import annotations

from planner.domain import ExternalSeat, Programme, ProgrammeBlock
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
        if r.ok and participants is not None:
            built.items.append(
                (
                    Programme(pid, name, ordered, participants, start, end, exit_exam, exam_hours),
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


def read_blocks(table: RawTable | None, known: Known, issues: Issues) -> Built[ProgrammeBlock]:
    built: Built[ProgrammeBlock] = Built()
    seen: dict[object, int] = {}
    readers: list[RowReader] = []
    for r in rows(table, issues):
        programme = r.text("programme", required=True)
        ref(r, "programme", programme, known.programmes, "programme")
        block = r.get("block", whole(*limits.BLOCK), required=True)
        unique(r, "block", (programme, block) if programme and block else None, seen)
        departments = r.get("departments", parse_list, (), required=True)
        for dep in departments:
            ref(r, "departments", dep, known.departments, "department")
        if len(set(departments)) != len(departments):
            r.issue("departments", ",".join(departments), msg("blocks.department_once"))
        choose = r.get("choose", whole(*limits.BLOCK), 1)
        if departments and choose > len(departments):
            r.issue("choose", choose, msg("blocks.choose", count=len(departments)))
        low = r.get("min_months", whole(*limits.MONTHS), 1)
        high = r.get("max_months", whole(*limits.MONTHS), None)
        if high is None:
            high = max(low, 1)
        elif high < low:
            r.issue("max_months", high, msg("blocks.max_months", low=low))
        after = r.get("after", _block_numbers, ())
        preference = r.get("preference", parse_list, ())
        stray = [p for p in preference if p not in departments]
        if stray:
            r.issue("preference", ",".join(preference), msg("blocks.preference"))
        if r.ok:
            built.items.append(
                (
                    ProgrammeBlock(
                        programme, block, departments, choose, low, high, after, preference
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
