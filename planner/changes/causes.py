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

Causes are found as :class:`Cause` values (an input change and how it reached the event) and
worded only at the end, in the plan's language (:mod:`planner.changes.labels`): the same
re-plan names the same cause for every event in Chinese and in English.
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
from planner.changes.labels import ENGLISH, Labels, labels_for
from planner.domain import Problem

#: how a cause relates to its input change (see :class:`Cause`)
DIRECT, SPEAKER, SPEAKER_LEFT, KNOCK_ON = "direct", "speaker", "speaker-left", "knock-on"
RE_OPTIMISED, NO_SNAPSHOT = "re-optimised", "no-snapshot"


@dataclass(frozen=True)
class InputChange:
    """One difference between the published inputs and today's, in the office's words.

    The words are the label ``key`` of :mod:`planner.changes.labels` filled with ``values``
    (names and numbers as the inputs have them) and, for leave and closures, the days; so one
    input change reads the same in either language. :attr:`text` is the English."""

    key: str
    kind: str  # leave / room / staff-new / staff-left / department / seat / course / other
    subject: str = ""  # the staff, room, department, seat or course id it concerns
    start: dt.date | None = None  # for leave and closures: the days concerned
    end: dt.date | None = None
    values: tuple[tuple[str, object], ...] = ()
    reason: str = ""  # for leave and closures, as typed (病假, 装修, …)
    #: days named in the words but not matched against events (a withdrawn unavailability)
    days: tuple[dt.date, dt.date] | None = None

    def say(self, labels: Labels) -> str:
        fields = dict(self.values)
        span = (self.start, self.end) if self.start and self.end else self.days
        if span is not None:
            fields["dates"] = labels.days(*span)
        fields["note"] = labels("in.note", reason=self.reason) if self.reason else ""
        return labels(self.key, **fields)

    @property
    def text(self) -> str:
        return self.say(ENGLISH)


@dataclass(frozen=True)
class Cause:
    """Why one event moved: an input change, how it reached the event, and nothing else — the
    words come last, in the notices' language (:meth:`say`)."""

    form: str  # DIRECT / SPEAKER / SPEAKER_LEFT / KNOCK_ON / RE_OPTIMISED / NO_SNAPSHOT
    change: InputChange | None = None
    of: Cause | None = None  # KNOCK_ON: the direct cause it follows from

    def say(self, labels: Labels) -> str:
        if self.form == KNOCK_ON:
            assert self.of is not None
            return labels("cause.knock_on", cause=self.of.say(labels))
        if self.form == RE_OPTIMISED:
            return labels("cause.re_optimised")
        if self.form == NO_SNAPSHOT:
            return labels("cause.no_snapshot")
        assert self.change is not None
        text = self.change.say(labels)
        if self.form == SPEAKER:
            return labels("cause.speaker", cause=text)
        if self.form == SPEAKER_LEFT:
            return labels("cause.speaker_left", cause=text)
        return text

    def root(self) -> InputChange | None:
        """The input change behind this cause, through any knock-on."""
        return self.of.root() if self.form == KNOCK_ON and self.of is not None else self.change

    def concerns(self, person: str) -> bool:
        """Whether the input change behind this cause is about ``person`` themselves (their own
        leave, their joining, leaving or moving department, their own records): only then may
        their notice name it — anyone else reads a neutral cause
        (:mod:`planner.changes.personal`)."""
        found = self.root()
        return found is not None and found.kind in PERSONAL_KINDS and found.subject == person


#: input changes about one person: what they say (a leave and its reason) is theirs alone
PERSONAL_KINDS = ("leave", "freed", "staff-new", "staff-left", "person")


def _days(state: EventState) -> tuple[dt.date, dt.date]:
    return dt.date.fromisoformat(state.start[:10]), dt.date.fromisoformat(state.end[:10])


def _overlaps(change: InputChange, state: EventState) -> bool:
    if change.start is None or change.end is None:
        return True
    first, last = _days(state)
    return change.start <= last and first <= change.end


