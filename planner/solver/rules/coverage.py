"""A department keeps its minimum staff on duty at every session time: those attending, those
teaching and those on leave that day are off the ward, and together they may not exceed the
department's headcount minus its minimum."""

from __future__ import annotations

from collections import defaultdict

from planner.solver.attendance import AttendanceModel


def spare(am: AttendanceModel, dept: str, points: tuple[int, ...]) -> int:
    """How many of ``dept`` may leave the ward at these clashing times for training."""
    inst = am.inst
    day = inst.time_points[points[0]].date
    members = inst.dept_staff[dept]
    off = sum(1 for p in members if day in inst.person_off.get(p, ()))
    teaching = {
        am.schedule.speaker[r]
        for r, t in am.schedule.time.items()
        if t in points and am.schedule.speaker.get(r) in members
    }
    off += len(teaching - {p for p in members if day in inst.person_off.get(p, ())})
    return len(members) - inst.min_on_duty[dept] - off


def add(am: AttendanceModel) -> None:
    inst = am.inst
    tp_instants = inst.tp_instants()
    per = defaultdict(list)
    for g in am.groups:
        for r in g.runs:
            for i in tp_instants[am.point(r)]:
                per[g.dept, i].append(am.n[g.index, r])
    for (dept, i), vs in sorted(per.items(), key=lambda kv: kv[0]):
        points = inst.instants[i]
        room = spare(am, dept, points)
        if room < 0:
            day = inst.time_points[points[0]].date
            am.warnings.append(
                f"coverage: {dept} is below its minimum on {day:%Y-%m-%d} from leave and teaching "
                f"alone ({-room} short); nobody from it is scheduled to attend then"
            )
        am.model.add(sum(vs) <= max(0, room))
