"""Explain an infeasible timetable in the office's words.

Every rule instance carries a guard literal with its description; CP-SAT, solving under those
literals as assumptions, returns a sufficient subset that cannot hold together. That subset is
not guaranteed minimal, so it is shrunk by deletion (drop one rule, still infeasible? then it was
not needed), within a small budget, and printed grouped by rule family.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from planner.solver.config import SolverConfig

SHRINK_BUDGET = 40  # solves


def _core(tm, literals, config: SolverConfig, seconds: float):  # noqa: ANN001, ANN202
    model = tm.model.clone()
    model.clear_assumptions()
    model.clear_objective()
    model.add_assumptions(literals)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = config.seed
    solver.parameters.max_time_in_seconds = seconds
    code = solver.solve(model)
    if code != cp_model.INFEASIBLE:
        return None
    return list(solver.sufficient_assumptions_for_infeasibility())


def explain(tm, config: SolverConfig) -> list[str]:  # noqa: ANN001
    by_index = {g.literal.index: g for g in tm.guards}
    core = _core(tm, [g.literal for g in tm.guards], config, max(5.0, config.time_limit / 4))
    if not core:
        return ["the hard rules cannot all hold together (no smaller explanation was found)"]
    core = [i for i in core if i in by_index]
    for i in list(core)[:SHRINK_BUDGET]:
        trial = [j for j in core if j != i]
        if trial and _core(tm, [by_index[j].literal for j in trial], config, 2.0) is not None:
            core = trial
    families: dict[str, list[str]] = defaultdict(list)
    for i in core:
        g = by_index[i]
        families[g.family].append(g.text)
    lines = ["these hard rules cannot all hold together:"]
    for family in sorted(families):
        lines.append(f"  {family}:")
        lines.extend(f"    - {text}" for text in sorted(set(families[family])))
    return lines
