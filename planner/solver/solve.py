"""Run the phases and return a :class:`Result`, never raw solver codes.

0. months (CP-SAT): rotation blocks and external-study placements, month by month
   (:mod:`planner.solver.months`);
1. timetable (CP-SAT): when each session happens; rooms and speakers matched, with cuts
   (:mod:`planner.solver.timetable`);
2. attendance (HiGHS or CP-SAT): how many of each group attend each session, shortfall first
   (:mod:`planner.solver.attendance`) — when re-planning, only of the people the change
   reaches, everyone else's published attendance kept (:mod:`planner.solver.replan.scope`);
3. people named (:mod:`planner.solver.naming`), scored person by person against the model's
   bound, modelled again where the groups were too optimistic; quotas and reasons computed;
   the plan assembled.

Wall-clock figures go into ``Result.timings`` for the run log only.
"""

from __future__ import annotations

import math
import time

import numpy as np
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from planner.domain import Problem
from planner.plan import Plan
from planner.solver.attendance import engines
from planner.solver.attendance.score import group_costs, moves_cost, person_costs
from planner.solver.naming.assign import Attendance, assign_people, kept_attendance, with_kept
from planner.solver.attendance.model import (
    AttendanceModel,
    Kept,
    Schedule,
    Terms,
    blocked_runs,
    build_groups,
    person_terms,
)
from planner.solver.config import SolverConfig
from planner.solver.extract import build_plan, fallback_reason, quota_rows
from planner.solver.findings import Finding
from planner.solver.instance import Instance
from planner.solver.months import MonthsResult, solve_months
from planner.solver.months.avoid import NOTHING, Avoid
from planner.solver.replan.past import PastWork, restore_links
from planner.solver.replan.scope import scope, widen
from planner.solver.attendance.rules import ATTENDANCE_RULES
from planner.solver.rounds import months_and_timetable
from planner.warning_labels import warning_words
from planner.workdays import WorkCalendar

MAX_CUT_ROUNDS = 25
#: Times the attendance model is solved again with the people it was too optimistic about
#: modelled as they are (:func:`_attendance`).
REFINE_ROUNDS = 2
#: A local re-plan (:mod:`planner.solver.replan.scope`) that reaches more than this share of the
#: staff re-plans everyone's attendance instead.
LOCAL_SHARE = 0.5
Progress = Callable[[str, dict[str, float]], None]


@dataclass
class Result:
    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN
    plan: Plan | None
    explanation: list[str] = field(default_factory=list)
    #: without a plan: the rule instances that cannot hold together (planner.explain words them)
    findings: list[Finding] = field(default_factory=list)
    stats: dict[str, float] = field(default_factory=dict)  # deterministic model figures
    timings: dict[str, float] = field(default_factory=dict)  # wall clock, run log only

    @property
    def ok(self) -> bool:
        return self.plan is not None


STATUS = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
    cp_model.UNKNOWN: "UNKNOWN",
}


class _Progress(cp_model.CpSolverSolutionCallback):
    """A light callback: forwards objective, bound and (attendance phase) the share of needed
    hours the current solution reaches, for the progress display. It never steers the search."""

    def __init__(self, phase: str, report: Progress | None, started: float,
                 shortfall: list | None = None, need: float = 0.0):
        super().__init__()
        self.phase, self.report, self.started = phase, report, started
        self.shortfall, self.need = shortfall or [], need
        self.first: float | None = None

    def on_solution_callback(self) -> None:
        if self.first is None:
            self.first = time.perf_counter() - self.started
        if self.report is None:
            return
        figures = {"objective": self.objective_value, "bound": self.best_objective_bound,
                   "elapsed": time.perf_counter() - self.started}
        if self.need > 0:
            short = sum(self.value(v) for v in self.shortfall)
            figures["quotas_met"] = 100.0 * max(0.0, 1 - short / self.need)
        self.report(self.phase, figures)


