"""One place at a time: in any month a person is in at most one rotation block, and never in a
rotation block in a month any day of their external-study placement falls in."""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from planner.solver.months.model import MonthsModel


def add(mm: MonthsModel) -> None:
    if mm.light:
        return
    busy: dict[tuple[str, int], list] = defaultdict(list)
    for o in mm.options:
        for k, v in o.months.items():
            busy[o.pid, k].append(v)
    for s in mm.seat_options:
        for k in s.months:
            busy[s.pid, k].append(s.var)
    for key in sorted(busy):
        vs = busy[key]
        if len(vs) > 1:
            if all(isinstance(v, cp_model.IntVar) for v in vs):
                mm.model.add_at_most_one(vs)
            else:  # months as sums of start variables (:mod:`.ideal`)
                mm.model.add(sum(vs) <= 1)
