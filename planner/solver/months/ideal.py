"""The ideal plan: every rotator as well off as they could be alone — tried first when the
rotators have wishes.

Alone, a rotator's best is easy to bound: every block planned, each elective block taking the
departments whose wishes (less the elective ranks) add up to the most, no change of host, and
no more idle months than packing their blocks from the first month around their leave needs.
That *ceiling* is an upper bound whatever the others do, so a plan that gives every rotator their
ceiling at once has the best preference tier there is — proven by the ceilings, not by a search.

Such a plan, when there is one, lies in a much smaller model: only the departments of a block's
best choices, only months up to the end of the tightest packing, only the starts that packing
allows, and each rotator's points at least their ceiling (:func:`plan` works these out;
:mod:`.sequences` and :mod:`.wishes` read them). :func:`attempt` plans that model — the
constructive plan as its hint, the tie-break tier as its objective — and answers only when it
finds a plan: then no plan is better in the tiers above the tie-break, and OPTIMAL means the
tie-break was proven too. When the ideal model has no plan (two rotators who want the same
department in the same months, a host that does not teach every best discipline, …) the whole
model is planned as before, with the ceilings as cuts on each rotator's points.

Only for inputs with wishes, without external-study seats and outside re-planning (their tiers
— seats filled, published months kept — have no ceiling here).
"""

from __future__ import annotations

import itertools
import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.domain import Problem, ProgrammeBlock
from planner.solver.config import SolverConfig
from planner.solver.months.grid import MonthGrid
from planner.solver.months.model import MonthsModel
from planner.solver.months.sequences import blocks_of, kind, still_to_do, window

#: Combinations of one elective block enumerated at most (C(16, 8) = 12,870).
COMBINATIONS = 20_000
#: Best choices of one block stated as alternatives at most (else only their points are).
CHOICES = 200
#: Share of the plan's deterministic budget the ideal model may use, and its ceiling; of it,
#: at most :data:`TIE_S` for the tie-break tier once a plan is found (all it can improve).
SHARE = 0.5
MAX_DETERMINISTIC_S = 30.0
#: Of it, at most this for the local search that looks for the ideal plan (L80: 4 s) — an
#: ideal that does not exist would otherwise take the whole budget to give up on.
SEARCH_S = 8.0
TIE_S = 1.0


@dataclass
class Ideal:
    """What a plan giving everyone their ceiling must look like (module docstring)."""

    keep: dict[tuple[str, str, int], frozenset[str]] = field(default_factory=dict)
    #: the best choices of a block, each a set of departments of which it takes one per
    #: discipline (when few enough to list: :data:`CHOICES`)
    choices: dict[tuple[str, str, int], list[frozenset[str]]] = field(default_factory=dict)
    last: dict[str, int] = field(default_factory=dict)  # pid → month the last block ends in
    starts: dict[str, frozenset[int]] = field(default_factory=dict)  # pid → possible starts
    idle: dict[str, int] = field(default_factory=dict)  # pid → idle months when packed by last
    earliest: dict[str, list[int]] = field(default_factory=dict)  # pid → earliest packing starts
    ceiling: dict[str, int] = field(default_factory=dict)  # pid → preference points at most
    satisfied: dict[str, int] = field(default_factory=dict)  # pid → satisfaction at most
    bound: int = 0  # wishes' total at most: Σ satisfaction + Σ fairness weight × least


@dataclass
class _Need:
    programme: str
    block: ProgrammeBlock
    choose: int
    left: list[str]
    lo: int
    hi: int


