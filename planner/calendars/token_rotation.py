"""``planner tokens rotate OUTPUTS <id>``: a leaked feed link stops working, a new one is issued.

The link lists in OUTPUTS are rewritten with the new link and, if the feeds were exported as
static files, the export is refreshed at once so the old file disappears too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planner.calendars import keys
from planner.calendars.hospital import feed_keys, file_names
from planner.calendars.links import feed_links, feed_url, write_link_lists
from planner.calendars.publish import read_draft, reexport
from planner.calendars.source import FeedSource
from planner.calendars.tokens import TokenStore
from planner.errors import Both, PlannerError
from planner.state import open_state, state_dir


@dataclass(frozen=True)
class Rotated:
    feed_key: str
    https_url: str
    webcal_url: str
    exported_to: Path | None


def resolve_feed(source: FeedSource, ident: str) -> str:
    """A staff, department or room id (or ``kind:id``, or ``hospital``) → its feed key."""
    known = set(feed_keys(source))
    if ident in known:
        return ident
    matches = [k for k in (keys.person_feed(ident), keys.department_feed(ident),
                           keys.room_feed(ident)) if k in known]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise PlannerError(Both(
            f"“{ident}”对应不止一个订阅：请写明是哪一个，例如 " + " 或 ".join(matches),
            f"{ident!r} names more than one feed: say which, e.g. "
            + " or ".join(repr(m) for m in matches)))
    raise PlannerError(Both(
        f"“{ident}”不是这份输出中的职工、科室或教室（离职人员的订阅在下次发布时停用）",
        f"{ident!r} is no staff member, department or room in these outputs "
        "(people who left lose their feed when the next plan is published)"))


def rotate(outputs: Path, ident: str, state_root: Path | None = None) -> Rotated:
    source = read_draft(outputs).source
    feed_key = resolve_feed(source, ident)
    db = open_state(state_dir(source.name, state_root), create=False)
    try:
        with db.write():
            store = TokenStore(db)
            store.rotate(feed_key)
            tokens = store.tokens(feed_keys(source))
        write_link_lists(outputs, feed_links(source, tokens, file_names(source, db)),
                         source.language)
        exported = reexport(db)
    finally:
        db.close()
    https, webcal = feed_url(source.public_base_url, tokens[feed_key])
    return Rotated(feed_key, https, webcal, exported)
