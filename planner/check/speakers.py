"""Speakers: every session has an eligible speaker who is free.

In the office's words: the speaker is the one the office pinned for that session, else the one
its topic row names (定人定题), else the course's outside expert, else someone from the course's
speaker pool — an exam whose course names none of these needs no speaker; nobody speaks on a
day they are on leave; a speaker never gives two sessions at
once and never sits in a session while giving another at the same time.

A held session (dated before a re-plan's freeze date) is not judged for its speaker's
eligibility or leave under today's inputs, and a speaker who has left the staff since is no
fault; it still needs a speaker, and its speaker's clashes with any other session still count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from planner.check.context import Context, Entry, overlaps, overlapping_pairs
from planner.check.violation import Violation
from planner.domain import Category

RULE = "speakers"


def eligible(ctx: Context, e: Entry) -> tuple[frozenset[str], str]:
    """Who may give this session, and why, in words."""
    c, s = e.course, e.session
    pin = next((p for p in ctx.problem.pins
                if (p.course, p.part, p.run) == (c.id, s.part, s.run) and p.speaker), None)
    if pin is not None:
        return frozenset({pin.speaker}), f"the pinned speaker is {ctx.person(pin.speaker)}"
    topic = next((t for t in ctx.problem.topics
                  if (t.course, t.part) == (c.id, s.part) and t.speaker), None)
    if topic is not None:
        return (frozenset({topic.speaker}),
                f"the topic row names {ctx.person(topic.speaker)} for session {s.part}")
    if c.external_speaker:
        return (frozenset({f"ext:{c.external_speaker}"}),
                f"the course's speaker is the outside expert {c.external_speaker}")
    if c.speakers is not None:
        return ctx.speaker_pool(c), f"eligible: {c.speakers.text}"
    return frozenset(), "the course names no speaker"


def check(ctx: Context) -> Iterator[Violation]:
    teaching: dict[str, list[Entry]] = defaultdict(list)
    for e in ctx.entries:
        sp = e.session.speaker
        where = ctx.label(e)
        if not sp:
            allowed, _ = eligible(ctx, e)
            if allowed or e.course.category is not Category.EXAM:
                yield Violation(RULE, f"{where}: no speaker")
            continue  # an exam whose course names no examiner needs none (docs/inputs.md)
        teaching[sp].append(e)
        if not sp.startswith("ext:") and sp not in ctx.staff:
            if not ctx.held(e):  # held: they were on the staff then, and have left since
                yield Violation(RULE, f"{where}: speaker {sp} is not on the staff list")
            continue
        if ctx.held(e):
            continue
        allowed, why = eligible(ctx, e)
        if sp not in allowed:
            yield Violation(RULE, f"{where}: speaker {ctx.person_dept(sp)} is not eligible ({why})")
        leave = None if sp.startswith("ext:") else ctx.on_leave(sp, e.day)
        if leave is not None:
            yield Violation(RULE, f"{where}: speaker {ctx.person_dept(sp)} is on leave that day "
                                  f"({ctx.period(leave)})")
    attending: dict[str, list[Entry]] = defaultdict(list)
    for e in ctx.entries:
        for pid in set(e.session.attendees):
            attending[pid].append(e)
    for sp in sorted(teaching):
        who = ctx.person_dept(sp)
        for a, b in overlapping_pairs(teaching[sp]):
            yield Violation(RULE, f"{who} teaches {a.session.id} and {b.session.id} at the same "
                                  f"time on {ctx.when(b)}")
        for t in teaching[sp]:
            for a in attending.get(sp, ()):
                if a is t:
                    yield Violation(RULE, f"{who} is listed as attending {t.session.id}, which "
                                          f"they teach, on {ctx.when(t)}")
                elif overlaps(a, t):
                    yield Violation(RULE, f"{who} attends {a.session.id} while teaching "
                                          f"{t.session.id} on {ctx.when(t)}")
