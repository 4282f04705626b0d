"""Phase 1 end to end: parts, the model, the search, the sessions numbered, rooms and speakers
matched — with cuts back into the model when a matching fails."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.solver.config import SolverConfig
from planner.solver.findings import Finding
from planner.solver.instance import Instance
from planner.solver.timetable import explain
from planner.solver.timetable.greedy import greedy_choices
from planner.solver.timetable.matching import assign_resources
from planner.solver.timetable.model import Choice, TimetableModel
from planner.solver.timetable.parts import build_parts
from planner.solver.timetable.result import Schedule
from planner.solver.timetable.rules import TIMETABLE_RULES
from planner.solver.timetable.rules.sessions import in_order
from planner.solver.timetable.runs import materialize

MAX_CUT_ROUNDS = 25
#: Share of the deterministic budget for this phase, and a ceiling in deterministic seconds:
#: the timetable's objective is spreading and places, and beyond this the search improves it
#: by little (3,000 staff: 120 deterministic seconds bought 4250 from 4270; 1,000 staff: the
#: constructive timetable and 10 deterministic seconds of search give the same 99.753 % of
#: required hours, the search 26 s more on the clock).
SHARE = 0.4
MAX_DETERMINISTIC_S = 5.0
COMPLETION_DETERMINISTIC_S = 10.0
#: ... and its own safety net on the clock, however busy the machine: it is the plan returned
#: when the search has no time at all.
COMPLETION_WALL_S = 120.0

Report = Callable[[str, dict[str, float]], None]

STATUS = {cp_model.OPTIMAL: "OPTIMAL", cp_model.FEASIBLE: "FEASIBLE",
          cp_model.INFEASIBLE: "INFEASIBLE", cp_model.MODEL_INVALID: "MODEL_INVALID",
          cp_model.UNKNOWN: "UNKNOWN"}


@dataclass
class Timetable:
    status: str
    inst: Instance | None = None  # the instance with its sessions, when there is a timetable
    schedule: Schedule | None = None
    explanation: list[str] = field(default_factory=list)  # English, for logs
    #: the rule instances that cannot hold together, when there is no timetable
    findings: list[Finding] = field(default_factory=list)
    objective: float = float("nan")
    bound: float = float("nan")
    stats: dict[str, float] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def solve_timetable(inst: Instance, config: SolverConfig, report: Report | None = None,
                    only_whether: bool = False) -> Timetable:
    """The timetable of ``inst``; without one, its findings — a minimal clashing set of rule
    instances. ``only_whether``: the first timetable found will do, and a failure is not
    explained (a relaxation being tried needs only to know whether one exists)."""
    t0 = time.perf_counter()
    parts = build_parts(inst)
    if inst.problems:
        return Timetable("INFEASIBLE", explanation=["sessions that cannot be placed at all:"]
                         + [f"  - {p.text}" for p in inst.problems],
                         findings=list(inst.problems))
    tm = TimetableModel(inst, parts)
    for rule in TIMETABLE_RULES:
        rule.add(tm)
    tm.model.minimize(sum(w * e for e, w, _ in tm.penalties))
    tm.model.add_assumptions([g.literal for g in tm.guards])
    clock: dict[str, int] = {}
    start = _start(tm, config, clock)
    out = Timetable("UNKNOWN")
    out.stats.update(clock)  # the completion stopped by the wall clock, on a busy machine
    if start is not None:
        out.stats["timetable_greedy_feasible"] = 1
    out.stats.update(timetable_parts=len(parts), timetable_variables=len(tm.choices))
    out.timings["build_timetable"] = time.perf_counter() - t0
    if report is not None:
        report("timetable", {"parts": len(parts), "variables": len(tm.choices)})
    share = min(SHARE, MAX_DETERMINISTIC_S / max(config.time_limit, 1e-9))
    solve_time = 0.0
    for round_ in range(MAX_CUT_ROUNDS):
        solver = cp_model.CpSolver()
        config.apply(solver.parameters, share=share)
        solver.parameters.stop_after_first_solution = only_whether
        t = time.perf_counter()
        # only whether: the constructive timetable, a solution of the model, answers it
        code = cp_model.UNKNOWN if only_whether and start is not None else \
            solver.solve(tm.model, _Progress(report, time.perf_counter()))
        solve_time += time.perf_counter() - t
        out.timings["solve_timetable"] = solve_time
        if code != cp_model.UNKNOWN and config.stopped_by_wall_clock(solver, share):
            out.stats["timetable_wall_limit_hit"] = 1
        if code == cp_model.INFEASIBLE:
            out.status = "INFEASIBLE"
            core = [] if only_whether else explain.minimal_core(tm, config)
            out.explanation = explain.lines(core)
            out.findings = [g.finding for g in core]
            if not core and not only_whether:  # proven, but no set found within the budget
                out.findings = [Finding("unexplained", text=out.explanation[0])]
            return out
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            chosen = [c for c in tm.choices if solver.boolean_value(c.var)]
            status, objective, bound = STATUS[code], solver.objective_value, \
                solver.best_objective_bound
        elif start is not None:
            # The search ran out of budget before its first solution (a loaded machine, a
            # huge hospital): the constructive timetable keeps every rule, so it is the answer.
            chosen, (objective, bound) = start
            status = "FEASIBLE"
            out.stats["timetable_constructive"] = 1
        else:
            out.status = STATUS.get(code, "UNKNOWN")
            out.explanation = ["no timetable found within the time limit; raise --time-limit "
                               "or relax the inputs"]
            out.findings = [Finding("limit", text="timetable")]
            return out
        inst2, origin = materialize(tm, chosen)
        times = {r.index: r.candidates[0] for r in inst2.runs}
        res = assign_resources(inst2, times)
        out.stats["cut_rounds"] = round_
        if not res.cuts:
            out.status = status
            out.inst = inst2
            out.schedule = Schedule(times, res.rooms, res.speakers)
            out.objective, out.bound = objective, bound
            out.stats["sessions"] = len(inst2.runs)
            return out
        start = None  # a cut may rule the constructive timetable out
        tm.model.clear_hints()
        chosen_set = set(chosen)
        for c in tm.choices:
            tm.model.add_hint(c.var, c in chosen_set)
        for cut in res.cuts:
            groups = {origin[r].group for r in cut.runs}
            vs = [c.var for t in cut.points for c in tm.at(t) if c.group in groups]
            lit = tm.guard(cut.family, cut.text, cut.finding)
            tm.model.add(sum(vs) <= cut.bound).only_enforce_if(lit)
            tm.model.add_assumptions([lit])
    out.explanation = ["rooms and speakers could not be matched after repeated attempts"]
    out.findings = [Finding("limit", text="matching")]
    return out


def _start(tm: TimetableModel, config: SolverConfig, clock: dict[str, int]
           ) -> tuple[list[Choice], tuple[float, float]] | None:
    """The constructive timetable (:mod:`.greedy`) completed into a full solution of the model —
    every bookkeeping variable too — and set as the search's hint; ``None`` when it breaks a rule
    (the search then starts from scratch). Why: a partial hint left the search without any
    solution after 4 deterministic seconds at 1,000 staff; a complete one is a solution from the
    first instant, and the answer if the budget runs out. ``clock`` records a completion the
    wall-clock safety net cut short."""
    chosen = set(greedy_choices(tm))
    for c in tm.choices:
        tm.model.add_hint(c.var, c in chosen)
    for lit, holds in in_order(tm, {c.var.index for c in chosen}):
        tm.model.add_hint(lit, holds)
    solver = cp_model.CpSolver()
    config.apply(solver.parameters)
    # completing a fixed timetable is propagation, not search: its own budget, whatever the
    # phase's (a share of a small budget left the example without its start)
    solver.parameters.max_deterministic_time = COMPLETION_DETERMINISTIC_S
    solver.parameters.max_time_in_seconds = max(solver.parameters.max_time_in_seconds,
                                                COMPLETION_WALL_S)
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    solver.parameters.stop_after_first_solution = True
    code = solver.solve(tm.model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if solver.wall_time >= 0.99 * solver.parameters.max_time_in_seconds:
            # Stopped by the safety net, not the budget: another run may complete it and then
            # search from another start, so the run must say so (as for the search itself).
            clock["timetable_wall_limit_hit"] = 1
        return None
    tm.model.clear_hints()
    for i in range(len(tm.model.proto.variables)):
        tm.model.proto.solution_hint.vars.append(i)
        tm.model.proto.solution_hint.values.append(solver.value(tm.model.get_int_var_from_proto_index(i)))
    return sorted(chosen, key=lambda c: (c.part, c.t, c.level or 0, c.pin or 0)), \
        (solver.objective_value, float("nan"))


class _Progress(cp_model.CpSolverSolutionCallback):
    """Forwards each improving timetable's objective and bound to the progress display."""

    def __init__(self, report: Report | None, started: float):
        super().__init__()
        self.report, self.started = report, started

    def on_solution_callback(self) -> None:
        if self.report is not None:
            self.report("timetable", {"objective": self.objective_value,
                                      "bound": self.best_objective_bound,
                                      "elapsed": time.perf_counter() - self.started})


__all__ = ["Choice", "Timetable", "solve_timetable"]
