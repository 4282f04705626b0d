"""The plan-state database: what must outlive every run (``state/<name>/planner.sqlite``).

Outputs are regenerated and replaced as a whole; subscribers' calendars are not. What a
subscriber has already seen — each event's UID, SEQUENCE and last revision time, the published
plan, the feed tokens in their calendar apps — therefore lives here, beside the outputs and never
inside them, and ``make clean`` leaves it alone.

Every write is one ``BEGIN IMMEDIATE`` transaction, so two ``publish`` runs at once serialise and
a run killed midway leaves the previous state (SQLite's journal rolls the half-write back). The
database is in WAL mode so that the feed server keeps reading while a publish writes.

Tables (``schema_version`` 2; version 1 databases are migrated in place on first open):

* ``meta`` — ``uid_namespace`` (random, makes UIDs unguessable), ``current_version``,
  ``static_export_dir``.
* ``versions`` — every published plan: number, ``published_at``, the date its feed window counts
  back from, the inputs' hash, the plan JSON and the calendar source JSON it was published from;
  since schema 2 also the inputs snapshot (``inputs.snapshot.json``, so a re-plan can name the
  input change behind each move; NULL for versions published before) and, for a rollback, the
  version whose content it made current again (``rollback_of``).
* ``events`` — every event ever published, latest state: UID, SEQUENCE, fingerprint of its time,
  place and status, the versions that first and last carried it.
* ``renditions`` — per event and per variant (the attendee's, the speaker's, a department's
  view): content hash and last revision time, which become DTSTAMP and LAST-MODIFIED.
* ``version_renditions`` — the same per published version: the history of every event's UID
  (derived from the key), SEQUENCE and stamps, so an earlier version can be served again.
* ``tokens`` — feed tokens, stored as SHA-256 hashes only (see :mod:`planner.calendars.tokens`).
* ``feed_state`` — per feed, the ETag and the time its bytes last changed (HTTP Last-Modified).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from planner.errors import Both, PlannerError

SCHEMA_VERSION = 2
DB_NAME = "planner.sqlite"
STATE_ENV = "PLANNER_STATE_DIR"

#: Set by the command line's ``--state`` option; wins over the environment variable.
state_dir_override: contextvars.ContextVar[Path | None] = contextvars.ContextVar(
    "state_dir_override", default=None
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
    version        INTEGER PRIMARY KEY,
    published_at   TEXT NOT NULL,
    feed_reference TEXT NOT NULL,
    inputs_hash    TEXT NOT NULL,
    plan_json      BLOB NOT NULL,
    source_json    BLOB NOT NULL,
    inputs_json    BLOB,
    rollback_of    INTEGER
);
CREATE TABLE IF NOT EXISTS events (
    key           TEXT PRIMARY KEY,
    uid           TEXT NOT NULL UNIQUE,
    sequence      INTEGER NOT NULL,
    fingerprint   TEXT NOT NULL,
    first_version INTEGER NOT NULL,
    last_version  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS renditions (
    key           TEXT NOT NULL,
    variant       TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    last_modified TEXT NOT NULL,
    PRIMARY KEY (key, variant)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS version_renditions (
    version       INTEGER NOT NULL,
    key           TEXT NOT NULL,
    variant       TEXT NOT NULL,
    sequence      INTEGER NOT NULL,
    content_hash  TEXT NOT NULL,
    last_modified TEXT NOT NULL,
    PRIMARY KEY (version, key, variant)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tokens (
    feed_key   TEXT NOT NULL,
    generation INTEGER NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    issued_at  TEXT NOT NULL,
    revoked_at TEXT,
    PRIMARY KEY (feed_key, generation)
);
CREATE TABLE IF NOT EXISTS feed_state (
    feed_key   TEXT PRIMARY KEY,
    etag       TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
"""


def state_dir(name: str, root: Path | None = None) -> Path:
    """``<root>/<name>``: the explicit root, else ``--state``, else ``$PLANNER_STATE_DIR``, else
    ``./state``. Tests point the variable at a temporary folder so they never touch real state."""
    base = root or state_dir_override.get() or Path(os.environ.get(STATE_ENV) or "state")
    return Path(base) / name


def utc_text(moment: dt.datetime) -> str:
    """Stored times are UTC, second precision, ISO 8601 with ``Z``: sortable as text."""
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


@dataclass(frozen=True)
class Version:
    version: int
    published_at: dt.datetime
    feed_reference: dt.date
    inputs_hash: str
    plan_json: bytes
    source_json: bytes
    inputs_json: bytes | None = None  # the inputs snapshot; None before schema 2
    rollback_of: int | None = None  # set when this version re-published an earlier one


@dataclass(frozen=True)
class EventState:
    """An event as last published."""

    uid: str
    sequence: int
    fingerprint: str
    last_version: int


@dataclass(frozen=True)
class RenditionState:
    content_hash: str
    last_modified: dt.datetime


