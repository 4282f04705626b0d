"""QR sign-in: a signed, expiring link per session, printed on the session's sign-in sheet.

The link is ``<base>/sign-in/<code>``; the code carries the session id, the published version
the sheet was printed from, and the moment it expires (the session's end plus
``sign_in_minutes``), signed with HMAC-SHA256 under a random per-hospital key kept in the state
database (``staff_keys``). The server accepts a scan only when

* the signature holds (a forged or altered code — another session's id, a later expiry — fails),
* the session is in the published plan and now lies between its start and its end plus the
  sign-in window (the window is checked against the published plan, not only the code), and
* the phone holds the person's own page cookie, set when they opened their feed link's page:
  the person signing in is whoever that link belongs to, never a name typed on the phone.

Only then is ``(person, session, time)`` written to ``staff_sign_ins``, which the ledger reads
(:func:`planner.ledger.ledger`).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass

from planner.plan import Plan, PlannedSession

CODE = re.compile(r"([A-Za-z0-9_-]{1,200})\.([0-9]{1,9})\.([0-9]{1,12})\.([A-Za-z0-9_-]{32})")
OK, FORGED, EXPIRED, EARLY, UNKNOWN = "ok", "forged", "expired", "early", "unknown"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(key: bytes, session: str, version: int, expires: int) -> str:
    mac = hmac.new(key, f"sign-in\n{session}\n{version}\n{expires}".encode(), hashlib.sha256)
    return _b64(mac.digest())[:32]


def window(session: PlannedSession, minutes: int) -> tuple[dt.datetime, dt.datetime]:
    """From the session's start until ``minutes`` after its end."""
    return (dt.datetime.fromisoformat(session.start),
            dt.datetime.fromisoformat(session.end) + dt.timedelta(minutes=minutes))


def make_code(key: bytes, session: PlannedSession, version: int, minutes: int) -> str:
    expires = int(window(session, minutes)[1].timestamp())
    sid = _b64(session.id.encode("utf-8"))
    return f"{sid}.{version}.{expires}.{_sign(key, session.id, version, expires)}"


@dataclass(frozen=True)
class Verdict:
    status: str
    session: PlannedSession | None = None


def verify(key: bytes, code: str, plan: Plan, minutes: int, now: dt.datetime) -> Verdict:
    """Whether ``code`` lets someone sign in to its session at ``now`` (see the module
    docstring); never raises on what a phone sends."""
    found = CODE.fullmatch(code)
    if found is None:
        return Verdict(FORGED)
    try:
        session_id = _unb64(found[1]).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return Verdict(FORGED)
    version, expires = int(found[2]), int(found[3])
    if not hmac.compare_digest(_sign(key, session_id, version, expires), found[4]):
        return Verdict(FORGED)
    session = next((s for s in plan.sessions if s.id == session_id), None)
    if session is None:
        return Verdict(UNKNOWN)
    opens, closes = window(session, minutes)
    if now.timestamp() > expires or now > closes:
        return Verdict(EXPIRED, session)
    if now < opens:
        return Verdict(EARLY, session)
    return Verdict(OK, session)