def _scheduling(problem: Problem) -> object:
    """The plan settings that can move an event: not the outputs' language, feed links, feed
    window, reminders, notice delivery or sign-in window (a re-plan with ``--lang en`` names no
    input change for them)."""
    return replace(problem.settings, language="", public_base_url="", feed_window_days=0,
                   reminders=(), notify=None, sign_in_minutes=0)


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
        if u.kind == "staff":
            out.append(InputChange("in.leave", "leave", u.id, u.start, u.end,
                                   (("name", names.get(u.id, u.id)),), u.reason))
        else:
            out.append(InputChange("in.closed", "room", u.id, u.start, u.end,
                                   (("room", rooms.get(u.id, u.id)),), u.reason))
    after = set(new.unavailability)
    for u in old.unavailability:
        if u not in after:
            if u.kind == "staff":
                key, who = "in.freed.staff", ("name", names.get(u.id, u.id))
            else:
                key, who = "in.freed.room", ("room", rooms.get(u.id, u.id))
            out.append(InputChange(key, "freed", u.id, values=(who,), days=(u.start, u.end)))

    old_staff, new_staff = old.staff_by_id(), new.staff_by_id()
    for pid in sorted(set(new_staff) - set(old_staff)):
        s = new_staff[pid]
        home = deps.get(s.department, s.department)
        out.append(InputChange("in.staff_new", "staff-new", pid,
                               values=(("name", s.name), ("department", home))))
    for pid in sorted(set(old_staff) - set(new_staff)):
        out.append(InputChange("in.staff_left", "staff-left", pid,
                               values=(("name", old_staff[pid].name),)))
    for pid in sorted(set(old_staff) & set(new_staff)):
        a, b = old_staff[pid], new_staff[pid]
        if a.department != b.department:
            out.append(InputChange("in.person_moved", "person", pid, values=(
                ("name", b.name), ("old", deps.get(a.department, a.department)),
                ("new", deps.get(b.department, b.department)))))

    old_rooms, new_rooms = {r.id: r for r in old.rooms}, {r.id: r for r in new.rooms}
    for rid in sorted(set(old_rooms) - set(new_rooms)):
        out.append(InputChange("in.room_removed", "room", rid, values=(("room", rooms[rid]),)))
    for rid in sorted(set(old_rooms) & set(new_rooms)):
        a, b = old_rooms[rid], new_rooms[rid]
        if b.capacity < a.capacity:
            out.append(InputChange("in.room_capacity", "room", rid, values=(
                ("room", b.name), ("old", a.capacity), ("new", b.capacity))))
        elif not a.features <= b.features:
            out.append(InputChange("in.room_feature", "room", rid, values=(("room", b.name),)))

    old_deps = {d.id: d for d in old.departments}
    for d in new.departments:
        was = old_deps.get(d.id)
        if was is None:
            continue
        if d.min_on_duty > was.min_on_duty:
            out.append(InputChange("in.min_on_duty", "department", d.id, values=(
                ("department", d.name), ("old", was.min_on_duty), ("new", d.min_on_duty))))
        if d.rotator_capacity < was.rotator_capacity:
            out.append(InputChange("in.rotator_capacity", "department", d.id, values=(
                ("department", d.name), ("old", was.rotator_capacity),
                ("new", d.rotator_capacity))))

    old_seats, new_seats = {s.id: s for s in old.seats}, {s.id: s for s in new.seats}
    for sid in sorted(old_seats):
        a, b = old_seats[sid], new_seats.get(sid)
        where = (("seat", sid), ("where", f"{a.partner} {a.specialty}".strip()))
        if b is None or b.seats == 0:
            out.append(InputChange("in.seat_cancelled", "seat", sid, values=where))
        elif b.seats < a.seats:
            out.append(InputChange("in.seats_reduced", "seat", sid,
                                   values=(*where, ("old", a.seats), ("new", b.seats))))
        elif b != a:
            out.append(InputChange("in.seat_changed", "seat", sid, values=where))

    old_courses, new_courses = {c.id: c for c in old.courses}, {c.id: c for c in new.courses}
    for cid in sorted(set(old_courses) | set(new_courses)):
        a, b = old_courses.get(cid), new_courses.get(cid)
        if a == b:
            continue
        title = (b or a).title  # type: ignore[union-attr]
        verb = "added" if a is None else "removed" if b is None else "changed"
        out.append(InputChange(f"in.course_{verb}", "course", cid, values=(("title", title),)))
    if {(t.course, t.part): t for t in old.topics} != {(t.course, t.part): t for t in new.topics}:
        for cid in sorted({t.course for t in set(old.topics) ^ set(new.topics)}):
            out.append(InputChange("in.topics", "course", cid, values=(("course", cid),)))
    if set(old.pins) != set(new.pins):
        for cid in sorted({p.course for p in set(old.pins) ^ set(new.pins)}):
            out.append(InputChange("in.pins", "course", cid, values=(("course", cid),)))

    for key, a_rows, b_rows in (("in.history", old.history, new.history),
                                ("in.records", old.attendance_records,
                                 new.attendance_records)):
        if set(a_rows) != set(b_rows):
            for pid in sorted({r.staff_id for r in set(a_rows) ^ set(b_rows)}):
                out.append(InputChange(key, "person", pid, values=(("name", names.get(pid, pid)),)))
    if set(old.holidays) != set(new.holidays):
        out.append(InputChange("in.holidays", "other"))
    if _scheduling(old) != _scheduling(new):
        out.append(InputChange("in.settings", "other"))
    if (old.programmes, old.blocks) != (new.programmes, new.blocks):
        out.append(InputChange("in.programmes", "other"))
    return out