def plan(mm: MonthsModel) -> Ideal | None:
    """The ideal's restrictions and ceilings, or ``None`` when some rotator cannot even alone
    have every block (then no plan plans them all, and the whole model says what fits)."""
    needs: dict[str, list[_Need]] = defaultdict(list)
    for programme in sorted(mm.problem.programmes, key=lambda p: p.id):
        blocks = blocks_of(mm, programme.id)
        lo, hi = window(mm, programme)
        for person in sorted(p.id for p in mm.problem.audience(programme.participants)):
            for b, choose, left in still_to_do(mm, programme, blocks, person):
                if lo > hi:
                    return None
                needs[person].append(_Need(programme.id, b, choose, left, lo, hi))
    out = Ideal()
    for pid in sorted(needs):
        pref = sat = 0
        for n in needs[pid]:
            best = _best(mm, pid, n)
            if best is None:
                return None
            most, happiest, keep, choices = best
            pref, sat = pref + most, sat + happiest
            out.keep[pid, n.programme, n.block.block] = keep
            if len(choices) <= CHOICES:
                out.choices[pid, n.programme, n.block.block] = choices
        idle = mm.wish.idle.get(pid, 0)
        if idle < 0:
            least = _least_idle(mm, pid, needs[pid], out)
            if least is None:
                return None
            pref, sat = pref + idle * least, sat + idle * least
        out.ceiling[pid], out.satisfied[pid] = pref, sat
    out.bound = sum(out.satisfied.values()) + sum(
        weight * min(out.satisfied[p] for p in group if p in out.satisfied)
        for weight, group in mm.wish.fairness if any(p in out.satisfied for p in group))
    return out


def _best(mm: MonthsModel, pid: str, n: _Need
          ) -> tuple[int, int, frozenset[str], list[frozenset[str]]] | None:
    """(most preference points, most satisfaction, departments of the choices with the most
    preference points) of one block, over its choices alone: ``choose`` departments of
    different disciplines, each one's prerequisite inside the block chosen too. Choices are
    enumerated discipline by discipline (each taking its best department) when the
    prerequisites name whole disciplines, else department by department."""
    b = n.block
    ranked = len(b.departments) > 1 and bool(b.preference)

    def points(d: str) -> int:
        rank = (b.preference.index(d) if d in b.preference else len(b.preference))
        return mm.wish.block(pid, d) - (rank if ranked else 0)

    groups: dict[str, list[str]] = defaultdict(list)
    for d in n.left:
        groups[kind(mm, d)].append(d)
    whole = all(set(side) & set(n.left) == {d for k in {kind(mm, x) for x in side}
                                            for d in groups.get(k, ())}
                for pair in b.prerequisites for side in pair)
    if whole:  # one item per discipline: its best points, its departments reaching them
        items = {k: (max(points(d) for d in ds), max(mm.wish.block(pid, d) for d in ds),
                     [d for d in ds if points(d) == max(points(x) for x in ds)])
                 for k, ds in groups.items()}
        pairs = [({kind(mm, d) for d in first}, {kind(mm, d) for d in then})
                 for first, then in b.prerequisites]
    else:
        items = {d: (points(d), mm.wish.block(pid, d), [d]) for d in n.left}
        pairs = [(set(first), set(then)) for first, then in b.prerequisites]
    if len(items) < n.choose or math.comb(len(items), n.choose) > COMBINATIONS:
        return None
    most = happiest = None
    keep: set[str] = set()
    choices: list[frozenset[str]] = []
    for combo in itertools.combinations(sorted(items), n.choose):
        if not whole and len({kind(mm, d) for d in combo}) < n.choose:
            continue
        chosen = set(combo)
        if any(chosen & then and not chosen & first for first, then in pairs):
            continue
        p = sum(items[x][0] for x in combo)
        happiest = max(happiest if happiest is not None else p - p - 10**12,
                       sum(items[x][1] for x in combo))
        depts = {d for x in combo for d in items[x][2]}
        if most is None or p > most:
            most, keep, choices = p, depts, [frozenset(depts)]
        elif p == most:
            keep |= depts
            choices.append(frozenset(depts))
    if most is None or happiest is None:
        return None
    return most, happiest, frozenset(keep), choices


