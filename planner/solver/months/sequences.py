"""Rotation sequences (轮转): each participant of a programme spends its blocks, in whole
calendar months, in the block's department — or, for an elective block, in ``choose`` of its
departments (k of n) — each stay between the block's minimum and maximum months long, inside
the programme's window. A fixed-order programme takes its blocks in block order; a free-order
one in any order, except that a block listed in another's ``after`` comes first. Blocks done in
earlier years (history rows of kind ``rotation`` naming the programme, or no programme) are not
planned again. A block is planned
whole or not at all; as many as fit are planned (the objective's main tier), preferred
electives first (preference tier), shorter and earlier stays breaking ties.

Disciplines (``disciplines.csv``): in one programme a participant does each discipline once,
whichever department hosts it — two departments of one discipline are never both planned for
them, in one elective block (whose ``choose`` so counts disciplines) or in two blocks; a
discipline done in an earlier year counts as done in every department that teaches it.
Prerequisites inside a block (``A->B``): B is planned only with A, and A ends before B starts.
A *required* block is always planned (no plan otherwise)."""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model
from ortools.util.python.sorted_interval_list import Domain

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


def kind(mm: MonthsModel, dept: str) -> str:
    """A department's discipline: the declared one, else the department itself."""
    return mm.wish.discipline_of(dept) or dept


def still_to_do(mm: MonthsModel, programme: Programme, blocks: list[ProgrammeBlock],
                pid: str) -> list[tuple[ProgrammeBlock, int, list[str]]]:
    """The blocks ``pid`` still needs in ``programme``: (block, disciplines still to choose,
    departments left) — what history shows done is not planned again, by discipline."""
    done = done_departments(mm, pid, programme.id)
    done_kinds = {kind(mm, d) for d in done}
    out = []
    for b in blocks:
        left = [d for d in b.departments if kind(mm, d) not in done_kinds]
        choose = b.choose - len({kind(mm, d) for d in b.departments} & done_kinds)
        if choose > 0:  # else completed in earlier years
            out.append((b, choose, left))
    return out


def _participant(mm: MonthsModel, programme: Programme, blocks: list[ProgrammeBlock], pid: str,
                 lo: int, hi: int) -> None:
    m = mm.model
    ideal = mm.ideal
    needs: dict[int, Need] = {}
    for b, choose, left in still_to_do(mm, programme, blocks, pid):
        tag = f"{pid},{programme.id},{b.block}"
        planned = m.new_bool_var(f"planned[{tag}]")
        keep = ideal.keep.get((pid, programme.id, b.block)) if ideal is not None else None
        top = min(hi, ideal.last.get(pid, hi)) if ideal is not None else hi
        starts = ideal.starts.get(pid) if ideal is not None else None
        ranked = _order(mm, pid, b, left)
        options = [_option(mm, programme, b, pid, d, lo, top, ranked[d], starts)
                   for d in left if keep is None or d in keep]
        if not mm.light:
            if lo > hi:
                m.add(planned == 0)
            m.add(sum(o.present for o in options) == choose * planned)
        need = Need(pid, programme, b, choose, options, planned, b.required)
        if (b.required or ideal is not None) and not mm.light:
            m.add(planned == 1).only_enforce_if(
                mm.enforce(("block", pid, programme.id, b.block)) if b.required else [])
        needs[b.block] = need
        mm.needs.append(need)
        mm.reward(MAIN, planned, 1, f"block planned: {tag}", weight=choose)
        if mm.light:
            continue
        _prerequisites(mm, need)
        if ideal is not None and (pid, programme.id, b.block) in ideal.choices:
            _choices(mm, need, ideal.choices[pid, programme.id, b.block])
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
    same: dict[str, list] = defaultdict(list)
    for need in needs.values():
        for o in need.options:
            if o.discipline:
                same[o.discipline].append(o.present)
    for presents in same.values():
        if len(presents) > 1:
            m.add_at_most_one(presents)  # each discipline once in the programme


def _prerequisites(mm: MonthsModel, need: Need) -> None:
    """``A->B`` inside the block: B only with A, A ending before B starts."""
    m = mm.model
    for first, then in need.block.prerequisites:
        fs = [o for o in need.options if o.dept in first]
        ts = [o for o in need.options if o.dept in then]
        if not ts:
            continue
        m.add(sum(o.present for o in ts) <= sum(o.present for o in fs))
        if all(o.begins for o in fs + ts):
            # Stays by start month (:mod:`.ideal`): B begun by month t needs A begun by
            # t − A's length — the same rule, in a form the search reads at a glance
            for t in sorted({t for o in ts for t in o.begins}):
                m.add(sum(v for o in ts for u, v in o.begins.items() if u <= t)
                      <= sum(v for o in fs for u, v in o.begins.items()
                             if u + o.block.min_months <= t))
            continue
        for oa in fs:
            for ob in ts:
                m.add(oa.end <= ob.start).only_enforce_if([oa.present, ob.present])


