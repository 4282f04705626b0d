"""Monthly coverage: in every month each department keeps its minimum on duty —

    headcount − own staff away on external study any day of the month
              − own staff in a rotation block in another department that month
              + rotators placed in it that month (where its settings say rotators count)
    ≥ min_on_duty.

A department already below its minimum by headcount alone is reported, and then sends nobody
away (it cannot be made worse by this phase)."""

from __future__ import annotations

from collections import defaultdict

from planner.solver.months.model import MonthsModel
from planner.warning_labels import warning_words


def slack(mm: MonthsModel, dept: str) -> int:
    """How many of ``dept`` may be away in a month before it drops below its minimum."""
    return len(mm.dept_staff.get(dept, ())) - mm.departments[dept].min_on_duty


def terms(mm: MonthsModel) -> tuple[dict, dict]:
    """(department, month) → variables of own staff out, and of rotators in who count."""
    out: dict[tuple[str, int], list] = defaultdict(list)
    into: dict[tuple[str, int], list] = defaultdict(list)
    for o in mm.options:
        home = mm.staff[o.pid].department
        if o.dept == home:
            continue  # a block in one's own department neither empties nor fills it
        for k, v in o.months.items():
            out[home, k].append(v)
            if mm.departments[o.dept].rotators_count_on_duty:
                into[o.dept, k].append(v)
    for s in mm.seat_options:
        home = mm.staff[s.pid].department
        for k in s.months:
            out[home, k].append(s.var)
    return out, into


def senders(mm: MonthsModel) -> set[str]:
    """Departments some of whose staff may be sent away (a block elsewhere, a placement)."""
    out = {mm.staff[o.pid].department for o in mm.options
           if o.dept != mm.staff[o.pid].department and o.lo <= o.hi}
    return out | {mm.staff[s.pid].department for s in mm.seat_options if s.months}


def add(mm: MonthsModel) -> None:
    w = warning_words(mm.problem.settings.language)
    for dept in sorted(senders(mm)):
        if slack(mm, dept) < 0:
            mm.warnings.append(w(
                "m.coverage", dept=w.dept(dept, mm.departments[dept].name),
                staff=len(mm.dept_staff.get(dept, ())), minimum=mm.departments[dept].min_on_duty))
    if mm.light:
        return
    out, into = terms(mm)
    people: dict[tuple[str, int], set[str]] = defaultdict(set)
    for o in mm.options:
        home = mm.staff[o.pid].department
        if o.dept != home:
            for k in o.months:
                people[home, k].add(o.pid)
    for so in mm.seat_options:
        for k in so.months:
            people[mm.staff[so.pid].department, k].add(so.pid)
    for dept, k in sorted(out):
        room = slack(mm, dept)
        if len(people[dept, k]) <= room:
            continue  # even everyone who could be away that month leaves it its minimum
        mm.model.add(sum(out[dept, k]) - sum(into.get((dept, k), [])) <= max(0, room)
                     ).only_enforce_if(mm.enforce(("coverage", dept, k)))
