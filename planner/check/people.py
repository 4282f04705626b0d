"""People: who attends what.

In the office's words: every attendee is on the staff list and in the course's audience, and is
not on leave that day; nobody is in two sessions at once; nobody takes the same session of a
course twice (a live run and a recording count alike); recordings stand in only for courses that
are recorded, and online modules are given only for online courses, to their audience. Every
audience member either takes each session of the course (live, by recording or online) or is
listed as missing it, with one of the plan's reasons. A rotator (轮转) belongs to department-scoped
audiences of the department they rotate in that month, not of their own (their own department's
sessions in those months are missed with the reason "away"); exit exams and teach-back lectures
are held to their re-derived audiences (see :mod:`planner.check.synthetic`); colleagues who do not
attend a teach-back lecture may be listed as missing it but need not be (a department cannot
send everyone at once). A ``missed`` row naming a rotation programme instead of a course is the
plan's note on a block it could not plan (read by the rotations family).

A held session (dated before a re-plan's freeze date) is not judged for its attendees' audience
or leave under today's inputs, and an attendee who has left the staff since is no fault (they
were there then); each must be listed once, and the session still counts for clashes, for
taking each part once, and for accounting every audience member.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from planner.check.context import Context, Entry, overlapping_pairs
from planner.check.synthetic import reserved
from planner.check.violation import Violation
from planner.domain import Mode

RULE = "people"
REASONS = ("away", "not eligible", "no session in window", "capacity", "coverage", "clash",
           "trade-off", "solver limit")


def check(ctx: Context) -> Iterator[Violation]:
    attends: dict[str, list[Entry]] = defaultdict(list)
    taken: dict[tuple[str, str, int], list[str]] = defaultdict(list)  # how each part was taken
    for e in ctx.entries:
        s, c = e.session, e.course
        where = ctx.label(e)
        held = ctx.held(e)  # held: audience and leave are not judged by today's inputs
        for pid, n in sorted(Counter(s.attendees).items()):
            if n > 1:
                yield Violation(RULE, f"{where}: {ctx.person_dept(pid)} is listed {n} times")
        for pid in sorted(set(s.attendees)):
            if pid not in ctx.staff:
                if not held:  # held: they were on the staff then, and have left since
                    yield Violation(RULE, f"{where}: attendee {pid} is not on the staff list")
                continue
            who = ctx.person_dept(pid)
            if not held and not ctx.in_audience(pid, c, e.day):
                yield Violation(RULE, f"{where}: {who} attends but is not in the course's "
                                      f"audience ({c.audience.text}){_rotating(ctx, pid, e)}")
            leave = None if held else ctx.on_leave(pid, e.day)
            if leave is not None:
                yield Violation(RULE, f"{where}: {who} attends while on leave "
                                      f"({ctx.period(leave)})")
            attends[pid].append(e)
            taken[pid, c.id, s.part].append(s.id)
    for e in ctx.entries:  # giving a part one must follow counts once as taking it
        s, c = e.session, e.course
        if s.speaker in ctx.audience.get(c.id, ()) and "teaching" not in taken[s.speaker, c.id, s.part]:
            taken[s.speaker, c.id, s.part].append("teaching")
    for pid in sorted(attends):
        for a, b in overlapping_pairs(attends[pid]):
            yield Violation(RULE, f"{ctx.person_dept(pid)} attends {a.session.id} and "
                                  f"{b.session.id} at the same time on {ctx.when(b)}")
    yield from _offsite(ctx, taken)
    held = {e.session.id for e in ctx.entries if ctx.held(e)}
    for (pid, cid, part), ways in sorted(taken.items()):
        if "teaching" in ways and any(w in held for w in ways):
            # Having followed the part before (a fact of the sign-in sheets) does not stop
            # anyone from teaching it later; teaching then simply adds no second taking.
            ways = [w for w in ways if w != "teaching"]
        if len(ways) > 1 and pid in ctx.staff and cid in ctx.courses:
            what = f"{ctx.course_label(ctx.courses[cid])} session {part}"
            yield Violation(RULE, f"{ctx.person_dept(pid)} takes {what} {len(ways)} times: "
                                  f"{', '.join(ways)}")
    yield from _accounted(ctx, taken)


def _rotating(ctx: Context, pid: str, e: Entry) -> str:
    """`` while on rotation in 外科 (WK)`` when the person is in a rotation block that day."""
    s = ctx.timeline.block_on(pid, e.day) if e.day is not None else None
    return f" while on rotation in {ctx.dept(s.row.department)}" if s is not None else ""


def _offsite(ctx: Context, taken: dict[tuple[str, str, int], list[str]]) -> Iterator[Violation]:
    for o in ctx.plan.offsite:
        c = ctx.courses.get(o.course)
        if c is None:
            yield Violation(RULE, f"{ctx.person_dept(o.staff)} is given {o.mode} course "
                                  f"{o.course}, which does not exist")
            continue
        what = f"{ctx.course_label(c)} session {o.part}"
        if o.staff not in ctx.staff:
            yield Violation(RULE, f"{what} is given {o.mode} to {o.staff}, who is not on the "
                                  f"staff list")
            continue
        who = ctx.person_dept(o.staff)
        if not 1 <= o.part <= c.parts:
            yield Violation(RULE, f"{who} is given {what} ({o.mode}), but the course has "
                                  f"{c.parts} session(s)")
            continue
        if o.mode == "recording":
            if not c.recording or c.mode is not Mode.IN_PERSON:
                yield Violation(RULE, f"{who} is given a recording of {what}, but the course is "
                                      f"not recorded")
            elif o.staff not in ctx.audience[c.id]:
                yield Violation(RULE, f"{who} is given a recording of {what} but is not in its "
                                      f"audience ({c.audience.text})")
            taken[o.staff, c.id, o.part].append("a recording")
        elif o.mode == "online":
            if c.mode is not Mode.ONLINE:
                yield Violation(RULE, f"{who} is given {what} online, but it is an in-person "
                                      f"course")
            elif o.staff not in ctx.audience[c.id]:
                yield Violation(RULE, f"{who} is given {what} online but is not in its audience "
                                      f"({c.audience.text})")
            taken[o.staff, c.id, o.part].append("online")
        else:
            yield Violation(RULE, f"{who} is given {what} in an unknown mode '{o.mode}'")


def _accounted(ctx: Context, taken: dict[tuple[str, str, int], list[str]]) -> Iterator[Violation]:
    missed: dict[tuple[str, str, int], str] = {}
    programmes = {g.id for g in ctx.problem.programmes}
    for m in ctx.plan.missed:
        if m.course in programmes and m.course not in ctx.courses:
            continue  # a rotation block that could not be planned: the rotations family reads it
        c = ctx.courses.get(m.course) or ctx.synthetic.get(m.course)
        who = ctx.person_dept(m.staff)
        if c is None:
            held = "is not in the plan" if reserved(m.course) else "does not exist"
            yield Violation(RULE, f"{who} is listed as missing course {m.course}, which {held}")
            continue
        what = f"{ctx.course_label(c)} session {m.part}"
        if m.reason not in REASONS:
            yield Violation(RULE, f"{who} is listed as missing {what} for the reason "
                                  f"'{m.reason}', which is not one of: {', '.join(REASONS)}")
        if taken.get((m.staff, c.id, m.part)):
            yield Violation(RULE, f"{who} is listed as missing {what} but takes it "
                                  f"({', '.join(taken[m.staff, c.id, m.part])})")
        missed[m.staff, c.id, m.part] = m.reason
    for c in ctx.problem.courses:
        for pid in sorted(ctx.audience[c.id]):
            for part in range(1, c.parts + 1):
                if not taken.get((pid, c.id, part)) and (pid, c.id, part) not in missed:
                    yield Violation(RULE, f"{ctx.person_dept(pid)} is in the audience of "
                                          f"{ctx.course_label(c)} session {part} but neither "
                                          f"takes it nor is listed as missing it")
