"""The lower bound a re-plan reports beside its changes: what the changed inputs make impossible
to keep, so that no re-plan could change less (:func:`lower_bound`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from planner.domain import (
    RESERVED_PREFIXES,
    ExternalSeat,
    Problem,
    Programme,
    ProgrammeBlock,
    Staff,
)
from planner.plan import Placement, RotationBlock
from planner.solver.months import keep, seats, sequences
from planner.solver.months.grid import MonthGrid
from planner.solver.months.model import MonthsModel
from planner.solver.months.seats import is_candidate  # the months rule owns eligibility
from planner.solver.replan.past import PastWork, Published

@dataclass(frozen=True)
class LowerBound:
    """What no re-plan can keep: published future sessions whose time, room or speaker the new
    inputs forbid, and the person-events that must change with them."""

    sessions: int
    person_events: int
    reasons: tuple[str, ...] = ()


def lower_bound(work: PastWork, problem: Problem) -> LowerBound:
    """A valid lower bound on the changes of any re-plan against ``work``.

    For each published future session: its course is gone, its room is closed that day, its
    speaker is away that day, or (:class:`_Wards`) its speaker's ward cannot release even one
    person that day under the new inputs. Then the session must change time, place or speaker,
    and every person who sees it — each attendee and the speaker — sees a changed event (a new
    speaker is a change in every attendee's calendar too; :mod:`planner.changes` counts the same
    way): one changed session. Else the session may stay, but each published attendee now away
    that day, or no longer on the staff, loses that event.

    A published rotation block or placement starting on or after the freeze date that the new
    inputs rule out (:func:`_gone_block`, :func:`_gone_placement`) is one changed item and one
    person-event; the teach-back session of such a placement must leave with it (the course
    ``teach-back:<seat>:<staff>`` cannot exist any more), and so must an exit exam when every
    published block ending in its department that month goes (only another rotator's block moved
    or added there could keep it, which changes more); else each examinee whose block goes
    loses that exam. Blocks and placements that
    began before the freeze date are kept as facts and never counted. Each session is counted
    once, under the first reason found.
    """
    courses = {c.id for c in problem.courses}
    staff = problem.staff_by_id()
    off: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for u in problem.unavailability:
        off[u.kind, u.id].append((u.start, u.end))

    def away(kind: str, who: str, day: dt.date) -> bool:
        return any(a <= day <= b for a, b in off.get((kind, who), ()))

    items, item_reasons, leaving, lost = _gone_months(work, problem, staff)
    ward = _Wards(work, problem, staff, away)
    forced: dict[str, str] = {}  # session key → why it must change
    for key, p in sorted(work.future.items()):
        course = key.split("#", 1)[0]
        if course not in courses and not course.startswith(RESERVED_PREFIXES):
            forced[key] = f"{key}: course {course} removed"
        elif p.room and away("room", p.room, p.date):
            forced[key] = f"{key}: room {p.room} closed on {p.date}"
        elif not p.speaker.startswith("ext:") and (p.speaker not in staff
                                                   or away("staff", p.speaker, p.date)):
            forced[key] = f"{key}: speaker {p.speaker} unavailable on {p.date}"
        elif key in leaving:
            forced[key] = leaving[key]
        elif (why := ward.unspared(key, p)) is not None:
            forced[key] = why

    sessions, events = items, items  # each block or placement: one entry in one calendar
    reasons = list(item_reasons)
    for key, p in sorted(work.future.items()):
        if key in forced:
            sessions += 1
            events += len(p.attendees) + (0 if p.speaker.startswith("ext:") else 1)
            reasons.append(forced[key])
            continue
        # the session may stay; these attendees' events cannot
        out = {a for a in p.attendees if a not in staff or away("staff", a, p.date)}
        for pid in sorted((lost.get(key, set()) & p.attendees) - out):
            reasons.append(f"{key}: {pid} loses this exit exam with their rotation block")
            out.add(pid)
        events += len(out)
    return LowerBound(sessions, events, tuple(reasons))


def _gone_months(work: PastWork, problem: Problem, staff: dict[str, Staff]
                 ) -> tuple[int, list[str], dict[str, str], dict[str, set[str]]]:
    """Published blocks and placements from the freeze date on that the new inputs rule out:
    (how many, a reason for each, sessions that must leave with them → why, exit exams that may
    stay → the examinees who lose them)."""
    h = problem.settings.horizon_start
    reasons: list[str] = []
    leaving: dict[str, str] = {}
    seats = {s.id: s for s in problem.seats}
    for p in sorted(work.placements, key=lambda p: (p.start, p.staff, p.seat)):
        if dt.date.fromisoformat(p.start) < work.freeze_until:
            continue  # begun: kept as a fact
        why = _gone_placement(p, seats, staff, h)
        if why is None:
            continue
        reasons.append(f"placement {p.staff} at seat {p.seat} ({p.start}..{p.end}): {why}")
        if p.teach_back in work.future:
            leaving.setdefault(p.teach_back, f"{p.teach_back}: teach-back of {p.staff}'s "
                                             f"placement at seat {p.seat}, which must go ({why})")
    programmes = {p.id: p for p in problem.programmes}
    blocks = {(b.programme, b.block): b for b in problem.blocks}
    done = {(r.staff_id, r.programme, r.category) for r in problem.history
            if r.kind == "rotation"}
    gone: set[RotationBlock] = set()
    for b in sorted(work.rotations, key=lambda b: (b.start, b.staff, b.programme, b.block)):
        if dt.date.fromisoformat(b.start) < work.freeze_until:
            continue  # begun: kept as a fact
        why = _gone_block(b, programmes, blocks, done, staff, h)
        if why is None:
            continue
        gone.add(b)
        reasons.append(f"rotation block {b.staff} {b.programme}#{b.block} in {b.department} "
                       f"({b.start}..{b.end}): {why}")
    # An exit exam is held for (department, month) while any block ends there (months.derive):
    # it must go only when every published block ending there goes, linked to it or not.
    ending: dict[tuple[str, str], list[RotationBlock]] = defaultdict(list)
    for b in work.rotations:
        ending[b.department, b.end[:7]].append(b)
    lost: dict[str, set[str]] = {}
    for b in sorted(gone, key=lambda b: (b.exit_exam, b.staff)):
        exam = b.exit_exam
        if not exam or exam not in work.future:
            continue
        if all(x in gone for x in ending[b.department, b.end[:7]]):
            who = ", ".join(sorted({x.staff for x in ending[b.department, b.end[:7]]}))
            leaving.setdefault(exam, f"{exam}: exit exam of {who}, whose rotation blocks must go")
        else:
            lost.setdefault(exam, set()).add(b.staff)
    return len(reasons), reasons, leaving, lost


def _gone_placement(p: Placement, seats: dict[str, ExternalSeat], staff: dict[str, Staff],
                    horizon_start: dt.date) -> str | None:
    """Why the new inputs rule out a published placement (the person can no longer hold that
    seat at all), or None."""
    seat = seats.get(p.seat)
    if seat is None:
        return f"seat {p.seat} removed"
    person = staff.get(p.staff)
    if person is None:
        return f"{p.staff} left the staff"
    if not is_candidate(person, seat, horizon_start):
        return f"{p.staff} is no longer a candidate for seat {p.seat}"
    return None


def _gone_block(b: RotationBlock, programmes: dict[str, Programme],
                blocks: dict[tuple[str, int], ProgrammeBlock],
                done: set[tuple[str, str, str]], staff: dict[str, Staff],
                horizon_start: dt.date) -> str | None:
    """Why the new inputs rule out a published rotation block as it stands (no block of that
    programme and number in that department for that person any more), or None."""
    person = staff.get(b.staff)
    if person is None:
        return f"{b.staff} left the staff"
    programme = programmes.get(b.programme)
    if programme is None:
        return f"programme {b.programme} removed"
    if not programme.participants.matches(person, horizon_start):
        return f"{b.staff} no longer takes part in programme {b.programme}"
    block = blocks.get((b.programme, b.block))
    if block is None:
        return f"block {b.block} removed from programme {b.programme}"
    if b.department not in block.departments:
        return f"{b.department} no longer a department of block {b.programme}#{b.block}"
    if (b.staff, b.programme, b.department) in done:
        return f"{b.staff} already rotated through {b.department} (history)"
    return None


class _Wards:
    """Whether a published session's speaker can still be spared by their ward that day.

    Teaching takes the speaker off the ward (:meth:`planner.solver.instance.Instance.speaker_free`,
    :mod:`planner.check.coverage`): when the speaker's department, under the new inputs, has on
    that day fewer than its minimum on duty plus one — its people less those on leave — the
    session must change its time or its speaker. To stay a valid bound whatever months a re-plan
    chooses, the roster is counted generously:

    * only speakers who are not rotators are judged — no published rotation block and no
      programme of the new inputs takes them (a re-plan could move them to another ward);
    * a department whose rotators count on duty is not judged on a day a published block places
      a rotator in it, nor at all when it may take rotators (capacity and a programme block
      naming it: a re-plan could bring one in);
    * its people are the staff of the new inputs whose department it is; off the roster are only
      those on leave that day and those certainly elsewhere: in a rotation block elsewhere or on
      a placement that began before the freeze date and that the months phase keeps as a fact
      (:mod:`planner.solver.months.keep`; asked of it only when the answer matters).

    The minimum is :attr:`planner.domain.Department.min_on_duty` as the instance takes it (the
    loader has already turned a share such as 80 % into a head count, rounded up).
    """

    def __init__(self, work: PastWork, problem: Problem, staff: dict[str, Staff],
                 away: Callable[[str, str, dt.date], bool]) -> None:
        self.work, self.problem, self.staff, self.away = work, problem, staff, away
        self.departments = {d.id: d for d in problem.departments}
        h = problem.settings.horizon_start
        self.rotators = {b.staff for b in work.rotations} | {
            p.id for prog in problem.programmes for p in problem.staff
            if prog.participants.matches(p, h)}
        hosting = {d for b in problem.blocks if b.programme in {p.id for p in problem.programmes}
                   for d in b.departments}
        self.may_host = {d.id for d in problem.departments
                         if d.rotator_capacity > 0 and d.id in hosting}
        # published blocks that place someone in a department not their own
        self.rotating_in: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        for b in work.rotations:
            if b.staff in staff and staff[b.staff].department != b.department:
                self.rotating_in[b.department].append((dt.date.fromisoformat(b.start),
                                                       dt.date.fromisoformat(b.end)))
        self.members: dict[str, list[str]] = defaultdict(list)
        for p in problem.staff:
            self.members[p.department].append(p.id)
        # begun blocks elsewhere and begun placements, as published: who may be off the roster
        self.begun: dict[str, list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
        for b in work.rotations:
            start = dt.date.fromisoformat(b.start)
            if start < work.freeze_until:
                self.begun[b.staff].append((start, dt.date.fromisoformat(b.end), b.department))
        for pl in work.placements:
            start = dt.date.fromisoformat(pl.start)
            if start < work.freeze_until:
                self.begun[pl.staff].append((start, dt.date.fromisoformat(pl.end), ""))
        self._facts: dict[str, list[tuple[dt.date, dt.date, str]]] | None = None
        self._cache: dict[tuple[str, dt.date], tuple[int, int] | None] = {}

    def unspared(self, key: str, p: Published) -> str | None:
        speaker = p.speaker
        if speaker.startswith("ext:") or speaker not in self.staff or speaker in self.rotators:
            return None
        dept = self.staff[speaker].department
        found = self._roster(dept, p.date)
        if found is None:
            return None
        on_duty, minimum = found
        if on_duty - minimum >= 1:
            return None
        return (f"{key}: speaker {speaker} cannot be spared by {dept} on {p.date} "
                f"({on_duty} on its roster that day, minimum on duty {minimum})")

    def _roster(self, dept: str, day: dt.date) -> tuple[int, int] | None:
        """(how many of ``dept`` are at most on its roster on ``day``, its minimum), or None
        when the department is not judged that day."""
        key = (dept, day)
        if key in self._cache:
            return self._cache[key]
        d = self.departments.get(dept)
        found: tuple[int, int] | None = None
        if d is not None and not (d.rotators_count_on_duty and self._hosts(dept, day)):
            present = [pid for pid in self.members[dept] if not self.away("staff", pid, day)]
            maybe = [pid for pid in present if self._elsewhere(self.begun, pid, dept, day)]
            if len(present) - len(maybe) - d.min_on_duty >= 1:
                found = (len(present) - len(maybe), d.min_on_duty)  # spared whatever stands
            else:
                facts = self.facts()
                gone = sum(1 for pid in maybe if self._elsewhere(facts, pid, dept, day))
                found = (len(present) - gone, d.min_on_duty)
        self._cache[key] = found
        return found

    def _hosts(self, dept: str, day: dt.date) -> bool:
        """Whether a rotator is, or may be brought, in ``dept`` on ``day``."""
        if dept in self.may_host:
            return True
        return any(a <= day <= b for a, b in self.rotating_in.get(dept, ()))

    @staticmethod
    def _elsewhere(where: dict[str, list[tuple[dt.date, dt.date, str]]], pid: str, dept: str,
                   day: dt.date) -> bool:
        return any(a <= day <= b and place != dept for a, b, place in where.get(pid, ()))

    def facts(self) -> dict[str, list[tuple[dt.date, dt.date, str]]]:
        """Person → (start, end, department, or "" for a placement) of every published block
        and placement the months phase must keep exactly under the new inputs (those begun
        before the freeze date for which an option still exists: :mod:`.months.keep`)."""
        if self._facts is None:
            s = self.problem.settings
            mm = MonthsModel(self.problem, MonthGrid(s.horizon_start, s.horizon_end))
            if self.problem.programmes or self.problem.seats:
                sequences.add(mm)
                seats.add(mm)
                keep.add(mm, self.work.rotations, self.work.placements, self.work.freeze_until)
            out: dict[str, list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
            for kept in mm.published:
                if not kept.begun:
                    continue
                if kept.option is not None:
                    o = kept.option
                    out[o.pid].append((mm.grid.first(kept.start),
                                       mm.grid.last(kept.start + kept.length - 1), o.dept))
                elif kept.seat is not None:
                    out[kept.seat.pid].append((kept.seat.start, kept.seat.end, ""))
            self._facts = dict(out)
        return self._facts
