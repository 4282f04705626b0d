"""Quotas: each person reaches the hours of every category that applies to them, and the yearly
CME credits in total and per class. History counts; online modules (and recordings) count only
up to the share of a category the settings allow; hospital-run Class II credits count only up
to the cap. Shortfall is minimised first (weight far above every preference); the group model
sums needs over a group's members, so the shortfall it sees is a lower bound of the
members' total; :mod:`planner.solver.naming.assign` gives sessions to the furthest-behind first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from planner.domain import CreditClass
from planner.solver.attendance.model import AttendanceModel, Needs, scaled, session_credits
from planner.solver.instance import Instance

SHORTFALL_WEIGHT = 1000  # per hour (or credit) short, in hundredths


def add(am: AttendanceModel) -> None:
    inst = am.inst
    worth: dict[int, tuple[str, int, str | None, int]] = {}  # what a run gives, found once
    for g in am.groups:
        live = defaultdict(list)  # category → [(variable, hundredths of an hour)]
        rec = defaultdict(list)
        cred = {"I": [], "II-hospital": [], "II-other": []}
        for r, v in am.by_group[g.index].items():
            if r not in worth:
                worth[r] = _worth(inst, inst.runs[r])
            category, hours, key, c = worth[r]
            live[category].append((v, hours))
            if key is not None:
                cred[key].append((v, c))
        for course_id, part in g.parts:
            v = am.rec.get((g.index, course_id, part))
            if v is not None:
                course = am.course(course_id)
                rec[course.category.value].append((v, scaled(course.hours)))
        for category, (need, online_cap, fixed_online) in g.hour_needs().items():
            if need <= 0:
                continue
            short = _shortfall(am, g, category, need, live[category], rec[category],
                               online_cap, fixed_online)
            am.shortfall.append((g.index, short))
        credit = g.credit_needs()
        if credit is not None:
            _credits(am, g, cred, *credit)


def _worth(inst, run) -> tuple[str, int, str | None, int]:  # noqa: ANN001 — Instance, Run
    """(category, hundredths of an hour, credit kind or None, hundredths of a credit) of
    attending ``run``."""
    c = scaled(session_credits(inst, run))
    key = None
    if c and run.course.credit_class is not CreditClass.NONE:
        key = "I" if run.course.credit_class is CreditClass.I else (
            "II-hospital" if run.course.hospital_run else "II-other")
    return run.course.category.value, scaled(run.course.hours), key, c


def _shortfall(am: AttendanceModel, g, category: str, need: int,  # noqa: ANN001 — a Group
               live: list[tuple[int, int]], rec: list[tuple[int, int]], online_cap: int,
               fixed_online: int) -> int:
    """short ≥ need − live hours − online hours counted (recordings and modules, up to the cap)."""
    m = am.model
    counted = m.var(0, online_cap, f"online[{g.index},{category}]")
    # counted ≤ Σ recording hours + module hours
    m.row([counted] + [v for v, _ in rec], [1.0] + [-float(h) for _, h in rec],
          -m.INF, fixed_online)
    short = m.var(0, need, f"short[{g.index},{category}]")
    m.at_least([short, counted] + [v for v, _ in live],
               [1.0, 1.0] + [float(h) for _, h in live], need)
    m.penalise(short, SHORTFALL_WEIGHT, f"{category} shortfall")
    return short


def _credits(am: AttendanceModel, g, cred, need, fixed) -> None:  # noqa: ANN001
    m = am.model
    total_need, c1_min, c1_max, c2_min, hosp_room = need
    f1, f2h, f2o = fixed
    hosp = m.var(0, hosp_room, f"hospII[{g.index}]")  # hospital-run class II, up to the cap
    m.row([hosp] + [v for v, _ in cred["II-hospital"]],
          [1.0] + [-float(c) for _, c in cred["II-hospital"]], -m.INF, f2h)
    c1 = m.var(0, c1_max, f"c1[{g.index}]")  # class I counted, up to its maximum
    m.row([c1] + [v for v, _ in cred["I"]], [1.0] + [-float(c) for _, c in cred["I"]],
          -m.INF, f1)
    other = cred["II-other"]
    for label, need_, index, value, fixed_ in (
        ("credits class I", c1_min, [c1], [1.0], 0),
        ("credits class II", c2_min, [hosp] + [v for v, _ in other],
         [1.0] + [float(c) for _, c in other], f2o),
        ("credits total", total_need, [c1, hosp] + [v for v, _ in other],
         [1.0, 1.0] + [float(c) for _, c in other], f2o),
    ):
        if need_ <= 0:
            continue
        short = m.var(0, need_, f"short[{g.index},{label}]")
        m.at_least([short] + index, [1.0] + value, need_ - fixed_)
        m.penalise(short, SHORTFALL_WEIGHT, label)
        am.credit_shortfall.append((g.index, short))


def short_labels(inst: Instance, needs: Needs, runs: Iterable[int],
                 recorded: Iterable[str]) -> frozenset[str]:
    """The quotas one person misses with these sessions and these recordings (course ids), as
    the quota table labels them (a category, ``credits-I``, ``credits-II``, ``credits-total``):
    the arithmetic of :func:`add` on numbers, for the attendance a re-plan keeps
    (:mod:`planner.solver.replan.scope`)."""
    live: dict[str, int] = defaultdict(int)
    rec: dict[str, int] = defaultdict(int)
    cred = {"I": 0, "II-hospital": 0, "II-other": 0}
    for r in runs:
        run = inst.runs[r]
        live[run.course.category.value] += scaled(run.course.hours)
        c = scaled(session_credits(inst, run))
        if c and run.course.credit_class is not CreditClass.NONE:
            key = "I" if run.course.credit_class is CreditClass.I else (
                "II-hospital" if run.course.hospital_run else "II-other")
            cred[key] += c
    courses = {c.id: c for c in inst.problem.courses}
    for course_id in recorded:
        course = courses[course_id]
        rec[course.category.value] += scaled(course.hours)
    fixed_online = dict(needs.fixed_online)
    out = set()
    for category, need, cap in needs.hours:
        counted = min(cap, rec[category] + min(fixed_online.get(category, 0), cap))
        if need > 0 and live[category] + counted < need:
            out.add(category)
    if needs.credits is not None:
        total_need, c1_min, c1_max, c2_min, hosp_room = needs.credits
        f1, f2h, f2o = needs.fixed_credits
        c1 = min(c1_max, cred["I"] + f1)
        c2 = min(max(0, hosp_room), cred["II-hospital"] + f2h) + cred["II-other"] + f2o
        for label, need_, have in (("credits-I", c1_min, c1), ("credits-II", c2_min, c2),
                                   ("credits-total", total_need, c1 + c2)):
            if need_ > 0 and have < need_:
                out.add(label)
    return frozenset(out)
