"""What would let the months plan what they left unplanned — changes to the inputs, each tried.

When the months phase leaves a rotation block or an external-study seat unplanned, the plan is
written with a warning (:mod:`planner.solver.months.explain`, which hands over each warning's
:class:`~planner.solver.months.explain.Gap`). Here each such warning is offered the changes to
the inputs that would let it be planned: the candidates are the inputs the gap reads, loosened a
step (:class:`~planner.explain.relax.Relaxation`, made by :func:`~planner.explain.relax.apply`),
mildest first —

1. a full department's rotator capacity (or its places in ``rotation_capacity.csv``) one
   higher; a programme's months or a seat's start window a month wider; the home department's minimum on duty one lower (where rotating or
   studying away leaves it no spare); a pinned session in an exit exam's week left to the
   planner; a seat's teach-back weeks longer; part of a leave (the months the block needs), or
   a leave of at most a month, lifted;
2. then the second step of those knobs: capacity two higher, minimum two lower, the programme's
   months as wide as the horizon; a seat's years of service lowered;
3. last, a programme without exit exams, or the whole leave lifted.

Each candidate is **tried**: the months phase runs again on the changed inputs (only the months:
it is quick), and the change is offered only when that block (or one more place of that seat) is
then planned and nothing planned before is left out. When the months were planned around a
timetable that failed (:mod:`planner.solver.months.avoid` — an exit exam's week full of pins, a
ward unable to spare its speaker), the months alone cannot tell: such a trial runs the months
and the first timetable (:func:`planner.solver.rounds.months_and_timetable`), at most
:data:`MAX_TIMETABLE_TRIALS` of them. The first change that works on a knob ends that knob
(:attr:`Relaxation.group`); at most :data:`MAX_SHOWN` changes are offered per warning, and the
trials stop at :data:`MAX_TRIALS` per plan, fewer on a large hospital (:func:`budget`: the
months-model variables of all trials together are bounded, and there a trial is the months'
constructive plan keeping what the run planned), so a big hospital with many unplanned blocks is
not slowed much. Trials are counted, not timed: same inputs, same offers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from planner.domain import Problem
from planner.explain.labels import labels_for
from planner.explain.relax import Relaxation, apply
from planner.explain.words import Words
from planner.plan import Placement, RotationBlock
from planner.solver.config import SolverConfig
from planner.solver.months import SEARCH_COMPLETE_MAX_VARIABLES, greedy, solve_months
from planner.solver.months import build as build_months
from planner.solver.months.avoid import NOTHING, Avoid
from planner.solver.months.days import EXAM_DAYS
from planner.solver.months.explain import Gap
from planner.solver.months.grid import MonthGrid
from planner.solver.months.model import MonthsModel
from planner.solver.months.places import Places
from planner.solver.months.result import MonthsResult
from planner.solver.months.seats import is_candidate, start_dates, years_of_service
from planner.solver.replan.past import PastWork
from planner.solver.rounds import months_and_timetable
from planner.workdays import WorkCalendar

#: Months-phase runs spent on trials, per plan.
MAX_TRIALS = 20
#: Trials spent on one warning (its mildest candidates), and changes offered for it.
MAX_TRIALS_PER_WARNING = 6
MAX_SHOWN = 2
#: Months-model variables all trials of a plan may build together: a large hospital gets
#: fewer trials (1,000 staff, 32k variables: 12, about 0.35 s each; 3,000 staff, 103k: 3, about
#: 2 s each; 10,000 staff: none). Above :data:`SEARCH_COMPLETE_MAX_VARIABLES` a trial is the
#: constructive plan only, keeping what the run planned (:func:`_keeping`).
WORK = 400_000
#: Trials that run the timetable too (months planned around a failed timetable), per plan.
MAX_TIMETABLE_TRIALS = 3
#: Deterministic seconds for each trial's months phase (at most the run's own budget; the phase
#: takes its share of it): a change that needs a longer search is not offered.
TRIAL_S = 4.0
#: Pinned sessions of an exit exam's week tried, per warning.
MAX_PINS = 2


@dataclass(frozen=True)
class Offer:
    """A change tried on ``gap`` that plans ``planned`` of its blocks (or seat places)."""

    gap: Gap
    relaxation: Relaxation
    planned: int


@dataclass
class Advice:
    """The changes offered for the months' warnings, and how many trials it took."""

    offers: list[Offer] = field(default_factory=list)
    tried: int = 0

    def words(self, problem: Problem, lang: str | None = None) -> dict[str, list[str]]:
        """Warning → the changes offered for it, in ``lang`` (default: the plan's language)."""
        t = labels_for(lang or problem.settings.language)
        w = Words(problem, t)
        out: dict[str, list[str]] = {}
        for o in self.offers:
            gap = o.gap
            whole = len(gap.needs) if gap.needs else gap.short
            text = w.relaxation(o.relaxation)
            if 0 < o.planned < whole:
                text += t("r.some", k=o.planned)
            out.setdefault(gap.warning, []).append(text)
        return out


