"""Tiny hand-made hospitals for the solver's rule tests (built from domain objects directly)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.domain import (
    Category,
    Course,
    CreditClass,
    Department,
    Grade,
    Mode,
    Problem,
    QuotaLine,
    Role,
    Room,
    Settings,
    Slot,
    Staff,
    Who,
)

EVERYONE = Who("everyone")
D = dt.date


def who_ids(*ids: str) -> Who:
    return Who("id=" + ",".join(ids), ids=frozenset(ids))


def staff(n_a: int = 4, n_b: int = 4) -> tuple[Staff, ...]:
    out = []
    for i in range(n_a):
        out.append(
            Staff(f"A{i}", f"甲{i}", "A", Role.DOCTOR, "主治医师", Grade.INTERMEDIATE, age=40)
        )
    for i in range(n_b):
        out.append(Staff(f"B{i}", f"乙{i}", "B", Role.NURSE, "护师", Grade.JUNIOR, age=30))
    return tuple(out)


def course(cid: str, **kw) -> Course:  # noqa: ANN003
    base = dict(
        id=cid,
        title=f"课程{cid}",
        category=Category.LECTURE,
        mode=Mode.IN_PERSON,
        hours=1.5,
        parts=1,
        cohort_size=None,
        audience=EVERYONE,
        speakers=who_ids("A0"),
        credit_class=CreditClass.NONE,
    )
    base.update(kw)
    return Course(**base)


def problem(**kw) -> Problem:  # noqa: ANN003
    settings = Settings(
        hospital="测试医院",
        horizon_start=D(2026, 3, 2),
        horizon_end=D(2026, 4, 30),
        slots=(
            Slot("tue", 1, dt.time(16, 30), dt.time(18, 0)),
            Slot("thu", 3, dt.time(16, 30), dt.time(18, 0)),
        ),
        quotas=(QuotaLine(EVERYONE, Category.LECTURE, 3.0),),
    )
    base = dict(
        name="tiny",
        settings=settings,
        staff=staff(),
        departments=(Department("A", "甲科", 1), Department("B", "乙科", 1)),
        rooms=(
            Room("R1", "大厅", 20, frozenset({"projector"})),
            Room("R2", "小室", 4, frozenset()),
        ),
        courses=(course("L", parts=2, frequency="monthly"),),
    )
    settings_kw = kw.pop("settings", {})
    base.update(kw)
    p = Problem(**base)
    if settings_kw:
        p = replace(p, settings=replace(p.settings, **settings_kw))
    return p
