"""Status: the plan says no more than its phases proved.

In the office's words: a plan is called optimal only when each of its phases (rotation months,
timetable, attendance) proved its part the best or had nothing to decide; a missed session or a
shortfall is put down to "solver limit" only when the attendance phase stopped before proving
its plan the best, and to "trade-off" (the best plan gives the hours to others) only when it
did prove it. A plan written before phases were recorded (no ``phases``) is not judged here.
"""

from __future__ import annotations

from collections.abc import Iterator

from planner.check.context import Context
from planner.check.violation import Violation

RULE = "status"
PROVED = ("OPTIMAL", "EMPTY")
KNOWN = ("OPTIMAL", "FEASIBLE", "CONSTRUCTIVE", "KEPT", "EMPTY")


def check(ctx: Context) -> Iterator[Violation]:
    plan = ctx.plan
    phases = plan.phases
    if not phases:
        return
    for phase, status in sorted(phases.items()):
        if status not in KNOWN:
            yield Violation(RULE, f"the {phase} phase's status '{status}' is not one of: "
                                  f"{', '.join(KNOWN)}")
    unproved = sorted(p for p, s in phases.items() if s not in PROVED)
    if plan.status == "OPTIMAL" and unproved:
        yield Violation(RULE, f"the plan is called optimal, but the {', '.join(unproved)} "
                              f"phase(s) did not prove it")
    if plan.status != "OPTIMAL" and not unproved:
        yield Violation(RULE, f"every phase proved its part, but the plan is called "
                              f"{plan.status}")
    proved = phases.get("attendance") == "OPTIMAL"
    wrong = "solver limit" if proved else "trade-off"
    rows = [f"{m.staff} {m.course}#{m.part}" for m in plan.missed if m.reason == wrong] + \
        [f"{q.staff} {q.category}" for q in plan.quotas if q.reason == wrong]
    if rows:
        why = ("the attendance phase proved its plan the best" if proved else
               "the attendance phase did not prove its plan the best")
        more = f" … and {len(rows) - 5} more" if len(rows) > 5 else ""
        yield Violation(RULE, f"{len(rows)} row(s) give the reason '{wrong}', but {why}: "
                              f"{', '.join(rows[:5])}{more}")
