"""Phase 1: when each session takes place (date and slot).

Rooms and speakers are not decided here but guaranteed: per clashing time, the sessions needing
any given set of rooms (or speakers) never outnumber that set (Hall's condition), and
:mod:`planner.solver.timetable.matching` then assigns them exactly, adding a cut if a finer condition fails.
Each rule instance is guarded by a literal carrying its description, so an infeasible model can
be explained in the office's words (see :mod:`planner.solver.timetable.explain`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.solver.instance import Instance


@dataclass
class Guard:
    literal: cp_model.IntVar
    family: str
    text: str


@dataclass
class TimetableModel:
    inst: Instance
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    x: dict[int, dict[int, cp_model.IntVar]] = field(default_factory=dict)
    guards: list[Guard] = field(default_factory=list)
    penalties: list[tuple[cp_model.LinearExprT, int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for run in self.inst.runs:
            self.x[run.index] = {
                t: self.model.new_bool_var(f"x[{run.key}@{t}]") for t in run.candidates
            }
        self._at: dict[int, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
        for r, by_t in self.x.items():
            for t, var in by_t.items():
                self._at[t].append((r, var))

    def at(self, t: int) -> list[tuple[int, cp_model.IntVar]]:
        """(run index, variable) of every session that may take time point ``t``."""
        return self._at.get(t, [])

    def guard(self, family: str, text: str) -> cp_model.IntVar:
        lit = self.model.new_bool_var(f"guard[{len(self.guards)}]")
        self.guards.append(Guard(lit, family, text))
        return lit

    def start_index(self, run: int) -> cp_model.LinearExprT:
        return sum(t * v for t, v in self.x[run].items())

    def penalise(self, expr: cp_model.LinearExprT, weight: int, label: str) -> None:
        self.penalties.append((expr, weight, label))
