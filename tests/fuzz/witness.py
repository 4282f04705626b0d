"""Witness-based fuzzing (issue 13, "Never refuse a plan that exists").

:func:`make_instance` builds a small random hospital *together with* a plan that keeps every
hard rule — the **witness**. The plan comes first and the inputs are derived from it:

1. the calendar (a horizon, lecture slots, ``holidays.csv`` with holidays and make-up workdays),
   staff, departments and rooms — departments get a *target* minimum on duty the witness keeps;
2. month blocks of rotation programmes (fixed or free order, electives, prerequisites, blocks
   completed in earlier years) and external-study placements, keeping each department's
   monthly cover and ending every block in a month whose last week has a slot for its exit exam;
3. exit exams (the finishers, an examiner of the department) and teach-back lectures (the
   returnee, within the seat's weeks after return), then every course's sessions: a time in
   the course's period, a free room with the feature, a free speaker of the pool (teaching takes
   them off duty) — some courses are squeezed into a few months (their only speaker is away the
   rest of the year);
4. leave and room closures only on days the witness leaves the person or room free (and, for
   leave, only where the department stays at its target); then attendance, greedily, never
   double-booking anyone, within room capacity and cohort size, keeping every department's
   target on duty at every session start;
5. only then the inputs that constrain the plan: each department's minimum is at most what the
   witness keeps (exactly that in tight instances), room capacities and cohort sizes at least
   the witness's use, rotator capacities at least its rotators, course windows around its dates,
   hospital-rule minimums at most what it holds, pins and topic dates copied from it, seats as
   many as it fills, holders' candidate filters and years of service that admit them.

Quotas are soft and the witness need not meet them; its quota table, missed list and placement
credits are filled in by the checker's own arithmetic (:mod:`planner.check.quotas`) once the
inputs are written, so that the comparison with the planner's attainment is like for like.

A witness that ``planner check`` rejects is a bug in this generator — or in the checker.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
import random
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays as holidays_pkg
import yaml

from planner.domain import DayKind, HolidayRow, Settings, Slot
from planner.plan import (
    Missed,
    OffSiteAttendance,
    Placement,
    Plan,
    PlannedSession,
    QuotaRow,
    RotationBlock,
)
from planner.workdays import TimePoint, WorkCalendar, build_calendar

TZ_NAME = "Asia/Shanghai"
TZ = ZoneInfo(TZ_NAME)
DAY = dt.timedelta(days=1)
GRADE_NAMES = {0: "none", 1: "junior", 2: "intermediate", 3: "associate", 4: "senior"}
TITLES = {
    "doctor": {1: "住院医师", 2: "主治医师", 3: "副主任医师", 4: "主任医师"},
    "nurse": {1: "护师", 2: "主管护师", 3: "副主任护师", 4: "主任护师"},
    "technician": {1: "技师", 2: "主管技师", 3: "副主任技师", 4: "主任技师"},
    "pharmacist": {1: "药师", 2: "主管药师", 3: "副主任药师", 4: "主任药师"},
}
DEPARTMENTS = (("NK", "内科", "内科学"), ("WK", "外科", "外科学"), ("JZ", "急诊科", "急诊医学"),
               ("EK", "儿科", "儿科学"), ("FK", "妇产科", "妇产科学"), ("ICU", "重症医学科", "重症医学"),
               ("XZ", "行政职能科室", ""))
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏建文辉力林婷雪琳晨欣怡浩宇轩然佳瑶博涵思雨嘉宁"
#: id, weekday (0 = Monday), start, end, open on make-up workdays (调休)
SLOT_MENU = (
    ("tue-pm", 1, "16:30", "18:00", False),
    ("thu-pm", 3, "16:30", "18:00", False),
    ("fri-pm", 4, "15:30", "17:30", False),
    ("wed-am", 2, "08:30", "11:30", False),
    ("mon-pm", 0, "14:30", "16:00", False),
    ("fri-late", 4, "16:30", "18:00", False),  # overlaps fri-pm
)
MAKEUP_SLOTS = (("sat-am", 5, "09:00", "11:00", True), ("sun-am", 6, "09:00", "10:30", True))
TIGHT_SLOTS = (("tue-pm", 1, "16:30", "18:00", False), ("thu-pm", 3, "16:30", "18:00", False),
               ("mon-pm", 0, "14:30", "16:00", False))


class Retry(Exception):
    """This draw painted itself into a corner; make_instance draws again (deterministically)."""


# ------------------------------------------------------------------------------------- helpers


def first_of(d: dt.date) -> dt.date:
    return d.replace(day=1)


def add_months(d: dt.date, n: int) -> dt.date:
    k = d.year * 12 + d.month - 1 + n
    y, m = divmod(k, 12)
    m += 1
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - DAY).day
    return dt.date(y, m, min(d.day, last))


def last_of(d: dt.date) -> dt.date:
    return add_months(first_of(d), 1) - DAY


def month_key(d: dt.date) -> tuple[int, int]:
    return d.year, d.month


def months_between(a: dt.date, b: dt.date) -> list[tuple[int, int]]:
    out, m = [], first_of(a)
    while m <= b:
        out.append(month_key(m))
        m = add_months(m, 1)
    return out


def days(a: dt.date, b: dt.date) -> Iterable[dt.date]:
    d = a
    while d <= b:
        yield d
        d += DAY


def segments(ds: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Sorted days → maximal runs of consecutive days."""
    out: list[list[dt.date]] = []
    for d in sorted(set(ds)):
        if out and out[-1][1] + DAY == d:
            out[-1][1] = d
        else:
            out.append([d, d])
    return [(a, b) for a, b in out]


def num(x: float) -> str:
    return f"{x:g}"


def csv_text(header: list[str], rows: list[list[object]]) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    return buf.getvalue()


# ----------------------------------------------------------------------------------- the world


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    dept: str
    role: str
    grade: int
    title: str
    birth: dt.date
    employed: dt.date | None
    specialty: str


@dataclass
class Filter:
    """A "who" cell and what it means: ``test(person, department they work in that day)``."""

    text: str
    test: Callable[[Person, str], bool]
    scoped: bool = False  # chosen by department: rotators join where they rotate


@dataclass
class Course:
    id: str
    title: str
    category: str
    hours: float
    audience: Filter
    mode: str = "in-person"
    parts: int = 1
    cohort: int | None = None
    speakers_text: str = ""
    pool: tuple[str, ...] = ()
    external: str = ""
    feature: str = ""
    credits: float | None = None
    speaker_credits: float | None = None
    credit_class: str = "none"
    window: tuple[dt.date, dt.date] | None = None  # the input window (derived at the end)
    period_start: dt.date | None = None  # frequency courses: the window start fixing periods
    frequency: str = ""
    dates: tuple[dt.date, ...] = ()
    due: dt.date | None = None
    repeats: int = 0
    recording: bool = False
    hospital_run: bool = True
    topics: dict[int, list[object]] = field(default_factory=dict)  # part → [topic, spk, date]
    list_speakers: bool = True  # write the speakers cell (else every part's topic names one)
    kind: str = ""


@dataclass
class Sess:
    course: str
    part: int
    run: int
    day: dt.date
    slot: Slot
    hours: float
    room: str
    speaker: str
    title: str
    category: str
    credit_class: str = "none"
    credits: float = 0.0
    speaker_credits: float = 0.0
    topic: str = ""
    attendees: list[str] = field(default_factory=list)
    kind: str = "office"  # office, exit, teach-back

    @property
    def id(self) -> str:
        return f"{self.course}#{self.part}.{self.run}"

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.day, self.slot.start, tzinfo=TZ)

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(hours=self.hours)


@dataclass
class Block:
    pid: str
    programme: str
    block: int
    dept: str
    start: dt.date
    end: dt.date

    @property
    def months(self) -> list[tuple[int, int]]:
        return months_between(self.start, self.end)


@dataclass
class Away:
    pid: str
    seat: str
    start: dt.date
    end: dt.date


