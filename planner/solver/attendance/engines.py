"""Two engines for the attendance model: HiGHS (linear programming, then integer repair) and
CP-SAT. Both read the same :class:`~planner.solver.attendance.linear.LinearModel`.

**HiGHS** (the default). The attendance model is a flow of people into sessions with a few side
rows, and its linear relaxation is almost always integral: at 3,000 staff the relaxation's optimum
had no fractional value at all, at 1,000 staff 64 of 52,000. So HiGHS solves the relaxation
(dual simplex, one thread, deterministic), and

1. when every decision is a whole number, that *is* the integer optimum: OPTIMAL, proven;
2. otherwise each head count is rounded down (every capacity, ward and clash row stays kept:
   their coefficients are positive), then raised again one by one, most fractional first, while
   every row still holds; the bookkeeping variables (shortfalls, online hours counted) are
   re-optimised with the head counts fixed. The result is FEASIBLE, and its gap to the
   relaxation's optimum — a valid bound — is reported. If that gap is more than
   :data:`MIP_GAP`, a branch-and-bound search starts from it within the deterministic budget.

The full branch-and-bound on the model, as before, spent minutes at the root on models the
relaxation had already solved (1,000 staff: 351 s to prove what the relaxation found in 5 s).

**CP-SAT** reads the same rows (``--engine cp-sat``); it is kept as a peer for the benchmark and
for small hospitals.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

import numpy as np

from planner.solver.attendance.linear import LinearModel

ENGINES = ("cp-sat", "highs")

#: HiGHS has no deterministic clock; its branch-and-bound node count stands in for one, so a
#: search cut short stops at the same node — and the same plan — on a busy or an idle machine.
NODES_PER_DETERMINISTIC_SECOND = 50
#: Relative gap above which a rounded relaxation is improved by branch and bound.
MIP_GAP = 1e-4
#: Models up to this many variables get a branch-and-bound search over all of them, to prove
#: the last gap closed (a county hospital's in a second; at 1,000 staff the root alone took
#: minutes).
FULL_SEARCH_VARIABLES = 20_000
EPS = 1e-6


@dataclass
class Solution:
    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN
    objective: float
    bound: float
    values: np.ndarray = field(default_factory=lambda: np.zeros(0))
    nodes: int = 0
    wall_limit_hit: bool = False  # stopped by the wall-clock safety net: not reproducible
    fractional: int = 0  # decision variables the relaxation left fractional
    method: str = ""  # "relaxation", "rounded", "branch and bound", "cp-sat"

    @property
    def ok(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")

    @property
    def gap(self) -> float:
        if not self.ok:
            return float("nan")
        return abs(self.objective - self.bound) / max(1.0, abs(self.objective))


def solve(lm: LinearModel, decisions: np.ndarray, engine: str, budget: float, wall_limit: float,
          seed: int = 1, workers: int = 1, log: bool = False) -> Solution:
    """Minimise ``lm`` with ``engine`` in ``budget`` deterministic seconds (``wall_limit`` is
    only a safety net). ``decisions``: a boolean mask of the head-count variables (the others
    follow from them)."""
    if lm.num_vars == 0:  # nobody to place (a re-plan that keeps everyone's attendance)
        return Solution("OPTIMAL", lm.offset, lm.offset, np.zeros(0), method="empty")
    if engine == "highs":
        return _highs(lm, decisions, budget, wall_limit, seed, log)
    if engine == "cp-sat":
        return _cp_sat(lm, budget, wall_limit, seed, workers, log)
    raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


# --- HiGHS ------------------------------------------------------------------------------------

_banner_shown = False


def _highs_instance(log: bool):  # noqa: ANN202 — a highspy.Highs
    """A HiGHS object. The library prints its banner on the first one a process creates, on
    the C-level standard output, before any option can turn it off; the console output of
    ``planner plan`` is the office's, so that one time standard output points to /dev/null."""
    import highspy

    global _banner_shown
    if _banner_shown or log:
        _banner_shown = True
        return highspy.Highs()
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
            h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    _banner_shown = True
    return h


