"""The tiny hospital of :mod:`builders` with a rotation programme and an external-study seat, and
a plan for it that keeps every rule (worked out by hand below).

Inputs added to the tiny hospital:

* 外科 WK takes 1 rotator a month (内科 NK none);
* programme ROT 住院医师轮转 (fixed order, exit exams of 1.5 h) for S003 (张伟, 内科): block 1 NK
  1–2 months — completed last year per the history table —, then block 2 WK 1 month (after 1);
* seat JX at 省人民医院 (护理): one nurse, starting in March 2026, for 1 month, teach-back within
  2 weeks, at least 1 year of service.

The valid plan (on-duty counts per department at each session, min 1 everywhere):

    March: S005 (陈静, 外科) away at 省人民医院 2026-03-01..03-31 (5 credits toward the total)
    April: S003 rotates in 外科 2026-04-01..04-30 (外科 counts its rotators on duty)

    QY#1.1  Tue 03-03 S001 teaches, S002 S004 attend    NK: S003 on duty; WK: S006 (S005 away)
    QY#1.2  Thu 03-05 S001 teaches, S003 S006 attend    NK: S002;        WK: S004
    teach-back:JX:S005#1.1 Thu 04-02 R1 S005 teaches, S003 (rotator in WK) attends: WK S004 S006
    QY#2.1  Tue 04-07 S004 teaches, S001 S005 attend    NK: S002;        WK: S006 S003
    QY#2.2  Thu 04-09 S004 teaches, S002 S003 S006      NK: S001;        WK: S005
    CPR#1.1 Tue 04-14 R2 S006 teaches, S002 S005        NK: S001;        WK: S004 S003
    exit:WK:2026-04#1.1 Tue 04-28 R1 S006 examines S003 (last 7 days of April): WK S004 S005

S005 takes QY session 1 by recording (away in March). Quotas as in :mod:`builders` except:
S003's lecture hours 4.5 (the teach-back lecture is a 1.5 h lecture); S005 loses the 0.5 credit
of QY#1.1 (Class II 1.5 of 2, reason away) but the month of external study adds 5 to the total.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.domain import (
    Department,
    ExternalSeat,
    HistoryRow,
    Problem,
    Programme,
    ProgrammeBlock,
    Role,
    Who,
)
from planner.plan import (
    OffSiteAttendance,
    Placement,
    Plan,
    PlannedSession,
    QuotaRow,
    RotationBlock,
)

from . import builders as b
from .builders import D, SLOTS, times

NURSES = Who("role=nurse", roles=frozenset({Role.NURSE}))
ROT = Programme("ROT", "住院医师轮转", True, b.who_ids("S003"), exam_hours=1.5)
BLOCKS = (
    ProgrammeBlock("ROT", 1, ("NK",), 1, 1, 2),
    ProgrammeBlock("ROT", 2, ("WK",), 1, 1, 1, after=(1,)),
)
SEAT = ExternalSeat("JX", "省人民医院", "护理", D(2026, 3, 1), D(2026, 3, 31), 1, 1, NURSES,
                    teach_back_weeks=2, min_years=1)
DEPARTMENTS = (Department("NK", "内科", 1, rotator_capacity=0),
               Department("WK", "外科", 1, rotator_capacity=1))

EXIT = "exit:WK:2026-04"
TEACH_BACK = "teach-back:JX:S005"


def problem(**kw: object) -> Problem:
    """The tiny hospital with ROT and JX; keywords as for :func:`builders.problem`."""
    base = b.problem()
    fields: dict[str, object] = dict(
        departments=DEPARTMENTS, programmes=(ROT,), blocks=BLOCKS, seats=(SEAT,),
        history=(*base.history, HistoryRow("S003", "rotation", "NK", 2, programme="ROT")),
    )
    fields.update(kw)
    return b.problem(**fields)


def own_session(course: str, day: dt.date, slot: str, room: str, speaker: str,
                attendees: tuple[str, ...], category: str, hours: float = 1.5,
                **extra: object) -> PlannedSession:
    """An exit exam or teach-back session (no course row, no credits)."""
    start, end = times(day, SLOTS[slot].start, hours)
    s = PlannedSession(
        id=f"{course}#1.1", course=course, part=1, run=1, title=course, topic="",
        category=category, date=day.isoformat(), slot=slot, start=start, end=end, room=room,
        speaker=speaker, hours=hours, credits=0.0, speaker_credits=0.0, credit_class="none",
        attendees=attendees,
    )
    return replace(s, **extra)  # type: ignore[arg-type]


def exit_exam(**extra: object) -> PlannedSession:
    fields: dict[str, object] = dict(day=D(2026, 4, 28), slot="tue-pm", room="R1",
                                     speaker="S006", attendees=("S003",), category="exam")
    fields.update(extra)
    return own_session(EXIT, **fields)  # type: ignore[arg-type]


def teach_back(**extra: object) -> PlannedSession:
    fields: dict[str, object] = dict(day=D(2026, 4, 2), slot="thu-pm", room="R1",
                                     speaker="S005", attendees=("S003",), category="lecture")
    fields.update(extra)
    return own_session(TEACH_BACK, **fields)  # type: ignore[arg-type]


def block(**fields: object) -> RotationBlock:
    r = RotationBlock("S003", "ROT", 2, "WK", "2026-04-01", "2026-04-30", f"{EXIT}#1.1")
    return replace(r, **fields)  # type: ignore[arg-type]


def placement(**fields: object) -> Placement:
    p = Placement("S005", "JX", "省人民医院", "护理", "2026-03-01", "2026-03-31",
                  f"{TEACH_BACK}#1.1", 5.0)
    return replace(p, **fields)  # type: ignore[arg-type]


def quota_rows() -> list[QuotaRow]:
    """:func:`builders.quota_rows` with the changes worked out in the module docstring."""
    changes: dict[tuple[str, str], dict[str, object]] = {
        ("S003", "lecture"): dict(planned=4.5),
        ("S005", "credits-II"): dict(planned=1.5, shortfall=0.5, reason="away"),
        ("S005", "credits-total"): dict(planned=6.5, shortfall=0.0, reason=""),
    }
    return [replace(r, **changes.get((r.staff, r.category), {}))  # type: ignore[arg-type]
            for r in b.quota_rows()]


def valid_plan() -> Plan:
    s = b.session
    sessions = [
        s("QY", 1, 1, D(2026, 3, 3), "tue-pm", "R1", "S001", ("S002", "S004")),
        s("QY", 1, 2, D(2026, 3, 5), "thu-pm", "R1", "S001", ("S003", "S006")),
        teach_back(),
        s("QY", 2, 1, D(2026, 4, 7), "tue-pm", "R1", "S004", ("S001", "S005")),
        s("QY", 2, 2, D(2026, 4, 9), "thu-pm", "R1", "S004", ("S002", "S003", "S006")),
        s("CPR", 1, 1, D(2026, 4, 14), "tue-pm", "R2", "S006", ("S002", "S005")),
        exit_exam(),
    ]
    offsite = [OffSiteAttendance(x.id, "YD-ON", 1, "online", "2026-04-30") for x in b.STAFF]
    offsite.append(OffSiteAttendance("S005", "QY", 1, "recording"))
    return replace(b.valid_plan(), sessions=sessions, offsite=offsite, quotas=quota_rows(),
                   rotations=[block()], placements=[placement()])
