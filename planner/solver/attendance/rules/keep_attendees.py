"""Re-planning (attendance): published attendees stay in their session where they can.

For each group and published session, taking out any of the group's published attendees costs
:data:`~planner.solver.replan.STAY_WEIGHT` each: below a quota shortfall or a missed session (no
one loses training to avoid a change), above the preferences. Phase 3 then names the published
attendees first (:mod:`planner.solver.naming.assign`). Nothing happens when this is not a re-plan."""

from __future__ import annotations

from planner.solver.attendance.model import AttendanceModel
from planner.solver.replan.past import STAY_WEIGHT


def add(am: AttendanceModel) -> None:
    inst = am.inst
    if inst.past is None:
        return
    m = am.model
    for (g, r), n in sorted(am.n.items(), key=lambda kv: kv[0]):
        published = inst.past.future.get(inst.runs[r].key)
        if published is None:
            continue
        # the group's published attendees who may still attend it
        base = sum(1 for p in am.groups[g].members
                   if p in published.attendees and r not in am.blocked[p])
        base = min(base, m.upper[n])
        if base == 0:
            continue
        left = m.var(0, base, f"left[{g},{r}]")
        m.at_least([left, n], [1.0, 1.0], base)  # left ≥ base − n
        m.penalise(left, STAY_WEIGHT, "published attendee moved")
