"""What the timetable decides about: each *part* of an in-person course (a topic of a series, or
the one part of a cohort course) gets some number of runs, each at a time and in a room of a
size — and the model chooses how many, when and how large.

Why parts and not runs: how many runs a part needs is not known before the timetable — it
depends on the rooms free then, on how many of the audience their wards can release then, on
who is on leave. Fixing the number first (as an earlier version did, from the year's largest
room) left hundreds of people without a seat whenever that room was taken or closed, and made
plans impossible whenever the fixed number did not fit the window. So a part offers its runs as
counts: at each candidate time and room size, a run or none.

A part also carries, worked out once here so that the rule modules do no filtering:

* its candidate times — inside the course window and the part's period, on working days, in
  slots long enough, on the course's dates or the topic's date if any, when at least one
  eligible speaker is free and a room of some size is open;
* its room *levels* — the room sizes it may use (seats a run of that level offers, and the rooms
  that seat that many), from the smallest room that seats the whole audience down to a third of
  it, at most :data:`MAX_LEVELS`;
* how many runs it may have (the course's repeats, or enough cohorts for its audience), how many
  people it should seat, and where in the year its runs would spread evenly;
* pinned runs, which keep their run number, and (re-planning) the runs held before the freeze
  date, whose numbers are taken.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

from planner.domain import EXIT_PREFIX, Category, Course, Mode, Pin, Room
from planner.solver.findings import Cause, Finding
from planner.solver.instance import HOURS_EPS, Instance, Run
from planner.solver.periods import part_period

#: At most this many room sizes per part (the model grows with each).
MAX_LEVELS = 3
#: The smallest room size a part offers, as a share of its largest.
LEVEL_FLOOR = 0.3
#: Cohort courses may hold this many more cohorts than their audience fills exactly (leave and
#: ward cover keep some people out of the cohort that fits them).
COHORT_MARGIN = 0.25


@dataclass(frozen=True)
class Level:
    """A room size: every room of the level seats at least ``seats`` (after the cohort cap)."""

    seats: int
    rooms: tuple[str, ...]  # rooms with the part's feature seating ``seats``, smallest first


@dataclass(frozen=True)
class Pinned:
    """A run the office pinned (pins.csv): it keeps its number; any of date, slot, room and
    speaker may be fixed."""

    run: int
    candidates: tuple[int, ...]
    level: Level
    pool: tuple[str, ...]
    dated: bool  # the pin fixes its date (it then stays out of the series order)


@dataclass(frozen=True)
class Part:
    index: int
    course: Course
    part: int
    topic: str
    pool: tuple[str, ...]  # eligible speakers; () for an exam that needs none
    levels: tuple[Level, ...]  # largest first
    candidates: tuple[int, ...]  # time points the part's unpinned runs may take
    pinned: tuple[Pinned, ...]
    min_runs: int  # beyond the runs held before a re-plan's freeze date
    max_runs: int
    demand: int  # people who should attend it (re-planning: who have not yet)
    cap: int  # most attendees of one run (the cohort size, else no limit but the room)
    fixed_date: bool  # its date is fixed by the course's dates, the topic or a pin
    held: frozenset[int]  # run numbers held before the freeze date (re-planning)
    region: tuple[dt.date, dt.date]  # where its runs would spread evenly over the window
    core: tuple[dt.date, dt.date]  # its even share of the window itself (no overlap)

    @property
    def key(self) -> tuple[str, int]:
        return self.course.id, self.part

    @property
    def label(self) -> str:
        return f"{self.course.title} ({self.course.id}) session {self.part}"

    @property
    def needs_speaker(self) -> bool:
        return bool(self.pool) or self.course.category is not Category.EXAM


def build_parts(inst: Instance) -> list[Part]:
    """Every part of every in-person course still to plan; a part that can have no run at all
    goes to ``inst.problems`` with what ruled out every time (:mod:`planner.solver.findings`)."""
    parts: list[Part] = []
    for course in inst.problem.courses:
        if course.mode is Mode.IN_PERSON:
            _course_parts(inst, course, parts)
    return parts


def _course_parts(inst: Instance, course: Course, parts: list[Part]) -> None:
    problem = inst.problem
    s = problem.settings
    past = inst.past
    audience = inst.audience[course.id]
    if past is not None and (course.window_end or s.horizon_end) < past.freeze_until:
        return  # its window closed before the freeze date: what was held is kept
    rooms = [r for r in problem.rooms
             if not course.room_feature or course.room_feature in r.features]
    if not rooms:
        inst.problems.append(Finding("no-room", course=course.id, text=(
            f"{course.title} ({course.id}): no room has '{course.room_feature}'")))
        return
    cap = course.cohort_size or max(r.capacity for r in rooms)
    topics = {t.part: t for t in problem.topics if t.course == course.id}
    pins = {(p.part, p.run): p for p in problem.pins if p.course == course.id}
    start = max(course.window_start or s.horizon_start, s.horizon_start)
    end = min(course.window_end or s.horizon_end, s.horizon_end)
    base = [i for i, tp in enumerate(inst.time_points)
            if start <= tp.date <= end and tp.slot.hours + HOURS_EPS >= course.hours]
    if course.dates:
        allowed = set(course.dates)
        base = [i for i in base if inst.time_points[i].date in allowed]
    exam_cover = _exam_cover(inst, course) if course.id.startswith(EXIT_PREFIX) else None
    for k in range(1, course.parts + 1):
        if past is not None and (course.id, k) in past.closed_parts:
            continue  # every published run of this part was held before the freeze date
        held = frozenset() if past is None else past.runs_done.get((course.id, k), frozenset())
        demand = (len(audience) if past is None else
                  sum(1 for p in audience if (course.id, k) not in past.done.get(p, ())))
        if past is not None and held and demand == 0:
            continue  # held, and everyone who must follow it has
        topic = topics.get(k)
        period = part_period(course, k, start)
        cand = list(base)
        fixed = bool(course.dates)
        if period is not None:
            cand = [i for i in cand if period[0] <= inst.time_points[i].date <= period[1]]
        if topic is not None and topic.date is not None:
            cand = [i for i in cand if inst.time_points[i].date == topic.date]
            fixed = True
        if exam_cover is not None:
            cand = [i for i in cand if exam_cover(inst.time_points[i].date)]
        pool = _pool(inst, course, topic.speaker if topic else "")
        levels = _levels(rooms, cap, max(1, demand))
        lo, hi = _run_bounds(course, len(inst.audience[course.id]), cap, len(held))
        part_pins = sorted((p for (pk, _), p in pins.items() if pk == k), key=lambda p: p.run)
        part_pins_left = [p for p in part_pins if p.run not in held]
        pinned = tuple(_pinned(inst, p, cand, levels, rooms, cap, pool) for p in part_pins_left)
        free = tuple(i for i in cand
                     if _someone_free(inst, pool, inst.time_points[i].date, course)
                     and _room_open(inst, levels[-1].rooms, inst.time_points[i].date))
        part = Part(
            index=len(parts), course=course, part=k, topic=topic.topic if topic else "",
            pool=pool, levels=levels, candidates=free, pinned=pinned,
            min_runs=min(lo, hi), max_runs=max(hi, len(pinned)), demand=demand, cap=cap,
            fixed_date=fixed,
            held=held, region=_region(course, k, start, end, period, 0.5),
            core=_region(course, k, start, end, period, 0.0))
        if not pool and part.needs_speaker:
            inst.problems.append(Finding("no-speaker", course=course.id, part=k,
                                         text=f"{part.label}: no eligible speaker"))
        elif not free and not pinned and part.min_runs > 0:
            inst.problems.append(_why_no_time(inst, part, start, end, period, cand))
        for p, pin in zip(pinned, part_pins_left):
            if not p.candidates:
                inst.problems.append(_why_pin_fails(inst, part, pin, p, start, end, cand))
        parts.append(part)


def _run_bounds(course: Course, audience: int, cap: int, held: int) -> tuple[int, int]:
    """(fewest, most) runs of a part beyond those held: one at least; a repeated lecture up to
    ``1 + repeats`` in all, a cohort course enough cohorts for its audience and a margin."""
    if course.cohort_size:
        whole = max(1, math.ceil(audience / max(1, min(course.cohort_size, cap))))
        most = whole + math.ceil(COHORT_MARGIN * whole)
    else:
        most = 1 + course.repeats
    most = max(0, most - held)
    return (1 if most else 0), most


def _levels(rooms: list[Room], cap: int, demand: int) -> tuple[Level, ...]:
    """Room sizes, largest first: from the smallest room that seats the whole demand (or the
    largest room, when none does) down to :data:`LEVEL_FLOOR` of the demand, and at least the
    next size below — so that when the hall is taken, runs in smaller rooms can still seat
    everyone (3,000 staff: with the 300-seat hall alone, the ethics series got one run a
    topic)."""
    sizes = sorted({min(cap, r.capacity) for r in rooms}, reverse=True)
    fitting = [c for c in sizes if c >= demand]
    top = min(fitting) if fitting else sizes[0]
    below = [c for c in sizes if c <= top]
    floor = LEVEL_FLOOR * min(top, demand)
    # at least two sizes where the rooms allow: a hall alone is every big course's bottleneck
    chosen = [c for i, c in enumerate(below) if c >= floor or i < 2][:MAX_LEVELS]
    return tuple(Level(c, tuple(r.id for r in sorted(rooms, key=lambda r: (r.capacity, r.id))
                                if min(cap, r.capacity) >= c)) for c in chosen)


def _pinned(inst: Instance, pin: Pin, cand: list[int], levels: tuple[Level, ...],
            rooms: list[Room], cap: int, pool: tuple[str, ...]) -> Pinned:
    """A pinned run: the pin's date and slot narrow its times, its room and speaker are the
    only ones it may have."""
    times = [i for i in cand
             if (pin.date is None or inst.time_points[i].date == pin.date)
             and (not pin.slot or inst.time_points[i].slot.id == pin.slot)]
    speakers = (pin.speaker,) if pin.speaker else pool
    times = [i for i in times
             if not speakers or _someone_free(inst, speakers, inst.time_points[i].date, None)]
    if pin.room:
        room = next((r for r in inst.problem.rooms if r.id == pin.room), None)
        level = Level(min(cap, room.capacity) if room else 0, (pin.room,))
    else:
        # the largest room size open on one of the pin's days: a pin without a room whose
        # largest room is closed that day takes a smaller one (it was refused instead)
        level = next((lv for lv in levels
                      if any(_room_open(inst, lv.rooms, inst.time_points[i].date)
                             for i in times)), levels[0])
    times = [i for i in times if _room_open(inst, level.rooms, inst.time_points[i].date)]
    return Pinned(pin.run, tuple(times), level, speakers, pin.date is not None)


def _region(course: Course, k: int, start: dt.date, end: dt.date,
            period: tuple[dt.date, dt.date] | None, slack: float) -> tuple[dt.date, dt.date]:
    """Where part ``k`` of a series would fall if the series spread evenly over its window,
    give or take ``slack`` shares: runs outside the wider region cost a little (spreading is a
    preference, never a rule); the constructive timetable keeps to the exact share."""
    if period is not None or course.parts <= 1:
        return (period or (start, end))
    days = (end - start).days + 1
    share = days / course.parts
    lo = start + dt.timedelta(days=int((k - 1 - slack) * share))
    hi = start + dt.timedelta(days=int((k + slack) * share) - 1)
    return max(lo, start), min(hi, end)


def _pool(inst: Instance, course: Course, topic_speaker: str) -> tuple[str, ...]:
    if topic_speaker:
        return (topic_speaker,)
    if course.external_speaker:
        return (f"ext:{course.external_speaker}",)
    if course.speakers is None:
        return ()
    return tuple(sorted(p.id for p in inst.problem.audience(course.speakers)))


def _someone_free(inst: Instance, pool: tuple[str, ...], day: dt.date,
                  course: Course | None) -> bool:
    if not pool:  # an exam without examiners needs nobody free
        return course is None or course.category is Category.EXAM
    return any(inst.speaker_free(p, day) for p in pool)


def _room_open(inst: Instance, rooms: tuple[str, ...], day: dt.date) -> bool:
    return any(day not in inst.room_off.get(r, ()) for r in rooms)


def _exam_cover(inst: Instance, course: Course):  # noqa: ANN202 — a date predicate
    """An exit exam may only be held on a day when the wards of its examinees can release all
    of them at once (they all sit the one exam)."""
    examinees = inst.audience[course.id]

    def ok(day: dt.date) -> bool:
        per: dict[str, int] = defaultdict(int)
        for pid in examinees:
            dept = inst.dept_on(pid, day)
            if pid in inst.hosts and dept != inst.staff[pid].department \
                    and not inst.counts_rotators(dept):
                continue
            per[dept] += 1
        return all(inst.ward(d, day)[1] >= n for d, n in per.items())

    return ok


def _why_no_time(inst: Instance, part: Part, start: dt.date, end: dt.date,
                 period: tuple[dt.date, dt.date] | None, cand: list[int]) -> Finding:
    """A part that has no possible time: the window it had, and what ruled out the days of it
    that have a long enough slot (:mod:`planner.solver.findings`, rule ``no-time``)."""
    course = part.course
    lo, hi = period if period is not None else (start, end)
    days = sorted({inst.time_points[i].date for i in cand})
    span = Cause("span", lo=lo, hi=min(hi, end), hours=course.hours, count=len(days),
                 days=tuple(course.dates), text=course.frequency if period else "")
    where = f"{lo:%Y-%m-%d}..{min(hi, end):%Y-%m-%d}"
    if period is not None and period[0] > end:
        return Finding("no-time", course=course.id, part=part.part, causes=(
            Cause("period", lo=period[0], hi=end, text=course.frequency),), text=(
            f"{part.label}: its {course.frequency} period starts {period[0]:%Y-%m-%d}, "
            f"after the course window ends {end:%Y-%m-%d}"))
    if not cand:
        return Finding("no-time", course=course.id, part=part.part, causes=(span,), text=(
            f"{part.label}: no working-day slot of at least {course.hours:g} h in {where}"
            + (" on the course's dates" if course.dates else "")))
    no_speaker = [d for d in days if not _someone_free(inst, part.pool, d, course)]
    no_room = [d for d in days if not _room_open(inst, part.levels[-1].rooms, d)]
    causes = [span]
    if no_speaker:
        causes += speaker_causes(inst, part.pool, no_speaker)
    if no_room:
        causes += room_causes(inst, part.levels[-1].rooms, no_room)
    return Finding("no-time", course=course.id, part=part.part, causes=tuple(causes), text=(
        f"{part.label}: every working-day slot of at least {course.hours:g} h in {where} is "
        f"ruled out — " + "; ".join(
            ([f"no speaker of {', '.join(part.pool[:6])} free on {_span(no_speaker)}"]
             if no_speaker else [])
            + ([f"rooms {', '.join(part.levels[-1].rooms)} closed on {_span(no_room)}"]
               if no_room else []))))


def _why_pin_fails(inst: Instance, part: Part, pin: Pin, pinned: Pinned, start: dt.date,
                   end: dt.date, cand: list[int]) -> Finding:
    """A pinned run that has no possible time: the pin, and what rules its day out (the
    course's window, period or dates, a slot too short; the room closed; the speaker away)."""
    at = Cause("pin", lo=pin.date, text=pin.slot, rooms=(pin.room,) if pin.room else (),
               people=(pin.speaker,) if pin.speaker else ())
    times = [i for i in cand
             if (pin.date is None or inst.time_points[i].date == pin.date)
             and (not pin.slot or inst.time_points[i].slot.id == pin.slot)]
    causes = [at]
    if not times:
        days = sorted({inst.time_points[i].date for i in cand})
        causes.append(Cause("pin-day", lo=start, hi=end, hours=part.course.hours,
                            days=tuple(days[:1] + days[-1:]), count=len(days),
                            text=part.course.frequency))
    else:
        days = sorted({inst.time_points[i].date for i in times})
        speakers = pinned.pool
        no_speaker = [d for d in days if speakers and not _someone_free(inst, speakers, d, None)]
        no_room = [d for d in days if not _room_open(inst, pinned.level.rooms, d)]
        if no_speaker:
            causes += speaker_causes(inst, speakers, no_speaker)
        if no_room:
            causes += room_causes(inst, pinned.level.rooms, no_room)
    return Finding("pin-no-time", course=part.course.id, part=part.part, run=pin.run,
                   causes=tuple(causes), text=(
                       f"{part.label}, run {pin.run} (pins.csv): no working-day slot matches "
                       f"the pin where its room and speaker are free"))


def speaker_causes(inst: Instance, pool: tuple[str, ...], days: list[dt.date]) -> list[Cause]:
    """Why no speaker of ``pool`` is free on ``days``: a ``speakers`` cause, then for each
    speaker (the first few) the leave rows that cover those days and the ward that cannot
    spare them on the others."""
    out = [Cause("speakers", people=tuple(pool), days=tuple(days))]
    for pid in pool[:MAX_NAMED]:
        if pid.startswith("ext:") or pid not in inst.staff:
            continue
        off = inst.person_off.get(pid, frozenset())
        on_leave = [d for d in days if d in off]
        for u in inst.problem.unavailability:
            if u.kind == "staff" and u.id == pid and any(u.start <= d <= u.end for d in on_leave):
                out.append(Cause("leave", people=(pid,), lo=u.start, hi=u.end, text=u.reason))
        held = [d for d in days if d not in off]
        by_ward: dict[str, list[dt.date]] = defaultdict(list)
        for d in held:
            by_ward[inst.dept_on(pid, d)].append(d)
        for ward, ds in sorted(by_ward.items()):
            members = inst.ward(ward, ds[0])[0]
            away = sorted({q for q in inst.dept_staff.get(ward, ())
                           if q in inst.hosts and any(inst.dept_on(q, d) != ward for d in ds)})
            out.append(Cause("ward", people=(pid, *away), dept=ward, days=tuple(ds),
                             count=inst.min_on_duty[ward], size=len(members)))
    return out


def room_causes(inst: Instance, rooms: tuple[str, ...], days: list[dt.date]) -> list[Cause]:
    """Why every room of ``rooms`` is closed on ``days``: a ``rooms`` cause, then the closures
    (unavailability rows) that cover them."""
    out = [Cause("rooms", rooms=tuple(rooms), days=tuple(days))]
    for u in inst.problem.unavailability:
        if u.kind == "room" and u.id in rooms and any(u.start <= d <= u.end for d in days):
            out.append(Cause("closed", rooms=(u.id,), lo=u.start, hi=u.end, text=u.reason))
    return out


#: Speakers of a pool whose reasons are spelt out one by one.
MAX_NAMED = 6


def _span(days: list[dt.date]) -> str:
    if len(days) <= 4:
        return ", ".join(d.isoformat() for d in days)
    return f"{days[0].isoformat()}..{days[-1].isoformat()} ({len(days)} days)"


def run_of(part: Part, number: int, level: Level, t: int, pool: tuple[str, ...] | None = None,
           index: int = 0, runs_of_part: int = 1) -> Run:
    """The session a chosen run becomes."""
    return Run(index=index, course=part.course, part=part.part, run=number,
               runs_of_part=runs_of_part, topic=part.topic, seats=level.seats,
               cap=part.cap, pool=part.pool if pool is None else pool, rooms=level.rooms,
               candidates=(t,), fixed_date=part.fixed_date)
