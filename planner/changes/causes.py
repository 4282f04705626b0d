"""Which input change made each event move: the "why" column of the change notices.

The inputs snapshot kept with the published version is compared with today's inputs; every
difference that can move an event becomes an :class:`InputChange` (a speaker's new leave, a room
closed or removed or made smaller, a new or departed staff member, a department minimum raised,
an external-study seat cancelled, a course changed, …). Each changed event is then given

1. the input change that touches it *directly* — its speaker's or its own person's new leave
   overlapping its old time, its room closed then, its seat cancelled, its person's department
   minimum raised, its person new to the hospital;
2. else, for a person's entry, the direct cause of the event it belongs to (everyone in a
   session that moved because its speaker is on leave is told exactly that);
3. else "knock-on of <cause>": a direct cause of another change of the same person, or the same
   course, or — when the inputs changed in just one way — that change;
4. else "re-optimised" (the solver found an equally good plan that differs here).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from planner.changes.diff import (
    PLACEMENT,
    ROTATION,
    SESSION,
    TEACHES,
    ChangeSet,
    EventState,
    ItemChange,
    PersonChange,
)
from planner.domain import Problem

RE_OPTIMISED = "re-optimised"
NO_SNAPSHOT = "cause unknown (the published version has no inputs snapshot)"


@dataclass(frozen=True)
class InputChange:
    """One difference between the published inputs and today's, in the office's words."""

    text: str
    kind: str  # leave / room / staff-new / staff-left / department / seat / course / other
    subject: str = ""  # the staff, room, department, seat or course id it concerns
    start: dt.date | None = None  # for leave and closures: the days concerned
    end: dt.date | None = None


def _days(state: EventState) -> tuple[dt.date, dt.date]:
    return dt.date.fromisoformat(state.start[:10]), dt.date.fromisoformat(state.end[:10])


def _overlaps(change: InputChange, state: EventState) -> bool:
    if change.start is None or change.end is None:
        return True
    first, last = _days(state)
    return change.start <= last and first <= change.end


def _dates(a: dt.date, b: dt.date) -> str:
    return a.isoformat() if a == b else f"{a.isoformat()}–{b.isoformat()}"


def input_changes(old: Problem, new: Problem) -> list[InputChange]:
    """Every difference between two input sets that can move an event, in a stable order."""
    names = {s.id: s.name for s in old.staff} | {s.id: s.name for s in new.staff}
    rooms = {r.id: r.name for r in old.rooms} | {r.id: r.name for r in new.rooms}
    deps = {d.id: d.name for d in old.departments} | {d.id: d.name for d in new.departments}
    out: list[InputChange] = []

    before = set(old.unavailability)
    for u in new.unavailability:
        if u in before:
            continue
        note = f" ({u.reason})" if u.reason else ""
        if u.kind == "staff":
            out.append(InputChange(f"{names.get(u.id, u.id)} on leave "
                                   f"{_dates(u.start, u.end)}{note}", "leave", u.id, u.start,
                                   u.end))
        else:
            out.append(InputChange(f"room {rooms.get(u.id, u.id)} closed "
                                   f"{_dates(u.start, u.end)}{note}", "room", u.id, u.start,
                                   u.end))
    after = set(new.unavailability)
    for u in old.unavailability:
        if u not in after:
            who = names.get(u.id, u.id) if u.kind == "staff" else f"room {rooms.get(u.id, u.id)}"
            out.append(InputChange(f"{who}: unavailability {_dates(u.start, u.end)} withdrawn",
                                   "freed", u.id))

    old_staff, new_staff = old.staff_by_id(), new.staff_by_id()
    for pid in sorted(set(new_staff) - set(old_staff)):
        s = new_staff[pid]
        home = deps.get(s.department, s.department)
        out.append(InputChange(f"new staff member {s.name} ({home})", "staff-new", pid))
    for pid in sorted(set(old_staff) - set(new_staff)):
        out.append(InputChange(f"staff member {old_staff[pid].name} no longer in the inputs",
                               "staff-left", pid))
    for pid in sorted(set(old_staff) & set(new_staff)):
        a, b = old_staff[pid], new_staff[pid]
        if a.department != b.department:
            out.append(InputChange(f"{b.name} moved from {deps.get(a.department, a.department)} "
                                   f"to {deps.get(b.department, b.department)}", "person", pid))

    old_rooms, new_rooms = {r.id: r for r in old.rooms}, {r.id: r for r in new.rooms}
    for rid in sorted(set(old_rooms) - set(new_rooms)):
        out.append(InputChange(f"room {rooms[rid]} removed", "room", rid))
    for rid in sorted(set(old_rooms) & set(new_rooms)):
        a, b = old_rooms[rid], new_rooms[rid]
        if b.capacity < a.capacity or not a.features <= b.features:
            what = (f"capacity reduced from {a.capacity} to {b.capacity}"
                    if b.capacity < a.capacity else "lost a feature")
            out.append(InputChange(f"room {b.name} {what}", "room", rid))

    old_deps = {d.id: d for d in old.departments}
    for d in new.departments:
        was = old_deps.get(d.id)
        if was is None:
            continue
        if d.min_on_duty > was.min_on_duty:
            out.append(InputChange(f"department {d.name} minimum on duty raised from "
                                   f"{was.min_on_duty} to {d.min_on_duty}", "department", d.id))
        if d.rotator_capacity < was.rotator_capacity:
            out.append(InputChange(f"department {d.name} rotator capacity reduced from "
                                   f"{was.rotator_capacity} to {d.rotator_capacity}",
                                   "department", d.id))

    old_seats, new_seats = {s.id: s for s in old.seats}, {s.id: s for s in new.seats}
    for sid in sorted(old_seats):
        a, b = old_seats[sid], new_seats.get(sid)
        where = f"{a.partner} {a.specialty}".strip()
        if b is None or b.seats == 0:
            out.append(InputChange(f"external-study seat {sid} at {where} cancelled", "seat",
                                   sid))
        elif b.seats < a.seats:
            out.append(InputChange(f"external-study seats at {where} reduced from {a.seats} "
                                   f"to {b.seats}", "seat", sid))
        elif b != a:
            out.append(InputChange(f"external-study seat {sid} at {where} changed", "seat", sid))

    old_courses, new_courses = {c.id: c for c in old.courses}, {c.id: c for c in new.courses}
    for cid in sorted(set(old_courses) | set(new_courses)):
        a, b = old_courses.get(cid), new_courses.get(cid)
        if a == b:
            continue
        title = (b or a).title  # type: ignore[union-attr]
        verb = "added" if a is None else "removed" if b is None else "changed"
        out.append(InputChange(f"course {title} {verb}", "course", cid))
    if {(t.course, t.part): t for t in old.topics} != {(t.course, t.part): t for t in new.topics}:
        for cid in sorted({t.course for t in set(old.topics) ^ set(new.topics)}):
            out.append(InputChange(f"topics of course {cid} changed", "course", cid))
    if set(old.pins) != set(new.pins):
        for cid in sorted({p.course for p in set(old.pins) ^ set(new.pins)}):
            out.append(InputChange(f"fixed sessions of course {cid} changed", "course", cid))

    for what, a_rows, b_rows in (("training history", old.history, new.history),
                                 ("attendance records", old.attendance_records,
                                  new.attendance_records)):
        if set(a_rows) != set(b_rows):
            for pid in sorted({r.staff_id for r in set(a_rows) ^ set(b_rows)}):
                out.append(InputChange(f"{what} of {names.get(pid, pid)} changed", "person", pid))
    if set(old.holidays) != set(new.holidays):
        out.append(InputChange("holidays changed", "other"))
    if old.settings != new.settings:
        out.append(InputChange("plan settings changed", "other"))
    if (old.programmes, old.blocks) != (new.programmes, new.blocks):
        out.append(InputChange("rotation programmes changed", "other"))
    return out


class _Causes:
    def __init__(self, changes: list[InputChange], home: Callable[[str], str]):
        self.changes = changes
        self.home = home
        self.by: dict[tuple[str, str], list[InputChange]] = defaultdict(list)
        for c in changes:
            self.by[c.kind, c.subject].append(c)

    def _first(self, kind: str, subject: str, state: EventState | None = None) -> str:
        for c in self.by.get((kind, subject), ()):
            if state is None or _overlaps(c, state):
                return c.text
        return ""

    def item(self, change: ItemChange) -> str:
        """A direct cause of a changed session, block or placement, or ''."""
        b = change.before
        s = change.state
        if b is not None and b.kind == SESSION:
            if b.speaker and (found := self._first("leave", b.speaker, b)):
                return f"speaker {found}"
            if b.speaker and (found := self._first("staff-left", b.speaker)):
                return f"speaker: {found}"
            if found := self._first("room", b.place, b):
                return found
        if b is not None and b.kind in (ROTATION, PLACEMENT):
            for kind in ("leave", "staff-left"):
                if found := self._first(kind, b.staff, b):
                    return found
        if s.kind == SESSION and (found := self._first("course", s.course)):
            return found
        if s.kind == PLACEMENT and (found := self._first("seat", s.ref)):
            return found
        if s.kind == ROTATION:
            for dep in (s.place, self.home(s.staff)):
                if found := self._first("department", dep):
                    return found
        if s.kind in (ROTATION, PLACEMENT):
            for kind in ("staff-new", "person"):
                if found := self._first(kind, s.staff):
                    return found
        return ""

    def person(self, change: PersonChange) -> str:
        """A direct cause of one person's changed entry, or ''."""
        pid = change.staff
        for kind in ("staff-new", "staff-left"):
            if found := self._first(kind, pid):
                return found
        if change.before is not None and (found := self._first("leave", pid, change.before)):
            return found
        if found := self._first("department", self.home(pid)):
            return found
        if found := self._first("person", pid):
            return found
        return ""


