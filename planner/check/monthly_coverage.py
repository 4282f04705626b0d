"""Monthly coverage: rotations and external study never leave a department short for a month.

In the office's words (convention 3): in every month of the horizon, a department's headcount,
less its own staff away on external study any day of that month, less its own staff in a
rotation block in another department that month, plus — where the department's rotators count
on duty — the rotators from other departments placed in it that month, is at least its minimum
on duty. Someone rotating through their own department simply stays on duty there (counted once).
A department is reported only in months when the plan takes some of its staff away (external
study or rotation): a headcount below the minimum on its own is an input matter, not the plan's.
Rotator capacity is checked by the rotations family.

A month in which every rotation block and placement taking a department's staff away or bringing
rotators in began before a re-plan's freeze date is not judged against today's minimum: it is a
fact.
"""

from __future__ import annotations

from collections.abc import Iterator

from planner.check.context import Context
from planner.check.timeline import Month, label, months_touched
from planner.check.violation import Violation

RULE = "monthly coverage"


def check(ctx: Context) -> Iterator[Violation]:
    s = ctx.settings
    tl = ctx.timeline
    months = months_touched(s.horizon_start, s.horizon_end)
    for d in ctx.problem.departments:
        own = ctx.dept_staff.get(d.id, ())
        for m in months:
            away = [p for p in own if tl.away_in(p, m) is not None]
            out = [p for p in own if p not in away
                   and any(b.row.department != d.id for b in tl.blocks_in(p, m))]
            if not away and not out:
                continue
            incoming = ([p for p in tl.rotators_in(d.id, m)
                         if p in ctx.staff and ctx.staff[p].department != d.id]
                        if d.rotators_count_on_duty else [])
            on_duty = len(own) - len(away) - len(out) + len(incoming)
            if on_duty >= d.min_on_duty or _held(ctx, d.id, m, away, out, incoming):
                continue
            parts = [f"{len(own)} staff"]
            if away:
                parts.append(f"{len(away)} away on external study "
                             f"({', '.join(ctx.person(p) for p in away)})")
            if out:
                parts.append(f"{len(out)} rotating in other departments "
                             f"({', '.join(ctx.person(p) for p in out)})")
            if incoming:
                parts.append(f"{len(incoming)} rotator(s) placed here "
                             f"({', '.join(ctx.person(p) for p in incoming)})")
            yield Violation(RULE, f"{ctx.dept(d.id)} has {on_duty} on duty in {label(m)}, "
                                  f"minimum {d.min_on_duty}: {'; '.join(parts)}")


def _held(ctx: Context, dept: str, m: Month, away: list[str], out: list[str],
          incoming: list[str]) -> bool:
    """Whether every placement and rotation block behind the month's figure began before the
    freeze date (then nobody can change it)."""
    tl = ctx.timeline
    starts = [a.start for p in away if (a := tl.away_in(p, m)) is not None]
    starts += [b.start for p in out for b in tl.blocks_in(p, m) if b.row.department != dept]
    starts += [b.start for p in incoming for b in tl.blocks_in(p, m) if b.row.department == dept]
    return all(ctx.begun(day) for day in starts)
