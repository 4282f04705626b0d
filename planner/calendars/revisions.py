"""SEQUENCE and stamps: what a subscriber's calendar app uses to tell a revision from a copy.

* SEQUENCE counts revisions since the event was first *published* (RFC 5545 §3.8.7.4): 0 until
  then, +1 whenever its time, place or status (present or not) differs from the last published
  version. A draft shows what publishing it would give.
* DTSTAMP and LAST-MODIFIED are the rendition's last revision time (no METHOD in our feeds, so
  §3.8.7.2 makes DTSTAMP the revision time): the publish time of the version in which its content
  last changed. Never "now" — an unchanged plan must rebuild byte-identical. Events not published
  yet carry the draft's ``revision_time``: the last publish time, or the horizon's first day at
  00:00 UTC before anything was published; deterministic either way.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from planner.calendars.events import CalendarSet
from planner.calendars.keys import event_uid
from planner.state import EventState, RenditionState


@dataclass(frozen=True)
class Revision:
    uid: str
    sequence: int
    stamp: dt.datetime  # DTSTAMP = LAST-MODIFIED, UTC


@dataclass
class Revisions:
    """Per (event key, variant): UID, SEQUENCE, stamp; plus what changed since the last publish."""

    by_rendition: dict[tuple[str, str], Revision]
    new: set[str]
    moved: set[str]  # time, place or status changed
    removed: set[str]


def revise(
    calendars: CalendarSet,
    namespace: uuid.UUID,
    published: dict[str, EventState],
    renditions: dict[tuple[str, str], RenditionState],
    current_version: int | None,
    revision_time: dt.datetime,
) -> Revisions:
    out: dict[tuple[str, str], Revision] = {}
    new, moved = set(), set()
    for key, event in calendars.events.items():
        prev = published.get(key)
        fingerprint = event.fingerprint()
        if prev is None:
            sequence = 0
            new.add(key)
        elif prev.last_version == current_version and prev.fingerprint == fingerprint:
            sequence = prev.sequence
        else:  # moved, or back after being removed: a change of time, place or status
            sequence = prev.sequence + 1
            moved.add(key)
        uid = prev.uid if prev is not None else event_uid(namespace, key)
        for variant in event.renditions:
            before = renditions.get((key, variant))
            unchanged = (
                prev is not None
                and sequence == prev.sequence
                and before is not None
                and before.content_hash == event.content_hash(variant)
            )
            stamp = before.last_modified if unchanged and before else revision_time
            out[(key, variant)] = Revision(uid, sequence, stamp)
    removed = {k for k, e in published.items()
               if e.last_version == current_version and k not in calendars.events}
    return Revisions(out, new, moved, removed)


def stored_revisions(
    calendars: CalendarSet,
    namespace: uuid.UUID,
    version_renditions: dict[tuple[str, str], tuple[int, dt.datetime]],
) -> Revisions:
    """The revisions as recorded when a version was published (what the server serves)."""
    out = {}
    for key, event in calendars.events.items():
        uid = event_uid(namespace, key)
        for variant in event.renditions:
            sequence, stamp = version_renditions[(key, variant)]
            out[(key, variant)] = Revision(uid, sequence, stamp)
    return Revisions(out, set(), set(), set())
