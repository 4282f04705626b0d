"""Every session takes place exactly once, on a working day, in an allowed slot, inside its
course's window (and its period when the course is weekly/monthly/…); the sessions of one course
happen one after another, never at the same time — except a run a re-plan adds to a part
(:func:`_added_runs`), which only follows the part's earlier runs.

Working days, windows, periods, fixed dates and pins are already folded into each session's
candidate times by :mod:`planner.solver.instance`; this module states the choice."""

from __future__ import annotations

from collections import defaultdict

from planner.solver.timetable.model import TimetableModel


def add(tm: TimetableModel) -> None:
    inst = tm.inst
    m = tm.model
    for run in inst.runs:
        lit = tm.guard("sessions", f"{run.label} must take place")
        m.add_exactly_one(tm.x[run.index].values()).only_enforce_if(lit)
    by_course: dict[str, list] = defaultdict(list)
    for run in inst.runs:
        by_course[run.course.id].append(run)
    added = _added_runs(tm)
    for course_id, runs in by_course.items():
        free = [r for r in runs if not r.fixed_date and r.index not in added]
        for a, b in zip(free, free[1:]):
            lit = tm.guard(
                "sessions", f"{a.course.title} ({course_id}): sessions follow one another in order"
            )
            m.add(tm.start_index(a.index) + 1 <= tm.start_index(b.index)).only_enforce_if(lit)
        for i, r in enumerate(runs):
            if r.index in added and i > 0 and not runs[i - 1].fixed_date:
                before = runs[i - 1]
                lit = tm.guard("sessions", f"{r.label} follows {before.label}")
                m.add(tm.start_index(before.index) + 1 <= tm.start_index(r.index)
                      ).only_enforce_if(lit)
        fixed = [r for r in runs if r.fixed_date or r.index in added]
        if fixed:
            for inst_points in inst.instants:
                vars_ = [
                    tm.x[r.index][t] for r in runs for t in inst_points if t in tm.x[r.index]
                ]
                if len(vars_) > 1:
                    m.add_at_most_one(vars_)


def _added_runs(tm: TimetableModel) -> set[int]:
    """Re-planning: runs a part gains beyond its published ones (more people to seat). Such a
    make-up run (补课) follows the part's earlier runs but not the order of the series: placed
    in it, it would push every later session of the course back behind it, moving the calendars
    of everyone who follows the course for one more run."""
    past = tm.inst.past
    if past is None:
        return set()
    published = past.future_runs
    return {r.index for r in tm.inst.runs
            if r.key not in past.future and published.get((r.course.id, r.part), 0) > 0}
