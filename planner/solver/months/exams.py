"""Exit exams can be held (出科考核): a block of a programme with exit exams ends only in a month
whose last 7 days hold a day its exam can take place on — a working day with a slot at least as
long as the exam and a room open, on which

* every rotator finishing a block in that department that month is at work (not on leave): they
  sit one exam together, so their days must meet;
* an examiner is free: a member of the department at intermediate title (中级) or above who is
  not on leave, not in a rotation block that month and not away on external study that day;
* the department can spare the examiner and the finishers who count on its duty: its staff on
  duty that day (its own people not rotating elsewhere, not away, not on leave, and the rotators
  placed in it when they count) less the examiner and those finishers keep its minimum on duty;

and the exit exams of one month fit their days together: no day holds more of them than it has
places (rooms open × slots that do not overlap) — with one slot a week and one room, two
departments' exams cannot both fall in one week.

What the calendar and leave tell alone (:meth:`.days.Days.exam_days`) restricts the months a
block may end in; what the plan decides — examiners rotating or away, who finishes with whom, who
is on duty, which exams share a week — is modelled with one exam-day choice per department and
month (a department and month where some day is sure to do, and no day is wanted by more exams
than it holds, needs none). :func:`held` states the same rule over a finished plan, for the
constructive plan (:mod:`.greedy`) and the words (:mod:`.explain`); :func:`day_ok` is the rule of
one exam on one day, which :mod:`.derive` uses to offer the timetable only the days that do.

A re-plan's blocks begun before the freeze date are facts: the months they end in are allowed
whatever the calendar says, and a department and month where they end is left unconstrained when
the facts alone already leave the month's exams no days (the plan is then refused with the exam
named, :mod:`.derive`). Without a working-day calendar this rule is not applied.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol

from ortools.sat.python import cp_model

from planner.domain import Department, Staff
from planner.solver.months.days import Days
from planner.solver.months.model import MonthsModel, Option


class Wards(Protocol):
    """What :func:`day_ok` reads of the hospital (a :class:`MonthsModel` is one)."""

    days: Days | None
    staff: dict[str, Staff]
    departments: dict[str, Department]
    dept_staff: dict[str, tuple[str, ...]]


class State(Protocol):
    """Where a plan puts people (a finished plan, the constructive plan as it grows, or the
    facts of a re-plan alone)."""

    def where(self, pid: str, k: int) -> str | None:
        """The department of ``pid``'s rotation block in month ``k``, if any."""

    def away(self, pid: str, day: dt.date) -> bool:
        """Whether ``pid`` is away on external study on ``day``."""

    def rot_out(self, dept: str, k: int) -> int:
        """How many of ``dept``'s own staff are in a block in another department in ``k``."""

    def away_count(self, dept: str, day: dt.date) -> int:
        """How many of ``dept``'s own staff are away on external study on ``day``."""

    def into(self, dept: str, k: int) -> int:
        """How many rotators from other departments are in a block in ``dept`` in ``k``."""

    def rotators_in(self, dept: str, k: int) -> Iterable[str]:
        """The rotators from other departments in a block in ``dept`` in ``k``."""


def counts_in(mm: Wards, pid: str, dept: str) -> bool:
    """Whether a rotator in ``dept`` counts on its duty (its own staff always do)."""
    return mm.staff[pid].department == dept or mm.departments[dept].rotators_count_on_duty


def common_days(goods: Sequence[Sequence[dt.date]]) -> list[dt.date]:
    days = set(goods[0]) if goods else set()
    for g in goods[1:]:
        days &= set(g)
    return sorted(days)


def day_ok(mm: Wards, dept: str, k: int, day: dt.date, finishers: Sequence[str],
           st: State) -> bool:
    """Whether an exam of ``dept`` on ``day`` (month ``k``) finds an examiner free and the
    department able to spare the examiner and the ``finishers`` who count on its duty (the
    finishers themselves being at work that day is :meth:`.days.Days.exam_days`' part)."""
    return _day_ok(mm, dept, k, day, _need(mm, dept, finishers), st)


def _need(mm: Wards, dept: str, finishers: Sequence[str]) -> int:
    """The examiner and the finishers who count on ``dept``'s duty."""
    return 1 + sum(1 for f in set(finishers) if counts_in(mm, f, dept))


