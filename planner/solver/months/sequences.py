"""Rotation sequences (轮转): each participant of a programme spends its blocks, in whole
calendar months, in the block's department — or, for an elective block, in ``choose`` of its
departments (k of n) — each stay between the block's minimum and maximum months long, inside
the programme's window. A fixed-order programme takes its blocks in block order; a free-order
one in any order, except that a block listed in another's ``after`` comes first. Blocks done in
earlier years (history rows of kind ``rotation`` naming the programme, or no programme) are not
planned again. A block is planned
whole or not at all; as many as fit are planned (the objective's main tier), preferred
electives first (preference tier), shorter and earlier stays breaking ties."""

from __future__ import annotations

from collections import defaultdict

from planner.domain import Programme, ProgrammeBlock
from planner.solver.months.model import MAIN, PREFERENCE, TIE, MonthsModel, Need, Option


def done_departments(mm: MonthsModel, pid: str, programme: str) -> set[str]:
    """Departments a person already rotated through in this programme (history table): rows
    naming the programme, and rows naming none — "this department was rotated through", which
    counts for every programme that lists it (docs/inputs.md, ``history.csv``)."""
    return {h.category for h in mm.rotation_history.get(pid, ())
            if h.programme in ("", programme)}


def blocks_of(mm: MonthsModel, programme: str) -> list[ProgrammeBlock]:
    return sorted((b for b in mm.problem.blocks if b.programme == programme),
                  key=lambda b: b.block)


def window(mm: MonthsModel, programme: Programme) -> tuple[int, int]:
    s = mm.problem.settings
    return mm.grid.whole_months(programme.start or s.horizon_start,
                                programme.end or s.horizon_end)


def add(mm: MonthsModel) -> None:
    for programme in sorted(mm.problem.programmes, key=lambda p: p.id):
        participants = sorted(p.id for p in mm.problem.audience(programme.participants))
        blocks = blocks_of(mm, programme.id)
        lo, hi = window(mm, programme)
        for pid in participants:
            _participant(mm, programme, blocks, pid, lo, hi)


def _participant(mm: MonthsModel, programme: Programme, blocks: list[ProgrammeBlock], pid: str,
                 lo: int, hi: int) -> None:
    m = mm.model
    done = done_departments(mm, pid, programme.id)
    needs: dict[int, Need] = {}
    for b in blocks:
        left = [d for d in b.departments if d not in done]
        choose = b.choose - (len(b.departments) - len(left))
        if choose <= 0:
            continue  # completed in earlier years
        tag = f"{pid},{programme.id},{b.block}"
        planned = m.new_bool_var(f"planned[{tag}]")
        options = []
        for d in left:
            options.append(_option(mm, programme, b, pid, d, lo, hi))
        if not mm.light:
            if lo > hi:
                m.add(planned == 0)
            m.add(sum(o.present for o in options) == choose * planned)
        need = Need(pid, programme, b, choose, options, planned)
        needs[b.block] = need
        mm.needs.append(need)
        mm.reward(MAIN, planned, 1, f"block planned: {tag}", weight=choose)
    if mm.light:
        return
    for b, firsts in predecessors(programme, blocks, set(needs)).items():
        for a in sorted(firsts):
            # A later block only once the earlier one is planned (fixed order: a prefix of the
            # sequence; prerequisites: never a block without its prerequisite).
            m.add(needs[b].planned <= needs[a].planned)
            for oa in needs[a].options:
                for ob in needs[b].options:
                    m.add(oa.end <= ob.start).only_enforce_if([oa.present, ob.present])


def predecessors(programme: Programme, blocks: list[ProgrammeBlock],
                 needed: set[int]) -> dict[int, set[int]]:
    """Block → the blocks (among those still ``needed``) that must end before it starts: its
    ``after`` list, and in a fixed-order programme the needed block just before it."""
    order = [b.block for b in blocks if b.block in needed]
    before: dict[int, set[int]] = defaultdict(set)
    for b in blocks:
        if b.block in needed:
            before[b.block].update(a for a in b.after if a in needed)
    if programme.ordered:
        for a, b in zip(order, order[1:]):
            before[b].add(a)
    return before


def _option(mm: MonthsModel, programme: Programme, b: ProgrammeBlock, pid: str, dept: str,
            lo: int, hi: int) -> Option:
    m = mm.model
    tag = f"{pid},{programme.id},{b.block},{dept}"
    top = max(lo, hi + 1)
    present = m.new_bool_var(f"present[{tag}]")
    start = m.new_int_var(lo, top, f"start[{tag}]")
    length = m.new_int_var(0, b.max_months, f"length[{tag}]")
    months = {} if mm.light else {k: m.new_bool_var(f"in[{tag},{k}]") for k in range(lo, hi + 1)}
    if not mm.light:
        m.add(length >= b.min_months).only_enforce_if(present)
        m.add(length == 0).only_enforce_if(present.Not())
        m.add(start == lo).only_enforce_if(present.Not())
        m.add(start + length <= max(hi + 1, lo))
        for k, v in months.items():
            # in month k ⇔ start ≤ k < start + length; with Σ months = length the stay is
            # contiguous.
            m.add(start <= k).only_enforce_if(v)
            m.add(start + length >= k + 1).only_enforce_if(v)
        m.add(sum(months.values()) == length)
    rank = b.preference.index(dept) if dept in b.preference else len(b.preference)
    if len(b.departments) > 1 and b.preference:
        mm.penalise(PREFERENCE, present * rank, rank, f"elective preference: {tag}")
    extra = b.max_months - b.min_months
    if extra:
        mm.penalise(TIE, length - b.min_months * present, extra, f"longer than needed: {tag}")
    mm.penalise(TIE, start - lo, max(0, hi + 1 - lo), f"start: {tag}")
    return Option(pid, programme, b, dept, lo, hi, present, start, length, months, rank)
