"""One hospital's calendars end to end: the draft written by ``planner plan`` and the feeds of
the published version (served by ``planner serve``, exported by ``planner publish --to``).

Both go through the same three steps — :func:`build_events`, revisions, :func:`render_feeds` —
and differ only in where SEQUENCE and stamps come from: computed against the last published
version for a draft, read back as recorded for a published version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.calendars import keys
from planner.calendars.events import CalendarSet, build_events
from planner.calendars.feeds import FeedBundle, render_feeds
from planner.calendars.revisions import Revisions, revise, stored_revisions
from planner.calendars.source import FeedSource
from planner.calendars.tokens import TokenStore
from planner.plan import Plan
from planner.state import StateDB, Version


def feed_keys(source: FeedSource) -> list[str]:
    """Every feed the inputs call for: people, departments, rooms, the whole hospital."""
    return (
        [keys.person_feed(p.id) for p in source.people]
        + [keys.department_feed(d.id) for d in source.departments]
        + [keys.room_feed(r.id) for r in source.rooms]
        + [keys.HOSPITAL]
    )


def file_names(source: FeedSource, db: StateDB) -> dict[str, str]:
    return {k: keys.file_name(db.uid_namespace, k) for k in feed_keys(source)}


def draft_stamp(source: FeedSource, current: Version | None) -> tuple[dt.datetime, dt.date]:
    """(revision time, feed-window reference) of a draft: the last publish, or before any
    publish the horizon's first day (00:00 UTC). Never the wall clock."""
    if current is not None:
        return current.published_at, current.feed_reference
    start = dt.date.fromisoformat(source.horizon_start)
    return dt.datetime.combine(start, dt.time(), dt.timezone.utc), start


@dataclass
class Draft:
    calendars: CalendarSet
    revisions: Revisions
    bundle: FeedBundle
    tokens: dict[str, str]
    files: dict[str, str]


def build_draft(plan: Plan, source: FeedSource, db: StateDB) -> Draft:
    """The draft's feeds, as publishing it now would make them (apart from the stamps of
    what changed, which publishing sets to the publish time). Issues missing feed tokens."""
    all_keys = feed_keys(source)
    store = TokenStore(db)
    with db.write():
        store.ensure(all_keys)
    with db.read():
        current = db.current_version()
        revision_time, reference = draft_stamp(source, current)
        calendars = build_events(plan, source)
        revisions = revise(calendars, db.uid_namespace, db.events(), db.renditions(),
                           current.version if current else None, revision_time)
        tokens = store.tokens(all_keys)
    bundle = render_feeds(calendars, source, db.uid_namespace, revisions, reference)
    return Draft(calendars, revisions, bundle, tokens, file_names(source, db))


def published_bundle(db: StateDB) -> tuple[Version, FeedBundle] | None:
    """The feeds of the published version exactly as recorded, or ``None`` before any publish."""
    with db.read():
        current = db.current_version()
        if current is None:
            return None
        stamps = db.version_renditions(current.version)
    plan = Plan.from_json(current.plan_json)
    source = FeedSource.from_json(current.source_json)
    calendars = build_events(plan, source)
    revisions = stored_revisions(calendars, db.uid_namespace, stamps)
    return current, render_feeds(calendars, source, db.uid_namespace, revisions,
                                 current.feed_reference)
