"""A department keeps its minimum staff on duty at every session time: those attending, those
teaching and those on leave (or away on external study) that day are off the ward, and together
they may not exceed the department's staff that day minus its minimum. Staff that day are its
own people not rotating elsewhere, plus the rotators placed in it where its settings say
rotators count on duty; a rotator attending a session is off the ward of the department they
are in."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

from planner.solver.attendance.model import AttendanceModel, Schedule
from planner.solver.instance import Instance
from planner.warning_labels import warning_words


def spare(am: AttendanceModel, dept: str, points: tuple[int, ...]) -> int:
    """How many of ``dept`` may leave the ward at these clashing times for training."""
    return ward_spare(am.inst, am.schedule, dept, points)


def ward_spare(inst: Instance, schedule: Schedule, dept: str, points: tuple[int, ...]) -> int:
    """:func:`spare`, from the instance and the timetable alone."""
    day = inst.time_points[points[0]].date
    members, base = inst.ward(dept, day)  # roster, and how many may leave beyond those off
    off = inst.person_off
    at = schedule.runs_at()
    teaching = {
        schedule.speaker[r]
        for t in points for r in at.get(t, ())
        if schedule.speaker.get(r) in members
    }
    return base - sum(1 for p in teaching if day not in off.get(p, ()))


def duty_dept(am: AttendanceModel, g, day: dt.date) -> str | None:  # noqa: ANN001 — a Group
    """The department whose ward a group's member leaves to attend on ``day`` (``None`` for a
    rotator in a department where rotators do not count on duty)."""
    # a group's members share their months (grouping key)
    return person_duty_dept(am.inst, g.members[0], day)


def person_duty_dept(inst: Instance, pid: str, day: dt.date) -> str | None:
    """The department whose ward ``pid`` leaves to attend on ``day`` (see :func:`duty_dept`)."""
    if not inst.hosts or pid not in inst.hosts:
        return inst.staff[pid].department
    dept = inst.dept_on(pid, day)
    if dept != inst.staff[pid].department and not inst.counts_rotators(dept):
        return None
    return dept


def away_from_wards(inst: Instance, schedule: Schedule,
                    live: Mapping[int, Iterable[str]]) -> dict[tuple[str, int], list[str]]:
    """(ward, instant) → the people of ``live`` (run → attendees) who leave that ward then
    (:func:`person_duty_dept`: a rotator leaves the ward they are
    on that day, or none where rotators do not count on duty)."""
    tp_instants = inst.tp_instants()
    out: dict[tuple[str, int], list[str]] = defaultdict(list)
    for r, people in live.items():
        t = schedule.time[r]
        day = inst.time_points[t].date
        for pid in people:
            dept = person_duty_dept(inst, pid, day)
            if dept is not None:
                for i in tp_instants[t]:
                    out[dept, i].append(pid)
    return out


def add(am: AttendanceModel) -> None:
    inst = am.inst
    tp_instants = inst.tp_instants()
    per = defaultdict(list)
    for g in am.groups:
        for r, v in am.by_group[g.index].items():
            t = am.point(r)
            dept = duty_dept(am, g, inst.time_points[t].date)
            if dept is None:
                continue
            for i in tp_instants[t]:
                per[dept, i].append(v)
    for (dept, i), vs in sorted(per.items(), key=lambda kv: kv[0]):
        points = inst.instants[i]
        room = spare(am, dept, points)
        if room < 0:
            day = inst.time_points[points[0]].date
            w = warning_words(inst.problem.settings.language)
            names = {d.id: d.name for d in inst.problem.departments}
            am.warnings.append(w("att.coverage", dept=w.dept(dept, names.get(dept)),
                                 day=f"{day:%Y-%m-%d}", short=-room))
        am.model.at_most(vs, max(0, room - am.kept.off_ward.get((dept, i), 0)))