def _least_idle(mm: MonthsModel, pid: str, needs: list[_Need], out: Ideal) -> int | None:
    """The fewest idle months a rotator can have with every block planned, alone. With blocks
    of one fixed length, the earliest packing around the leave months (exact; its last month
    and the starts it allows are recorded in ``out``); else the leave months up to the month
    that holds the last of the blocks' minimum months (a lower bound)."""
    start, end = min(n.lo for n in needs), max(n.hi for n in needs)
    days = mm.days
    free = [not (days is not None and days.leave_month(pid, k)) for k in range(start, end + 1)]
    lengths = {(n.block.min_months, n.block.max_months) for n in needs}
    count = sum(n.choose for n in needs)
    if len(lengths) == 1 and next(iter(lengths))[0] == next(iter(lengths))[1]:
        length = next(iter(lengths))[0]
        fits = [all(free[i:i + length]) and i + length <= len(free) for i in range(len(free))]
        i = placed = 0
        firsts = []
        while placed < count and i < len(free):
            if fits[i]:
                firsts.append(start + i)
                placed, i = placed + 1, i + length
            else:
                i += 1
        if placed < count:
            return None
        out.last[pid] = start + i - 1
        out.starts[pid] = frozenset(start + t for t in _starts(fits[:i], length, count))
        out.idle[pid] = i - count * length
        out.earliest[pid] = firsts
        return i - count * length
    months = sum(n.choose * n.block.min_months for n in needs)
    seen = 0
    for i, ok in enumerate(free):
        seen += ok
        if seen >= months:
            return sum(1 for x in free[:i + 1] if not x)
    return None


def _starts(fits: list[bool], length: int, count: int) -> list[int]:
    """The months (from 0) a block may start in when ``count`` blocks of ``length`` months fill
    ``len(fits)`` months exactly as tightly as possible (``fits[t]``: a block may start at t)."""
    size = len(fits)
    ahead: list[set[int]] = [set() for _ in range(size + 1)]  # blocks that fit before t
    ahead[0] = {0}
    for t in range(size):
        ahead[t + 1] |= ahead[t]
        if fits[t] and t + length <= size:
            ahead[t + length] |= {n + 1 for n in ahead[t]}
    behind: list[set[int]] = [set() for _ in range(size + 2)]  # blocks that fit from t on
    behind[size] = {0}
    for t in range(size - 1, -1, -1):
        behind[t] |= behind[t + 1]
        if fits[t] and t + length <= size:
            behind[t] |= {n + 1 for n in behind[t + length]}
    return [t for t in range(size) if fits[t] and t + length <= size
            and any(count - 1 - n in behind[t + length] for n in ahead[t])]


def applies(problem: Problem, past: object, avoid: object) -> bool:
    """Whether the ideal is tried: wishes, no seats, no re-plan, nothing to avoid."""
    return bool(problem.wishes) and not problem.seats and past is None and not avoid


def attempt(problem: Problem, config: SolverConfig, calendar: object, stats: dict
            ) -> tuple[tuple[MonthsModel, object, str] | None, Ideal | None]:
    """Plan the ideal model: ((model, values, status), ceilings) when it has a plan, else
    (``None``, the ceilings when they are known; ``stats`` says why). Two searches: a plan — the constructive one if it is ideal, else
    CP-SAT's local search alone (one worker, so the same inputs give the same plan), which
    finds these plans in a fraction of the time its complete search takes —, then the
    tie-break tier from it (OPTIMAL when that search proves it)."""
    from planner.solver.months import RULES, greedy, wishes

    t0 = time.perf_counter()
    s = problem.settings
    mm = MonthsModel(problem, MonthGrid(s.horizon_start, s.horizon_end), calendar)  # type: ignore[arg-type]
    mm.ideal = plan(mm)
    if mm.ideal is None:
        stats["months_ideal"] = 0
        return None, None
    for rule in RULES:
        rule.add(mm)
    wishes.add(mm)
    proto = mm.model.proto
    stats.update(months_ideal_variables=len(proto.variables))
    budget = min(SHARE * config.time_limit, MAX_DETERMINISTIC_S)
    built = greedy.construct(mm, passes=1)
    if built.valid and _ideal(mm, built.value):
        stats["months_ideal_constructive"] = 1
        if _earliest(mm, built.value):
            stats.update(months_ideal=1, months_ideal_s=time.perf_counter() - t0)
            return (mm, built.value, "OPTIMAL"), mm.ideal
        found = _ties(mm, config, budget, built.solution, stats)
        if found is not None or stats.get("months_ideal_tie_infeasible"):
            stats["months_ideal"] = 1 if found is not None else 0
            stats["months_ideal_s"] = time.perf_counter() - t0
            return found, mm.ideal
        mm.model.clear_objective()
    solver = cp_model.CpSolver()
    config.apply(solver.parameters, share=min(budget, SEARCH_S) / max(config.time_limit, 1e-9))
    solver.parameters.num_workers = 1
    solver.parameters.interleave_search = False
    solver.parameters.use_ls_only = True
    mm.model.clear_hints()
    code = solver.solve(mm.model)
    stats["months_ideal_search_s"] = solver.wall_time
    stats["months_ideal_s"] = time.perf_counter() - t0
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        stats["months_ideal"] = -1
        return None, mm.ideal
    first = [solver.value(mm.model.get_int_var_from_proto_index(i))
             for i in range(len(proto.variables))]
    stats["months_ideal"] = 1
    if _earliest(mm, solver.value):
        return (mm, solver.value, "OPTIMAL"), mm.ideal
    found = _ties(mm, config, budget, first, stats)
    stats["months_ideal_s"] = time.perf_counter() - t0
    if found is None:  # the tie-break search ended without its start: the plan found stands
        response = greedy.Assignment()
        response.solution = first
        response.finish_from_solution()
        found = (mm, response.value, "FEASIBLE")
    return found, mm.ideal


