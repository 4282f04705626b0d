"""A sparse linear model built row by row, solved by HiGHS or CP-SAT.

Why not the engines' own modelling APIs: the attendance model of a 3,000-staff hospital has
about 200,000 integer variables, and building it through expression objects (MathOpt's, or
CP-SAT's) took 70 s of Python before any solving started. Here a variable is an index and a
constraint is three short lists appended to arrays, so building costs a second or two and both
engines read the very same model — the HiGHS and the CP-SAT plans can only differ in the search,
never in the rules (:mod:`planner.solver.attendance.engines`).

Every variable is an integer with finite bounds; the objective is minimised. Each objective
coefficient is kept with a label (the rule that asked for it), so a solution's objective can be
read back per rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np


@dataclass
class LinearModel:
    lower: list[int] = field(default_factory=list)
    upper: list[int] = field(default_factory=list)
    cost: list[float] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    offset: float = 0.0
    # rows: lo ≤ Σ coef·var ≤ hi, stored flat
    row_start: list[int] = field(default_factory=lambda: [0])
    row_index: list[int] = field(default_factory=list)
    row_value: list[float] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    #: (variable, coefficient, label) of every objective term, for reading a solution back
    terms: list[tuple[int, float, str]] = field(default_factory=list)

    INF = float("inf")

    # --- building --------------------------------------------------------------------------

    def var(self, lo: int, hi: int, name: str = "") -> int:
        """A new integer variable in ``lo … hi``; returns its index."""
        if hi < lo:
            hi = lo
        self.lower.append(int(lo))
        self.upper.append(int(hi))
        self.cost.append(0.0)
        self.names.append(name)
        return len(self.lower) - 1

    def row(self, index: Sequence[int], value: Sequence[float], lo: float, hi: float) -> None:
        """``lo ≤ Σ value[k] · x[index[k]] ≤ hi`` (use ``±INF`` for a one-sided row)."""
        self.row_index.extend(index)
        self.row_value.extend(value)
        self.row_start.append(len(self.row_index))
        self.row_lower.append(lo)
        self.row_upper.append(hi)

    def at_most(self, index: Sequence[int], rhs: float, value: Sequence[float] | None = None
                ) -> None:
        """``Σ x ≤ rhs`` (or a weighted sum) — skipped when the variables' bounds already keep it."""
        if value is None:
            if sum(self.upper[i] for i in index) <= rhs:
                return
            value = [1.0] * len(index)
        self.row(index, value, -self.INF, rhs)

    def at_least(self, index: Sequence[int], value: Sequence[float], rhs: float) -> None:
        self.row(index, value, rhs, self.INF)

    def penalise(self, var: int, weight: float, label: str) -> None:
        """Add ``weight · x[var]`` to the objective."""
        self.cost[var] += weight
        self.terms.append((var, weight, label))

    def penalise_missing(self, index: Iterable[int], total: int, weight: float, label: str
                         ) -> None:
        """Add ``weight · (total − Σ x)`` to the objective (a constant and negative costs)."""
        self.offset += weight * total
        self.terms.append((-1, weight * total, label))
        for i in index:
            self.cost[i] -= weight
            self.terms.append((i, -weight, label))

    # --- reading ---------------------------------------------------------------------------

    @property
    def num_vars(self) -> int:
        return len(self.lower)

    @property
    def num_rows(self) -> int:
        return len(self.row_lower)

    def arrays(self) -> dict[str, np.ndarray]:
        return {
            "lower": np.asarray(self.lower, dtype=np.float64),
            "upper": np.asarray(self.upper, dtype=np.float64),
            "cost": np.asarray(self.cost, dtype=np.float64),
            "start": np.asarray(self.row_start, dtype=np.int32),
            "index": np.asarray(self.row_index, dtype=np.int32),
            "value": np.asarray(self.row_value, dtype=np.float64),
            "row_lower": np.asarray(self.row_lower, dtype=np.float64),
            "row_upper": np.asarray(self.row_upper, dtype=np.float64),
        }

    def objective(self, x: Sequence[float]) -> float:
        return self.offset + float(np.dot(np.asarray(self.cost), np.asarray(x, dtype=np.float64)))

    def violated_rows(self, x: Sequence[float], tol: float = 1e-6) -> list[int]:
        """Rows ``x`` breaks (a safety check of a rounded or repaired solution)."""
        a = self.arrays()
        xs = np.asarray(x, dtype=np.float64)
        out = []
        for r in range(self.num_rows):
            s, e = a["start"][r], a["start"][r + 1]
            v = float(np.dot(a["value"][s:e], xs[a["index"][s:e]]))
            if v < a["row_lower"][r] - tol or v > a["row_upper"][r] + tol:
                out.append(r)
        return out
