"""Phase 0: months — rotation blocks (轮转) and external-study placements (进修) on a month grid.

Runs before the timetable: its result says where each participant is in each month and who is
away, and :mod:`planner.solver.months.derive` turns that into what the later phases need
(people away, rotators' departments, exit exams and teach-backs as sessions to schedule).

Rule families, one module each, in order: sequences (with disciplines, prerequisites inside a
block and required blocks), seats, leave, people (one place at a time), capacity (and minimum,
month by month), coverage, exams (exit exams can be held); then the wishes and the objective. With the working-day
calendar (:mod:`.days`) the months also respect what the sessions they bring need: no block in a
month its rotator is mostly on leave, no block ending where its exit exam could not be held, no
placement whose teach-back the returnee's leave would rule out — the timetable never has to
refuse a plan for the months' sake.

A constructive plan (:mod:`planner.solver.months.greedy`) keeps every rule too and takes seconds
whatever the size: CP-SAT starts from it (a complete hint) and it is the answer whenever the
search ends with nothing better — so a large hospital never goes without rotations for want of
search time. When the rotators have wishes, the ideal plan — everyone as well off as they could
be alone — is tried first (:mod:`.ideal`): when it exists, its preference tier is proven best by
the ceilings themselves.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from dataclasses import replace

from planner.domain import Problem, SolverSettings
from planner.solver.config import SolverConfig
from planner.solver.months import (
    capacity,
    coverage,
    diagnose,
    exams,
    explain,
    greedy,
    ideal,
    keep,
    leave,
    objective,
    people,
    seats,
    sequences,
    wishes,
)
from planner.solver.months.avoid import NOTHING, Avoid
from planner.solver.months.grid import MonthGrid
from planner.solver.months.model import MAIN, MonthsModel
from planner.solver.months.result import Away, MonthsResult, Stay
from planner.solver.replan.past import PastWork
from planner.workdays import WorkCalendar

RULES = (sequences, seats, leave, people, capacity, coverage, exams)
#: Share of the deterministic budget given to this phase (it is small next to the others), and
#: a ceiling in deterministic seconds: blocks and seats are all placed long before it; what a
#: longer search would still improve is only the tie-break tier.
SHARE = 0.1
MAX_DETERMINISTIC_S = 2.0
#: Above this many variables the search is not tried (see :func:`solve_months`).
SEARCH_MAX_VARIABLES = 60_000
#: Above this many, not when the constructive plan already plans every block and fills every
#: seat: only preferences and ties are left to improve, and presolve alone costs more than the
#: search gains (1,000 staff, 19,600 variables: 13 s on the clock for nothing better).
SEARCH_COMPLETE_MAX_VARIABLES = 15_000

STATUS = {cp_model.OPTIMAL: "OPTIMAL", cp_model.FEASIBLE: "FEASIBLE",
          cp_model.INFEASIBLE: "INFEASIBLE", cp_model.MODEL_INVALID: "MODEL_INVALID",
          cp_model.UNKNOWN: "UNKNOWN"}


def inputs_key(problem: Problem) -> tuple[object, ...]:
    """Every input the months model reads (its rules, :mod:`.greedy` and :mod:`.explain`): when
    these are equal for the inputs of a published plan and of a re-plan, the published blocks and
    placements still keep every rule and already rank first, so a re-plan keeps them without a
    search. Leave, room closures, holidays and rooms are read (:mod:`.days`: exit exams and
    teach-backs need a day); sign-in records are not. A field a month rule starts to read must be
    added here, or a re-plan would keep months that the changed input no longer allows."""
    # How hard to search and how outputs read are not month inputs.
    settings = replace(problem.settings, solver=SolverSettings(), language="",
                       public_base_url="", feed_window_days=0)
    return (settings, problem.staff, problem.departments, problem.programmes,
            problem.blocks, problem.seats, problem.history, problem.courses, problem.topics,
            problem.pins, problem.rooms, problem.unavailability, problem.holidays,
            problem.disciplines, problem.rotation_places, problem.wishes)


def build(problem: Problem, past: PastWork | None = None,
          calendar: WorkCalendar | None = None, avoid: Avoid = NOTHING,
          full: bool = False, light: bool = False,
          ceilings: ideal.Ideal | None = None) -> MonthsModel:
    """The months model; without ``calendar`` the rules that need days (leave months, exit
    exams, teach-backs) are left out; ``avoid``: what a failed timetable showed (:mod:`.avoid`).
    A model already too large to search before its exit-exam rule (:data:`SEARCH_MAX_VARIABLES`)
    gets that rule's exam days only, for the constructive plan, unless ``full`` (3,000 staff:
    stating it for a search that never runs took about 10 s). ``light``: only what the
    constructive plan reads (:attr:`MonthsModel.light`), to size the model and to plan without
    a search. ``ceilings``: each rotator's best alone (:mod:`.ideal`), stated as a bound on
    their preference points."""
    s = problem.settings
    mm = MonthsModel(problem, MonthGrid(s.horizon_start, s.horizon_end), calendar, avoid=avoid,
                     light=light)
    mm.ceilings = ceilings
    if past is not None:
        keep.facts(mm, past.rotations, past.placements, past.freeze_until)
    for rule in RULES:
        if rule is exams and (light or not full
                              and len(mm.model.proto.variables) > SEARCH_MAX_VARIABLES):
            exams.add(mm, state=False)
            mm.partial = True
        else:
            rule.add(mm)
    if past is not None:
        keep.add(mm, past.rotations, past.placements, past.freeze_until)
    wishes.add(mm)
    objective.add(mm)
    return mm


def solve_months(problem: Problem, config: SolverConfig, past: PastWork | None = None,
                 calendar: WorkCalendar | None = None, avoid: Avoid = NOTHING) -> MonthsResult:
    """``past`` (re-planning): blocks and placements already begun are kept, later ones kept
    where possible (:mod:`planner.solver.months.keep`). ``calendar``: the working days, so that
    the months leave every exit exam and teach-back a day (without it — the month rules on their
    own, in tests — they are not looked at). ``avoid``: what a timetable that failed on the
    months chosen before showed they must avoid (:mod:`.avoid`)."""
    if not problem.programmes and not problem.seats:
        return MonthsResult(status="EMPTY")
    stats: dict[str, float] = {}
    ceilings = None
    if ideal.applies(problem, past, avoid):  # every rotator at their best at once, if possible
        found, ceilings = ideal.attempt(problem, config, calendar, stats)
        if found is not None:
            mmi, value, status = found
            result = MonthsResult(status=status, warnings=list(mmi.warnings), stats=stats)
            assert mmi.ideal is not None
            result.stats.update(months_variables=len(mmi.model.proto.variables),
                                months_constraints=len(mmi.model.proto.constraints),
                                months_satisfaction_bound=mmi.ideal.bound)
            return _result(mmi, value, result)
    # First the light model: the constructive plan needs no more, and it tells the size of the
    # whole model — which at 10,000 staff (914k variables) would take minutes to state for a
    # search that never runs.
    mm = build(problem, past, calendar, avoid, light=True)
    size = _size(mm)
    result = MonthsResult(status="UNKNOWN", warnings=list(mm.warnings))
    result.stats = {**stats, "months_variables": size}
    if not mm.needs and not mm.seat_options:
        result.status = "EMPTY"
        # seats nobody may take (every start ruled out): still say why they stay empty
        result.gaps = explain.seat_gaps(mm, lambda _: 0)
        result.warnings.extend(g.warning for g in result.gaps)
        return result
    if size > SEARCH_COMPLETE_MAX_VARIABLES:
        plan = greedy.construct(mm)
        done = _without_search(mm, plan, size, past, avoid, result)
        if done is not None:
            return done
        full = not plan.valid
    else:
        full = False
    mm = build(problem, past, calendar, avoid, full=full, ceilings=ceilings)
    proto = mm.model.proto
    result.stats.update(months_variables=len(proto.variables),
                        months_constraints=len(proto.constraints))
    plan = greedy.construct(mm)
    if mm.partial and not plan.valid:  # the search must run after all, on the whole model
        mm = build(problem, past, calendar, avoid, full=True, ceilings=ceilings)
        proto = mm.model.proto
        result.stats.update(months_variables=len(proto.variables),
                            months_constraints=len(proto.constraints))
        plan = greedy.construct(mm)
    done = _without_search(mm, plan, len(proto.variables), past, avoid, result)
    if done is not None:
        return done
    rich = mm.wish.any or any(n.required for n in mm.needs)
    plan.hint(mm)
    result.stats["months_hint_unset"] = plan.unset
    solver = cp_model.CpSolver()
    share = min(SHARE, MAX_DETERMINISTIC_S / max(config.time_limit, 1e-9))
    if rich:  # wishes to weigh or required blocks to fit: more than the tie-break is at stake
        share = min(ideal.SHARE, ideal.MAX_DETERMINISTIC_S / max(config.time_limit, 1e-9))
    config.apply(solver.parameters, share=share)
    # Started from a complete hint, the interleaved search otherwise runs a first batch of six
    # full-search tasks each to the whole budget (measured at 1,000 staff: 20 deterministic s
    # spent on a budget of 6, 19 s wall instead of 13); one task per worker keeps to it.
    solver.parameters.interleave_batch_size = max(1, config.workers)
    code = solver.solve(mm.model)
    if config.stopped_by_wall_clock(solver, share):
        result.stats["months_wall_limit_hit"] = 1
    result.status = STATUS.get(code, "UNKNOWN")
    found = code in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    value = solver.value if found else plan.value
    if found and mm.satisfaction:
        bound = wishes.bound(mm, solver.best_objective_bound)
        if bound is not None:
            result.stats["months_satisfaction_bound"] = bound
    if plan.valid and (not found or objective.tiers(mm, plan.value)
                       > objective.tiers(mm, solver.value)):
        # The search ran out of time, or ended on something worse than where it started.
        value, result.status = plan.value, "FEASIBLE"
        result.stats["months_constructive"] = 1
    elif not found:
        # Optional blocks and seats may be left out, so only required blocks make the months
        # impossible: then the rules that clash are found (:mod:`.diagnose`); any other end
        # without a solution means the search ran out of time (or a bug). Say so either way.
        if code == cp_model.INFEASIBLE:
            result.findings = diagnose.diagnose(problem, config, calendar,
                                                _rules(past, avoid))
        result.explanation = [
            "the rotation and external-study months could not be planned: "
            + ("the search found no solution within its time limit; raise --time-limit"
               if code == cp_model.UNKNOWN else
               "required rotation blocks cannot all be planned" if result.findings else
               f"the month model is {result.status} (please report this with the inputs)")]
        return result
    return _result(mm, value, result)


def _without_search(mm: MonthsModel, plan: greedy.Assignment, size: int,
                    past: PastWork | None, avoid: Avoid,
                    result: MonthsResult) -> MonthsResult | None:
    """The constructive plan as the answer, when no search is worth its time; ``size``: the
    model's variables."""
    if past is not None and not avoid and _keeps_published(mm, plan) and (
            past.months_unchanged or _main_complete(mm, plan)):
        # A re-plan where the constructive plan keeps every published block and placement, and
        # either the month inputs are those of the published plan or every block is planned
        # and every seat filled: no search could do better in the tiers that rank above the
        # changes it would count (only the preferences of what is new, below them).
        result.status = "FEASIBLE"
        result.stats["months_kept_published"] = 1
        return _result(mm, plan.value, result)
    if plan.valid and (size > SEARCH_MAX_VARIABLES or (
            size > SEARCH_COMPLETE_MAX_VARIABLES and _main_complete(mm, plan)
            and not mm.wish.any)):
        # A model this size spends any budget the phase can afford in presolve (3,000 staff,
        # 130k variables: no solution within 5 deterministic seconds, 20 s on the clock): the
        # constructive plan is the answer, reported as such (not proven optimal). With wishes
        # every block planned is not the end of it: the search weighs them.
        result.status = "FEASIBLE"
        result.stats["months_constructive"] = 1
        result.stats["months_search_skipped"] = 1
        return _result(mm, plan.value, result)
    return None


