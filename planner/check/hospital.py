"""Hospital rules: at least N sessions of a category every calendar month of the horizon (每月至少
一次全院业务学习), or over the whole horizon (专业技术培训每年不少于5次). Every session held counts,
each cohort and repeat included. Exit exams and teach-back lectures are the plan's own sessions,
not the office's courses, and do not count (a teach-back to one department is no 全院业务学习)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from planner.check.context import Context
from planner.check.violation import Violation

RULE = "hospital rules"


def _months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    out = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def check(ctx: Context) -> Iterator[Violation]:
    s = ctx.settings
    for rule in s.rules:
        cat = rule.category.value
        days = [e.day for e in ctx.entries
                if e.course.category is rule.category and e.day is not None
                and e.course.id in ctx.courses
                and s.horizon_start <= e.day <= s.horizon_end]
        if rule.kind == "min-per-year":
            text = rule.description or f"at least {rule.minimum} {cat} session(s) a year"
            if len(days) < rule.minimum:
                span = f"{s.horizon_start.isoformat()}..{s.horizon_end.isoformat()}"
                yield Violation(RULE, f"{text}: {len(days)} {cat} session(s) planned in {span}, "
                                      f"minimum {rule.minimum}")
        elif rule.kind == "min-per-month":
            text = rule.description or f"at least {rule.minimum} {cat} session(s) a month"
            per = Counter((d.year, d.month) for d in days)
            for y, m in _months(s.horizon_start, s.horizon_end):
                if per[y, m] < rule.minimum:
                    yield Violation(RULE, f"{text}: {per[y, m]} {cat} session(s) planned in "
                                          f"{y}-{m:02d}, minimum {rule.minimum}")
        else:
            yield Violation(RULE, f"{rule.description or cat}: unknown rule kind '{rule.kind}'")
