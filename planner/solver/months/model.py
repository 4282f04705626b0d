"""The variables of phase 0 (months) and what the rule modules share.

One CP-SAT model on the month grid decides, for every participant of every rotation programme,
which blocks are planned, in which department(s), from which month and for how long; and, for
every external-study seat, who holds it from which start. Seats and optional blocks may be left
out: one that cannot fit is left unplanned (and explained in words) instead of making the whole
plan impossible, and the objective plans as many as fit first. A *required* block must be
planned: when it cannot, there is no plan (:mod:`.diagnose` says which rules clash).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.domain import ExternalSeat, HistoryRow, Problem, Programme, ProgrammeBlock, Staff
from planner.solver.months.avoid import NOTHING, Avoid
from planner.solver.months.days import Days
from planner.solver.months.grid import MonthGrid
from planner.solver.months.places import Places
from planner.solver.months.weights import Weights
from planner.workdays import WorkCalendar

# Objective tiers (see :mod:`planner.solver.months.objective`): each tier outweighs every term
# of the tiers below it put together.
MAIN, KEEP, PREFERENCE, TIE = "main", "keep", "preference", "tie"


@dataclass
class Option:
    """One department a participant may spend a block in: present or not, start, length and the
    months it covers (``months[k]`` true ⇔ the person is in ``dept`` in month ``k``)."""

    pid: str
    programme: Programme
    block: ProgrammeBlock
    dept: str
    lo: int  # first month the block may use
    hi: int  # last month
    present: cp_model.IntVar
    start: cp_model.IntVar
    length: cp_model.IntVar
    months: dict[int, cp_model.IntVar]
    rank: int  # order the constructive plan tries electives in: best wish first, then preference
    discipline: str = ""  # the declared discipline ("" when the department is its own)
    host: str = ""  # the department's host ("" = this hospital)
    value: int = 0  # the objective's preference points for this block (wishes less preference rank)
    #: the ideal plan's blocks of one fixed length (:mod:`.ideal`): "starts in month t" per t,
    #: and ``months`` are sums of these rather than variables
    begins: dict[int, cp_model.IntVar] = field(default_factory=dict)

    @property
    def end(self) -> cp_model.LinearExprT:  # first month after the block
        return self.start + self.length


@dataclass
class Need:
    """A block a participant still has to do (history-completed blocks never become needs)."""

    pid: str
    programme: Programme
    block: ProgrammeBlock
    choose: int  # departments still to choose (k of n, minus those done before)
    options: list[Option]
    planned: cp_model.IntVar
    required: bool = False  # a block that must be planned


@dataclass
class SeatOption:
    """A candidate holding an external-study seat from a given start date."""

    seat: ExternalSeat
    pid: str
    start: dt.date
    end: dt.date  # inclusive
    months: range  # horizon months any day of the placement falls in
    var: cp_model.IntVar
    rank: int  # department priority rank (0 = first listed)


@dataclass
class Published:
    """A block or placement of the published plan that a re-plan keeps (:mod:`.keep`):
    ``begun`` ones exactly (a hard rule), later ones where they still fit (``kept`` is then the
    keep-tier reward variable). For a placement, ``seat`` is set and ``start``/``length`` unused."""

    option: Option | None
    seat: SeatOption | None
    start: int
    length: int
    begun: bool
    kept: cp_model.IntVar | None


@dataclass(frozen=True)
class Term:
    """A named objective term: ``sign × weight × expr`` with ``0 ≤ expr ≤ bound``."""

    tier: str
    expr: cp_model.LinearExprT
    weight: int
    bound: int
    sign: int  # +1 reward, -1 penalty
    label: str


@dataclass
class ExamVars:
    """What :mod:`.exams` decided and created, for the constructive plan and the words.

    ``good[(present index, k)]``: the exam days of an option's block ending in month ``k`` (only
    for the months it may end in); ``ends[(present index, k)]``: the variable "the block ends in
    month ``k``"; ``day[(dept, k)]``: the exam day variables of a department and month, by day;
    ``exempt``: departments and months left unconstrained because a block begun before the
    freeze date ends there and the facts alone leave its exam no day; ``wards``: each
    department's staff in the ward in a month, as a variable equal to a sum."""

    good: dict[tuple[int, int], tuple[dt.date, ...]] = field(default_factory=dict)
    ends: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    day: dict[tuple[str, int], dict[dt.date, cp_model.IntVar]] = field(default_factory=dict)
    exempt: set[tuple[str, int]] = field(default_factory=set)
    #: the ward variables: (variable, constant, variables subtracted, variables added)
    wards: list[tuple[cp_model.IntVar, int, list[cp_model.IntVar], list[cp_model.IntVar]]] = \
        field(default_factory=list)