def _size(mm: MonthsModel) -> int:
    """Variables of the whole model before its exit-exam rule, from the light model: each
    option's month variables are all it leaves out."""
    return len(mm.model.proto.variables) + sum(max(0, o.hi + 1 - o.lo) for o in mm.options)


def _rules(past: PastWork | None, avoid: Avoid):  # noqa: ANN202 — a function of a model
    """The rules as :func:`build` adds them, for a model built elsewhere (:mod:`.diagnose`)."""
    def add(mm: MonthsModel) -> None:
        mm.avoid = avoid
        if past is not None:
            keep.facts(mm, past.rotations, past.placements, past.freeze_until)
        for rule in RULES:
            rule.add(mm)
        if past is not None:
            keep.add(mm, past.rotations, past.placements, past.freeze_until)
    return add


def _keeps_published(mm: MonthsModel, plan: greedy.Assignment) -> bool:
    """The constructive plan is valid and keeps exactly every published block and placement
    that still can be (one whose seat, block or window is gone no plan can keep)."""
    if not plan.valid:
        return False
    for p in mm.published:
        if p.seat is not None:
            if not plan.value(p.seat.var):
                return False
        elif not (plan.value(p.option.present) and plan.value(p.option.start) == p.start
                  and plan.value(p.option.length) == p.length):
            return False
    return True


