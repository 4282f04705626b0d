"""Nobody is in two places at once: at any clashing time, the sessions a group's members attend
hold at most as many of them as there are members free then (each member in at most one).
Teaching and leave are already removed from the sessions each person may attend."""

from __future__ import annotations

from collections import defaultdict

from planner.solver.attendance.model import AttendanceModel


def add(am: AttendanceModel) -> None:
    tp_instants = am.inst.tp_instants()
    for g in am.groups:
        per_instant = defaultdict(list)
        for r, v in am.by_group[g.index].items():
            for i in tp_instants[am.point(r)]:
                per_instant[i].append(v)
        for i, vs in sorted(per_instant.items()):
            if len(vs) > 1:
                am.model.at_most(vs, g.free.get(i, 0))