@dataclass
class MonthsModel:
    problem: Problem
    grid: MonthGrid
    #: the working-day calendar; without it (tests of the month rules alone, the re-plan bound)
    #: the rules that need days — leave months, exit exams, teach-backs — are not applied
    calendar: WorkCalendar | None = None
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    needs: list[Need] = field(default_factory=list)
    seat_options: list[SeatOption] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    weights: dict[str, int] = field(default_factory=dict)  # tier → weight, set by the objective
    published: list[Published] = field(default_factory=list)  # re-planning only, set by keep
    #: re-planning: the published blocks and placements begun before the freeze date, which the
    #: rules must not forbid (:func:`.keep.facts`): (person, programme, block, department) →
    #: (first month, length), and (person, seat, start)
    begun_blocks: dict[tuple[str, str, int, str], tuple[int, int]] = field(default_factory=dict)
    begun_seats: set[tuple[str, str, dt.date]] = field(default_factory=set)
    exams: ExamVars = field(default_factory=ExamVars)
    #: what a timetable that failed showed the months must avoid (:mod:`.avoid`)
    avoid: Avoid = NOTHING
    #: the exit-exam rule was read for the constructive plan only (exam days of each block end),
    #: not stated in the model: a model too large to search (:func:`planner.solver.months.build`)
    partial: bool = False
    #: only what the constructive plan reads and its values are read from — each option's
    #: presence, start and length, the needs, seats and objective terms — with no month variable
    #: and no rule stated: a model too large to search (:func:`planner.solver.months.build`;
    #: 10,000 staff: 914k variables and 1.8M constraints never searched took about 50 s)
    light: bool = False
    #: the ideal plan's restrictions (:mod:`.ideal`), or ``None`` for the whole model
    ideal: object | None = None
    #: each rotator's best alone (:mod:`.ideal`): a bound on their preference points in the
    #: whole model, which the search's bound then starts from
    ceilings: object | None = None
    #: diagnosing an impossible plan (:mod:`.diagnose`): rule instances that may be relaxed get
    #: an enforcement literal each, kept here with what they are
    assume: bool = False
    assumptions: list[tuple[cp_model.IntVar, tuple[object, ...]]] = field(default_factory=list)
    #: per person: their preference points as an expression (wishes, :mod:`.wishes`), and the
    #: variables of their host changes and idle months (for the constructive plan's hint)
    satisfaction: dict[str, cp_model.LinearExprT] = field(default_factory=dict)
    preference: dict[str, cp_model.LinearExprT] = field(default_factory=dict)
    fill: list = field(default_factory=list)  # callables(values) completing a hint (wishes)
    fair: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)  # fairness rows
    fair_offset: int = 0  # Σ weight × the least's lower bound (the objective counts from it)

    def __post_init__(self) -> None:
        self.staff: dict[str, Staff] = self.problem.staff_by_id()
        self.departments = {d.id: d for d in self.problem.departments}
        members: dict[str, list[str]] = defaultdict(list)
        for p in self.problem.staff:
            members[p.department].append(p.id)
        self.dept_staff = {d: tuple(sorted(v)) for d, v in members.items()}
        self.days: Days | None = (Days(self.problem, self.grid, self.calendar)
                                  if self.calendar is not None else None)
        #: person → their history rows of kind ``rotation``
        self.rotation_history: dict[str, list[HistoryRow]] = defaultdict(list)
        for h in self.problem.history:
            if h.kind == "rotation":
                self.rotation_history[h.staff_id].append(h)
        self._assumed: dict[tuple[object, ...], cp_model.IntVar] = {}
        self.wish = Weights.of(self.problem)
        self.places = Places(self.problem, self.grid)

    def enforce(self, what: tuple[object, ...]) -> list[cp_model.IntVar]:
        """The enforcement literals of a rule instance that may be relaxed: none (always
        enforced) unless diagnosing, then a fresh literal recorded with ``what`` it is —
        (rule, …) as :mod:`.diagnose` reads it."""
        if not self.assume:
            return []
        lit = self._assumed.get(what)
        if lit is None:
            lit = self._assumed[what] = self.model.new_bool_var(f"assume{what}")
            self.assumptions.append((lit, what))
        return [lit]

    @property
    def options(self) -> list[Option]:
        return [o for n in self.needs for o in n.options]

    def begun(self, o: Option) -> tuple[int, int] | None:
        """(first month, length) when ``o`` is a published block begun before the freeze date
        that still fits the option's months (a fact :mod:`.keep` holds), else ``None``."""
        fact = self.begun_blocks.get((o.pid, o.programme.id, o.block.block, o.dept))
        if fact is None or not (o.lo <= fact[0] and fact[0] + fact[1] - 1 <= o.hi):
            return None
        return fact

    def kept_home(self, o: Option, k: int) -> bool:
        """Whether ``o`` may not hold month ``k`` because a failed timetable asked for its
        participant at home then (:mod:`.avoid`; a block in their own department is fine)."""
        a = self.avoid
        return a.everything or ((o.pid, k) in a.home and o.dept != self.staff[o.pid].department)

    def begun_seat(self, so: SeatOption) -> bool:
        return (so.pid, so.seat.id, so.start) in self.begun_seats

    def reward(self, tier: str, expr: cp_model.LinearExprT, bound: int, label: str,
               weight: int = 1) -> None:
        """A term to maximise within its tier (``expr`` lies in ``0 … bound``)."""
        self.terms.append(Term(tier, expr, weight, bound, +1, label))

    def penalise(self, tier: str, expr: cp_model.LinearExprT, bound: int, label: str,
                 weight: int = 1) -> None:
        """A term to minimise within its tier (``expr`` lies in ``0 … bound``)."""
        self.terms.append(Term(tier, expr, weight, bound, -1, label))

    def dept_name(self, dept: str) -> str:
        d = self.departments.get(dept)
        return f"{d.name} ({dept})" if d is not None and d.name != dept else dept

    def person(self, pid: str) -> str:
        s = self.staff.get(pid)
        return f"{pid} {s.name}" if s is not None else pid