def _choices(mm: MonthsModel, need: Need, choices: list[frozenset[str]]) -> None:
    """The ideal plan (:mod:`.ideal`): the block takes one of its best choices (one department
    of each discipline of the choice)."""
    m = mm.model
    pick = [m.new_bool_var(f"choice[{need.pid},{need.programme.id},{need.block.block},{i}]")
            for i in range(len(choices))]
    m.add_exactly_one(pick)
    by_kind: dict[str, list[Option]] = defaultdict(list)
    for o in need.options:
        by_kind[kind(mm, o.dept)].append(o)
    for k, opts in sorted(by_kind.items()):
        m.add(sum(o.present for o in opts) == sum(
            p for p, c in zip(pick, choices) if any(kind(mm, d) == k for d in c)))

    def fill(values: list[int | None]) -> None:
        chosen = {kind(mm, o.dept) for o in need.options if values[o.present.index]}
        for p, c in zip(pick, choices):
            values[p.index] = 0
        for p, c in zip(pick, choices):
            if {kind(mm, d) for d in c} == chosen:
                values[p.index] = 1
                break
    mm.fill.append(fill)


def _order(mm: MonthsModel, pid: str, b: ProgrammeBlock, depts: list[str]) -> dict[str, int]:
    """The order the constructive plan tries a block's departments in: most wished-for first,
    then the block's preference. Departments equal on both share their rank, so that among
    them the constructive plan goes by start and by scarcity, and only then by the listing
    (ranked by listing alone, the preference tier at 3,000 staff fell from −91 to −138)."""
    def rank(d: str) -> int:
        return b.preference.index(d) if d in b.preference else len(b.preference)

    keys = sorted({(-mm.wish.block(pid, d), rank(d)) for d in depts})
    dense = {k: i for i, k in enumerate(keys)}
    return {d: dense[-mm.wish.block(pid, d), rank(d)] for d in depts}


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
            lo: int, hi: int, order: int, starts: frozenset[int] | None = None) -> Option:
    """``starts`` (the ideal plan, blocks of one fixed length): the only months a stay may
    start in."""
    m = mm.model
    tag = f"{pid},{programme.id},{b.block},{dept}"
    top = max(lo, hi + 1)
    present = m.new_bool_var(f"present[{tag}]")
    fixed = starts is not None and b.min_months == b.max_months
    if fixed:
        assert starts is not None
        first = sorted(k for k in starts if lo <= k and k + b.min_months - 1 <= hi)
        start = m.new_int_var_from_domain(Domain.from_values(sorted({lo, *first})),
                                          f"start[{tag}]")
        inside = {k for s in first for k in range(s, s + b.min_months)}
    else:
        start = m.new_int_var(lo, top, f"start[{tag}]")
        inside = set(range(lo, hi + 1))
    length = m.new_int_var(0, b.max_months, f"length[{tag}]")
    begins: dict[int, cp_model.IntVar] = {}
    if fixed and not mm.light:
        # One variable per possible start ("the stay starts in month t"): the months are sums
        # of them — far fewer variables and no reified bounds (the ideal plan, :mod:`.ideal`)
        begins = {t: m.new_bool_var(f"begins[{tag},{t}]") for t in first}
        m.add(present == sum(begins.values()))
        m.add(start == lo + sum((t - lo) * v for t, v in begins.items()))
        m.add(length == b.min_months * present)
        months = {k: sum(v for t, v in begins.items() if t <= k < t + b.min_months)
                  for k in sorted(inside)}
    elif mm.light:  # only what the constructive plan reads (a model too large to search)
        months = {}
    else:
        months = {k: m.new_bool_var(f"in[{tag},{k}]") for k in sorted(inside)}
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
    w = mm.wish
    value = w.block(pid, dept) - (rank if len(b.departments) > 1 and b.preference else 0)
    return Option(pid, programme, b, dept, lo, hi, present, start, length, months, order,
                  w.discipline_of(dept) or "", w.host_of(dept), value, begins)
