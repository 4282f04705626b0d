"""The phases of ``planner plan`` up to the timetable, without the attendance and without
writing anything: whether the inputs can be planned, and if not, which rule instances clash.

The attendance phase never makes a plan impossible (every attendance is optional, coverage
only bounds it), so a timetable is the proof that a plan exists. The months and the timetable
are run as :func:`planner.solver.solve.solve` runs them (:mod:`planner.solver.rounds`), with
the same configuration, so a diagnosis here names what ``planner plan`` names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.domain import Problem
from planner.solver.config import SolverConfig
from planner.solver.findings import Finding
from planner.solver.months import solve_months
from planner.solver.replan.past import PastWork
from planner.solver.rounds import months_and_timetable
from planner.workdays import WorkCalendar


@dataclass
class Outcome:
    """``ok``: a timetable exists; else ``findings`` say why (``status`` as the phases say)."""

    ok: bool
    status: str
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: warning of a block or seat left unplanned → the changes tried that would plan it
    relaxations: dict[str, list[str]] = field(default_factory=dict)

    @property
    def proven(self) -> bool:
        """No plan, and that is a proof — not a search that ran out of time."""
        return not self.ok and not any(f.rule == "limit" for f in self.findings)


def through_timetable(problem: Problem, calendar: WorkCalendar, config: SolverConfig,
                      past: PastWork | None = None, only_whether: bool = False,
                      advise: bool = False) -> Outcome:
    """Whether ``problem`` can be planned; if not, why (``only_whether``: the first timetable
    will do, and only the sessions without any time are named, no clashing set is sought —
    trying a relaxation needs only the answer). ``advise``: with a plan, the changes that would
    let what the months left unplanned be planned (:mod:`planner.explain.months`)."""
    rounds = months_and_timetable(
        problem, calendar, config,
        lambda avoid: solve_months(problem, config, past, calendar, avoid), past,
        only_whether=only_whether)
    months = rounds.months
    warnings = list(months.warnings)
    if rounds.derived is not None:
        warnings += [w for w in rounds.derived.warnings if w not in warnings]
    if not rounds.ok:
        return Outcome(False, rounds.status, list(rounds.findings), warnings)
    relaxations: dict[str, list[str]] = {}
    if advise:
        from planner.explain.months import advise as months_advice

        relaxations = months_advice(problem, calendar, config, months, past,
                                    rounds.avoided).words(problem)
    return Outcome(True, rounds.status, [], warnings, relaxations)
