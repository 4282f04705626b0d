"""Re-planning against a published plan: the past is pinned, the future moves as little as it can.

A plan is published and then lives. When the inputs change (a speaker falls ill, a room closes),
``planner plan`` re-plans against the published version:

* **The past is pinned.** Every session dated before the freeze date is kept exactly as published
  — time, room, speaker — with the attendees the ledger says were there (the published list,
  corrected by the sign-in records; :mod:`planner.ledger`). These sessions leave the model: their
  hours and credits count as done, the parts people attended are not asked of them again, a part
  whose every published run lies in the past gets no new run, and hospital rules count them.
* **The future starts from the published plan.** Sessions that still exist keep their published
  time, room, speaker and audience unless a hard rule or a quota needs otherwise: the timetable
  hints the published times and penalises each move above every preference, rooms and speakers
  are matched published-first, the attendance model penalises taking a published attendee out of
  a session, and people are named published-first.

The lower bound reported beside the result counts what the changed inputs make impossible to
keep (:mod:`planner.solver.replan.bound`): a re-plan cannot do better than that.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from functools import cached_property

from planner.domain import (
    HistoryRow,
    Problem,
)
from planner.plan import Placement, Plan, PlannedSession, RotationBlock

#: Objective weight of moving a published session (timetable phase): above every preference
#: and every estimate of places together (a part's places short weigh 50 each, and thousands of
#: places may be estimated short at hospital scale), so a re-plan moves a published session only
#: where keeping it is impossible — a raised ward minimum changes who attends, not when.
MOVE_WEIGHT = 1_000_000
#: Objective weight per published attendee taken out of a session (attendance phase): below the
#: quota shortfall and a missed session (20 per hundredth-hour missed: 3,000 for 1.5 h — no one
#: loses training to avoid a change), above watching a recording and every other preference.
STAY_WEIGHT = 400


@dataclass(frozen=True)
class Published:
    """A session of the published plan that lies in the future: where it was."""

    key: str
    date: dt.date
    slot: str
    room: str
    speaker: str
    attendees: frozenset[str]


@dataclass
class PastWork:
    """What a re-plan keeps from the published plan (see the module docstring)."""

    freeze_until: dt.date
    sessions: list[PlannedSession] = field(default_factory=list)  # before the freeze, as kept
    done: dict[str, frozenset[tuple[str, int]]] = field(default_factory=dict)  # pid → parts
    runs_done: dict[tuple[str, int], frozenset[int]] = field(default_factory=dict)
    closed_parts: frozenset[tuple[str, int]] = frozenset()  # every published run in the past
    future: dict[str, Published] = field(default_factory=dict)  # session key → where it was
    rotations: list[RotationBlock] = field(default_factory=list)  # as published
    #: Hours and credits of the kept sessions as history rows (the ledger's), which the model
    #: counts as done; the plan's quota table counts the kept sessions as planned instead.
    prior: tuple[HistoryRow, ...] = ()
    placements: list[Placement] = field(default_factory=list)
    #: Whether every input the months phase reads is as it was when the published plan was made
    #: (:func:`planner.solver.months.inputs_key`): the published months then still stand.
    months_unchanged: bool = False
    #: The inputs of the published plan (kept with it since snapshots exist): what changed
    #: since for a course (:mod:`planner.solver.timetable.rules.keep_times`).
    inputs: Problem | None = None
    #: Published recordings (person → (course, part)) and what each person fell short of in the
    #: published plan (parts missed as ``course#part``, quotas by the quota table's label): a
    #: re-plan keeps the first and re-plans whoever falls short of more
    #: (:mod:`planner.solver.replan.scope`).
    recordings: dict[str, frozenset[tuple[str, int]]] = field(default_factory=dict)
    short: dict[str, frozenset[str]] = field(default_factory=dict)

    def held(self, category: str, year: int | None = None, month: int | None = None,
             courses: Collection[str] | None = None) -> int:
        """Past sessions of a category (in one month, if given; of ``courses``, if given — a
        held session whose course has left the inputs leaves the plan too): hospital rules
        count them."""
        n = 0
        for s in self.sessions:
            day = dt.date.fromisoformat(s.date)
            if (s.category == category and (courses is None or s.course in courses)
                    and (year is None or (day.year, day.month) == (year, month))):
                n += 1
        return n

    @cached_property
    def future_runs(self) -> dict[tuple[str, int], int]:
        """(course, part) → how many runs of it the published plan holds after the freeze."""
        out: dict[tuple[str, int], int] = defaultdict(int)
        for key in self.future:
            course, rest = key.split("#", 1)
            out[course, int(rest.split(".", 1)[0])] += 1
        return dict(out)

    def taught(self) -> set[tuple[str, str, int]]:
        """(speaker, course, part) of every past session."""
        return {(s.speaker, s.course, s.part) for s in self.sessions}


def past_work(published: Plan, attended: dict[str, tuple[str, ...]],
              freeze_until: dt.date, prior: tuple[HistoryRow, ...] = ()) -> PastWork:
    """Split the published plan at the freeze date. ``attended`` is the ledger's session id →
    attendees (:meth:`planner.ledger.Ledger.attendees`); a past session nobody attended is
    still kept (it was held, its speaker taught it)."""
    work = PastWork(freeze_until, rotations=list(published.rotations),
                    placements=list(published.placements), prior=tuple(prior))
    done: dict[str, set[tuple[str, int]]] = defaultdict(set)
    runs_done: dict[tuple[str, int], set[int]] = defaultdict(set)
    future_parts: set[tuple[str, int]] = set()
    for s in sorted(published.sessions, key=lambda s: (s.start, s.id)):
        day = dt.date.fromisoformat(s.date)
        if day < freeze_until:
            people = tuple(sorted(attended.get(s.id, ())))
            work.sessions.append(_with_attendees(s, people))
            runs_done[s.course, s.part].add(s.run)
            for pid in people:
                done[pid].add((s.course, s.part))
        else:
            future_parts.add((s.course, s.part))
            key = f"{s.course}#{s.part}.{s.run}"
            work.future[key] = Published(key, day, s.slot, s.room, s.speaker,
                                         frozenset(s.attendees))
    work.done = {pid: frozenset(parts) for pid, parts in sorted(done.items())}
    recordings: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for o in published.offsite:
        if o.mode == "recording":
            recordings[o.staff].add((o.course, o.part))
    short: dict[str, set[str]] = defaultdict(set)
    for m in published.missed:
        short[m.staff].add(f"{m.course}#{m.part}")
    for q in published.quotas:
        if q.shortfall > 1e-9:
            short[q.staff].add(q.category)
    work.recordings = {pid: frozenset(v) for pid, v in sorted(recordings.items())}
    work.short = {pid: frozenset(v) for pid, v in sorted(short.items())}
    work.runs_done = {k: frozenset(v) for k, v in sorted(runs_done.items())}
    work.closed_parts = frozenset(k for k in runs_done if k not in future_parts)
    return work


def restore_links(plan: Plan, past: PastWork) -> None:
    """A kept rotation block or placement names its kept exit exam or teach-back session (their
    windows have closed, so the later phases no longer schedule them)."""
    kept = {s.id for s in past.sessions}
    exams = {(b.staff, b.programme, b.block, b.department, b.start, b.end): b.exit_exam
             for b in past.rotations if b.exit_exam in kept}
    talks = {(p.staff, p.seat, p.start): p.teach_back for p in past.placements
             if p.teach_back in kept}
    plan.rotations = [
        replace(b, exit_exam=exams.get((b.staff, b.programme, b.block, b.department, b.start,
                                        b.end), b.exit_exam)) if not b.exit_exam else b
        for b in plan.rotations]
    plan.placements = [
        replace(p, teach_back=talks.get((p.staff, p.seat, p.start), p.teach_back))
        if not p.teach_back else p for p in plan.placements]


def _with_attendees(s: PlannedSession, attendees: tuple[str, ...]) -> PlannedSession:
    return replace(s, attendees=attendees)
