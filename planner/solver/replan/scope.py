"""Re-planning attendance around the change: who keeps their published attendance as it is.

Why: the attendance of a whole hospital is the largest model the planner solves (393,599
variables and minutes of HiGHS at 3,000 staff), while an input change touches a few dozen
people. A re-plan therefore keeps the published sessions and recordings of everyone the change
does not reach, takes their seats and their absences from the ward out of what the model may
use, and models only the rest. Re-planned are:

1. the published attendees of every session whose time, room or speaker changed, and of every
   session that is gone;
2. everyone whose published attendance is no longer possible or no longer asked of them: a
   session they may no longer attend (on leave then, teaching then, no longer in its audience),
   a recording of a part they no longer need or may not watch;
3. everyone who now falls short of something the published plan did not have them short of: a
   part they must follow that their kept attendance does not cover (a new staff member, a new
   course, a rotator's changed months), or a quota it no longer reaches (a quota raised, history
   corrected);
4. everyone missing a part who may attend a changed or a new run of it (a chance the whole
   model would take);
5. everyone kept in a session that the kept attendees alone overfill (a smaller room), or away
   from a ward at a time it can no longer release them all (a minimum raised, a colleague now on
   leave or teaching then).

Everyone else keeps exactly what the published plan gave them: no change can reach them except
through a seat or a ward they share, and those are accounted for. When the smaller model leaves a
re-planned person missing a part — its runs full, or their ward at its limit at those times —
and that costs them a quota the published plan had them reach, or their exit exam,
:func:`widen` re-plans a few of the kept people in the way too, once. A change that reaches
more than half the staff re-plans everyone's attendance in one model
(:func:`planner.solver.solve._local_attendance`), and so does ``solver.replan_scope: full``
(the model of a first plan, with the published plan as its preference).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from planner.domain import Course
from planner.solver.naming.assign import Attendance
from planner.solver.attendance.model import Kept, Schedule, Terms, may_watch, run_capacity
from planner.solver.instance import Instance
from planner.solver.months.derive import EXIT_PREFIX
from planner.solver.attendance.rules.coverage import away_from_wards, person_duty_dept
from planner.solver.attendance.rules.quotas import short_labels


#: Kept people re-planned per full run (and per ward at its limit at one time) for each
#: re-planned person waiting for a place there (:func:`widen`).
WIDEN_PER_RUN = 3


@dataclass(frozen=True)
class Scope:
    """Who a re-plan re-plans (``free``) and the attendance it keeps for everyone else."""

    free: frozenset[str]
    kept: Kept
    changed: frozenset[int]  # runs whose time, room or speaker differ from the published plan
    why: dict[str, int]  # rule (1–5 of the module docstring) → people it re-plans


def changed_runs(inst: Instance, schedule: Schedule) -> frozenset[int]:
    """Runs that are new, or whose date, slot, room or speaker differ from the published plan."""
    assert inst.past is not None
    out = set()
    for run in inst.runs:
        r = run.index
        p = inst.past.future.get(run.key)
        tp = inst.time_points[schedule.time[r]]
        if p is None or (p.date, p.slot, p.room, p.speaker) != (
                tp.date, tp.slot.id, schedule.room[r], schedule.speaker[r]):
            out.add(r)
    return frozenset(out)


def scope(inst: Instance, schedule: Schedule, terms: dict[str, Terms],
          also: Iterable[str] = ()) -> Scope:
    """Rules 1–5 of the module docstring; ``also``: people re-planned in any case."""
    past = inst.past
    assert past is not None
    index = {run.key: run.index for run in inst.runs}
    changed = changed_runs(inst, schedule)
    also = frozenset(also)
    free = set(also)
    why: dict[str, int] = defaultdict(int)
    if also:
        why["widened"] = len(also)
    runs_of: dict[str, list[int]] = defaultdict(list)
    for key, published in past.future.items():
        r = index.get(key)
        for pid in published.attendees:
            if pid not in terms:
                continue  # left the staff: nothing to keep, nothing to re-plan
            if r is None or r in changed:
                free.add(pid)  # 1
            else:
                runs_of[pid].append(r)
    free &= set(terms)  # ``also`` may name people who left
    missed: dict[str, list[tuple[str, int]]] = {}
    changed_parts: dict[tuple[str, int], set[int]] = defaultdict(set)  # part → changed runs
    for r in changed:
        changed_parts[inst.runs[r].course.id, inst.runs[r].part].add(r)
    courses = {c.id: c for c in inst.problem.courses}
    for pid, t in terms.items():
        if pid in free:
            continue
        outcome = _kept_outcome(inst, courses, pid, t, runs_of.get(pid, []),
                                past.recordings.get(pid, frozenset()))
        rule = "2 impossible" if outcome is None else None
        if outcome is not None:
            short, uncovered = outcome
            if short - past.short.get(pid, frozenset()):
                rule = "3 newly short"
            elif any(not changed_parts[part].isdisjoint(t.may) for part in uncovered
                     if part in changed_parts):
                rule = "4 misses a part with a changed run"
            else:
                missed[pid] = uncovered
        if rule is not None:
            free.add(pid)
            why[rule] += 1
    full = _overfull(inst, schedule, runs_of, free)
    why["5 overfull run or ward"] = len(full - free)
    free |= full
    why["1 in a changed run"] = len(free) - sum(why.values())
    return _scope(inst, schedule, runs_of, free, missed, changed, dict(sorted(why.items())))


def widen(inst: Instance, schedule: Schedule, terms: dict[str, Terms], first: Scope,
          named: Attendance) -> frozenset[str]:
    """Kept people who may stand between a re-planned person and a quota the published plan
    had them reach (or their exit exam): a few of those kept in each *full* run of a part that
    person now misses, and of those kept away from that person's ward at the times of those runs
    when the ward releases all it can.

    Only these: a kept person is moved for another's sake only where that saves a quota
    shortfall or an exit exam — a missed part alone weighs less than moving someone published
    (:data:`planner.solver.replan.STAY_WEIGHT`), so the whole model would not move anyone for it
    either."""
    past = inst.past
    assert past is not None
    live: dict[str, list[int]] = defaultdict(list)
    for r, people in named.live.items():
        for pid in people:
            if pid in first.free:
                live[pid].append(r)
    recorded: dict[str, list[str]] = defaultdict(list)
    for pid, course, _ in named.recording:
        recorded[pid].append(course)
    missing: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for pid, course, part in named.missed:
        if pid in first.free:
            missing[pid].append((course, part))
    new = []
    for pid, parts in sorted(missing.items()):
        was = past.short.get(pid, frozenset())
        short = short_labels(inst, terms[pid].needs, live[pid], recorded[pid])
        for course, part in parts:
            exam = course.startswith(EXIT_PREFIX) and f"{course}#{part}" not in was
            if exam or short - was:
                new.append((pid, course, part))
    if not new:
        return frozenset()
    # Where a seat or the ward is what stands in the way: runs of the parts they miss that are
    # full, and the times of those runs when their ward releases all it can. Each such run or
    # ward-time needs one place per person waiting for it; a few kept people per place are
    # enough to choose from (the first by staff id, so the same inputs re-plan the same people).
    tp_instants = inst.tp_instants()
    everyone = away_from_wards(inst, schedule, named.live)  # (ward, instant) → all away then
    kept_away = away_from_wards(inst, schedule, first.kept.live)
    teaching = _teaching(inst, schedule)
    seats: dict[int, set[str]] = defaultdict(set)  # full run → who waits for a seat in it
    wards: dict[tuple[str, int], set[str]] = defaultdict(set)  # ward-time → who waits
    for pid, course, part in new:
        may = set(terms[pid].may)
        for run in inst.part_runs.get((course, part), ()):
            r = run.index
            if r not in may:
                continue
            if len(named.live.get(r, ())) >= run_capacity(inst, schedule, r):
                seats[r].add(pid)
            t = schedule.time[r]
            dept = person_duty_dept(inst, pid, inst.time_points[t].date)
            for i in tp_instants[t]:
                if dept is not None and len(everyone.get((dept, i), ())) >= _ward_room(
                        inst, dept, i, teaching):
                    wards[dept, i].add(pid)
    out: set[str] = set()
    for r, waiting in seats.items():
        out.update(sorted(first.kept.live.get(r, ()))[:WIDEN_PER_RUN * len(waiting)])
    for key, waiting in wards.items():
        out.update(sorted(kept_away.get(key, ()))[:WIDEN_PER_RUN * len(waiting)])
    return frozenset(out - first.free)


def _teaching(inst: Instance, schedule: Schedule) -> dict[int, set[str]]:
    """Instant → the speakers teaching then."""
    tp_instants = inst.tp_instants()
    out: dict[int, set[str]] = defaultdict(set)
    for r, pid in schedule.speaker.items():
        for i in tp_instants[schedule.time[r]]:
            out[i].add(pid)
    return out


def _ward_room(inst: Instance, dept: str, i: int, teaching: dict[int, set[str]]) -> int:
    """How many of ``dept`` may be away for training at instant ``i`` (the coverage rule's
    spare: its roster that day less its minimum, those on leave and those teaching then)."""
    day = inst.time_points[inst.instants[i][0]].date
    members, spare = inst.ward(dept, day)
    off = inst.person_off
    spare -= sum(1 for p in teaching.get(i, ()) if p in members and day not in off.get(p, ()))
    return max(0, spare)


def _kept_outcome(inst: Instance, courses: dict[str, Course], pid: str, t: Terms,
                  runs: list[int],
                  recordings: frozenset[tuple[str, int]]
                  ) -> tuple[frozenset[str], list[tuple[str, int]]] | None:
    """What one person falls short of with their published attendance kept — labels as
    :attr:`planner.solver.replan.PastWork.short` — and the parts they miss; ``None`` when that
    attendance is no longer possible or no longer asked of them."""
    may = set(t.may)
    must = set(t.must)
    attended = set()
    for r in runs:
        run = inst.runs[r]
        if r not in may or (run.course.id, run.part) in attended:
            return None
        attended.add((run.course.id, run.part))
    for course_id, part in recordings:
        course = courses.get(course_id)
        if ((course_id, part) not in must or (course_id, part) in attended or course is None
                or not course.recording or not may_watch(inst, pid, course)):
            return None
    uncovered = [x for x in t.must if x not in attended and x not in recordings]
    short = short_labels(inst, t.needs, runs, [c for c, _ in recordings])
    return short | {f"{c}#{p}" for c, p in uncovered}, uncovered


def _overfull(inst: Instance, schedule: Schedule, runs_of: dict[str, list[int]],
              free: set[str]) -> set[str]:
    """Rule 5: kept people in runs they alone overfill, or away from a ward (at one time)
    beyond what it can release."""
    out: set[str] = set()
    by_run: dict[int, list[str]] = defaultdict(list)
    for pid, runs in runs_of.items():
        if pid not in free:
            for r in runs:
                by_run[r].append(pid)
    for r, people in by_run.items():
        if len(people) > run_capacity(inst, schedule, r):
            out.update(people)
    teaching = _teaching(inst, schedule)
    away = away_from_wards(inst, schedule, {r: [p for p in people if p not in out]
                                            for r, people in by_run.items()})
    for (dept, i), people in away.items():
        if len(people) > _ward_room(inst, dept, i, teaching):
            out.update(people)
    return out


def _scope(inst: Instance, schedule: Schedule, runs_of: dict[str, list[int]], free: set[str],
           missed: dict[str, list[tuple[str, int]]], changed: frozenset[int],
           why: dict[str, int]) -> Scope:
    assert inst.past is not None
    live: dict[int, list[str]] = defaultdict(list)
    kept_people = {pid for pid in missed if pid not in free}  # everyone evaluated and kept
    for pid, runs in runs_of.items():
        if pid in kept_people:
            for r in runs:
                live[r].append(pid)
    off_ward = {k: len(v) for k, v in away_from_wards(inst, schedule, live).items()}
    recording = tuple(sorted((pid, c, p) for pid in kept_people
                             for c, p in inst.past.recordings.get(pid, ())))
    misses = tuple(sorted((pid, c, p) for pid in kept_people for c, p in missed[pid]))
    kept = Kept(frozenset(kept_people), {r: tuple(sorted(v)) for r, v in sorted(live.items())},
                recording, misses, off_ward)
    return Scope(frozenset(free), kept, changed, why)
