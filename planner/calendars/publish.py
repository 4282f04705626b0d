"""``planner publish``: make the draft in OUTPUTS the plan subscribers see.

One ``BEGIN IMMEDIATE`` transaction records the version (inputs hash, plan JSON, calendar
source, publish time), each event's UID / SEQUENCE / fingerprint and each rendition's content
hash and stamp, revokes the feeds of people (rooms, departments) no longer in the inputs and
stores every feed's ETag and the time its bytes last changed. Only after the commit are the
static files exported (``--to DIR``: ``DIR/feeds/<token>.ics``, replaced as a whole), so a
failed export never leaves the database half-written; publishing again repeats it.

Publishing an unchanged draft adds no version: it only moves the feed window to the publish
date (events older than ``feed_window_days`` leave the feeds) — a nightly ``planner publish``
keeps feeds short.

Each version keeps the inputs snapshot ``planner plan`` wrote beside the plan
(``inputs.snapshot.json``), so a later re-plan can name the input change behind every move.

``planner publish OUTPUTS --rollback N`` (:func:`rollback`) makes version N's content the
published one again, recorded as a new version: SEQUENCE only ever rises, so every event that
differs from what subscribers last saw gets SEQUENCE + 1 and calendar apps take the older content
as the newer revision it now is. A rollback revokes no feed tokens (people added since keep their
links; their feeds simply show what version N gave them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from planner.atomic import staged_dir, write_bytes
from planner.calendars.events import CalendarEvent, build_events
from planner.calendars.feeds import FeedBundle, render_feeds
from planner.calendars.hospital import feed_keys, published_bundle
from planner.calendars.outputs import SOURCE_FILE
from planner.calendars.revisions import Revisions, revise, stored_revisions
from planner.calendars.source import FeedSource
from planner.calendars.tokens import TokenStore
from planner.errors import Both, PlannerError
from planner.plan import Plan
from planner.snapshot import SNAPSHOT_FILE
from planner.state import StateDB, Version, now_utc, open_state, state_dir, utc_text


@dataclass
class PublishResult:
    version: int
    unchanged: bool
    published_at: dt.datetime
    feed_reference: dt.date
    new: int = 0
    moved: int = 0
    removed: int = 0
    feeds: int = 0
    revoked: list[str] = field(default_factory=list)
    exported_to: Path | None = None
    warnings: list[str] = field(default_factory=list)
    rollback_of: int | None = None  # the version whose content a rollback published again


@dataclass(frozen=True)
class Draft:
    """A draft as ``planner plan`` left it in OUTPUTS."""

    plan_json: bytes
    source_json: bytes
    inputs_json: bytes | None = None  # the inputs snapshot (absent in outputs of older runs)

    @property
    def plan(self) -> Plan:
        return Plan.from_json(self.plan_json)

    @property
    def source(self) -> FeedSource:
        return FeedSource.from_json(self.source_json)


def read_draft(outputs: Path) -> Draft:
    plan_file = outputs / "plan" / "plan.json"
    source_file = outputs / "calendars" / SOURCE_FILE
    for f in (plan_file, source_file):
        if not f.is_file():
            raise PlannerError(Both(
                f"{outputs}：缺少 {f.relative_to(outputs)}（应为 planner plan 写出的文件夹）",
                f"{outputs}: no {f.relative_to(outputs)} (expected a folder "
                "written by 'planner plan')"))
    snapshot = outputs / SNAPSHOT_FILE
    return Draft(plan_file.read_bytes(), source_file.read_bytes(),
                 snapshot.read_bytes() if snapshot.is_file() else None)


def open_for(outputs: Path, state_root: Path | None = None, *, create: bool = False) -> StateDB:
    """The state database of the hospital whose outputs these are."""
    return open_state(state_dir(read_draft(outputs).source.name, state_root), create=create)


def feed_etag(body: bytes) -> str:
    """A strong ETag: the SHA-256 of the exact bytes served."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def publish(outputs: Path, *, state_root: Path | None = None, at: dt.datetime | None = None,
            export_to: Path | None = None) -> PublishResult:
    draft = read_draft(outputs)
    plan, source = draft.plan, draft.source
    published_at = (at or now_utc()).astimezone(dt.timezone.utc).replace(microsecond=0)
    reference = published_at.astimezone(ZoneInfo(source.timezone)).date()
    db = open_state(state_dir(source.name, state_root), create=True)
    try:
        with db.write():
            current = db.current_version()
            if (current is not None and current.plan_json == draft.plan_json
                    and current.source_json == draft.source_json):
                if current.inputs_json is None and draft.inputs_json is not None:
                    db.conn.execute("UPDATE versions SET inputs_json = ? WHERE version = ?",
                                    (draft.inputs_json, current.version))
                result, bundle = _move_window(db, current, plan, source, reference)
            else:
                result, bundle = _record(db, current, draft, plan, source, published_at,
                                         reference)
            store = TokenStore(db)
            result.revoked = store.revoke_all_but(set(feed_keys(source)))
            tokens = _finish(db, store, source, bundle, published_at, export_to)
        _export(db, result, bundle, tokens, export_to)
    finally:
        db.close()
    return result


