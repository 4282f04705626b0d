"""The bundled example hospital (inputs/example) is valid and internally consistent.

Beyond the loader's own validation: every fixed date falls on a working day of the office's
2027 holiday table, and that table misses none of the public holidays the ``holidays`` package
knows, so the example never plans a lecture on a holiday.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.domain import Category
from planner.workdays import build_calendar

EXAMPLE = Path(__file__).resolve().parent.parent / "inputs" / "example"

inputs = pytest.importorskip("planner.inputs")


@pytest.fixture(scope="module")
def problem():  # type: ignore[no-untyped-def]
    return inputs.load_problem(EXAMPLE)


def test_sizes(problem) -> None:  # type: ignore[no-untyped-def]
    assert len(problem.staff) == 150
    assert len(problem.departments) == 11
    assert len(problem.rooms) == 5
    assert problem.settings.horizon_start.isoformat() == "2027-01-01"
    cats = {c.category for c in problem.courses}
    assert {
        Category.ETHICS,
        Category.INFECTION,
        Category.SKILLS,
        Category.LAW,
        Category.LECTURE,
        Category.GRAND_ROUND,
        Category.EXAM,
    } <= cats
    assert len(problem.programmes) == 1 and len(problem.seats) == 2


def test_calendar_from_table_without_gaps(problem) -> None:  # type: ignore[no-untyped-def]
    cal = build_calendar(problem.settings, problem.holidays)
    assert not cal.estimated
    assert not any("WARNING" in n or "警告" in n for n in cal.notes), cal.notes
    assert len(cal.time_points(problem.settings.slots)) > 140


def test_fixed_dates_are_workdays(problem) -> None:  # type: ignore[no-untyped-def]
    cal = build_calendar(problem.settings, problem.holidays)
    slots = {s.id: s for s in problem.settings.slots}
    for c in problem.courses:
        for d in c.dates:
            assert cal.is_workday(d), (c.id, d)
            assert cal.slots_on(d, problem.settings.slots), (c.id, d)
    for t in problem.topics:
        if t.date:
            assert cal.slots_on(t.date, problem.settings.slots), t
    for p in problem.pins:
        if p.date:
            assert slots[p.slot] in cal.slots_on(p.date, problem.settings.slots), p


def test_courses_fit_slots_and_rooms(problem) -> None:  # type: ignore[no-untyped-def]
    longest = max(s.hours for s in problem.settings.slots)
    for c in problem.courses:
        if c.mode.value == "in-person":
            assert c.hours <= longest, c.id
            rooms = [r for r in problem.rooms if not c.room_feature or c.room_feature in r.features]
            assert rooms, c.id
            if c.cohort_size:
                assert max(r.capacity for r in rooms) >= c.cohort_size, c.id


def test_quota_hours_are_reachable(problem) -> None:  # type: ignore[no-untyped-def]
    """Offered hours reach each quota within the online share cap, for every person in scope."""
    start = problem.settings.horizon_start
    for q in problem.settings.quotas:
        for person in problem.audience(q.who):
            online = sum(
                c.hours * c.parts
                for c in problem.courses
                if c.category == q.category
                and c.mode.value == "online"
                and c.audience.matches(person, start)
            )
            live = sum(
                c.hours * c.parts
                for c in problem.courses
                if c.category == q.category
                and c.mode.value == "in-person"
                and c.audience.matches(person, start)
            )
            assert min(online, q.online_share_max * q.min_hours) + live >= q.min_hours, (
                person.id,
                q.category,
            )


def test_bundled_workbook_holds_the_same_example(problem) -> None:  # type: ignore[no-untyped-def]
    """inputs/example.xlsx is the example folder as one workbook: both load to equal objects."""
    from dataclasses import replace

    book = inputs.load_problem(EXAMPLE.with_suffix(".xlsx"))
    assert book.name == problem.name == "example"
    assert replace(book, name="") == replace(problem, name="")
