"""The working-day calendar: statutory holidays, 调休 make-up days, the office's table, unknown years."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.domain import DayKind, HolidayRow, Settings, Slot
from planner.errors import CalendarError
from planner.workdays import TimePoint, build_calendar

D = dt.date
TUE = Slot("tue-pm", 1, dt.time(16, 30), dt.time(18, 0))
THU = Slot("thu-pm", 3, dt.time(16, 30), dt.time(18, 0))
SUN_MAKEUP = Slot("sun-makeup", 6, dt.time(9, 0), dt.time(10, 30), makeup=True)
SAT_PLAIN = Slot("sat", 5, dt.time(9, 0), dt.time(10, 30))


def settings(start: dt.date, end: dt.date, language: str = "zh") -> Settings:
    return Settings(
        hospital="测试医院",
        horizon_start=start,
        horizon_end=end,
        slots=(TUE, THU),
        language=language,
    )


def test_2026_national_day_is_off_and_named() -> None:
    cal = build_calendar(settings(D(2026, 9, 1), D(2026, 10, 31)), [])
    for day in range(1, 8):
        assert not cal.is_workday(D(2026, 10, day))
    assert cal.holidays[D(2026, 10, 1)] == "国庆节"
    assert cal.is_workday(D(2026, 10, 8))
    assert not cal.estimated


def test_2026_makeup_days_are_workdays() -> None:
    cal = build_calendar(settings(D(2026, 1, 1), D(2026, 12, 31)), [])
    assert D(2026, 1, 4).weekday() == 6  # a Sunday …
    assert cal.is_workday(D(2026, 1, 4))  # … worked for the New Year break
    assert D(2026, 1, 4) in cal.makeup_days
    assert D(2026, 10, 10) in cal.makeup_days
    assert not cal.is_workday(D(2026, 1, 10))  # an ordinary Saturday
    assert all(d.weekday() >= 5 for d in cal.makeup_days)


def test_2027_uses_the_holidays_table() -> None:
    rows = [
        HolidayRow(D(2027, 10, 1), DayKind.HOLIDAY, "国庆节"),
        HolidayRow(D(2027, 10, 4), DayKind.HOLIDAY, "国庆节"),
        HolidayRow(D(2027, 9, 26), DayKind.WORKDAY, "国庆节调休"),
    ]
    cal = build_calendar(settings(D(2027, 9, 1), D(2027, 10, 31)), rows)
    assert not cal.is_workday(D(2027, 10, 1))
    assert not cal.is_workday(D(2027, 10, 4))
    assert cal.is_workday(D(2027, 9, 26)) and D(2027, 9, 26) in cal.makeup_days
    assert cal.is_workday(D(2027, 10, 8))  # a plain Friday
    assert not cal.is_workday(D(2027, 10, 9))  # a plain Saturday
    assert cal.holidays[D(2027, 10, 1)] == "国庆节"
    assert any("2027" in n for n in cal.notes)
    # the table misses 2027-10-05 etc.: the gap check says so
    assert any("2027-10-05" in n for n in cal.notes)


def test_table_overrides_chinesecalendar_day_by_day() -> None:
    rows = [
        HolidayRow(D(2026, 3, 10), DayKind.HOLIDAY, "院庆"),  # a Tuesday made a day off
        HolidayRow(D(2026, 10, 7), DayKind.WORKDAY, "加班"),  # a National Day day made a workday
    ]
    cal = build_calendar(settings(D(2026, 1, 1), D(2026, 12, 31)), rows)
    assert not cal.is_workday(D(2026, 3, 10))
    assert cal.holidays[D(2026, 3, 10)] == "院庆"
    assert cal.is_workday(D(2026, 10, 7))
    assert D(2026, 10, 7) not in cal.holidays
    assert any("修正 2" in n for n in cal.notes)


def test_unknown_year_raises_naming_the_year() -> None:
    with pytest.raises(CalendarError) as err:
        build_calendar(settings(D(2035, 1, 1), D(2035, 12, 31)), [])
    msg = str(err.value)
    assert "2035" in msg and "holidays.csv" in msg and "--estimate-holidays" in msg


def test_unknown_years_all_named() -> None:
    with pytest.raises(CalendarError, match="2035, 2036"):
        build_calendar(settings(D(2035, 7, 1), D(2036, 6, 30)), [])


def test_unknown_year_estimated_loudly() -> None:
    cal = build_calendar(settings(D(2035, 1, 1), D(2035, 12, 31), language="en"), [], estimate=True)
    assert cal.estimated
    assert D(2035, 10, 1) in cal.estimated and not cal.is_workday(D(2035, 10, 1))
    assert not cal.is_workday(D(2035, 1, 1))
    assert D(2035, 3, 20) not in cal.estimated  # far from any holiday
    assert any("ESTIMATED" in n for n in cal.notes)


def test_estimate_does_not_override_a_known_year() -> None:
    cal = build_calendar(
        settings(D(2026, 12, 1), D(2035, 1, 31)),
        [HolidayRow(D(y, 1, 1), DayKind.HOLIDAY, "元旦") for y in range(2027, 2035)],
        estimate=True,
    )
    assert not any(d.year < 2035 for d in cal.estimated)
    assert any(d.year == 2035 for d in cal.estimated)


def test_time_points_follow_slots_and_makeup_flag() -> None:
    cal = build_calendar(settings(D(2026, 1, 1), D(2026, 1, 31)), [])
    tps = cal.time_points([THU, TUE, SUN_MAKEUP, SAT_PLAIN])
    days = [tp.date for tp in tps]
    assert D(2026, 1, 1) not in days  # New Year's Day, a Thursday
    assert TimePoint(D(2026, 1, 6), TUE) in tps
    assert TimePoint(D(2026, 1, 8), THU) in tps
    # 2026-01-04 is a make-up Sunday: only the makeup slot, never the plain one
    assert [tp.slot.id for tp in tps if tp.date == D(2026, 1, 4)] == ["sun-makeup"]
    assert not any(tp.date == D(2026, 1, 11) for tp in tps)  # an ordinary Sunday
    assert not any(tp.slot.id == "sat" for tp in tps)
    assert tps == sorted(tps)
    assert tps[0].start == dt.datetime(2026, 1, 4, 9, 0)
    assert tps[0].end == dt.datetime(2026, 1, 4, 10, 30)


def test_time_points_window_is_clipped() -> None:
    cal = build_calendar(settings(D(2026, 1, 1), D(2026, 1, 31)), [])
    tps = cal.time_points([TUE], start=D(2026, 1, 10), end=D(2026, 3, 1))
    assert [tp.date for tp in tps] == [D(2026, 1, 13), D(2026, 1, 20), D(2026, 1, 27)]