def explain_causes(old_inputs: Problem | None, new_problem: Problem,
                   changeset: ChangeSet) -> ChangeSet:
    """``changeset`` with a cause on every change (see the module docstring for the rules)."""
    if old_inputs is None:
        return ChangeSet(tuple(replace(c, cause=NO_SNAPSHOT) for c in changeset.items),
                         tuple(replace(c, cause=NO_SNAPSHOT) for c in changeset.people))
    homes = {s.id: s.department for s in old_inputs.staff} | \
        {s.id: s.department for s in new_problem.staff}
    changes = input_changes(old_inputs, new_problem)
    causes = _Causes(changes, lambda pid: homes.get(pid, ""))

    item_cause = {c.key: causes.item(c) for c in changeset.items}
    person_cause: dict[tuple[str, str], str] = {}
    for c in changeset.people:
        own = item_cause.get(c.key, "")
        # the speaker of a session that moved because of their own leave: say it once, plainly
        if own and c.role_before == TEACHES and c.before and own.startswith("speaker "):
            own = own.removeprefix("speaker ")
        person_cause[c.staff, c.key] = own or causes.person(c)

    by_person: dict[str, list[str]] = defaultdict(list)
    by_course: dict[str, list[str]] = defaultdict(list)
    by_key: dict[str, list[str]] = defaultdict(list)
    for c in changeset.people:
        if cause := person_cause[c.staff, c.key]:
            by_person[c.staff].append(cause)
            by_key[c.key].append(cause)
            if c.state.course:
                by_course[c.state.course].append(cause)
    for c in changeset.items:
        if cause := item_cause[c.key]:
            by_key[c.key].append(cause)
            if c.state.course:
                by_course[c.state.course].append(cause)
    only = changes[0].text if len(changes) == 1 else ""

    def knock_on(*candidates: list[str]) -> str:
        for found in candidates:
            direct = [x for x in found if not x.startswith("knock-on of ")]
            if direct:
                return f"knock-on of {min(direct)}"
        return f"knock-on of {only}" if only else RE_OPTIMISED

    items = tuple(
        replace(c, cause=item_cause[c.key] or knock_on(by_key.get(c.key, []),
                                                       by_course.get(c.state.course, [])
                                                       if c.state.course else []))
        for c in changeset.items
    )
    people = tuple(
        replace(c, cause=person_cause[c.staff, c.key] or knock_on(
            by_person.get(c.staff, []), by_key.get(c.key, []),
            by_course.get(c.state.course, []) if c.state.course else []))
        for c in changeset.people
    )
    return ChangeSet(items, people)
