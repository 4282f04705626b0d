"""Coverage: a department keeps its minimum staff on duty at every session.

In the office's words: at the start of every session — and so at every moment sessions overlap —
each department's headcount, less its staff attending or teaching a session then and its staff on
leave that day, is at least its minimum on duty. Leave alone is not the plan's doing: a
department is reported only when at least one of its staff is in training or teaching then.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from planner.check.context import Context, Entry
from planner.check.violation import Violation

RULE = "coverage"


def check(ctx: Context) -> Iterator[Violation]:
    by_day: dict[dt.date, list[Entry]] = defaultdict(list)
    for e in ctx.entries:
        if e.timed:
            by_day[ctx.local(e.start).date()].append(e)  # type: ignore[arg-type]
    for day in sorted(by_day):
        entries = by_day[day]
        for t in sorted({e.start for e in entries}):  # type: ignore[type-var]
            active = [e for e in entries if e.start <= t < e.end]  # type: ignore[operator]
            yield from _instant(ctx, day, ctx.local(t), active)


def _instant(
    ctx: Context, day: dt.date, t: dt.datetime, active: list[Entry]
) -> Iterator[Violation]:
    teaching: dict[str, set[str]] = defaultdict(set)
    training: dict[str, set[str]] = defaultdict(set)
    sessions: dict[str, set[str]] = defaultdict(set)
    for e in active:
        p = ctx.staff.get(e.session.speaker)
        if p is not None:
            teaching[p.department].add(p.id)
            sessions[p.department].add(e.session.id)
        for pid in e.session.attendees:
            p = ctx.staff.get(pid)
            if p is not None:
                training[p.department].add(p.id)
                sessions[p.department].add(e.session.id)
    for d in ctx.problem.departments:
        if d.id not in sessions:
            continue
        members = ctx.dept_staff.get(d.id, ())
        teach = teaching[d.id]
        train = training[d.id] - teach
        leave = {p for p in members if ctx.on_leave(p, day) is not None} - teach - train
        on_duty = len(members) - len(teach) - len(train) - len(leave)
        if on_duty >= d.min_on_duty:
            continue
        parts = [f"{n} {what}" for n, what in ((len(train), "in training"),
                                                (len(teach), "teaching"), (len(leave), "on leave"))
                 if n]
        yield Violation(RULE, f"{ctx.dept(d.id)} has {on_duty} on duty on {t:%Y-%m-%d %H:%M}, "
                              f"minimum {d.min_on_duty}: {', '.join(parts)} "
                              f"(sessions {', '.join(sorted(sessions[d.id]))})")
