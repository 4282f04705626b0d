"""Explain an infeasible timetable: a minimal set of rule instances that cannot hold together.

Every rule instance carries a guard literal (:meth:`~.model.TimetableModel.guard`) with its
:class:`~planner.solver.findings.Finding`; CP-SAT, solving under those literals as assumptions,
returns a sufficient subset that cannot hold together. That subset is not guaranteed minimal, so
it is shrunk by deletion (drop one rule instance: still infeasible? then it was not needed, and
the solver's smaller answer is taken), within a small budget. Every solve has a deterministic
budget and one worker, so the same inputs give the same set. The words are
:mod:`planner.explain`'s.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from planner.solver.config import SolverConfig
from planner.solver.timetable.model import Guard, TimetableModel

SHRINK_BUDGET = 40  # solves
#: Deterministic seconds of the first (whole) core search, at least, and of each shrinking step.
FIRST_S = 5.0
STEP_S = 2.0


def _core(tm: TimetableModel, literals: list, config: SolverConfig,
          seconds: float) -> list[int] | None:
    """The indices of a sufficient subset of ``literals`` that cannot hold together, or
    ``None`` when they can (or the budget ran out first)."""
    model = tm.model.clone()
    model.clear_assumptions()
    model.clear_objective()
    model.clear_hints()
    model.add_assumptions(literals)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = config.seed
    solver.parameters.max_deterministic_time = seconds
    code = solver.solve(model)
    if code != cp_model.INFEASIBLE:
        return None
    return list(solver.sufficient_assumptions_for_infeasibility())


def minimal_core(tm: TimetableModel, config: SolverConfig) -> list[Guard]:
    """The guards of a minimal conflicting set (model order), or ``[]`` when none was found."""
    by_index = {g.literal.index: g for g in tm.guards}
    order = {g.literal.index: i for i, g in enumerate(tm.guards)}
    core = _core(tm, [g.literal for g in tm.guards], config,
                 max(FIRST_S, config.time_limit / 4))
    if not core:
        return []
    core = sorted((i for i in core if i in by_index), key=order.__getitem__)
    steps = 0
    for i in list(core):
        if steps >= SHRINK_BUDGET:
            break
        if i not in core or len(core) == 1:
            continue
        trial = [j for j in core if j != i]
        steps += 1
        smaller = _core(tm, [by_index[j].literal for j in trial], config, STEP_S)
        if smaller is not None:
            keep = set(smaller)
            core = [j for j in trial if j in keep] or trial
    return [by_index[i] for i in core]


def lines(core: list[Guard]) -> list[str]:
    """The core in English, grouped by rule family (the run log's words)."""
    if not core:
        return ["the hard rules cannot all hold together (no smaller explanation was found)"]
    families: dict[str, list[str]] = {}
    for g in core:
        families.setdefault(g.family, []).append(g.text)
    out = ["these hard rules cannot all hold together:"]
    for family in sorted(families):
        out.append(f"  {family}:")
        out.extend(f"    - {text}" for text in sorted(set(families[family])))
    return out