@dataclass(frozen=True)
class _Missing:
    """What a months result leaves unplanned: blocks, and places per seat."""

    needs: frozenset[tuple[str, str, int]]
    seats: dict[str, int]

    @classmethod
    def of(cls, months: MonthsResult) -> _Missing:
        gaps: list[Gap] = months.gaps
        return cls(frozenset(n for g in gaps for n in g.needs),
                   {g.seat: g.short for g in gaps if g.seat})

    @classmethod
    def of_model(cls, mm: MonthsModel, value) -> _Missing:
        """The same, read off a solution of the months model (``value``: variable → value)."""
        taken: dict[str, int] = {}
        for so in mm.seat_options:
            taken[so.seat.id] = taken.get(so.seat.id, 0) + int(value(so.var))
        return cls(frozenset((n.pid, n.programme.id, n.block.block) for n in mm.needs
                             if not value(n.planned)),
                   {x.id: x.seats - taken.get(x.id, 0) for x in mm.problem.seats
                    if start_dates(mm, x) and x.seats > taken.get(x.id, 0)})

    def within(self, other: _Missing) -> bool:
        """Nothing left out here that ``other`` planned."""
        return self.needs <= other.needs and all(
            short <= other.seats.get(seat, 0) for seat, short in self.seats.items())

    def planned(self, gap: Gap) -> int:
        """How many of ``gap``'s blocks (or seat places) are planned here."""
        if gap.seat:
            return gap.short - self.seats.get(gap.seat, 0)
        return sum(n not in self.needs for n in gap.needs)


