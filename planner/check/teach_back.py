"""Teach-back (回院汇报): everyone back from external study lectures to their department in time.

In the office's words: for each placement the plan holds one lecture
``teach-back:<seat>:<staff>#1.1`` given by the returnee, on a day after the placement ends and no
later than ``teach_back_weeks`` weeks after its end (end + 7 × weeks days), and the placement
names that session. Its audience is the returnee's own department — their colleagues and the
rotators placed there that month (the people family checks attendees, the sessions family the
working day and slot, the rooms family the room).

When the teach-back window runs past the end of the horizon (convention 6), the lecture may be
left out: the plan then says so in a warning naming the person (staff id) and the seat, and the
placement names no session. A lecture held inside the horizon part of such a window is just as
good. The same warning excuses a window without a single working day with a lecture slot. A
teach-back lecture for which no placement calls, or with a malformed id, is reported.

A held teach-back lecture (dated before a re-plan's freeze date) is not judged against today's
teach-back window; it still counts as the placement's lecture and must be given by the returnee.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from planner.check import synthetic
from planner.check.context import Context
from planner.check.timeline import parse_day, span
from planner.check.violation import Violation
from planner.plan import Placement

RULE = "teach-back"


def check(ctx: Context) -> Iterator[Violation]:
    seats = {x.id: x for x in ctx.problem.seats}
    owed: set[str] = set()
    for pl in ctx.plan.placements:
        seat, end = seats.get(pl.seat), parse_day(pl.end)
        if seat is None or end is None or pl.staff not in ctx.staff:
            continue  # the external study family reports the placement itself
        owed.add(synthetic.teach_back_course(pl.seat, pl.staff))
        yield from _lecture(ctx, pl, end, end + dt.timedelta(days=7 * seat.teach_back_weeks))
    for s in ctx.plan.sessions:
        if not s.course.startswith(synthetic.TEACH_BACK):
            continue
        parsed = synthetic.parse_teach_back(s.course)
        if parsed is None:
            yield Violation(RULE, f"{s.id}: not a teach-back id (expected "
                                  f"teach-back:<seat>:<staff id>#1.1)")
            continue
        want = synthetic.session_id(s.course)
        if s.id != want or (s.part, s.run) != (1, 1):
            yield Violation(RULE, f"{s.id}: a teach-back is one session, its id should be {want} "
                                  f"(part 1, run 1)")
        if s.course not in owed:
            seat, pid = parsed
            yield Violation(RULE, f"{s.id}: a teach-back lecture by {ctx.person_dept(pid)} for "
                                  f"seat {seat}, but the plan has no such placement")


def _lecture(ctx: Context, pl: Placement, end: dt.date, due: dt.date) -> Iterator[Violation]:
    course = synthetic.teach_back_course(pl.seat, pl.staff)
    sid = synthetic.session_id(course)
    who = ctx.person_dept(pl.staff)
    first = end + dt.timedelta(days=1)
    window = span(first, due)
    held = [s for s in ctx.plan.sessions if s.course == course]
    if not held:
        h = ctx.settings.horizon_end
        if due <= h and _lecture_day(ctx, first, due):
            yield Violation(RULE, f"{who} returns from seat {pl.seat} on {end.isoformat()} but "
                                  f"gives no teach-back lecture (回院汇报); it is due in {window}")
        elif not ctx.warned(pl.staff, pl.seat):
            why = (f"runs past the end of the horizon ({h.isoformat()})" if due > h
                   else "holds no working day with a lecture slot")
            yield Violation(RULE, f"{who}: the teach-back window {window} after seat {pl.seat} "
                                  f"{why}; no teach-back lecture is planned and no warning of the "
                                  f"plan names them and the seat")
        if pl.teach_back:
            yield Violation(RULE, f"{who}: the placement at seat {pl.seat} names teach-back "
                                  f"session {pl.teach_back}, which is not in the plan")
        return
    sess = next((s for s in held if s.id == sid), held[0])
    if pl.teach_back != sid:
        named = f"session {pl.teach_back}" if pl.teach_back else "no session"
        yield Violation(RULE, f"{who}: the placement at seat {pl.seat} names {named} as its "
                              f"teach-back lecture, expected {sid}")
    if sess.speaker != pl.staff:
        yield Violation(RULE, f"{sid}: given by {ctx.person_dept(sess.speaker)}, not by the "
                              f"returnee {who}")
    day = parse_day(sess.date)
    if day is not None and not first <= day <= due and not ctx.held(sess):
        yield Violation(RULE, f"{sid} by {who} on {day.isoformat()}: not within the teach-back "
                              f"window {window} after the return")


def _lecture_day(ctx: Context, first: dt.date, last: dt.date) -> bool:
    """Whether some day of ``first … last`` inside the horizon is a working day with a slot."""
    s = ctx.settings
    day, last = max(first, s.horizon_start), min(last, s.horizon_end)
    while day <= last:
        if ctx.calendar.is_workday(day) and ctx.calendar.slots_on(day, s.slots):
            return True
        day += dt.timedelta(days=1)
    return False