def _day_ok(mm: Wards, dept: str, k: int, day: dt.date, need: int, st: State) -> bool:
    days = mm.days
    assert days is not None
    if not any(st.where(e, k) is None and not st.away(e, day)
               for e in days.free_examiners(dept, day)):
        return False
    count = mm.departments[dept].rotators_count_on_duty
    into = st.into(dept, k) if count else 0
    on_duty = (len(mm.dept_staff.get(dept, ())) - st.rot_out(dept, k) - st.away_count(dept, day)
               + into)
    for p in days.leave_in(dept, day):  # own staff on leave, when they would be on duty
        on_duty -= st.where(p, k) in (None, dept) and not st.away(p, day)
    if into:  # rotators placed here, on leave (a handful: not everyone on leave that day)
        on_duty -= sum(1 for p in st.rotators_in(dept, k) if days.away(p, day))
    return on_duty - need >= mm.departments[dept].min_on_duty


def exam_days(mm: Wards, dept: str, k: int,
              finishers: Sequence[tuple[str, Sequence[dt.date]]], st: State) -> list[dt.date]:
    """The days the exit exam of ``dept`` in month ``k`` can take place on for ``finishers``
    (each with their exam days), by itself."""
    need = _need(mm, dept, [p for p, _ in finishers])
    return [day for day in common_days([g for _, g in finishers])
            if _day_ok(mm, dept, k, day, need, st)]


def held(mm: Wards, k: int, exams: dict[str, Sequence[tuple[str, Sequence[dt.date]]]],
         st: State) -> dict[str, dt.date] | None:
    """A day for the exit exam of each department of ``exams`` (department → its finishers with
    their exam days) in month ``k``, no day holding more exams than it has places
    (:attr:`.days.Days.places`); ``None`` when there is none."""
    options = {}
    for dept in sorted(exams):
        found = exam_days(mm, dept, k, exams[dept], st)
        if not found:
            return None
        options[dept] = found
    assert mm.days is not None
    return match(mm.days, options)


def match(days: Days, options: dict[str, Sequence[dt.date]]) -> dict[str, dt.date] | None:
    """A day for each department out of its ``options``, no day holding more exams than it has
    places; ``None`` when there is none (a matching, by augmenting paths)."""
    on: dict[dt.date, list[str]] = defaultdict(list)
    chosen: dict[str, dt.date] = {}

    def place(dept: str, seen: set[dt.date]) -> bool:
        for day in options[dept]:
            if day in seen:
                continue
            seen.add(day)
            if len(on[day]) < days.places.get(day, 0):
                on[day].append(dept)
                chosen[dept] = day
                return True
            for other in list(on[day]):
                if place(other, seen):
                    on[day].remove(other)
                    on[day].append(dept)
                    chosen[dept] = day
                    return True
        return False

    for dept in sorted(options, key=lambda d: (len(options[d]), d)):
        if not options[dept] or not place(dept, set()):
            return None
    return chosen


class Placed:
    """The :class:`State` of a list of stays (person, department, first month, last month) and
    placements (person, first day, last day)."""

    def __init__(self, staff: dict[str, Staff], stays: Sequence[tuple[str, str, int, int]],
                 placements: Sequence[tuple[str, dt.date, dt.date]]) -> None:
        self._where: dict[tuple[str, int], str] = {}
        self._out: dict[tuple[str, int], int] = defaultdict(int)
        self._into: dict[tuple[str, int], list[str]] = defaultdict(list)
        for pid, dept, first, last in stays:
            home = staff[pid].department
            for k in range(first, last + 1):
                self._where[pid, k] = dept
                if dept != home:
                    self._out[home, k] += 1
                    self._into[dept, k].append(pid)
        self._away: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        self._away_from: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        for pid, start, end in placements:
            self._away[pid].append((start, end))
            self._away_from[staff[pid].department].append((start, end))

    def where(self, pid: str, k: int) -> str | None:
        return self._where.get((pid, k))

    def away(self, pid: str, day: dt.date) -> bool:
        return any(a <= day <= b for a, b in self._away.get(pid, ()))

    def rot_out(self, dept: str, k: int) -> int:
        return self._out.get((dept, k), 0)

    def away_count(self, dept: str, day: dt.date) -> int:
        return sum(1 for a, b in self._away_from.get(dept, ()) if a <= day <= b)

    def into(self, dept: str, k: int) -> int:
        return len(self._into.get((dept, k), ()))

    def rotators_in(self, dept: str, k: int) -> Iterable[str]:
        return self._into.get((dept, k), ())


# --- the model ---------------------------------------------------------------------------------

_Item = tuple[Option, cp_model.IntVar, tuple[dt.date, ...], bool]


