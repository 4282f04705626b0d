"""Exit exams (出科考核): every rotator finishing a block sits an exit exam in its last week.

In the office's words: for every department and month in which rotators of a programme with exit
exams finish a block there, the plan holds one exam session ``exit:<department>:<YYYY-MM>#1.1``;
it is sat by exactly those rotators (the people family reports anyone else), within the last 7
days of the block (its end − 6 … its end); it lasts the programme's exam hours (the sessions
family holds it to its slot and working day like any session, the rooms family to a room that
fits); the examiner is a staff member of that department at intermediate title (中级) or above
(the speakers family checks that and leave) who is not in a rotation block that month and not
away on external study (the external study family reports a session given while away). Each
block's ``exit_exam`` names its exam's session id, or is empty when the programme has none. An
exit exam session that no finishing rotator calls for, or whose id is malformed, is reported.

A held exam (dated before a re-plan's freeze date) is not judged for its date, length or
examiner under today's inputs; it still counts as the block's exam, must be sat by the rotators
finishing there, and must be called for.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from planner.check import synthetic
from planner.check.context import Context, num
from planner.check.timeline import Month, Stint, label, month_of, parse_day, span
from planner.check.violation import Violation

RULE = "exit exams"


def due(ctx: Context) -> dict[tuple[str, Month], list[Stint]]:
    """(department, month) → the blocks finishing there then that owe an exit exam."""
    with_exam = {g.id for g in ctx.problem.programmes if g.exit_exam}
    out: dict[tuple[str, Month], list[Stint]] = defaultdict(list)
    for pid in sorted(ctx.timeline.stints):
        for s in ctx.timeline.stints[pid]:
            if s.row.programme in with_exam:
                out[s.row.department, month_of(s.end)].append(s)
    return out


def check(ctx: Context) -> Iterator[Violation]:
    owed = due(ctx)
    yield from _stray(ctx, owed)
    for (dept, m), stints in sorted(owed.items()):
        yield from _exam(ctx, dept, m, stints)
    yield from _block_fields(ctx)


def _what(ctx: Context, dept: str, m: Month) -> str:
    return f"exit exam (出科考核) of {ctx.dept(dept)} for {label(m)}"


def _stray(ctx: Context, owed: dict[tuple[str, Month], list[Stint]]) -> Iterator[Violation]:
    for s in ctx.plan.sessions:
        if not s.course.startswith(synthetic.EXIT):
            continue
        parsed = synthetic.parse_exit(s.course)
        if parsed is None:
            yield Violation(RULE, f"{s.id}: not an exit exam id (expected "
                                  f"exit:<department>:<YYYY-MM>#1.1)")
            continue
        dept, m = parsed
        if dept not in ctx.departments:
            yield Violation(RULE, f"{s.id}: department {dept} does not exist")
            continue
        want = synthetic.session_id(s.course)
        if s.id != want or (s.part, s.run) != (1, 1):
            yield Violation(RULE, f"{s.id}: an exit exam is one session, its id should be {want} "
                                  f"(part 1, run 1)")
        if (dept, m) not in owed:
            yield Violation(RULE, f"{s.id}: {_what(ctx, dept, m)} is planned, but no rotator "
                                  f"finishes a block there that month")


def _exam(ctx: Context, dept: str, m: Month, stints: list[Stint]) -> Iterator[Violation]:
    course = synthetic.exit_course(dept, m)
    sid = synthetic.session_id(course)
    what = _what(ctx, dept, m)
    finishing = sorted({s.row.staff for s in stints})
    held = [s for s in ctx.plan.sessions if s.course == course]
    if not held:
        yield Violation(RULE, f"no {what}: {', '.join(ctx.person_dept(p) for p in finishing)} "
                              f"finish(es) a block there; expected session {sid}")
        return
    sess = next((s for s in held if s.id == sid), held[0])
    sitting = set().union(*(s.attendees for s in held))
    for pid in finishing:
        if pid not in sitting:
            yield Violation(RULE, f"{sid} ({what}): {ctx.person_dept(pid)} finishes a block there "
                                  f"but does not sit the exam")
    if ctx.held(sess):
        return
    day = parse_day(sess.date)
    if day is not None:
        for s in stints:
            lo, hi = s.end - dt.timedelta(days=6), s.end
            if not lo <= day <= hi:
                yield Violation(RULE, f"{sid} ({what}) on {day.isoformat()}: not in the last 7 "
                                      f"days of {ctx.person(s.row.staff)}'s block "
                                      f"{span(lo, hi)}")
    hours = synthetic.exam_hours(ctx.problem, ctx.timeline, dept, m)
    if len(hours) > 1 and all(abs(sess.hours - h) > 1e-6 for h in hours):
        yield Violation(RULE, f"{sid} ({what}): lasts {num(sess.hours)} h, the programmes' exit "
                              f"exams last {' or '.join(num(h) for h in hours)} h")
    examiner = sess.speaker
    if examiner in ctx.staff:
        for s in ctx.timeline.blocks_in(examiner, m):
            yield Violation(RULE, f"{sid} ({what}): the examiner {ctx.person_dept(examiner)} is "
                                  f"in a rotation block ({s.row.programme} block {s.row.block} "
                                  f"in {ctx.dept(s.row.department)}) that month")


def _block_fields(ctx: Context) -> Iterator[Violation]:
    exams = {g.id: g.exit_exam for g in ctx.problem.programmes}
    for pid in sorted(ctx.timeline.stints):
        for s in ctx.timeline.stints[pid]:
            r = s.row
            if r.programme not in exams:
                continue  # the rotations family reports an unknown programme
            want = (synthetic.session_id(synthetic.exit_course(r.department, month_of(s.end)))
                    if exams[r.programme] else "")
            if r.exit_exam != want:
                where = (f"{ctx.person_dept(pid)}: {r.programme} block {r.block} in "
                         f"{ctx.dept(r.department)} {r.start}..{r.end}")
                named = f"exit exam {r.exit_exam}" if r.exit_exam else "no exit exam"
                yield Violation(RULE, f"{where}: names {named}, expected " + (
                    want if want else "none (the programme has no exit exams)"))
