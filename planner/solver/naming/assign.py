"""Phase 3: name the people behind phase 2's head counts, deterministically.

Within a group everyone is interchangeable for the model, so any choice keeps every hard rule
that the counts keep; the choice made here balances quotas (the member furthest from their
category's quota goes first, ties by staff id) so that a group total that meets the quota meets
it for each member.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from planner.solver.attendance.model import AttendanceModel, Group, Kept


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
        group_live: dict[int, list[str]] = defaultdict(list)
        u, rec, miss = _assign_group(am, g, counts, rec_counts, group_live)
        if u:  # the greedy order painted itself into a corner: solve this group exactly
            group_live = defaultdict(list)
            u, rec, miss = _assign_group_exact(am, g, counts, rec_counts, group_live)
        for r, people in group_live.items():
            live[r].extend(people)
        unplaced += u
        recording.extend(rec)
        missed.extend(miss)
    for r in live:
        live[r].sort()
    return Attendance(dict(live), sorted(recording), sorted(missed), unplaced)


def with_kept(named: Attendance, kept: Kept) -> Attendance:
    """The attendance of the people modelled, joined by the attendance a re-plan keeps."""
    if not kept.people:
        return named
    live = {r: list(v) for r, v in named.live.items()}
    for r, people in kept.live.items():
        live.setdefault(r, []).extend(people)
    return Attendance({r: sorted(v) for r, v in sorted(live.items())},
                      sorted(named.recording + list(kept.recording)),
                      sorted(named.missed + list(kept.missed)), named.unplaced)


def _assign_group(am, g: Group, counts, rec_counts, live):  # noqa: ANN001, ANN202
    inst = am.inst
    tp_instants = inst.point_instants
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
            kept = _published(inst, r)
            options[i] = sorted(ok, key=lambda p: (p not in kept, -deficit(p, cat), p))
        chosen = _match(len(places), options)
        unplaced += len(places) - len(chosen)
        for i, p in sorted(chosen.items()):
            run = inst.runs[places[i]]
            live[places[i]].append(p)
            todo[p].discard((run.course.id, run.part))
            busy[p] |= instants
            got[p, run.course.category.value] += run.course.hours
    recording, missed = _offsite(am, g, rec_counts, todo, deficit, got)
    return unplaced, recording, missed


def _offsite(am, g: Group, rec_counts, todo, deficit, got):  # noqa: ANN001, ANN202
    """Recordings to those furthest behind; everyone else who still needs a part missed it."""
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
    return recording, missed


def _assign_group_exact(am, g: Group, counts, rec_counts, live):  # noqa: ANN001, ANN202
    """The same assignment as a small CP-SAT model over this group's members and sessions:
    fill every place the counts allow, then bring each member as close to their quotas as
    possible. Single-threaded with a deterministic budget, so the result is reproducible."""
    from ortools.sat.python import cp_model

    inst = am.inst
    runs = sorted(r for r in g.runs if counts.get((g.index, r), 0) > 0)
    m = cp_model.CpModel()
    y = {(p, r): m.new_bool_var(f"y[{p},{r}]") for p in g.members for r in runs}
    by_part: dict[tuple[str, int], list[int]] = defaultdict(list)
    by_instant: dict[int, list[int]] = defaultdict(list)
    for r in runs:
        run = inst.runs[r]
        by_part[run.course.id, run.part].append(r)
        for i in inst.point_instants[am.point(r)]:
            by_instant[i].append(r)
    for r in runs:
        m.add(sum(y[p, r] for p in g.members) <= counts[g.index, r])
    shorts = []
    for p, needs in zip(g.members, g.needs):
        for rs in list(by_part.values()) + list(by_instant.values()):
            if len(rs) > 1:
                m.add_at_most_one(y[p, r] for r in rs)
        for cat, need, _ in needs.hours:
            hours = [scaled_hours(inst, r) * y[p, r] for r in runs
                     if inst.runs[r].course.category.value == cat]
            short = m.new_int_var(0, max(0, need), f"short[{p},{cat}]")
            m.add(short >= need - sum(hours))
            shorts.append(short)
    stay = [v for (p, r), v in y.items() if p in _published(inst, r)]  # re-planning tie-break
    m.maximize(1000 * sum(y.values()) - sum(shorts) + sum(stay))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 1
    solver.parameters.max_deterministic_time = 5.0
    solver.parameters.max_time_in_seconds = 60.0
    solver.solve(m)
    got: dict[tuple[str, str], float] = defaultdict(float)
    todo = {p: set(g.parts) for p in g.members}
    placed = 0
    for (p, r), v in y.items():
        if solver.boolean_value(v):
            run = inst.runs[r]
            live[r].append(p)
            todo[p].discard((run.course.id, run.part))
            got[p, run.course.category.value] += run.course.hours
            placed += 1
    need_hours = {(p, cat): need / 100 for p, n in zip(g.members, g.needs)
                  for cat, need, _ in n.hours}

    def deficit(p: str, category: str) -> float:
        return need_hours.get((p, category), 0.0) - got[p, category]

    recording, missed = _offsite(am, g, rec_counts, todo, deficit, got)
    unplaced = sum(counts[g.index, r] for r in runs) - placed
    return unplaced, recording, missed


def _published(inst, r: int) -> frozenset[str]:  # noqa: ANN001
    """Re-planning: who attended run ``r`` in the published plan (named first, so people stay
    where they were when the counts allow)."""
    p = inst.past.future.get(inst.runs[r].key) if inst.past is not None else None
    return p.attendees if p is not None else frozenset()


def scaled_hours(inst, r: int) -> int:  # noqa: ANN001
    return int(round(inst.runs[r].course.hours * 100))


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
