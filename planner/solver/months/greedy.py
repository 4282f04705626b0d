"""A constructive plan for phase 0: every rule of the months model, decided one item at a time.

Why: the months model grows with the hospital (130k variables at 3,000 staff) and CP-SAT may
then run out of budget before it has any solution at all — which used to leave the hospital with
no rotations and no external study. This module builds, in a second or two, a plan that keeps
every hard rule of the model, and :func:`planner.solver.months.solve_months` uses it twice: as a
complete hint the search starts from, and as the answer when the search ends with nothing better.

How, in a fixed order so that the same inputs give the same plan:

1. (re-planning) published blocks and placements that have begun, exactly as published — they
   are hard rules; if one no longer fits (a department's capacity was lowered, say) the plan is
   marked as breaking a rule and is not used as an answer;
2. (re-planning) published blocks and placements that start later, where they still fit;
3. external-study seats, by seat id: candidates in department-priority order, then by staff id,
   each at the earliest start of the window that fits;
4. rotation blocks, participants by (programme, staff id): each block at the earliest months
   that fit, for its minimum length; a free-order programme takes next whichever block can start
   first; an elective takes its ``choose`` departments earliest first, the preferred first among
   equal starts; among equal starts otherwise, the department with the fewest places left goes
   first (taken while it is free; the roomier ones can wait) — or, in a second pass kept if it
   does better, simply the block and department order. A block that fits nowhere is left
   out (and so is every block that must follow it), to be explained in words by
   :mod:`.explain`;
5. steps 3 and 4 once more, for what fits now that later rotators cover for people away.

"Fits" is the months model's rules, checked against what is already placed: one place per person
per month, no rotation in a month a placement touches, one placement per person, seats count,
rotator capacity, the specialty cap, and monthly coverage of every department affected (the
home department loses the person; a host department where rotators count gains one); with the
working-day calendar also no block in a month its rotator is mostly on leave, blocks ending only
in months their exit exam can be held in (:mod:`.exams`) — checked again for every exam already
planned that the new stay or placement touches (an examiner sent away, a ward short) — and the
placements the model offers (teach-back possible). A block takes the shortest length that fits
at its earliest start.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model, cp_model_helper

import datetime as dt

from planner.solver.months import coverage, exams, objective
from planner.solver.months.model import MonthsModel, Need, Option, SeatOption
from planner.solver.months.seats import specialty
from planner.solver.months.sequences import blocks_of, predecessors


@dataclass
class Assignment:
    """The constructive plan as values of the months model's variables."""

    stays: dict[int, tuple[int, int]] = field(default_factory=dict)  # present var → start, length
    held: set[int] = field(default_factory=set)  # seat option vars held
    broken: list[str] = field(default_factory=list)  # hard rules a begun published item breaks
    solution: list[int] = field(default_factory=list)  # one value per model variable
    unset: int = 0  # model variables the plan had no value for (0 when the hint is complete)
    exam_days: dict[tuple[str, int], dt.date] = field(default_factory=dict)  # (dept, month) → day
    _response: cp_model_helper.CpSolverResponse | None = field(default=None, repr=False)

    @property
    def valid(self) -> bool:
        return not self.broken

    def value(self, expr) -> int:  # noqa: ANN001 — a CP-SAT linear expression, as solver.value
        return cp_model_helper.ResponseHelper.value(self._response, expr)

    def finish(self, mm: MonthsModel) -> None:
        """Turn the decisions into one value per variable (the solution, and the hint)."""
        proto = mm.model.proto
        values: list[int | None] = [None] * len(proto.variables)
        for n in mm.needs:
            present = sum(1 for o in n.options if o.present.index in self.stays)
            values[n.planned.index] = int(present == n.choose and present > 0)
            for o in n.options:
                start, length = self.stays.get(o.present.index, (o.lo, 0))
                values[o.present.index] = int(length > 0)
                values[o.start.index] = start
                values[o.length.index] = length
                for k, v in o.months.items():
                    if isinstance(v, cp_model.IntVar):
                        values[v.index] = int(start <= k < start + length)
                for t, v in o.begins.items():
                    values[v.index] = int(length > 0 and start == t)
        for so in mm.seat_options:
            values[so.var.index] = int(so.var.index in self.held)
        for n in mm.needs:
            for o in n.options:
                start, length = self.stays.get(o.present.index, (o.lo, 0))
                for k in range(o.lo, o.hi + 1):
                    var = mm.exams.ends.get((o.present.index, k))
                    if var is not None:
                        values[var.index] = int(length > 0 and start + length - 1 == k)
        for key, chosen in mm.exams.day.items():
            for day, var in chosen.items():
                values[var.index] = int(self.exam_days.get(key) == day)
        for var, const, minus, plus in mm.exams.wards:
            values[var.index] = (const - sum(values[v.index] for v in minus)  # type: ignore[misc]
                                 + sum(values[v.index] for v in plus))  # type: ignore[misc]
        for p in mm.published:
            if p.kept is not None:
                assert p.option is not None
                values[p.kept.index] = int(
                    self.stays.get(p.option.present.index) == (p.start, p.length))
        for fill in mm.fill:  # host changes, idle months, the least satisfied (:mod:`.wishes`)
            fill(values)
        for i, v in enumerate(values):
            if v is None:
                self.unset += 1
                values[i] = proto.variables[i].domain[0]
        self.solution = [int(v) for v in values]  # type: ignore[arg-type]
        self._response = cp_model_helper.CpSolverResponse()
        self._response.solution.extend(self.solution)

    def finish_from_solution(self) -> None:
        """Make :meth:`value` read :attr:`solution` (set from elsewhere)."""
        self._response = cp_model_helper.CpSolverResponse()
        self._response.solution.extend(self.solution)

    def hint(self, mm: MonthsModel) -> None:
        """Replace the model's hints by this plan, every variable included."""
        mm.model.clear_hints()
        hint = mm.model.proto.solution_hint
        hint.vars.extend(range(len(self.solution)))
        hint.values.extend(self.solution)


