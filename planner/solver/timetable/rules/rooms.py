"""No room holds two sessions at once; each session gets a room with the feature it needs and
enough seats, on a day the room is open.

Stated per clashing time as Hall's condition: the sessions that can only use rooms from a set S
never outnumber the rooms of S open that day. The exact room is chosen afterwards by matching
(:mod:`planner.solver.timetable.matching`), which adds a cut when a finer condition fails."""

from __future__ import annotations

from collections import defaultdict

from planner.solver.timetable.model import TimetableModel


def open_rooms(tm: TimetableModel, run_index: int, t: int) -> frozenset[str]:
    inst = tm.inst
    day = inst.time_points[t].date
    return frozenset(r for r in inst.runs[run_index].rooms if day not in inst.room_off.get(r, ()))


def canonical(sets: set[frozenset[str]]) -> list[frozenset[str]]:
    """Sets in an order that does not depend on Python's per-process string hashing, so the
    model — and with it the plan — is the same in every process."""
    return sorted(sets, key=lambda s: (len(s), sorted(s)))


def add(tm: TimetableModel) -> None:
    inst = tm.inst
    for points in inst.instants:
        entries = [(r, t, v) for t in points for r, v in tm.at(t)]
        if len(entries) < 2:
            continue
        sets: dict[frozenset[str], list] = defaultdict(list)
        for r, t, v in entries:
            sets[open_rooms(tm, r, t)].append(v)
        universe = frozenset().union(*sets)
        day = inst.time_points[points[0]].date
        for s in canonical(set(sets) | {universe}):
            inside = [v for key, vs in sets.items() if key <= s for v in vs]
            if len(inside) > len(s):
                names = ",".join(sorted(s)) or "none"
                lit = tm.guard("rooms", f"rooms {names} on {day:%Y-%m-%d}: one session at a time")
                tm.model.add(sum(inside) <= len(s)).only_enforce_if(lit)
