"""Text that goes into a calendar: control characters out, before the library escapes the rest.

``icalendar`` escapes ``\\ ; , \\n`` and (since 7.3.0) a lone CR, so a name cannot break out of
its property. Control characters are removed anyway: a lenient client that mis-handles one
escape could otherwise read ``SUMMARY:a\\rSTATUS:CANCELLED`` as two properties, and invisible
format characters (bidi overrides) can make a calendar entry lie about what it says.
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: Line-breaking and other control characters become one space (a name typed with a line break
#: keeps its words apart); format and private/unassigned code points are dropped.
_BREAKING = {"Cc", "Zl", "Zp"}
_DROPPED = {"Cf", "Cs", "Co", "Cn"}
_SPACES = re.compile(r" {2,}")


def clean_text(value: object) -> str:
    """One line of plain text, safe to put into any iCalendar TEXT property."""
    return _clean(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _clean(text: str) -> str:
    """Cached: the same names and titles recur in thousands of events."""
    if text.isprintable() and "  " not in text and text == text.strip(" "):
        return text  # the usual case: no control, format or unassigned character to remove
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category in _BREAKING:
            out.append(" ")
        elif category not in _DROPPED:
            out.append(char)
    return _SPACES.sub(" ", "".join(out)).strip()


def clean_lines(lines: list[str]) -> str:
    """A multi-line DESCRIPTION: each line cleaned, joined with the one newline we allow."""
    return "\n".join(line for line in (clean_text(x) for x in lines) if line)
