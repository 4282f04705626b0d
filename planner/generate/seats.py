"""External study (进修): seats at partner hospitals for about 2% of the staff."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from planner.generate.dates import add_months
from planner.generate.staff import CLINICAL, NURSE_SPECIALTY

if TYPE_CHECKING:
    from planner.generate.hospital import Hospital


def build_seats(h: Hospital) -> list[tuple[Any, ...]]:
    """About 2% of staff away on external study (进修): 3- or 6-month seats with the usual
    March and September intakes, intermediate title and above, at most two of one
    specialty away at once, and time left after return for the teach-back lecture."""
    total = max(1, round(0.02 * h.n_staff))
    intakes = [add_months(h.start, 2)]
    if h.months >= 12:
        intakes.append(add_months(h.start, 8))
    rows: list[tuple[Any, ...]] = []
    clinical = sorted(
        (d for d in h.depts if d.kind in CLINICAL), key=lambda d: (-d.size, d.id)
    )
    placed, i = 0, 0
    partners = ("省人民医院", "市第一人民医院", "省肿瘤医院", "市中心医院")
    cap = 2  # at most two people of one specialty away at once
    away: list[tuple[str, dt.date, dt.date, int]] = []  # specialty, first, end, seats
    while placed < total and i < 4 * len(clinical):
        d = clinical[i % len(clinical)]
        role = "nurse" if i % 3 == 2 else "doctor"
        intake = intakes[i % len(intakes)]
        i += 1
        pool = [p for p in d.people if p.role == role and p.grade >= 2]
        seats = min(2, total - placed, max(1, d.away_budget() // 3), len(pool) // 2)
        # return with a month to spare for the teach-back, inside the horizon
        fitting = [
            m for m in (6, 3) if add_months(intake, m + 1) <= h.end + dt.timedelta(days=1)
        ]
        if seats < 1 or not fitting:
            continue
        months = fitting[(i // 2) % len(fitting)]
        latest = intake + dt.timedelta(days=14)
        spec = d.specialty if role == "doctor" else NURSE_SPECIALTY.get(d.kind, "临床护理")
        # keep the specialty cap satisfiable: count seats of this specialty whose months
        # (any start in the window) overlap this one's
        last = add_months(latest, months)
        overlapping = sum(n for sp, a, b, n in away if sp == spec and a < last and intake < b)
        seats = min(seats, cap - overlapping)
        if seats < 1:
            continue
        away.append((spec, intake, last, seats))
        rows.append(
            (
                f"JX{len(rows) + 1:02d}",
                partners[i % len(partners)],
                spec,
                intake,
                latest,
                months,
                seats,
                f"role={role}; title>=intermediate; dept={d.id}",
                4,
                d.id,
                3,
                cap,
            )
        )
        placed += seats
    return rows
