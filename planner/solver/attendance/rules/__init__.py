"""The attendance model's rule families, one module each, registered in order: hard rules
first, preferences last. Each takes an :class:`~planner.solver.attendance.model.AttendanceModel`."""

from planner.solver.attendance.rules import (
    attend_once,
    coverage,
    keep_attendees,
    person_clash,
    quotas,
)

ATTENDANCE_RULES = (attend_once, person_clash, coverage, quotas, keep_attendees)
