"""Each person attends each session of a course they must follow once: in one of its runs
(cohorts, repeats) or, where the course allows, by recording. No run holds more people than its
room seats or its cohort size. Missing a session is allowed but costly; the summary names the
reason. Exit exams are the exception: a rotator misses theirs only when nothing else is
possible."""

from __future__ import annotations

from collections import defaultdict

from planner.solver.attendance.model import AttendanceModel, scaled
from planner.solver.months.derive import EXIT_PREFIX

MISS_WEIGHT = 20  # per hour missed, far below a quota shortfall, far above a preference
# A rotator's exit exam (出科考核) is not optional: missing it outweighs any quota shortfall
# (quotas.SHORTFALL_WEIGHT × 100 per hour), so it is missed only when coverage or a clash leaves
# no way to attend.
EXIT_EXAM_FACTOR = 10_000
RECORDING_WEIGHT = 2  # per hour watched from a recording instead of live


def add(am: AttendanceModel) -> None:
    inst = am.inst
    m = am.model
    per_run = defaultdict(list)
    for (g, r), v in am.n.items():
        per_run[r].append(v)
    for r, vs in sorted(per_run.items()):
        m.at_most(vs, max(0, am.free_capacity(r)))
    for g in am.groups:
        runs_by_part = defaultdict(list)
        for r, v in am.by_group[g.index].items():
            run = inst.runs[r]
            runs_by_part[run.course.id, run.part].append(v)
        for course_id, part in g.parts:
            live = runs_by_part.get((course_id, part), [])
            # Live, no more than the members who may attend one of its runs; live and by
            # recording together, no more than the members who must follow it.
            m.at_most(live, g.able.get((course_id, part), 0))
            rec = am.rec.get((g.index, course_id, part))
            both = live + ([rec] if rec is not None else [])
            demand = g.demand[course_id, part]
            m.at_most(both, demand)
            hours = scaled(am.course(course_id).hours)
            weight = MISS_WEIGHT * (EXIT_EXAM_FACTOR if course_id.startswith(EXIT_PREFIX) else 1)
            m.penalise_missing(both, demand, weight * hours, f"missed {course_id} #{part}")
            if rec is not None:
                m.penalise(rec, RECORDING_WEIGHT * hours, f"recording {course_id} #{part}")