class _Ledger:
    """What is placed so far, per department, month, person and specialty, and the rules'
    checks against it."""

    def __init__(self, mm: MonthsModel) -> None:
        self.mm = mm
        self.home = {pid: s.department for pid, s in mm.staff.items()}
        self.room = {d: max(0, coverage.slack(mm, d)) for d in mm.departments}
        self.cap = mm.places.capacity  # (department, month) → rotators it takes at most
        self.counts = {d: dept.rotators_count_on_duty for d, dept in mm.departments.items()}
        self.used: Counter[tuple[str, int]] = Counter()  # rotators in (dept, month)
        self.out: Counter[tuple[str, int]] = Counter()  # own staff out of (dept, month)
        self.into: Counter[tuple[str, int]] = Counter()  # rotators who count in (dept, month)
        self.busy: dict[str, set[int]] = defaultdict(set)
        self.placed: set[str] = set()  # people holding a placement
        self.taken: Counter[str] = Counter()  # seat id → places filled
        self.away: Counter[tuple[str, int]] = Counter()  # (specialty, month) → people away
        self.caps: dict[tuple[str, int], list[int]] = defaultdict(list)  # caps binding there
        # what the exit exams read (:class:`.exams.State`)
        self.days = mm.days
        self.where: dict[str, dict[int, str]] = defaultdict(dict)  # person → month → department
        self.gone: Counter[tuple[str, int]] = Counter()  # own staff in a block elsewhere
        self.guests: dict[tuple[str, int], set[str]] = defaultdict(set)  # rotators who count
        self.seat_of: dict[str, SeatOption] = {}
        self.seats_from: dict[str, list[SeatOption]] = defaultdict(list)  # by home department
        self.finishing: dict[tuple[str, int], list[Option]] = defaultdict(list)
        self.ending_in: dict[int, set[str]] = defaultdict(set)  # month → departments
        self.options: dict[tuple[str, int], list[dt.date]] = {}  # exam days alone, cached

    # --- exit exams (:class:`.exams.State`) ---------------------------------------------------

    def rot_out(self, dept: str, k: int) -> int:
        return self.gone[dept, k]

    def away_count(self, dept: str, day: dt.date) -> int:
        return sum(1 for so in self.seats_from.get(dept, ()) if so.start <= day <= so.end)

    def away_on(self, pid: str, day: dt.date) -> bool:
        so = self.seat_of.get(pid)
        return so is not None and so.start <= day <= so.end

    def exams_ok(self, keys: set[tuple[str, int]]) -> bool:
        """Whether the exit exams of every month of ``keys`` (department, month) still have a
        day each (the month's exams together: they compete for the days' places)."""
        months = {k for key in keys if self.finishing.get(key)
                  and key not in self.mm.exams.exempt for _, k in [key]}
        return all(self.month_days(k) is not None for k in sorted(months))

    def month_days(self, k: int) -> dict[str, dt.date] | None:
        """A day for each exit exam planned in month ``k`` (:func:`.exams.held`), from the days
        each could take alone (kept until a stay or placement touches its department and
        month)."""
        assert self.days is not None
        good = self.mm.exams.good
        options = {}
        for dept in sorted(self.ending_in[k]):
            key = (dept, k)
            if key in self.mm.exams.exempt or not self.finishing.get(key):
                continue
            if key not in self.options:
                finishers = [(o.pid, good.get((o.present.index, k), ()))
                             for o in self.finishing[key]]
                self.options[key] = exams.exam_days(self.mm, dept, k, finishers, _State(self))
            if not self.options[key]:
                return None
            options[dept] = self.options[key]
        return exams.match(self.days, options)

    def _touch(self, keys: set[tuple[str, int]]) -> None:
        for key in keys:
            self.options.pop(key, None)

    def _exam_keys(self, pid: str, months: range | list[int]) -> set[tuple[str, int]]:
        """The exams a person leaving their department in ``months`` may touch."""
        home = self.home[pid]
        return {(home, k) for k in months if self.finishing.get((home, k))}

    def _static_ok(self, o: Option, start: int, length: int) -> bool:
        """The rules read off the calendar: no month mostly on leave; an end month whose exit
        exam has days."""
        days = self.days
        if days is None:
            return True
        if any(days.leave_month(o.pid, k) or self.mm.kept_home(o, k)
               for k in range(start, start + length)):
            return False
        end = start + length - 1
        return not o.programme.exit_exam or (o.present.index, end) in self.mm.exams.good

    # --- rotation stays ---------------------------------------------------------------------

    def stay_fits(self, o: Option, start: int, length: int, fact: bool = False) -> bool:
        """Whether a stay fits; a ``fact`` (a block begun before a re-plan's freeze date) is
        not held to the rules it is exempt from (leave months, exit exams)."""
        if not self.stay_open(o, start, length, fact):
            return False
        if fact or self.days is None:
            return True
        return self._exams_allow(o, start, length)

    def stay_open(self, o: Option, start: int, length: int, fact: bool = False) -> bool:
        """The rules a stay is checked against without trying it: the person free, the
        department's capacity, the home department's coverage, the calendar
        (:meth:`_static_ok`) — everything but the exit exams it touches."""
        home = self.home[o.pid]
        busy = self.busy[o.pid]
        for k in range(start, start + length):
            if k in busy or self.used[o.dept, k] >= self.cap(o.dept, k):
                return False
            if o.dept != home and self.out[home, k] + 1 - self.into[home, k] > self.room[home]:
                return False
        return fact or self._static_ok(o, start, length)

    def _exams_allow(self, o: Option, start: int, length: int) -> bool:
        """Whether every exit exam the stay touches still has a day once it is placed."""
        keys = self._exam_keys(o.pid, range(start, start + length))
        if o.programme.exit_exam:
            keys.add((o.dept, start + length - 1))
        if not keys:
            return True
        saved = self._saved(self._stay_keys(o, start, length))
        self.add_stay(o, start, length)
        ok = self.exams_ok(keys)
        self.add_stay(o, start, length, sign=-1)
        self.options.update(saved)  # the trial is undone: so are the days it worked out
        return ok

    def _saved(self, keys: set[tuple[str, int]]) -> dict[tuple[str, int], list]:
        """The exam days worked out for ``keys``, to put back after a trial (a trial that
        touched them and was undone would otherwise have them worked out again)."""
        return {key: self.options[key] for key in keys if key in self.options}

    def _stay_keys(self, o: Option, start: int, length: int) -> set[tuple[str, int]]:
        """The exams (department, month) a stay touches."""
        home = self.home[o.pid]
        return {(d, k) for k in range(start, start + length) for d in (home, o.dept)} \
            | {(o.dept, start + length - 1)}

    def add_stay(self, o: Option, start: int, length: int, sign: int = 1) -> None:
        home = self.home[o.pid]
        for k in range(start, start + length):
            self.used[o.dept, k] += sign
            if sign > 0:
                self.busy[o.pid].add(k)
                self.where[o.pid][k] = o.dept
            else:
                self.busy[o.pid].discard(k)
                self.where[o.pid].pop(k, None)
            if o.dept != home:
                self.out[home, k] += sign
                self.gone[home, k] += sign
                if self.counts[o.dept]:
                    self.into[o.dept, k] += sign
                    if sign > 0:
                        self.guests[o.dept, k].add(o.pid)
                    else:
                        self.guests[o.dept, k].discard(o.pid)
        end = start + length - 1
        if o.programme.exit_exam:
            ending = self.finishing[o.dept, end]
            if sign > 0:
                ending.append(o)
                self.ending_in[end].add(o.dept)
            else:
                ending.remove(o)
        if self.days is not None:
            self._touch(self._stay_keys(o, start, length))

    # --- placements -------------------------------------------------------------------------

    def seat_fits(self, so: SeatOption, fact: bool = False) -> bool:
        if so.pid in self.placed or self.taken[so.seat.id] >= so.seat.seats:
            return False
        home, spec, own = self.home[so.pid], specialty(self.mm.staff[so.pid]), \
            so.seat.max_away_per_specialty
        for k in so.months:
            if k in self.busy[so.pid]:
                return False
            if self.out[home, k] + 1 - self.into[home, k] > self.room[home]:
                return False
            caps = self.caps[spec, k] + ([own] if own is not None else [])
            if caps and self.away[spec, k] + 1 > min(caps):
                return False
        if fact or self.days is None:
            return True
        keys = self._exam_keys(so.pid, so.months)
        if not keys:
            return True
        saved = self._saved({(home, k) for k in so.months})
        self.add_seat(so)
        ok = self.exams_ok(keys)
        self.add_seat(so, sign=-1)
        self.options.update(saved)
        return ok

    def add_seat(self, so: SeatOption, sign: int = 1) -> None:
        home, spec = self.home[so.pid], specialty(self.mm.staff[so.pid])
        if sign > 0:
            self.placed.add(so.pid)
            self.seat_of[so.pid] = so
            self.seats_from[home].append(so)
        else:
            self.placed.discard(so.pid)
            del self.seat_of[so.pid]
            self.seats_from[home].remove(so)
        self.taken[so.seat.id] += sign
        if self.days is not None:
            self._touch({(home, k) for k in so.months})
        for k in so.months:
            if sign > 0:
                self.busy[so.pid].add(k)
            else:
                self.busy[so.pid].discard(k)
            self.out[home, k] += sign
            self.away[spec, k] += sign
            if so.seat.max_away_per_specialty is not None:
                if sign > 0:
                    self.caps[spec, k].append(so.seat.max_away_per_specialty)
                else:
                    self.caps[spec, k].remove(so.seat.max_away_per_specialty)


