"""Sessions: every part of every in-person course takes place, on a working day, in a lecture slot
of that weekday, inside its course's window and period, for exactly the course's hours.

In the office's words: each session of a course is in the plan (its runs numbered 1, 2, … without
gaps); no session belongs to an unknown or online course; a session is held on a working day
(never on a statutory holiday; on a make-up workday 调休 only in slots opened for them), starts
when its slot starts and ends the course's hours later, inside the slot; it falls within the
course's window and the planning horizon, on one of the course's dates if it has any, in its own
week / fortnight / month / quarter if the course is periodic, and on the date its topic row fixes;
two sessions of one course are never held at the same time. Exit exams and teach-back lectures
(reserved ``exit:`` / ``teach-back:`` course ids) are held to the same timing rules against their
stand-in course; whether they should exist at all is for the exit exams and teach-back families.

Held sessions (dated before a re-plan's freeze date) are not judged against today's courses,
calendar and slots — timing, window, figures, and whether their course still exists — but still
count: each part is in the plan, runs are numbered from 1 on, ids are unique, and two runs of
a course never overlap. (A run's number is its identity in every calendar: a re-plan that drops
a run, or a pinned run beyond the runs the plan holds, leaves a gap — the numbers need not be
consecutive.)
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator

from planner.check.context import Context, Entry, num, overlapping_pairs
from planner.check.synthetic import reserved
from planner.check.violation import Violation
from planner.domain import Category, Course, CreditClass, Mode

RULE = "sessions"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def check(ctx: Context) -> Iterator[Violation]:
    yield from _presence(ctx)
    for e in ctx.entries:
        yield from (Violation(RULE, m) for m in _timing(ctx, e))
        if not ctx.held(e):
            yield from (Violation(RULE, m) for m in _fields(ctx, e))
    by_course: dict[str, list[Entry]] = defaultdict(list)
    for e in ctx.entries:
        by_course[e.course.id].append(e)
    for course_id in sorted(by_course):
        for a, b in overlapping_pairs(by_course[course_id]):
            c = a.course
            yield Violation(RULE, f"{a.session.id} and {b.session.id} of {ctx.course_label(c)} "
                                  f"overlap on {ctx.when(b)}")


def _presence(ctx: Context) -> Iterator[Violation]:
    runs: dict[tuple[str, int], list[int]] = defaultdict(list)
    for s in ctx.plan.sessions:
        if reserved(s.course):  # exit exams and teach-back: their own families check them
            continue
        c = ctx.courses.get(s.course)
        if c is None:
            if not ctx.held(s):  # a course removed since it was held
                yield Violation(RULE, f"{s.id}: course {s.course} does not exist")
            continue
        if c.mode is Mode.ONLINE and ctx.held(s):
            continue  # held while the course was in person
        if c.mode is Mode.ONLINE:
            yield Violation(RULE, f"{s.id}: {ctx.course_label(c)} is an online course and has no "
                                  f"sessions")
            continue
        expected = f"{c.id}#{s.part}.{s.run}"
        if s.id != expected:
            yield Violation(RULE, f"{s.id} ({c.title}): its id should be {expected} "
                                  f"(session {s.part}, run {s.run})")
        if not 1 <= s.part <= c.parts and ctx.held(s):
            continue  # held while the course had more parts
        if not 1 <= s.part <= c.parts:
            yield Violation(RULE, f"{s.id} ({c.title}): session {s.part} does not exist, the "
                                  f"course has {c.parts} session(s)")
            continue
        runs[c.id, s.part].append(s.run)
    for sid, n in sorted(Counter(s.id for s in ctx.plan.sessions).items()):
        if n > 1:
            yield Violation(RULE, f"session {sid} appears {n} times in the plan")
    for c in ctx.problem.courses:
        if c.mode is not Mode.IN_PERSON:
            continue
        for part in range(1, c.parts + 1):
            got = sorted(set(runs.get((c.id, part), ())))
            if not got:
                yield Violation(RULE, f"{ctx.course_label(c)} session {part} is not in the plan")
            elif got[0] < 1:
                yield Violation(RULE, f"{ctx.course_label(c)} session {part}: runs are numbered "
                                      f"{', '.join(map(str, got))}, expected numbers from 1 on")


def _timing(ctx: Context, e: Entry) -> Iterator[str]:
    s, c, day = e.session, e.course, e.day
    where = ctx.label(e)
    if day is None:
        yield f"{where}: date '{s.date}' is not a date (YYYY-MM-DD)"
        return
    if e.start is None:
        yield f"{where}: start '{s.start}' is not an ISO 8601 time with a UTC offset"
    if e.end is None:
        yield f"{where}: end '{s.end}' is not an ISO 8601 time with a UTC offset"
    if e.start is not None and ctx.local(e.start).date() != day:
        yield f"{where}: dated {s.date} but starts at {s.start}"
    if ctx.held(e):
        return  # held: not judged against today's calendar, window and slots

    st = ctx.settings
    lo, hi = ctx.window(c)
    if not st.horizon_start <= day <= st.horizon_end:
        yield (f"{where}: outside the planning horizon "
               f"{st.horizon_start.isoformat()}..{st.horizon_end.isoformat()}")
    elif not lo <= day <= hi:
        yield f"{where}: outside the course window {lo.isoformat()}..{hi.isoformat()}"
    if c.dates and day not in c.dates:
        dates = ", ".join(d.isoformat() for d in c.dates)
        yield f"{where}: not one of the course's dates ({dates})"
    period = _period(c, s.part, lo)
    if period is not None and not period[0] <= day <= period[1]:
        yield (f"{where}: session {s.part} of a {c.frequency} course belongs in "
               f"{period[0].isoformat()}..{period[1].isoformat()}")
    topic = next((t for t in ctx.problem.topics if t.course == c.id and t.part == s.part), None)
    if topic is not None and topic.date is not None and topic.date != day:
        yield f"{where}: the topic row fixes session {s.part} on {topic.date.isoformat()}"

    in_horizon = st.horizon_start <= day <= st.horizon_end
    if in_horizon and not ctx.calendar.is_workday(day):  # the calendar knows the horizon only
        name = ctx.calendar.holidays.get(day) or ("weekend" if day.weekday() >= 5 else "")
        yield f"{where}: not a working day" + (f" ({name})" if name else "")
        return
    slot = ctx.slots.get(s.slot)
    if slot is None:
        yield f"{where}: slot {s.slot} does not exist"
        return
    if slot.weekday != day.weekday():
        yield (f"{where}: slot {slot.id} is for {WEEKDAYS[slot.weekday]}s, {day.isoformat()} is a "
               f"{WEEKDAYS[day.weekday()]}")
        return
    if ctx.calendar.is_makeup_day(day) and not slot.makeup:
        yield (f"{where}: {day.isoformat()} is a make-up workday (调休) and slot {slot.id} is not "
               f"open on make-up workdays")
    slot_start = dt.datetime.combine(day, slot.start, tzinfo=ctx.tz)
    slot_end = dt.datetime.combine(day, slot.end, tzinfo=ctx.tz)
    if e.start is not None and (e.start != slot_start
                                or e.start.utcoffset() != slot_start.utcoffset()):
        yield f"{where}: starts at {s.start}, slot {slot.id} starts at {slot_start.isoformat()}"
    if e.start is not None and e.end is not None:
        expected_end = e.start + dt.timedelta(hours=c.hours)
        if e.end != expected_end:
            yield (f"{where}: ends at {s.end}, expected {ctx.local(expected_end).isoformat()} "
                   f"({num(c.hours)} h after the start)")
        if e.end > slot_end:
            yield (f"{where}: ends at {ctx.local(e.end):%H:%M}, after slot {slot.id} ends at "
                   f"{slot.end:%H:%M}")


def _fields(ctx: Context, e: Entry) -> Iterator[str]:
    """The session's copies of its course's figures agree with the course."""
    s, c = e.session, e.course
    where = ctx.label(e)
    if abs(s.hours - c.hours) > 1e-6:
        yield f"{where}: lasts {num(s.hours)} h, the course's sessions last {num(c.hours)} h"
    if s.category != c.category.value:
        yield f"{where}: category is {s.category}, the course's is {c.category.value}"
    if s.credit_class != c.credit_class.value:
        yield f"{where}: credit class is {s.credit_class}, the course's is {c.credit_class.value}"
    attendee, speaker = expected_credits(ctx, c)
    if abs(s.credits - attendee) > 1e-6:
        yield f"{where}: attendee credits are {num(s.credits)}, expected {num(attendee)}"
    if abs(s.speaker_credits - speaker) > 1e-6:
        yield f"{where}: speaker credits are {num(s.speaker_credits)}, expected {num(speaker)}"


def expected_credits(ctx: Context, c: Course) -> tuple[float, float]:
    """(attendee, speaker) credits of one session: the course's own figures, else the settings'
    rates — case-conference rates for grand rounds, lecture rates otherwise — when it carries a
    credit class, else none."""
    rates = ctx.settings.rates
    grand = c.category is Category.GRAND_ROUND
    rated = c.credit_class is not CreditClass.NONE
    attendee = c.credits if c.credits is not None else (
        (rates.case_attendee if grand else rates.lecture_attendee) if rated else 0.0)
    speaker = c.speaker_credits if c.speaker_credits is not None else (
        (rates.case_speaker if grand else rates.lecture_speaker) if rated else 0.0)
    return attendee, speaker


def _period(c: Course, part: int, start: dt.date) -> tuple[dt.date, dt.date] | None:
    """The days part ``part`` must fall in when the course is periodic, counted from ``start``."""
    if c.frequency in ("weekly", "biweekly"):
        width = 7 if c.frequency == "weekly" else 14
        lo = start + dt.timedelta(days=width * (part - 1))
        return lo, lo + dt.timedelta(days=width - 1)
    if c.frequency in ("monthly", "quarterly"):
        months = 1 if c.frequency == "monthly" else 3
        first = start.year * 12 + (start.month - 1) + months * (part - 1)
        after = first + months
        lo = dt.date(first // 12, first % 12 + 1, 1)
        hi = dt.date(after // 12, after % 12 + 1, 1) - dt.timedelta(days=1)
        return max(lo, start), hi
    return None
