"""Preferences on when: sessions at distinct times, so that departments can send people to each
one without breaking coverage and nobody faces two trainings at once (each session beyond the
first at one clashing time costs :data:`CLASH_WEIGHT`); and a series spread over its window,
each topic near its even share of it (a run outside costs :data:`SPREAD_WEIGHT` — a
preference, never a rule: a topic whose speaker is away for months simply goes elsewhere)."""

from __future__ import annotations

from planner.solver.timetable.model import TimetableModel

CLASH_WEIGHT = 10
SPREAD_WEIGHT = 4


def add(tm: TimetableModel) -> None:
    for points in tm.inst.instants:
        vs = [c.var for t in points for c in tm.at(t)]
        if len(vs) < 2:
            continue
        extra = tm.model.new_int_var(0, len(vs) - 1, f"clash[{points[0]}]")
        tm.model.add(extra >= sum(vs) - 1)
        tm.penalise(extra, CLASH_WEIGHT, "sessions at the same time")
    tps = tm.inst.time_points
    for c in tm.choices:
        lo, hi = tm.parts[c.part].region
        if c.pin is None and not lo <= tps[c.t].date <= hi:
            tm.penalise(c.var, SPREAD_WEIGHT, "session outside its share of the window")
