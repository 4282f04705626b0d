"""Calendar output: ``.ics`` feeds per person, room, department and hospital, feed tokens,
publishing and the feed server.

The flow, one module each: :mod:`~planner.calendars.source` (what feeds show besides the plan)
→ :mod:`~planner.calendars.events` (the plan as events and their renditions, and which feed
shows which) → :mod:`~planner.calendars.revisions` (UID, SEQUENCE and stamps against the state
database, :mod:`planner.state`) → :mod:`~planner.calendars.ics` (bytes, each rendition
serialised once) → :mod:`~planner.calendars.feeds` (window, order, size).
:mod:`~planner.calendars.hospital` runs the flow for a draft or for the published version.

Around it: :mod:`~planner.calendars.outputs` (what ``planner plan`` writes),
:mod:`~planner.calendars.publish` (``planner publish``), :mod:`~planner.calendars.tokens` and
:mod:`~planner.calendars.token_rotation` (secret feed links), :mod:`~planner.calendars.links`
(``feeds.csv`` / ``feeds.xlsx``), :mod:`~planner.calendars.server` (``planner serve``),
:mod:`~planner.calendars.bench`. Wording lives in :mod:`~planner.calendars.labels`, text
cleaning in :mod:`~planner.calendars.text`, naming in :mod:`~planner.calendars.keys`.
"""

from planner.calendars.outputs import write_calendars

__all__ = ["write_calendars"]
