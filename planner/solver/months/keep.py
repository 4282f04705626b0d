"""Re-planning the months: the published rotation blocks and placements (see
:mod:`planner.solver.replan.past`).

A block or placement that started before the freeze date has begun: it is kept exactly (its
department, start and length) — a hard rule. One that starts later is kept if it can be: each
kept block or placement is a reward in the ``keep`` tier, which ranks below planning blocks and
filling seats (nobody loses a block to avoid a change) and above every preference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from planner.plan import Placement, RotationBlock
from planner.solver.months.model import KEEP, MonthsModel, Published


def _months_of(mm: MonthsModel, b: RotationBlock) -> tuple[int, int]:
    """A published block's first month and length on the grid."""
    start = mm.grid.index(dt.date.fromisoformat(b.start))
    return start, mm.grid.index(dt.date.fromisoformat(b.end)) - start + 1


def facts(mm: MonthsModel, rotations: Sequence[RotationBlock], placements: Sequence[Placement],
          freeze_until: dt.date) -> None:
    """Record, before the rules are added, the published blocks and placements begun before
    the freeze date: the rules that read days (leave months, exit exams, teach-backs) must not
    forbid what has already happened (:meth:`MonthsModel.begun`)."""
    for b in rotations:
        if dt.date.fromisoformat(b.start) < freeze_until:
            mm.begun_blocks[b.staff, b.programme, b.block, b.department] = _months_of(mm, b)
    for p in placements:
        start = dt.date.fromisoformat(p.start)
        if start < freeze_until:
            mm.begun_seats.add((p.staff, p.seat, start))


def add(mm: MonthsModel, rotations: Sequence[RotationBlock], placements: Sequence[Placement],
        freeze_until: dt.date) -> None:
    published = {(b.staff, b.programme, b.block, b.department): b for b in rotations}
    for o in mm.options:
        b = published.get((o.pid, o.programme.id, o.block.block, o.dept))
        if b is None:
            continue
        start, length = _months_of(mm, b)
        if not (o.lo <= start and start + length - 1 <= o.hi):
            continue  # the published block no longer fits this option's window
        if dt.date.fromisoformat(b.start) < freeze_until:
            mm.model.add(o.present == 1)
            mm.model.add(o.start == start)
            mm.model.add(o.length == length)
            mm.published.append(Published(o, None, start, length, True, None))
            continue
        kept = mm.model.new_bool_var(f"keep[{o.pid},{o.programme.id},{o.block.block},{o.dept}]")
        mm.model.add_implication(kept, o.present)
        mm.model.add(o.start == start).only_enforce_if(kept)
        mm.model.add(o.length == length).only_enforce_if(kept)
        mm.model.add_hint(kept, True)
        mm.reward(KEEP, kept, 1, f"keep block {o.pid} {o.programme.id}#{o.block.block}")
        mm.published.append(Published(o, None, start, length, False, kept))
    held = {(p.staff, p.seat, p.start) for p in placements}
    for so in mm.seat_options:
        if (so.pid, so.seat.id, so.start.isoformat()) not in held:
            continue
        if so.start < freeze_until:
            mm.model.add(so.var == 1)
        else:
            mm.model.add_hint(so.var, True)
            mm.reward(KEEP, so.var, 1, f"keep placement {so.pid} {so.seat.id}")
        mm.published.append(Published(None, so, 0, 0, so.start < freeze_until, None))
