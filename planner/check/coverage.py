"""Coverage: a department keeps its minimum staff on duty at every session.

In the office's words: at the start of every session — and so at every moment sessions overlap —
each department's headcount, less its staff attending or teaching a session then and its staff on
leave that day, is at least its minimum on duty. Leave alone is not the plan's doing: a
department is reported only when at least one of its staff is in training or teaching then.

Rotations and external study (conventions 3 and 4): a department's staff that day are its own
people who are not in a rotation block elsewhere, plus — when the department's rotators count on
duty — the rotators placed in it that day; a rotator in training or teaching is counted where
they rotate. Staff away on external study are off duty, like leave. A department whose rotators
do not count on duty is not reported for its rotators' training alone.

A moment when only held sessions (dated before a re-plan's freeze date) run is not judged
against today's minimums and leave; once a session that is not held runs too, the held ones'
people count as away from duty like anyone else's.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from planner.check.context import Context, Entry
from planner.check.violation import Violation
from planner.domain import Department

RULE = "coverage"


def check(ctx: Context) -> Iterator[Violation]:
    by_day: dict[dt.date, list[Entry]] = defaultdict(list)
    for e in ctx.entries:
        if e.timed:
            by_day[ctx.local(e.start).date()].append(e)  # type: ignore[arg-type]
    for day in sorted(by_day):
        entries = by_day[day]
        pools: dict[str, _Pool] = {}  # by department: the same at every instant of the day
        for t in sorted({e.start for e in entries}):  # type: ignore[type-var]
            active = [e for e in entries if e.start <= t < e.end]  # type: ignore[operator]
            if all(ctx.held(e) for e in active):
                continue  # coverage then is a fact, not the plan's to change
            yield from _instant(ctx, day, ctx.local(t), active, pools)


class _Pool(NamedTuple):
    """Who counts towards a department's cover on a day, and who of them is away on external
    study or on leave that day."""

    people: set[str]
    away: set[str]
    leave: set[str]


def _pool(ctx: Context, d: Department, day: dt.date) -> _Pool:
    rotating, placed = ctx.timeline.stints, ctx.timeline.away  # only they can be elsewhere
    pool = {p for p in ctx.dept_staff.get(d.id, ())
            if p not in rotating or ctx.dept_on(p, day) == d.id}
    if d.rotators_count_on_duty:
        pool.update(ctx.timeline.rotators_on(d.id, day))
    away = {p for p in pool if p in placed and ctx.timeline.away_on(p, day) is not None}
    leave = {p for p in pool if ctx.on_leave(p, day) is not None}
    return _Pool(pool, away, leave)


def _instant(
    ctx: Context, day: dt.date, t: dt.datetime, active: list[Entry], pools: dict[str, _Pool]
) -> Iterator[Violation]:
    teaching: dict[str, set[str]] = defaultdict(set)
    training: dict[str, set[str]] = defaultdict(set)
    sessions: dict[str, set[str]] = defaultdict(set)  # by person
    for e in active:
        sp = e.session.speaker
        if sp in ctx.staff:
            teaching[ctx.dept_on(sp, day)].add(sp)
            sessions[sp].add(e.session.id)
        for pid in e.session.attendees:
            if pid in ctx.staff:
                training[ctx.dept_on(pid, day)].add(pid)
                sessions[pid].add(e.session.id)
    for d in ctx.problem.departments:
        if d.id not in teaching and d.id not in training:
            continue
        if d.id not in pools:
            pools[d.id] = _pool(ctx, d, day)
        pool = pools[d.id].people
        teach = teaching[d.id] & pool
        train = (training[d.id] & pool) - teach
        if not teach and not train:
            continue
        away = pools[d.id].away - teach - train
        leave = pools[d.id].leave - teach - train - away
        on_duty = len(pool) - len(teach) - len(train) - len(away) - len(leave)
        if on_duty >= d.min_on_duty:
            continue
        parts = [f"{n} {what}" for n, what in ((len(train), "in training"),
                                                (len(teach), "teaching"), (len(leave), "on leave"),
                                                (len(away), "away on external study"))
                 if n]
        held = sorted(set().union(*(sessions[p] for p in teach | train)))
        yield Violation(RULE, f"{ctx.dept(d.id)} has {on_duty} on duty on {t:%Y-%m-%d %H:%M}, "
                              f"minimum {d.min_on_duty}: {', '.join(parts)} "
                              f"(sessions {', '.join(held)})")
