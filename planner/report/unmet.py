"""Everything the plan does not achieve, each with its reason: the office's to-do list.

Two kinds: a required session a person cannot attend (``missed``) and a quota a person does not
reach (``shortfall``). Both come straight from the plan, which already carries the reasons.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.plan import Plan

MISSED = "missed"
SHORTFALL = "shortfall"


@dataclass(frozen=True)
class UnmetItem:
    staff: str
    kind: str
    item: str  # a course id (missed) or a quota category (shortfall)
    part: int | None  # missed: the course part
    amount: float | None  # shortfall: hours or credits short
    reason: str
    detail: str = ""


def unmet_items(plan: Plan) -> list[UnmetItem]:
    """Per person, shortfalls first (what the office is judged on), then missed sessions."""
    items = [
        UnmetItem(q.staff, SHORTFALL, q.category, None, q.shortfall, q.reason)
        for q in plan.quotas if q.shortfall > 0
    ] + [
        UnmetItem(m.staff, MISSED, m.course, m.part, None, m.reason, m.detail)
        for m in plan.missed
    ]
    order = {SHORTFALL: 0, MISSED: 1}
    return sorted(items, key=lambda u: (u.staff, order[u.kind], u.item, u.part or 0))
