"""Phase 1: how many runs each part gets, when, and of which room size.

Each *choice* is a Boolean: part ``p`` has a run at time point ``t`` in a room of level ``ℓ``
(or, for a pinned run, the pinned run takes ``t``). At most one run of a course happens at one
time, so a part never needs two runs of a level at one time point, and the model stays the size
of parts × times × levels — a few thousand Booleans at 1,000 staff, tens of thousands at 10,000.

Rooms and speakers are not chosen here but guaranteed: per clashing time, the runs needing any
given set of rooms (or speakers) never outnumber that set (Hall's condition), and
:mod:`planner.solver.timetable.matching` then assigns them exactly, adding a cut if a finer
condition fails. Each rule instance is guarded by a literal carrying its description, so an
infeasible model can be explained in the office's words (see
:mod:`planner.solver.timetable.explain`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.solver.findings import Finding
from planner.solver.instance import Instance
from planner.solver.timetable.parts import Level, Part


@dataclass
class Guard:
    literal: cp_model.IntVar
    family: str
    text: str
    finding: Finding


@dataclass(frozen=True)
class Choice:
    """A run the model may place: of ``part``, at time point ``t``, with these rooms and
    speakers. ``level`` indexes the part's levels for an unpinned run; ``pin`` is the run
    number of a pinned one."""

    part: int
    t: int
    level: int | None
    pin: int | None
    var: cp_model.IntVar = field(compare=False, hash=False)

    @property
    def group(self) -> tuple[int, str, int]:
        """The runs a cut may bound together: one part's unpinned runs of one level, or one
        pinned run."""
        return (self.part, "level", self.level) if self.pin is None \
            else (self.part, "pin", self.pin)


@dataclass
class TimetableModel:
    inst: Instance
    parts: list[Part]
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    choices: list[Choice] = field(default_factory=list)
    guards: list[Guard] = field(default_factory=list)
    penalties: list[tuple[cp_model.LinearExprT, int, str]] = field(default_factory=list)
    #: Places each choice offers its part (:mod:`.rules.supply`): its room level's seats, no
    #: more than the wards of its audience can release then.
    offers: dict[Choice, int] = field(default_factory=dict)
    #: (speaker pool, day) → who of the pool can speak that day (rules/speakers.py)
    speakers_free_by_day: dict[tuple[tuple[str, ...], object], frozenset[str]] = field(
        default_factory=dict, repr=False)
    #: Part → the runs its tightest ward needs (:mod:`.rules.supply`).
    run_target: dict[int, int] = field(default_factory=dict)
    #: A series' order, pair by pair (:mod:`.rules.sessions`): (the "in order" literal, the
    #: first part's run variables by time, the second's, re-planning semantics).
    orders: list[tuple] = field(default_factory=list)

    def __post_init__(self) -> None:
        inst = self.inst
        for p in self.parts:
            for ell, level in enumerate(p.levels):
                for t in p.candidates:
                    day = inst.time_points[t].date
                    if any(day not in inst.room_off.get(r, ()) for r in level.rooms):
                        var = self.model.new_bool_var(f"y[{p.course.id}#{p.part}/{ell}@{t}]")
                        self.choices.append(Choice(p.index, t, ell, None, var))
            for pin in p.pinned:
                for t in pin.candidates:
                    var = self.model.new_bool_var(f"pin[{p.course.id}#{p.part}.{pin.run}@{t}]")
                    self.choices.append(Choice(p.index, t, None, pin.run, var))
        self._at: dict[int, list[Choice]] = defaultdict(list)
        self._of: dict[int, list[Choice]] = defaultdict(list)
        for c in self.choices:
            self._at[c.t].append(c)
            self._of[c.part].append(c)

    def at(self, t: int) -> list[Choice]:
        """Every choice at time point ``t``."""
        return self._at.get(t, [])

    def of(self, part: int) -> list[Choice]:
        """Every choice of a part."""
        return self._of.get(part, [])

    def level(self, c: Choice) -> Level:
        p = self.parts[c.part]
        if c.pin is None:
            assert c.level is not None
            return p.levels[c.level]
        return next(x.level for x in p.pinned if x.run == c.pin)

    def pool(self, c: Choice) -> tuple[str, ...]:
        p = self.parts[c.part]
        if c.pin is None:
            return p.pool
        return next(x.pool for x in p.pinned if x.run == c.pin)

    def guard(self, family: str, text: str, finding: Finding) -> cp_model.IntVar:
        """A literal that switches one rule instance on: ``family`` and ``text`` name it in
        English (logs), ``finding`` as data for the words and the relaxations
        (:mod:`planner.explain`)."""
        lit = self.model.new_bool_var(f"guard[{len(self.guards)}]")
        self.guards.append(Guard(lit, family, text, finding))
        return lit

    def penalise(self, expr: cp_model.LinearExprT, weight: int, label: str) -> None:
        self.penalties.append((expr, weight, label))
