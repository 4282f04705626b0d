"""Every session takes place exactly once, on a working day, in an allowed slot, inside its
course's window (and its period when the course is weekly/monthly/…); the sessions of one course
happen one after another, never at the same time.

Working days, windows, periods, fixed dates and pins are already folded into each session's
candidate times by :mod:`planner.solver.instance`; this module states the choice."""

from __future__ import annotations

from collections import defaultdict

from planner.solver.timetable import TimetableModel


def add(tm: TimetableModel) -> None:
    inst = tm.inst
    m = tm.model
    for run in inst.runs:
        lit = tm.guard("sessions", f"{run.label} must take place")
        m.add_exactly_one(tm.x[run.index].values()).only_enforce_if(lit)
    by_course: dict[str, list] = defaultdict(list)
    for run in inst.runs:
        by_course[run.course.id].append(run)
    for course_id, runs in by_course.items():
        free = [r for r in runs if not r.fixed_date]
        for a, b in zip(free, free[1:]):
            lit = tm.guard(
                "sessions", f"{a.course.title} ({course_id}): sessions follow one another in order"
            )
            m.add(tm.start_index(a.index) + 1 <= tm.start_index(b.index)).only_enforce_if(lit)
        fixed = [r for r in runs if r.fixed_date]
        if fixed:
            for inst_points in inst.instants:
                vars_ = [
                    tm.x[r.index][t] for r in runs for t in inst_points if t in tm.x[r.index]
                ]
                if len(vars_) > 1:
                    m.add_at_most_one(vars_)
