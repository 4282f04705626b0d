"""Holiday notes: which days are off or on, where that came from, and what is only estimated.

When a year's official schedule is not yet published the calendar is estimated (see
:mod:`planner.workdays`); the summary must then say so loudly and list any session that sits on
an estimated day, so nobody publishes a lecture on what may turn out to be a holiday.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.plan import Plan
from planner.workdays import WorkCalendar

HOLIDAY = "holiday"
MAKEUP = "makeup"


@dataclass(frozen=True)
class DayNote:
    date: dt.date
    kind: str  # HOLIDAY or MAKEUP
    name: str
    estimated: bool


@dataclass(frozen=True)
class HolidayNotes:
    days: tuple[DayNote, ...]
    estimated_days: tuple[dt.date, ...]
    sessions_on_estimated: tuple[str, ...]  # session ids
    notes: tuple[str, ...]  # the calendar's own notes: where each year's schedule came from


def holiday_notes(calendar: WorkCalendar, plan: Plan) -> HolidayNotes:
    days = [DayNote(d, HOLIDAY, name, calendar.is_estimated(d))
            for d, name in calendar.holidays.items()]
    days += [DayNote(d, MAKEUP, "", calendar.is_estimated(d)) for d in calendar.makeup_days]
    on_estimated = tuple(s.id for s in plan.sessions
                         if calendar.is_estimated(dt.date.fromisoformat(s.date)))
    return HolidayNotes(
        days=tuple(sorted(days, key=lambda n: n.date)),
        estimated_days=tuple(sorted(calendar.estimated)),
        sessions_on_estimated=on_estimated,
        notes=tuple(calendar.notes),
    )
