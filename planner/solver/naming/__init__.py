"""Phase 3: the people behind phase 2's head counts, named deterministically."""

from planner.solver.naming.assign import Attendance, assign_people, with_kept

__all__ = ["Attendance", "assign_people", "with_kept"]