def rollback(outputs: Path, version: int, *, state_root: Path | None = None,
             at: dt.datetime | None = None, export_to: Path | None = None) -> PublishResult:
    """Publish version ``version``'s content again, as a new version (see the module docstring).

    ``outputs`` only names the hospital; its draft is left alone."""
    name = read_draft(outputs).source.name
    published_at = (at or now_utc()).astimezone(dt.timezone.utc).replace(microsecond=0)
    db = open_state(state_dir(name, state_root), create=False)
    try:
        with db.write():
            target = db.version(version)
            if target is None:
                known = db.version_numbers()
                have = f"versions 1–{known[-1]}" if known else "no versions yet"
                have_zh = f"现有第 1–{known[-1]} 版" if known else "尚未发布过"
                raise PlannerError(Both(
                    f"--rollback {version}：没有这一已发布版本（{have_zh}）",
                    f"--rollback {version}: no such published version ({have})"))
            current = db.current_version()
            assert current is not None, "a version exists, so one is current"
            if (current.plan_json == target.plan_json
                    and current.source_json == target.source_json):
                raise PlannerError(Both(
                    f"--rollback {version}：其内容与当前发布的第 {current.version} 版相同，"
                    f"无需回退",
                    f"--rollback {version}: its content is already the published "
                    f"one (version {current.version}); nothing to do"))
            draft = Draft(target.plan_json, target.source_json, target.inputs_json)
            source = draft.source
            reference = max(published_at.astimezone(ZoneInfo(source.timezone)).date(),
                            current.feed_reference)
            result, bundle = _record(db, current, draft, draft.plan, source, published_at,
                                     reference, rollback_of=version)
            result.rollback_of = version
            tokens = _finish(db, TokenStore(db), source, bundle, published_at, export_to)
        _export(db, result, bundle, tokens, export_to)
    finally:
        db.close()
    return result


def _finish(db: StateDB, store: TokenStore, source: FeedSource, bundle: FeedBundle,
            published_at: dt.datetime, export_to: Path | None) -> dict[str, str]:
    """The rest of a publish's transaction: tokens, feed state, the export folder remembered."""
    store.ensure(feed_keys(source))
    _record_feed_state(db, bundle, published_at)
    if export_to is not None:
        db.set_meta("static_export_dir", str(export_to.resolve()))
    _test_hold()
    return store.tokens(feed_keys(source))


def _export(db: StateDB, result: PublishResult, bundle: FeedBundle, tokens: dict[str, str],
            export_to: Path | None) -> None:
    """After the commit: a failed export never leaves the database half-written."""
    result.feeds = len(bundle.feeds)
    result.warnings = bundle.warnings
    target = export_to or _remembered_export(db)
    if target is not None:
        export_static(target, bundle, tokens)
        result.exported_to = target


#: Test hook: a path; the publish creates it, then waits inside its write transaction, so a
#: test can kill the process midway and see that nothing of the half-done publish remains.
HOLD_ENV = "PLANNER_TEST_HOLD_PUBLISH"


def _test_hold() -> None:
    marker = os.environ.get(HOLD_ENV)
    if marker:
        Path(marker).write_text("in transaction\n")
        time.sleep(60)


def _move_window(db: StateDB, current: Version, plan: Plan, source: FeedSource,
                 reference: dt.date) -> tuple[PublishResult, FeedBundle]:
    reference = max(reference, current.feed_reference)
    db.conn.execute("UPDATE versions SET feed_reference = ? WHERE version = ?",
                    (reference.isoformat(), current.version))
    calendars = build_events(plan, source)
    revisions = stored_revisions(calendars, db.uid_namespace,
                                 db.version_renditions(current.version))
    bundle = render_feeds(calendars, source, db.uid_namespace, revisions, reference)
    return PublishResult(current.version, True, current.published_at, reference), bundle


