"""Dates: the horizon, month arithmetic, the holidays table of years chinesecalendar does not know
yet, and ordinary workdays for fixed visit dates."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

import holidays as holidays_pkg

HORIZON_START = dt.date(2026, 1, 1)



def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    return dt.date(d.year + y, m + 1, min(d.day, calendar.monthrange(d.year + y, m + 1)[1]))


#: The 2027 holiday table the example office typed in. The State Council publishes 2027's
#: schedule only in late 2026; these dates follow the statutory rules (New Year 1 day, Spring
#: Festival 4 days from New Year's Eve, Labour Day 2, National Day 3, the others 1; weekend
#: holidays compensated, bridge days made up on weekends) and must be checked against the notice.
HOLIDAYS_2027: tuple[tuple[str, str, str], ...] = (
    ("2027-01-01", "holiday", "元旦"),
    ("2027-01-02", "holiday", "元旦"),
    ("2027-01-03", "holiday", "元旦"),
    ("2027-01-31", "workday", "春节调休上班"),
    ("2027-02-05", "holiday", "春节"),
    ("2027-02-06", "holiday", "春节"),
    ("2027-02-07", "holiday", "春节"),
    ("2027-02-08", "holiday", "春节"),
    ("2027-02-09", "holiday", "春节"),
    ("2027-02-10", "holiday", "春节"),
    ("2027-02-11", "holiday", "春节"),
    ("2027-02-12", "holiday", "春节"),
    ("2027-02-13", "holiday", "春节"),
    ("2027-02-20", "workday", "春节调休上班"),
    ("2027-04-03", "holiday", "清明节"),
    ("2027-04-04", "holiday", "清明节"),
    ("2027-04-05", "holiday", "清明节"),
    ("2027-05-01", "holiday", "劳动节"),
    ("2027-05-02", "holiday", "劳动节"),
    ("2027-05-03", "holiday", "劳动节"),
    ("2027-05-04", "holiday", "劳动节"),
    ("2027-05-05", "holiday", "劳动节"),
    ("2027-05-08", "workday", "劳动节调休上班"),
    ("2027-06-09", "holiday", "端午节"),
    ("2027-09-15", "holiday", "中秋节"),
    ("2027-09-26", "workday", "国庆节调休上班"),
    ("2027-10-01", "holiday", "国庆节"),
    ("2027-10-02", "holiday", "国庆节"),
    ("2027-10-03", "holiday", "国庆节"),
    ("2027-10-04", "holiday", "国庆节"),
    ("2027-10-05", "holiday", "国庆节"),
    ("2027-10-06", "holiday", "国庆节"),
    ("2027-10-07", "holiday", "国庆节"),
    ("2027-10-09", "workday", "国庆节调休上班"),
)

#: The last year the installed chinesecalendar is known to cover; later years get a table.
_CC_LAST_YEAR = 2026


def holiday_rows(years: Iterable[int]) -> list[tuple[str, str, str]]:
    """Rows for ``holidays.csv`` for years chinesecalendar does not know: the 2027 table above,
    later years from the ``holidays`` package (statutory days only, marked as a forecast)."""
    rows: list[tuple[str, str, str]] = []
    for year in sorted(set(years)):
        if year <= _CC_LAST_YEAR:
            continue
        if year == 2027:
            rows.extend(HOLIDAYS_2027)
            continue
        for d, name in sorted(
            holidays_pkg.country_holidays("CN", years=year, language="zh_CN").items()
        ):
            rows.append((d.isoformat(), "holiday", f"{name}（预排）"))
    return rows


def divmod_ym(start: dt.date, months_after: int) -> tuple[int, int]:
    """(year, month) of the month ``months_after`` months after ``start``'s month."""
    y, m = divmod(start.month - 1 + months_after, 12)
    return start.year + y, m + 1


def visit_dates(start: dt.date, end: dt.date, n: int) -> list[dt.date]:
    """Tuesdays or Thursdays spread over ``start``..``end`` (ordinary workdays: not in January,
    February, May or October, whose holidays move, nor on 1–7 of any month)."""
    from planner.domain import (
        DayKind,
        HolidayRow,
        Settings,  # local: keep planner.generate light to import
    )
    from planner.workdays import build_calendar

    rows = [
        HolidayRow(dt.date.fromisoformat(d), DayKind(k), nm)
        for d, k, nm in holiday_rows(range(start.year, end.year + 1))
    ]
    cal = build_calendar(Settings("x", start, end, ()), rows)
    good = [
        d
        for d in cal.workdays_between()
        if d.weekday() in (1, 3) and d not in cal.estimated and d.day > 7
    ]
    if not good:
        return []
    step = max(1, len(good) // n)
    picks = good[step // 2 :: step][:n]
    return sorted(picks)
