"""The working-day calendar: which days of the horizon may carry a session, and at what times.

Chinese working days are not "Monday to Friday": statutory holidays (法定节假日) take weekdays
off and make-up workdays (调休) put weekend days on. The State Council publishes each year's
schedule only late in the previous year, so the `chinese_calendar` package knows the years up
to its release and raises for later ones. The rules here, per calendar year of the horizon:

1. ``chinese_calendar`` knows the year → use it; the office's ``holidays.csv`` then overrides
   it day by day (the office corrects a late change or a local holiday).
2. It does not, but ``holidays.csv`` has rows for that year → weekends plus the table.
3. Neither → :class:`~planner.errors.CalendarError` naming the year(s), unless the caller asked to
   *estimate*: then the ``holidays`` package's statutory days are used (it does not know the
   调休 make-up days), the days around each holiday are flagged as estimated and a loud note is
   added, so the estimate can never pass for the real schedule.

Nothing here silently plans on a public holiday: an unknown year either fails or is marked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import total_ordering

import chinese_calendar
import holidays as holidays_pkg
from chinese_calendar.constants import Holiday as _CcHoliday

from planner.domain import DayKind, HolidayRow, Settings, Slot
from planner.errors import CalendarError

#: How many days either side of an estimated holiday are flagged as uncertain: make-up days and
#: bridging days (调休) fall within a week of the holiday they serve.
ESTIMATE_MARGIN_DAYS = 7

_CC_CHINESE = {h.value: h.chinese for h in _CcHoliday}


@total_ordering
@dataclass(frozen=True)
class TimePoint:
    """One slot on one day — the unit a session is placed on.

    Ordered by date, then slot start, then slot id, so sorted time points read like a diary.
    Times are naive wall-clock times; the caller attaches the plan's timezone.
    """

    date: dt.date
    slot: Slot

    def _key(self) -> tuple[dt.date, dt.time, dt.time, str]:
        return (self.date, self.slot.start, self.slot.end, self.slot.id)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, TimePoint):
            return NotImplemented
        return self._key() < other._key()

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.slot.start)

    @property
    def end(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.slot.end)

    @property
    def hours(self) -> float:
        return self.slot.hours

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.slot.id}"


def _days(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    d = start
    one = dt.timedelta(days=1)
    while d <= end:
        yield d
        d += one


@dataclass(frozen=True)
class WorkCalendar:
    """The working days of a horizon, with where each fact came from.

    ``holidays`` names every day off that belongs to a holiday break (a weekend day inside the
    National Day week included), so calendars and reports can label it; ``is_workday`` is the
    only authority on whether a session may be placed.
    """

    start: dt.date
    end: dt.date
    workdays: frozenset[dt.date]
    makeup_days: frozenset[dt.date] = frozenset()  # weekend days that are workdays (调休)
    holidays: dict[dt.date, str] = field(default_factory=dict)
    estimated: frozenset[dt.date] = frozenset()  # status guessed (estimate mode only)
    notes: tuple[str, ...] = ()

    def __hash__(self) -> int:  # dict field: hash on the immutable parts only
        return hash((self.start, self.end, self.workdays, self.makeup_days, self.estimated))

    def is_workday(self, d: dt.date) -> bool:
        return d in self.workdays

    def is_makeup_day(self, d: dt.date) -> bool:
        return d in self.makeup_days

    def is_estimated(self, d: dt.date) -> bool:
        return d in self.estimated

    @property
    def any_estimated(self) -> bool:
        return bool(self.estimated)

    def workdays_between(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[dt.date]:
        lo = max(start or self.start, self.start)
        hi = min(end or self.end, self.end)
        return sorted(d for d in self.workdays if lo <= d <= hi)

    def slots_on(self, d: dt.date, slots: Sequence[Slot]) -> list[Slot]:
        """The slots that exist on day ``d``.

        A slot applies on workdays of its weekday; on a make-up workday (a weekend day) only
        slots whose weekday matches *and* that carry ``makeup: true`` apply — offices rarely
        lecture on 调休 days, so they must opt in (e.g. ``{weekday: sat, makeup: true}``).
        """
        if d not in self.workdays:
            return []
        makeup = d in self.makeup_days
        return [s for s in slots if s.weekday == d.weekday() and (s.makeup or not makeup)]

    def time_points(
        self, slots: Sequence[Slot], start: dt.date | None = None, end: dt.date | None = None
    ) -> list[TimePoint]:
        """Every (day, slot) in ``[start, end]`` (clipped to the horizon), sorted."""
        lo = max(start or self.start, self.start)
        hi = min(end or self.end, self.end)
        points = [TimePoint(d, s) for d in _days(lo, hi) for s in self.slots_on(d, slots)]
        return sorted(points)


def _cc_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def _cc_name(name: str | None, language: str) -> str:
    if not name:
        return ""
    return _CC_CHINESE.get(name, name) if language == "zh" else name


def build_calendar(
    settings: Settings, holidays: Sequence[HolidayRow] = (), estimate: bool = False
) -> WorkCalendar:
    """Build the working-day calendar of ``settings``' horizon (rules in the module docstring).

    Raises :class:`CalendarError` when a year is known neither to ``chinese_calendar`` nor to
    the holidays table and ``estimate`` is false.
    """
    start, end = settings.horizon_start, settings.horizon_end
    zh = settings.language == "zh"
    table: dict[int, list[HolidayRow]] = {}
    for row in holidays:
        table.setdefault(row.date.year, []).append(row)

    workdays: set[dt.date] = set()
    names: dict[dt.date, str] = {}
    estimated: set[dt.date] = set()
    notes: list[str] = []
    unknown: list[int] = []

    for year in range(start.year, end.year + 1):
        lo = max(start, dt.date(year, 1, 1))
        hi = min(end, dt.date(year, 12, 31))
        rows = sorted((r for r in table.get(year, []) if lo <= r.date <= hi), key=lambda r: r.date)
        if _cc_knows(year):
            for d in _days(lo, hi):
                if chinese_calendar.is_workday(d):
                    workdays.add(d)
                else:
                    _, name = chinese_calendar.get_holiday_detail(d)
                    if name:
                        names[d] = _cc_name(name, settings.language)
            changed = _apply_table(rows, workdays, names)
            if changed:
                notes.append(
                    f"{year}: chinesecalendar, corrected by holidays.csv on {changed} day(s)"
                    if not zh
                    else f"{year}：按 chinesecalendar，holidays.csv 修正 {changed} 天"
                )
            else:
                notes.append(
                    f"{year}: chinesecalendar" if not zh else f"{year}：按 chinesecalendar"
                )
        elif table.get(year):
            workdays.update(d for d in _days(lo, hi) if d.weekday() < 5)
            _apply_table(rows, workdays, names)
            notes.append(
                f"{year}: weekends + holidays table ({len(table[year])} rows)"
                if not zh
                else f"{year}：按周末 + holidays.csv（{len(table[year])} 行）"
            )
            notes.extend(_table_gaps(year, lo, hi, table[year], zh))
        elif estimate:
            est = holidays_pkg.country_holidays(
                "CN", years=year, language="zh_CN" if zh else "en_US"
            )
            for d in _days(lo, hi):
                if d in est:
                    names[d] = str(est[d])
                elif d.weekday() < 5:
                    workdays.add(d)
            margin = dt.timedelta(days=ESTIMATE_MARGIN_DAYS)
            for h in est:
                estimated.update(x for x in _days(h - margin, h + margin) if lo <= x <= hi)
            notes.append(
                f"{year}: ESTIMATED from the holidays package (statutory days only, no 调休 make-up "
                "days) — check against the State Council notice and add rows to holidays.csv"
                if not zh
                else f"{year}：【估算 ESTIMATED】按 holidays 包估算（仅法定假日，不含调休补班）——"
                "请对照国务院办公厅通知，并在 holidays.csv 中补充"
            )
        else:
            unknown.append(year)

    if unknown:
        years = ", ".join(str(y) for y in unknown)
        version = getattr(chinese_calendar, "__version__", "")
        raise CalendarError(
            f"{years} 年的法定节假日和调休安排未知：chinesecalendar {version} 还没有这一年的数据，"
            f"节假日表（holidays.csv，或工作簿的“节假日”表）中也没有这一年的行。请按国务院办公厅的"
            f"通知，在节假日表中填入这一年的放假日（类型：放假）和调休上班日（类型：调休上班）；或运行时"
            f"加 --estimate-holidays，按估算排程（计划中处处标明“估算”）。"
            if zh else
            f"The official holiday schedule for {years} is unknown: chinesecalendar "
            f"{version} does not cover it and holidays.csv has no rows for it. Add that year's "
            f"holidays and make-up workdays (调休) to holidays.csv (or the workbook's holidays "
            f"sheet), or run with --estimate-holidays to estimate them (flagged as estimated)."
        )

    makeup = frozenset(d for d in workdays if d.weekday() >= 5)
    return WorkCalendar(
        start=start,
        end=end,
        workdays=frozenset(workdays),
        makeup_days=makeup,
        holidays=dict(sorted(names.items())),
        estimated=frozenset(estimated),
        notes=tuple(notes),
    )


def _apply_table(
    rows: Sequence[HolidayRow], workdays: set[dt.date], names: dict[dt.date, str]
) -> int:
    """Apply the office's rows in place; return how many days changed status or name."""
    changed = 0
    for r in rows:
        if r.kind is DayKind.HOLIDAY:
            name = r.name or names.get(r.date, "") or "节假日"
            if r.date in workdays or names.get(r.date) != name:
                changed += 1
            workdays.discard(r.date)
            names[r.date] = name
        else:
            if r.date not in workdays:
                changed += 1
            workdays.add(r.date)
            names.pop(r.date, None)
    return changed


def _table_gaps(
    year: int, lo: dt.date, hi: dt.date, rows: Sequence[HolidayRow], zh: bool
) -> list[str]:
    """Warn when the office's table for a year chinesecalendar does not know misses a weekday
    that the ``holidays`` package lists as a public holiday: a forgotten row would otherwise put
    a lecture on 国庆节 without anyone noticing."""
    listed = {r.date for r in rows}
    est = holidays_pkg.country_holidays("CN", years=year, language="zh_CN" if zh else "en_US")
    missing = sorted(d for d in est if lo <= d <= hi and d.weekday() < 5 and d not in listed)
    if not missing:
        return []
    days = ", ".join(f"{d.isoformat()} {est[d]}" for d in missing)
    if zh:
        return [f"警告：{year} 年 holidays.csv 未列出以下法定假日（按工作日处理）：{days}"]
    return [
        f"WARNING: holidays.csv for {year} has no row for these public holidays (treated as workdays): {days}"
    ]
