"""Enough places: a part's runs should seat everyone who must follow it. A run offers the seats
of its room level, but no more than the wards of its audience can release at that time — so a
tight department gets more runs, at times it can spare people, and a closed hall more runs in
smaller rooms, up to what the course allows. Each place short costs :data:`SEAT_WEIGHT`, far
above spreading and below moving a published session; each run costs :data:`RUN_WEIGHT` (a
speaker's evening), so no run is added that seats nobody new.

The wards' release is the day's roster less its minimum and those on leave
(:meth:`~planner.solver.instance.Instance.ward`), summed over the departments of the audience,
each up to its own members: an estimate that the attendance phase then settles exactly."""

from __future__ import annotations

from collections import defaultdict

from planner.solver.timetable.model import TimetableModel
from planner.solver.timetable.parts import Part

SEAT_WEIGHT = 50
RUN_WEIGHT = 20


def add(tm: TimetableModel) -> None:
    inst = tm.inst
    cover: dict[tuple[str, object], int] = {}
    coef = tm.offers  # choice → places it offers
    for p in tm.parts:
        cs = tm.of(p.index)
        for c in cs:
            tm.penalise(c.var, RUN_WEIGHT, "runs")
        if p.demand <= 0 or not cs:
            continue
        per_dept = _per_dept(tm, p)
        terms = []
        for c in cs:
            day = inst.time_points[c.t].date
            key = (f"{p.course.id}#{p.part}" if inst.past else p.course.id, day)
            if key not in cover:
                cover[key] = sum(min(max(0, inst.ward(d, day)[1]), n)
                                 for d, n in per_dept.items())
            seats = min(tm.level(c).seats, p.cap, cover[key])
            if seats > 0:
                terms.append(seats * c.var)
                coef[c] = seats
        short = tm.model.new_int_var(0, p.demand, f"short[{p.course.id}#{p.part}]")
        tm.model.add(sum(terms) + short >= p.demand)
        tm.penalise(short, SEAT_WEIGHT, "places short")
        _tightest_ward(tm, p, per_dept)
    _shared_release(tm, coef)


def _tightest_ward(tm: TimetableModel, p: Part, per_dept: dict[str, int]) -> None:
    """The places above are summed over the audience's wards, so a roomy ward's spare people
    could stand in for a tight ward's: a ward releasing ``s`` people at a time needs
    ``n / s`` runs for its ``n`` people. The part should have as many runs as its tightest ward
    needs (as the course allows); each run short costs the places it would have given that
    ward. Measured on the example: per-ward places short at the runs' days fell from 191 to
    the old timetable's level once this was added."""
    inst = tm.inst
    days = sorted({inst.time_points[c.t].date for c in tm.of(p.index)})
    if not days:
        return
    need, tight = 0, 1
    for d, n in per_dept.items():
        spares = sorted(max(0, inst.ward(d, day)[1]) for day in days)
        typical = max(1, spares[len(spares) // 2])
        runs = -(-n // typical)
        if runs > need:
            need, tight = runs, min(typical, n)
    need = min(need, p.max_runs)
    if need <= 1:
        return
    tm.run_target[p.index] = need
    missing = tm.model.new_int_var(0, need, f"runs_short[{p.course.id}#{p.part}]")
    tm.model.add(sum(c.var for c in tm.of(p.index)) + missing >= need)
    tm.penalise(missing, SEAT_WEIGHT * tight, "places short")


def _shared_release(tm: TimetableModel, coef: dict) -> None:  # noqa: ANN001
    """Runs at one time share the wards' release: places they offer beyond what all wards can
    release then count as short too (else two whole-hospital lectures at once would each count
    every ward's spare people)."""
    inst = tm.inst
    for points in inst.instants:
        entries = [(coef[c], c.var) for t in points for c in tm.at(t) if c in coef]
        if len(entries) < 2:
            continue
        day = inst.time_points[points[0]].date
        release = sum(max(0, inst.ward(d, day)[1]) for d in inst.dept_staff)
        if sum(k for k, _ in entries) <= release:
            continue
        over = tm.model.new_int_var(0, sum(k for k, _ in entries), f"over[{points[0]}]")
        tm.model.add(sum(k * v for k, v in entries) - over <= release)
        tm.penalise(over, SEAT_WEIGHT, "places short")


def _per_dept(tm: TimetableModel, p: Part) -> dict[str, int]:
    """Department → how many of the part's audience (re-planning: still to follow it) work there."""
    inst = tm.inst
    past = inst.past
    out: dict[str, int] = defaultdict(int)
    for pid in inst.audience[p.course.id]:
        if past is None or (p.course.id, p.part) not in past.done.get(pid, ()):
            out[inst.staff[pid].department] += 1
    return out