def budget(months: MonthsResult, avoid: Avoid = NOTHING) -> int:
    """How many trials a plan may spend: :data:`MAX_TRIALS`, fewer as the months model grows
    (:data:`WORK` variables in all), and :data:`MAX_TIMETABLE_TRIALS` when each trial runs the
    timetable too — then only for a model small enough to search."""
    size = max(1, int(months.stats.get("months_variables", 1)))
    if avoid:
        return MAX_TIMETABLE_TRIALS if size <= SEARCH_COMPLETE_MAX_VARIABLES else 0
    return min(MAX_TRIALS, WORK // size)


def advise(problem: Problem, calendar: WorkCalendar, config: SolverConfig,
           months: MonthsResult, past: PastWork | None = None,
           avoid: Avoid = NOTHING) -> Advice:
    """The changes that let each of ``months``' gaps be planned, each tried on the months phase
    (with the same ``past``); ``avoid``: what the months were planned around (a timetable that
    failed), in which case a trial runs the months and the timetable again from scratch."""
    out = Advice()
    if not months.ok or not months.gaps:
        return out
    trial = replace(config, time_limit=min(config.time_limit, TRIAL_S), workers=1)
    most = budget(months, avoid)
    if past is not None:  # a re-plan: the changed inputs are not those of the published months
        past = replace(past, months_unchanged=False)
    constructive = months.stats.get("months_variables", 0) > SEARCH_COMPLETE_MAX_VARIABLES

    keeping = _keeping(problem, months, past) if constructive else None

    def run(changed: Problem) -> _Missing | None:
        if constructive:
            # a large model: its constructive plan (as the phase builds it, seconds instead of
            # minutes), keeping first what the run planned — each change loosens the inputs,
            # so all of it still fits, and only the block or seat that was out is in question
            mm = build_months(changed, keeping, calendar, light=True)
            plan = greedy.construct(mm)
            return _Missing.of_model(mm, plan.value) if plan.valid else None
        if not avoid:
            result = solve_months(changed, trial, past, calendar)
            return _Missing.of(result) if result.ok else None
        # the months and the first timetable, planned afresh; then, if that timetable failed,
        # around what the run's own timetable could not live with
        for start in (NOTHING, avoid) if not avoid.everything else (NOTHING,):
            def plan_months(a: Avoid, start: Avoid = start) -> MonthsResult:
                return solve_months(changed, trial, past, calendar, a | start)

            rounds = months_and_timetable(changed, calendar, trial, plan_months, past,
                                          only_whether=True)
            if rounds.ok and not rounds.avoided.everything:
                return _Missing.of(rounds.months)
        return None

    base = _Missing.of(months)
    seen: dict[Relaxation, _Missing | None] = {}
    for gap in months.gaps:
        done: set[tuple[object, ...]] = set()
        shown = spent = 0
        for r in Candidates(problem, calendar, months, gap).all():
            if shown >= MAX_SHOWN or spent >= MAX_TRIALS_PER_WARNING:
                break
            if r.group in done:
                continue
            if r not in seen:
                if out.tried >= most:
                    break
                out.tried += 1
                spent += 1
                seen[r] = run(apply(problem, r))
            missing = seen[r]
            if missing is None or not missing.within(base):
                continue
            planned = missing.planned(gap)
            if planned > 0:
                out.offers.append(Offer(gap, r, planned))
                done.add(r.group)
                shown += 1
    return out


def _keeping(problem: Problem, months: MonthsResult, past: PastWork | None) -> PastWork:
    """The run's months as a published plan not yet begun (or the re-plan's past with them):
    the constructive plan keeps them first where they still fit (:mod:`.keep`)."""
    rotations = [RotationBlock(s.pid, s.programme.id, s.block, s.dept, s.start.isoformat(),
                               s.end.isoformat()) for s in months.stays]
    placements = [Placement(a.pid, a.seat.id, a.seat.partner, a.seat.specialty,
                            a.start.isoformat(), a.end.isoformat()) for a in months.placements]
    if past is not None:
        return replace(past, rotations=rotations, placements=placements)
    return PastWork(problem.settings.horizon_start, rotations=rotations, placements=placements)


class Candidates:
    """The changes to try on one gap, mildest first (see the module docstring)."""

    def __init__(self, problem: Problem, calendar: WorkCalendar, months: MonthsResult,
                 gap: Gap) -> None:
        self.problem = problem
        self.calendar = calendar
        self.months = months
        self.gap = gap
        self.staff = problem.staff_by_id()
        self.depts = {d.id: d for d in problem.departments}
        s = problem.settings
        self.horizon = (s.horizon_start, s.horizon_end)
        #: (mildness, order of making) → relaxation
        self.out: list[tuple[int, int, Relaxation]] = []

    def all(self) -> list[Relaxation]:
        if self.gap.seat:
            self._seat()
        elif self.gap.needs:
            self._block()
        seen: set[Relaxation] = set()
        ranked = []
        for tier, i, r in sorted(self.out, key=lambda x: (x[0], x[1])):
            if r not in seen:
                seen.add(r)
                ranked.append(r)
        return ranked

    def add(self, tier: int, r: Relaxation) -> None:
        self.out.append((tier, len(self.out), r))

    # --- a programme block ------------------------------------------------------------------

    def _block(self) -> None:
        gap = self.gap
        _, programme_id, block = gap.needs[0]
        g = next(x for x in self.problem.programmes if x.id == programme_id)
        b = next(x for x in self.problem.blocks
                 if x.programme == programme_id and x.block == block)
        lo, hi = gap.lo or self.horizon[0], gap.hi or self.horizon[1]
        for dept in gap.full:
            self._capacity(dept, lo, hi)
        first, last = self.horizon
        if g.end is not None and g.end < last:
            nearer = min(_month_last(g.end + dt.timedelta(days=1)), last)
            self.add(1, Relaxation("programme-end", course=g.id, old=g.end, new=nearer))
            if nearer < last:
                self.add(2, Relaxation("programme-end", course=g.id, old=g.end, new=last))
        if g.start is not None and g.start > first:
            nearer = max((g.start.replace(day=1) - dt.timedelta(days=1)).replace(day=1), first)
            self.add(1, Relaxation("programme-start", course=g.id, old=g.start, new=nearer))
            if nearer > first:
                self.add(2, Relaxation("programme-start", course=g.id, old=g.start, new=first))
        people = [pid for pid, _, _ in gap.needs]
        homes = sorted({self.staff[p].department for p in people if p in self.staff}
                       - set(b.departments))
        for dept in homes:
            self._minimum(dept, lo, hi)
        if g.exit_exam:
            weeks = [(_month_last(m) - dt.timedelta(days=EXAM_DAYS - 1), _month_last(m))
                     for m in _months(lo, hi)]
            pins = sorted((p for p in self.problem.pins if p.date is not None
                           and any(a <= p.date <= z for a, z in weeks)),
                          key=lambda p: (p.date, p.course, p.part, p.run))
            for p in pins[:MAX_PINS]:
                self.add(1, Relaxation("unpin-date", course=p.course, part=p.part, run=p.run))
        for pid in people[:2]:
            self._leave(pid, lo, hi, max(1, b.min_months))
        if g.exit_exam:
            self.add(3, Relaxation("exit-exam", course=g.id))

    # --- a seat -------------------------------------------------------------------------------

    def _seat(self) -> None:
        gap = self.gap
        seat = next(x for x in self.problem.seats if x.id == gap.seat)
        first, last = self.horizon
        for dept in sorted({self.staff[p].department for p in gap.people if p in self.staff}):
            self._minimum(dept, seat.start_earliest, _end(seat.start_latest, seat.months))
        if seat.start_latest < last:
            nearer = min(_next_first(seat.start_latest), last)
            self.add(1, Relaxation("seat-latest", course=seat.id, old=seat.start_latest,
                                   new=nearer))
        if seat.start_earliest > first:
            nearer = max(_prev_first(seat.start_earliest), first)
            self.add(1, Relaxation("seat-earliest", course=seat.id, old=seat.start_earliest,
                                   new=nearer))
        teach_back = _end(seat.start_latest, seat.months) + dt.timedelta(
            weeks=seat.teach_back_weeks)
        away = [u for u in self.problem.unavailability if u.kind == "staff"
                and u.id in gap.people and u.start <= teach_back and seat.start_earliest <= u.end]
        if away:
            self.add(1, Relaxation("teach-back-weeks", course=seat.id,
                                   old=seat.teach_back_weeks, new=seat.teach_back_weeks + 2))
        for pid in sorted({u.id for u in away})[:2]:
            self._leave(pid, seat.start_earliest, teach_back, seat.months)
        if not gap.people and seat.min_years > 0:
            day = self.horizon[0]
            years = sorted({y for p in self.problem.staff
                            if is_candidate(p, replace(seat, min_years=0), day)
                            and (y := years_of_service(p, day)) is not None
                            and y < seat.min_years}, reverse=True)
            if years:
                self.add(2, Relaxation("seat-years", course=seat.id, old=seat.min_years,
                                       new=years[0]))

    # --- shared knobs ---------------------------------------------------------------------------

    def _capacity(self, dept: str, lo: dt.date, hi: dt.date) -> None:
        """A full department's rotators a month one (then two) higher: its ``rotator_capacity``,
        or — where ``rotation_capacity.csv`` sets its places in ``lo`` … ``hi``, all alike —
        those places over the block's months."""
        grid = MonthGrid(*self.horizon)
        places = Places(self.problem, grid)
        months = grid.touched(lo, hi)
        rows = any(r.department == dept and r.capacity is not None and r.start <= hi
                   and lo <= r.end for r in self.problem.rotation_places)
        caps = {places.capacity(dept, k) for k in months}
        for step, tier in ((1, 1), (2, 2)):
            if not rows:
                cap = self.depts[dept].rotator_capacity
                self.add(tier, Relaxation("capacity", dept=dept, old=cap, new=cap + step))
            elif len(caps) == 1:
                [cap] = caps
                self.add(tier, Relaxation("rotation-capacity", dept=dept, lo=grid.first(
                    months[0]), hi=grid.last(months[-1]), old=cap, new=cap + step))

    def _minimum(self, dept: str, lo: dt.date, hi: dt.date) -> None:
        """A department's minimum on duty one (then two) lower — where the people it has away
        (rotating elsewhere, on external study) in some month of ``lo`` … ``hi`` leave it no
        spare."""
        d = self.depts.get(dept)
        if d is None or d.min_on_duty <= 0 or self._spare(dept, lo, hi) > 0:
            return
        self.add(1, Relaxation("minimum", dept=dept, old=d.min_on_duty, new=d.min_on_duty - 1))
        if d.min_on_duty >= 2:
            self.add(2, Relaxation("minimum", dept=dept, old=d.min_on_duty,
                                   new=d.min_on_duty - 2))

    def _spare(self, dept: str, lo: dt.date, hi: dt.date) -> int:
        """The fewest of ``dept``'s people above its minimum in a month of ``lo`` … ``hi``,
        counting those the plan has rotating elsewhere or on external study (leave aside)."""
        roster = {p.id for p in self.problem.staff if p.department == dept}
        minimum = self.depts[dept].min_on_duty
        fewest = len(roster) - minimum
        for m in _months(lo, hi):
            end = _month_last(m)
            away = {s.pid for s in self.months.stays
                    if s.pid in roster and s.dept != dept and s.start <= end and m <= s.end}
            away |= {a.pid for a in self.months.placements
                     if a.pid in roster and a.start <= end and m <= a.end}
            fewest = min(fewest, len(roster) - len(away) - minimum)
        return fewest

    def _leave(self, pid: str, lo: dt.date, hi: dt.date, months: int) -> None:
        """``pid``'s leave inside ``lo`` … ``hi``: a row of at most a month lifted; a longer
        one shortened by the ``months`` the block needs (its first months, then its last), then
        lifted whole."""
        rows = sorted((u for u in self.problem.unavailability
                       if u.kind == "staff" and u.id == pid and u.start <= hi and lo <= u.end),
                      key=lambda u: (u.start, u.end))
        for u in rows[:3]:
            if (u.end - u.start).days < 31:
                self.add(1, Relaxation("free", person=pid, lo=u.start, hi=u.end, text=u.reason))
                continue
            inside = _months(max(u.start, lo), min(u.end, hi))
            if len(inside) > months:
                a = max(u.start, lo, inside[0])
                self.add(1, Relaxation("shorten-leave", person=pid, lo=a,
                                       hi=min(u.end, _month_last(inside[months - 1])),
                                       old=(u.start, u.end), text=u.reason))
                z = min(u.end, hi, _month_last(inside[-1]))
                self.add(1, Relaxation("shorten-leave", person=pid,
                                       lo=max(u.start, inside[-months]), hi=z,
                                       old=(u.start, u.end), text=u.reason))
            self.add(3, Relaxation("free", person=pid, lo=u.start, hi=u.end, text=u.reason))


def _month_last(day: dt.date) -> dt.date:
    nxt = day.replace(day=28) + dt.timedelta(days=4)
    return nxt - dt.timedelta(days=nxt.day)


def _next_first(day: dt.date) -> dt.date:
    return _month_last(day) + dt.timedelta(days=1)


def _prev_first(day: dt.date) -> dt.date:
    return (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def _months(lo: dt.date, hi: dt.date) -> list[dt.date]:
    """First days of the months ``lo`` … ``hi`` touch."""
    out, m = [], lo.replace(day=1)
    while m <= hi:
        out.append(m)
        m = _next_first(m)
    return out


def _end(start: dt.date, months: int) -> dt.date:
    """The last day of a stay of ``months`` calendar months from ``start``."""
    m = start
    for _ in range(months):
        m = _next_first(m)
    return m - dt.timedelta(days=1)


__all__ = ["MAX_SHOWN", "MAX_TRIALS", "Advice", "Candidates", "Offer", "advise", "budget"]
