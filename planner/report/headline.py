"""The figures at the top of the summary: is this plan good enough to publish?

Every figure is read from the plan and the inputs, except the checker's violation count, which
the caller passes in (the report does not re-run the checker). What only a solver person reads
— objective values, bounds, gaps, wall-clock times — is not here: ``plan.json`` and ``run.log``
keep them, and the summary stays byte-identical for the same plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner.domain import Problem
from planner.plan import Plan
from planner.report.months import length_in_months
from planner.summary import PHASE_ORDER, quota_attainment


@dataclass(frozen=True)
class Headline:
    hospital: str
    plan_name: str
    horizon_start: dt.date
    horizon_end: dt.date
    staff: int
    departments: int
    sessions: int
    live_attendances: int
    recordings: int
    online: int
    rotation_blocks: int
    rotating_people: int
    placements: int
    months_away: float  # person-months on external study (进修)
    quota_attainment: float  # percent, hour categories only (see planner.summary)
    people_short: int
    short_lines: int
    missed: int
    violations: int
    status: str
    phases: tuple[tuple[str, str], ...]  # (phase, status) in phase order
    warnings: tuple[str, ...]
    #: a warning of a block or seat left unplanned → the changes tried that would plan it
    relaxations: dict[str, tuple[str, ...]] = field(default_factory=dict)


def build_headline(problem: Problem, plan: Plan, violations: int,
                   calendar_notes: tuple[str, ...] = ()) -> Headline:
    """``calendar_notes`` are left out of the warnings: the holiday notes show them."""
    short = [q for q in plan.quotas if q.shortfall > 0]
    return Headline(
        hospital=plan.hospital,
        plan_name=plan.name,
        horizon_start=dt.date.fromisoformat(plan.horizon_start),
        horizon_end=dt.date.fromisoformat(plan.horizon_end),
        staff=len(problem.staff),
        departments=len(problem.departments),
        sessions=len(plan.sessions),
        live_attendances=sum(len(s.attendees) for s in plan.sessions),
        recordings=sum(o.mode == "recording" for o in plan.offsite),
        online=sum(o.mode == "online" for o in plan.offsite),
        rotation_blocks=len(plan.rotations),
        rotating_people=len({r.staff for r in plan.rotations}),
        placements=len(plan.placements),
        months_away=round(sum(
            length_in_months(dt.date.fromisoformat(p.start), dt.date.fromisoformat(p.end))
            for p in plan.placements), 2),
        quota_attainment=round(quota_attainment(plan), 2),
        people_short=len({q.staff for q in short}),
        short_lines=len(short),
        missed=len(plan.missed),
        violations=violations,
        status=plan.status,
        phases=tuple((p, plan.phases[p]) for p in PHASE_ORDER if p in plan.phases),
        warnings=tuple(w for w in plan.warnings if w not in calendar_notes),
        relaxations={w: tuple(r) for w, r in plan.relaxations.items() if r},
    )
