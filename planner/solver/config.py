"""Solver settings, kept apart from the hospital data (filled from plan.yaml or the command line)."""

from __future__ import annotations

from dataclasses import dataclass

from planner.domain import SolverSettings

#: Share of a solve's deterministic budget that presolve's probing may use.
PROBING_SHARE = 0.1


@dataclass(frozen=True)
class SolverConfig:
    """How hard to search. ``time_limit`` is in CP-SAT *deterministic* seconds, so the same inputs
    and seed give the same plan whatever the machine's load; ``wall_limit`` is only a safety net."""

    time_limit: float = 60.0
    seed: int = 1
    workers: int = 2
    log: bool = False
    engine: str = "highs"  # attendance phase: "highs" or "cp-sat" (see planner.solver.attendance.engines)
    #: Re-plans: "local" re-plans the attendance of the people the change reaches
    #: (:mod:`planner.solver.replan.scope`); "full" re-plans everyone's.
    replan_scope: str = "local"

    @property
    def wall_limit(self) -> float:
        """A safety net far above what the deterministic budget takes on a busy 2-core machine
        (measured: up to ~4 wall seconds per deterministic second), so it never decides a plan
        in practice; when it does, the run log says so (the plan is then not reproducible)."""
        return max(60.0, 10 * self.time_limit)

    @classmethod
    def from_settings(cls, s: SolverSettings, **overrides: object) -> "SolverConfig":
        values: dict[str, object] = {"time_limit": s.time_limit, "seed": s.seed,
                                     "workers": s.workers, "engine": s.engine,
                                     "replan_scope": s.replan_scope}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def apply(self, parameters: object, share: float = 1.0) -> None:
        """Set CP-SAT parameters for a deterministic, bounded search."""
        p = parameters
        p.random_seed = self.seed  # type: ignore[attr-defined]
        p.num_workers = max(1, self.workers)  # type: ignore[attr-defined]
        p.interleave_search = True  # type: ignore[attr-defined]
        p.max_deterministic_time = max(0.5, self.time_limit * share)  # type: ignore[attr-defined]
        limit_probing(p)
        p.max_time_in_seconds = self.wall_limit * share  # type: ignore[attr-defined]
        p.log_search_progress = self.log  # type: ignore[attr-defined]

    def stopped_by_wall_clock(self, solver: object, share: float = 1.0) -> bool:
        """Whether a CP-SAT solve ended on the wall-clock safety net rather than its
        deterministic budget (then the result may differ from run to run)."""
        return solver.wall_time >= 0.98 * self.wall_limit * share  # type: ignore[attr-defined]


def limit_probing(p: object) -> None:
    """Keep presolve's probing to :data:`PROBING_SHARE` of the budget already set in ``p``.

    Probing may otherwise spend the whole budget before the search starts — and with it the
    complete hint, reported only once the search begins (the example at 1.6 deterministic s:
    three probing rounds of 0.4 each, then no solution at all)."""
    probing = PROBING_SHARE * p.max_deterministic_time  # type: ignore[attr-defined]
    p.presolve_probing_deterministic_time_limit = min(30.0, probing)  # type: ignore[attr-defined]
    p.probing_deterministic_time_limit = min(1.0, probing)  # type: ignore[attr-defined]
