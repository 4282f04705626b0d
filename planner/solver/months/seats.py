"""External-study seats (进修): each seat is held by at most ``seats`` people, each an eligible
candidate (the seat's candidate filter, and at least ``min_years`` of service when the start of
employment is known), starting on the first day of a month inside the start window (or on the
earliest start when no month begins inside it) and staying ``months`` calendar months. A person
holds at most one placement. At most ``max_away_per_specialty`` people of one specialty (the
person's specialty, else their department) are away on external study in any month a placement
of the capped seat is. A placement is not offered to someone on leave on every day of its
teach-back window that could hold the lecture (when the plan owes one: the window ends inside
the horizon and holds a working day with a lecture slot — :meth:`.days.Days.teach_back_possible`);
a placement begun before a re-plan's freeze date is kept whatever leave was entered since.
Filled seats count in the objective's main tier; the seat's department priority is a
preference."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from planner.domain import ExternalSeat, Mode, Staff
from planner.solver.periods import part_period
from planner.solver.months.grid import placement_end
from planner.solver.months.model import MAIN, PREFERENCE, TIE, MonthsModel, SeatOption
from planner.warning_labels import warning_words


def years_of_service(person: Staff, day: dt.date) -> int | None:
    e = person.employed_since
    if e is None:
        return None
    return day.year - e.year - ((day.month, day.day) < (e.month, e.day))


def is_candidate(person: Staff, seat: ExternalSeat, day: dt.date) -> bool:
    """Whether ``person`` may hold ``seat``: its candidate filter, and at least ``min_years``
    of service on ``day`` (the horizon start) when their start date is known."""
    if not seat.candidates.matches(person, day):
        return False
    years = years_of_service(person, day)
    return years is None or years >= seat.min_years


def eligible(mm: MonthsModel, seat: ExternalSeat) -> list[str]:
    h = mm.problem.settings.horizon_start
    return sorted(p.id for p in mm.problem.staff if is_candidate(p, seat, h))


def specialty(person: Staff) -> str:
    return person.specialty or person.department


def start_dates(mm: MonthsModel, seat: ExternalSeat) -> list[dt.date]:
    """First days of months inside the start window, else the earliest start; inside the
    horizon only."""
    s = mm.problem.settings
    firsts = [d for d in mm.grid.firsts if seat.start_earliest <= d <= seat.start_latest]
    starts = firsts or [seat.start_earliest]
    return [d for d in starts if s.horizon_start <= d <= s.horizon_end]


def commitments(mm: MonthsModel) -> dict[str, list[tuple[dt.date, dt.date]]]:
    """Person → date ranges in which they must give a session at home: the fixed speaker of a
    topic or pin (定人定题), or the only speaker of a course. A placement covering such a range
    whole would leave that session without its speaker, so it is not offered."""
    problem = mm.problem
    s = problem.settings
    out: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    courses = {c.id: c for c in problem.courses if c.mode is Mode.IN_PERSON}
    fixed: dict[tuple[str, int], tuple[str, dt.date | None]] = {}
    for t in problem.topics:
        if t.speaker and t.course in courses:
            fixed[t.course, t.part] = (t.speaker, t.date)
    for p in problem.pins:
        if p.speaker and p.course in courses:
            fixed[p.course, p.part] = (p.speaker, p.date)
    for c in courses.values():
        lo = max(c.window_start or s.horizon_start, s.horizon_start)
        hi = min(c.window_end or s.horizon_end, s.horizon_end)
        pool = problem.audience(c.speakers) if c.speakers is not None else []
        for part in range(1, c.parts + 1):
            who, day = fixed.get((c.id, part), (pool[0].id if len(pool) == 1 else "", None))
            if not who:
                continue
            if day is not None:
                out[who].append((day, day))
            elif c.dates:
                out[who].append((min(c.dates), max(c.dates)))
            else:
                period = part_period(c, part, lo)
                out[who].append((max(lo, period[0]), min(hi, period[1])) if period else (lo, hi))
    return out


def add(mm: MonthsModel) -> None:
    m = mm.model
    duty = commitments(mm)
    per_person: dict[str, list] = defaultdict(list)
    for seat in sorted(mm.problem.seats, key=lambda x: x.id):
        people = eligible(mm, seat)
        starts = start_dates(mm, seat)
        if not starts:
            mm.warnings.append(warning_words(mm.problem.settings.language)(
                "seat.outside", seat=seat.id, partner=seat.partner, specialty=seat.specialty,
                lo=seat.start_earliest, hi=seat.start_latest))
            continue
        ranks = {d: i for i, d in enumerate(seat.department_priority)}
        mine: list[SeatOption] = []
        order: dict[int, int] = {}
        for i, pid in enumerate(people):
            dept = mm.staff[pid].department
            rank = ranks.get(dept, len(seat.department_priority))
            for j, start in enumerate(starts):
                end = placement_end(start, seat.months)
                if any(start <= lo and hi <= end for lo, hi in duty.get(pid, ())):
                    continue  # would take away the only speaker of a session
                if (mm.days is not None and (pid, seat.id, start) not in mm.begun_seats
                        and not mm.days.teach_back_possible(pid, seat, end)):
                    continue  # on leave through the teach-back window: no lecture possible
                if (pid, seat.id, start) not in mm.begun_seats and not mm.avoid.seat_ok(
                        pid, seat.id, start, mm.grid.touched(start, end)):
                    continue  # a failed timetable needs them at home then (:mod:`.avoid`)
                var = m.new_bool_var(f"seat[{seat.id},{pid},{start}]")
                opt = SeatOption(seat, pid, start, end, mm.grid.touched(start, end), var, rank)
                mm.seat_options.append(opt)
                mine.append(opt)
                per_person[pid].append(var)
                order[var.index] = i + j
        if mine:
            m.add(sum(o.var for o in mine) <= seat.seats)
            mm.reward(MAIN, sum(o.var for o in mine), seat.seats, f"seat filled: {seat.id}")
            # At most ``seats`` options hold, so each sum stays below seats × its largest rank.
            mm.penalise(PREFERENCE, sum(o.var * o.rank for o in mine),
                        seat.seats * max(o.rank for o in mine), f"department priority: {seat.id}")
            mm.penalise(TIE, sum(o.var * order[o.var.index] for o in mine),
                        seat.seats * max(order[o.var.index] for o in mine),
                        f"candidate order: {seat.id}")
    for vs in per_person.values():
        if len(vs) > 1:
            m.add_at_most_one(vs)
    _specialty_caps(mm)


def _specialty_caps(mm: MonthsModel) -> None:
    """For every placement of a capped seat, in each month it touches, the people of that
    person's specialty away on any seat that month stay within the cap."""
    away: dict[tuple[str, int], list] = defaultdict(list)
    for o in mm.seat_options:
        for k in o.months:
            away[specialty(mm.staff[o.pid]), k].append(o.var)
    for o in mm.seat_options:
        cap = o.seat.max_away_per_specialty
        if cap is None:
            continue
        for k in o.months:
            vs = away[specialty(mm.staff[o.pid]), k]
            if len(vs) > cap:
                mm.model.add(sum(vs) <= cap).only_enforce_if(o.var)
