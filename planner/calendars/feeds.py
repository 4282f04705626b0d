"""Feeds: which events each calendar carries, in what order, within what window and size.

* Events whose last day is more than ``feed_window_days`` before the *reference date* leave the
  feed. The reference is a date passed in — the publish date, or for a draft the last publish
  date (the horizon's first day before any) — never the wall clock, so a rebuild is
  byte-identical.
* A feed stays under :data:`MAX_FEED_BYTES` (Google drops events beyond about 1 MB): should one
  grow past it, the events furthest in the future are left out and a warning says so.
* Events are ordered by start time, then key: the same plan always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from planner.calendars import keys
from planner.calendars.events import CalendarEvent, CalendarSet
from planner.calendars.ics import IcsWriter
from planner.calendars.revisions import Revisions
from planner.calendars.source import FeedSource

MAX_FEED_BYTES = 1_000_000


@dataclass
class FeedBundle:
    """Every feed of a plan as bytes, keyed by feed key."""

    feeds: dict[str, bytes] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    vevents: int = 0  # distinct VEVENTs serialised


def _sort_key(event: CalendarEvent, tz: ZoneInfo) -> tuple[dt.datetime, str]:
    start = event.start
    if not isinstance(start, dt.datetime):
        start = dt.datetime.combine(start, dt.time(), tz)
    return start.astimezone(dt.timezone.utc), event.key


def render_feeds(
    calendars: CalendarSet,
    source: FeedSource,
    namespace: uuid.UUID,
    revisions: Revisions,
    reference: dt.date,
    max_bytes: int = MAX_FEED_BYTES,
) -> FeedBundle:
    writer = IcsWriter(source, namespace)
    tz = ZoneInfo(source.timezone)
    cutoff = reference - dt.timedelta(days=source.feed_window_days)
    bundle = FeedBundle()
    order = {key: _sort_key(e, tz) for key, e in calendars.events.items()}
    for feed_key, shown in calendars.feeds.items():
        entries = sorted(
            ((order[k], v) for k, v in set(shown) if calendars.events[k].last_day() >= cutoff),
        )
        render = writer.vevent_with_alarms if keys.feed_kind(feed_key) == "person" \
            else writer.vevent
        vevents = [
            render(calendars.events[k], v, revisions.by_rendition[(k, v)])
            for (_, k), v in entries
        ]
        body = writer.feed(feed_key, vevents)
        if len(body) > max_bytes:
            body, dropped = _fit(writer, feed_key, vevents, max_bytes)
            bundle.warnings.append(writer.t("warn.feed_too_large", feed=feed_key,
                                            limit=max_bytes, dropped=dropped))
        bundle.feeds[feed_key] = body
    bundle.vevents = len(writer._cache)
    return bundle


def _fit(writer: IcsWriter, feed_key: str, vevents: list[bytes],
         max_bytes: int) -> tuple[bytes, int]:
    """Keep the earliest events that fit (the past window first, then the nearest future)."""
    budget = max_bytes - len(writer.feed(feed_key, []))
    kept = 0
    for data in vevents:
        if budget < len(data):
            break
        budget -= len(data)
        kept += 1
    return writer.feed(feed_key, vevents[:kept]), len(vevents) - kept
