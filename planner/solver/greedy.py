"""A greedy baseline: how an office fills its calendar by hand, first come first served.

Sessions in course order take the first candidate time whose room and speaker are free; each
session is then filled with its audience in staff-id order while seats and the department's
spare staff last. Used in the benchmark table as the yardstick the solver must beat, and as a
starting hint.
"""

from __future__ import annotations

from collections import defaultdict

from planner.solver.assign import Attendance
from planner.solver.attendance import AttendanceModel, Schedule
from planner.solver.instance import Instance
from planner.solver.rules.coverage import spare


def greedy_schedule(inst: Instance) -> Schedule | None:
    tp_instants = inst.tp_instants()
    room_busy: set[tuple[str, int]] = set()
    speaker_busy: set[tuple[str, int]] = set()
    course_busy: set[tuple[str, int]] = set()
    time, room, speaker = {}, {}, {}
    last: dict[str, int] = {}
    for run in inst.runs:
        placed = False
        for t in run.candidates:
            if t <= last.get(run.course.id, -1) and not run.fixed_date:
                continue
            instants = tp_instants[t]
            if any((run.course.id, i) in course_busy for i in instants):
                continue
            day = inst.time_points[t].date
            r = next((x for x in run.rooms if day not in inst.room_off.get(x, ())
                      and not any((x, i) in room_busy for i in instants)), None)
            s = next((p for p in run.pool if inst.speaker_free(p, day)
                      and not any((p, i) in speaker_busy for i in instants)), None)
            if r is None or s is None:
                continue
            time[run.index], room[run.index], speaker[run.index] = t, r, s
            for i in instants:
                room_busy.add((r, i))
                speaker_busy.add((s, i))
                course_busy.add((run.course.id, i))
            last[run.course.id] = t
            placed = True
            break
        if not placed:
            return None
    return Schedule(time, room, speaker)


def greedy_attendance(am: AttendanceModel) -> Attendance:
    inst = am.inst
    tp_instants = inst.tp_instants()
    live: dict[int, list[str]] = defaultdict(list)
    done: set[tuple[str, str, int]] = set()
    busy: set[tuple[str, int]] = set()
    out_of_dept: dict[tuple[str, int], int] = defaultdict(int)
    for r in sorted(am.schedule.time, key=lambda r: (am.schedule.time[r], r)):
        run = inst.runs[r]
        instants = tp_instants[am.schedule.time[r]]
        cap = am.run_capacity(r)
        for pid in inst.audience[run.course.id]:
            if len(live[r]) >= cap:
                break
            dept = inst.staff[pid].department
            if ((pid, run.course.id, run.part) in done or r in am.blocked[pid]
                    or am.schedule.speaker[r] == pid
                    or any((pid, i) in busy for i in instants)
                    or any(out_of_dept[dept, i] >= spare(am, dept, inst.instants[i])
                           for i in instants)):
                continue
            live[r].append(pid)
            done.add((pid, run.course.id, run.part))
            for i in instants:
                busy.add((pid, i))
                out_of_dept[dept, i] += 1
    missed = []
    for g in am.groups:
        for pid in g.members:
            missed.extend((pid, c, p) for c, p in g.parts if (pid, c, p) not in done)
    return Attendance({r: sorted(v) for r, v in live.items()}, [], sorted(missed), 0)

