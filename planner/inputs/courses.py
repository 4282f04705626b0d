"""The ``courses``, ``topics`` and ``pins`` tables.

A course's number of parts and its speakers depend on its topic rows (定人定题), so course rows
are first read into drafts, topics are read against the drafts' ids, and :func:`finish_courses`
then settles parts, speakers and due dates and checks rooms and slots can host the course.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, replace

from planner.domain import (
    RESERVED_PREFIXES,
    Category,
    Course,
    HolidayRow,
    Mode,
    Pin,
    Room,
    Settings,
    Slot,
    Staff,
    Topic,
    Who,
)
from planner.errors import Both, Items, Msg, msg
from planner.inputs import enums, limits
from planner.inputs.cells import (
    CellError,
    Reported,
    RowReader,
    as_text,
    decimal,
    enum_parser,
    parse_bool,
    parse_date,
    whole,
)
from planner.inputs.issues import Issues, Loc
from planner.inputs.names import Ids
from planner.inputs.refs import (
    Built,
    Known,
    dates_in_order,
    in_horizon,
    parse_dates,
    ref,
    unique,
    who,
)
from planner.inputs.staffing import rows
from planner.inputs.tables import RawTable
from planner.inputs.who import unknown_references
from planner.workdays import WorkCalendar

_EXTERNAL = re.compile(r"\s*(external|外请|外聘|外部|院外)\s*[:：]\s*(.*)", re.IGNORECASE)
NOBODY = Who(text="nobody", nobody=True)
NO_SPEAKER_NEEDED = {Category.EXAM, Category.EXIT_EXAM}


_LINK = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`]{1,1000}")


def parse_link(value: object) -> str:
    """A recording's or online module's address: http(s), no spaces, quotes or angle brackets
    (it reaches calendar descriptions and the staff page)."""
    text = str(value).strip()
    if not _LINK.fullmatch(text):
        raise CellError(msg("cell.link"))
    return text


@dataclass
class CourseDraft:
    course: Course  # parts, speakers and due not settled yet
    sessions: int | None
    speaker_text: str
    reader: RowReader


def _speakers(r: RowReader, known: Known) -> tuple[Who | None, str, str]:
    """(pool, external speaker name, raw text) from the ``speakers`` cell."""
    raw = r.raw("speakers")
    if raw is None:
        return None, "", ""
    text = as_text(raw) if not hasattr(raw, "text") else ""
    if not text:  # a formula
        r.get("speakers", as_text)
        return None, "", ""
    m = _EXTERNAL.fullmatch(text)
    if m:
        if not m[2].strip():
            r.issue("speakers", text, msg("course.external_name"))
        return None, m[2].strip(), text
    return who(r, "speakers", known), "", text


def read_courses(
    table: RawTable | None, known: Known, issues: Issues
) -> tuple[list[CourseDraft], set[str] | None]:
    drafts: list[CourseDraft] = []
    ids = Ids()  # with their titles, for "did you mean …"
    seen: dict[object, int] = {}
    category = enum_parser(enums.CATEGORIES, "category")
    mode_of = enum_parser(enums.MODES, "mode")
    credit_class = enum_parser(enums.CREDIT_CLASSES, "credit_class")
    frequency = enum_parser(enums.FREQUENCIES, "frequency")
    for r in rows(table, issues):
        cid = r.text("id", required=True)
        unique(r, "id", cid, seen)
        if cid.startswith(RESERVED_PREFIXES):
            r.issue("id", cid, msg("course.reserved_id"))
        if cid:
            ids.add(cid)
        title = r.text("title", required=True)
        if cid and title:
            ids.names.setdefault(cid, title)
        cat = r.get("category", category, required=True)
        mode = r.get("mode", mode_of, Mode.IN_PERSON)
        in_person = mode is Mode.IN_PERSON
        hours_of = (decimal(limits.HOURS, positive=True) if in_person
                    else decimal(limits.ONLINE_HOURS))
        hours = r.get("hours", hours_of, 0.0, required=in_person)
        sessions = r.get("sessions", whole(*limits.SESSIONS))
        cohort = r.get("cohort_size", whole(*limits.COHORT_SIZE))
        audience = who(r, "audience", known, default="everyone")
        pool, external, speaker_text = _speakers(r, known)
        start = r.get("window_start", parse_date)
        end = r.get("window_end", parse_date)
        dates_in_order(r, start, end, "window_end", "window_start")
        _window_meets_horizon(r, start, end, known)
        dates = r.get("dates", parse_dates, ())
        for day in dates:
            in_horizon(r, "dates", day, known)
        due = r.get("due", parse_date)
        in_horizon(r, "due", due, known)
        course = Course(
            id=cid,
            title=title,
            category=cat,
            mode=mode,
            hours=hours,
            parts=1,
            cohort_size=cohort,
            audience=audience if audience is not None else NOBODY,  # a bad cell: never emitted
            speakers=pool,
            external_speaker=external,
            room_feature=r.text("room_feature"),
            credits=r.get("credits", decimal(limits.CREDITS)),
            speaker_credits=r.get("speaker_credits", decimal(limits.CREDITS)),
            credit_class=r.get("credit_class", credit_class, enums.CreditClass.NONE),
            window_start=start,
            window_end=end,
            frequency=r.get("frequency", frequency, ""),
            dates=dates,
            due=due,
            repeats=r.get("repeats", whole(*limits.REPEATS), 0),
            recording=r.get("recording", parse_bool, False),
            hospital_run=r.get("hospital_run", parse_bool, True),
            url=r.get("url", parse_link, ""),
        )
        # kept even with issues, so the cross-checks in finish_courses still report on it
        drafts.append(CourseDraft(course, sessions, speaker_text, r))
    return drafts, (None if table is None or table.broken else ids)


def _window_meets_horizon(
    r: RowReader, start: dt.date | None, end: dt.date | None, known: Known
) -> None:
    if known.horizon is None:
        return
    h_start, h_end = known.horizon
    span = dict(start=h_start.isoformat(), end=h_end.isoformat())
    if start is not None and start > h_end:
        r.issue("window_start", start, msg("course.window", **span))
    elif end is not None and end < h_start:
        r.issue("window_end", end, msg("course.window", **span))


# --------------------------------------------------------------------------------- topics


def read_topics(table: RawTable | None, known: Known, issues: Issues) -> Built[Topic]:
    built: Built[Topic] = Built()
    seen: dict[object, int] = {}
    locs: list[Loc] = []
    for r in rows(table, issues):
        course = r.text("course", required=True)
        ref(r, "course", course, known.courses, "course")
        part = r.get("session", whole(*limits.SESSIONS), required=True)
        unique(r, "session", (course, part) if course and part else None, seen)
        topic = r.text("topic", required=True)
        speaker = r.text("speaker")
        ref(r, "speaker", speaker, known.staff, "staff")
        day = r.get("date", parse_date)
        in_horizon(r, "date", day, known)
        reported = r.raw("speaker")
        if isinstance(reported, Reported):  # a name of several people: the session has a speaker
            speaker = reported.text
        if course and part is not None:  # counts towards the course's parts even with other issues
            built.drafts.append(Topic(course, part, topic, speaker, day))
            locs.append(r.loc)
        if r.ok:
            built.items.append((Topic(course, part, topic, speaker, day), r.loc))
            built.readers.append(r)
    _check_numbering(table, built.drafts, locs, issues)
    return built


def _check_numbering(
    table: RawTable | None, topics: list[Topic], locs: list[Loc], issues: Issues
) -> None:
    """The sessions of one course must be 1..N, so parts can be taken from the row count."""
    by_course: dict[str, list[tuple[Topic, Loc]]] = {}
    for topic, loc in zip(topics, locs, strict=True):
        by_course.setdefault(topic.course, []).append((topic, loc))
    for course, items in by_course.items():
        numbers = sorted(t.part for t, _ in items)
        if numbers != list(range(1, len(numbers) + 1)):
            first = items[0][1]
            column = table.headers.get("session", "session") if table else "session"
            issues.add(first.file, first.row, column, ",".join(map(str, numbers)),
                       msg("topics.numbering", course=course, count=len(numbers)))


# --------------------------------------------------------------------------------- finishing


def _parts(draft: CourseDraft, topics: list[Topic]) -> int:
    r, n = draft.reader, len(topics)
    if n and draft.sessions is not None and draft.sessions != n:
        r.issue("sessions", draft.sessions, msg("course.sessions_topics", count=n,
                                                 course=draft.course.id))
    return draft.sessions or n or 1


def finish_courses(
    drafts: list[CourseDraft],
    topics: tuple[Topic, ...],
    rooms: tuple[Room, ...] | None,
    slots: tuple[Slot, ...] | None,
    known: Known,
    issues: Issues,
) -> Built[Course]:
    built: Built[Course] = Built()
    for draft in drafts:
        r, c = draft.reader, draft.course
        built.ids.add(c.id)  # type: ignore[union-attr]
        own = [t for t in topics if t.course == c.id]
        parts = _parts(draft, own)
        fixed = {t.part for t in own if t.speaker}
        every_part_fixed = all(p in fixed for p in range(1, parts + 1))
        speakers = None if every_part_fixed or c.external_speaker else c.speakers
        if (
            speakers is None
            and not c.external_speaker
            and c.mode is Mode.IN_PERSON
            and c.category not in NO_SPEAKER_NEEDED
            and not every_part_fixed
            and not draft.speaker_text
        ):
            r.issue("speakers", None, msg("course.speakers.missing"))
        due = c.due
        if c.mode is Mode.ONLINE and due is None:
            due = c.window_end or (known.horizon[1] if known.horizon else None)
        if c.mode is Mode.IN_PERSON:
            _check_hosting(r, c, rooms, slots)
        if r.ok:
            course = replace(c, parts=parts, speakers=speakers, due=due)
            built.items.append((course, r.loc))
            built.readers.append(r)
    return built


def _check_hosting(
    r: RowReader, c: Course, rooms: tuple[Room, ...] | None, slots: tuple[Slot, ...] | None
) -> None:
    """A room with the feature and enough seats for one cohort, and a slot long enough."""
    if rooms is not None:
        fitting = [room for room in rooms if not c.room_feature or c.room_feature in room.features]
        if c.room_feature and not fitting:
            offered = sorted({f for room in rooms for f in room.features})
            r.issue("room_feature", c.room_feature, msg("course.room_feature"),
                    msg("course.room_feature.fix", features=tuple(offered)) if offered else None)
        elif (
            c.cohort_size
            and fitting
            and all(room.capacity is not None for room in fitting)
            and c.cohort_size > max(room.capacity for room in fitting)
        ):
            biggest = max(room.capacity for room in fitting)
            r.issue("cohort_size", c.cohort_size, msg("course.cohort_room", most=biggest,
                                                      course=c.id))
    if slots:
        longest = max(s.hours for s in slots)
        if c.hours > longest + 1e-9:
            r.issue("hours", c.hours, msg("course.hours_slot", longest=longest, course=c.id))


# --------------------------------------------------------------------------------- pins


def allowed_runs(course: Course, staff: tuple[Staff, ...],
                 horizon_start: dt.date) -> tuple[int, Msg]:
    """The most runs one session of ``course`` may have, and why: ``1 + repeats`` for a repeated
    course, one per cohort of the audience for a cohort course (the larger when both are set),
    else one."""
    options: list[tuple[int, Msg]] = []
    if course.repeats:
        options.append((1 + course.repeats, msg("runs.repeats", course=course.id,
                                                 runs=1 + course.repeats)))
    if course.cohort_size:
        audience = sum(1 for s in staff if course.audience.matches(s, horizon_start))
        cohorts = max(1, math.ceil(audience / course.cohort_size))
        options.append((cohorts, msg("runs.cohorts", course=course.id, audience=audience,
                                     size=course.cohort_size, runs=cohorts)))
    if not options:
        return 1, msg("runs.once", course=course.id)
    return max(options, key=lambda o: o[0])


def read_pins(table: RawTable | None, known: Known, issues: Issues) -> Built[Pin]:
    built: Built[Pin] = Built()
    seen: dict[object, int] = {}
    for r in rows(table, issues):
        course = r.text("course", required=True)
        known_course = ref(r, "course", course, known.courses, "course")
        part = r.get("session", whole(*limits.SESSIONS), required=True)
        parts = (known.course_parts or {}).get(course)
        if known_course and part is not None and parts is not None and part > parts:
            r.issue("session", part, msg("pin.session", parts=parts, course=course))
        run = r.get("run", whole(*limits.PIN_RUN), 1)
        most = (known.course_runs or {}).get(course)
        if known_course and run is not None and most is not None and run > most[0]:
            r.issue("run", run, msg("pin.run", most=most[0], why=most[1]))
        unique(r, "run", (course, part, run) if course and part else None, seen)
        day = r.get("date", parse_date)
        in_horizon(r, "date", day, known)
        slot = r.text("slot")
        if (
            ref(r, "slot", slot, None if known.slots is None else set(known.slots), "slot")
            and slot
            and day
        ):
            if known.slots is not None and known.slots[slot].weekday != day.weekday():
                r.issue("slot", slot, msg("pin.slot_weekday", day=day.isoformat(),
                                          weekday=_weekday(day)))
        room = r.text("room")
        ref(r, "room", room, known.rooms, "room")
        speaker = r.text("speaker")
        ref(r, "speaker", speaker, known.staff, "staff")
        if r.ok:
            built.items.append((Pin(course, part, run, day, slot, room, speaker), r.loc))
            built.readers.append(r)
    return built


# --------------------------------------------------------------------------------- fixed days

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def _weekday(day: dt.date) -> Both:
    return Both(_WEEKDAYS_ZH[day.weekday()], _WEEKDAYS[day.weekday()])


def _no_slot_because(day: dt.date, calendar: WorkCalendar) -> Msg:
    if not calendar.is_workday(day):
        name = calendar.holidays.get(day)
        return (msg("fixed.holiday", day=day.isoformat(), name=name) if name
                else msg("fixed.weekend", day=day.isoformat(), weekday=_weekday(day)))
    if calendar.is_makeup_day(day):
        return msg("fixed.makeup", day=day.isoformat())
    return msg("fixed.no_slot", weekday=_weekday(day))


def check_fixed_days(settings: Settings, holidays: tuple[HolidayRow, ...],
                     courses: Built[Course], topics: Built[Topic], pins: Built[Pin]) -> None:
    """A date the office fixed — a pin's, a topic's, a course's list of dates — must offer a
    lecture slot: a working day (the same calendar the planner uses: chinesecalendar, then
    holidays.csv), with a slot on its weekday (on a make-up workday, one marked makeup).
    Otherwise no plan is possible, and the solver could only say so without naming the row.
    Days whose status is estimated (a year nobody published) are left to the planner."""
    from planner.workdays import build_calendar

    calendar = build_calendar(settings, holidays, estimate=True)
    in_person = {c.id: c for c, _ in courses.items if c.mode is Mode.IN_PERSON}

    def unusable(day: dt.date | None, slot: str = "") -> Msg | None:
        if day is None or calendar.is_estimated(day) or not (
                settings.horizon_start <= day <= settings.horizon_end):
            return None
        offered = calendar.slots_on(day, settings.slots)
        if not offered:
            return _no_slot_because(day, calendar)
        if slot and slot not in {s.id for s in offered}:
            because = _no_slot_because(day, calendar)
            return msg("fixed.slot_not_offered", slot=slot, day=day.isoformat(), why=because)
        return None

    for (pin, _), r in zip(pins.items, pins.readers, strict=True):
        why = unusable(pin.date, pin.slot) if pin.course in in_person else None
        if why:
            r.issue("date", pin.date, msg("fixed.pin", why=why))
    for (topic, _), r in zip(topics.items, topics.readers, strict=True):
        why = unusable(topic.date) if topic.course in in_person else None
        if why:
            r.issue("date", topic.date, msg("fixed.topic", why=why))
    for (course, _), r in zip(courses.items, courses.readers, strict=True):
        if course.id in in_person and course.dates and all(unusable(d) for d in course.dates):
            whys = tuple(w for d in course.dates[:3] if (w := unusable(d)) is not None)
            key = "fixed.dates.more" if len(course.dates) > 3 else "fixed.dates"
            r.issue("dates", ",".join(d.isoformat() for d in course.dates),
                    msg(key, why=Items(whys, "list.semi")))


__all__ = ["read_courses", "read_topics", "finish_courses", "read_pins", "unknown_references"]