def add(mm: MonthsModel, state: bool = True) -> None:
    """The rule; ``state`` False: only the exam days of each block end and the months exempt
    (what the constructive plan reads), no variable or constraint."""
    days = mm.days
    if days is None:
        return
    # (department, month) → (option, "ends then" variable, exam days, a begun block's end)
    finishing: dict[tuple[str, int], list[_Item]] = defaultdict(list)
    for o in mm.options:
        if not o.programme.exit_exam:
            continue
        fact = mm.begun(o)
        fact_end = fact[0] + fact[1] - 1 if fact else None
        for k in range(o.lo + o.block.min_months - 1, o.hi + 1):
            good = (() if (o.pid, o.dept, k) in mm.avoid.no_end or mm.avoid.everything
                    else days.exam_days(o.pid, o.dept, k, o.programme.exam_hours))
            if not good and k != fact_end:
                if state:
                    _no_end(mm, o, k)
                continue
            mm.exams.good[o.present.index, k] = good
            finishing[o.dept, k].append((o, _ends(mm, o, k) if state else None, good,
                                         k == fact_end))
    ix = _Index(mm) if state else None
    facts = _facts(mm)
    months: dict[int, dict[str, list]] = defaultdict(dict)
    for (dept, k), items in sorted(finishing.items()):
        months[k][dept] = items
    for k, exams in sorted(months.items()):
        begun = {dept: [(o.pid, good) for o, _, good, fact in items if fact]
                 for dept, items in exams.items()}
        begun = {dept: b for dept, b in begun.items() if b}
        if begun and held(mm, k, begun, facts) is None:
            mm.exams.exempt.update((dept, k) for dept in begun)
        if ix is None:
            continue
        kept = {dept: items for dept, items in exams.items() if (dept, k) not in mm.exams.exempt}
        # Days more exams of this month could want than the day has places for.
        want: Counter[dt.date] = Counter()
        for items in kept.values():
            want.update(set().union(*(good for *_, good, _ in items)))
        contested = {day for day, n in want.items() if n > days.places.get(day, 0)}
        for dept, items in sorted(kept.items()):
            _exam_days(mm, dept, k, items, ix, contested)
        for day in sorted(contested):
            xs = [mm.exams.day[dept, k][day] for dept in sorted(kept)
                  if day in mm.exams.day.get((dept, k), {})]
            mm.model.add(sum(xs) <= days.places.get(day, 0))


def _no_end(mm: MonthsModel, o: Option, k: int) -> None:
    """A block in ``o`` does not end in month ``k``: in ``k`` means in ``k + 1`` too."""
    if k < o.hi:
        mm.model.add(o.months[k] <= o.months[k + 1])
    else:
        mm.model.add(o.months[k] == 0)


def _ends(mm: MonthsModel, o: Option, k: int) -> cp_model.IntVar:
    """The variable "a block in ``o`` ends in month ``k``"."""
    if k == o.hi and isinstance(o.months[k], cp_model.IntVar):
        v = o.months[k]
    elif k == o.hi:  # a sum of start variables (:mod:`.ideal`)
        v = mm.model.new_bool_var(f"ends[{o.pid},{o.programme.id},{o.block.block},{o.dept},{k}]")
        mm.model.add(v == o.months[k])
    else:
        m = mm.model
        v = m.new_bool_var(f"ends[{o.pid},{o.programme.id},{o.block.block},{o.dept},{k}]")
        m.add(v >= o.months[k] - o.months[k + 1])
        m.add(v <= o.months[k])
        m.add(v <= 1 - o.months[k + 1])
    mm.exams.ends[o.present.index, k] = v
    return v