def _new_highs(lm: LinearModel, a: dict[str, np.ndarray], wall_limit: float, seed: int,
               log: bool, lower: np.ndarray | None = None, upper: np.ndarray | None = None,
               integer: bool = False):  # noqa: ANN202 — a highspy.Highs
    import highspy

    h = _highs_instance(log)
    h.setOptionValue("output_flag", log)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", int(seed) % 2_147_483_647)
    h.setOptionValue("time_limit", float(wall_limit))
    lp = highspy.HighsLp()
    lp.num_col_ = lm.num_vars
    lp.num_row_ = lm.num_rows
    lp.offset_ = lm.offset
    lp.col_cost_ = a["cost"]
    lp.col_lower_ = a["lower"] if lower is None else lower
    lp.col_upper_ = a["upper"] if upper is None else upper
    lp.row_lower_ = np.where(np.isinf(a["row_lower"]), -highspy.kHighsInf, a["row_lower"])
    lp.row_upper_ = np.where(np.isinf(a["row_upper"]), highspy.kHighsInf, a["row_upper"])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = a["start"]
    lp.a_matrix_.index_ = a["index"]
    lp.a_matrix_.value_ = a["value"]
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * lm.num_vars
    h.passModel(lp)
    return h


def _highs(lm: LinearModel, decisions: np.ndarray, budget: float, wall_limit: float, seed: int,
           log: bool) -> Solution:
    import highspy

    a = lm.arrays()
    h = _new_highs(lm, a, wall_limit, seed, log)
    h.setOptionValue("solver", "simplex")
    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return Solution("INFEASIBLE", float("nan"), float("nan"), method="relaxation")
    if status != highspy.HighsModelStatus.kOptimal:
        return Solution("UNKNOWN", float("nan"), float("nan"), method="relaxation",
                        wall_limit_hit=status == highspy.HighsModelStatus.kTimeLimit)
    x = np.asarray(h.getSolution().col_value, dtype=np.float64)
    bound = float(h.getInfo().objective_function_value)
    frac = np.abs(x - np.round(x)) > EPS
    if not frac.any():
        x = np.round(x)
        return Solution("OPTIMAL", lm.objective(x), bound, x, method="relaxation")
    fractional = int((frac & decisions).sum())
    relaxed = x
    x = _round(lm, a, x, decisions)
    x = _settle(lm, a, x, decisions, wall_limit, seed)
    sol = Solution("FEASIBLE", lm.objective(x), bound, x, fractional=fractional,
                   method="rounded")
    if sol.gap > MIP_GAP:
        # Only the head counts the relaxation left fractional are open; everything it decided
        # in whole numbers stays. A small search, whatever the hospital's size.
        free = decisions & frac
        sol = _branch_and_bound(lm, a, sol, budget, wall_limit, seed, log,
                                lower=np.where(decisions & ~free, x, a["lower"]),
                                upper=np.where(decisions & ~free, x, a["upper"]),
                                proves=False)
    if sol.gap > MIP_GAP and lm.num_vars <= FULL_SEARCH_VARIABLES:
        sol = _branch_and_bound(lm, a, sol, budget, wall_limit, seed, log)
    del relaxed
    return sol


def _columns(a: dict[str, np.ndarray], n: int) -> list[np.ndarray]:
    """Row indices of each column (the model is stored by rows)."""
    rows = np.repeat(np.arange(len(a["start"]) - 1), np.diff(a["start"]))
    order = np.argsort(a["index"], kind="stable")
    cols = a["index"][order]
    starts = np.searchsorted(cols, np.arange(n + 1))
    return [rows[order[starts[j]:starts[j + 1]]] for j in range(n)]


def _round(lm: LinearModel, a: dict[str, np.ndarray], x: np.ndarray, decisions: np.ndarray
           ) -> np.ndarray:
    """Head counts rounded down, then raised one at a time, most fractional first, while every
    row they appear in stays within its upper bound (the lower-bounded rows are the quota rows,
    whose shortfall variables are settled afterwards)."""
    lo = np.floor(x + EPS)
    y = np.where(decisions, lo, x)
    activity = np.zeros(lm.num_rows)
    rows = np.repeat(np.arange(lm.num_rows), np.diff(a["start"]))
    np.add.at(activity, rows, a["value"] * y[a["index"]])
    cols = _columns(a, lm.num_vars)
    coef = {}
    order = np.argsort(-(x - lo), kind="stable")
    for j in order:
        if not decisions[j] or x[j] - lo[j] <= EPS or y[j] + 1 > a["upper"][j]:
            continue
        rs = cols[j]
        if len(rs) == 0:
            continue
        if j not in coef:
            coef[j] = np.array([_coefficient(a, r, j) for r in rs])
        c = coef[j]
        if np.all(activity[rs] + c <= a["row_upper"][rs] + EPS):
            y[j] += 1
            activity[rs] += c
    return y


def _coefficient(a: dict[str, np.ndarray], r: int, j: int) -> float:
    s, e = a["start"][r], a["start"][r + 1]
    k = np.nonzero(a["index"][s:e] == j)[0]
    return float(a["value"][s:e][k].sum())


