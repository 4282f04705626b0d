"""Rotator places: in any month a department takes at most its rotator capacity — its
``rotator_capacity``, or the month's ``capacity`` in ``rotation_capacity.csv`` (a department
with capacity 0 takes none) — and at least the month's ``minimum`` there."""

from __future__ import annotations

from collections import defaultdict

from planner.solver.months.model import MonthsModel


def placed(mm: MonthsModel) -> dict[tuple[str, int], list]:
    """(department, month) → the variables of every rotator who may be there then."""
    out: dict[tuple[str, int], list] = defaultdict(list)
    for o in mm.options:
        for k, v in o.months.items():
            out[o.dept, k].append(v)
    return out


def add(mm: MonthsModel) -> None:
    if mm.light:
        return
    where = placed(mm)
    for (dept, k), vs in sorted(where.items(), key=lambda kv: kv[0]):
        cap = mm.places.capacity(dept, k)
        if len(vs) > cap:
            mm.model.add(sum(vs) <= cap).only_enforce_if(mm.enforce(("capacity", dept, k)))
    for (dept, k), least in sorted(mm.places.minimum.items()):
        if least > 0 and 0 <= k < len(mm.grid):
            mm.model.add(sum(where.get((dept, k), [])) >= least).only_enforce_if(
                mm.enforce(("minimum", dept, k)))