def _main_complete(mm: MonthsModel, plan: greedy.Assignment) -> bool:
    """Whether the plan reaches the main tier's bound: every block planned, every seat filled."""
    best = sum(t.weight * t.bound for t in mm.terms if t.tier == MAIN and t.sign > 0)
    return objective.tier_values(mm, plan.value)[MAIN] >= best


def _result(mm: MonthsModel, value, result: MonthsResult) -> MonthsResult:  # noqa: ANN001
    """The stays and placements of a solution (``value``: variable → value), with warnings."""
    grid = mm.grid
    for o in mm.options:
        if not value(o.present):
            continue
        first = value(o.start)
        last = first + value(o.length) - 1
        result.stays.append(Stay(o.pid, o.programme, o.block.block, o.dept, first, last,
                                 grid.first(first), grid.last(last)))
    for so in mm.seat_options:
        if value(so.var):
            result.placements.append(Away(so.pid, so.seat, so.start, so.end))
    result.stays.sort(key=lambda s: (s.pid, s.first, s.programme.id, s.block, s.dept))
    result.placements.sort(key=lambda a: (a.seat.id, a.pid))
    result.gaps = explain.unplanned_gaps(mm, value) + explain.seat_gaps(mm, value)
    result.warnings.extend(g.warning for g in result.gaps)
    result.objective = {f"months_{k}": v for k, v in objective.tier_values(mm, value).items()}
    if mm.satisfaction:
        result.objective["months_satisfaction"] = wishes.total(mm, value)
        if "months_satisfaction_bound" in result.stats:
            # the phase's objective and bound in the plan (its gap in the summary): the wishes
            bound = result.stats.pop("months_satisfaction_bound")
            result.objective.update(months_satisfaction_bound=bound,
                                    months=result.objective["months_satisfaction"],
                                    months_bound=bound)
    return result


__all__ = ["Away", "MonthsResult", "Stay", "build", "solve_months"]