def solve(problem: Problem, calendar: WorkCalendar, config: SolverConfig,
          progress: Progress | None = None, past: PastWork | None = None) -> Result:
    """Plan ``problem``; with ``past`` (re-planning), keep what the published plan held before
    the freeze date and move as little of the rest as the inputs allow."""
    t0 = time.perf_counter()
    result = Result(status="UNKNOWN", plan=None)
    rounds = months_and_timetable(
        problem, calendar, config,
        lambda avoid: _months(problem, config, progress, result, past, calendar, avoid),
        past, progress, result.stats, result.timings)
    if not rounds.ok:
        result.status = rounds.status
        result.explanation = rounds.explanation
        result.findings = rounds.findings
        return result
    months, derived, tt = rounds.months, rounds.derived, rounds.timetable
    assert derived is not None and tt is not None and tt.inst is not None
    advice = _months_advice(problem, calendar, config, past, rounds, result)
    inst, schedule = tt.inst, tt.schedule
    phase1 = {"objective": tt.objective}

    _start(progress, "attendance")
    t2 = time.perf_counter()
    blocked = blocked_runs(inst, schedule)
    terms = person_terms(inst, schedule, blocked)
    result.timings["person_terms"] = time.perf_counter() - t2
    if past is not None and config.replan_scope == "local":
        att = _local_attendance(inst, schedule, blocked, terms, config, progress, result)
    else:
        att = _attendance(inst, schedule, blocked, terms, config, progress, result)
    if att.status not in ("OPTIMAL", "FEASIBLE", "CONSTRUCTIVE"):
        result.status = att.status
        result.explanation = ["the attendance model found no solution within the time limit"]
        result.findings = [Finding("limit", text="attendance")]
        return result
    am, people, status2 = att.am, att.people, att.status
    att_objective, att_bound = att.objective, att.bound
    objective = {
        "timetable": phase1["objective"],
        "attendance": att_objective,
        "attendance_bound": att_bound,
        "shortfall_model": att.shortfall,
    }
    if math.isfinite(tt.bound):
        objective["timetable_bound"] = tt.bound
    phases = {"months": months_phase(months), "timetable": timetable_phase(tt),
              "attendance": status2}
    overall = overall_status(phases)
    result.status = overall
    t5 = time.perf_counter()
    objective.update(months.objective)
    result.plan = build_plan(inst, schedule, am, people, overall, objective,
                             months=months, derived=derived, phases=phases)
    result.plan.relaxations = {w: lines for w, lines in advice.items()
                               if w in result.plan.warnings}
    if past is not None:
        _merge_past(result.plan, past, replace(inst, problem=derived.problem))
    result.timings["extract"] = time.perf_counter() - t5
    result.timings["total"] = time.perf_counter() - t0
    return result


def _months_advice(problem: Problem, calendar: WorkCalendar, config: SolverConfig,
                   past: PastWork | None, rounds, result: Result) -> dict[str, list[str]]:  # noqa: ANN001
    """For each warning of a block or seat the months left unplanned, the changes to the inputs
    that were tried and let it be planned, in the plan's language (:mod:`planner.explain.months`:
    the months phase only, a bounded number of trials, none when nothing is left unplanned)."""
    from planner.explain.months import advise  # the words live with the diagnosis

    t = time.perf_counter()
    advice = advise(problem, calendar, config, rounds.months, past, rounds.avoided)
    if advice.tried:
        result.stats["months_relaxation_trials"] = advice.tried
        result.timings["months_relaxations"] = time.perf_counter() - t
    return advice.words(problem)


def _start(progress: Progress | None, phase: str) -> None:
    """Tell the progress display that ``phase`` begins (figures ``{"start": 1}``)."""
    if progress is not None:
        progress(phase, {"start": 1.0})


def months_phase(months: MonthsResult) -> str:
    """The months phase's status in the plan's words (see :attr:`planner.plan.Plan.phases`)."""
    if months.stats.get("months_kept_published"):
        return "KEPT"
    if months.stats.get("months_constructive"):
        return "CONSTRUCTIVE"
    return months.status


def timetable_phase(tt) -> str:  # noqa: ANN001 — a Timetable
    return "CONSTRUCTIVE" if tt.stats.get("timetable_constructive") else tt.status


def overall_status(phases: dict[str, str]) -> str:
    """OPTIMAL only when every phase proved it (or had nothing to decide)."""
    return "OPTIMAL" if all(v in ("OPTIMAL", "EMPTY") for v in phases.values()) else "FEASIBLE"


@dataclass
class _Attendance:
    """Phase 2 and 3's outcome: the model, its status and figures, and the people named."""

    am: AttendanceModel
    status: str
    people: Attendance | None = None
    objective: float = float("nan")
    bound: float = float("nan")
    shortfall: float = 0.0
    loose: frozenset[str] = frozenset()  # people the model saw better off than naming made them
    costs: dict[str, float] = field(default_factory=dict)  # each modelled person's objective share

    @property
    def ok(self) -> bool:
        return self.people is not None


