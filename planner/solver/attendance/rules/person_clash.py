"""Nobody is in two places at once: at any clashing time, the sessions a group's members attend
hold at most as many of them as there are members (each member in at most one). Teaching and
leave are already removed from the sessions each person may attend."""

from __future__ import annotations

from collections import defaultdict

from planner.solver.attendance.model import AttendanceModel


def add(am: AttendanceModel) -> None:
    tp_instants = am.inst.tp_instants()
    for g in am.groups:
        per_instant = defaultdict(list)
        for r in g.runs:
            for i in tp_instants[am.point(r)]:
                per_instant[i].append(am.n[g.index, r])
        for vs in per_instant.values():
            if len(vs) > 1:
                am.model.add(sum(vs) <= g.size)
