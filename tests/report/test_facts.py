"""The figures themselves, on the hand-made plan (worked out in builders.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from planner.report.coverage import department_cover
from planner.report.facts import build_facts
from planner.report.holidays import holiday_notes
from planner.report.months import Month, length_in_months, months_between
from planner.report.rooms import room_utilisation
from planner.report.speakers import speaker_load
from planner.report.unmet import MISSED, SHORTFALL, unmet_items
from planner.workdays import WorkCalendar
from tests.report import builders
from tests.report.builders import EXPECTED

MARCH, APRIL = Month(2026, 3), Month(2026, 4)


@pytest.fixture(scope="module")
def facts():  # type: ignore[no-untyped-def]
    p = builders.problem()
    return build_facts(p, builders.calendar(p), builders.plan(), violations=0)


def test_headline_matches_the_hand_count(facts) -> None:  # type: ignore[no-untyped-def]
    h = facts.headline
    for key, value in EXPECTED.items():
        assert getattr(h, key) == pytest.approx(value), key
    assert (h.status, h.violations) == ("OPTIMAL", 0)
    assert not hasattr(h, "objective") and not hasattr(h, "bound")  # plan.json and run.log


def test_months_and_lengths() -> None:
    assert months_between(dt.date(2026, 11, 15), dt.date(2027, 2, 1)) == [
        Month(2026, 11), Month(2026, 12), Month(2027, 1), Month(2027, 2)]
    assert length_in_months(dt.date(2027, 3, 1), dt.date(2027, 5, 31)) == 3
    assert length_in_months(dt.date(2027, 4, 16), dt.date(2027, 4, 30)) == pytest.approx(0.5)


def test_coverage_counts_sessions_rotations_and_external_study() -> None:
    """March: S008 (外科) rotates into 内科; at QY#1.1 (03-03) 内科 has S001 teaching and S002
    attending of its 5 → 3 on duty, 外科 has S004, S005 attending of its 3 → 1, its minimum, as
    again at CPR on 03-24. April: S007 is away on external study and S006 rotates into 内科, so
    at QY#2.1 (04-07) 内科 keeps S003 and S006 → 2 and 外科 keeps S008 → 1."""
    p = builders.problem()
    cells = {(c.department, c.month): c for c in department_cover(p, builders.plan())}
    assert cells["NK", MARCH].on_duty == 3 and cells["NK", MARCH].at_minimum == 0
    assert cells["WK", MARCH].on_duty == 1
    assert (cells["WK", MARCH].at_minimum, cells["WK", MARCH].instants) == (2, 3)
    assert cells["WK", MARCH].away == 1  # S008 in 内科
    assert cells["NK", APRIL].on_duty == 2 and cells["NK", APRIL].away == 1  # S007 away
    assert cells["WK", APRIL].on_duty == 1 and cells["WK", APRIL].at_minimum == 1
    assert str(cells["NK", APRIL].at) == "2026-04-07 16:30:00+08:00"
    # the tightest month per department: 内科 April (slack 1 < 2); 外科 March (two starts at
    # its minimum against one in April)
    assert {k for k, c in cells.items() if c.tightest} == {("NK", APRIL), ("WK", MARCH)}


def test_coverage_counts_leave() -> None:
    """S003's sick leave (03-10..03-12) overlaps no session; moved onto 03-03 it costs 内科 one."""
    p = builders.problem()
    leave = replace(p.unavailability[0], start=dt.date(2026, 3, 3), end=dt.date(2026, 3, 3))
    p = replace(p, unavailability=(leave, *p.unavailability[1:]))
    cells = {(c.department, c.month): c for c in department_cover(p, builders.plan())}
    assert (cells["NK", MARCH].on_duty, cells["NK", MARCH].leave) == (2, 1)


def test_room_utilisation() -> None:
    """Tuesday and Thursday slots of 1.5 h: March 2026 has 9 → 13.5 h, less R2's two closed
    slots (03-17, 03-19) → 10.5 h; April has 9 as well (清明 falls on Sat–Mon)."""
    p = builders.problem()
    rows = {(r.room, r.month): r for r in room_utilisation(p, builders.calendar(p),
                                                           builders.plan())}
    assert (rows["R1", MARCH].used_hours, rows["R1", MARCH].available_hours) == (3.0, 13.5)
    assert rows["R1", MARCH].share == pytest.approx(3 / 13.5)
    assert (rows["R2", MARCH].used_hours, rows["R2", MARCH].available_hours) == (1.5, 10.5)
    assert (rows["R2", APRIL].sessions, rows["R2", APRIL].share) == (0, 0.0)


def test_speaker_load_heaviest_first() -> None:
    loads = speaker_load(builders.plan())
    assert [(s.speaker, s.sessions, s.hours) for s in loads] == [
        ("S001", 2, 3.0), ("S004", 2, 3.0), ("S006", 1, 1.5)]


def test_unmet_lists_every_shortfall_and_missed_session() -> None:
    plan = builders.plan()
    items = unmet_items(plan)
    assert sum(u.kind == SHORTFALL for u in items) == EXPECTED["short_lines"]
    assert sum(u.kind == MISSED for u in items) == EXPECTED["missed"]
    assert all(u.reason for u in items)
    s007 = [(u.kind, u.item, u.part) for u in items if u.staff == "S007"]
    assert s007 == [(SHORTFALL, "ethics", None), (SHORTFALL, "lecture", None),
                    (MISSED, "QY", 1), (MISSED, "QY", 2)]


def test_holiday_notes_flag_estimated_days_and_sessions_on_them() -> None:
    plan = builders.plan()
    day = dt.date(2026, 3, 3)  # QY#1.1
    cal = WorkCalendar(start=dt.date(2026, 3, 1), end=dt.date(2026, 4, 30),
                       workdays=frozenset({day}), holidays={dt.date(2026, 3, 2): "估算假日"},
                       estimated=frozenset({dt.date(2026, 3, 2), day}),
                       notes=("2026: ESTIMATED",))
    notes = holiday_notes(cal, plan)
    assert notes.estimated_days == (dt.date(2026, 3, 2), day)
    assert notes.sessions_on_estimated == ("QY#1.1",)
    assert [(d.date, d.estimated) for d in notes.days] == [(dt.date(2026, 3, 2), True)]
    assert notes.notes == ("2026: ESTIMATED",)
