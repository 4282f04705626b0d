"""One notice per person: what changed for them, with a cause they may read.

The office's ``changes.md`` names every cause in full — "主讲人熊瑶 2027-05-15 至 2027-06-15
请假（病假）". A person's notice must not: why a colleague is away (sick leave, maternity leave)
is known to that colleague and the office only. So a notice names a cause in full only when it
is about the reader themselves (:meth:`planner.changes.causes.Cause.concerns`: their own leave,
their joining, their own records); for everything else it says what kind of change it was, from
the event itself — 主讲人调整, 时间调整, 教室调整, 新增安排, 安排取消 — never from the input
change, so no word of another person's leave can reach it.

A cohort move (the person leaves CPR run 2 and joins run 4 of the same part) is one line
("CPR 第2期 → 第4期"), not "no longer" plus "new".
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.changes.causes import Cause
from planner.changes.diff import ADDED, ATTENDS, REMOVED, SESSION, PersonChange
from planner.changes.labels import Labels


@dataclass(frozen=True)
class PersonNotice:
    """What one person is told: their lines in order, a subject and the whole message."""

    staff: str
    name: str
    department: str
    email: str
    lines: tuple[str, ...]
    subject: str
    body: str


def neutral_cause(change: PersonChange, labels: Labels) -> str:
    """What kind of change this is for the reader, from the event alone."""
    if change.change == ADDED:
        return labels("neutral.added")
    if change.change == REMOVED:
        return labels("neutral.removed")
    before, after = change.before, change.after
    assert before is not None and after is not None
    found = []
    if (before.start, before.end) != (after.start, after.end):
        found.append(labels("neutral.time"))
    if before.place != after.place:
        found.append(labels("neutral.room" if after.kind == SESSION else "neutral.place"))
    if before.speaker != after.speaker:
        found.append(labels("neutral.speaker"))
    return labels("list.sep").join(found) or labels("neutral.other")


def readable_cause(change: PersonChange, cause: Cause | None, labels: Labels) -> str:
    """The cause the person may read: their own in full, anyone else's as a neutral word."""
    if cause is not None and cause.concerns(change.staff):
        return cause.say(labels)
    return neutral_cause(change, labels)


def cohort_moves(changes: list[PersonChange]) -> list[tuple[PersonChange, PersonChange]]:
    """Pairs (left, joined) of one person's changes that are a move between runs of the same
    course part they attend; each change in at most one pair, earliest first."""
    left = [c for c in changes if c.change == REMOVED and c.before is not None
            and c.before.kind == SESSION and c.role_before == ATTENDS]
    joined = [c for c in changes if c.change == ADDED and c.after is not None
              and c.after.kind == SESSION and c.role_after == ATTENDS]
    pairs = []
    taken: set[str] = set()
    for gone in left:
        b = gone.before
        assert b is not None
        for new in joined:
            a = new.after
            assert a is not None
            if new.key not in taken and (a.course, a.part) == (b.course, b.part) \
                    and a.run != b.run:
                taken.add(new.key)
                pairs.append((gone, new))
                break
    return pairs
