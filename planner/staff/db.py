"""The staff tables in the plan-state database (``state/<name>/planner.sqlite``).

They sit beside the core tables (:mod:`planner.state`), created on first use with ``CREATE
TABLE IF NOT EXISTS``; the core schema version is not touched.

* ``staff_sent`` — every notice ``planner notify`` tried to deliver: person (or ``@wecom`` for the
  group summary), the SHA-256 of what was sent, the address, ``sent`` or ``failed`` with the
  error, attempts and time. A notice already ``sent`` is never sent again; a ``failed`` one is
  retried on the next run.
* ``staff_sign_ins`` — QR sign-ins: person, session id, the session's date (session ids repeat
  from one term's plan to the next: a sign-in counts only for the session held that day), when.
  The ledger reads them
  (:func:`planner.ledger.ledger`) as attendance records, before the office's own records, which
  therefore correct them.
* ``staff_leave_requests`` — leave asked for on the staff page, for the office to accept into
  ``unavailability.csv`` and re-plan. The reason stays here and in the office's view only.
* ``staff_keys`` — the secret the sign-in links are signed with (random, per hospital).
"""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from planner.state import DB_NAME, StateDB, now_utc, utc_text

SCHEMA = """
CREATE TABLE IF NOT EXISTS staff_sent (
    staff_id  TEXT NOT NULL,
    digest    TEXT NOT NULL,
    address   TEXT NOT NULL,
    status    TEXT NOT NULL,
    error     TEXT NOT NULL DEFAULT '',
    attempts  INTEGER NOT NULL DEFAULT 0,
    at        TEXT NOT NULL,
    PRIMARY KEY (staff_id, digest)
);
CREATE TABLE IF NOT EXISTS staff_sign_ins (
    staff_id  TEXT NOT NULL,
    session   TEXT NOT NULL,
    day       TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (staff_id, session, day)
);
CREATE TABLE IF NOT EXISTS staff_leave_requests (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    staff_id  TEXT NOT NULL,
    start     TEXT NOT NULL,
    end       TEXT NOT NULL,
    reason    TEXT NOT NULL,
    at        TEXT NOT NULL,
    status    TEXT NOT NULL DEFAULT 'open'
);
CREATE TABLE IF NOT EXISTS staff_keys (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
"""

SENT, FAILED = "sent", "failed"


def ensure(conn: sqlite3.Connection) -> None:
    """Create the tables if missing, inside the caller's transaction (``executescript`` would
    commit it first)."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


@dataclass(frozen=True)
class SentRow:
    staff_id: str
    digest: str
    address: str
    status: str
    error: str
    attempts: int


def sent_log(db: StateDB) -> dict[tuple[str, str], SentRow]:
    with db.write() as conn:
        ensure(conn)
        rows = conn.execute("SELECT staff_id, digest, address, status, error, attempts "
                            "FROM staff_sent").fetchall()
    return {(r[0], r[1]): SentRow(*r) for r in rows}


def record_sent(db: StateDB, staff_id: str, digest: str, address: str, error: str = "") -> None:
    with db.write() as conn:
        ensure(conn)
        conn.execute(
            "INSERT INTO staff_sent(staff_id, digest, address, status, error, attempts, at) "
            "VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT(staff_id, digest) DO UPDATE SET "
            "address = excluded.address, status = excluded.status, error = excluded.error, "
            "attempts = staff_sent.attempts + 1, at = excluded.at",
            (staff_id, digest, address, FAILED if error else SENT, error[:500],
             utc_text(now_utc())))


def signing_key(db: StateDB) -> bytes:
    """The hospital's sign-in key, created on first use."""
    with db.write() as conn:
        ensure(conn)
        row = conn.execute("SELECT value FROM staff_keys WHERE name = 'sign_in'").fetchone()
        if row is None:
            key = secrets.token_bytes(32)
            conn.execute("INSERT INTO staff_keys(name, value) VALUES ('sign_in', ?)", (key,))
            return key
        return bytes(row[0])


def record_sign_in(db: StateDB, staff_id: str, session: str, day: str, at: dt.datetime) -> bool:
    """True when this is the person's first sign-in to the session held on ``day`` (a second
    scan is a no-op)."""
    with db.write() as conn:
        ensure(conn)
        cur = conn.execute("INSERT OR IGNORE INTO staff_sign_ins(staff_id, session, day, at) "
                           "VALUES (?, ?, ?, ?)", (staff_id, session, day, utc_text(at)))
        return cur.rowcount > 0


def sign_ins(db: StateDB) -> list[tuple[str, str, str]]:
    """(staff id, session id, session date) of every QR sign-in, in a stable order."""
    with db.write() as conn:
        ensure(conn)
        return [tuple(r) for r in conn.execute(
            "SELECT staff_id, session, day FROM staff_sign_ins ORDER BY day, session, staff_id")]


@dataclass(frozen=True)
class LeaveRequest:
    id: int
    staff_id: str
    start: str
    end: str
    reason: str
    at: str
    status: str


def add_leave_request(db: StateDB, staff_id: str, start: dt.date, end: dt.date,
                      reason: str) -> int:
    with db.write() as conn:
        ensure(conn)
        cur = conn.execute(
            "INSERT INTO staff_leave_requests(staff_id, start, end, reason, at) "
            "VALUES (?, ?, ?, ?, ?)",
            (staff_id, start.isoformat(), end.isoformat(), reason, utc_text(now_utc())))
        return int(cur.lastrowid or 0)


def leave_requests(db: StateDB, staff_id: str | None = None) -> list[LeaveRequest]:
    """The office's queue (every person), or one person's own requests."""
    with db.write() as conn:
        ensure(conn)
        sql = "SELECT id, staff_id, start, end, reason, at, status FROM staff_leave_requests"
        rows = conn.execute(sql + (" WHERE staff_id = ? ORDER BY id" if staff_id else
                                   " ORDER BY id"), (staff_id,) if staff_id else ()).fetchall()
    return [LeaveRequest(*r) for r in rows]


def stored_sign_ins(folder: Path) -> list[tuple[str, str, str]]:
    """(staff id, session id, session date) of every QR sign-in in the state database at
    ``folder``, read only; nothing when there is no database or no sign-in yet (the ledger asks
    every re-plan)."""
    path = folder / DB_NAME
    if not path.is_file():
        return []
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    try:
        return [(str(a), str(b), str(c)) for a, b, c in conn.execute(
            "SELECT staff_id, session, day FROM staff_sign_ins ORDER BY day, session, staff_id")]
    except sqlite3.OperationalError:  # no such table: nobody has signed in
        return []
    finally:
        conn.close()


LEAVE_STATUSES = ("open", "accepted", "declined")


def set_leave_status(db: StateDB, request_id: int, status: str) -> bool:
    """The office's answer to a request (``accepted`` once it is in ``unavailability.csv``, or
    ``declined``); the person's page shows it. False when there is no such request."""
    if status not in LEAVE_STATUSES:
        raise ValueError(f"status must be one of {LEAVE_STATUSES}")
    with db.write() as conn:
        ensure(conn)
        cur = conn.execute("UPDATE staff_leave_requests SET status = ? WHERE id = ?",
                           (status, request_id))
        return cur.rowcount > 0
