"""Hospital rules: at least N sessions of a category every month (e.g. 每月至少一次全院业务学习)
or every year (e.g. 专业技术培训每年不少于5次). Every session held counts, cohorts included — when
re-planning, also those held before the freeze date (months wholly before it are history)."""

from __future__ import annotations

import datetime as dt

from planner.solver.timetable.model import TimetableModel


def _months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    out = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def add(tm: TimetableModel) -> None:
    inst = tm.inst
    s = inst.problem.settings
    known = {c.id for c in inst.problem.courses}  # held sessions of removed courses leave the plan
    for rule in s.rules:
        runs = [r for r in inst.runs if r.course.category is rule.category]
        text = rule.description or f"{rule.kind} {rule.category.value} ≥ {rule.minimum}"
        past = inst.past
        if rule.kind == "min-per-year":
            held = 0 if past is None else past.held(rule.category.value, courses=known)
            lit = tm.guard("hospital rules", f"{text}: {len(runs)} session(s) planned a year"
                           + (f" besides {held} held" if held else ""))
            tm.model.add(sum(v for r in runs for v in tm.x[r.index].values()) + held
                         >= rule.minimum).only_enforce_if(lit)
        elif rule.kind == "min-per-month":
            start = s.horizon_start if past is None else max(s.horizon_start, past.freeze_until)
            for y, m in _months(start, s.horizon_end):
                held = 0 if past is None else past.held(rule.category.value, y, m, known)
                vs = [
                    v
                    for r in runs
                    for t, v in tm.x[r.index].items()
                    if (inst.time_points[t].date.year, inst.time_points[t].date.month) == (y, m)
                ]
                lit = tm.guard("hospital rules", f"{text}: month {y}-{m:02d}")
                tm.model.add(sum(vs) + held >= rule.minimum).only_enforce_if(lit)
