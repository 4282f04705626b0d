"""Step 1, one task per hospital: read its inputs and see its months as its own months phase
sees them — how many of each department may be away in each month (headcount − minimum on
duty − its own rotations and placements), who is already busy which month, who is on leave
which day, and who may take each shared seat or join each city training.

The master (:mod:`planner.bureau.master`) needs only these small facts, never the hospital's
whole model, so the survey runs where the hospital's plan will run (a Ray worker) and ships
back a :class:`HospitalView`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from planner.bureau.inputs import Bureau, BureauIssue, CityTraining, SharedSeat
from planner.domain import Problem
from planner.errors import InputError, PlannerError


def month_index(start: dt.date, day: dt.date) -> int:
    return (day.year - start.year) * 12 + day.month - start.month


@dataclass
class HospitalView:
    key: str  # the folder under hospitals/
    name: str = ""  # the hospital's name (plan.yaml ``hospital``)
    staff: int = 0
    problem: Problem | None = None
    dept_of: dict[str, str] = field(default_factory=dict)
    #: department → how many may be away in a month before it drops below its minimum
    slack: dict[str, int] = field(default_factory=dict)
    #: (department, month) → its staff already away that month in the hospital's own months
    own_away: dict[tuple[str, int], int] = field(default_factory=dict)
    busy: dict[str, frozenset[int]] = field(default_factory=dict)  # person → months away
    leave: dict[str, tuple[tuple[dt.date, dt.date], ...]] = field(default_factory=dict)
    seat_candidates: dict[str, tuple[str, ...]] = field(default_factory=dict)
    audience: dict[str, tuple[str, ...]] = field(default_factory=dict)
    error: str = ""  # why the hospital cannot be planned (its problems, in the plan's language)

    def on_leave(self, pid: str, day: dt.date) -> bool:
        return any(a <= day <= b for a, b in self.leave.get(pid, ()))


def survey(bureau: Bureau, key: str, problem_path, time_limit: float | None,
           seed: int) -> HospitalView:
    """The facts of hospital ``key`` (inputs under ``problem_path``); a hospital that cannot be
    read comes back with ``error`` set, in the bureau's language, naming the hospital."""
    from planner.inputs import load_problem
    from planner.solver.config import SolverConfig
    from planner.solver.months import solve_months
    from planner.workdays import build_calendar

    view = HospitalView(key, name=key)
    try:
        problem = load_problem(problem_path, language=bureau.language)
        view.name = problem.settings.hospital
        problems = _mismatch(bureau, key, problem)
        if problems:
            view.error = "\n".join(i.render(bureau.language) for i in problems)
            return view
        calendar = build_calendar(problem.settings, problem.holidays)
        config = SolverConfig.from_settings(problem.settings.solver, time_limit=time_limit,
                                            seed=seed)
        months = solve_months(problem, config, calendar=calendar)
    except InputError as e:
        view.name = _name_in(problem_path) or key
        view.error = "\n".join(_prefixed(bureau, key, view.name, line)
                               for line in e.lines(bureau.language))
        return view
    except PlannerError as e:
        view.error = _prefixed(bureau, key, view.name, e.text(bureau.language))
        return view
    except Exception as e:  # noqa: BLE001 — one hospital's failure never stops the others
        from planner.bureau.labels import words_for

        view.error = _prefixed(bureau, key, view.name, words_for(bureau.language)(
            "fail.crash", error=f"{type(e).__name__}: {e}"))
        return view
    view.problem = problem
    view.staff = len(problem.staff)
    _facts(view, problem, months)
    start = problem.settings.horizon_start
    for seat in bureau.seats:
        if not seat.hospitals or key in seat.hospitals:
            view.seat_candidates[seat.id] = _candidates(problem, seat, start)
    for training in bureau.trainings:
        if not training.hospitals or key in training.hospitals:
            view.audience[training.id] = _audience(problem, training, start)
    return view


def _name_in(path) -> str:
    """The hospital's name from its plan.yaml, when the rest of its inputs cannot be read."""
    import yaml

    try:
        doc = yaml.safe_load((path / "plan.yaml").read_text("utf-8-sig"))
        name = doc.get("hospital") if isinstance(doc, dict) else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    return name.strip()[:100] if isinstance(name, str) else ""


def _prefixed(bureau: Bureau, key: str, name: str, line: str) -> str:
    from planner.bureau.labels import words_for

    return words_for(bureau.language)("where.hospital", hospital=name, folder=key) + line


def _mismatch(bureau: Bureau, key: str, problem: Problem) -> list[BureauIssue]:
    """The hospital must plan the bureau's horizon, and its own seats must not take a shared
    seat's id (the placements of both are told apart by it)."""
    s = problem.settings
    where = (s.hospital, key)
    out = []
    if (s.horizon_start, s.horizon_end) != (bureau.horizon_start, bureau.horizon_end):
        out.append(BureauIssue("plan.yaml", None, "horizon", None, "in.horizon_differs",
                               (("hstart", s.horizon_start), ("hend", s.horizon_end),
                                ("start", bureau.horizon_start), ("end", bureau.horizon_end)),
                               hospital=where))
    shared = {seat.id for seat in bureau.seats}
    for seat in problem.seats:
        if seat.id in shared:
            out.append(BureauIssue("external_seats.csv", None, "id", seat.id, "in.seat_clash",
                                   (("seat", seat.id),), hospital=where))
    return out


def _facts(view: HospitalView, problem: Problem, months) -> None:
    """Slack and own use per department and month, mirroring the months phase's coverage rule
    (:mod:`planner.solver.months.coverage`)."""
    start = problem.settings.horizon_start
    staff = {p.id: p for p in problem.staff}
    depts = {d.id: d for d in problem.departments}
    headcount: dict[str, int] = defaultdict(int)
    for p in problem.staff:
        headcount[p.department] += 1
        view.dept_of[p.id] = p.department
    view.slack = {d: headcount[d] - depts[d].min_on_duty for d in sorted(depts)}
    away: dict[tuple[str, int], int] = defaultdict(int)
    busy: dict[str, set[int]] = defaultdict(set)
    for stay in months.stays:
        home = staff[stay.pid].department
        for k in range(month_index(start, stay.start), month_index(start, stay.end) + 1):
            busy[stay.pid].add(k)
            if stay.dept != home:
                away[home, k] += 1
                if depts[stay.dept].rotators_count_on_duty:
                    away[stay.dept, k] -= 1
    for placement in months.placements:
        home = staff[placement.pid].department
        for k in range(month_index(start, placement.start),
                       month_index(start, placement.end) + 1):
            busy[placement.pid].add(k)
            away[home, k] += 1
    view.own_away = dict(sorted(away.items()))
    view.busy = {pid: frozenset(ks) for pid, ks in sorted(busy.items())}
    leave: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for u in problem.unavailability:
        if u.kind == "staff":
            leave[u.id].append((u.start, u.end))
    view.leave = {pid: tuple(sorted(r)) for pid, r in sorted(leave.items())}


def _candidates(problem: Problem, seat: SharedSeat, day: dt.date) -> tuple[str, ...]:
    out = []
    for p in problem.staff:
        if not seat.candidates.matches(p, day):
            continue
        if p.employed_since is not None and seat.min_years:
            e = p.employed_since
            years = day.year - e.year - ((day.month, day.day) < (e.month, e.day))
            if years < seat.min_years:
                continue
        out.append(p.id)
    return tuple(sorted(out))


def _audience(problem: Problem, training: CityTraining, day: dt.date) -> tuple[str, ...]:
    return tuple(sorted(p.id for p in problem.staff if training.audience.matches(p, day)))
