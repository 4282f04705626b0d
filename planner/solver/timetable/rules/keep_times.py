"""Re-planning (timetable): a published session keeps its time (and room size) unless something
forces a move. Each published run of a part still to come is a wish — a run of that part at
its published time, in a level holding its published room — and not granting it costs
:data:`~planner.solver.replan.past.MOVE_WEIGHT`, more than every preference put together, so the
timetable only moves what the changed inputs force. Nothing happens when this is not a re-plan."""

from __future__ import annotations

from planner.solver.replan.past import MOVE_WEIGHT
from planner.solver.timetable.model import Choice, TimetableModel


def published_choices(tm: TimetableModel) -> dict[str, list[Choice]]:
    """Published run key → the choices that would keep it where it was (empty when no choice
    can: its time or room is gone)."""
    inst = tm.inst
    if inst.past is None:
        return {}
    index = {(tp.date, tp.slot.id): t for t, tp in enumerate(inst.time_points)}
    parts = {p.key: p for p in tm.parts}
    out: dict[str, list[Choice]] = {}
    for key, pub in sorted(inst.past.future.items()):
        course, rest = key.split("#", 1)
        part_no, run_no = (int(x) for x in rest.split(".", 1))
        p = parts.get((course, part_no))
        t = index.get((pub.date, pub.slot))
        if p is None or t is None:
            continue
        out[key] = [c for c in tm.at(t) if c.part == p.index
                    and (c.pin == run_no if c.pin is not None
                         else pub.room in tm.level(c).rooms)]
    return out


def add(tm: TimetableModel) -> None:
    kept = published_choices(tm)
    for key, choices in kept.items():
        if choices:
            tm.penalise(1 - sum(c.var for c in choices), MOVE_WEIGHT, "published session moved")
    _makeups_follow(tm, kept)
    _more_runs(tm)


def _makeups_follow(tm: TimetableModel, kept: dict[str, list[Choice]]) -> None:
    """A run a part gains (a make-up, 补课) comes after the part's published runs, not before
    them: placed earlier it would reorder the cohorts people already have in their calendars.
    Costs a move where it cannot be helped."""
    first: dict[int, int] = {}
    keeping: set[Choice] = set()
    for choices in kept.values():
        for c in choices:
            first[c.part] = min(first.get(c.part, c.t), c.t)
            keeping.add(c)
    for part, t0 in sorted(first.items()):
        for c in tm.of(part):
            if c.t < t0 and c not in keeping:
                tm.penalise(c.var, MOVE_WEIGHT, "run before its part's published runs")


def run_caps(tm: TimetableModel) -> dict[int, int]:
    """Part index → its published run count, for the parts that may not gain runs: a part gains
    runs beyond its published ones only where its course changed since the published inputs
    (more repeats, a new audience member, a widened audience) — else a re-plan of unchanged
    inputs would re-optimise the timetable the office already published. Without the published
    inputs (a plan published before they were kept), every course is taken as unchanged."""
    inst = tm.inst
    past = inst.past
    if past is None:
        return {}
    before = {c.id: c for c in past.inputs.courses} if past.inputs is not None else None
    audience: dict[str, frozenset[str]] = {}
    out: dict[int, int] = {}
    for p in tm.parts:
        n = past.future_runs.get(p.key, 0)
        if not n:
            continue
        old = p.course if before is None else before.get(p.course.id)
        if old != p.course:
            continue  # the course itself changed (or came back)
        if before is not None and p.course.id not in audience:
            audience[p.course.id] = frozenset(x.id for x in past.inputs.audience(old.audience))
        if before is not None and \
                set(inst.audience[p.course.id]) - audience[p.course.id] - set(inst.hosts):
            continue  # someone new must follow it
        out[p.index] = n
    return out


def _more_runs(tm: TimetableModel) -> None:
    """Each run beyond its published ones of a part that may not gain runs (:func:`run_caps`)
    costs a move."""
    for part, n in sorted(run_caps(tm).items()):
        runs = [c.var for c in tm.of(part)]
        if len(runs) <= n:
            continue
        p = tm.parts[part]
        extra = tm.model.new_int_var(0, len(runs), f"more_runs[{p.course.id}#{p.part}]")
        tm.model.add(extra >= sum(runs) - n)
        tm.penalise(extra, MOVE_WEIGHT, "run added to a published part")