class _State:
    """The ledger as the exit-exam rule reads it (:class:`.exams.State`)."""

    def __init__(self, ledger: _Ledger) -> None:
        self.ledger = ledger

    def where(self, pid: str, k: int) -> str | None:
        return self.ledger.where.get(pid, {}).get(k)

    def away(self, pid: str, day: dt.date) -> bool:
        return self.ledger.away_on(pid, day)

    def rot_out(self, dept: str, k: int) -> int:
        return self.ledger.rot_out(dept, k)

    def away_count(self, dept: str, day: dt.date) -> int:
        return self.ledger.away_count(dept, day)

    def into(self, dept: str, k: int) -> int:
        return self.ledger.into[dept, k]

    def rotators_in(self, dept: str, k: int) -> set[str]:
        return self.ledger.guests.get((dept, k), set())


class _Builder:
    def __init__(self, mm: MonthsModel, scarce_first: bool, preferred_first: bool = False
                 ) -> None:
        self.mm = mm
        self.scarce_first = scarce_first
        self.preferred_first = preferred_first
        self.ledger = _Ledger(mm)
        self.plan = Assignment()
        self.present: dict[int, list[tuple[Option, int, int]]] = defaultdict(list)  # need → stays
        self.need_of: dict[int, Need] = {}
        self.kinds: dict[tuple[str, str], set[str]] = defaultdict(set)  # disciplines taken
        self.groups: dict[tuple[str, str], list[Need]] = defaultdict(list)
        for n in mm.needs:
            self.groups[n.programme.id, n.pid].append(n)
            for o in n.options:
                self.need_of[o.present.index] = n
        # need → the needs that must end before it starts, and those that must start after it
        self.preds: dict[int, list[Need]] = {}
        self.succs: dict[int, list[Need]] = {}
        blocks = {p.id: blocks_of(mm, p.id) for p in mm.problem.programmes}
        for needs in self.groups.values():
            by_block = {n.block.block: n for n in needs}
            before = predecessors(needs[0].programme, blocks[needs[0].programme.id],
                                  set(by_block))
            for n in needs:
                b = n.block.block
                self.preds[id(n)] = [by_block[a] for a in sorted(before.get(b, ()))]
                self.succs[id(n)] = [by_block[c] for c in sorted(before) if b in before[c]]

    # --- shared helpers ---------------------------------------------------------------------

    def complete(self, n: Need) -> bool:
        return len(self.present[id(n)]) == n.choose

    def _bounds(self, n: Need) -> tuple[int, int]:
        """First and last month ``n``'s stays may use, given the stays of related blocks."""
        lo = max([s + ln for m in self.preds[id(n)] for _, s, ln in self.present[id(m)]],
                 default=-(10**9))
        hi = min([s - 1 for m in self.succs[id(n)] for _, s, _ln in self.present[id(m)]],
                 default=10**9)
        return lo, hi

    def _order_ok(self, n: Need, start: int, length: int) -> bool:
        lo, hi = self._bounds(n)
        return lo <= start and start + length - 1 <= hi

    def _put(self, n: Need, o: Option, start: int, length: int) -> None:
        self.ledger.add_stay(o, start, length)
        self.present[id(n)].append((o, start, length))
        self.plan.stays[o.present.index] = (start, length)
        if o.discipline:
            self.kinds[o.pid, o.programme.id].add(o.discipline)

    def _take_back(self, n: Need, o: Option, start: int, length: int) -> None:
        self.ledger.add_stay(o, start, length, sign=-1)
        self.present[id(n)].remove((o, start, length))
        del self.plan.stays[o.present.index]
        if o.discipline:
            self.kinds[o.pid, o.programme.id].discard(o.discipline)

    def _inside(self, n: Need, o: Option) -> int | None:
        """The first month a stay in ``o`` may start in given the block's prerequisites (its
        ``A->B`` pairs: B only after A) and disciplines (each once in a programme); ``None``
        when it may not be planned now."""
        if o.discipline and o.discipline in self.kinds[o.pid, o.programme.id]:
            return None
        lo = -(10**9)
        for first, then in n.block.prerequisites:
            if o.dept in then:
                ends = [s + ln for x, s, ln in self.present[id(n)] if x.dept in first]
                if not ends:
                    return None
                lo = max(lo, min(ends))
        return lo

    # --- 1 and 2: the published plan (re-planning) --------------------------------------------

    def begun(self) -> None:
        """Published blocks and placements begun before the freeze: kept exactly (hard rules of
        the model); one that no longer fits is kept too, and the plan says it breaks a rule."""
        for p in self.mm.published:
            if not p.begun:
                continue
            if p.seat is not None:
                if not self.ledger.seat_fits(p.seat, fact=True):
                    self.plan.broken.append(f"placement {p.seat.pid} {p.seat.seat.id} (begun) "
                                            f"no longer fits the months rules")
                self.ledger.add_seat(p.seat)
                self.plan.held.add(p.seat.var.index)
            elif p.option is not None:
                o = p.option
                if not (self.ledger.stay_fits(o, p.start, p.length, fact=True)
                        and o.block.min_months <= p.length <= o.block.max_months):
                    self.plan.broken.append(
                        f"block {o.pid} {o.programme.id}#{o.block.block} {o.dept} (begun) no "
                        f"longer fits the months rules")
                self._put(self.need_of[o.present.index], o, p.start, p.length)

    def later(self) -> None:
        """Published blocks and placements starting after the freeze, where they still fit: a
        block whole (all its departments) or not at all, and only once its prerequisites are
        planned — people in published start order, so prerequisites come first."""
        for p in self.mm.published:
            if not p.begun and p.seat is not None and self.ledger.seat_fits(p.seat):
                self.ledger.add_seat(p.seat)
                self.plan.held.add(p.seat.var.index)
        stays = sorted(((p.option, p.start, p.length) for p in self.mm.published
                        if not p.begun and p.option is not None),
                       key=lambda t: (t[0].pid, t[1], t[0].programme.id, t[0].block.block,
                                      t[0].dept))
        by_need: dict[int, list[tuple[Option, int, int]]] = defaultdict(list)
        for o, start, length in stays:
            by_need[id(self.need_of[o.present.index])].append((o, start, length))
        for items in by_need.values():
            n = self.need_of[items[0][0].present.index]
            if len(self.present[id(n)]) + len(items) != n.choose:
                continue
            if not all(self.complete(m) for m in self.preds[id(n)]):
                continue
            done = []
            for o, start, length in items:
                if not (o.block.min_months <= length <= o.block.max_months
                        and self._order_ok(n, start, length)
                        and self.ledger.stay_fits(o, start, length)):
                    break
                self._put(n, o, start, length)
                done.append((o, start, length))
            else:
                continue
            for o, start, length in reversed(done):
                self._take_back(n, o, start, length)

    # --- 3: seats ---------------------------------------------------------------------------

    def seats(self) -> None:
        by_seat: dict[str, list[SeatOption]] = defaultdict(list)
        for so in self.mm.seat_options:
            by_seat[so.seat.id].append(so)
        for sid in sorted(by_seat):
            for so in sorted(by_seat[sid], key=lambda s: (s.rank, s.pid, s.start)):
                if self.ledger.seat_fits(so):
                    self.ledger.add_seat(so)
                    self.plan.held.add(so.var.index)

    # --- 4: rotation blocks -----------------------------------------------------------------

    def _span(self, n: Need, o: Option) -> tuple[int, int]:
        lo, hi = self._bounds(n)
        inside = self._inside(n, o)
        if inside is None:
            return 0, -1  # not now: a discipline taken, a prerequisite not planned
        return max(o.lo, lo, inside), min(o.hi, hi)

    def _earliest(self, n: Need, o: Option, open_start: int | None = None
                  ) -> tuple[int, int] | None:
        """The earliest start of a stay in ``o`` that fits, with the shortest length that fits
        there (the minimum, unless the month it would end in rules out its exit exam);
        ``open_start``: :meth:`_open_start`, when known (nothing earlier can fit)."""
        first, last = self._span(n, o)
        led = self.ledger
        if open_start is not None:
            first = open_start
        for start in range(first, last - o.block.min_months + 2):
            for length in range(o.block.min_months, min(o.block.max_months, last - start + 1)
                                + 1):
                if led.stay_open(o, start, length) and (
                        led.days is None or led._exams_allow(o, start, length)):
                    return start, length
        return None

    def _open_start(self, n: Need, o: Option) -> int | None:
        """The earliest start of a stay in ``o`` passing :meth:`_Ledger.stay_open`: no stay
        that fits starts earlier."""
        first, last = self._span(n, o)
        led = self.ledger
        for start in range(first, last - o.block.min_months + 2):
            for length in range(o.block.min_months, min(o.block.max_months, last - start + 1)
                                + 1):
                if led.stay_open(o, start, length):
                    return start
        return None

    def _spare(self, o: Option, start: int, length: int) -> int:
        """Places left in ``o``'s department over a stay from ``start`` (fewest first: the
        scarcest department is taken while it is free, the roomier ones can wait)."""
        if not self.scarce_first:
            return 0
        led = self.ledger
        return min(led.cap(o.dept, k) - led.used[o.dept, k] for k in range(start, start + length))

    def _best(self, n: Need) -> tuple[int, int, int, int, int, Option] | None:
        """The earliest stay among ``n``'s departments not yet used; among equal starts the
        preferred department, then the scarcest, then the order the block lists them (with
        ``preferred_first``: the most preferred department that fits, at its earliest start).
        Returns (start, rank, spare, position, length, option)."""
        used = {o.present.index for o, _, _ in self.present[id(n)]}
        # Each department's key, bounded below without trying a stay (no stay fits before its
        # first open start; none there leaves more places than the longest could): the stays
        # are tried in that order, and only until no bound can beat the best found — an
        # elective of 60 departments then tries one or two, not 60.
        bounded = []
        for i, o in enumerate(n.options):
            if o.present.index in used:
                continue
            start = self._open_start(n, o)
            if start is None:
                continue
            last = self._span(n, o)[1]
            found = (start, o.rank, self._spare(o, start, min(o.block.max_months,
                                                              last - start + 1)), i)
            bounded.append(((o.rank, *found) if self.preferred_first else found, i, o, start))
        bounded.sort(key=lambda t: t[0])
        best, best_key = None, None
        for bound, i, o, open_start in bounded:
            if best_key is not None and bound > best_key:
                break
            fit = self._earliest(n, o, open_start)
            if fit is None:
                continue
            start, length = fit
            found = (start, o.rank, self._spare(o, start, length), i)
            key = (o.rank, *found) if self.preferred_first else found
            if best_key is None or key < best_key:
                best, best_key = (*found, length, o), key
        return best

    def _place(self, n: Need, first: tuple[int, int, int, int, int, Option] | None = None
               ) -> bool:
        """Complete ``n`` (all its missing departments) or leave it as it was; ``first``: its
        :meth:`_best` as the ledger stands (worked out already when ranking)."""
        added = []
        while not self.complete(n):
            best = first if first is not None and not added else self._best(n)
            if best is None:
                for o, s, ln in reversed(added):
                    self._take_back(n, o, s, ln)
                return False
            start, length, o = best[0], best[-2], best[-1]
            self._put(n, o, start, length)
            added.append((o, start, length))
        return True

    def rotations(self) -> None:
        for needs in self.groups.values():
            failed: set[int] = set()
            while True:
                ready = []
                for n in needs:
                    if self.complete(n) or id(n) in failed:
                        continue
                    preds = self.preds[id(n)]
                    if any(id(m) in failed for m in preds):
                        failed.add(id(n))  # never without its prerequisite
                    elif all(self.complete(m) for m in preds):
                        ready.append(n)
                if not ready:
                    break
                # A fixed order has one block ready at a time; a free order takes the block that
                # can start first (then the one in the scarcest department, then the lowest
                # block number).
                ranked = []
                for n in ready:
                    best = self._best(n)
                    key = (best[0], best[2]) if best else (10**9, 0)
                    ranked.append((*key, n.block.block, n, best))
                *_, n, best = min(ranked, key=lambda t: t[:3])
                if best is None or not self._place(n, best):
                    failed.add(id(n))

    def exam_days(self) -> None:
        """The day each exit exam the model decides a day for is held on (for the hint)."""
        for k in sorted({k for _, k in self.mm.exams.day}):
            chosen = self.ledger.month_days(k) or {}
            for dept, day in chosen.items():
                if (dept, k) in self.mm.exams.day:
                    self.plan.exam_days[dept, k] = day

    def check(self) -> None:
        """A begun block forced in may leave its block incomplete or its prerequisite out: the
        model has no solution then, and neither does this plan. A required block left out, or a
        department short of its minimum of rotators, breaks a rule too: the search must find
        the plan (or show there is none)."""
        for needs in self.groups.values():
            for n in needs:
                got = len(self.present[id(n)])
                if got not in (0, n.choose):
                    self.plan.broken.append(f"block {n.pid} {n.programme.id}#{n.block.block}: "
                                            f"{got} of {n.choose} department(s) planned")
                if got and any(not self.complete(m) for m in self.preds[id(n)]):
                    self.plan.broken.append(f"block {n.pid} {n.programme.id}#{n.block.block} "
                                            f"planned without its prerequisite")
                if (n.required or self.mm.ideal is not None) and got != n.choose:
                    self.plan.broken.append(f"block {n.pid} {n.programme.id}#{n.block.block} "
                                            f"is required and not planned")
        for (dept, k), least in self.mm.places.minimum.items():
            if least > 0 and 0 <= k < len(self.mm.grid) and self.ledger.used[dept, k] < least:
                self.plan.broken.append(f"{dept} takes {self.ledger.used[dept, k]} rotator(s) "
                                        f"in month {k}, fewer than its minimum {least}")


