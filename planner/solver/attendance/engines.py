"""One small interface over two engines for the attendance phase: CP-SAT and HiGHS (a MILP
solver, through OR-Tools' MathOpt).

The attendance model is linear with a near-integral relaxation (counts of people flowing into
sessions), the kind of model where a MILP solver is a serious peer of CP-SAT
(``../shared/SOLVER-NOTES.md``). The rule modules only call ``new_int_var``, ``add`` and
``minimize``, so the same code builds either model and the benchmark can compare them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ortools.math_opt.python import mathopt
from ortools.sat.python import cp_model

ENGINES = ("cp-sat", "highs")


#: HiGHS has no deterministic clock; its branch-and-bound node count stands in for one, so a
#: search cut short stops at the same node — and the same plan — on a busy or an idle machine.
NODES_PER_DETERMINISTIC_SECOND = 50


@dataclass
class Solution:
    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN
    objective: float
    bound: float
    values: dict[Any, int]
    nodes: int = 0
    wall_limit_hit: bool = False  # stopped by the wall-clock safety net: not reproducible


class MathOptModel:
    """The subset of the CP-SAT model API the attendance rules use, building a MathOpt model."""

    def __init__(self) -> None:
        self.model = mathopt.Model(name="attendance")
        self.variables: list[mathopt.Variable] = []

    def new_int_var(self, lo: int, hi: int, name: str) -> mathopt.Variable:
        v = self.model.add_integer_variable(lb=lo, ub=hi, name=name)
        self.variables.append(v)
        return v

    def add(self, constraint: object) -> None:
        if isinstance(constraint, bool):  # both sides were constants
            if not constraint:
                raise ValueError("a constant constraint is false")
            return
        self.model.add_linear_constraint(constraint)  # type: ignore[arg-type]

    def minimize(self, expr: object) -> None:
        self.model.minimize(expr)  # type: ignore[arg-type]


def new_model(engine: str) -> Any:
    if engine == "cp-sat":
        return cp_model.CpModel()
    if engine == "highs":
        return MathOptModel()
    raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


def solve_highs(m: MathOptModel, budget: float, wall_limit: float, gap: float = 1e-4) -> Solution:
    """Solve with HiGHS within ``budget`` deterministic seconds (a node limit, see
    :data:`NODES_PER_DETERMINISTIC_SECOND`). The wall-clock limit is only a safety net: a run
    that hits it is no longer reproducible, and the caller says so."""
    import datetime as dt

    params = mathopt.SolveParameters(
        time_limit=dt.timedelta(seconds=wall_limit), relative_gap_tolerance=gap,
        node_limit=max(1, int(budget * NODES_PER_DETERMINISTIC_SECOND)),
    )
    result = mathopt.solve(m.model, mathopt.SolverType.HIGHS, params=params)
    reason = result.termination.reason
    if not result.has_primal_feasible_solution():
        status = "INFEASIBLE" if reason == mathopt.TerminationReason.INFEASIBLE else "UNKNOWN"
        return Solution(status, float("nan"), float("nan"), {})
    status = "OPTIMAL" if reason == mathopt.TerminationReason.OPTIMAL else "FEASIBLE"
    wall = result.termination.limit == mathopt.Limit.TIME
    values = result.variable_values()
    return Solution(
        status,
        result.objective_value(),
        result.termination.objective_bounds.dual_bound,
        {v: int(round(values[v])) for v in m.variables},
        int(result.solve_stats.node_count),
        wall,
    )
