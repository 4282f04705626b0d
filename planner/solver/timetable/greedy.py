"""A greedy baseline timetable: how an office fills its calendar by hand, first come first served.

Sessions in course order take the first candidate time whose room and speaker are free. Used as
the timetable model's starting hint and, with :mod:`planner.solver.attendance.greedy`, as the
yardstick of the benchmark.
"""

from __future__ import annotations

from planner.solver.instance import Instance
from planner.solver.timetable.result import Schedule


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
