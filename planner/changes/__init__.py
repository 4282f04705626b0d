"""Re-planning's account of itself: what changed against the published plan, and why.

* :mod:`~planner.changes.diff` — the two units of change (sessions, person-events);
* :mod:`~planner.changes.causes` — the input change behind each move;
* :mod:`~planner.changes.notices` — ``changes.csv`` (mail-merge) and ``changes.md``;
* :mod:`~planner.changes.labels` — their words in Chinese and English (the plan's language).
"""

from planner.changes.causes import InputChange, explain_causes, input_changes
from planner.changes.diff import ChangeSet, ItemChange, PersonChange, diff_plans
from planner.changes.notices import ChangeSummary, write_change_notices

__all__ = [
    "ChangeSet",
    "ChangeSummary",
    "InputChange",
    "ItemChange",
    "PersonChange",
    "diff_plans",
    "explain_causes",
    "input_changes",
    "write_change_notices",
]
