"""A hospital's share of the allocation, written into its own inputs."""

from __future__ import annotations

import datetime as dt

from planner.bureau.fixing import with_allocation
from planner.bureau.inputs import load_bureau
from planner.bureau.master import CohortPlace, SeatPlace
from planner.inputs import load_problem
from tests.bureau.conftest import BUREAU_EXAMPLE

D = dt.date


def test_seats_become_the_hospitals_seats_and_training_days_days_away():
    bureau = load_bureau(BUREAU_EXAMPLE)
    problem = load_problem(BUREAU_EXAMPLE / "hospitals" / "jia")
    seat, training = bureau.seats[1], bureau.trainings[0]
    seats = [SeatPlace(seat, "jia", "A005", D(2027, 3, 1), D(2027, 4, 30)),
             SeatPlace(seat, "jia", "A009", D(2027, 4, 1), D(2027, 5, 31))]
    cohorts = [CohortPlace(training, 1, D(2027, 4, 13), "jia", "A006")]
    fixed = with_allocation(problem, seats, cohorts, "zh")
    added = fixed.seats[len(problem.seats):]
    # two starts: one seat each, named by month; only the allocated person may take it
    assert [(s.id, s.start_earliest, s.start_latest, s.seats) for s in added] == [
        ("SZX-QK-202703", D(2027, 3, 1), D(2027, 3, 1), 1),
        ("SZX-QK-202704", D(2027, 4, 1), D(2027, 4, 1), 1)]
    assert added[0].candidates.ids == frozenset({"A005"}) and added[0].partner == "市中心医院"
    away = fixed.unavailability[len(problem.unavailability):]
    assert [(u.id, u.start, u.end, u.reason) for u in away] == [
        ("A006", D(2027, 4, 13), D(2027, 4, 13), "全市培训：全市心肺复苏导师培训班（市急救中心培训楼）")]
    done = fixed.history[len(problem.history):]
    assert [(h.staff_id, h.kind, h.category, h.amount) for h in done] == [
        ("A006", "hours", "skills", 6), ("A006", "credits", "II", 2)]
