"""Wishes (``rotation_wishes.csv``), a preference: each rotator's satisfaction is the points of
their blocks — by discipline, host and department — plus the points (≤ 0) of each change of host
between consecutive blocks and of each idle month (a month of their programmes' window, before
their last block, with no block and no external study); the objective's preference tier adds up
everyone's satisfaction, and a ``fairness`` row adds the least satisfied rotator of its ``who``
once more, times its weight, so the plan raises the worst-off first.

Host changes are counted with "the last host" of each month carried over idle months; idle months
with "a block still to come" variables (the months up to the last block). Both are tight only
because the objective presses them down — which it does whenever their weight is below zero.
"""

from __future__ import annotations

import math
from collections import defaultdict

from planner.solver.months.model import PREFERENCE, MonthsModel, Option


def add(mm: MonthsModel) -> None:
    w = mm.wish
    if not w.any:
        return
    if mm.light:  # only what the constructive plan compares: the points of each block
        for o in mm.options:
            points = w.block(o.pid, o.dept)
            if points:
                (mm.reward if points > 0 else mm.penalise)(
                    PREFERENCE, o.present, 1, f"wish: {o.pid} in {o.dept}", weight=abs(points))
        return
    mine: dict[str, list[Option]] = defaultdict(list)
    for o in mm.options:
        mine[o.pid].append(o)
    seats: dict[str, list] = defaultdict(list)
    for so in mm.seat_options:
        seats[so.pid].append(so)
    required = defaultdict(lambda: True)
    for n in mm.needs:
        required[n.pid] &= n.required or mm.ideal is not None
    sat_bounds: dict[str, tuple[int, int]] = {}
    for pid in sorted(mine):
        sat_bounds[pid] = _person(mm, pid, mine[pid], seats.get(pid, []), required[pid])
    for i, (weight, people) in enumerate(w.fairness):
        group = sorted(p for p in people if p in mine)
        if not group:
            continue
        lo = min(sat_bounds[p][0] for p in group)
        hi = max(lo, min(sat_bounds[p][1] for p in group))
        mm.fair.append((weight, tuple(group)))
        mm.fair_offset += weight * lo
        least = mm.model.new_int_var(lo, hi, f"least_satisfied[{i}]")
        for p in group:
            mm.model.add(least <= mm.satisfaction[p])
        ideal = mm.ideal
        if ideal is not None:  # the ideal plan (:mod:`.ideal`): the least at its ceiling too
            mm.model.add(least >= min(ideal.satisfied[p] for p in group))
        mm.reward(PREFERENCE, least - lo, hi - lo, f"fairness {i}: least satisfied of "
                                                   f"{len(group)}", weight=weight)

        def fill(values: list[int | None], least=least, group=group) -> None:  # noqa: ANN001
            value = _values(values)
            values[least.index] = min(value(mm.satisfaction[p]) for p in group)
        mm.fill.append(fill)


def bound(mm: MonthsModel, objective_bound: float) -> float | None:
    """A bound on :func:`total` from the search's bound on the weighted objective, when the
    preference tier holds only wishes and every block is required (the main tier is then
    fixed and the tie-break tier lies between its penalties' sum and 0); else ``None``."""
    from planner.solver.months.model import KEEP, MAIN, TIE

    wished = ("wish:", "host changes:", "idle months:", "fairness ")
    if (mm.seat_options or mm.published or not all(n.required for n in mm.needs)
            or any(t.tier == PREFERENCE and not t.label.startswith(wished) for t in mm.terms)
            or any(t.tier == TIE and t.sign > 0 for t in mm.terms)):
        return None
    w = mm.weights
    main = sum(t.weight * t.bound for t in mm.terms if t.tier == MAIN)
    ties = sum(t.weight * t.bound for t in mm.terms if t.tier == TIE)
    if any(t.tier == KEEP for t in mm.terms):
        return None
    most = math.floor((objective_bound - w[MAIN] * main + w[TIE] * ties) / w[PREFERENCE])
    found = mm.ceilings
    best = most + mm.fair_offset
    return min(best, found.bound) if found is not None else best


