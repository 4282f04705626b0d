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
    for r, vs in per_run.items():
        m.add(sum(vs) <= max(0, am.free_capacity(r)))
    for g in am.groups:
        runs_by_part = defaultdict(list)
        for r in g.runs:
            run = inst.runs[r]
            runs_by_part[run.course.id, run.part].append(am.n[g.index, r])
        for course_id, part in g.parts:
            live = runs_by_part.get((course_id, part), [])
            rec = am.rec.get((g.index, course_id, part))
            total = sum(live) + (rec if rec is not None else 0)
            m.add(total <= g.size)
            hours = scaled(am.course(course_id).hours)
            weight = MISS_WEIGHT * (EXIT_EXAM_FACTOR if course_id.startswith(EXIT_PREFIX) else 1)
            am.penalise(g.size - total, weight * hours, f"missed {course_id} #{part}")
            if rec is not None:
                am.penalise(rec, RECORDING_WEIGHT * hours, f"recording {course_id} #{part}")
