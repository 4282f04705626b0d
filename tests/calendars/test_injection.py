"""No text can inject a property: arbitrary Unicode (control characters, CR, LF, ``, ; \\ : "``)
in every name and title, read back by three parsers — icalendar, the strict ``ical`` and the
lenient ``vobject`` — gives exactly the events and properties we wrote, text intact."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace

import icalendar
import vobject
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream

from planner.calendars.events import build_events
from planner.calendars.feeds import render_feeds
from planner.calendars.revisions import revise
from planner.calendars.source import feed_source

from . import builders

EVENT_PROPS = {"SUMMARY", "DTSTART", "DTEND", "DTSTAMP", "UID", "SEQUENCE", "CATEGORIES",
               "DESCRIPTION", "LAST-MODIFIED", "LOCATION", "STATUS", "TRANSP"}
#: a reminder (person feeds only): nothing a name can add to it either
ALARM_PROPS = {"ACTION", "DESCRIPTION", "TRIGGER"}
CALENDAR_PROPS = {"VERSION", "PRODID", "CALSCALE", "DESCRIPTION", "X-WR-CALDESC", "NAME",
                  "X-WR-CALNAME", "REFRESH-INTERVAL", "UID", "X-PUBLISHED-TTL", "X-WR-TIMEZONE"}
TRICKY = ["\r", "\n", "\r\n", ",", ";", "\\", ":", '"', "\x00", "\x0b", "\x1b", "\u2028",
          "\u202e", "\u0085", "\r\nSTATUS:CANCELLED", "\rSUMMARY:x", "\nBEGIN:VEVENT",
          "\\n", "\\;", "长", "🩺", " "]
text = st.lists(st.one_of(st.characters(), st.sampled_from(TRICKY)), max_size=24).map("".join)


def feeds_for(name: str, room: str, department: str, hospital: str, title: str, topic: str):  # noqa: ANN201
    problem = builders.problem(person=name, room=room, department=department, hospital=hospital,
                               course=title)
    plan = builders.plan(topic=topic)
    plan = replace(plan, sessions=[replace(s, title=title) for s in plan.sessions])
    source = feed_source(problem)
    calendars = build_events(plan, source)
    namespace = uuid.UUID(int=1)
    stamp = dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc)
    revisions = revise(calendars, namespace, {}, {}, None, stamp)
    bundle = render_feeds(calendars, source, namespace, revisions, dt.date(2027, 1, 1))
    return calendars, bundle.feeds


def check_raw(body: bytes) -> None:
    body.decode("utf-8")  # valid UTF-8, no character split by folding
    assert body.endswith(b"\r\n")
    lines = body[:-2].split(b"\r\n")
    for line in lines:
        assert b"\r" not in line and b"\n" not in line
        assert len(line) <= 75, line


def texts(pairs) -> list[tuple[str, str]]:  # noqa: ANN001 — (summary, description) pairs
    """Sorted, with a literal backslash before ``n``/``N`` read as a line break: icalendar,
    which writes the feeds, takes a typed ``\\N`` for a line break when it escapes TEXT (and
    then escapes it correctly as one). So a title containing backslash-N shows a line break in
    calendar apps — harmless: no property can come of it, which is what these tests are about."""
    def read(text: str) -> str:
        return text.replace("\\N", "\n").replace("\\n", "\n")

    return sorted((read(a), read(b)) for a, b in pairs)


def check_feed(body: bytes, expected: list[tuple[str, str]]) -> None:
    """``expected``: (summary, description) of every event, in any order."""
    check_raw(body)
    want = sorted(expected)

    cal = icalendar.Calendar.from_ical(body)
    props = [k for k in cal.keys()]
    assert set(props) <= CALENDAR_PROPS and len(props) == len(set(props))
    events = list(cal.walk("VEVENT"))
    for e in events:
        keys = list(e.keys())
        assert set(keys) <= EVENT_PROPS and len(keys) == len(set(keys)), keys
        assert e["STATUS"] == "CONFIRMED"
        for alarm in e.subcomponents:
            assert alarm.name == "VALARM" and set(alarm.keys()) == ALARM_PROPS, alarm
            assert str(alarm["DESCRIPTION"]) == (str(e["SUMMARY"]) or "-")
    assert texts((str(e["SUMMARY"]), str(e.get("DESCRIPTION", ""))) for e in events) == \
        texts(want)

    strict = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    assert texts((e.summary or "", e.description or "") for e in strict.events) == texts(want)

    lenient = vobject.readOne(body.decode("utf-8"))
    assert {k.upper() for k in lenient.contents} <= CALENDAR_PROPS | {"VEVENT", "VTIMEZONE"}
    found = []
    for e in lenient.contents.get("vevent", []):
        names = {k.upper() for k in e.contents} - {"VALARM"}
        assert names <= EVENT_PROPS, names
        assert all(len(v) == 1 for k, v in e.contents.items() if k != "valarm")
        for alarm in e.contents.get("valarm", []):
            assert {k.upper() for k in alarm.contents} == ALARM_PROPS
        assert e.status.value == "CONFIRMED"
        found.append((e.summary.value, e.description.value if "description" in e.contents
                      else ""))
    assert texts(found) == texts(want)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=text, room=text, department=text, hospital=text, title=text, topic=text)
@example(name="张三\r\nSTATUS:CANCELLED", room="R;1,\\a:b\"", department="内科\rX-INJ:1",
         hospital="医院\nEND:VCALENDAR", title="讲座\x00\x1b", topic="a\r\nBEGIN:VALARM")
@example(name="", room="", department="", hospital="", title="\x00", topic="")  # no SUMMARY left
@example(name="", room="", department="", hospital="\ud800", title="", topic="\\N")  # lone surrogate; a literal backslash-N
def test_no_text_injects_a_property_in_any_parser(name: str, room: str, department: str,
                                                  hospital: str, title: str, topic: str) -> None:
    calendars, feeds = feeds_for(name, room, department, hospital, title, topic)
    for feed_key, body in feeds.items():
        expected = [
            (calendars.events[k].renditions[v].summary,
             calendars.events[k].renditions[v].description)
            for k, v in calendars.feeds[feed_key]
        ]
        check_feed(body, expected)


def test_a_name_with_an_embedded_crlf_shows_as_text() -> None:
    _, feeds = feeds_for("张三\r\nSTATUS:CANCELLED", "R1", "内科", "医院", "讲座", "")
    body = feeds["person:S001"]
    cal = vobject.readOne(body.decode("utf-8"))
    assert cal.x_wr_calname.value.endswith("张三 STATUS:CANCELLED")
    assert all(e.status.value == "CONFIRMED" for e in cal.vevent_list)
    assert b"\r\nSTATUS:CANCELLED" not in body


def test_calendar_names_are_escaped_text() -> None:
    _, feeds = feeds_for("张三", "R1", "内科", "医院;分院,\\总院", "讲座", "")
    head = feeds["hospital"].split(b"BEGIN:VTIMEZONE")[0]
    assert "NAME:医院\\;分院\\,\\\\总院 全院培训安排\r\n".encode() in head
    assert "X-WR-CALNAME:医院\\;分院\\,\\\\总院 全院培训安排\r\n".encode() in head
    assert vobject.readOne(feeds["hospital"].decode()).x_wr_calname.value.startswith("医院")
