"""The timetable's rule families, one module each, registered in order: hard rules first,
preferences last. Each takes a :class:`~planner.solver.timetable.model.TimetableModel`."""

from planner.solver.timetable.rules import (
    hospital,
    keep_times,
    rooms,
    sessions,
    speakers,
    spread,
    supply,
)

TIMETABLE_RULES = (sessions, rooms, speakers, hospital, supply, spread, keep_times)
