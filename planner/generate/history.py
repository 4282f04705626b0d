"""History: what staff earned this year before the horizon (credits elsewhere, a few ethics
hours, a rotation block done last year)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.generate.hospital import Hospital


def build_history(h: Hospital, rotators: list[str]) -> tuple[list[tuple[Any, ...]], list[str]]:
    """Credits already earned elsewhere: most people hold some Class I credits; the rest
    are the audience of the hospital's Class I project. Enough Class II from outside is
    added that 25 credits are reachable once hospital-run Class II hits its cap."""
    rows: list[tuple[Any, ...]] = []
    without_class1: list[str] = []
    scale = h.months / 12
    online_ii = 2 * (round(4 * scale, 1) or 1)
    hospital_ii = min(10.0, 0.5 * (round(8 * scale) + round(7 * scale) + 2))
    for p in h.people:
        if p.role == "admin":
            continue
        r = h.rng.random()
        if r < 0.12:
            without_class1.append(p.id)
            c1 = 6.0  # from the hospital's Class I project
        else:
            c1 = float(h.rng.choice((5, 5, 6, 6, 8, 10)))
            rows.append((p.id, "credits", "I", c1, "", False, "省级继续医学教育项目"))
        gap = 25 + 1 - c1 - online_ii - hospital_ii
        if gap > 0:
            rows.append((p.id, "credits", "II", math.ceil(gap), "", False, "市级学术会议"))
    for p in h.rng.sample(h.people, max(1, len(h.people) // 30)):
        rows.append((p.id, "hours", "ethics", 3, "", "", "外院培训认定"))
    if rotators and h.months >= 12:
        rows.append((rotators[0], "rotation", "NK", 3, "PROMO", "", "上年度已轮转"))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return rows, sorted(without_class1)

# -- assembling -----------------------------------------------------------------------------
