"""iCalendar bytes: one VEVENT per rendition, serialised once, assembled into feeds.

The ``icalendar`` library writes every content line (escaping, folding at 75 octets without
splitting a UTF-8 character, CRLF); this module only decides what goes in and concatenates the
cached bytes. A feed is its calendar header, the VTIMEZONE of the plan's zone, its events in
time order and ``END:VCALENDAR``.

Calendar properties (RFC 7986 and the de-facto ones clients read): ``NAME`` and
``X-WR-CALNAME``, ``X-WR-TIMEZONE`` = the TZID, ``REFRESH-INTERVAL;VALUE=DURATION:PT6H`` (a
*minimum* polling hint), ``X-PUBLISHED-TTL:PT6H`` (classic Outlook), a calendar ``UID`` derived
from the feed key. No ``METHOD``: with one, RFC 5546 would want an ORGANIZER in every event and
would make DTSTAMP the creation time.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid

from icalendar import Alarm, Calendar, Event, Timezone, vDuration, vText
from icalendar.parser import Contentline, Parameters

from planner.calendars import keys
from planner.calendars.events import CalendarEvent, Rendition
from planner.calendars.labels import Labels
from planner.calendars.revisions import Revision
from planner.calendars.source import FeedSource
from planner.calendars.text import clean_text

REFRESH = dt.timedelta(hours=6)
PRODID = "-//cme-planner//Training schedule planner//{lang}"
_END = b"END:VCALENDAR\r\n"
_END_EVENT = b"END:VEVENT\r\n"
_PLACEHOLDER_UID = "00000000-0000-0000-0000-000000000000"
_PLACEHOLDER_STAMP = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_UID_LINE = b"UID:" + _PLACEHOLDER_UID.encode()
_DTSTAMP_LINE = b"DTSTAMP:19700101T000000Z"
_MODIFIED_LINE = b"LAST-MODIFIED:19700101T000000Z"
_SEQUENCE_LINE = b"SEQUENCE:0"
_PLACEHOLDER_TEXT = "PLACEHOLDER-TEXT-0f9a2c"
_SUMMARY_LINE = b"SUMMARY:" + _PLACEHOLDER_TEXT.encode()
_DESCRIPTION_LINE = b"DESCRIPTION:" + _PLACEHOLDER_TEXT.encode()
_NO_PARAMETERS = Parameters()
_FOLD_LIMIT = 75  # octets; the library folds a line that would reach it
_ESCAPES = frozenset(b"\\^")


@functools.lru_cache(maxsize=8)
def vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    """The zone's VTIMEZONE for the plan's years (a short block: Asia/Shanghai has had no DST
    since 1991), built once per process."""
    tz = Timezone.from_tzid(tzid, first_date=dt.date(first_year, 1, 1),
                            last_date=dt.date(last_year, 1, 1))
    return bytes(tz.to_ical())


class IcsWriter:
    """Serialises renditions (cached by event key and variant) and assembles feeds."""

    def __init__(self, source: FeedSource, namespace: uuid.UUID):
        self.source = source
        self.namespace = namespace
        self.t = Labels(source.language)
        start = dt.date.fromisoformat(source.horizon_start)
        end = dt.date.fromisoformat(source.horizon_end)
        self.vtimezone = vtimezone(source.timezone, start.year - 1, end.year + 2)
        self._cache: dict[tuple[str, str], bytes] = {}
        self._alarmed: dict[tuple[str, str], bytes] = {}
        self._renditions: dict[tuple[object, ...], bytes] = {}
        self._shapes: dict[tuple[object, ...], bytes] = {}
        self._header: bytes | None = None

    def vevent_with_alarms(self, event: CalendarEvent, variant: str,
                           revision: Revision) -> bytes:
        """The rendition's VEVENT with the plan's reminders (person feeds only: a room's or the
        hospital's calendar must not ring on every phone that subscribes to it)."""
        cached = self._alarmed.get((event.key, variant))
        if cached is None:
            plain = self.vevent(event, variant, revision)
            alarms = valarms(self.source.reminders, event.all_day,
                             event.renditions[variant].summary)
            cached = plain[: -len(_END_EVENT)] + alarms + _END_EVENT if alarms else plain
            self._alarmed[(event.key, variant)] = cached
        return cached

    def vevent(self, event: CalendarEvent, variant: str, revision: Revision) -> bytes:
        """The rendition's VEVENT, serialised once per (event key, variant)."""
        cached = self._cache.get((event.key, variant))
        if cached is not None:
            return cached
        r = event.renditions[variant]
        template = self._renditions.get((event.start, event.end, event.status, r))
        if template is None:
            template = self._rendition_template(event, r)
        stamp = revision.stamp.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ").encode()
        data = _fill(template, {
            _UID_LINE: b"UID:" + revision.uid.encode(),
            _DTSTAMP_LINE: b"DTSTAMP:" + stamp,
            _MODIFIED_LINE: b"LAST-MODIFIED:" + stamp,
            _SEQUENCE_LINE: b"SEQUENCE:%d" % revision.sequence,
        })
        self._cache[(event.key, variant)] = data
        return data

    def _rendition_template(self, event: CalendarEvent, r: Rendition) -> bytes:
        """A rendition without its UID, stamps and SEQUENCE. Built from a *shape* template
        (everything but the times and texts, shared by e.g. the 40 department views of one
        session and by every session in the same room) and the library's own lines for the
        times and the two texts. Building a component costs milliseconds; a hospital of 10,000
        has thousands of session times but few shapes."""
        start, end = _placeholder_times(event)
        shape = (start, event.status, event.transparent, r.location, r.categories,
                 bool(r.description))
        template = self._shapes.get(shape)
        if template is None:
            template = self._shapes[shape] = _serialise(event, r, start, end)
        texts = _text_lines((("SUMMARY", r.summary), ("DESCRIPTION", r.description)))
        filled = _fill(template, {
            _time_line("DTSTART", start): _time_line("DTSTART", event.start),
            _time_line("DTEND", end): _time_line("DTEND", event.end),
            _SUMMARY_LINE: texts[0],
            **({_DESCRIPTION_LINE: texts[1]} if r.description else {})})
        self._renditions[(event.start, event.end, event.status, r)] = filled
        return filled

    def header(self, feed_key: str) -> bytes:
        """``BEGIN:VCALENDAR`` and the calendar's properties (no trailing ``END``)."""
        if self._header is None:
            cal = Calendar.new(
                uid=_PLACEHOLDER_UID,
                prodid=PRODID.format(lang=self.t.language.upper()),
                name=_PLACEHOLDER_TEXT,
                description=self.t("calendar.description"),
            )
            cal.pop("X-WR-CALDESC")  # the library writes it unescaped: TEXT, like DESCRIPTION
            cal.add("X-WR-CALDESC", vText(self.t("calendar.description")))
            cal.add("CALSCALE", "GREGORIAN")
            cal.add("X-WR-TIMEZONE", self.source.timezone)
            cal.add("REFRESH-INTERVAL", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
            cal.add("X-PUBLISHED-TTL", vDuration(REFRESH))
            data = bytes(cal.to_ical())
            assert data.endswith(_END)
            self._header = data[: -len(_END)]
        name = self.calendar_name(feed_key)
        texts = _text_lines((("NAME", name), ("X-WR-CALNAME", name)))
        return _fill(self._header, {
            _UID_LINE: b"UID:" + keys.calendar_uid(self.namespace, feed_key).encode(),
            b"NAME:" + _PLACEHOLDER_TEXT.encode(): texts[0],
            b"X-WR-CALNAME:" + _PLACEHOLDER_TEXT.encode(): texts[1],
        })

    def calendar_name(self, feed_key: str) -> str:
        kind, ident = keys.feed_kind(feed_key), keys.feed_id(feed_key)
        hospital = clean_text(self.source.hospital)
        if kind == "person":
            person = self.source.person(ident)
            who = person.name if person else ident
        elif kind == "room":
            who = self.source.room_name(ident)
        elif kind == "department":
            who = self.source.department_name(ident)
        else:
            return clean_text(self.t("calendar.hospital", hospital=hospital))
        return clean_text(self.t(f"calendar.{kind}", hospital=hospital, who=clean_text(who)))

    def feed(self, feed_key: str, vevents: list[bytes]) -> bytes:
        return b"".join([self.header(feed_key), self.vtimezone, *vevents, _END])


@functools.lru_cache(maxsize=1 << 14)
def valarms(minutes: tuple[int, ...], all_day: bool, summary: str) -> bytes:
    """One display alarm per reminder, ``minutes`` before the start (RFC 5545 §3.6.6). An
    all-day entry (a rotation month, a deadline) gets only the whole-day reminders: an alarm an
    hour before midnight helps nobody."""
    out = []
    for m in minutes:
        if all_day and m % 1440:
            continue
        alarm = Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", vText(summary or "-"))
        alarm.add("TRIGGER", -dt.timedelta(minutes=m))
        out.append(bytes(alarm.to_ical()))
    return b"".join(out)


def _placeholder_times(event: CalendarEvent) -> tuple[dt.date, dt.date]:
    """Stand-in start and end of the event's kind: dates for an all-day event, else times in
    the event's own zone (its TZID parameter is part of the shape)."""
    if isinstance(event.start, dt.datetime):
        start = dt.datetime(1970, 1, 1, tzinfo=event.start.tzinfo)
        return start, start + dt.timedelta(days=1)
    return dt.date(1970, 1, 1), dt.date(1970, 1, 2)


@functools.lru_cache(maxsize=1 << 14)
def _time_line(name: str, value: dt.date) -> bytes:
    """DTSTART or DTEND as the library writes it (with its TZID or VALUE=DATE parameter)."""
    component = Event()
    component.add(name, value)
    body = bytes(component.to_ical()).split(b"\r\n", 1)[1]  # drop BEGIN:VEVENT
    return body.rsplit(b"\r\nEND:", 1)[0]


def _serialise(event: CalendarEvent, r: Rendition, start: dt.date, end: dt.date) -> bytes:
    """The library's VEVENT for a rendition's shape: placeholder UID, stamps, SEQUENCE, times,
    summary and description."""
    vevent = Event.new(
        uid=_PLACEHOLDER_UID,
        stamp=_PLACEHOLDER_STAMP,
        last_modified=_PLACEHOLDER_STAMP,
        sequence=0,
        start=start,
        end=end,
        summary=_PLACEHOLDER_TEXT,
        description=_PLACEHOLDER_TEXT if r.description else None,
        location=r.location or None,
        categories=list(r.categories),
        status=event.status,  # type: ignore[arg-type]
        transparency="TRANSPARENT" if event.transparent else "OPAQUE",  # type: ignore[arg-type]
    )
    return bytes(vevent.to_ical())


@functools.lru_cache(maxsize=1 << 14)
def _text_lines(texts: tuple[tuple[str, str], ...]) -> tuple[bytes, ...]:
    """Each (property, text) as the library writes a TEXT property without parameters —
    escaped by ``vText``, folded as ``Contentline`` folds (:func:`fold`) — without the final
    CRLF; empty texts give empty bytes. (The library leaves NAME raw when added by name, hence
    ``vText`` here.)

    The line is made by the library's ``Contentline.from_parts``, not by serialising a whole
    component: at 10,000 staff the person feeds need some 50,000 distinct texts, and a
    component's property sorting and BEGIN/END lines cost more than the line itself."""
    out = []
    for name, text in texts:
        if not text:
            out.append(b"")
            continue
        out.append(fold(Contentline.from_parts(name, _NO_PARAMETERS, vText(text)).encode()))
    return tuple(out)


def fold(line: bytes) -> bytes:
    """A content line folded as the library folds it (``icalendar.parser.string._foldline``,
    RFC 5545 §3.1): pieces of at most 74 octets, never splitting a UTF-8 character, and never
    ending a piece on the ``\\`` or ``^`` that starts an escape (it moves to the next piece).

    The library's folder walks the line character by character, which costs more than the rest
    of a 10,000-staff hospital's feeds; this one jumps to each cut. A property test holds it to
    the library's output."""
    if len(line) < _FOLD_LIMIT:
        return line
    pieces = []
    start = 0
    while len(line) - start >= _FOLD_LIMIT:
        end = start + _FOLD_LIMIT - 1
        while line[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        if end - start > 1 and line[end - 1] in _ESCAPES:
            end -= 1
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return b"\r\n ".join(pieces)


def _fill(template: bytes, lines: dict[bytes, bytes]) -> bytes:
    """Replace whole content lines (CRLF on both sides, so text inside another property — which
    cannot contain a bare CRLF — is never touched); an empty replacement removes the line."""
    for old, new in lines.items():
        marker = b"\r\n" + old + b"\r\n"
        if template.count(marker) != 1:
            raise AssertionError(f"template lacks exactly one {old!r} line")
        template = template.replace(marker, b"\r\n" + new + b"\r\n" if new else b"\r\n")
    return template
