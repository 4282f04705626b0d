"""Step 2: the bureau's master — who of which hospital takes each shared seat, and who joins
which cohort of each city training — one CP-SAT model over all hospitals.

Rules (hard):

* a seat holds at most its ``seats`` people, each a candidate of an allowed hospital, starting
  on the first day of a month inside its start window; a person holds at most one seat;
* a person joins a training at most once, a cohort holds at most its size, nobody is in two
  places on one day, nobody joins a training while away on a seat or on leave;
* **each hospital's coverage as its own months phase sees it**: in every month, a department's
  people away on shared seats stay within what its own rotations and placements leave it
  (headcount − minimum on duty − its own away, :mod:`planner.bureau.survey`); on a training
  day, those at the training add to them and to the people on leave that day.

Objective, in this order (one weighted sum whose weights make it lexicographic): seats filled;
people trained; fairness between hospitals — the largest share of seats one hospital gets
kept small and the smallest share of a hospital's audience trained kept large. The
same inputs always give the same allocation: one search worker, a fixed seed and a
deterministic time limit make the search itself deterministic.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.bureau.inputs import Bureau, CityTraining, SharedSeat
from planner.bureau.survey import HospitalView, month_index
from planner.solver.months.grid import placement_end

#: per hospital, seat and department, at most this many candidates beyond the seat count are
#: offered to the model (the lowest ids; the rest could only replace an equal colleague)
EXTRA_CANDIDATES = 2
SCALE = 1000  # fractions in thousandths


@dataclass(frozen=True)
class SeatPlace:
    seat: SharedSeat
    hospital: str
    pid: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class CohortPlace:
    training: CityTraining
    cohort: int  # 1-based, in date order
    date: dt.date
    hospital: str
    pid: str


@dataclass
class Allocation:
    seats: list[SeatPlace] = field(default_factory=list)
    cohorts: list[CohortPlace] = field(default_factory=list)
    status: str = "EMPTY"

    def of(self, hospital: str) -> tuple[list[SeatPlace], list[CohortPlace]]:
        return ([s for s in self.seats if s.hospital == hospital],
                [c for c in self.cohorts if c.hospital == hospital])


def seat_starts(bureau: Bureau, seat: SharedSeat) -> list[dt.date]:
    """First days of months inside the start window, else its earliest day (as the months
    phase offers a seat's starts)."""
    firsts = []
    day = dt.date(seat.start_earliest.year, seat.start_earliest.month, 1)
    while day <= seat.start_latest:
        if day >= seat.start_earliest:
            firsts.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return firsts or [seat.start_earliest]


def allocate(bureau: Bureau, views: list[HospitalView], time_limit: float = 10.0) -> Allocation:
    """The allocation over ``views`` (hospitals that could be read), deterministic."""
    model = cp_model.CpModel()
    start = bureau.horizon_start
    views = sorted(views, key=lambda v: v.key)
    by_key = {v.key: v for v in views}
    x: dict[tuple[str, dt.date, str, str], cp_model.IntVar] = {}
    for seat in bureau.seats:
        for view in views:
            pool = _trimmed(view, view.seat_candidates.get(seat.id, ()), seat.seats)
            for day in seat_starts(bureau, seat):
                end = placement_end(day, seat.months)
                months = set(range(month_index(start, day), month_index(start, end) + 1))
                for pid in pool:
                    if view.busy.get(pid, frozenset()) & months:
                        continue
                    x[seat.id, day, view.key, pid] = model.new_bool_var(
                        f"x|{seat.id}|{day}|{view.key}|{pid}")
    y: dict[tuple[str, int, str, str], cp_model.IntVar] = {}
    for training in bureau.trainings:
        places = training.cohort_size * len(training.dates)
        for view in views:
            audience = view.audience.get(training.id, ())[:places + len(training.dates) * 4]
            for n, day in enumerate(training.dates, start=1):
                k = month_index(start, day)
                for pid in audience:
                    if k in view.busy.get(pid, frozenset()) or view.on_leave(pid, day):
                        continue
                    y[training.id, n, view.key, pid] = model.new_bool_var(
                        f"y|{training.id}|{n}|{view.key}|{pid}")
    seats = {s.id: s for s in bureau.seats}
    trainings = {t.id: t for t in bureau.trainings}
    # seat capacity; one seat a person
    per_seat: dict[str, list] = defaultdict(list)
    per_person_seat: dict[tuple[str, str], list] = defaultdict(list)
    away: dict[tuple[str, str, int], list] = defaultdict(list)  # (hospital, dept, month)
    person_months: dict[tuple[str, str, int], list] = defaultdict(list)
    for (sid, day, h, pid), var in x.items():
        per_seat[sid].append(var)
        per_person_seat[h, pid].append(var)
        end = placement_end(day, seats[sid].months)
        for k in range(month_index(start, day), month_index(start, end) + 1):
            away[h, by_key[h].dept_of[pid], k].append(var)
            person_months[h, pid, k].append(var)
    for sid, vars_ in per_seat.items():
        model.add(sum(vars_) <= seats[sid].seats)
    for vars_ in per_person_seat.values():
        model.add_at_most_one(vars_)
    for (h, dept, k), vars_ in sorted(away.items()):
        view = by_key[h]
        model.add(sum(vars_) <= max(0, view.slack.get(dept, 0) - view.own_away.get((dept, k), 0)))
    # trainings
    per_cohort: dict[tuple[str, int], list] = defaultdict(list)
    per_person_training: dict[tuple[str, str, str], list] = defaultdict(list)
    per_person_day: dict[tuple[str, str, dt.date], list] = defaultdict(list)
    per_day_dept: dict[tuple[str, str, dt.date], list] = defaultdict(list)
    for (tid, n, h, pid), var in y.items():
        day = trainings[tid].dates[n - 1]
        per_cohort[tid, n].append(var)
        per_person_training[tid, h, pid].append(var)
        per_person_day[h, pid, day].append(var)
        per_day_dept[h, by_key[h].dept_of[pid], day].append(var)
        for seat_var in person_months.get((h, pid, month_index(start, day)), ()):
            model.add_implication(var, seat_var.Not())
    for (tid, _), vars_ in per_cohort.items():
        model.add(sum(vars_) <= trainings[tid].cohort_size)
    for vars_ in list(per_person_training.values()) + list(per_person_day.values()):
        model.add_at_most_one(vars_)
    for (h, dept, day), vars_ in sorted(per_day_dept.items()):
        view = by_key[h]
        k = month_index(start, day)
        on_leave = sum(1 for pid, d in view.dept_of.items()
                       if d == dept and view.on_leave(pid, day))
        room = view.slack.get(dept, 0) - view.own_away.get((dept, k), 0) - on_leave
        model.add(sum(vars_) + sum(away.get((h, dept, k), [])) <= max(0, room))
    objective = _objective(model, bureau, views, x, y)
    model.maximize(objective)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = bureau.seed
    solver.parameters.max_deterministic_time = time_limit
    code = solver.solve(model)
    allocation = Allocation(status=solver.status_name(code))
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return allocation  # nothing allocated: an empty model is always feasible
    for (sid, day, h, pid), var in sorted(x.items()):
        if solver.value(var):
            allocation.seats.append(SeatPlace(seats[sid], h, pid, day,
                                              placement_end(day, seats[sid].months)))
    for (tid, n, h, pid), var in sorted(y.items()):
        if solver.value(var):
            t = trainings[tid]
            allocation.cohorts.append(CohortPlace(t, n, t.dates[n - 1], h, pid))
    return allocation


def _trimmed(view: HospitalView, pool: tuple[str, ...], seats: int) -> list[str]:
    """The candidates offered: per department, the seat count plus a few (lowest ids first)."""
    kept: dict[str, int] = defaultdict(int)
    out = []
    for pid in pool:
        dept = view.dept_of[pid]
        if kept[dept] < seats + EXTRA_CANDIDATES:
            kept[dept] += 1
            out.append(pid)
    return out


def _objective(model: cp_model.CpModel, bureau: Bureau, views: list[HospitalView],
               x: dict, y: dict) -> cp_model.LinearExpr:
    """Seats filled ≻ people trained ≻ fairness between hospitals."""
    total_seats = sum(s.seats for s in bureau.seats)
    seat_of: dict[str, list] = defaultdict(list)
    for (_, _, h, _), var in x.items():
        seat_of[h].append(var)
    largest = model.new_int_var(0, total_seats, "largest_share")
    for vars_ in seat_of.values():
        model.add(sum(vars_) <= largest)
    trained: dict[str, list] = defaultdict(list)
    for (_, _, h, _), var in y.items():
        trained[h].append(var)
    smallest = model.new_int_var(0, SCALE, "smallest_trained")
    for view in views:
        audience = len({pid for t in bureau.trainings for pid in view.audience.get(t.id, ())})
        if trained.get(view.key) and audience:
            # smallest ≤ SCALE · trained / audience
            model.add(smallest * audience <= SCALE * sum(trained[view.key]))
    fair_max = (total_seats + 1) * (SCALE + 1)
    fairness = (total_seats - largest) * (SCALE + 1) + smallest
    trained_max = len(y) + 1
    return (sum(x.values()) * trained_max + sum(y.values())) * fair_max + fairness
