"""The master on hand-made hospital views: coverage as each hospital's months phase leaves it,
seat and cohort sizes, fairness between hospitals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.bureau.inputs import Bureau, CityTraining, SharedSeat, Venue
from planner.bureau.master import allocate
from planner.bureau.survey import HospitalView
from planner.domain import Category, CreditClass, Who

D = dt.date


def _bureau(seats=(), trainings=()) -> Bureau:
    return Bureau("city", "市卫健委", "zh", D(2027, 1, 1), D(2027, 6, 30), Path("."),
                  ("h1", "h2"), seats=tuple(seats), trainings=tuple(trainings))


def _seat(seats: int, months: int = 2) -> SharedSeat:
    return SharedSeat("S", "省人民医院", "心内", D(2027, 3, 1), D(2027, 3, 31), months, seats,
                      Who(""))


def _view(key: str, people: list[str], slack: int, own_away: int = 0,
          busy: dict[str, frozenset[int]] | None = None) -> HospitalView:
    v = HospitalView(key, name=key, staff=len(people))
    v.dept_of = {p: "NK" for p in people}
    v.slack = {"NK": slack}
    v.own_away = {("NK", 2): own_away, ("NK", 3): own_away}  # March, April
    v.busy = busy or {}
    v.seat_candidates = {"S": tuple(people)}
    v.audience = {"T": tuple(people)}
    return v


def test_a_department_at_its_minimum_sends_nobody():
    # h1's NK may spare 1, but its own rotations already take 1 in March and April
    views = [_view("h1", ["a1", "a2", "a3"], slack=1, own_away=1), _view("h2", ["b1", "b2"], 2)]
    alloc = allocate(_bureau([_seat(4)]), views)
    assert sorted(p.pid for p in alloc.seats) == ["b1", "b2"]  # 4 seats, only 2 can go


def test_busy_people_are_not_sent_and_seats_are_shared_fairly():
    views = [_view("h1", ["a1", "a2", "a3"], slack=3, busy={"a1": frozenset({2})}),
             _view("h2", ["b1", "b2", "b3"], slack=3)]
    alloc = allocate(_bureau([_seat(2)]), views)
    assert len(alloc.seats) == 2
    assert {p.hospital for p in alloc.seats} == {"h1", "h2"}  # one each, not both from one
    assert "a1" not in {p.pid for p in alloc.seats}


def test_cohorts_fill_within_size_and_day_coverage_and_fairly():
    venue = Venue("V", "市急救中心", 10)
    training = CityTraining("T", "全市CPR导师班", Category.SKILLS, 6, 2, CreditClass.II, Who(""),
                            2, venue, (D(2027, 4, 13),))
    views = [_view("h1", ["a1", "a2", "a3"], slack=1),  # one may leave the ward that day
             _view("h2", ["b1", "b2", "b3"], slack=3)]
    alloc = allocate(_bureau(trainings=[training]), views)
    # 2 places: one from each hospital (h1 may spare one; fairness gives h2 the other)
    assert sorted(c.hospital for c in alloc.cohorts) == ["h1", "h2"]
    assert all(c.date == D(2027, 4, 13) and c.cohort == 1 for c in alloc.cohorts)


def test_a_person_on_a_seat_does_not_join_a_training_in_those_months():
    venue = Venue("V", "市急救中心", 10)
    training = CityTraining("T", "培训", Category.SKILLS, 6, 0, CreditClass.NONE, Who(""), 5,
                            venue, (D(2027, 3, 16),))
    views = [_view("h1", ["a1"], slack=1)]
    alloc = allocate(_bureau([_seat(1)], [training]), views)
    assert [p.pid for p in alloc.seats] == ["a1"] and alloc.cohorts == []
