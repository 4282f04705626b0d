"""No room holds two sessions at once; each session gets a room with the feature it needs and
the seats of its level, on a day the room is open.

Stated per clashing time as Hall's condition: the runs that can only use rooms from a set S
never outnumber the rooms of S open that day. The exact room is chosen afterwards by matching
(:mod:`planner.solver.timetable.matching`), which adds a cut when a finer condition fails."""

from __future__ import annotations

from collections import defaultdict

from planner.solver.findings import Finding
from planner.solver.timetable.model import Choice, TimetableModel


def open_rooms(tm: TimetableModel, c: Choice) -> frozenset[str]:
    day = tm.inst.time_points[c.t].date
    return frozenset(r for r in tm.level(c).rooms if day not in tm.inst.room_off.get(r, ()))


def canonical(sets: set[frozenset[str]]) -> list[frozenset[str]]:
    """Sets in an order that does not depend on Python's per-process string hashing, so the
    model — and with it the plan — is the same in every process."""
    return sorted(sets, key=lambda s: (len(s), sorted(s)))


def hall(tm: TimetableModel, family: str, entries: list[tuple[frozenset[str], object]],
         text, finding) -> None:  # noqa: ANN001 — functions of the set: the guard's words, data
    """Hall's condition over ``entries`` (resource set, variable) at one clashing time."""
    sets: dict[frozenset[str], list] = defaultdict(list)
    for s, v in entries:
        sets[s].append(v)
    universe = frozenset().union(*sets)
    for s in canonical(set(sets) | {universe}):
        inside = [v for key, vs in sets.items() if key <= s for v in vs]
        if len(inside) > len(s):
            lit = tm.guard(family, text(s), finding(s))
            tm.model.add(sum(inside) <= len(s)).only_enforce_if(lit)


def add(tm: TimetableModel) -> None:
    inst = tm.inst
    for points in inst.instants:
        entries = [(open_rooms(tm, c), c.var) for t in points for c in tm.at(t)]
        if len(entries) < 2:
            continue
        day = inst.time_points[points[0]].date
        hall(tm, "rooms", entries, lambda s, day=day: (
            f"rooms {','.join(sorted(s)) or 'none'} on {day:%Y-%m-%d}: one session at a time"),
            lambda s, day=day: Finding("rooms", day=day, rooms=tuple(sorted(s))))
