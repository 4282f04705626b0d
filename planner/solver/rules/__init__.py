"""Rule families, one module each, registered in order: hard rules first, preferences last.

Phase 1 (timetable) rules take a :class:`~planner.solver.timetable.TimetableModel`; phase 2
(attendance) rules take an :class:`~planner.solver.attendance.AttendanceModel`.
"""

from planner.solver.rules import (
    attend_once,
    coverage,
    hospital,
    keep_attendees,
    keep_times,
    person_clash,
    quotas,
    rooms,
    sessions,
    speakers,
    spread,
)

TIMETABLE_RULES = (sessions, rooms, speakers, hospital, spread, keep_times)
ATTENDANCE_RULES = (attend_once, person_clash, coverage, quotas, keep_attendees)