class _Index:
    """The month model's variables by person and month, for the exam-day constraints."""

    def __init__(self, mm: MonthsModel) -> None:
        self.busy: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)  # any block
        self.out: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)  # elsewhere
        self.into: dict[tuple[str, int], list[tuple[str, cp_model.IntVar]]] = defaultdict(list)
        self.seats: dict[str, list] = defaultdict(list)
        self.seats_from: dict[str, list] = defaultdict(list)  # by the holder's department
        self.gone: dict[tuple[str, int], set[str]] = defaultdict(set)  # may be out or away
        for o in mm.options:
            home = mm.staff[o.pid].department
            for k, v in o.months.items():
                self.busy[o.pid, k].append(v)
                if o.dept != home:
                    self.out[o.pid, k].append(v)
                    self.into[o.dept, k].append((o.pid, v))
                    self.gone[home, k].add(o.pid)
        for so in mm.seat_options:
            home = mm.staff[so.pid].department
            self.seats[so.pid].append(so)
            self.seats_from[home].append(so)
            for k in so.months:
                self.gone[home, k].add(so.pid)
        self.pool: dict[tuple[str, int], cp_model.IntVar] = {}

    def away(self, pid: str, day: dt.date) -> list[cp_model.IntVar]:
        return [so.var for so in self.seats.get(pid, ()) if so.start <= day <= so.end]

    def ward(self, mm: MonthsModel, dept: str, k: int) -> cp_model.IntVar:
        """The department's staff in the ward in month ``k`` (its own people not rotating
        elsewhere, and the rotators placed in it when they count), leave and placements aside:
        one variable per department and month, which each exam day's rule reads."""
        if (dept, k) not in self.pool:
            own = mm.dept_staff.get(dept, ())
            terms = [v for p in own for v in self.out.get((p, k), ())]
            into = ([v for _, v in self.into.get((dept, k), ())]
                    if mm.departments[dept].rotators_count_on_duty else [])
            v = mm.model.new_int_var(0, len(own) + len(into), f"ward[{dept},{k}]")
            mm.model.add(v == len(own) - sum(terms) + sum(into))
            self.pool[dept, k] = v
            mm.exams.wards.append((v, len(own), terms, into))
        return self.pool[dept, k]


def _exam_days(mm: MonthsModel, dept: str, k: int, items: list[_Item], ix: _Index,
               contested: set[dt.date]) -> None:
    """The exam-day choice of ``dept`` in month ``k`` and its rules — unless some day is sure to
    do for any finishers and no day is contested by other departments' exams."""
    days = mm.days
    assert days is not None
    m = mm.model
    d = mm.departments[dept]
    own = mm.dept_staff.get(dept, ())
    finishers = sorted({o.pid for o, *_ in items if counts_in(mm, o.pid, dept)})
    counted_ends = [e for o, e, *_ in items if counts_in(mm, o.pid, dept)]

    def examiner_sure(day: dt.date) -> bool:
        return any(not ix.busy.get((e, k)) and not ix.away(e, day)
                   for e in days.free_examiners(dept, day))

    def lowest(day: dt.date) -> int:
        """The fewest of the department on duty that day, less the finishers who count."""
        off = set(days.leave_in(dept, day))
        return len(own) - len(off) - len(ix.gone.get((dept, k), set()) - off) - len(finishers)

    def duty(day: dt.date) -> cp_model.LinearExprT:
        """The department's staff on duty that day, less the finishers who count there."""
        terms = [-so.var for so in ix.seats_from.get(dept, ()) if so.start <= day <= so.end]
        const = 0
        for p in days.leave_in(dept, day):  # on leave: not on duty where they would have been
            const -= 1
            terms.extend(ix.out.get((p, k), ()))
            terms.extend(ix.away(p, day))
        if d.rotators_count_on_duty:
            terms.extend(-v for p, v in ix.into.get((dept, k), ()) if days.away(p, day))
        return ix.ward(mm, dept, k) + const + sum(terms) - sum(counted_ends)

    need = d.min_on_duty + 1
    every = sorted(set().union(*(good for *_, good, _ in items)))
    if not contested & set(every):
        for day in common_days([good for *_, good, _ in items]):
            if examiner_sure(day) and lowest(day) >= need:
                return  # this day does for any finishers: nothing to decide
    chosen = {day: m.new_bool_var(f"exam_day[{dept},{k},{day}]") for day in every}
    mm.exams.day[dept, k] = chosen
    m.add(sum(chosen.values()) <= 1)
    for _, ends, good, _ in items:
        m.add(ends <= sum(chosen[day] for day in good))
    for day, x in chosen.items():
        if not examiner_sure(day):
            free = days.free_examiners(dept, day)
            busy = [v for e in free for v in ix.busy.get((e, k), []) + ix.away(e, day)]
            m.add(sum(busy) + x <= len(free))
        if lowest(day) < need:
            m.add(duty(day) >= need).only_enforce_if(x)


def _facts(mm: MonthsModel) -> Placed:
    """The :class:`State` of a re-plan's begun blocks and placements alone."""
    stays = []
    for o in mm.options:
        fact = mm.begun(o)
        if fact is not None:
            stays.append((o.pid, o.dept, fact[0], fact[0] + fact[1] - 1))
    return Placed(mm.staff, stays, [(so.pid, so.start, so.end) for so in mm.seat_options
                                    if mm.begun_seat(so)])
