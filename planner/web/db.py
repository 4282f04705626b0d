"""The web app's tables, in the hospital's plan-state database beside the published versions.

They carry the prefix ``web_`` and are created with ``CREATE TABLE IF NOT EXISTS`` on every
open, so the core schema (:data:`planner.state.SCHEMA_VERSION`) is untouched and a database the
command line made gains them on the web app's first start.

* ``web_users`` — accounts: name, argon2 hash, role (``office`` / ``department``), department.
* ``web_sessions`` — logged-in browsers: the SHA-256 of the cookie's token (never the token),
  its CSRF token, when it was made and when it expires.
* ``web_login_attempts`` — every failed login by user name and address, for the rate limit.
* ``web_uploads`` — every upload: who, when, the file's name, size, SHA-256, the bytes (only when
  they are an input set at all: garbage and archives refused at the door are not kept), and
  the result of the checks (``ok`` / ``invalid`` / ``refused``) with the issues as JSON.
* ``web_jobs`` — planning runs: the upload planned, who, status, the worker's process id,
  progress (step k of N, quota %, elapsed), the exit code and the message, and the version its plan was published as.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from planner.state import StateDB, open_state

_SCHEMA = """
CREATE TABLE IF NOT EXISTS web_users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('office', 'department')),
    department    TEXT,
    created_at    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS web_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES web_users(id),
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS web_login_attempts (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    address TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS web_login_attempts_at ON web_login_attempts(at);
CREATE TABLE IF NOT EXISTS web_uploads (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES web_users(id),
    uploaded_at TEXT NOT NULL,
    filename    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    data        BLOB,
    result      TEXT NOT NULL CHECK (result IN ('ok', 'invalid', 'refused')),
    issues_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS web_jobs (
    id          INTEGER PRIMARY KEY,
    upload_id   INTEGER NOT NULL REFERENCES web_uploads(id),
    user_id     INTEGER NOT NULL REFERENCES web_users(id),
    status      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    finished_at TEXT,
    pid         INTEGER,
    step        TEXT,
    k           INTEGER,
    n           INTEGER,
    quota       REAL,
    elapsed     REAL,
    exit_code   INTEGER,
    message     TEXT,
    published_version INTEGER
);
"""

#: A job in one of these is under way; every other status is final.
ACTIVE = ("queued", "running")


def open_web(folder: Path, *, create: bool = True) -> StateDB:
    """The hospital's state database with the web tables in place."""
    db = open_state(folder, create=create)
    ensure_tables(db.conn)
    return db


def ensure_tables(conn: sqlite3.Connection) -> None:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'web_jobs'").fetchone():
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
