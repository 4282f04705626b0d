"""When a part of a course with a frequency may take place (weekly, biweekly, monthly, quarterly).

Shared by the timetable's candidate times and the months phase's look at commitments; the
independent checker keeps its own copy of the rule."""

from __future__ import annotations

import datetime as dt

from planner.domain import Course


def part_period(course: Course, part: int, start: dt.date) -> tuple[dt.date, dt.date] | None:
    """The dates part ``part`` must fall in when the course has a frequency."""
    freq = course.frequency
    if freq in ("weekly", "biweekly"):
        width = 7 if freq == "weekly" else 14
        lo = start + dt.timedelta(days=width * (part - 1))
        return lo, lo + dt.timedelta(days=width - 1)
    if freq in ("monthly", "quarterly"):
        step = 1 if freq == "monthly" else 3
        m0 = start.year * 12 + start.month - 1 + step * (part - 1)
        lo = dt.date(m0 // 12, m0 % 12 + 1, 1)
        m1 = m0 + step
        hi = dt.date(m1 // 12, m1 % 12 + 1, 1) - dt.timedelta(days=1)
        return max(lo, start), hi
    return None
