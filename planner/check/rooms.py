"""Rooms: every session is held in a room that exists, offers the feature the course needs (a
skills lab for CPR), seats everyone attending (and no more than the course's cohort size), is
open that day, and holds no other session at the same time.

A held session (dated before a re-plan's freeze date) is not judged against today's rooms —
existence, features, seats, cohort size, closures — but still clashes with any other session in
its room at the same time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from planner.check.context import Context, Entry, overlapping_pairs
from planner.check.violation import Violation

RULE = "rooms"


def check(ctx: Context) -> Iterator[Violation]:
    by_room: dict[str, list[Entry]] = defaultdict(list)
    for e in ctx.entries:
        s, c = e.session, e.course
        where = ctx.label(e)
        if not s.room:
            yield Violation(RULE, f"{where}: no room")
            continue
        room = ctx.rooms.get(s.room)
        if room is None:
            if not ctx.held(e):
                yield Violation(RULE, f"{where}: room {s.room} does not exist")
            continue
        by_room[room.id].append(e)
        if ctx.held(e):
            continue
        name = f"room {room.id} ({room.name})"
        if c.room_feature and c.room_feature not in room.features:
            yield Violation(RULE, f"{where}: {name} has no {c.room_feature}, which the course "
                                  f"needs")
        n = len(s.attendees)
        if n > room.capacity:
            yield Violation(RULE, f"{where}: {name} seats {room.capacity}, but {n} attend")
        if c.cohort_size and n > c.cohort_size:
            yield Violation(RULE, f"{where}: {n} attend, more than the cohort size {c.cohort_size}")
        closed = ctx.room_closed(room.id, e.day)
        if closed is not None:
            yield Violation(RULE, f"{where}: {name} is unavailable that day ({ctx.period(closed)})")
    for room_id in sorted(by_room):
        room = ctx.rooms[room_id]
        for a, b in overlapping_pairs(by_room[room_id]):
            yield Violation(RULE, f"room {room.id} ({room.name}) holds {a.session.id} and "
                                  f"{b.session.id} at the same time on {ctx.when(b)}")
