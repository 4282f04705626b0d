"""What changed between two plans, counted in the two units the office reports.

* **Changed sessions** — an entry of the timetable itself: a session whose time, room or speaker
  differs, or that appeared or disappeared; a rotation block or an external-study placement that
  changed, appeared or disappeared. Who attends is not part of it.
* **Changed person-events** — one entry in one person's calendar feed: an event that appears in
  it, leaves it, or moves within it (its time, place or speaker changed, or the person went from
  attending to teaching it). A person's feed shows the sessions they attend or teach, their
  rotation blocks and their placements. Moving someone from cohort 3 to cohort 5 is therefore
  two person-events (cohort 3 leaves their feed, cohort 5 appears) and no changed session.

Events are matched by the same keys the calendar feeds use for UIDs (session id, person +
programme + block, person + seat), so a change here is exactly an event whose UID a subscriber
sees again with a higher SEQUENCE, or one that appears or leaves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from planner.calendars import keys
from planner.plan import Plan, PlannedSession

SESSION, ROTATION, PLACEMENT = "session", "rotation", "placement"
#: Entries of one person's feed that are not timetable entries: a recording to watch (on the day
#: the part's last run is held) and an online module's deadline. They count as person-events
#: (they appear in, leave or move within a feed) but never as changed sessions.
RECORDING, DEADLINE = "recording", "deadline"
PERSONAL = (RECORDING, DEADLINE)
ADDED, REMOVED, MOVED = "added", "removed", "moved"
ATTENDS, TEACHES, AWAY = "attends", "teaches", "away"  # a person's part in an event


@dataclass(frozen=True)
class EventState:
    """One timetable entry as a plan has it."""

    key: str
    kind: str  # session / rotation / placement
    ref: str  # session id, or "<programme>:<block>", or the seat id
    label: str  # course title and topic, the department, or partner and specialty
    start: str  # ISO datetime (sessions) or date (blocks, placements; inclusive)
    end: str
    place: str  # room id, department id, or partner
    speaker: str = ""  # sessions only
    course: str = ""  # sessions only
    part: int = 0
    run: int = 0
    staff: str = ""  # rotations and placements: whose block it is

    def placing(self) -> tuple[str, str, str, str]:
        """Time, place and speaker: a difference here is a change."""
        return (self.start, self.end, self.place, self.speaker)


@dataclass(frozen=True)
class ItemChange:
    """A changed session, rotation block or placement (first unit)."""

    key: str
    change: str  # added / removed / moved
    before: EventState | None
    after: EventState | None
    fields: tuple[str, ...] = ()  # of time / room / speaker / department / partner
    cause: str = ""

    @property
    def state(self) -> EventState:
        found = self.after or self.before
        assert found is not None
        return found


@dataclass(frozen=True)
class PersonChange:
    """One changed entry of one person's feed (second unit)."""

    staff: str
    key: str
    change: str  # added / removed / moved
    before: EventState | None
    after: EventState | None
    role_before: str = ""
    role_after: str = ""
    cause: str = ""

    @property
    def state(self) -> EventState:
        found = self.after or self.before
        assert found is not None
        return found


@dataclass(frozen=True)
class ChangeSet:
    items: tuple[ItemChange, ...] = ()
    people: tuple[PersonChange, ...] = ()

    @property
    def changed_sessions(self) -> int:
        return len(self.items)

    @property
    def changed_person_events(self) -> int:
        return len(self.people)

    def affected_people(self) -> list[str]:
        return sorted({c.staff for c in self.people})


@dataclass
class _Index:
    events: dict[str, EventState] = field(default_factory=dict)
    # person → event key → their part in it
    feeds: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))


