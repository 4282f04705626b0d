"""Re-planning (timetable): a published session keeps its time unless something forces a move.

Each published future session whose published time is still open to it is hinted there, and
moving it costs :data:`~planner.solver.replan.MOVE_WEIGHT` — more than every preference put
together, so the timetable only moves what the changed inputs force. Nothing happens when this
is not a re-plan."""

from __future__ import annotations

from planner.solver.replan.past import MOVE_WEIGHT
from planner.solver.timetable.model import TimetableModel


def published_points(tm: TimetableModel) -> dict[int, int]:
    """Run index → the time point it had in the published plan (when still a candidate)."""
    inst = tm.inst
    if inst.past is None:
        return {}
    index = {(tp.date, tp.slot.id): t for t, tp in enumerate(inst.time_points)}
    out = {}
    for run in inst.runs:
        p = inst.past.future.get(run.key)
        t = None if p is None else index.get((p.date, p.slot))
        if t is not None and t in tm.x[run.index]:
            out[run.index] = t
    return out


def add(tm: TimetableModel) -> None:
    for r, t in sorted(published_points(tm).items()):
        tm.penalise(1 - tm.x[r][t], MOVE_WEIGHT, "published session moved")
