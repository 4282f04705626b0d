"""External study (进修): every placement fills a real seat with an eligible person at the agreed
time, and a person away attends and teaches nothing at home.

In the office's words:

* a placement names a seat that exists (and copies its partner hospital and specialty), and a
  person on the staff list who matches the seat's candidate filter (read on the first day of the
  horizon) and has served at least the seat's minimum years by the first day of the horizon
  (whole years since ``employed_since``; unknown → eligible);
* it starts inside the seat's start window — on the first day of a month when the window holds
  one, else on the window's earliest start — and ends the day before the same day ``months``
  calendar months later;
* a seat holds at most its number of places, a person at most one placement, and nobody is in
  a rotation block in any month their placement touches;
* at no time are more than a seat's ``max_away_per_specialty`` people of one specialty (the
  person's specialty, else their department) away on external study, counting every seat, for
  each specialty of a person placed on that seat;
* a seat with fewer people than places is reported unless one of the plan's warnings names the
  seat (the plan says why: too few eligible candidates, coverage, …);
* the placement's credit figure is the one convention 7 gives (see :mod:`planner.check.quotas`);
* away means away: from the first to the last day of the placement the person attends and
  teaches no session at home (online modules and recordings stay allowed).

A placement that began before a re-plan's freeze date is not judged against today's seat —
partner, candidates, years of service, start window, length — and a held session (dated before
that date) not for who was away then; seat places, one placement a person, the specialty limit
on days when a placement that is not held starts, clashes with rotation blocks and credits
still count.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator

from planner.check.context import Context, num
from planner.check.quotas import external_study
from planner.check.timeline import Away, label, months_touched, parse_day, plus_months, span
from planner.check.violation import Violation
from planner.domain import ExternalSeat, Staff
from planner.plan import Placement

RULE = "external study"


def years_served(person: Staff, day: dt.date) -> int | None:
    e = person.employed_since
    if e is None:
        return None
    return day.year - e.year - ((day.month, day.day) < (e.month, e.day))


def expected_start(seat: ExternalSeat) -> dt.date | None:
    """The start the conventions ask for when the window holds no first of a month; ``None``
    when it holds one (then any first of a month inside it will do)."""
    d = seat.start_earliest
    first = d if d.day == 1 else plus_months(d.replace(day=1), 1)
    return None if first <= seat.start_latest else seat.start_earliest


def specialty(person: Staff) -> str:
    return person.specialty or person.department


def seat_words(seat: ExternalSeat) -> str:
    return f"seat {seat.id} ({seat.partner}, {seat.specialty})"


def check(ctx: Context) -> Iterator[Violation]:
    seats = {x.id: x for x in ctx.problem.seats}
    for pl in ctx.plan.placements:
        yield from (Violation(RULE, m) for m in _placement(ctx, seats, pl))
    yield from _counts(ctx, seats)
    yield from _specialty_caps(ctx, seats)
    yield from _away_at_home(ctx)


def _where(ctx: Context, pl: Placement) -> str:
    return (f"{ctx.person_dept(pl.staff)} on external study at seat {pl.seat} "
            f"{pl.start}..{pl.end}")


def _placement(ctx: Context, seats: dict[str, ExternalSeat], pl: Placement) -> Iterator[str]:
    where = _where(ctx, pl)
    person = ctx.staff.get(pl.staff)
    if person is None:
        yield f"{where}: {pl.staff} is not on the staff list"
        return
    seat = seats.get(pl.seat)
    if seat is None:
        yield f"{where}: seat {pl.seat} does not exist"
        return
    start, end = parse_day(pl.start), parse_day(pl.end)
    if start is None or end is None or not ctx.begun(start):
        yield from _against_seat(ctx, seat, person, pl, where)
    if start is None or end is None:
        yield f"{where}: the dates must be YYYY-MM-DD"
        return
    if not ctx.begun(start):
        yield from _dates(seat, start, end, where)
    touched = set(months_touched(start, end))
    for s in ctx.timeline.stints.get(pl.staff, ()):
        both = sorted(touched & set(s.months))
        if both:
            yield (f"{where}: also in {s.row.programme} block {s.row.block} in "
                   f"{ctx.dept(s.row.department)} in {', '.join(label(m) for m in both)}")
    got = external_study(ctx, pl)
    if got is not None and abs(pl.credits - got[0]) > 1e-6:
        why = ("counts as the year's full credits" if got[1]
               else f"{num(ctx.settings.rates.external_per_month)} a month inside the horizon")
        yield f"{where}: carries {num(pl.credits)} credits, expected {num(got[0])} ({why})"


def _against_seat(ctx: Context, seat: ExternalSeat, person: Staff, pl: Placement,
                  where: str) -> Iterator[str]:
    """The seat's partner, candidates and years of service, as the inputs give them today."""
    if (pl.partner, pl.specialty) != (seat.partner, seat.specialty):
        yield (f"{where}: the plan says {pl.partner}, {pl.specialty}; the seat is at "
               f"{seat.partner}, {seat.specialty}")
    h = ctx.settings.horizon_start
    if not seat.candidates.matches(person, h):
        yield f"{where}: not a candidate for {seat_words(seat)} ({seat.candidates.text})"
    served = years_served(person, h)
    if served is not None and served < seat.min_years:
        yield (f"{where}: {served} year(s) of service on {h.isoformat()}, {seat_words(seat)} "
               f"asks for at least {seat.min_years}")


