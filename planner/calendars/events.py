"""The plan as calendar events: what each event says, and which feeds show it.

An event is built once with every *rendition* it has — the attendee's view, the speaker's
(marked 【主讲】), a department head's (with who from the department attends) — and feeds list
(event key, rendition) pairs. Serialising each rendition once and reusing the bytes in every feed
that shows it is then a dictionary lookup (see :mod:`planner.calendars.ics`).

Nothing here knows about SEQUENCE or stamps: that is :mod:`planner.calendars.revisions`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from planner.calendars import keys
from planner.calendars.labels import Labels
from planner.calendars.source import FeedSource
from planner.calendars.text import clean_lines, clean_text
from planner.names import SessionNames, is_exit_exam
from planner.plan import Placement, Plan, PlannedSession, RotationBlock

#: A department head's view of a session names at most this many attendees (feeds stay small).
MAX_NAMES = 20
NEUTRAL = ""
SPEAKER = "speaker"
DEPARTMENT = "department"


@dataclass(frozen=True)
class Rendition:
    """One way of showing an event: everything but its time, UID, SEQUENCE and stamps."""

    summary: str
    description: str
    location: str = ""
    categories: tuple[str, ...] = ()

    def content(self) -> list[object]:
        return [self.summary, self.description, self.location, list(self.categories)]


@dataclass(frozen=True)
class CalendarEvent:
    """``start``/``end`` are aware datetimes, or dates for all-day events (``end`` exclusive)."""

    key: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    place: str  # the room, department or partner: part of "time, place or status"
    renditions: dict[str, Rendition] = field(default_factory=dict)
    status: str = "CONFIRMED"

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def transparent(self) -> bool:
        """All-day entries (a rotation month, a deadline) must not mark the person busy."""
        return self.all_day

    def fingerprint(self) -> str:
        """Time, place and status: a change here raises SEQUENCE (RFC 5545 §3.8.7.4)."""
        return _fingerprint(self.start, self.end, self.place, self.status)

    def content_hash(self, variant: str) -> str:
        """Everything a rendition shows: a change here moves DTSTAMP and LAST-MODIFIED."""
        return _content_hash(self.fingerprint(), self.transparent, self.renditions[variant])

    def last_day(self) -> dt.date:
        if isinstance(self.end, dt.datetime):
            return self.end.date()
        return self.end - dt.timedelta(days=1)


@dataclass
class CalendarSet:
    """All events of a plan and, per feed key, the (event key, variant) pairs it shows."""

    events: dict[str, CalendarEvent] = field(default_factory=dict)
    feeds: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def show(self, feed_key: str, event_key: str, variant: str = NEUTRAL) -> None:
        if feed_key in self.feeds:
            self.feeds[feed_key].append((event_key, variant))


def _digest(value: object) -> str:
    raw = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


# Cached: a recording reminder or deadline shown to hundreds of people hashes the same content.
@functools.lru_cache(maxsize=1 << 16)
def _fingerprint(start: dt.date, end: dt.date, place: str, status: str) -> str:
    return _digest([start.isoformat(), end.isoformat(), place, status])


@functools.lru_cache(maxsize=1 << 16)
def _content_hash(fingerprint: str, transparent: bool, rendition: Rendition) -> str:
    return _digest([fingerprint, transparent, rendition.content()])


def _num(value: float) -> str:
    return f"{value:g}"


class EventBuilder:
    """Turns a :class:`Plan` and its :class:`FeedSource` into a :class:`CalendarSet`."""

    def __init__(self, plan: Plan, source: FeedSource):
        self.plan = plan
        self.source = source
        self.tz = ZoneInfo(source.timezone)
        self.t = Labels(source.language)
        partners = {(p.seat, p.staff): p.partner for p in plan.placements}
        self.names = SessionNames(
            self.t.language,
            course_title=lambda cid: c.title if (c := source.course(cid)) else None,
            person=self.person_name, department=source.department_name,
            partner=lambda seat, staff: partners.get((seat, staff), ""))
        self.sessions = {s.id: s for s in plan.sessions}
        self.out = CalendarSet()
        self._recordings: dict[str, Rendition] = {}

    def build(self) -> CalendarSet:
        for person in self.source.people:
            self.out.feeds[keys.person_feed(person.id)] = []
        for room in self.source.rooms:
            self.out.feeds[keys.room_feed(room.id)] = []
        for dep in self.source.departments:
            self.out.feeds[keys.department_feed(dep.id)] = []
        self.out.feeds[keys.HOSPITAL] = []
        for session in self.plan.sessions:
            self._session(session)
        for block in self.plan.rotations:
            self._rotation(block)
        for placement in self.plan.placements:
            self._placement(placement)
        self._offsite()
        return self.out

    # -- names -----------------------------------------------------------------------------------

    def person_name(self, pid: str) -> str:
        person = self.source.person(pid)
        return clean_text(person.name) if person else clean_text(pid)

    def home(self, pid: str) -> str:
        person = self.source.person(pid)
        return person.department if person else ""

    def speaker_name(self, speaker: str) -> str:
        if speaker.startswith("ext:"):
            return clean_text(speaker[4:])
        return self.person_name(speaker) if speaker else ""

    def session_title(self, s: PlannedSession) -> str:
        """Title and topic; never empty (a title of control characters only leaves the
        course id), since a calendar entry without a summary shows as a blank bar."""
        title, topic = clean_text(self.names.synthetic(s.course) or s.title), clean_text(s.topic)
        title = title or topic or clean_text(s.course) or s.id
        return self.t("summary.topic", title=title, topic=topic) if topic and topic != title \
            else title

    def _date(self, text: str) -> dt.date:
        return dt.date.fromisoformat(text)

    # -- sessions (lectures, skills, exams, exit exams, teach-backs) ----------------------------

    def _session_lines(self, s: PlannedSession) -> list[str]:
        t = self.t
        lines = [t("line.category", value=t.category(s.category))]
        if s.topic:
            lines.append(t("line.topic", value=s.topic))
        lines.append(t("line.hours", value=_num(s.hours)))
        if s.credit_class != "none" and s.credits:
            lines.append(t("line.credits", credits=_num(s.credits),
                           klass=t.credit_class(s.credit_class)))
        else:
            lines.append(t("line.no_credits"))
        if s.speaker:
            lines.append(t("line.examiner" if is_exit_exam(s.course) else "line.speaker",
                           value=self.speaker_name(s.speaker)))
        lines.append(t("line.room", value=self.source.room_name(s.room)))
        if self.names.synthetic(s.course) is None:  # the planner's own have no course id to show
            lines.append(t("line.session", course=s.course, part=s.part, run=s.run))
        return lines

    def _session(self, s: PlannedSession) -> None:
        t = self.t
        key = keys.session_key(s.id)
        title = self.session_title(s)
        lines = self._session_lines(s)
        room = clean_text(self.source.room_name(s.room))
        category = (clean_text(t.category(s.category)),)
        event = CalendarEvent(
            key=key,
            start=dt.datetime.fromisoformat(s.start).astimezone(self.tz),
            end=dt.datetime.fromisoformat(s.end).astimezone(self.tz),
            place=f"{s.room}|{s.speaker}",
        )
        event.renditions[NEUTRAL] = Rendition(title, clean_lines(lines), room, category)
        teaching = s.speaker and not s.speaker.startswith("ext:")
        if teaching:
            examining = is_exit_exam(s.course)
            extra = [t("line.you_examine" if examining else "line.you_teach")]
            if s.credit_class != "none" and s.speaker_credits:
                extra.append(t("line.speaker_credits", credits=_num(s.speaker_credits),
                               klass=t.credit_class(s.credit_class)))
            event.renditions[SPEAKER] = Rendition(
                t("summary.examining" if examining else "summary.teaching", title=title),
                clean_lines(extra + lines), room,
                category + (t("kind.examining" if examining else "kind.teaching"),),
            )
        by_department: dict[str, list[str]] = defaultdict(list)
        for pid in s.attendees:
            by_department[self.home(pid)].append(pid)
        if teaching:
            by_department.setdefault(self.home(s.speaker), [])
        for dep, members in sorted(by_department.items()):
            if not dep:
                continue
            names = [self.person_name(p) for p in members[:MAX_NAMES]]
            shown = t("line.list_sep").join(names)
            if len(members) > MAX_NAMES:
                shown += t("line.attendees_more")
            dep_lines = list(lines)
            if members:
                dep_lines.append(t("line.attendees", count=len(members), names=shown))
            event.renditions[f"{DEPARTMENT}:{dep}"] = Rendition(
                t("summary.department", title=title, count=len(members)) if members else title,
                clean_lines(dep_lines), room, category,
            )
            self.out.show(keys.department_feed(dep), key, f"{DEPARTMENT}:{dep}")
        self.out.events[key] = event
        for pid in s.attendees:
            if pid != s.speaker:
                self.out.show(keys.person_feed(pid), key)
        if teaching:
            self.out.show(keys.person_feed(s.speaker), key, SPEAKER)
        self.out.show(keys.room_feed(s.room), key)
        self.out.show(keys.HOSPITAL, key)

    def _linked_session(self, session_id: str, label: str) -> list[str]:
        linked = self.sessions.get(session_id) if session_id else None
        if linked is None:
            return []
        return [self.t(label, date=linked.date, title=self.session_title(linked))]

    # -- rotation blocks and external study: all-day, DTEND exclusive -------------------------

    def _all_day(self, key: str, start: str, end: str, place: str) -> CalendarEvent:
        return CalendarEvent(key, self._date(start), self._date(end) + dt.timedelta(days=1), place)

    def _rotation(self, b: RotationBlock) -> None:
        t = self.t
        key = keys.rotation_key(b.staff, b.programme, b.block)
        event = self._all_day(key, b.start, b.end, b.department)
        department = clean_text(self.source.department_name(b.department))
        lines = [
            t("line.programme", programme=self.source.programme_name(b.programme), block=b.block),
            t("line.department", value=department),
            t("line.dates", start=b.start, end=b.end),
            *self._linked_session(b.exit_exam, "line.exit_exam"),
        ]
        category = (t("kind.rotation"),)
        event.renditions[NEUTRAL] = Rendition(
            t("summary.rotation", department=department), clean_lines(lines), department,
            category,
        )
        person = self.person_name(b.staff)
        home = self.home(b.staff)
        event.renditions[DEPARTMENT] = Rendition(
            t("summary.rotation.department", person=person,
              home=clean_text(self.source.department_name(home)), department=department),
            clean_lines([t("line.person", value=person), *lines]), department, category,
        )
        self.out.events[key] = event
        self.out.show(keys.person_feed(b.staff), key)
        for dep in sorted({home, b.department} - {""}):
            self.out.show(keys.department_feed(dep), key, DEPARTMENT)

    def _placement(self, p: Placement) -> None:
        t = self.t
        key = keys.placement_key(p.staff, p.seat)
        event = self._all_day(key, p.start, p.end, f"{p.partner}|{p.specialty}")
        partner, specialty = clean_text(p.partner), clean_text(p.specialty)
        lines = [
            t("line.partner", partner=partner, specialty=specialty),
            t("line.dates", start=p.start, end=p.end),
            *([t("line.placement_credits", value=_num(p.credits))] if p.credits else []),
            *self._linked_session(p.teach_back, "line.teach_back"),
        ]
        category = (t("kind.placement"),)
        event.renditions[NEUTRAL] = Rendition(
            t("summary.placement", partner=partner, specialty=specialty), clean_lines(lines),
            partner, category,
        )
        person = self.person_name(p.staff)
        event.renditions[DEPARTMENT] = Rendition(
            t("summary.placement.department", person=person, partner=partner,
              specialty=specialty),
            clean_lines([t("line.person", value=person), *lines]), partner, category,
        )
        self.out.events[key] = event
        self.out.show(keys.person_feed(p.staff), key)
        if self.home(p.staff):
            self.out.show(keys.department_feed(self.home(p.staff)), key, DEPARTMENT)

    # -- online-module deadlines and recordings to watch ----------------------------------------

    def _offsite(self) -> None:
        dues: dict[tuple[str, str], list[str]] = defaultdict(list)
        parts: dict[tuple[str, str], int] = defaultdict(int)
        last_run: dict[tuple[str, int], PlannedSession] = {}
        for s in self.plan.sessions:
            known = last_run.get((s.course, s.part))
            if known is None or (s.start, s.id) > (known.start, known.id):
                last_run[(s.course, s.part)] = s
        for o in self.plan.offsite:
            if o.mode == "online":
                dues[(o.staff, o.course)].append(o.due or self.plan.horizon_end)
                parts[(o.staff, o.course)] += 1
            elif o.mode == "recording":
                session = last_run.get((o.course, o.part))
                if session is not None:
                    self._recording(o.staff, session)
        for (pid, course), due in sorted(dues.items()):
            self._deadline(pid, course, max(due), parts[(pid, course)])

    def _deadline(self, pid: str, course_id: str, due: str, parts: int) -> None:
        t = self.t
        key = keys.deadline_key(pid, course_id)
        course = self.source.course(course_id)
        event = self._all_day(key, due, due, "")
        title = clean_text(course.title if course else "") or clean_text(course_id) or key
        lines = [t("line.deadline", date=due)]
        if course is not None and course.url:
            lines.append(t("line.link", url=course.url))
        category: tuple[str, ...] = (t("kind.deadline"),)
        if course is not None:
            category = (clean_text(t.category(course.category)), *category)
            lines += [t("line.category", value=t.category(course.category)),
                      t("line.hours", value=_num(course.hours * parts))]
            if course.credit_class != "none" and course.credits:
                lines.append(t("line.credits", credits=_num(course.credits * parts),
                               klass=t.credit_class(course.credit_class)))
        event.renditions[NEUTRAL] = Rendition(
            t("summary.deadline", title=title), clean_lines(lines), "", category
        )
        self.out.events[key] = event
        self.out.show(keys.person_feed(pid), key)

    def _recording(self, pid: str, s: PlannedSession) -> None:
        """A one-day reminder on the day the last run of the part is held (and recorded)."""
        key = keys.recording_key(pid, s.course, s.part)
        event = self._all_day(key, s.date, s.date, "")
        event.renditions[NEUTRAL] = self._recording_rendition(s)
        self.out.events[key] = event
        self.out.show(keys.person_feed(pid), key)

    def _recording_rendition(self, s: PlannedSession) -> Rendition:
        """The same for everyone who watches this part's recording: built once per session."""
        cached = self._recordings.get(s.id)
        if cached is None:
            t = self.t
            lines = [t("line.recording", date=s.date),
                     t("line.category", value=t.category(s.category)),
                     t("line.hours", value=_num(s.hours))]
            if s.topic:
                lines.append(t("line.topic", value=s.topic))
            course = self.source.course(s.course)
            if course is not None and course.url:
                lines.append(t("line.link", url=course.url))
            cached = self._recordings[s.id] = Rendition(
                t("summary.recording", title=self.session_title(s)), clean_lines(lines), "",
                (clean_text(t.category(s.category)), t("kind.recording")),
            )
        return cached


def build_events(plan: Plan, source: FeedSource) -> CalendarSet:
    return EventBuilder(plan, source).build()
