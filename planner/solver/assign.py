"""Phase 3: name the people behind phase 2's head counts, deterministically.

Within a group everyone is interchangeable for the model, so any choice keeps every hard rule
that the counts keep; the choice made here balances quotas (the member furthest from their
category's quota goes first, ties by staff id) so that a group total that meets the quota meets
it for each member.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from planner.solver.attendance import AttendanceModel, Group


@dataclass
class Attendance:
    live: dict[int, list[str]]  # run → staff ids
    recording: list[tuple[str, str, int]]  # (staff, course, part)
    missed: list[tuple[str, str, int]]  # (staff, course, part)
    unplaced: int  # head counts the model allowed but no member could take (should be 0)


def assign_people(am: AttendanceModel, counts: dict[tuple[int, int], int],
                  rec_counts: dict[tuple[int, str, int], int]) -> Attendance:
    live: dict[int, list[str]] = defaultdict(list)
    recording: list[tuple[str, str, int]] = []
    missed: list[tuple[str, str, int]] = []
    unplaced = 0
    for g in am.groups:
        u, rec, miss = _assign_group(am, g, counts, rec_counts, live)
        unplaced += u
        recording.extend(rec)
        missed.extend(miss)
    for r in live:
        live[r].sort()
    return Attendance(dict(live), sorted(recording), sorted(missed), unplaced)


def _assign_group(am, g: Group, counts, rec_counts, live):  # noqa: ANN001, ANN202
    inst = am.inst
    tp_instants = inst.tp_instants()
    need_hours = {(p, cat): need / 100 for p, n in zip(g.members, g.needs)
                  for cat, need, _ in n.hours}
    got: dict[tuple[str, str], float] = defaultdict(float)  # (person, category) → hours
    todo = {p: set(g.parts) for p in g.members}
    busy: dict[str, set[int]] = defaultdict(set)
    unplaced = 0

    def deficit(p: str, category: str) -> float:
        return need_hours.get((p, category), 0.0) - got[p, category]

    by_point: dict[int, list[int]] = defaultdict(list)
    for r in g.runs:
        if counts.get((g.index, r), 0) > 0:
            by_point[am.point(r)].append(r)
    for t in sorted(by_point):
        runs = sorted(by_point[t])
        instants = set(tp_instants[t])
        places = [r for r in runs for _ in range(counts[g.index, r])]
        options = {}
        for i, r in enumerate(places):
            run = inst.runs[r]
            part = (run.course.id, run.part)
            cat = run.course.category.value
            ok = [p for p in g.members if part in todo[p] and not (busy[p] & instants)]
            options[i] = sorted(ok, key=lambda p: (-deficit(p, cat), p))
        chosen = _match(len(places), options)
        unplaced += len(places) - len(chosen)
        for i, p in sorted(chosen.items()):
            run = inst.runs[places[i]]
            live[places[i]].append(p)
            todo[p].discard((run.course.id, run.part))
            busy[p] |= instants
            got[p, run.course.category.value] += run.course.hours
    recording, missed = [], []
    for course_id, part in g.parts:
        waiting = [p for p in g.members if (course_id, part) in todo[p]]
        k = rec_counts.get((g.index, course_id, part), 0)
        cat = am.course(course_id).category.value
        waiting.sort(key=lambda p: (-deficit(p, cat), p))
        for p in waiting[:k]:
            recording.append((p, course_id, part))
            got[p, cat] += am.course(course_id).hours
        missed.extend((p, course_id, part) for p in waiting[k:])
    return unplaced, recording, missed


def _match(n: int, options: dict[int, list[str]]) -> dict[int, str]:
    """Places → people, one person per place, maximum size; earlier options preferred."""
    owner: dict[str, int] = {}

    def augment(i: int, seen: set[str]) -> bool:
        for p in options[i]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = i
                return True
        return False

    for i in range(n):
        augment(i, set())
    return {i: p for p, i in owner.items()}