def _dates(seat: ExternalSeat, start: dt.date, end: dt.date, where: str) -> Iterator[str]:
    """The seat's start window and length, as the inputs give them today."""
    window = span(seat.start_earliest, seat.start_latest)
    fixed = expected_start(seat)
    if not seat.start_earliest <= start <= seat.start_latest:
        yield f"{where}: starts outside the seat's start window {window}"
    elif fixed is None and start.day != 1:
        yield (f"{where}: starts on {start.isoformat()}, not on the first day of a month inside "
               f"the seat's start window {window}")
    elif fixed is not None and start != fixed:
        yield (f"{where}: starts on {start.isoformat()}; the seat's start window {window} holds "
               f"no first of a month, so it starts on {fixed.isoformat()}")
    want_end = plus_months(start, seat.months) - dt.timedelta(days=1)
    if end != want_end:
        yield (f"{where}: ends on {end.isoformat()}, but {seat.months} month(s) from "
               f"{start.isoformat()} end on {want_end.isoformat()}")


def _counts(ctx: Context, seats: dict[str, ExternalSeat]) -> Iterator[Violation]:
    per_seat: dict[str, list[str]] = defaultdict(list)
    for pl in ctx.plan.placements:
        per_seat[pl.seat].append(pl.staff)
    for seat in ctx.problem.seats:
        held = per_seat.get(seat.id, [])
        if len(held) > seat.seats:
            yield Violation(RULE, f"{seat_words(seat)} has {seat.seats} place(s) but "
                                  f"{len(held)} people hold it: "
                                  f"{', '.join(ctx.person_dept(p) for p in sorted(held))}")
        elif len(held) < seat.seats and not ctx.warned(seat.id):
            yield Violation(RULE, f"{seat_words(seat)}: {len(held)} of {seat.seats} place(s) "
                                  f"filled, and no warning of the plan says why")
    for pid, n in sorted(Counter(pl.staff for pl in ctx.plan.placements).items()):
        if n > 1:
            yield Violation(RULE, f"{ctx.person_dept(pid)} holds {n} external-study placements; "
                                  f"one at most")


def _specialty_caps(ctx: Context, seats: dict[str, ExternalSeat]) -> Iterator[Violation]:
    """Checked on every placement's first day: the number away only rises when one starts."""
    away: list[tuple[Away, str]] = [
        (a, specialty(ctx.staff[pid])) for pid, items in ctx.timeline.away.items()
        if pid in ctx.staff for a in items]
    reported: set[tuple[str, str, dt.date]] = set()
    for a, spec in sorted(away, key=lambda x: (x[0].start, x[0].row.staff)):
        seat = seats.get(a.row.seat)
        if seat is None or seat.max_away_per_specialty is None:
            continue
        day = a.start
        if ctx.begun(day):
            continue  # everyone away that day left before the freeze date: a fact
        same = sorted(b.row.staff for b, s in away if s == spec and b.start <= day <= b.end)
        key = (seat.id, spec, day)
        if len(same) > seat.max_away_per_specialty and key not in reported:
            reported.add(key)
            yield Violation(RULE, f"{len(same)} people of specialty {spec} are away on external "
                                  f"study on {day.isoformat()}, {seat_words(seat)} allows at most "
                                  f"{seat.max_away_per_specialty}: "
                                  f"{', '.join(ctx.person_dept(p) for p in same)}")


def _away_at_home(ctx: Context) -> Iterator[Violation]:
    for e in ctx.entries:
        if e.day is None or ctx.held(e):
            continue
        people = [(pid, "attends") for pid in sorted(set(e.session.attendees))]
        people.append((e.session.speaker, "teaches"))
        for pid, does in people:
            a = ctx.timeline.away_on(pid, e.day)
            if a is not None:
                yield Violation(RULE, f"{ctx.label(e)}: {ctx.person_dept(pid)} {does} it while "
                                      f"away on external study at {a.row.partner} "
                                      f"({span(a.start, a.end)})")
