"""Rotator capacity: in any month a department takes at most its ``rotator_capacity``
rotators (a department with capacity 0 takes none)."""

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
    for (dept, _k), vs in sorted(placed(mm).items(), key=lambda kv: kv[0]):
        cap = mm.departments[dept].rotator_capacity
        if len(vs) > cap:
            mm.model.add(sum(vs) <= cap)