def _record(db: StateDB, current: Version | None, draft: Draft, plan: Plan, source: FeedSource,
            published_at: dt.datetime, reference: dt.date, *, rollback_of: int | None = None,
            ) -> tuple[PublishResult, FeedBundle]:
    calendars = build_events(plan, source)
    revisions = revise(calendars, db.uid_namespace, db.events(), db.renditions(),
                       current.version if current else None, published_at)
    row = db.conn.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM versions").fetchone()
    version = int(row[0])
    db.conn.execute(
        "INSERT INTO versions(version, published_at, feed_reference, inputs_hash, plan_json, "
        "source_json, inputs_json, rollback_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (version, utc_text(published_at), reference.isoformat(), source.inputs_hash,
         draft.plan_json, draft.source_json, draft.inputs_json, rollback_of),
    )
    _record_events(db, version, calendars.events, revisions)
    db.set_meta("current_version", str(version))
    bundle = render_feeds(calendars, source, db.uid_namespace, revisions, reference)
    result = PublishResult(version, False, published_at, reference, len(revisions.new),
                           len(revisions.moved), len(revisions.removed))
    return result, bundle


def _record_events(db: StateDB, version: int, events: dict[str, CalendarEvent],
                   revisions: Revisions) -> None:
    conn = db.conn
    event_rows = []
    for key, event in events.items():
        revision = revisions.by_rendition[(key, next(iter(event.renditions)))]
        event_rows.append((key, revision.uid, revision.sequence, event.fingerprint(), version,
                           version))
    conn.executemany(
        "INSERT INTO events(key, uid, sequence, fingerprint, first_version, last_version) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET sequence = excluded.sequence, "
        "fingerprint = excluded.fingerprint, last_version = excluded.last_version",
        event_rows,
    )
    rendition_rows = [
        (key, variant, events[key].content_hash(variant), utc_text(r.stamp), r.sequence)
        for (key, variant), r in revisions.by_rendition.items()
    ]
    conn.executemany(
        "INSERT INTO renditions(key, variant, content_hash, last_modified) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(key, variant) DO UPDATE SET content_hash = excluded.content_hash, "
        "last_modified = excluded.last_modified",
        [row[:4] for row in rendition_rows],
    )
    conn.executemany(
        "INSERT INTO version_renditions(version, key, variant, sequence, content_hash, "
        "last_modified) VALUES (?, ?, ?, ?, ?, ?)",
        [(version, k, v, seq, h, stamp) for k, v, h, stamp, seq in rendition_rows],
    )


def _record_feed_state(db: StateDB, bundle: FeedBundle, published_at: dt.datetime) -> None:
    """Per feed, its ETag and when its bytes last changed (the HTTP Last-Modified)."""
    known = db.feed_states()
    rows = []
    for feed_key, body in bundle.feeds.items():
        etag = feed_etag(body)
        before = known.get(feed_key)
        changed = before[1] if before is not None and before[0] == etag else published_at
        rows.append((feed_key, etag, utc_text(changed)))
    db.conn.execute("DELETE FROM feed_state")
    db.conn.executemany("INSERT INTO feed_state(feed_key, etag, changed_at) VALUES (?, ?, ?)",
                        rows)


def _remembered_export(db: StateDB) -> Path | None:
    value = db.meta("static_export_dir")
    return Path(value) if value else None


#: ``feeds/`` of a static export: its owner may list it, everyone else (the web server) may
#: only open a file whose name they know — the file names are the secret tokens.
EXPORT_DIR_MODE = 0o711


def export_static(target: Path, bundle: FeedBundle, tokens: dict[str, str]) -> None:
    """``target/feeds/<token>.ics`` for every feed with an active token; the folder is replaced
    as a whole, so revoked tokens' files disappear in the same step. The folder cannot be
    listed by other users (:data:`EXPORT_DIR_MODE`): it was 0755, so any local user could read
    every token from ``ls``."""
    target.mkdir(parents=True, exist_ok=True)
    with staged_dir(target / "feeds", mode=EXPORT_DIR_MODE) as stage:
        for feed_key, body in bundle.feeds.items():
            token = tokens.get(feed_key)
            if token is not None:
                write_bytes(stage / f"{token}.ics", body)


def reexport(db: StateDB) -> Path | None:
    """Refresh the remembered static export after a token rotation (old link → gone)."""
    target = _remembered_export(db)
    published = published_bundle(db)
    if target is None or published is None:
        return None
    _, bundle = published
    source = FeedSource.from_json(published[0].source_json)
    with db.read():
        tokens = TokenStore(db).tokens(feed_keys(source))
    export_static(target, bundle, tokens)
    return target
