"""From the timetable's choices to numbered sessions.

A session's number is its identity in every calendar (``CPR#1.3`` is cohort 3 wherever it
moves), so numbers are given with care:

* a pinned run keeps the number of its pin;
* re-planning: runs held before the freeze date keep theirs (and are not planned again); a run
  kept at its published time keeps its published number; published runs that had to move pass
  their numbers on to the new runs of their part in time order, so a moved session is one event
  that moves, not one cancelled and another added;
* every other run takes the smallest free number, in time order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from planner.solver.instance import Instance, Run
from planner.solver.timetable.model import Choice, TimetableModel
from planner.solver.timetable.parts import run_of


def materialize(tm: TimetableModel, chosen: list[Choice]) -> tuple[Instance, dict[int, Choice]]:
    """The instance with its sessions (``runs``), and the choice each session came from."""
    inst = tm.inst
    by_part: dict[int, list[Choice]] = defaultdict(list)
    for c in chosen:
        by_part[c.part].append(c)
    runs: list[Run] = []
    origin: dict[int, Choice] = {}
    for p in tm.parts:
        cs = sorted(by_part.get(p.index, ()), key=lambda c: (c.t, c.pin or 0, c.level or 0))
        numbers = _numbers(tm, p.index, cs)
        total = len(cs) + len(p.held)
        for c in sorted(cs, key=lambda c: numbers[c]):
            pool = tm.pool(c)
            r = run_of(p, numbers[c], tm.level(c), c.t, pool, index=len(runs), runs_of_part=total)
            origin[r.index] = c
            runs.append(r)
    return replace(inst, runs=runs), origin


def _numbers(tm: TimetableModel, part: int, chosen: list[Choice]) -> dict[Choice, int]:
    p = tm.parts[part]
    inst = tm.inst
    out: dict[Choice, int] = {}
    taken = set(p.held)
    for c in chosen:
        if c.pin is not None:
            out[c] = c.pin
            taken.add(c.pin)
    free = [c for c in chosen if c.pin is None]
    if inst.past is not None:
        index = {(tp.date, tp.slot.id): t for t, tp in enumerate(inst.time_points)}
        published = {}
        for key, pub in inst.past.future.items():
            course, rest = key.split("#", 1)
            k, n = (int(x) for x in rest.split(".", 1))
            if (course, k) == p.key and n not in taken:
                published[n] = index.get((pub.date, pub.slot), -1)
        for n, t in sorted(published.items(), key=lambda kv: (kv[1], kv[0])):
            here = next((c for c in free if c.t == t), None)
            if here is not None:
                out[here] = n
                taken.add(n)
                free.remove(here)
        moved = sorted(n for n in published if n not in taken)
        for n, c in zip(moved, list(free)):
            out[c] = n
            taken.add(n)
            free.remove(c)
    n = 1
    for c in free:  # in time order
        while n in taken:
            n += 1
        out[c] = n
        taken.add(n)
    return out
