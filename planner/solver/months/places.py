"""Rotator places month by month: ``rotation_capacity.csv`` over each department's
``rotator_capacity``. Plain data, no solver objects."""

from __future__ import annotations

from planner.domain import Problem
from planner.solver.months.grid import MonthGrid


class Places:
    def __init__(self, problem: Problem, grid: MonthGrid) -> None:
        self.default = {d.id: d.rotator_capacity for d in problem.departments}
        self.cap: dict[tuple[str, int], int] = {}
        self.minimum: dict[tuple[str, int], int] = {}
        for row in problem.rotation_places:
            for k in grid.touched(row.start, row.end):
                if row.capacity is not None:
                    self.cap[row.department, k] = row.capacity
                if row.minimum or row.capacity is None:  # a row of minimum only sets it
                    self.minimum[row.department, k] = row.minimum

    def capacity(self, dept: str, k: int) -> int:
        """Rotators ``dept`` takes at most in month ``k``."""
        return self.cap.get((dept, k), self.default.get(dept, 0))

    def at_least(self, dept: str, k: int) -> int:
        """Rotators ``dept`` takes at least in month ``k``."""
        return self.minimum.get((dept, k), 0)
