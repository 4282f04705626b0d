"""Tiny hospitals for the months phase (rotations and external study), from domain objects.

Horizon 2026-01..2026-06 (six whole months). Departments: H (home of the participants, 6 staff,
minimum 3 on duty), A and B (4 staff each, minimum 2, taking rotators), C (2 staff, minimum 1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.domain import (
    Department,
    ExternalSeat,
    Grade,
    Problem,
    Programme,
    ProgrammeBlock,
    Role,
    Room,
    Settings,
    Slot,
    Staff,
    Who,
)
from planner.solver.config import SolverConfig

D = dt.date
CONFIG = SolverConfig(time_limit=5, seed=1, workers=1)


def who_ids(*ids: str) -> Who:
    return Who("id=" + ",".join(ids), ids=frozenset(ids))


def person(pid: str, dept: str, grade: Grade = Grade.INTERMEDIATE, **kw) -> Staff:  # noqa: ANN003
    return Staff(pid, f"名{pid}", dept, Role.DOCTOR, "主治医师" if grade >= 2 else "住院医师",
                 grade, age=35, **kw)


def staff() -> tuple[Staff, ...]:
    out = [person(f"H{i}", "H", Grade.JUNIOR) for i in range(6)]
    out += [person(f"A{i}", "A") for i in range(4)]
    out += [person(f"B{i}", "B") for i in range(4)]
    out += [person(f"C{i}", "C") for i in range(2)]
    return tuple(out)


def departments(cap_a: int = 1, cap_b: int = 1, cap_c: int = 1, **kw) -> tuple[Department, ...]:  # noqa: ANN003
    return (
        Department("H", "本科", 3, kw.get("cap_h", 0), kw.get("count_h", True)),
        Department("A", "甲科", 2, cap_a),
        Department("B", "乙科", 2, cap_b),
        Department("C", "丙科", 1, cap_c),
    )


def programme(pid: str = "P", *, ordered: bool = True, participants: Who | None = None,
              start: dt.date | None = None, end: dt.date | None = None,
              exit_exam: bool = True) -> Programme:
    return Programme(pid, f"轮转{pid}", ordered, participants or who_ids("H0", "H1"),
                     start, end, exit_exam, 1.5)


def block(n: int, *depts: str, lo: int = 1, hi: int = 1, choose: int = 1,
          after: tuple[int, ...] = (), preference: tuple[str, ...] = (),
          programme_id: str = "P", required: bool = False,
          prerequisites: tuple = ()) -> ProgrammeBlock:  # noqa: ANN001
    return ProgrammeBlock(programme_id, n, tuple(depts), choose, lo, hi, after, preference,
                          required, prerequisites)


def seat(sid: str = "S1", **kw) -> ExternalSeat:  # noqa: ANN003
    base = dict(id=sid, partner="省医院", specialty="心内", start_earliest=D(2026, 2, 1),
                start_latest=D(2026, 2, 28), months=3, seats=1,
                candidates=Who("dept=A", departments=frozenset({"A"})), teach_back_weeks=4)
    base.update(kw)
    return ExternalSeat(**base)


def hospital(**kw) -> Problem:  # noqa: ANN003
    settings = Settings(
        hospital="测试医院", horizon_start=D(2026, 1, 1), horizon_end=D(2026, 6, 30),
        slots=(Slot("tue", 1, dt.time(16, 30), dt.time(18, 0)),
               Slot("fri", 4, dt.time(15, 30), dt.time(17, 30))),
        # the warnings these tests read, in English (tests/solver/test_warning_words.py reads
        # the Chinese, the default)
        language="en",
    )
    base = dict(name="months", settings=settings, staff=staff(), departments=departments(),
                rooms=(Room("R1", "示教室", 20),), courses=())
    settings_kw = kw.pop("settings", {})
    base.update(kw)
    p = Problem(**base)
    if settings_kw:
        p = replace(p, settings=replace(p.settings, **settings_kw))
    return p
