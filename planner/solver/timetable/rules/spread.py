"""Preference: sessions spread over distinct times, so that departments can send people to each
one without breaking coverage and nobody faces two trainings at once. Penalises every session
beyond the first at one clashing time."""

from __future__ import annotations

from planner.solver.timetable.model import TimetableModel

CLASH_WEIGHT = 10


def add(tm: TimetableModel) -> None:
    for points in tm.inst.instants:
        vs = [v for t in points for _, v in tm.at(t)]
        if len(vs) < 2:
            continue
        extra = tm.model.new_int_var(0, len(vs) - 1, f"clash[{points[0]}]")
        tm.model.add(extra >= sum(vs) - 1)
        tm.penalise(extra, CLASH_WEIGHT, "sessions at the same time")
