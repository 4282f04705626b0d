"""Calendar months of the horizon: the unit every monthly table and chart is laid out on."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple


class Month(NamedTuple):
    year: int
    month: int

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        return self.next().first - dt.timedelta(days=1)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def month_of(day: dt.date) -> Month:
    return Month(day.year, day.month)


def months_between(start: dt.date, end: dt.date) -> list[Month]:
    """Every month that ``[start, end]`` touches, in order."""
    out: list[Month] = []
    m, last = month_of(start), month_of(end)
    while m <= last:
        out.append(m)
        m = m.next()
    return out


def length_in_months(start: dt.date, end: dt.date) -> float:
    """How long ``[start, end]`` (inclusive) is in months: whole months count as 1 each, and a
    partial month by its share of days — so 1 Mar .. 31 May is exactly 3."""
    total = 0.0
    for m in months_between(start, end):
        lo, hi = max(start, m.first), min(end, m.last)
        total += ((hi - lo).days + 1) / ((m.last - m.first).days + 1)
    return total
