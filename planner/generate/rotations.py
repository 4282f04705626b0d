"""Rotation programmes (轮转): the promotion rotation of junior doctors (晋升前轮转: internal
medicine, surgery, emergency) and the new nurses' rotation (新入职护士规范化培训), about 10% of
all staff between them; the departments they rotate through get the rotator capacity the
months need."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.generate.hospital import Hospital
    from planner.generate.people import Person


def build_programme(
    h: Hospital,
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[str]]:
    """The promotion rotation (晋升前轮转): about 10% of the doctors, residents of departments
    outside the target wards first, at most one per 10 staff of a department; blocks in internal
    medicine, surgery and emergency (fixed order for up to 8 rotators, free beyond). Returns the
    programme row, its blocks and the rotators' ids."""
    months = h.months
    if months < 3:
        return [], [], []
    internal = [d for d in h.depts if d.kind == "medical"]
    surgical = [d for d in h.depts if d.kind == "surgical"]
    target_ids = {d.id for d in internal + surgical} | {"JZ"}
    doctors = [p for p in h.people if p.role == "doctor"]
    want = max(2, round(0.10 * len(doctors)))
    # residents of every clinical department but the emergency department itself; those of
    # the target departments first, since a resident cannot "rotate" into their own ward
    residents = [p for p in doctors if p.grade == 1 and p.department not in ("XZ", "JZ")]
    residents.sort(key=lambda p: (p.department in target_ids, h.rng.random(), p.id))
    # at most one rotator per 10 staff of the home department keeps it covered
    taken: dict[str, int] = {}
    chosen: list[Person] = []
    for p in residents:
        cap = max(1, h.by_dept[p.department].size // 10)
        if taken.get(p.department, 0) < cap and len(chosen) < want:
            chosen.append(p)
            taken[p.department] = taken.get(p.department, 0) + 1
    h.rotating_from = dict(taken)  # shared with the nurses' programme
    if not chosen:
        return [], [], []
    chosen.sort(key=lambda p: p.id)
    h.busy.update(p.id for p in chosen)
    if months >= 12:
        spans = ((3, 4), (3, 4), (2, 3))
    elif months >= 6:
        spans = ((2, 2), (2, 2), (1, 2))
    else:
        spans = ((1, 1), (1, 1), (1, 1))
    r = len(chosen)
    for group, (lo, _hi) in (
        (internal, spans[0]),
        (surgical, spans[1]),
        ([h.by_dept["JZ"]], spans[2]),
    ):
        need = math.ceil(r * lo / months * 1.5 / len(group)) + 1
        for d in group:
            d.rotator_capacity = max(d.rotator_capacity, need)
    ordered = "fixed" if r <= 8 else "free"
    prog = [
        (
            "PROMO",
            "晋升前轮转",
            ordered,
            "id=" + ",".join(p.id for p in chosen),
            h.start,
            h.end,
            True,
            1.5,
        )
    ]
    blocks = [
        ("PROMO", 1, ",".join(d.id for d in internal), 1, spans[0][0], spans[0][1], "", ""),
        (
            "PROMO",
            2,
            ",".join(d.id for d in surgical),
            1,
            spans[1][0],
            spans[1][1],
            "1" if ordered == "fixed" else "",
            "",
        ),
        ("PROMO", 3, "JZ", 1, spans[2][0], spans[2][1], "2" if ordered == "fixed" else "", ""),
    ]
    if len(internal) > 1:
        blocks[0] = blocks[0][:7] + ("NK",)
    return prog, blocks, [p.id for p in chosen]


def build_nurse_programme(
    h: Hospital, doctors: int,
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """New nurses' rotation (新入职护士规范化培训): junior nurses rotate, in free order,
    through a medical ward, a surgical ward and one of emergency or intensive care (an
    elective, emergency preferred), so that about 10% of all staff rotate. Rotator
    capacities grow with the demand so the months stay feasible."""
    months = h.months
    want = round(0.10 * h.n_staff) - doctors
    if months < 3 or want <= 0:
        return [], []
    internal = [d for d in h.depts if d.kind == "medical"]
    surgical = [d for d in h.depts if d.kind == "surgical"]
    acute = [d for d in (h.by_dept.get("JZ"), h.by_dept.get("ICU")) if d is not None]
    if not internal or not surgical or not acute:
        return [], []
    juniors = sorted((p for p in h.people if p.role == "nurse" and p.grade == 1
                      and p.department != "XZ" and p.id not in h.busy),
                     key=lambda p: (h.rng.random(), p.id))
    taken = dict(h.rotating_from)
    chosen = []
    for p in juniors:
        cap = max(1, h.by_dept[p.department].size // 8)
        if taken.get(p.department, 0) < cap and len(chosen) < want:
            chosen.append(p)
            taken[p.department] = taken.get(p.department, 0) + 1
    if not chosen:
        return [], []
    chosen.sort(key=lambda p: p.id)
    h.busy.update(p.id for p in chosen)
    spans = ((2, 3), (2, 3), (1, 2)) if months >= 12 else ((1, 2), (1, 2), (1, 1))
    r = len(chosen)
    for group, (lo, _hi) in ((internal, spans[0]), (surgical, spans[1]), (acute, spans[2])):
        need = math.ceil(r * lo / months * 1.5 / len(group)) + 1
        for d in group:
            d.rotator_capacity += need
    prog = [("NURSE", "新入职护士规范化培训", "free",
             "id=" + ",".join(p.id for p in chosen), h.start, h.end, True, 1.5)]
    blocks = [
        ("NURSE", 1, ",".join(d.id for d in internal), 1, spans[0][0], spans[0][1], "", ""),
        ("NURSE", 2, ",".join(d.id for d in surgical), 1, spans[1][0], spans[1][1], "", ""),
        ("NURSE", 3, ",".join(d.id for d in acute), 1, spans[2][0], spans[2][1], "",
         acute[0].id),
    ]
    return prog, blocks