@dataclass
class Instance:
    """One generated hospital: its input files and the witness plan."""

    seed: int
    name: str
    files: dict[str, str]  # file name → text (the inputs folder)
    plan: Plan
    names: dict[str, tuple[str, str]]  # staff id → (name, department), for plan CSVs
    features: dict[str, object]  # what this draw exercises (for the verdict table)
    #: the inputs the witness is checked against: ``files``, except that the probe of an exit
    #: exam longer than every slot (inputs the planner rightly refuses, exit 2) has its exam
    #: hours cut to the longest slot
    check_files: dict[str, str] = field(default_factory=dict)

    def write_check_inputs(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in (self.check_files or self.files).items():
            (folder / name).write_text(text, encoding="utf-8")
        return folder

    def write_inputs(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in self.files.items():
            (folder / name).write_text(text, encoding="utf-8")
        return folder

    def write_witness(self, outputs: Path) -> Path:
        """The witness as an outputs folder ``planner check`` reads (``plan/plan.json`` + CSVs)."""
        from planner.plan import write_plan

        outputs.mkdir(parents=True, exist_ok=True)
        write_plan(self.plan, self.names, outputs / "plan")
        return outputs


class _Gen:
    def __init__(self, seed: int, attempt: int):
        self.seed = seed
        self.rng = random.Random(f"witness:{seed}:{attempt}")
        self.name = f"wf{seed:05d}"
        self.features: dict[str, object] = {}
        self.sessions: list[Sess] = []
        self.by_day: dict[dt.date, list[Sess]] = defaultdict(list)
        self.person_day: dict[tuple[str, dt.date], list[Sess]] = defaultdict(list)
        self.room_day: dict[tuple[str, dt.date], list[Sess]] = defaultdict(list)
        self.leave: dict[str, set[dt.date]] = defaultdict(set)
        self.closed: dict[str, set[dt.date]] = defaultdict(set)
        self.blocks: list[Block] = []
        self.away: list[Away] = []
        self.courses: list[Course] = []
        self.history: list[list[object]] = []
        self.warnings: list[str] = []
        self.reserved: set[str] = set()  # speakers kept for their squeezed course

    # ------------------------------------------------------------------------ world queries

    def dept_on(self, pid: str, day: dt.date) -> str:
        for b in self.blocks_of.get(pid, ()):
            if b.start <= day <= b.end:
                return b.dept
        return self.people[pid].dept

    def away_on(self, pid: str, day: dt.date) -> bool:
        return any(a.pid == pid and a.start <= day <= a.end for a in self.away)

    def rotators_on(self, dept: str, day: dt.date) -> list[str]:
        return sorted({b.pid for b in self.blocks if b.dept == dept and b.start <= day <= b.end})

    @property
    def blocks_of(self) -> dict[str, list[Block]]:
        out: dict[str, list[Block]] = defaultdict(list)
        for b in self.blocks:
            out[b.pid].append(b)
        return out

    def in_audience(self, c: Course, pid: str, day: dt.date) -> bool:
        p = self.people[pid]
        return c.audience.test(p, self.dept_on(pid, day))

    def static_audience(self, c: Course) -> list[str]:
        return [p.id for p in self.staff if c.audience.test(p, p.dept)]

    def free(self, pid: str, start: dt.datetime, end: dt.datetime, day: dt.date) -> bool:
        """Not on leave, not away, and in no session overlapping ``start … end``."""
        if day in self.leave.get(pid, ()) or self.away_on(pid, day):
            return False
        return all(not (s.start < end and start < s.end) for s in self.person_day[pid, day])

    def room_free(self, room: str, start: dt.datetime, end: dt.datetime, day: dt.date) -> bool:
        if day in self.closed.get(room, ()):
            return False
        return all(not (s.start < end and start < s.end) for s in self.room_day[room, day])

    def _duty(self, day: dt.date, active: list[Sess]) -> dict[str, int]:
        """Department → on duty at an instant where ``active`` run, as the checker counts
        (only departments with someone of theirs teaching or training then)."""
        teaching: dict[str, set[str]] = defaultdict(set)
        training: dict[str, set[str]] = defaultdict(set)
        for s in active:
            if s.speaker in self.people:
                teaching[self.dept_on(s.speaker, day)].add(s.speaker)
            for pid in s.attendees:
                training[self.dept_on(pid, day)].add(pid)
        out = {}
        for d in sorted(set(teaching) | set(training)):
            pool = {p for p in self.members[d] if self.dept_on(p, day) == d}
            if self.count_on_duty[d]:
                pool.update(self.rotators_on(d, day))
            teach = teaching[d] & pool
            train = (training[d] & pool) - teach
            if not teach and not train:
                continue
            away = {p for p in pool if self.away_on(p, day)} - teach - train
            leave = {p for p in pool if day in self.leave.get(p, ())} - teach - train - away
            out[d] = len(pool) - len(teach) - len(train) - len(away) - len(leave)
        return out

    def instants(self, day: dt.date) -> Iterable[dict[str, int]]:
        ss = self.by_day.get(day, [])
        for t in sorted({s.start for s in ss}):
            yield self._duty(day, [s for s in ss if s.start <= t < s.end])

    def day_ok(self, day: dt.date) -> bool:
        return all(n >= self.target[d] for duty in self.instants(day) for d, n in duty.items())

    def month_duty(self, dept: str, m: tuple[int, int]) -> int | None:
        """On duty in month ``m`` as the checker's monthly coverage counts it (``None``: the plan
        takes nobody of the department away that month, so it is not judged)."""
        lo = dt.date(m[0], m[1], 1)
        hi = last_of(lo)
        own = self.members[dept]
        away = [p for p in own if any(a.pid == p and a.start <= hi and lo <= a.end
                                      for a in self.away)]
        out = [p for p in own if p not in away and any(
            b.dept != dept and m in b.months for b in self.blocks_of.get(p, ()))]
        if not away and not out:
            return None
        incoming = ([p for p in {b.pid for b in self.blocks if b.dept == dept and m in b.months}
                     if self.people[p].dept != dept] if self.count_on_duty[dept] else [])
        return len(own) - len(away) - len(out) + len(incoming)

    def months_ok(self) -> bool:
        return all((n := self.month_duty(d, m)) is None or n >= self.target[d]
                   for d in self.dept_ids for m in self.horizon_months)

    # ------------------------------------------------------------------------ bookkeeping

    def add_session(self, s: Sess) -> None:
        self.sessions.append(s)
        self.by_day[s.day].append(s)
        self.room_day[s.room, s.day].append(s)
        if s.speaker in self.people:
            self.person_day[s.speaker, s.day].append(s)
        for pid in s.attendees:
            self.person_day[pid, s.day].append(s)

    def remove_session(self, s: Sess) -> None:
        self.sessions.remove(s)
        self.by_day[s.day].remove(s)
        self.room_day[s.room, s.day].remove(s)
        if s.speaker in self.people:
            self.person_day[s.speaker, s.day].remove(s)
        for pid in s.attendees:
            self.person_day[pid, s.day].remove(s)

    def try_attend(self, s: Sess, pid: str) -> bool:
        s.attendees.append(pid)
        self.person_day[pid, s.day].append(s)
        if self.day_ok(s.day):
            return True
        s.attendees.remove(pid)
        self.person_day[pid, s.day].remove(s)
        return False

    def busy_days(self, pid: str) -> set[dt.date]:
        return {d for (p, d), ss in self.person_day.items() if p == pid and ss}

    # ------------------------------------------------------------------------ 1. basics

    def basics(self) -> None:
        r = self.rng
        year = r.choice((2026, 2027, 2027, 2028, 2029, 2030))
        shape = r.random()
        if shape < 0.45:
            h0, h1 = dt.date(year, 1, 1), dt.date(year, 12, 31)
        elif shape < 0.85:
            h0 = dt.date(year, r.randint(1, 9), 1)
            h1 = last_of(add_months(h0, r.randint(3, 8)))
        else:  # starts and ends mid-month
            h0 = dt.date(year, r.randint(1, 6), r.randint(2, 20))
            h1 = h0 + dt.timedelta(days=r.randint(120, 330))
        self.h0, self.h1 = h0, h1
        self.features["horizon"] = f"{h0}..{h1}"
        self.horizon_months = months_between(h0, h1)

        self.tight_slots = r.random() < 0.12
        if self.tight_slots:
            menu = list(TIGHT_SLOTS)
            chosen = r.sample(menu, r.randint(1, 2))
        else:
            menu = list(SLOT_MENU)
            chosen = r.sample(menu, r.randint(1, 4))
        if r.random() < 0.2:
            chosen.append(r.choice(MAKEUP_SLOTS) if not self.tight_slots else
                          ("sun-am", 6, "09:00", "10:30", True))
        self.slots = tuple(
            Slot(i, wd, dt.time.fromisoformat(a), dt.time.fromisoformat(b), mk)
            for i, wd, a, b, mk in sorted(chosen, key=lambda x: (x[1], x[2])))
        self.longest = max(s.hours for s in self.slots)
        self.features["slots"] = "+".join(s.id for s in self.slots)
        if self.tight_slots:
            self.features["tight_slots"] = True

        self.holiday_rows = self._holidays()
        settings = Settings(hospital=self.name, horizon_start=h0, horizon_end=h1,
                            slots=self.slots, timezone=TZ_NAME)
        rows = [HolidayRow(dt.date.fromisoformat(d), DayKind(k), n) for d, k, n in
                self.holiday_rows]
        self.calendar: WorkCalendar = build_calendar(settings, rows)
        self.points: list[TimePoint] = self.calendar.time_points(self.slots)

        self._staff()
        self._rooms()

    def _holidays(self) -> list[tuple[str, str, str]]:
        """``holidays.csv``: each year chinesecalendar does not know gets the statutory days
        (the holidays package), longer Spring Festival and National Day breaks and make-up
        workdays on weekends; a known year (2026) gets a few corrections of its own."""
        r = self.rng
        rows: dict[dt.date, tuple[str, str]] = {}
        for year in range(self.h0.year, self.h1.year + 1):
            if year <= 2026:
                if r.random() < 0.5:
                    d = dt.date(year, r.randint(1, 12), r.randint(1, 28))
                    if d.weekday() < 5:
                        rows[d] = ("holiday", "院庆")
                    else:
                        rows[d] = ("workday", "调休上班")
                continue
            est = holidays_pkg.country_holidays("CN", years=year, language="zh_CN")
            for d, name in est.items():
                rows[d] = ("holiday", str(name))
            spring = min((d for d, n in est.items() if "春节" in str(n)), default=None)
            if spring is not None:
                for k in range(-1, 7):
                    rows.setdefault(spring + dt.timedelta(days=k), ("holiday", "春节"))
                for k in (-9, -8, 9, 10, 11):
                    d = spring + dt.timedelta(days=k)
                    if d.weekday() >= 5 and d not in rows and r.random() < 0.6:
                        rows[d] = ("workday", "春节调休上班")
            for k in range(1, 8):
                rows[dt.date(year, 10, k)] = ("holiday", "国庆节")
            for d in (dt.date(year, 9, 26), dt.date(year, 9, 27), dt.date(year, 10, 10),
                      dt.date(year, 10, 11)):
                if d.weekday() >= 5 and r.random() < 0.5:
                    rows[d] = ("workday", "国庆节调休上班")
            for k in range(1, 6):
                rows.setdefault(dt.date(year, 5, k), ("holiday", "劳动节"))
            if r.random() < 0.3:
                d = dt.date(year, r.randint(1, 12), r.randint(1, 28))
                if d.weekday() < 5 and d not in rows:
                    rows[d] = ("holiday", "院庆（本地假日）")
        return [(d.isoformat(), k, n) for d, (k, n) in sorted(rows.items())]

    def _staff(self) -> None:
        r = self.rng
        n_depts = r.randint(2, 5)
        depts = r.sample(DEPARTMENTS, n_depts)
        n = r.randint(8, 60)
        sizes = [2] * n_depts
        for _ in range(n - 2 * n_depts):
            sizes[r.randrange(n_depts)] += 1
        self.dept_ids = [d[0] for d in depts]
        self.dept_names = {d[0]: d[1] for d in depts}
        self.people: dict[str, Person] = {}
        self.staff: list[Person] = []
        self.members: dict[str, list[str]] = {}
        k = 0
        for (did, _, spec), size in zip(depts, sizes, strict=True):
            self.members[did] = []
            for _ in range(size):
                k += 1
                pid = f"S{k:03d}"
                role = ("admin" if did == "XZ" and r.random() < 0.5 else
                        r.choices(("doctor", "nurse", "technician", "pharmacist"),
                                  (50, 35, 10, 5))[0])
                grade = 0 if role == "admin" else r.choices((1, 2, 3, 4), (35, 35, 20, 10))[0]
                title = "none" if grade == 0 else TITLES[role][grade]
                age = r.randint(24, 60)
                birth = dt.date(self.h0.year - age, r.randint(1, 12), r.randint(1, 28))
                employed = (dt.date(max(birth.year + 22, self.h0.year - r.randint(0, 30)),
                                    r.randint(1, 12), 1) if r.random() < 0.8 else None)
                if employed is not None and employed > self.h0:
                    employed = None
                name = r.choice(SURNAMES) + "".join(r.choice(GIVEN)
                                                    for _ in range(r.randint(1, 2)))
                p = Person(pid, name, did, role, grade, title, birth, employed,
                           spec if role == "doctor" and r.random() < 0.7 else "")
                self.people[pid] = p
                self.staff.append(p)
                self.members[did].append(pid)
        # the minimum each department keeps on duty in the witness (tight: all but one or two)
        self.tight_min = r.random() < 0.35
        self.features["tight_min"] = self.tight_min
        self.target: dict[str, int] = {}
        self.count_on_duty: dict[str, bool] = {}
        for d in self.dept_ids:
            size = len(self.members[d])
            if self.tight_min and r.random() < 0.7:
                self.target[d] = max(0, size - r.randint(1, 2))
            else:
                self.target[d] = int(size * r.choice((0, 0.2, 0.4, 0.5, 0.6)))
            self.count_on_duty[d] = r.random() < 0.85

    def _rooms(self) -> None:
        r = self.rng
        menu = [("R1", "学术报告厅", (40, 200), ("projector", "recording")),
                ("R2", "多功能会议室", (15, 60), ("projector",)),
                ("R3", "技能培训中心", (6, 30), ("skills-lab", "projector")),
                ("R4", "示教室", (6, 20), ("projector", "computer"))]
        chosen = [menu[0]] + r.sample(menu[1:], r.randint(0, 3))
        self.rooms: dict[str, dict[str, object]] = {}
        for rid, name, (lo, hi), feats in sorted(chosen):
            self.rooms[rid] = {"name": name, "capacity": r.randint(lo, hi),
                               "features": tuple(feats)}
        self.features["rooms"] = len(self.rooms)

    # ------------------------------------------------------------------------ 2. months

    def months(self) -> None:
        r = self.rng
        self.programmes: list[dict[str, object]] = []
        self.prog_blocks: list[dict[str, object]] = []
        self.seats: list[dict[str, object]] = []
        self.participants: set[str] = set()
        if r.random() < 0.45:
            for i in range(1 if r.random() < 0.8 else 2):
                self._programme(f"P{i + 1}")
        if r.random() < 0.35:
            for i in range(r.randint(1, 2)):
                self._seat(f"JX{i + 1}")
        # at most N of one specialty away at once: at least what the witness sends (all seats)
        for x in self.seats:
            x["cap"] = self._max_away_same_specialty() if x["cap"] else None
        self.features["programmes"] = len(self.programmes)
        self.features["blocks"] = len(self.blocks)
        self.features["placements"] = len(self.away)

    def _exam_week_ok(self, end: dt.date, hours: float) -> bool:
        lo = end - dt.timedelta(days=6)
        return any(lo <= tp.date <= end and tp.slot.hours + 1e-9 >= hours for tp in self.points)

    def _examiners(self, dept: str) -> list[str]:
        return [p for p in self.members[dept] if self.people[p].grade >= 2
                and p not in self.participants]

    def _programme(self, pid_: str) -> None:
        r = self.rng
        depts = self.dept_ids
        ordered = r.random() < 0.6
        exit_exam = r.random() < 0.8
        hours_menu = [h for h in (1.0, 1.5, 2.0, 3.0) if h <= self.longest + 1e-9]
        exam_hours = r.choice(hours_menu)
        # the programme's window: the horizon, or part of it
        start = end = None
        if r.random() < 0.4:
            start = self.h0 + dt.timedelta(days=r.randint(0, 60))
        if r.random() < 0.3:
            end = self.h1 - dt.timedelta(days=r.randint(0, 60))
        lo = max(start or self.h0, self.h0)
        hi = min(end or self.h1, self.h1)
        first = lo if lo.day == 1 else first_of(add_months(lo, 1))
        last = hi if hi == last_of(hi) else first_of(hi) - DAY
        if first > last:
            return
        n_months = len(months_between(first, last))
        n_blocks = r.randint(1, 3)
        blocks = []
        for b in range(1, n_blocks + 1):
            k = r.random()
            if k < 0.25 and len(depts) >= 2:
                opts = r.sample(depts, r.randint(2, min(3, len(depts))))
                choose = r.randint(1, len(opts) - 1) if len(opts) > 2 else 1
            else:
                opts, choose = [r.choice(depts)], 1
            mn = r.randint(1, 2)
            mx = mn + r.randint(0, 2)
            after: list[int] = []
            if not ordered and b > 1 and r.random() < 0.4:
                after = [r.randint(1, b - 1)]
            pref = r.sample(opts, len(opts)) if len(opts) > 1 and r.random() < 0.5 else []
            blocks.append({"block": b, "depts": opts, "choose": choose, "min": mn, "max": mx,
                           "after": after, "pref": pref})
        if sum(b["min"] * b["choose"] for b in blocks) > n_months:
            blocks = blocks[:1]
            if blocks[0]["min"] * blocks[0]["choose"] > n_months:
                return
        prog = {"id": pid_, "name": r.choice(("晋升前轮转", "住院医师规范化培训", "新职工轮转")),
                "ordered": ordered, "start": start, "end": end, "exit_exam": exit_exam,
                "exam_hours": exam_hours, "participants": []}
        pool = [p.id for p in self.staff if p.role in ("doctor", "nurse")
                and p.id not in self.participants]
        r.shuffle(pool)
        if r.random() < 0.1:
            # An exit exam longer than every lecture slot: no plan can hold it, so no plan has
            # these blocks — but a plan that leaves them unplanned and says why in a warning
            # keeps every rule (the rotations family accepts it).
            prog["exit_exam"] = True
            prog["exam_hours"] = self.longest + 0.5
            prog["participants"] = sorted(pool[:r.randint(1, 3)])
            for pid in prog["participants"]:
                self.warnings.append(
                    f"rotation {pid_} ({prog['name']}): {pid}'s blocks are not planned: the exit "
                    f"exam lasts {num(prog['exam_hours'])} h, longer than every lecture slot")
            self.features["exam_longer_than_slots"] = True
            if not prog["participants"]:
                return
            self.programmes.append(prog)
            for b in blocks:
                self.prog_blocks.append({"programme": pid_, **b})
            return
        for cand in pool[:r.randint(1, 5)]:
            self._participant(prog, blocks, cand, first, last)
        if not prog["participants"]:
            return
        self.programmes.append(prog)
        for b in blocks:
            self.prog_blocks.append({"programme": pid_, **b})

    def _participant(self, prog: dict, blocks: list[dict], pid: str, first: dt.date,
                     last: dt.date) -> None:
        r = self.rng
        done: set[str] = set()
        history_rows = []
        if r.random() < 0.2:
            single = [b for b in blocks if len(b["depts"]) == 1]
            if single:
                b = r.choice(single)
                done.add(b["depts"][0])
                blank = r.random() < 0.1  # a history row naming no programme
                history_rows.append([pid, "rotation", b["depts"][0], b["min"],
                                     "" if blank else prog["id"], "", "往年已轮转"])
                if blank:
                    self.features["history_blank_programme"] = True
        for _ in range(12):
            stays = self._sequence(prog, blocks, pid, first, last, done)
            if stays is None:
                continue
            mine = [Block(pid, prog["id"], b, d, s, e) for b, d, s, e in stays]
            self.blocks.extend(mine)
            self.participants.add(pid)
            ok = self.months_ok() and all(
                not prog["exit_exam"] or self._examiners(x.dept) for x in mine)
            if ok:
                prog["participants"].append(pid)
                self.history.extend(history_rows)
                return
            for x in mine:
                self.blocks.remove(x)
            self.participants.discard(pid)

    def _sequence(self, prog: dict, blocks: list[dict], pid: str, first: dt.date, last: dt.date,
                  done: set[str]) -> list[tuple[int, str, dt.date, dt.date]] | None:
        """Stays (block, department, start, end) for one participant, or ``None``."""
        r = self.rng
        order = [b for b in blocks]
        if not prog["ordered"]:
            r.shuffle(order)
            # prerequisites first
            placed: list[dict] = []
            while order:
                nxt = next((b for b in order if all(a in [x["block"] for x in placed]
                                                    for a in b["after"])), None)
                if nxt is None:
                    return None
                placed.append(nxt)
                order.remove(nxt)
            order = placed
        cursor = first
        out = []
        for b in order:
            left = [d for d in b["depts"] if d not in done]
            need = b["choose"] - (len(b["depts"]) - len(left))
            if need <= 0:
                continue
            for d in r.sample(left, need):
                cursor = add_months(cursor, r.choice((0, 0, 0, 1)))
                n = r.randint(b["min"], b["max"])
                # end the stay in a month whose last week can hold its exit exam
                for length in [n] + [x for x in range(b["min"], b["max"] + 1) if x != n]:
                    end = last_of(add_months(cursor, length - 1))
                    if end > last:
                        continue
                    if prog["exit_exam"] and not self._exam_week_ok(end, prog["exam_hours"]):
                        continue
                    break
                else:
                    return None
                out.append((b["block"], d, cursor, end))
                cursor = end + DAY
        return out

    def _seat(self, sid: str) -> None:
        r = self.rng
        months = r.choice((1, 2, 3, 3, 6))
        firsts = [first_of(dt.date(y, m, 1)) for y, m in self.horizon_months
                  if dt.date(y, m, 1) >= self.h0]
        if not firsts:
            return
        holders: list[Away] = []
        mid_month = r.random() < 0.2
        base = r.choice(firsts)
        if mid_month:
            earliest = base + dt.timedelta(days=r.randint(4, 12))
            latest = earliest + dt.timedelta(days=r.randint(0, 10))
            if latest >= add_months(base, 1) or earliest > self.h1:
                return
            starts = [earliest]
        else:
            before = r.randint(0, 20)
            span = r.choice((0, 0, 1, 2))
            earliest = base - dt.timedelta(days=before)
            latest = add_months(base, span) + dt.timedelta(days=r.randint(0, 15))
            starts = [f for f in firsts if earliest <= f <= latest]
        cands = [p for p in self.staff if p.id not in self.participants and p.grade >= 1
                 and p.id not in {a.pid for a in self.away} and p.id not in self.reserved]
        r.shuffle(cands)
        for p in cands[:r.randint(1, 2) * 3]:
            if len(holders) >= 2:
                break
            start = r.choice(starts)
            a = Away(p.id, sid, start, add_months(start, months) - DAY)
            self.away.append(a)
            if self.months_ok():
                holders.append(a)
            else:
                self.away.remove(a)
        if not holders:
            return
        if r.random() < 0.5:
            roles = sorted({self.people[a.pid].role for a in holders})
            grade = min(self.people[a.pid].grade for a in holders)
            cand = f"role={','.join(roles)}; title>={GRADE_NAMES[grade]}"
        elif r.random() < 0.5:
            cand = "dept=" + ",".join(sorted({self.people[a.pid].dept for a in holders}))
        else:
            cand = "id=" + ",".join(sorted(a.pid for a in holders))
        served = [self._years(self.people[a.pid]) for a in holders]
        known = [y for y in served if y is not None]
        min_years = r.randint(0, min(known)) if known and r.random() < 0.5 else 0
        self.seats.append({
            "id": sid, "partner": r.choice(("省人民医院", "市中心医院", "医科大学附属医院")),
            "specialty": r.choice(("心血管内科", "全科医学", "重症医学", "急诊医学")),
            "earliest": earliest, "latest": latest, "months": months, "seats": len(holders),
            "candidates": cand, "weeks": r.choice((2, 4, 6, 8)),
            "priority": ",".join(r.sample(self.dept_ids, r.randint(0, min(2, len(self.dept_ids))))),
            "min_years": min_years, "cap": r.random() < 0.3})

    def _max_away_same_specialty(self) -> int:
        def spec(pid: str) -> str:
            p = self.people[pid]
            return p.specialty or p.dept
        most = 1
        for a in self.away:  # every placement of the same specialty counts, on any seat
            same = [b for b in self.away if spec(b.pid) == spec(a.pid)
                    and b.start <= a.start <= b.end]
            most = max(most, len(same))
        return most

    def _years(self, p: Person) -> int | None:
        e = p.employed
        if e is None:
            return None
        d = self.h0
        return d.year - e.year - ((d.month, d.day) < (e.month, e.day))

    # ------------------------------------------------------------------------ 3. sessions

    def pick_room(self, feature: str, start: dt.datetime, end: dt.datetime, day: dt.date,
                  need: int = 0) -> str | None:
        rooms = [rid for rid, x in sorted(self.rooms.items())
                 if (not feature or feature in x["features"]) and x["capacity"] >= need
                 and self.room_free(rid, start, end, day)]
        return self.rng.choice(rooms) if rooms else None

    def teach_ok(self, s: Sess) -> bool:
        """Add ``s`` (its speaker teaching) if coverage holds; else leave nothing behind."""
        self.add_session(s)
        if self.day_ok(s.day):
            return True
        self.remove_session(s)
        return False

    def exit_exams(self) -> None:
        with_exam = {p["id"]: p for p in self.programmes if p["exit_exam"]}
        due: dict[tuple[str, dt.date], list[Block]] = defaultdict(list)
        for b in self.blocks:
            if b.programme in with_exam:
                due[b.dept, b.end].append(b)
        for (dept, end), stays in sorted(due.items()):
            hours = max(with_exam[b.programme]["exam_hours"] for b in stays)
            finishers = sorted({b.pid for b in stays})
            lo = end - dt.timedelta(days=6)
            m = month_key(end)
            examiners = [p for p in self.members[dept] if self.people[p].grade >= 2
                         and not any(m in b.months for b in self.blocks_of.get(p, ()))]
            points = [tp for tp in self.points if lo <= tp.date <= end
                      and tp.slot.hours + 1e-9 >= hours]
            self.rng.shuffle(points)
            placed = False
            for tp in points:
                s = Sess(f"exit:{dept}:{end:%Y-%m}", 1, 1, tp.date, tp.slot, hours, "", "",
                         f"出科考核 {self.dept_names[dept]} {end:%Y-%m}", "exam",
                         attendees=list(finishers), kind="exit")
                if not all(self.free(p, s.start, s.end, tp.date) for p in finishers):
                    continue
                room = self.pick_room("", s.start, s.end, tp.date, len(finishers))
                if room is None:
                    continue
                s.room = room
                for e in self.rng.sample(examiners, len(examiners)):
                    if e in finishers or not self.free(e, s.start, s.end, tp.date):
                        continue
                    s.speaker = e
                    if self.teach_ok(s):
                        placed = True
                        break
                if placed:
                    break
            if not placed:
                raise Retry(f"no time for exit exam of {dept} {end}")

    def teach_backs(self) -> None:
        seats = {x["id"]: x for x in self.seats}
        for a in sorted(self.away, key=lambda a: (a.seat, a.pid)):
            if a.seat not in seats:
                continue
            first = a.end + DAY
            due = a.end + dt.timedelta(days=7 * seats[a.seat]["weeks"])
            points = [tp for tp in self.points if first <= tp.date <= min(due, self.h1)
                      and tp.slot.hours >= 1.0]
            self.rng.shuffle(points)
            placed = False
            for tp in points:
                hours = 1.5 if tp.slot.hours >= 1.5 else tp.slot.hours
                p = self.people[a.pid]
                s = Sess(f"teach-back:{a.seat}:{a.pid}", 1, 1, tp.date, tp.slot, hours, "",
                         a.pid, f"回院汇报 {p.name}", "lecture", kind="teach-back")
                if not self.free(a.pid, s.start, s.end, tp.date):
                    continue
                room = self.pick_room("", s.start, s.end, tp.date)
                if room is None:
                    continue
                s.room = room
                if self.teach_ok(s):
                    placed = True
                    break
            if placed:
                continue
            if due <= self.h1 and points:
                raise Retry(f"no time for the teach-back of {a.pid}")
            self.warnings.append(
                f"teach-back teach-back:{a.seat}:{a.pid}: {a.pid} returns from seat {a.seat} on "
                f"{first}; the teach-back window runs past the horizon or holds no lecture slot; "
                f"none planned this horizon")

    # -- courses -------------------------------------------------------------------------

    def _filter(self, kind: str) -> Filter:
        r = self.rng
        if kind == "everyone":
            return Filter("everyone", lambda p, d: True)
        if kind == "role":
            roles = sorted(r.sample(("doctor", "nurse", "technician", "pharmacist"),
                                    r.randint(1, 3)))
            return Filter(f"role={','.join(roles)}", lambda p, d, rs=roles: p.role in rs)
        if kind == "young":
            return Filter("title<=intermediate; age<=45",
                          lambda p, d: p.grade <= 2 and self.age(p) <= 45)
        if kind == "title":
            return Filter("title>=junior", lambda p, d: p.grade >= 1)
        if kind == "dept":
            ds = sorted(r.sample(self.dept_ids, r.randint(1, min(2, len(self.dept_ids)))))
            return Filter(f"dept={','.join(ds)}", lambda p, d, ds=ds: d in ds, scoped=True)
        if kind == "notdept":
            x = r.choice(self.dept_ids)
            return Filter(f"dept!={x}", lambda p, d, x=x: d != x, scoped=True)
        raise ValueError(kind)

    def age(self, p: Person) -> int:
        d, b = self.h0, p.birth
        return d.year - b.year - ((d.month, d.day) < (b.month, b.day))

    def _pool(self) -> tuple[str, tuple[str, ...]]:
        """A speaker pool: (cell text, members)."""
        r = self.rng
        staff = [p for p in self.staff if p.id not in self.reserved]
        k = r.random()
        if k < 0.35:
            ids = sorted(p.id for p in r.sample(staff, min(len(staff), r.randint(1, 3))))
            return (",".join(ids) if r.random() < 0.5 else "id=" + ",".join(ids)), tuple(ids)
        if k < 0.6:
            members = tuple(p.id for p in staff if p.grade >= 3)
            if members:
                return "title>=associate", members
        if k < 0.8:
            d = r.choice(self.dept_ids)
            members = tuple(p.id for p in staff if p.dept == d and p.grade >= 2)
            if members:
                return f"dept={d}; title>=intermediate", members
        members = tuple(p.id for p in staff if p.role == "doctor")
        if members:
            return "role=doctor", members
        ids = (staff[0].id,)
        return f"id={ids[0]}", ids

    def _hours(self) -> float:
        if self.tight_slots:
            return 1.5
        return self.rng.choice([h for h in (1.0, 1.5, 1.5, 2.0, 3.0) if h <= self.longest + 1e-9])

    def _credits(self, c: Course) -> None:
        r = self.rng
        c.credit_class = r.choice(("none", "II", "II", "I"))
        if c.credit_class != "none" and r.random() < 0.5:
            c.credits = r.choice((0.5, 1.0, 2.0))
            if r.random() < 0.5:
                c.speaker_credits = r.choice((1.0, 2.0))
        c.hospital_run = r.random() < 0.9

    def session_credits(self, c: Course) -> tuple[float, float]:
        grand = c.category == "grand-round"
        rated = c.credit_class != "none"
        a = c.credits if c.credits is not None else (
            (self.rates["case_attendee"] if grand else self.rates["lecture_attendee"]) if rated
            else 0.0)
        s = c.speaker_credits if c.speaker_credits is not None else (
            (self.rates["case_speaker"] if grand else self.rates["lecture_speaker"]) if rated
            else 0.0)
        return a, s

    def courses_(self) -> None:
        r = self.rng
        self.rates = {"lecture_speaker": 2.0, "lecture_attendee": 0.5, "case_speaker": 1.0,
                      "case_attendee": 0.2, "hospital_class2_cap": 10.0, "external_per_month": 5.0,
                      "external_full_year_months": 6}
        if r.random() < 0.3:
            self.rates.update(lecture_attendee=1.0, case_attendee=0.5,
                              external_per_month=r.choice((3.0, 5.0)),
                              external_full_year_months=r.choice((3, 6)))
        kinds = ["repeated", "cohort", "series", "fixed_dates", "exam", "online", "grand_round"]
        n = r.randint(1, 6)
        chosen = [r.choice(kinds) for _ in range(n)]
        self.exam_no_speaker = r.random() < 0.08
        squeezed = r.random() < 0.25
        self.features["courses"] = "+".join(sorted(chosen))
        i = 0
        if squeezed:
            i += 1
            self._squeezed(f"C{i}")
        for kind in chosen:
            i += 1
            getattr(self, f"_c_{kind}")(f"C{i}")

    def _window(self) -> tuple[dt.date, dt.date]:
        """Where a course's sessions go: the horizon, or a stretch of it."""
        r = self.rng
        if r.random() < 0.5:
            return self.h0, self.h1
        span = (self.h1 - self.h0).days
        a = self.h0 + dt.timedelta(days=r.randint(0, max(0, span - 30)))
        b = min(self.h1, a + dt.timedelta(days=r.randint(30, 150)))
        return a, b

    def _place(self, c: Course, part: int, run: int, lo: dt.date, hi: dt.date,
               pool: tuple[str, ...], dates: tuple[dt.date, ...] = (),
               topic: str = "") -> Sess | None:
        """One run of ``c`` at a time in ``lo … hi`` with a free room and speaker."""
        r = self.rng
        points = [tp for tp in self.points if lo <= tp.date <= hi
                  and tp.slot.hours + 1e-9 >= c.hours and (not dates or tp.date in dates)]
        r.shuffle(points)
        att_credit, spk_credit = self.session_credits(c)
        for tp in points[:60]:
            s = Sess(c.id, part, run, tp.date, tp.slot, c.hours, "", "", c.title, c.category,
                     c.credit_class, att_credit, spk_credit, topic)
            if any(x.course == c.id and x.start < s.end and s.start < x.end
                   for x in self.by_day.get(tp.date, ())):
                continue  # two sessions of one course never overlap
            room = self.pick_room(c.feature, s.start, s.end, tp.date)
            if room is None:
                continue
            s.room = room
            if c.external:
                s.speaker = f"ext:{c.external}"
                if any(x.speaker == s.speaker and x.start < s.end and s.start < x.end
                       for x in self.by_day.get(tp.date, ())):
                    continue
                self.add_session(s)
                return s
            if not pool:  # an exam with no speaker (the docs say exams need none)
                self.add_session(s)
                return s
            for spk in r.sample(pool, len(pool)):
                if not self.free(spk, s.start, s.end, tp.date):
                    continue
                s.speaker = spk
                if self.teach_ok(s):
                    return s
        return None

    def _runs(self, c: Course, lo: dt.date, hi: dt.date, runs_per_part: Callable[[], int],
              pool: tuple[str, ...]) -> bool:
        for part in range(1, c.parts + 1):
            n = runs_per_part()
            got = 0
            for run in range(1, n + 1):
                if self._place(c, part, run, lo, hi, pool) is None:
                    break
                got += 1
            if got == 0:
                return False
        return True

    def _drop(self, c: Course) -> None:
        for s in [s for s in self.sessions if s.course == c.id]:
            self.remove_session(s)

    def _finish(self, c: Course, lo: dt.date, hi: dt.date) -> None:
        mine = [s for s in self.sessions if s.course == c.id]
        if c.mode == "in-person" and not mine:
            self._drop(c)
            return
        if c.mode == "in-person" and not c.frequency:
            a = min(s.day for s in mine)
            b = max(s.day for s in mine)
            tight = self.rng.random() < 0.3
            c.window = (a, b) if tight else (min(a, lo), max(b, hi))
        elif c.mode == "in-person":
            c.window = (c.period_start, max(hi, max(s.day for s in mine)))
        self.courses.append(c)

    def _squeezed(self, cid: str) -> None:
        """A course whose only speaker is away but for a month or two: every run of it must
        fall in those weeks (``_spread_window`` once gave each run its share of the year)."""
        r = self.rng
        cands = [p for p in self.staff if p.id not in self.participants
                 and p.id not in {a.pid for a in self.away} and p.grade >= 2]
        if not cands:
            return
        spk = r.choice(cands).id
        span = (self.h1 - self.h0).days
        a = self.h0 + dt.timedelta(days=r.randint(0, max(0, span - 40)))
        b = min(self.h1, a + dt.timedelta(days=r.randint(20, 45)))
        c = Course(cid, "专题讲座（外出专家回院）", r.choice(("lecture", "infection", "law")), self._hours(),
                   self._filter(r.choice(("everyone", "role", "title"))), kind="squeezed",
                   parts=r.randint(2, 4), repeats=r.randint(0, 1), speakers_text=spk,
                   pool=(spk,), feature=r.choice(("", "projector")))
        self._credits(c)
        self.reserved.add(spk)
        runs = lambda: r.randint(1, 1 + c.repeats)  # noqa: E731
        if not self._runs(c, a, b, runs, c.pool):
            self._drop(c)
            self.reserved.discard(spk)
            return
        self.squeezed = (spk, a, b)
        self.features["squeezed_speaker"] = True
        self._finish(c, self.h0, self.h1)

    def _c_repeated(self, cid: str) -> None:
        r = self.rng
        cat = r.choice(("ethics", "infection", "law", "lecture"))
        text, pool = self._pool()
        c = Course(cid, {"ethics": "医德医风专题讲座", "infection": "院感防控培训", "law": "法律法规讲座",
                         "lecture": "专题讲座"}[cat], cat, self._hours(),
                   self._filter(r.choice(("everyone", "everyone", "role", "title", "dept",
                                          "notdept"))),
                   parts=r.randint(1, 3), repeats=r.randint(0, 2), speakers_text=text, pool=pool,
                   feature=r.choice(("", "projector")), recording=r.random() < 0.3,
                   kind="repeated")
        self._credits(c)
        lo, hi = self._window()
        if self._runs(c, lo, hi, lambda: r.randint(1, 1 + c.repeats), pool):
            self._finish(c, lo, hi)
        else:
            self._drop(c)

    def _c_cohort(self, cid: str) -> None:
        r = self.rng
        feature = "skills-lab" if "R3" in self.rooms and r.random() < 0.8 else ""
        fitting = [x["capacity"] for x in self.rooms.values()
                   if not feature or feature in x["features"]]
        cohort = r.randint(3, max(3, min(30, max(fitting))))
        cohort = min(cohort, max(fitting))
        text, pool = self._pool()
        c = Course(cid, r.choice(("心肺复苏培训", "急救技能培训", "院感操作培训")), "skills", self._hours(),
                   self._filter(r.choice(("everyone", "role", "dept"))), cohort=cohort,
                   speakers_text=text, pool=pool, feature=feature, kind="cohort")
        self._credits(c)
        size = len(self.static_audience(c))
        lo, hi = self._window()
        wanted = max(1, min(8, math.ceil(size / cohort) + r.choice((0, 0, 1))))
        if self._runs(c, lo, hi, lambda: wanted, pool):
            self._finish(c, lo, hi)
        else:
            self._drop(c)

    def _c_series(self, cid: str) -> None:
        """A monthly / quarterly / weekly / biweekly series with assigned speakers (定人定题)."""
        r = self.rng
        freq = r.choice(("monthly", "monthly", "quarterly", "biweekly", "weekly"))
        text, pool = self._pool()
        c = Course(cid, "全院业务学习", r.choice(("lecture", "lecture", "grand-round", "ethics")),
                   self._hours(), self._filter(r.choice(("everyone", "everyone", "role"))),
                   frequency=freq, speakers_text=text, pool=pool,
                   feature=r.choice(("", "projector")), recording=r.random() < 0.4, kind="series")
        self._credits(c)
        start = self.h0 if r.random() < 0.6 else self.h0 + dt.timedelta(days=r.randint(0, 45))
        if start > self.h1:
            return
        c.period_start = start
        limit = r.randint(2, 12)
        part = 0
        while part < limit:
            period = _period(freq, part + 1, start)
            if period[0] > self.h1:
                break
            lo, hi = period[0], min(period[1], self.h1)
            s = self._place(c, part + 1, 1, lo, hi, pool, topic=f"第{part + 1}讲")
            if s is None:
                break
            part += 1
        if part == 0:
            return
        c.parts = part
        fixed_all = r.random() < 0.5
        for p in range(1, part + 1):
            s = next(x for x in self.sessions if x.course == cid and x.part == p)
            spk = s.speaker if fixed_all or r.random() < 0.5 else ""
            day = s.day if r.random() < 0.25 else None
            c.topics[p] = [s.topic, spk, day]
        c.list_speakers = not fixed_all or r.random() < 0.5
        self._finish(c, start, self.h1)

    def _c_fixed_dates(self, cid: str) -> None:
        """An outside expert's visits: only the listed dates."""
        r = self.rng
        c = Course(cid, "外请专家讲座", r.choice(("lecture", "infection")), self._hours(),
                   self._filter("everyone"), parts=r.randint(1, 2),
                   external=r.choice(("张教授", "李主任", "Dr. Smith")),
                   feature=r.choice(("", "projector")), kind="fixed_dates")
        self._credits(c)
        workdays = sorted({tp.date for tp in self.points if tp.slot.hours + 1e-9 >= c.hours})
        if not workdays:
            return
        visits = tuple(sorted(r.sample(workdays, min(len(workdays), r.randint(1, 4)))))
        ok = True
        for part in range(1, c.parts + 1):
            if self._place(c, part, 1, self.h0, self.h1, (), dates=visits) is None:
                ok = False
                break
        if not ok:
            self._drop(c)
            return
        used = {s.day for s in self.sessions if s.course == cid}
        extra = r.sample(workdays, min(len(workdays), r.randint(0, 2)))
        c.dates = tuple(sorted(used | set(extra)))
        self._finish(c, self.h0, self.h1)

    def _c_exam(self, cid: str) -> None:
        r = self.rng
        no_speaker = self.exam_no_speaker
        text, pool = ("", ()) if no_speaker else self._pool()
        feature = "computer" if "R4" in self.rooms and r.random() < 0.5 else ""
        c = Course(cid, "年度理论考试", "exam", self._hours(),
                   self._filter(r.choice(("young", "everyone", "title"))), speakers_text=text,
                   pool=pool, feature=feature, repeats=r.randint(0, 2), kind="exam")
        if no_speaker:
            self.features["exam_without_speaker"] = True
        lo, hi = self._window()
        if self._runs(c, lo, hi, lambda: r.randint(1, 1 + c.repeats), pool):
            self._finish(c, lo, hi)
        else:
            self._drop(c)

    def _c_online(self, cid: str) -> None:
        r = self.rng
        c = Course(cid, r.choice(("医德医风网络课程", "重点传染病网络课程")),
                   r.choice(("ethics", "infection")), r.choice((2.0, 4.0, 6.0, 10.0)),
                   self._filter(r.choice(("everyone", "role"))), mode="online",
                   parts=r.randint(1, 2), kind="online")
        self._credits(c)
        c.due = self.h0 + dt.timedelta(days=r.randint(0, (self.h1 - self.h0).days))
        self.courses.append(c)

    def _c_grand_round(self, cid: str) -> None:
        """A department's case conference: its own audience (rotators join where they rotate),
        its own speakers."""
        r = self.rng
        d = r.choice(self.dept_ids)
        pool = tuple(p for p in self.members[d] if self.people[p].grade >= 2
                     and p not in self.reserved)
        if not pool:
            return
        c = Course(cid, f"{self.dept_names[d]}病例讨论", "grand-round", self._hours(),
                   Filter(f"dept={d}", lambda p, dd, d=d: dd == d, scoped=True),
                   parts=r.randint(1, 3), speakers_text=f"dept={d}; title>=intermediate",
                   pool=pool, recording=r.random() < 0.5, kind="grand_round")
        self._credits(c)
        lo, hi = self._window()
        if self._runs(c, lo, hi, lambda: 1, pool):
            self._finish(c, lo, hi)
        else:
            self._drop(c)

    # ------------------------------------------------------------------------ 4. leave, closures

    def leave_and_closures(self) -> None:
        r = self.rng
        rows: list[list[object]] = []
        self.most_year = r.random() < 0.2
        if getattr(self, "squeezed", None):
            spk, a, b = self.squeezed
            want = set(days(self.h0, a - DAY)) | set(days(b + DAY, self.h1))
            rows += self._leave_rows(spk, want, "外出进修讲学")
        people = [p.id for p in self.staff if p.id not in self.reserved]
        for pid in sorted(r.sample(people, int(len(people) * r.uniform(0.1, 0.4)))):
            kind = r.choices(("days", "weeks", "months", "year"),
                             (40, 30, 20, 10 if self.most_year else 0))[0]
            span = (self.h1 - self.h0).days
            length = {"days": r.randint(1, 5), "weeks": r.randint(7, 21),
                      "months": r.randint(30, 120), "year": max(1, span - r.randint(5, 40))}[kind]
            a = self.h0 + dt.timedelta(days=r.randint(0, max(0, span - length)))
            want = set(days(a, min(self.h1, a + dt.timedelta(days=length - 1))))
            rows += self._leave_rows(pid, want, {"days": "事假", "weeks": "病假", "months": "产假",
                                                  "year": "长期病假"}[kind])
        # rotators away in the last week of months they do not finish a block in
        for pid in sorted(self.participants):
            if r.random() < 0.5:
                ends = {b.end for b in self.blocks_of.get(pid, ())}
                months = [dt.date(y, m, 1) for y, m in self.horizon_months]
                for m in r.sample(months, min(2, len(months))):
                    end = last_of(m)
                    if end in ends:
                        continue
                    want = set(days(end - dt.timedelta(days=r.randint(6, 9)), end))
                    rows += self._leave_rows(pid, want, "年假")
        # every examiner of a department away in one month's last week
        for d in self.dept_ids:
            if r.random() < 0.3:
                m = dt.date(*r.choice(self.horizon_months), 1)
                end = last_of(m)
                for pid in self.members[d]:
                    if self.people[pid].grade >= 2:
                        rows += self._leave_rows(pid, set(days(end - dt.timedelta(days=6), end)),
                                                 "外出学术会议")
        self.leave_rows = rows
        if any(x[1] for x in rows):
            self.features["leave_rows"] = len(rows)
        closures: list[list[object]] = []
        big = max(self.rooms, key=lambda x: self.rooms[x]["capacity"])
        closing = [big] if r.random() < 0.3 else []
        closing += [x for x in self.rooms if x != big and r.random() < 0.2]
        for rid in closing:
            span = (self.h1 - self.h0).days
            length = r.randint(7, 60)
            a = self.h0 + dt.timedelta(days=r.randint(0, max(0, span - length)))
            want = set(days(a, min(self.h1, a + dt.timedelta(days=length))))
            used = {s.day for s in self.sessions if s.room == rid}
            for x, y in segments(want - used):
                closures.append(["room", rid, x.isoformat(), y.isoformat(), "装修"])
                self.closed[rid].update(days(x, y))
        self.closure_rows = closures
        if closures:
            self.features["closures"] = len(closures)

    def _block_leave_ok(self, pid: str, day: dt.date) -> bool:
        """Whether leave on ``day`` keeps ``pid`` at work for at least half the working days of
        every month of their rotation blocks (the rotations rule)."""
        if not self.calendar.is_workday(day):
            return True
        for b in self.blocks_of.get(pid, ()):
            if b.start <= day <= b.end:
                lo, hi = max(first_of(day), self.h0), min(last_of(day), self.h1)
                work = [d for d in days(lo, hi) if self.calendar.is_workday(d)]
                off = sum(1 for d in work if d in self.leave[pid])
                return 2 * (off + 1) <= len(work)
        return True

    def _leave_rows(self, pid: str, want: set[dt.date], reason: str) -> list[list[object]]:
        """Leave for ``pid`` on the wanted days the witness leaves them free (and where their
        department keeps its target on duty), as non-overlapping rows."""
        busy = self.busy_days(pid)
        taken = self.leave[pid]
        got = set()
        for d in sorted(want - busy - taken):
            if not self.h0 <= d <= self.h1:
                continue
            if not self._block_leave_ok(pid, d):
                continue
            taken.add(d)
            if self.by_day.get(d) and not self.day_ok(d):
                taken.discard(d)
                continue
            got.add(d)
        # days already on leave were skipped, so rows of one person never overlap
        rows = []
        for a, b in segments(got):
            rows.append(["staff", pid, a.isoformat(), b.isoformat(), reason])
        return rows

    # ------------------------------------------------------------------------ 5. attendance

    def attendance(self) -> None:
        r = self.rng
        courses = {c.id: c for c in self.courses}
        taken: set[tuple[str, str, int]] = set()
        for s in self.sessions:  # teaching a part counts as taking it
            c = courses.get(s.course)
            if c is not None:
                taken.add((s.speaker, c.id, s.part))
        office = sorted((s for s in self.sessions if s.kind == "office"),
                        key=lambda s: (s.start, s.id))
        for s in office:
            c = courses[s.course]
            cap = self.rooms[s.room]["capacity"]
            if c.cohort:
                cap = min(cap, c.cohort)
            cap = min(cap, r.choice((cap, cap, cap, max(1, cap // 2))))
            people = [p.id for p in self.staff]
            r.shuffle(people)
            for pid in people:
                if len(s.attendees) >= cap:
                    break
                if pid == s.speaker or (pid, c.id, s.part) in taken:
                    continue
                if not self.in_audience(c, pid, s.day) or not self.free(pid, s.start, s.end, s.day):
                    continue
                if self.try_attend(s, pid):
                    taken.add((pid, c.id, s.part))
        for s in self.sessions:
            if s.kind != "teach-back":
                continue
            home = self.people[s.speaker].dept
            for pid in r.sample(self.members[home], len(self.members[home])):
                if r.random() < 0.5 or pid == s.speaker or self.dept_on(pid, s.day) != home:
                    continue
                if self.free(pid, s.start, s.end, s.day):
                    self.try_attend(s, pid)
        self.taken = taken

    # ------------------------------------------------------------------------ 6. inputs

    def derive(self) -> None:
        r = self.rng
        # department minimums: at most what the witness keeps (tight: exactly that)
        observed: dict[str, int] = {}
        for day in sorted(self.by_day):
            for duty in self.instants(day):
                for d, n in duty.items():
                    observed[d] = min(observed.get(d, n), n)
        for d in self.dept_ids:
            for m in self.horizon_months:
                n = self.month_duty(d, m)
                if n is not None:
                    observed[d] = min(observed.get(d, n), n)
        self.min_on_duty = {}
        for d in self.dept_ids:
            size = len(self.members[d])
            if d in observed:
                assert observed[d] >= self.target[d], (d, observed[d], self.target[d])
                top = min(observed[d], size)
                self.min_on_duty[d] = top if self.tight_min else max(0, top - r.randint(0, 2))
            else:
                self.min_on_duty[d] = self.target[d]
        # rotator capacities: at least the witness's rotators in any month
        use: dict[str, int] = defaultdict(int)
        for d in self.dept_ids:
            for m in self.horizon_months:
                use[d] = max(use[d], len({b.pid for b in self.blocks if b.dept == d
                                          and m in b.months}))
        self.rotator_capacity = {d: use[d] + (0 if self.tight_min or r.random() < 0.5
                                              else r.randint(1, 2)) for d in self.dept_ids}
        # cohort sizes and room capacities: at least the witness's use
        for c in self.courses:
            if c.cohort:
                most = max((len(s.attendees) for s in self.sessions if s.course == c.id),
                           default=1)
                if self.tight_min or r.random() < 0.3:
                    c.cohort = max(1, most)
        for rid, x in self.rooms.items():
            used = max((len(s.attendees) for s in self.sessions if s.room == rid), default=0)
            if r.random() < 0.3:
                x["capacity"] = max(1, used)
        for c in self.courses:  # a cohort must fit a room with the feature (validation)
            if c.cohort:
                fitting = [x["capacity"] for x in self.rooms.values()
                           if not c.feature or c.feature in x["features"]]
                c.cohort = min(c.cohort, max(fitting))
        # hospital rules: at most what the witness holds
        self.rules = []
        office = [s for s in self.sessions if s.kind == "office" and self.h0 <= s.day <= self.h1]
        cats = sorted({s.category for s in office})
        for cat in cats:
            if r.random() < 0.4:
                per = defaultdict(int)
                for s in office:
                    if s.category == cat:
                        per[month_key(s.day)] += 1
                low = min(per.get(m, 0) for m in self.horizon_months)
                if low >= 1:
                    self.rules.append({"kind": "min-per-month", "category": cat,
                                       "minimum": low if r.random() < 0.7 else r.randint(1, low),
                                       "description": f"每月至少{low}次{cat}"})
            if r.random() < 0.4:
                total = sum(1 for s in office if s.category == cat)
                self.rules.append({"kind": "min-per-year", "category": cat,
                                   "minimum": total if r.random() < 0.7 else r.randint(0, total)})
        if self.rules:
            self.features["rules"] = len(self.rules)
        # pins: copied from the witness
        self.pins = []
        if r.random() < 0.4:
            for s in r.sample(office, min(len(office), r.randint(1, 3))):
                if s.run > 1 and r.random() < 0.5:
                    continue
                self.pins.append([s.course, s.part, s.run,
                                  s.day.isoformat() if r.random() < 0.8 else "",
                                  s.slot.id if r.random() < 0.6 else "",
                                  s.room if r.random() < 0.5 else "",
                                  s.speaker if r.random() < 0.5 and s.speaker
                                  and not s.speaker.startswith("ext:") else ""])
        if self.pins:
            self.features["pins"] = len(self.pins)
        # quotas (soft), credits, history
        self.quotas = []
        cats = sorted({c.category for c in self.courses} | {"ethics"})
        for cat in r.sample(cats, min(len(cats), r.randint(1, 3))):
            who = r.choice(("everyone", "role=doctor,nurse,technician,pharmacist", "title>=junior"))
            self.quotas.append({"who": who, "category": cat,
                                "min_hours": r.choice((1.5, 3, 4.5, 6, 12, 24)),
                                "online_share_max": r.choice((0.25, 0.5, 1.0))})
        self.credit_quota = None
        if r.random() < 0.4:
            self.credit_quota = {"who": "title>=junior", "total_min": r.choice((5, 10, 25)),
                                 "class1": {"min": 0 if r.random() < 0.5 else 1, "max": 10},
                                 "class2_min": r.choice((1, 5, 15))}
        for p in r.sample(self.staff, r.randint(0, min(4, len(self.staff)))):
            self.history.append([p.id, "hours", r.choice(cats), r.choice((1.5, 3, 6)), "", "",
                                 "上半年已完成"])
        if r.random() < 0.3:
            p = r.choice(self.staff)
            self.history.append([p.id, "credits", r.choice(("I", "II")), r.choice((2, 5)), "",
                                 r.choice(("yes", "no")), "省级项目"])

    # ------------------------------------------------------------------------ 7. files

    def programmes_csv(self, clip: bool = False) -> str:
        """``programmes.csv``; with ``clip``, exam hours cut to the longest slot — the inputs
        the witness is checked against when the probe of an exam longer than every slot makes
        the real ones invalid (exit 2; the witness itself holds no such exam)."""
        return csv_text(
            ["id", "name", "order", "participants", "start", "end", "exit_exam", "exam_hours"],
            [[p["id"], p["name"], "fixed" if p["ordered"] else "free",
              "id=" + ",".join(sorted(p["participants"])),
              p["start"].isoformat() if p["start"] else "",
              p["end"].isoformat() if p["end"] else "",
              "yes" if p["exit_exam"] else "no",
              num(min(p["exam_hours"], self.longest) if clip else p["exam_hours"])]
             for p in self.programmes])

    def files(self) -> dict[str, str]:
        r = self.rng
        plan: dict[str, object] = {
            "hospital": f"第{self.seed}号模拟医院",
            "timezone": TZ_NAME,
            "language": r.choice(("zh", "en")),
            "horizon": {"start": self.h0.isoformat(), "end": self.h1.isoformat()},
            "slots": [{"id": s.id, "weekday": ("mon", "tue", "wed", "thu", "fri", "sat",
                                               "sun")[s.weekday],
                       "start": f"{s.start:%H:%M}", "end": f"{s.end:%H:%M}",
                       **({"makeup": True} if s.makeup else {})} for s in self.slots],
            "rates": {k: v for k, v in self.rates.items()},
            "solver": {"time_limit": 10, "seed": 1, "workers": 1},
        }
        if self.quotas:
            plan["quotas"] = self.quotas
        if self.credit_quota:
            plan["credits"] = self.credit_quota
        if self.rules:
            plan["rules"] = self.rules
        out = {"plan.yaml": yaml.safe_dump(plan, allow_unicode=True, sort_keys=False)}
        out["staff.csv"] = csv_text(
            ["id", "name", "department", "role", "title", "birth_date", "email", "specialty",
             "employed_since"],
            [[p.id, p.name, p.dept, p.role, p.title, p.birth.isoformat(),
              f"{p.id.lower()}@example.cn", p.specialty,
              p.employed.isoformat() if p.employed else ""] for p in self.staff])
        dept_rows = []
        for d in self.dept_ids:
            m = self.min_on_duty[d]
            size = len(self.members[d])
            cell: object = m
            pct = round(100 * m / size) if size else 0
            if m and r.random() < 0.3 and math.ceil(Fraction(pct, 100) * size) == m:
                cell = f"{pct}%"
            dept_rows.append([d, self.dept_names[d], cell, self.rotator_capacity[d],
                              "yes" if self.count_on_duty[d] else "no"])
        out["departments.csv"] = csv_text(
            ["id", "name", "min_on_duty", "rotator_capacity", "rotators_count_on_duty"], dept_rows)
        out["rooms.csv"] = csv_text(
            ["id", "name", "capacity", "features"],
            [[rid, x["name"], x["capacity"], ",".join(x["features"])]
             for rid, x in sorted(self.rooms.items())])
        rows = []
        for c in self.courses:
            w0 = w1 = ""
            if c.window is not None:
                w0 = "" if c.window[0] == self.h0 and r.random() < 0.5 else c.window[0].isoformat()
                w1 = "" if c.window[1] == self.h1 and r.random() < 0.5 else c.window[1].isoformat()
            speakers = c.speakers_text if c.list_speakers else ""
            if c.external:
                speakers = f"external:{c.external}"
            rows.append([c.id, c.title, c.category, c.mode, num(c.hours), c.parts,
                         c.cohort or "", c.audience.text, speakers, c.feature,
                         "" if c.credits is None else num(c.credits),
                         "" if c.speaker_credits is None else num(c.speaker_credits),
                         c.credit_class, w0, w1, c.frequency,
                         ",".join(d.isoformat() for d in c.dates),
                         c.due.isoformat() if c.due else "", c.repeats or "",
                         "yes" if c.recording else "", "" if c.hospital_run else "no"])
        out["courses.csv"] = csv_text(
            ["id", "title", "category", "mode", "hours", "sessions", "cohort_size", "audience",
             "speakers", "room_feature", "credits", "speaker_credits", "credit_class",
             "window_start", "window_end", "frequency", "dates", "due", "repeats", "recording",
             "hospital_run"], rows)
        topics = [[c.id, p, t[0], t[1], t[2].isoformat() if t[2] else ""]
                  for c in self.courses for p, t in sorted(c.topics.items())]
        if topics:
            out["topics.csv"] = csv_text(["course", "session", "topic", "speaker", "date"], topics)
        if self.programmes:
            out["programmes.csv"] = self.programmes_csv()
            out["programme_blocks.csv"] = csv_text(
                ["programme", "block", "departments", "choose", "min_months", "max_months",
                 "after", "preference"],
                [[b["programme"], b["block"], ",".join(b["depts"]), b["choose"], b["min"],
                  b["max"], ",".join(map(str, b["after"])), ",".join(b["pref"])]
                 for b in self.prog_blocks
                 if any(p["id"] == b["programme"] for p in self.programmes)])
        if self.seats:
            out["external_seats.csv"] = csv_text(
                ["id", "partner", "specialty", "start_earliest", "start_latest", "months",
                 "seats", "candidates", "teach_back_weeks", "department_priority", "min_years",
                 "max_away_per_specialty"],
                [[x["id"], x["partner"], x["specialty"], x["earliest"].isoformat(),
                  x["latest"].isoformat(), x["months"], x["seats"], x["candidates"],
                  x["weeks"], x["priority"], x["min_years"], x["cap"] or ""]
                 for x in self.seats])
        if self.pins:
            out["pins.csv"] = csv_text(["course", "session", "run", "date", "slot", "room",
                                        "speaker"], self.pins)
        unavailability = self.leave_rows + self.closure_rows
        if unavailability:
            out["unavailability.csv"] = csv_text(["kind", "id", "from", "to", "reason"],
                                                 unavailability)
        if self.holiday_rows:
            out["holidays.csv"] = csv_text(["date", "kind", "name"],
                                           [list(x) for x in self.holiday_rows])
        if self.history:
            out["history.csv"] = csv_text(["staff_id", "kind", "category", "amount", "programme",
                                           "hospital_run", "note"], self.history)
        return out

    # ------------------------------------------------------------------------ 8. the witness

    def witness(self) -> Plan:
        sessions = []
        for s in sorted(self.sessions, key=lambda s: (s.start, s.id)):
            sessions.append(PlannedSession(
                id=s.id, course=s.course, part=s.part, run=s.run, title=s.title, topic=s.topic,
                category=s.category, date=s.day.isoformat(), slot=s.slot.id,
                start=s.start.isoformat(), end=s.end.isoformat(), room=s.room, speaker=s.speaker,
                hours=s.hours, credits=s.credits, speaker_credits=s.speaker_credits,
                credit_class=s.credit_class, attendees=tuple(sorted(s.attendees))))
        with_exam = {p["id"] for p in self.programmes if p["exit_exam"]}
        rotations = [RotationBlock(b.pid, b.programme, b.block, b.dept, b.start.isoformat(),
                                   b.end.isoformat(),
                                   f"exit:{b.dept}:{b.end:%Y-%m}#1.1" if b.programme in with_exam
                                   else "")
                     for b in sorted(self.blocks, key=lambda b: (b.pid, b.start))]
        held = {s.course for s in self.sessions}
        seats = {x["id"]: x for x in self.seats}
        placements = []
        for a in sorted(self.away, key=lambda a: (a.pid, a.start)):
            x = seats[a.seat]
            tb = f"teach-back:{a.seat}:{a.pid}"
            placements.append(Placement(a.pid, a.seat, x["partner"], x["specialty"],
                                        a.start.isoformat(), a.end.isoformat(),
                                        f"{tb}#1.1" if tb in held else "", 0.0))
        offsite = []
        for c in self.courses:
            aud = self.static_audience(c)
            if c.mode == "online":
                for pid in aud:
                    for part in range(1, c.parts + 1):
                        offsite.append(OffSiteAttendance(pid, c.id, part, "online",
                                                         c.due.isoformat() if c.due else ""))
            elif c.recording:
                for pid in aud:
                    for part in range(1, c.parts + 1):
                        if (pid, c.id, part) not in self.taken:
                            offsite.append(OffSiteAttendance(pid, c.id, part, "recording"))
                            self.taken.add((pid, c.id, part))
        return Plan(name=self.name, hospital=f"第{self.seed}号模拟医院", timezone=TZ_NAME,
                    horizon_start=self.h0.isoformat(), horizon_end=self.h1.isoformat(),
                    status="WITNESS", objective={}, sessions=sessions, offsite=offsite,
                    rotations=rotations, placements=placements, warnings=list(self.warnings))


def _period(freq: str, part: int, start: dt.date) -> tuple[dt.date, dt.date]:
    """The days part ``part`` of a periodic course falls in, counted from ``start`` (as the
    checker reads docs/inputs.md: session *k* falls in period *k*)."""
    if freq in ("weekly", "biweekly"):
        width = 7 if freq == "weekly" else 14
        lo = start + dt.timedelta(days=width * (part - 1))
        return lo, lo + dt.timedelta(days=width - 1)
    months = 1 if freq == "monthly" else 3
    first = start.year * 12 + (start.month - 1) + months * (part - 1)
    after = first + months
    lo = dt.date(first // 12, first % 12 + 1, 1)
    hi = dt.date(after // 12, after % 12 + 1, 1) - DAY
    return max(lo, start), hi


def _complete(plan: Plan, files: dict[str, str]) -> Plan:
    """The witness's bookkeeping, by the checker's own arithmetic: placement credits, a
    ``missed`` row for every part an audience member does not take, and the quota table."""
    from planner.check.context import Context
    from planner.check.quotas import external_study, recompute
    from planner.inputs import load_problem

    with tempfile.TemporaryDirectory(prefix="witness-") as tmp:
        folder = Path(tmp) / plan.name
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        problem = load_problem(folder)
    settings = problem.settings
    calendar = build_calendar(settings, problem.holidays)
    ctx = Context(problem, calendar, plan)
    placements = []
    for pl in plan.placements:
        got = external_study(ctx, pl)
        placements.append(Placement(pl.staff, pl.seat, pl.partner, pl.specialty, pl.start,
                                    pl.end, pl.teach_back, got[0] if got else 0.0))
    plan.placements = placements
    taken: set[tuple[str, str, int]] = set()
    for s in plan.sessions:
        taken.update((pid, s.course, s.part) for pid in s.attendees)
        if s.speaker in ctx.audience.get(s.course, ()):
            taken.add((s.speaker, s.course, s.part))
    taken.update((o.staff, o.course, o.part) for o in plan.offsite)
    missed = []
    for c in problem.courses:
        for pid in sorted(ctx.audience[c.id]):
            for part in range(1, c.parts + 1):
                if (pid, c.id, part) not in taken:
                    missed.append(Missed(pid, c.id, part, "capacity"))
    plan.missed = missed
    ctx = Context(problem, calendar, plan)
    plan.quotas = [QuotaRow(q.staff, q.category, q.required, q.history, q.planned, q.shortfall,
                            "solver limit" if q.shortfall > 1e-9 else "")
                   for q in recompute(ctx)]
    return plan


def make_instance(seed: int, attempts: int = 30) -> Instance:
    """A random small hospital and a plan that keeps every hard rule (the witness)."""
    last: Exception | None = None
    for attempt in range(attempts):
        g = _Gen(seed, attempt)
        try:
            g.basics()
            g.months()
            g.exit_exams()
            g.teach_backs()
            g.courses_()
            g.leave_and_closures()
            g.attendance()
            g.derive()
        except Retry as e:
            last = e
            continue
        if not g.courses or (not any(c.mode == "in-person" for c in g.courses)
                             and not g.blocks and not g.away):
            last = Retry("nothing to plan")  # courses.csv needs a row; and something to place
            continue
        files = g.files()
        check_files = dict(files)
        if g.features.get("exam_longer_than_slots"):
            check_files["programmes.csv"] = g.programmes_csv(clip=True)
        plan = _complete(g.witness(), check_files)
        g.features["attempt"] = attempt
        g.features["staff"] = len(g.staff)
        g.features["sessions"] = len(plan.sessions)
        names = {p.id: (p.name, p.dept) for p in g.staff}
        return Instance(seed, g.name, files, plan, names, g.features, check_files)
    raise RuntimeError(f"seed {seed}: no instance after {attempts} attempts ({last})")