def _local_attendance(inst: Instance, schedule: Schedule, blocked: dict[str, frozenset[int]],
                      terms: dict[str, Terms], config: SolverConfig, progress: Progress | None,
                      result: Result) -> _Attendance:
    """A re-plan's attendance: the people the change reaches, everyone else's kept
    (:mod:`planner.solver.replan.scope`); widened once where kept people stand in the way."""
    t = time.perf_counter()
    sc = scope(inst, schedule, terms)
    result.timings["replan_scope"] = time.perf_counter() - t
    result.stats.update({f"replan_rule_{k.split()[0]}": v for k, v in sc.why.items()})

    def everyone(**why: int) -> _Attendance:
        result.stats.update(replan_people=len(terms), replan_kept=0, replan_reached=len(sc.free),
                            replan_changed_runs=len(sc.changed), **why)
        return _attendance(inst, schedule, blocked, terms, config, progress, result)

    if len(sc.free) > LOCAL_SHARE * len(terms):
        # The change reaches most of the hospital (a hall closed for a month, a whole series
        # moved): one model of everyone is cheaper than two of nearly everyone.
        return everyone()
    att = _attendance(inst, schedule, blocked, terms, config, progress, result, sc.free, sc.kept)
    if att.people is None:  # no answer within the budget (not seen): re-plan everyone's
        return everyone(replan_fell_back=1)
    more = widen(inst, schedule, terms, sc, att.people)
    if more and len(sc.free | more) > LOCAL_SHARE * len(terms):
        return everyone(replan_widened=len(more))
    if more:
        wider = scope(inst, schedule, terms, also=sc.free | more)
        again = _attendance(inst, schedule, blocked, terms, config, progress, result,
                            wider.free, wider.kept)
        result.stats["replan_widened"] = len(more)
        if again.people is not None:
            sc, att = wider, again
    result.stats.update(replan_people=len(sc.free), replan_kept=len(sc.kept.people),
                        replan_changed_runs=len(sc.changed))
    return att


def _attendance(inst: Instance, schedule: Schedule, blocked: dict[str, frozenset[int]],
                terms: dict[str, Terms], config: SolverConfig, progress: Progress | None,
                result: Result, people: frozenset[str] | None = None,
                kept: Kept | None = None) -> _Attendance:
    """Phase 2 (how many of each group attend each session) and phase 3 (who), for everyone or,
    re-planning, for ``people`` with ``kept`` everyone else's attendance.

    Groups absorb their members' exceptions as corrections (few, large groups), so the model is
    a relaxation and its optimum a bound. Where that let it believe in attendance no naming
    could give — the named members of a group cost more than the model counted for the group —
    those members are modelled again as they are, everyone else kept as named, up to
    :data:`REFINE_ROUNDS` times; the best named plan is kept, its gap measured against the
    first model's bound."""
    first = _attendance_once(inst, schedule, blocked, terms, config, progress, result,
                             people, kept or Kept(), frozenset())
    best = first
    result.stats["attendance_rounds"] = 1
    loose = first.loose
    for round_ in range(REFINE_ROUNDS):
        if not best.ok or best.status == "OPTIMAL" or not loose:
            break
        assert best.people is not None
        others = kept_attendance(inst, schedule, best.people, exclude=loose)
        sub = _attendance_once(inst, schedule, blocked, terms, config, None, result,
                               loose, others, loose)
        result.stats["attendance_rounds"] = round_ + 2
        if not sub.ok:
            break
        assert sub.people is not None
        costs = {p: c for p, c in best.costs.items() if p not in loose} | sub.costs
        named = sub.people  # the re-modelled people and, joined by with_kept, everyone else
        named.reasons = {k: v for k, v in best.people.reasons.items() if k[0] not in loose} \
            | named.reasons
        objective = sum(costs.values()) + moves_cost(first.am, named.live, terms)
        if objective < best.objective - 1e-6:
            status = ("OPTIMAL" if objective <= first.bound + 1e-6 else
                      "CONSTRUCTIVE" if first.status == "CONSTRUCTIVE" else "FEASIBLE")
            best = _Attendance(first.am, status, named, objective, first.bound, first.shortfall,
                               sub.loose, costs)
        loose = sub.loose
    return best


