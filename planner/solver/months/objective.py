"""The objective of phase 0, in tiers each outweighing everything below it:

1. main — blocks planned (an elective block of k departments counts k) and seats filled;
   (re-planning) keep — published blocks and placements kept (:mod:`.keep`);
2. preference — preferred electives, and seat candidates from the departments listed first;
3. tie — shorter stays, earlier starts, candidates in staff-id order: one deterministic answer
   among equals.

Weights are derived from each term's bound, so the tiers stay strict whatever the size."""

from __future__ import annotations

from planner.solver.months.model import KEEP, MAIN, PREFERENCE, TIE, MonthsModel

#: Most important first.
TIERS = (MAIN, KEEP, PREFERENCE, TIE)


def add(mm: MonthsModel, only: tuple[str, ...] = TIERS) -> None:
    """Maximise the tiers (``only`` those: the others are fixed by constraints — the ideal
    plan of :mod:`.ideal` — and would only blur the search with their weights)."""
    scale = 1
    weights: dict[str, int] = {}
    for tier in (TIE, PREFERENCE, KEEP, MAIN):
        weights[tier] = scale
        if tier in only:
            scale *= 1 + sum(t.weight * t.bound for t in mm.terms if t.tier == tier)
    mm.weights.update(weights)
    if not mm.light:
        mm.model.maximize(sum(t.sign * t.weight * weights[t.tier] * t.expr for t in mm.terms
                              if t.tier in only))


def tier_values(mm: MonthsModel, value) -> dict[str, float]:  # noqa: ANN001 — solver.value
    """Each tier's value in a solution (rewards minus penalties, unweighted across tiers)."""
    out = {MAIN: 0.0, KEEP: 0.0, PREFERENCE: 0.0, TIE: 0.0}
    for t in mm.terms:
        out[t.tier] += t.sign * t.weight * value(t.expr)
    return out


def tiers(mm: MonthsModel, value) -> tuple[float, ...]:  # noqa: ANN001 — solver.value
    """A solution's tier values, most important first: compare two solutions by comparing these
    tuples (the same order the weighted objective gives)."""
    t = tier_values(mm, value)
    return tuple(t[k] for k in TIERS)
