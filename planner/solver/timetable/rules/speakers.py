"""No speaker gives two sessions at once, and nobody speaks on a day they are on leave or their
ward cannot spare them (:meth:`~planner.solver.instance.Instance.speaker_free`).

Fixed speakers (定人定题) are pools of one; an outside expert is a pool of one that only exists on
the course's dates. Like rooms, stated per clashing time as Hall's condition over the pools; the
speaker of each session is chosen afterwards by matching, balancing teaching load."""

from __future__ import annotations

from collections import defaultdict

from planner.solver.timetable.rules.rooms import canonical
from planner.solver.timetable.model import TimetableModel


def free_speakers(tm: TimetableModel, run_index: int, t: int) -> frozenset[str]:
    inst = tm.inst
    day = inst.time_points[t].date
    return frozenset(p for p in inst.runs[run_index].pool if inst.speaker_free(p, day))


def add(tm: TimetableModel) -> None:
    inst = tm.inst
    m = tm.model
    for run in inst.runs:
        for t, v in tm.x[run.index].items():
            if not free_speakers(tm, run.index, t):
                m.add(v == 0)
    for points in inst.instants:
        entries = [(r, t, v) for t in points for r, v in tm.at(t)]
        if len(entries) < 2:
            continue
        sets: dict[frozenset[str], list] = defaultdict(list)
        for r, t, v in entries:
            sets[free_speakers(tm, r, t)].append(v)
        universe = frozenset().union(*sets)
        day = inst.time_points[points[0]].date
        for s in canonical(set(sets) | {universe}):
            inside = [v for key, vs in sets.items() if key <= s for v in vs]
            if len(inside) > len(s):
                who = ",".join(sorted(s)[:6]) + ("…" if len(s) > 6 else "")
                lit = tm.guard("speakers", f"speakers {who} on {day:%Y-%m-%d}: one session each")
                m.add(sum(inside) <= len(s)).only_enforce_if(lit)