def construct(mm: MonthsModel, passes: int = 4) -> Assignment:
    """The constructive plan of the module docstring, with one value per model variable.

    Four passes that differ only in how an elective's department is chosen — the earliest start
    or the most preferred department that fits, each with the scarcest department first among
    equals or simply in the block's order — and the best by the objective's tiers (the first on
    a tie): none wins everywhere (at 1,000 staff the preferred-first passes cut the preference
    tier from −36 to −13), and each takes a fraction of a second."""
    best: tuple[tuple[float, ...], Assignment] | None = None
    order = ((True, False), (False, False), (True, True), (False, True))
    if passes < len(order):  # the preferred first (the ideal plan: :mod:`.ideal`)
        order = order[2:2 + passes]
    for scarce_first, preferred_first in order:
        b = _Builder(mm, scarce_first, preferred_first)
        b.begun()
        b.later()
        for _ in range(2):
            # A second round places what failed the first time but fits now: a rotator placed
            # later in the order may cover for someone sent away from the department they
            # rotate into.
            b.seats()
            b.rotations()
        b.check()
        b.exam_days()
        b.plan.finish(mm)
        tiers = objective.tiers(mm, b.plan.value)
        if best is None or (b.plan.valid, tiers) > (best[1].valid, best[0]):
            best = (tiers, b.plan)
    assert best is not None
    return best[1]
