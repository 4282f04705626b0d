"""Names of things: event keys, feed keys, UIDs and file names.

An event key says *what* an event is, never when or where, so it survives every re-plan:
``session:<course>#<part>.<run>`` ("CPR cohort 3" wherever it moves), ``rotation:<person>:
<programme>:<block>``, ``placement:<person>:<seat>``, ``deadline:<person>:<course>``,
``recording:<person>:<course>#<part>``. Keys hold staff ids, so they never leave the planner as
they are: the UID is ``uuid5(namespace, key)`` with a random namespace kept in the state
database (RFC 7986 §5.3: a UID must not reveal a user), and person calendar files are named by
the same kind of opaque digest.
"""

from __future__ import annotations

import re
import uuid

HOSPITAL = "hospital"
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


def session_key(session_id: str) -> str:
    return f"session:{session_id}"


def rotation_key(person: str, programme: str, block: int) -> str:
    return f"rotation:{person}:{programme}:{block}"


def placement_key(person: str, seat: str) -> str:
    return f"placement:{person}:{seat}"


def deadline_key(person: str, course: str) -> str:
    return f"deadline:{person}:{course}"


def recording_key(person: str, course: str, part: int) -> str:
    return f"recording:{person}:{course}#{part}"


def person_feed(pid: str) -> str:
    return f"person:{pid}"


def room_feed(rid: str) -> str:
    return f"room:{rid}"


def department_feed(did: str) -> str:
    return f"department:{did}"


def feed_kind(feed_key: str) -> str:
    """``person``, ``room``, ``department`` or ``hospital``."""
    return feed_key.split(":", 1)[0]


def feed_id(feed_key: str) -> str:
    return feed_key.split(":", 1)[1] if ":" in feed_key else ""


def event_uid(namespace: uuid.UUID, key: str) -> str:
    return str(uuid.uuid5(namespace, key))


def calendar_uid(namespace: uuid.UUID, feed_key: str) -> str:
    return str(uuid.uuid5(namespace, f"calendar:{feed_key}"))


def file_name(namespace: uuid.UUID, feed_key: str) -> str:
    """The feed's file in ``calendars/``: people by an opaque digest (a staff id or name in a
    file name would tell whose calendar it is), rooms and departments by their id when it is a
    plain identifier, the whole hospital as ``hospital.ics``."""
    kind = feed_kind(feed_key)
    if kind == HOSPITAL:
        return "hospital.ics"
    ident = feed_id(feed_key)
    if kind != "person" and _SAFE_ID.fullmatch(ident):
        return f"{kind}-{ident}.ics"
    return f"{kind}-{uuid.uuid5(namespace, f'file:{feed_key}').hex[:20]}.ics"
