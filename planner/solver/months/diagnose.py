"""Why the months cannot be planned: the rules that clash, as findings.

Only required blocks make the months impossible (every other block and every seat may be left
out). When the months model has no solution, it is built again with one enforcement literal per
rule instance that the office could change — a required block, a department's rotator places or
its minimum of rotators in a month, a rotator's leave in a month, a department's minimum on duty
in a month — and solved with all of them assumed. CP-SAT returns a set of them that cannot hold
together; each one is then dropped in turn and kept out when the rest still cannot hold, so the
set is minimal: drop any one and the others can hold (:class:`~planner.solver.findings.Finding`
says them in data, :mod:`planner.explain.words` in the plan's language).

Findings (``rule``):

* ``rotation-block`` — ``people[0]``'s block ``part`` of programme ``course`` must be planned
  (``causes``: a ``span`` with the programme's window and the block's shortest stay as
  ``count`` months);
* ``rotation-capacity`` / ``rotation-minimum`` — ``dept`` takes at most / at least ``count``
  rotators a month in the ``span`` cause's months;
* ``rotation-leave`` — ``people[0]`` is on leave (the ``leave`` causes, as typed) for most of
  the months of the ``span`` cause;
* ``rotation-coverage`` — ``dept`` keeps ``count`` on duty in the ``span`` cause's months.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ortools.sat.python import cp_model

from planner.domain import Problem
from planner.solver.config import SolverConfig
from planner.solver.findings import Cause, Finding
from planner.solver.months.grid import MonthGrid
from planner.solver.months.model import MonthsModel

#: Deterministic seconds of one test of a candidate set (the whole search, at most 60 tests).
TEST_S = 2.0
MAX_TESTS = 60


def diagnose(problem: Problem, config: SolverConfig, calendar: object,
             build: object) -> list[Finding]:
    """The minimal set of rule instances that clash (``build(mm)`` adds the rules to a model;
    :func:`planner.solver.months.solve_months` passes its own). Empty when none is found
    within the budget (then the caller says the search ran out)."""
    s = problem.settings
    mm = MonthsModel(problem, MonthGrid(s.horizon_start, s.horizon_end), calendar)  # type: ignore[arg-type]
    mm.assume = True
    build(mm)  # type: ignore[operator]
    lits = [lit for lit, _ in mm.assumptions]
    what = {lit.index: w for lit, w in mm.assumptions}
    core = _core(mm.model, lits, config)
    if core is None:
        return []
    return _findings(mm, [what[v.index] for v in core])


def _solve(model: cp_model.CpModel, assumed: list, config: SolverConfig) -> int:
    model.clear_assumptions()
    model.add_assumptions(assumed)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # sufficient assumptions need one worker
    solver.parameters.random_seed = config.seed
    solver.parameters.max_deterministic_time = TEST_S
    solver.parameters.max_time_in_seconds = config.wall_limit
    code = solver.solve(model)
    if code == cp_model.INFEASIBLE:
        index = set(solver.sufficient_assumptions_for_infeasibility())
        _solve.last = [v for v in assumed if v.index in index]  # type: ignore[attr-defined]
    return code


def _core(model: cp_model.CpModel, lits: list, config: SolverConfig) -> list | None:
    """A minimal infeasible subset of ``lits`` (deletion filter), or ``None``."""
    if _solve(model, lits, config) != cp_model.INFEASIBLE:
        return None
    core = list(_solve.last) or list(lits)  # type: ignore[attr-defined]
    i = tests = 0
    while i < len(core) and tests < MAX_TESTS:
        trial = core[:i] + core[i + 1:]
        tests += 1
        if _solve(model, trial, config) == cp_model.INFEASIBLE:
            smaller = [v for v in trial if v in _solve.last] or trial  # type: ignore[attr-defined]
            core = smaller
        else:
            i += 1
    return core


def _runs(months: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for k in sorted(set(months)):
        if out and out[-1][1] == k - 1:
            out[-1] = (out[-1][0], k)
        else:
            out.append((k, k))
    return out


def _findings(mm: MonthsModel, items: list[tuple[object, ...]]) -> list[Finding]:
    grid = mm.grid
    out: list[Finding] = []
    by: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for item in items:
        if item[0] == "block":
            _, pid, prog, block = item
            out.append(_block(mm, str(pid), str(prog), int(block)))  # type: ignore[call-overload]
        else:
            by[item[:-1]].append(int(item[-1]))  # type: ignore[call-overload]
    for key in sorted(by, key=str):
        rule, who = key[0], str(key[1])
        for a, b in _runs(by[key]):
            span = Cause("span", lo=grid.first(a), hi=grid.last(b))
            if rule == "capacity":
                out.append(Finding("rotation-capacity", dept=who, month=grid.first(a),
                                   count=mm.places.capacity(who, a), causes=(span,)))
            elif rule == "minimum":
                out.append(Finding("rotation-minimum", dept=who, month=grid.first(a),
                                   count=mm.places.at_least(who, a), causes=(span,)))
            elif rule == "coverage":
                out.append(Finding("rotation-coverage", dept=who, month=grid.first(a),
                                   count=mm.departments[who].min_on_duty, causes=(span,)))
            elif rule == "leave":
                out.append(Finding("rotation-leave", people=(who,), month=grid.first(a),
                                   causes=(span, *_leave(mm, who, grid.first(a),
                                                         grid.last(b)))))
    return out


def _block(mm: MonthsModel, pid: str, prog: str, block: int) -> Finding:
    need = next(n for n in mm.needs if (n.pid, n.programme.id, n.block.block) == (pid, prog,
                                                                                   block))
    lo, hi = (need.options[0].lo, need.options[0].hi) if need.options else (0, -1)
    grid = mm.grid
    if lo <= hi:
        span = Cause("span", lo=grid.first(lo), hi=grid.last(hi), count=need.block.min_months)
    else:
        g = need.programme
        s = mm.problem.settings
        span = Cause("span", lo=g.start or s.horizon_start, hi=g.end or s.horizon_end,
                     count=need.block.min_months)
    return Finding("rotation-block", course=prog, part=block, people=(pid,),
                   dept=",".join(need.block.departments), causes=(span,))


def _leave(mm: MonthsModel, pid: str, lo: dt.date, hi: dt.date) -> list[Cause]:
    """The leave rows (as typed) of ``pid`` touching ``lo … hi``."""
    return [Cause("leave", lo=u.start, hi=u.end, people=(pid,), text=u.reason)
            for u in mm.problem.unavailability
            if u.kind == "staff" and u.id == pid and u.start <= hi and lo <= u.end]
