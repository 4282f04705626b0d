"""A greedy baseline attendance: each session, in time order, is filled with its audience in
staff-id order while seats and the department's spare staff last — how an office fills sign-up
sheets by hand. The benchmark's yardstick (:mod:`planner.bench`), never a plan's answer.
"""

from __future__ import annotations

from collections import defaultdict

from planner.solver.attendance.model import AttendanceModel
from planner.solver.attendance.rules.coverage import spare
from planner.solver.naming import Attendance


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
