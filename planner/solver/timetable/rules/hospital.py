"""Hospital rules: at least N sessions of a category every month (e.g. 每月至少一次全院业务学习)
or every year (e.g. 专业技术培训每年不少于5次). Every session of the office's courses counts,
cohorts and repeats included — not the exit exams and teach-backs the plan adds itself — and,
when re-planning, those held before the freeze date (months wholly before it are history)."""

from __future__ import annotations

import datetime as dt

from planner.domain import RESERVED_PREFIXES
from planner.solver.findings import Finding
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
    for index, rule in enumerate(s.rules):
        choices = [c for c in tm.choices
                   if tm.parts[c.part].course.category is rule.category
                   and not tm.parts[c.part].course.id.startswith(RESERVED_PREFIXES)]
        text = rule.description or f"{rule.kind} {rule.category.value} ≥ {rule.minimum}"
        past = inst.past
        if rule.kind == "min-per-year":
            held = 0 if past is None else past.held(rule.category.value, courses=known)
            lit = tm.guard("hospital rules", f"{text}: at least {rule.minimum} a year"
                           + (f", {held} held" if held else ", none held"),
                           Finding("year-rule", rule_index=index, count=rule.minimum, held=held))
            tm.model.add(sum(c.var for c in choices) + held >= rule.minimum).only_enforce_if(lit)
        elif rule.kind == "min-per-month":
            start = s.horizon_start if past is None else max(s.horizon_start, past.freeze_until)
            for y, m in _months(start, s.horizon_end):
                held = 0 if past is None else past.held(rule.category.value, y, m, known)
                vs = [c.var for c in choices
                      if (inst.time_points[c.t].date.year, inst.time_points[c.t].date.month)
                      == (y, m)]
                lit = tm.guard("hospital rules", f"{text}: month {y}-{m:02d}",
                               Finding("month-rule", rule_index=index, count=rule.minimum,
                                       held=held, month=dt.date(y, m, 1)))
                tm.model.add(sum(vs) + held >= rule.minimum).only_enforce_if(lit)