def total(mm: MonthsModel, value) -> int:  # noqa: ANN001 — solver.value
    """Everyone's satisfaction, plus each fairness row's weight times its least satisfied."""
    sat = {p: value(e) for p, e in mm.satisfaction.items()}
    return sum(sat.values()) + sum(w * min(sat[p] for p in group) for w, group in mm.fair)


def _values(values: list[int | None]):  # noqa: ANN202 — expression → value
    """The value of expressions over a (complete for their variables) list of values."""
    from ortools.sat.python import cp_model_helper

    response = cp_model_helper.CpSolverResponse()
    response.solution.extend(int(v or 0) for v in values)
    return lambda expr: cp_model_helper.ResponseHelper.value(response, expr)


def _person(mm: MonthsModel, pid: str, options: list[Option], seats: list,
            required: bool) -> tuple[int, int]:
    """State ``pid``'s satisfaction (``mm.satisfaction``) and preference points
    (``mm.preference``); register its terms; return bounds on the satisfaction."""
    m, w = mm.model, mm.wish
    sat, lo, hi = [], 0, 0
    for o in options:
        points = w.block(pid, o.dept)
        if points:
            sat.append(points * o.present)
            lo, hi = lo + min(0, points), hi + max(0, points)
            if points > 0:
                mm.reward(PREFERENCE, o.present, 1, f"wish: {pid} in {o.dept}", weight=points)
            else:
                mm.penalise(PREFERENCE, o.present, 1, f"wish: {pid} not in {o.dept}",
                            weight=-points)
    months = sorted({k for o in options for k in o.months}
                    | {k for so in seats for k in so.months})
    blocks = max(1, len({(o.programme.id, o.block.block, o.dept) for o in options}))
    change = w.change.get(pid, 0)
    hosts = sorted({o.host for o in options})
    ideal = mm.ideal
    if ideal is not None and change < 0 and len(hosts) > 1:
        # The ideal plan has no change of host: every block at one host (stated directly —
        # the count below would leave the search to find that out)
        at = {h: m.new_bool_var(f"host[{pid},{h}]") for h in hosts}
        m.add_exactly_one(at.values())
        for o in options:
            m.add_implication(o.present, at[o.host])

        def fill_host(values: list[int | None], at=at) -> None:  # noqa: ANN001
            used = [o.host for o in options if values[o.present.index]]
            for h, v in at.items():
                values[v.index] = int(h == (used[0] if used else hosts[0]))
        mm.fill.append(fill_host)
        hosts = hosts[:1]
    if change < 0 and len(hosts) > 1 and months:
        changes = _changes(mm, pid, options, hosts, months, required)
        sat.append(change * changes)
        lo += change * (blocks - 1)
        mm.penalise(PREFERENCE, changes, blocks - 1, f"host changes: {pid}", weight=-change)
    idle = w.idle.get(pid, 0)
    if idle < 0 and ideal is not None and pid in ideal.last:
        # The ideal plan packs the blocks by the month that gives the fewest idle months
        # (:func:`.ideal.plan`): they are that many, a constant
        sat.append(idle * ideal.idle[pid])
    elif idle < 0 and months:
        span = _idle(mm, pid, options, seats, months, required)
        if span is not None:
            expr, bound = span
            sat.append(idle * expr)
            lo += idle * bound
            mm.penalise(PREFERENCE, expr, bound, f"idle months: {pid}", weight=-idle)
    mm.satisfaction[pid] = sum(sat)
    # the person's whole preference-tier part: their satisfaction less their elective ranks
    ranks = [(o.value - w.block(pid, o.dept)) * o.present for o in options
             if o.value != w.block(pid, o.dept)]
    mm.preference[pid] = sum(sat) + sum(ranks)
    ideal = mm.ideal
    if ideal is not None:  # the ideal plan (:mod:`.ideal`): every rotator at their ceiling
        m.add(mm.preference[pid] >= ideal.ceiling[pid])
    ceilings = mm.ceilings
    if ceilings is not None and pid in ceilings.ceiling and required:
        # the whole model: no more than their best alone (a cut the search's bound starts from)
        m.add(mm.preference[pid] <= ceilings.ceiling[pid])
    return lo, hi


