"""Pins: a session the office has fixed (pins.csv) is in the plan exactly as fixed — on the
pinned date, in the pinned slot and room, given by the pinned speaker (whichever are set).

A held session (dated before a re-plan's freeze date) is not compared with a pin: it took place
where it took place; a pinned session must still be in the plan."""

from __future__ import annotations

from collections.abc import Iterator

from planner.check.context import Context
from planner.check.violation import Violation

RULE = "pins"


def check(ctx: Context) -> Iterator[Violation]:
    by_id = {}
    for s in ctx.plan.sessions:
        by_id.setdefault(s.id, s)
    for pin in ctx.problem.pins:
        sid = f"{pin.course}#{pin.part}.{pin.run}"
        c = ctx.courses.get(pin.course)
        label = f"{sid} ({c.title})" if c else sid
        s = by_id.get(sid)
        if s is None:
            yield Violation(RULE, f"{label} is pinned but not in the plan")
            continue
        if ctx.held(s):
            continue
        if pin.date is not None and s.date != pin.date.isoformat():
            yield Violation(RULE, f"{label} is pinned to {pin.date.isoformat()}, "
                                  f"planned on {s.date}")
        if pin.slot and s.slot != pin.slot:
            yield Violation(RULE, f"{label} is pinned to slot {pin.slot}, planned in slot {s.slot}")
        if pin.room and s.room != pin.room:
            yield Violation(RULE, f"{label} is pinned to room {pin.room}, planned in room {s.room}")
        if pin.speaker and s.speaker != pin.speaker:
            yield Violation(RULE, f"{label} is pinned to speaker {ctx.person(pin.speaker)}, "
                                  f"planned with {ctx.person(s.speaker)}")
