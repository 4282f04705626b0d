"""The month grid of phase 0: whole calendar months of the horizon, numbered from 0.

Rotation blocks are whole calendar months (a block runs from the first day of its first month to
the last day of its last month); placements start on a day and run a number of calendar months.
Everything the months model needs about dates is derived here, once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months (the day clipped to the month's length)."""
    k = day.year * 12 + day.month - 1 + months
    y, m = divmod(k, 12)
    m += 1
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, m, min(day.day, last))


def month_first(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_last(day: dt.date) -> dt.date:
    return add_months(day.replace(day=1), 1) - dt.timedelta(days=1)


def placement_end(start: dt.date, months: int) -> dt.date:
    """The last day of a placement of ``months`` calendar months from ``start`` (inclusive)."""
    return add_months(start, months) - dt.timedelta(days=1)


@dataclass(frozen=True)
class MonthGrid:
    """Months ``0 … len-1`` from the horizon's first month to its last."""

    horizon_start: dt.date
    horizon_end: dt.date

    @property
    def firsts(self) -> list[dt.date]:
        out, d = [], month_first(self.horizon_start)
        while d <= self.horizon_end:
            out.append(d)
            d = add_months(d, 1)
        return out

    def __len__(self) -> int:
        return len(self.firsts)

    def index(self, day: dt.date) -> int:
        """The month index of ``day`` (may fall outside ``0 … len-1`` for days off the horizon)."""
        h = self.horizon_start
        return (day.year - h.year) * 12 + day.month - h.month

    def first(self, k: int) -> dt.date:
        return add_months(month_first(self.horizon_start), k)

    def last(self, k: int) -> dt.date:
        return month_last(self.first(k))

    def label(self, k: int) -> str:
        return f"{self.first(k):%Y-%m}"

    def whole_months(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        """The first and last month lying wholly inside ``[start, end]`` and the horizon
        (``lo > hi`` when there is none)."""
        start, end = max(start, self.horizon_start), min(end, self.horizon_end)
        lo = self.index(start) + (start.day != 1)
        hi = self.index(end) - (end != month_last(end))
        return max(lo, 0), min(hi, len(self) - 1)

    def touched(self, start: dt.date, end: dt.date) -> range:
        """Months of the horizon that any day of ``[start, end]`` falls in."""
        return range(max(0, self.index(start)), min(len(self) - 1, self.index(end)) + 1)

    def ranges(self, months: list[int] | set[int]) -> str:
        """``2027-01..2027-03, 2027-07`` for months {0, 1, 2, 6}."""
        ms = sorted(set(months))
        parts: list[str] = []
        i = 0
        while i < len(ms):
            j = i
            while j + 1 < len(ms) and ms[j + 1] == ms[j] + 1:
                j += 1
            a, b = self.label(ms[i]), self.label(ms[j])
            parts.append(a if i == j else f"{a}..{b}")
            i = j + 1
        return ", ".join(parts) or "no month"
