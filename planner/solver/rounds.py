"""Phases 0 and 1 together: the months, then the timetable — and the months again, around what
the timetable could not live with, when it finds no plan.

Every rotation block and every external-study seat is optional, so a timetable that fails only
because of the months chosen is not a reason to refuse the plan (:mod:`.months.avoid`): the
months are planned again avoiding what the timetable's findings point at, up to
:data:`ROUNDS` times, and then once without any block or seat. Only when the timetable fails
whatever the months — or when the findings point at no month at all — is no plan possible, and
its findings are the ones returned.

``planner plan`` (:func:`planner.solver.solve.solve`) and ``planner explain``
(:mod:`planner.explain.phases`) both run this, so they agree on whether a plan exists.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from planner.domain import Problem
from planner.solver.config import SolverConfig
from planner.solver.extract import external_credits
from planner.solver.findings import Finding
from planner.solver.instance import Instance, build_instance
from planner.solver.months.avoid import NOTHING, Avoid, blame
from planner.solver.months.derive import Derived, derive
from planner.solver.months.result import MonthsResult
from planner.solver.replan.past import PastWork
from planner.solver.timetable.phase import Report, Timetable, solve_timetable
from planner.workdays import WorkCalendar

#: Times the months are planned again around a failed timetable before trying none at all.
ROUNDS = 3


@dataclass
class Rounds:
    """The months and the timetable that fit them (``timetable.schedule`` set), or why none."""

    months: MonthsResult
    derived: Derived | None = None
    timetable: Timetable | None = None
    status: str = "UNKNOWN"
    explanation: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    avoided: Avoid = NOTHING

    @property
    def ok(self) -> bool:
        return self.timetable is not None and self.timetable.schedule is not None


def months_and_timetable(problem: Problem, calendar: WorkCalendar, config: SolverConfig,
                         plan_months: Callable[[Avoid], MonthsResult],
                         past: PastWork | None = None, progress: Report | None = None,
                         stats: dict[str, float] | None = None,
                         timings: dict[str, float] | None = None,
                         only_whether: bool = False) -> Rounds:
    """``plan_months(avoid)`` runs phase 0; ``stats`` and ``timings`` collect the figures;
    ``only_whether``: the first timetable will do, and no minimal set is sought when it fails
    (the months are then planned again without any block or seat at once)."""
    stats = {} if stats is None else stats
    timings = {} if timings is None else timings
    avoid = NOTHING
    before: Rounds | None = None
    for round_ in range(ROUNDS + 2):
        if progress is not None:
            progress("months", {"start": 1.0})
        out = _once(problem, calendar, config, plan_months(avoid), past, progress, stats,
                    timings, only_whether)
        out.avoided = avoid
        if before is not None and out.months.findings:
            # Avoiding what the timetable blamed leaves a required block no room: the
            # timetable's own conflict is the reason there is no plan.
            out = before
            break
        before = out
        if round_:
            stats["months_rounds"] = round_
        if out.ok or out.status != "INFEASIBLE" or avoid.everything:
            break
        if not out.months.stays and not out.months.placements:
            break  # no month to blame: the timetable fails on its own
        more = blame(problem, out.months, out.findings)
        # the findings point at these months (again): plan around them; else, or after
        # ROUNDS rounds, try without any block or seat
        avoid = avoid | more if more and not more <= avoid and round_ < ROUNDS \
            else Avoid(everything=True)
    return out


def _once(problem: Problem, calendar: WorkCalendar, config: SolverConfig,
          months: MonthsResult, past: PastWork | None, progress: Report | None,
          stats: dict[str, float], timings: dict[str, float],
          only_whether: bool = False) -> Rounds:
    if not months.ok:
        return Rounds(months, status=months.status, explanation=months.explanation,
                      findings=list(months.findings) or [Finding("limit", text="months")])
    # Later phases see the months through an augmented problem: placements as leave, exit exams
    # and teach-backs as courses, rotators' departments as ``hosts`` (months.derive explains).
    t_inst = time.perf_counter()
    derived = derive(problem, calendar, months)
    due = [(cid, why) for cid, end, why in derived.unplanned_exams
           if past is None or end >= past.freeze_until]  # an exam held before is kept as held
    if due:
        return Rounds(months, derived, status="INFEASIBLE", explanation=[
            ("exit exams (出科考核) that cannot be held — change a leave, the rotation months or "
             "the department's examiners:")] + [f"  - {why}" for _, why in due],
            findings=[derived.exam_findings[cid] for cid, _ in due])
    model_problem = derived.problem
    if past is not None:  # what was held counts as done (:mod:`planner.solver.replan.past`)
        model_problem = replace(model_problem, history=model_problem.history + past.prior)
    inst: Instance = build_instance(model_problem, calendar, derived.hosts, past)
    s = problem.settings
    inst.external = {a.pid: (external_credits(inst, a.seat, a.start),
                             a.seat.months >= s.rates.external_full_year_months)
                     for a in months.placements}
    stats.update(time_points=len(inst.time_points))
    timings["build_instance"] = time.perf_counter() - t_inst
    if progress is not None:
        progress("timetable", {"start": 1.0})
    tt = solve_timetable(inst, config, progress, only_whether)
    stats.update(tt.stats)
    timings.update(tt.timings)
    if tt.schedule is None or tt.inst is None:
        return Rounds(months, derived, tt, tt.status, tt.explanation, tt.findings)
    return Rounds(months, derived, tt, tt.status)