def _changes(mm: MonthsModel, pid: str, options: list[Option], hosts: list[str],
             months: list[int], required: bool):  # noqa: ANN202 — a linear expression
    m = mm.model
    first, last = months[0], months[-1]
    span = range(first, last + 1)
    at = {(k, h): [o.months[k] for o in options if o.host == h and k in o.months]
          for k in span for h in hosts}
    busy = {k: [v for h in hosts for v in at[k, h]] for k in span}
    lastv = {(k, h): m.new_bool_var(f"last_host[{pid},{k},{h}]") for k in span for h in hosts}
    entry = {(k, h): m.new_bool_var(f"host_entry[{pid},{k},{h}]") for k in span for h in hosts}
    for k in span:
        m.add_at_most_one(lastv[k, h] for h in hosts)
        for h in hosts:
            for v in at[k, h]:
                m.add_implication(v, lastv[k, h])
            if k == first:
                m.add(entry[k, h] >= lastv[k, h])
            else:
                m.add(lastv[k, h] >= lastv[k - 1, h] - sum(busy[k]))
                m.add(entry[k, h] >= lastv[k, h] - lastv[k - 1, h])
    planned = None
    if not required:
        any_ = m.new_bool_var(f"any_block[{pid}]")
        for o in options:
            m.add_implication(o.present, any_)
        m.add(any_ <= sum(o.present for o in options))
        planned = any_

    def fill(values: list[int | None]) -> None:
        current = None
        for k in span:
            here = [h for h in hosts if any(values[v.index] for v in at[k, h])]
            prev = current
            current = here[0] if here else current
            for h in hosts:
                values[lastv[k, h].index] = int(current == h)
                values[entry[k, h].index] = int(current == h and prev != h)
        if planned is not None:
            values[planned.index] = int(any(values[o.present.index] for o in options))
    mm.fill.append(fill)
    return sum(entry.values()) - (1 if planned is None else planned)


def _idle(mm: MonthsModel, pid: str, options: list[Option], seats: list, months: list[int],
          required: bool):  # noqa: ANN202
    """(idle months, their most) from the first month of the person's programme windows."""
    m = mm.model
    first = min(o.lo for o in options)
    last = months[-1]
    if last < first:
        return None
    span = range(first, last + 1)
    busy = {k: [o.months[k] for o in options if k in o.months]
            + [so.var for so in seats if k in so.months] for k in span}
    later = {k: m.new_bool_var(f"block_ahead[{pid},{k}]") for k in span}
    for k in span:
        for v in busy[k]:
            m.add_implication(v, later[k])
        if k + 1 in later:
            m.add_implication(later[k + 1], later[k])
    if required and not seats:
        # A cut the LP needs (it would otherwise spread the blocks thin): with nothing ahead
        # from month k, every one of the person's block months lies before k.
        need = sum(n.choose * n.block.min_months for n in mm.needs if n.pid == pid)
        for k in span:
            if k > first and need:
                m.add(need * later[k] + sum(v for j in range(first, k) for v in busy[j])
                      >= need)

    def fill(values: list[int | None]) -> None:
        ahead = False
        for k in reversed(span):
            ahead = ahead or any(values[v.index] for v in busy[k])
            values[later[k].index] = int(ahead)
    mm.fill.append(fill)
    expr = sum(later.values()) - sum(v for k in span for v in busy[k])
    return expr, len(span)