class _Causes:
    def __init__(self, changes: list[InputChange], home: Callable[[str], str]):
        self.changes = changes
        self.home = home
        self.by: dict[tuple[str, str], list[InputChange]] = defaultdict(list)
        for c in changes:
            self.by[c.kind, c.subject].append(c)

    def _first(self, kind: str, subject: str, state: EventState | None = None,
               form: str = DIRECT) -> Cause | None:
        for c in self.by.get((kind, subject), ()):
            if state is None or _overlaps(c, state):
                return Cause(form, c)
        return None

    def item(self, change: ItemChange) -> Cause | None:
        """A direct cause of a changed session, block or placement, or None."""
        b = change.before
        s = change.state
        if b is not None and b.kind == SESSION:
            if b.speaker and (found := self._first("leave", b.speaker, b, SPEAKER)):
                return found
            if b.speaker and (found := self._first("staff-left", b.speaker, form=SPEAKER_LEFT)):
                return found
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
        return None

    def person(self, change: PersonChange) -> Cause | None:
        """A direct cause of one person's changed entry, or None."""
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
        return None


def explain_causes(old_inputs: Problem | None, new_problem: Problem, changeset: ChangeSet, *,
                   language: str | None = None) -> ChangeSet:
    """``changeset`` with a cause on every change (see the module docstring for the rules),
    worded in ``language`` — by default the plan's (``new_problem.settings.language``)."""
    labels = labels_for(language or new_problem.settings.language)
    found = find_causes(old_inputs, new_problem, changeset)
    return ChangeSet(
        tuple(replace(c, cause=found[None, c.key].say(labels)) for c in changeset.items),
        tuple(replace(c, cause=found[c.staff, c.key].say(labels)) for c in changeset.people))


def find_causes(old_inputs: Problem | None, new_problem: Problem,
                 changeset: ChangeSet) -> dict[tuple[str | None, str], Cause]:
    """(None, key) for each changed item and (person, key) for each changed entry → its cause.

    Where several direct causes could be named as the knock-on, the first in English wording
    is: the choice never depends on the language the notices are written in."""
    if old_inputs is None:
        unknown = Cause(NO_SNAPSHOT)
        return {(None, c.key): unknown for c in changeset.items} | \
            {(c.staff, c.key): unknown for c in changeset.people}
    homes = {s.id: s.department for s in old_inputs.staff} | \
        {s.id: s.department for s in new_problem.staff}
    changes = input_changes(old_inputs, new_problem)
    causes = _Causes(changes, lambda pid: homes.get(pid, ""))

    item_cause = {c.key: causes.item(c) for c in changeset.items}
    person_cause: dict[tuple[str, str], Cause | None] = {}
    for c in changeset.people:
        own = item_cause.get(c.key)
        # the speaker of a session that moved because of their own leave: say it once, plainly
        if own and c.role_before == TEACHES and c.before and own.form == SPEAKER:
            own = replace(own, form=DIRECT)
        person_cause[c.staff, c.key] = own or causes.person(c)

    by_person: dict[str, list[Cause]] = defaultdict(list)
    by_course: dict[str, list[Cause]] = defaultdict(list)
    by_key: dict[str, list[Cause]] = defaultdict(list)
    for c in changeset.people:
        if cause := person_cause[c.staff, c.key]:
            by_person[c.staff].append(cause)
            by_key[c.key].append(cause)
            if c.state.course:
                by_course[c.state.course].append(cause)
    for item in changeset.items:
        if cause := item_cause[item.key]:
            by_key[item.key].append(cause)
            if item.state.course:
                by_course[item.state.course].append(cause)
    only = Cause(DIRECT, changes[0]) if len(changes) == 1 else None

    def knock_on(*candidates: list[Cause]) -> Cause:
        for found in candidates:
            if found:  # the direct causes are all there is: knock-ons are never collected
                return Cause(KNOCK_ON, of=min(found, key=lambda x: x.say(ENGLISH)))
        return Cause(KNOCK_ON, of=only) if only else Cause(RE_OPTIMISED)

    out: dict[tuple[str | None, str], Cause] = {}
    for item in changeset.items:
        out[None, item.key] = item_cause[item.key] or knock_on(
            by_key.get(item.key, []),
            by_course.get(item.state.course, []) if item.state.course else [])
    for entry in changeset.people:
        out[entry.staff, entry.key] = person_cause[entry.staff, entry.key] or knock_on(
            by_person.get(entry.staff, []), by_key.get(entry.key, []),
            by_course.get(entry.state.course, []) if entry.state.course else [])
    return out