def _settle(lm: LinearModel, a: dict[str, np.ndarray], x: np.ndarray, decisions: np.ndarray,
            wall_limit: float, seed: int) -> np.ndarray:
    """The best values of the bookkeeping variables with every head count fixed at ``x``."""
    lower = np.where(decisions, x, a["lower"])
    upper = np.where(decisions, x, a["upper"])
    h = _new_highs(lm, a, wall_limit, seed, False, lower, upper)
    h.run()
    y = np.asarray(h.getSolution().col_value, dtype=np.float64)
    # The bookkeeping rows have unit coefficients and whole right-hand sides: the optimum is
    # integral; rounding only removes the solver's tolerance noise.
    return np.where(decisions, x, np.round(y))


def _branch_and_bound(lm: LinearModel, a: dict[str, np.ndarray], start: Solution,
                      budget: float, wall_limit: float, seed: int, log: bool,
                      lower: np.ndarray | None = None, upper: np.ndarray | None = None,
                      proves: bool = True) -> Solution:
    """Branch and bound from ``start`` within the node budget. With ``lower``/``upper`` the
    search is restricted (``proves`` False): its bound says nothing of the whole model."""
    import highspy

    h = _new_highs(lm, a, wall_limit, seed, log, lower, upper, integer=True)
    h.setOptionValue("mip_rel_gap", MIP_GAP)
    h.setOptionValue("mip_max_nodes", max(1, int(budget * NODES_PER_DETERMINISTIC_SECOND)))
    sol = highspy.HighsSolution()
    sol.col_value = list(start.values)
    sol.value_valid = True
    h.setSolution(sol)
    h.run()
    info = h.getInfo()
    status = h.getModelStatus()
    x, objective = start.values, start.objective
    if info.primal_solution_status == 2:  # a feasible solution is known
        found = np.round(np.asarray(h.getSolution().col_value, dtype=np.float64))
        if lm.objective(found) < objective - EPS:
            x, objective = found, lm.objective(found)
    bound = max(start.bound, float(info.mip_dual_bound)) if proves else start.bound
    proved = (proves and status == highspy.HighsModelStatus.kOptimal) or objective <= bound + EPS
    return Solution("OPTIMAL" if proved else "FEASIBLE", objective, min(bound, objective), x,
                    nodes=int(info.mip_node_count), fractional=start.fractional,
                    wall_limit_hit=status == highspy.HighsModelStatus.kTimeLimit,
                    method="branch and bound")


# --- CP-SAT -----------------------------------------------------------------------------------

def _cp_sat(lm: LinearModel, budget: float, wall_limit: float, seed: int, workers: int,
            log: bool) -> Solution:
    from ortools.sat.python import cp_model

    from planner.solver.config import limit_probing

    m = cp_model.CpModel()
    xs = [m.new_int_var(lo, hi, name) for lo, hi, name in zip(lm.lower, lm.upper, lm.names)]
    for r in range(lm.num_rows):
        s, e = lm.row_start[r], lm.row_start[r + 1]
        coefs = [_whole(v) for v in lm.row_value[s:e]]
        expr = cp_model.LinearExpr.weighted_sum([xs[i] for i in lm.row_index[s:e]], coefs)
        lo, hi = lm.row_lower[r], lm.row_upper[r]
        if lo == -LinearModel.INF:
            m.add(expr <= _whole(hi))
        elif hi == LinearModel.INF:
            m.add(expr >= _whole(lo))
        else:
            m.add_linear_constraint(expr, _whole(lo), _whole(hi))
    m.minimize(cp_model.LinearExpr.weighted_sum(xs, [_whole(c) for c in lm.cost])
               + _whole(lm.offset))
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.random_seed = seed
    p.num_workers = max(1, workers)
    p.interleave_search = True
    p.max_deterministic_time = max(0.5, budget)
    p.max_time_in_seconds = wall_limit
    p.log_search_progress = log
    limit_probing(p)
    code = solver.solve(m)
    names = {cp_model.OPTIMAL: "OPTIMAL", cp_model.FEASIBLE: "FEASIBLE",
             cp_model.INFEASIBLE: "INFEASIBLE"}
    status = names.get(code, "UNKNOWN")
    wall = solver.wall_time >= 0.98 * wall_limit
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Solution(status, float("nan"), float("nan"), method="cp-sat", wall_limit_hit=wall)
    x = np.array([solver.value(v) for v in xs], dtype=np.float64)
    return Solution(status, lm.objective(x), solver.best_objective_bound, x, method="cp-sat",
                    wall_limit_hit=wall)


def _whole(v: float) -> int:
    w = int(round(v))
    if abs(w - v) > 1e-9:
        raise ValueError(f"CP-SAT needs whole coefficients; got {v}")
    return w