def plan_events(plan: Plan) -> _Index:
    """Every timetable entry of a plan, and who sees which in their feed."""
    out = _Index()
    for s in plan.sessions:
        key = keys.session_key(s.id)
        label = f"{s.title} — {s.topic}" if s.topic and s.topic != s.title else s.title
        out.events[key] = EventState(key, SESSION, s.id, label or s.course, s.start, s.end,
                                     s.room, s.speaker, s.course, s.part, s.run)
        for pid in s.attendees:
            out.feeds[pid][key] = ATTENDS
        if s.speaker and not s.speaker.startswith("ext:"):
            out.feeds[s.speaker][key] = TEACHES
    for b in plan.rotations:
        key = keys.rotation_key(b.staff, b.programme, b.block)
        out.events[key] = EventState(key, ROTATION, f"{b.programme}:{b.block}", b.department,
                                     b.start, b.end, b.department, staff=b.staff)
        out.feeds[b.staff][key] = AWAY
    for p in plan.placements:
        key = keys.placement_key(p.staff, p.seat)
        label = f"{p.partner} {p.specialty}".strip()
        out.events[key] = EventState(key, PLACEMENT, p.seat, label, p.start, p.end, p.partner,
                                     staff=p.staff)
        out.feeds[p.staff][key] = AWAY
    _offsite(plan, out)
    return out


def _offsite(plan: Plan, out: _Index) -> None:
    """Recordings and online deadlines, as :mod:`planner.calendars.events` puts them in feeds:
    a recording on the date of the part's last run, a course's deadline on its latest due date."""
    last: dict[tuple[str, int], PlannedSession] = {}
    for s in plan.sessions:
        known = last.get((s.course, s.part))
        if known is None or (s.start, s.id) > (known.start, known.id):
            last[s.course, s.part] = s
    dues: dict[tuple[str, str], str] = {}
    for o in plan.offsite:
        if o.mode == "online":
            due = o.due or plan.horizon_end
            dues[o.staff, o.course] = max(due, dues.get((o.staff, o.course), due))
        elif o.mode == "recording" and (s := last.get((o.course, o.part))) is not None:
            key = keys.recording_key(o.staff, o.course, o.part)
            label = f"{s.title} — {s.topic}" if s.topic and s.topic != s.title else s.title
            out.events[key] = EventState(key, RECORDING, s.id, label or o.course, s.date, s.date,
                                         "", course=o.course, part=o.part, staff=o.staff)
            out.feeds[o.staff][key] = ATTENDS
    for (pid, course), due in sorted(dues.items()):
        key = keys.deadline_key(pid, course)
        out.events[key] = EventState(key, DEADLINE, course, course, due, due, "", course=course,
                                     staff=pid)
        out.feeds[pid][key] = ATTENDS


def _fields(before: EventState, after: EventState) -> tuple[str, ...]:
    place = {SESSION: "room", ROTATION: "department", PLACEMENT: "partner"}.get(after.kind,
                                                                            "place")
    found = []
    if (before.start, before.end) != (after.start, after.end):
        found.append("time")
    if before.place != after.place:
        found.append(place)
    if before.speaker != after.speaker:
        found.append("speaker")
    return tuple(found)


def diff_plans(old: Plan, new: Plan) -> ChangeSet:
    """Both units of change from ``old`` (published) to ``new``; sorted, so deterministic."""
    a, b = plan_events(old), plan_events(new)
    items = []
    for key in sorted(set(a.events) | set(b.events)):
        before, after = a.events.get(key), b.events.get(key)
        if (before or after).kind in PERSONAL:  # type: ignore[union-attr]
            continue  # a feed entry of one person, not a timetable entry
        if before is None:
            items.append(ItemChange(key, ADDED, None, after))
        elif after is None:
            items.append(ItemChange(key, REMOVED, before, None))
        elif before.placing() != after.placing():
            items.append(ItemChange(key, MOVED, before, after, _fields(before, after)))
    people = []
    for pid in sorted(set(a.feeds) | set(b.feeds)):
        mine_a, mine_b = a.feeds.get(pid, {}), b.feeds.get(pid, {})
        for key in sorted(set(mine_a) | set(mine_b)):
            role_a, role_b = mine_a.get(key, ""), mine_b.get(key, "")
            before = a.events[key] if role_a else None
            after = b.events[key] if role_b else None
            if before is None:
                people.append(PersonChange(pid, key, ADDED, None, after, "", role_b))
            elif after is None:
                people.append(PersonChange(pid, key, REMOVED, before, None, role_a, ""))
            elif before.placing() != after.placing() or role_a != role_b:
                people.append(PersonChange(pid, key, MOVED, before, after, role_a, role_b))
    return ChangeSet(tuple(items), tuple(people))
