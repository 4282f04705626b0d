"""The feeds' text lines are made from the library's parts (a content line, not a whole
component, for speed at scale): they must be byte for byte what the library writes when it
serialises the property inside a component — escaping, folding at 75 octets without splitting a
UTF-8 character or an escape, for any text."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event, vText

from icalendar.parser.string import _foldline

from planner.calendars.ics import _text_lines, fold

_TEXT = st.text(alphabet=st.sampled_from(list("ab ,;:\\^\"\n\r\t") + list("讲座学时王张") + ["🙂"]),
                max_size=120)


def _library_line(kind: type, name: str, text: str) -> bytes:
    component = kind()
    component.add(name, vText(text))
    body = bytes(component.to_ical()).split(b"\r\n", 1)[1]
    return body.rsplit(b"\r\nEND:", 1)[0]


@settings(max_examples=300, deadline=None)
@given(summary=_TEXT, description=_TEXT)
@example(summary="讲" * 22, description="a" * 66)  # 74 and 75 octets with the property name
@example(summary="讲" * 23, description="a" * 67 + "\\")
def test_text_lines_are_the_librarys_own(summary: str, description: str) -> None:
    got = _text_lines((("SUMMARY", summary), ("DESCRIPTION", description)))
    for line, (name, text) in zip(got, (("SUMMARY", summary), ("DESCRIPTION", description))):
        assert line == (_library_line(Event, name, text) if text else b"")


@settings(max_examples=100, deadline=None)
@given(name=_TEXT.filter(bool))
def test_calendar_names_are_the_librarys_own(name: str) -> None:
    got = _text_lines((("NAME", name), ("X-WR-CALNAME", name)))
    assert got == (_library_line(Calendar, "NAME", name),
                   _library_line(Calendar, "X-WR-CALNAME", name))


@settings(max_examples=500, deadline=None)
@given(line=st.text(alphabet=st.sampled_from(list("ab\\^:;") + ["讲", "é", "🙂"]), max_size=400))
@example(line="a" * 73 + "\\n")
@example(line="\\" * 200)
def test_fold_is_the_librarys_fold(line: str) -> None:
    assert fold(line.encode()) == _foldline(line).encode()