def _attendance_once(inst: Instance, schedule: Schedule, blocked: dict[str, frozenset[int]],
                     terms: dict[str, Terms], config: SolverConfig, progress: Progress | None,
                     result: Result, people: frozenset[str] | None, kept: Kept | None,
                     exact: frozenset[str]) -> _Attendance:
    _start(progress, "attendance")
    t2 = time.perf_counter()
    groups = build_groups(inst, schedule, blocked, terms, people, exact)
    am = AttendanceModel(inst, schedule, groups, blocked, kept=kept or Kept())
    for rule in ATTENDANCE_RULES:
        rule.add(am)
    lm = am.model
    decisions = np.zeros(lm.num_vars, dtype=bool)
    decisions[list(am.n.values()) + list(am.rec.values())] = True
    result.stats.update(groups=len(groups), attendance_variables=lm.num_vars,
                        attendance_rows=lm.num_rows)
    result.timings["build_attendance"] = (result.timings.get("build_attendance", 0.0)
                                          + time.perf_counter() - t2)
    if progress is not None:
        progress("attendance", {"groups": len(groups), "variables": lm.num_vars})
    t3 = time.perf_counter()
    sol = engines.solve(lm, decisions, config.engine, config.time_limit * 0.6,
                        config.wall_limit * 0.6, config.seed, config.workers, config.log)
    result.stats["attendance_nodes"] = sol.nodes
    result.stats["attendance_fractional"] = sol.fractional
    if sol.wall_limit_hit:
        result.stats["attendance_wall_limit_hit"] = 1
    result.timings["solve_attendance"] = (result.timings.get("solve_attendance", 0.0)
                                          + time.perf_counter() - t3)
    constructive = not sol.ok
    if constructive:
        # No answer within the budget (a machine too busy for the wall-clock safety net): the
        # people are named from nothing — every part each person must follow, where a seat,
        # their ward and their time allow (:func:`planner.solver.naming.assign.fill`) — so a
        # plan is still returned, and called what it is.
        result.stats["attendance_constructive"] = 1
        values = np.zeros(lm.num_vars)
    else:
        values = sol.values
    counts = {k: int(values[v]) for k, v in am.n.items()}
    rec_counts = {k: int(values[v]) for k, v in am.rec.items()}
    _start(progress, "naming")
    t4 = time.perf_counter()
    named = assign_people(am, counts, rec_counts, terms)
    costs = person_costs(am, named.live, named.recording, terms)
    objective = sum(costs.values()) + moves_cost(am, named.live, terms)
    believed = group_costs(am, values)
    loose = frozenset(p for g in groups
                      if sum(costs[p] for p in g.members) > believed.get(g.index, 0.0) + 1e-6
                      for p in g.members)
    named = with_kept(named, am.kept)
    result.timings["assign_people"] = (result.timings.get("assign_people", 0.0)
                                       + time.perf_counter() - t4)
    result.stats["attendance_unplaced"] = named.unplaced
    result.stats["attendance_filled"] = named.filled
    # Optimal only when the named plan scores what the model proved no plan can beat.
    status = ("CONSTRUCTIVE" if constructive else
              "OPTIMAL" if sol.status == "OPTIMAL" and objective <= sol.bound + 1e-6 else
              "FEASIBLE")
    shortfall = sum(values[v] for _, v in am.shortfall + am.credit_shortfall) / 100
    return _Attendance(am, status, named, objective, sol.bound, shortfall, loose, costs)


def _merge_past(plan: Plan, past: PastWork, inst: Instance) -> None:
    """The kept sessions join the plan, and the quota table is recomputed over all of it with
    the office's own history (the model counted the kept sessions as history instead)."""
    known = {c.id for c in inst.problem.courses}
    kept = [x for x in past.sessions if x.course in known]
    w = warning_words(inst.problem.settings.language)
    for x in past.sessions:
        if x.course not in known:
            plan.warnings.append(w("held_gone", session=x.id, day=x.date))
    plan.sessions = sorted(kept + plan.sessions, key=lambda x: (x.start, x.id))
    plan.held_before = past.freeze_until.isoformat()
    restore_links(plan, past)
    plan.quotas = quota_rows(inst, plan.sessions, plan.offsite, plan.missed, plan.placements,
                             fallback_reason(plan.phases))


def _months(problem: Problem, config: SolverConfig, progress: Progress | None,
            result: Result, past: PastWork | None = None,
            calendar: WorkCalendar | None = None, avoid: Avoid = NOTHING) -> MonthsResult:
    """Phase 0: rotation blocks and external-study placements on the month grid (with the
    calendar, so that every exit exam and teach-back the months bring has a day)."""
    t = time.perf_counter()
    months = solve_months(problem, config, past, calendar, avoid)
    result.stats.update(months.stats)
    result.timings["solve_months"] = time.perf_counter() - t
    if progress is not None and months.stats:
        progress("months", {"variables": months.stats["months_variables"]})
    return months
