"""The phases of ``planner plan`` up to the timetable, without the attendance and without
writing anything: whether the inputs can be planned, and if not, which rule instances clash.

The attendance phase never makes a plan impossible (every attendance is optional, coverage
only bounds it), so a timetable is the proof that a plan exists. This follows
:func:`planner.solver.solve.solve` step for step — months, their sessions derived, the
instance, the timetable — with the same configuration, so a diagnosis here names what
``planner plan`` names.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from planner.domain import Problem
from planner.solver.config import SolverConfig
from planner.solver.findings import Finding
from planner.solver.instance import build_instance
from planner.solver.months import solve_months
from planner.solver.months.derive import derive
from planner.solver.replan.past import PastWork
from planner.solver.timetable.phase import solve_timetable
from planner.workdays import WorkCalendar


@dataclass
class Outcome:
    """``ok``: a timetable exists; else ``findings`` say why (``status`` as the phases say)."""

    ok: bool
    status: str
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def proven(self) -> bool:
        """No plan, and that is a proof — not a search that ran out of time."""
        return not self.ok and not any(f.rule == "limit" for f in self.findings)


def through_timetable(problem: Problem, calendar: WorkCalendar, config: SolverConfig,
                      past: PastWork | None = None) -> Outcome:
    months = solve_months(problem, config, past, calendar)
    if not months.ok:
        return Outcome(False, months.status, [Finding("limit", text="months")])
    derived = derive(problem, calendar, months)
    due = [(cid, end) for cid, end, _ in derived.unplanned_exams
           if past is None or end >= past.freeze_until]
    if due:
        return Outcome(False, "INFEASIBLE", [derived.exam_findings[cid] for cid, _ in due])
    model_problem = derived.problem
    if past is not None:
        model_problem = replace(model_problem, history=model_problem.history + past.prior)
    inst = build_instance(model_problem, calendar, derived.hosts, past)
    tt = solve_timetable(inst, config)
    warnings = list(months.warnings) + [w for w in derived.warnings if w not in months.warnings]
    if tt.schedule is None:
        return Outcome(False, tt.status, list(tt.findings), warnings)
    return Outcome(True, tt.status, [], warnings)
