"""The checker's tiny hospital (tests/check/builders.py) grown into a plan worth summarising.

Added to it: S007 in 内科 named ``<script>alert(1)</script>`` and S008 in 外科 named
``=HYPERLINK("http://x","y")`` (hostile names must stay text), a topic starting with ``+``, two
rotation blocks (S008 in 内科 for March, S006 in 内科 for April), S007's external study in April,
and three missed sessions with their quota shortfalls. The figures every test expects are worked
out by hand in :data:`EXPECTED`'s comments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.domain import Grade, Problem, Role, Staff
from planner.plan import Missed, Placement, Plan, RotationBlock
from planner.workdays import WorkCalendar, build_calendar
from tests.check import builders as base

XSS_NAME = "<script>alert(1)</script>"
FORMULA_NAME = '=HYPERLINK("http://x","y")'
PLUS_TOPIC = "+1 院内感染防控新规解读"

EXTRA_STAFF = (
    Staff("S007", XSS_NAME, "NK", Role.NURSE, "护士", Grade.JUNIOR, dt.date(1999, 2, 2)),
    Staff("S008", FORMULA_NAME, "WK", Role.DOCTOR, "住院医师", Grade.JUNIOR, dt.date(1997, 6, 6)),
)


def problem() -> Problem:
    return base.problem(staff=base.STAFF + EXTRA_STAFF)


def calendar(p: Problem) -> WorkCalendar:
    return build_calendar(p.settings, p.holidays)


def plan() -> Plan:
    """The checker's valid plan, plus the additions in the module docstring."""
    p = base.valid_plan()
    sessions = [replace(s, topic=PLUS_TOPIC) if s.id == "QY#2.1" else s for s in p.sessions]
    quotas = list(p.quotas) + [
        base.q("S007", "ethics", 6, 0, 0, 6, "away"),
        base.q("S007", "lecture", 3, 0, 0, 3, "away"),
        base.q("S008", "ethics", 6, 0, 6),
        base.q("S008", "lecture", 3, 0, 1.5, 1.5, "capacity"),
    ]
    missed = [
        Missed("S007", "QY", 1, "away", "on leave or teaching: 2026-03-03, 2026-03-05"),
        Missed("S007", "QY", 2, "away", "on leave or teaching: 2026-04-07, 2026-04-09"),
        Missed("S008", "QY", 2, "capacity", "every run was full"),
    ]
    rotations = [
        RotationBlock("S008", "PROMO", 1, "NK", "2026-03-01", "2026-03-31", "EXIT#1.1"),
        RotationBlock("S006", "PROMO", 1, "NK", "2026-04-01", "2026-04-30"),
    ]
    placements = [Placement("S007", "JX1", "省人民医院", "心血管内科", "2026-04-01", "2026-04-30",
                            credits=5.0)]
    return replace(p, sessions=sessions, quotas=quotas, missed=missed, rotations=rotations,
                   placements=placements, objective={"attendance": 120.0,
                                                     "attendance_bound": 100.0},
                   phases={"months": "OPTIMAL", "timetable": "CONSTRUCTIVE",
                           "attendance": "FEASIBLE"})


#: The figures, worked out by hand.
EXPECTED = {
    "staff": 8,
    "sessions": 5,
    "live_attendances": 12,  # 3 + 2 + 2 + 3 + 2
    "online": 6,  # YD-ON for the checker's six staff
    "recordings": 0,
    "rotation_blocks": 2,
    "rotating_people": 2,
    "placements": 1,
    "months_away": 1.0,  # S007, the whole of April
    # hour quotas: ethics 8 × 6 = 48 required, 42 reached (S007 none); lecture 8 × 3 = 24
    # required, 19.5 reached (S007 none, S008 1.5) → 61.5 / 72
    "quota_attainment": 85.42,
    # credits (from the checker's plan): S001, S004 Class I short; S002, S005, S006 Class I and
    # total short → 8 lines; S007 two lines, S008 one → 11 lines, 7 people
    "short_lines": 11,
    "people_short": 7,
    "missed": 3,
}
