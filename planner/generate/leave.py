"""Leave and unavailability: staff on maternity leave, sick leave or at a conference (never the
speakers, instructors, rotators or candidates for external study, nor more than a third of a
department's away budget at once), one meeting room under renovation, the first skills lab
serviced for a week."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.generate.hospital import Hospital


def build_leave(h: Hospital, excluded: set[str]) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    n_leave = max(2, round(0.03 * h.n_staff))
    candidates = sorted((p for p in h.people if p.id not in excluded), key=lambda p: p.id)
    picks = h.rng.sample(candidates, min(n_leave, len(candidates)))
    away_now: dict[str, int] = {}
    for p in sorted(picks, key=lambda p: p.id):
        d = h.by_dept[p.department]
        if away_now.get(d.id, 0) >= max(1, d.away_budget() // 3):
            continue
        kind = h.rng.random()
        if p.female and p.age_on(h.start) <= 38 and kind < 0.5:
            length, reason = 158, "产假"
        elif kind < 0.75:
            length, reason = h.rng.choice((7, 14, 21, 28)), "病假"
        else:
            length, reason = 5, "外出参加学术会议"
        span = max(1, (h.end - h.start).days - min(length, 60))
        first = h.start + dt.timedelta(days=h.rng.randrange(span))
        last = min(h.end, first + dt.timedelta(days=length - 1))
        rows.append(("staff", p.id, first, last, reason))
        away_now[d.id] = away_now.get(d.id, 0) + 1
    # one meeting room under renovation, the first skills lab serviced for a week
    meeting = [r for r in h.room_rows if r[3] == "projector"]
    mid = h.start + dt.timedelta(days=(h.end - h.start).days // 2)
    if meeting:
        rows.append(
            ("room", meeting[0][0], mid, min(h.end, mid + dt.timedelta(days=30)), "装修")
        )
    lab = next(r for r in h.room_rows if "skills-lab" in r[3])
    first = mid + dt.timedelta(days=45)
    if first + dt.timedelta(days=4) <= h.end:
        rows.append(("room", lab[0], first, first + dt.timedelta(days=4), "设备维护"))
    return rows