def _ties(mm: MonthsModel, config: SolverConfig, budget: float, start: list[int],
          stats: dict) -> tuple[MonthsModel, object, str] | None:
    """The tie-break tier from the plan ``start`` (the tiers above are held at their best by
    the ideal model's constraints); ``None`` when the search ends without a plan — and
    ``stats["months_ideal_tie_infeasible"]`` is 1 when it proved there is none (``start``
    then broke a rule the constructive plan does not check)."""
    from planner.solver.months import objective

    objective.add(mm, only=(objective.TIE,))
    mm.model.clear_hints()
    mm.model.proto.solution_hint.vars.extend(range(len(start)))
    mm.model.proto.solution_hint.values.extend(start)
    solver = cp_model.CpSolver()
    config.apply(solver.parameters, share=min(TIE_S, budget) / max(config.time_limit, 1e-9))
    solver.parameters.interleave_batch_size = max(1, config.workers)
    code = solver.solve(mm.model)
    stats["months_ideal_tie_s"] = solver.wall_time
    if code == cp_model.INFEASIBLE:
        stats["months_ideal_tie_infeasible"] = 1
    if code == cp_model.OPTIMAL:
        return mm, solver.value, "OPTIMAL"
    if code == cp_model.FEASIBLE:
        return mm, solver.value, "FEASIBLE"
    return None


def _earliest(mm: MonthsModel, value) -> bool:  # noqa: ANN001 — a solution's value function
    """Whether the tie-break tier is at its best: every rotator's blocks (of one fixed length,
    from one window start) starting where the earliest packing starts them — no plan's starts
    add up to less, so nothing is left for a search to prove."""
    from planner.solver.months import objective

    ideal = mm.ideal
    assert ideal is not None
    best = 0
    for pid, opts in _by_person(mm).items():
        if pid not in ideal.earliest or len({o.lo for o in opts}) > 1:
            return False
        best -= sum(s - opts[0].lo for s in ideal.earliest[pid])
    return objective.tier_values(mm, value)[objective.TIE] >= best


def _by_person(mm: MonthsModel) -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for o in mm.options:
        out[o.pid].append(o)
    return out


def _ideal(mm: MonthsModel, value) -> bool:  # noqa: ANN001 — a solution's value function
    """Whether a plan of the ideal model keeps its own constraints: every block planned and
    every rotator at their ceiling (the rules themselves are the constructive plan's)."""
    ideal = mm.ideal
    assert ideal is not None
    if not all(value(n.planned) for n in mm.needs):
        return False
    hosts: dict[str, set[str]] = defaultdict(set)
    for o in mm.options:
        if value(o.present):
            hosts[o.pid].add(o.host)
            first = value(o.start)
            if o.pid in ideal.starts and (first not in ideal.starts[o.pid]
                                          or first + value(o.length) - 1 > ideal.last[o.pid]):
                return False
    if any(len(h) > 1 and mm.wish.change.get(p, 0) < 0 for p, h in hosts.items()):
        return False
    if any(value(e) < ideal.ceiling[p] for p, e in mm.preference.items()):
        return False
    return all(min(value(mm.satisfaction[p]) for p in group)
               >= min(ideal.satisfied[p] for p in group) for _, group in mm.fair)