class StateDB:
    """One hospital's state database; open it with :func:`open_state`."""

    def __init__(self, folder: Path, conn: sqlite3.Connection):
        self.folder = folder
        self.conn = conn

    # -- plumbing -------------------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction taken up front (``BEGIN IMMEDIATE``): writers queue instead of
        failing half-way on a lock upgrade; any exception rolls everything back."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A read snapshot: everything read inside sees one consistent state."""
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def data_version(self) -> int:
        """Changes whenever another connection commits: a cheap "did anything change?"."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    # -- meta ------------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @property
    def uid_namespace(self) -> uuid.UUID:
        value = self.meta("uid_namespace")
        assert value is not None, "created with the database"
        return uuid.UUID(value)

    def current_version(self) -> Version | None:
        value = self.meta("current_version")
        return None if value is None else self.version(int(value))

    def version(self, number: int) -> Version | None:
        row = self.conn.execute(
            "SELECT version, published_at, feed_reference, inputs_hash, plan_json, source_json, "
            "inputs_json, rollback_of FROM versions WHERE version = ?",
            (number,),
        ).fetchone()
        if row is None:
            return None
        return Version(
            row[0], parse_utc(row[1]), dt.date.fromisoformat(row[2]), row[3], row[4], row[5],
            row[6], row[7],
        )

    def version_numbers(self) -> list[int]:
        return [int(r[0]) for r in self.conn.execute("SELECT version FROM versions ORDER BY 1")]

    # -- events ----------------------------------------------------------------------------------

    def events(self) -> dict[str, EventState]:
        rows = self.conn.execute(
            "SELECT key, uid, sequence, fingerprint, last_version FROM events"
        )
        return {r[0]: EventState(r[1], r[2], r[3], r[4]) for r in rows}

    def renditions(self) -> dict[tuple[str, str], RenditionState]:
        rows = self.conn.execute("SELECT key, variant, content_hash, last_modified FROM renditions")
        return {(r[0], r[1]): RenditionState(r[2], parse_utc(r[3])) for r in rows}

    def version_renditions(self, version: int) -> dict[tuple[str, str], tuple[int, dt.datetime]]:
        """(key, variant) → (SEQUENCE, last revision time) as published in ``version``."""
        rows = self.conn.execute(
            "SELECT key, variant, sequence, last_modified FROM version_renditions "
            "WHERE version = ?",
            (version,),
        )
        return {(r[0], r[1]): (r[2], parse_utc(r[3])) for r in rows}

    # -- feed state ------------------------------------------------------------------------------

    def feed_states(self) -> dict[str, tuple[str, dt.datetime]]:
        rows = self.conn.execute("SELECT feed_key, etag, changed_at FROM feed_state")
        return {r[0]: (r[1], parse_utc(r[2])) for r in rows}


def open_state(folder: Path, *, create: bool = True) -> StateDB:
    """Open (creating on first use) the state database in ``folder``.

    The folder is made readable by its owner only: it holds the feed-token key.
    """
    path = folder / DB_NAME
    if not path.exists():
        if not create:
            raise PlannerError(
                f"{path}: no plan state yet (run 'planner plan' first, or pass --state)"
            )
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30.0,
                               check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        db = StateDB(folder, conn)
        _migrate(db)
    except sqlite3.DatabaseError as exc:
        raise PlannerError(Both(f"{path}：不是可用的计划状态数据库（{exc}）",
                                f"{path}: not a usable plan-state database ({exc})")) from None
    return db


def _migrate(db: StateDB) -> None:
    """Create the tables on first use. Readers (the feed server re-opens the database on every
    change) find the schema in place and take no write lock."""
    try:
        found = db.meta("schema_version")
    except sqlite3.OperationalError:  # no tables yet
        found = None
    if found is not None and int(found) == SCHEMA_VERSION:
        return
    with db.write() as conn:
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        found = db.meta("schema_version")
        if found is None:
            db.set_meta("schema_version", str(SCHEMA_VERSION))
            db.set_meta("uid_namespace", str(uuid.uuid4()))
        elif int(found) > SCHEMA_VERSION:
            raise PlannerError(
                f"{db.folder / DB_NAME}: written by a newer planner (schema {found}); upgrade"
            )
        else:  # older: new tables were created above; add the columns they lack
            _add_missing_columns(conn)
            db.set_meta("schema_version", str(SCHEMA_VERSION))


#: Columns added after schema 1, per table: (name, SQL type). Old rows read them as NULL.
_ADDED_COLUMNS = {"versions": (("inputs_json", "BLOB"), ("rollback_of", "INTEGER"))}


def _add_missing_columns(conn: sqlite3.Connection) -> None:
    """Idempotent: a second process that migrated first leaves nothing to add."""
    for table, columns in _ADDED_COLUMNS.items():
        present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        for name, kind in columns:
            if name not in present:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
