"""The independent checker: a second opinion on a plan that shares no code with the solver.

It reads only the inputs (a :class:`~planner.domain.Problem` and its
:class:`~planner.workdays.WorkCalendar`) and the plan as written to ``plan.json``, re-verifies
every hard rule, recomputes every quota figure, and returns each broken rule as a labelled
:class:`Violation` in the office's words. One module per rule family, in the order below; each
states its rule in its docstring.
"""

from __future__ import annotations

import datetime as dt

from planner.check import (
    coverage,
    exit_exams,
    hospital,
    monthly_coverage,
    people,
    pins,
    placements,
    quotas,
    rooms,
    rotations,
    sessions,
    speakers,
    status,
    teach_back,
)
from planner.check.context import Context
from planner.check.report import format_violations
from planner.check.violation import Violation
from planner.domain import Problem
from planner.plan import Plan
from planner.workdays import WorkCalendar

#: Hard rules first — session by session, then month by month (rotations, external study and
#: the sessions they bring) — then quotas.
FAMILIES = (sessions, pins, rooms, speakers, people, coverage, rotations, exit_exams, placements,
            teach_back, monthly_coverage, hospital, quotas, status)


def check_plan(problem: Problem, calendar: WorkCalendar, plan: Plan, *,
               held_before: dt.date | None = None) -> list[Violation]:
    """Every violation of ``plan`` against ``problem``, sorted and without repeats.

    ``held_before`` (a re-plan's freeze date): sessions dated before it were held and are facts.
    Rules judging their own circumstances against today's inputs skip them; every rule that
    counts them still applies (see :mod:`planner.check.context` and each family's docstring)."""
    ctx = Context(problem, calendar, plan, held_before)
    found: set[Violation] = set()
    for family in FAMILIES:
        found.update(family.check(ctx))
    return sorted(found)


__all__ = ["Violation", "check_plan", "format_violations"]
