"""Short text summaries printed by ``planner validate`` and ``planner plan``."""

from __future__ import annotations

from collections import Counter

from planner.cli_labels import TEXT, Labels, labels_for
from planner.domain import Mode, Problem
from planner.inputs.advice import input_warnings
from planner.plan import Plan
from planner.workdays import WorkCalendar


def input_summary(problem: Problem, calendar: WorkCalendar) -> str:
    s = problem.settings
    t = labels_for(s.language)
    points = calendar.time_points(s.slots)
    depts = Counter(p.department for p in problem.staff)
    lines = [
        t("val.head", hospital=s.hospital, name=problem.name),
        t("val.horizon", start=s.horizon_start, end=s.horizon_end, tz=s.timezone),
        t("val.workdays", workdays=len(calendar.workdays), holidays=len(calendar.holidays),
          makeup=len(calendar.makeup_days)),
        t("val.slots", slots=len(s.slots), points=len(points)),
        t("val.staff", staff=len(problem.staff), departments=len(problem.departments),
          largest=max(depts.values(), default=0)),
        t("val.rooms", rooms=len(problem.rooms),
          seats=max((r.capacity for r in problem.rooms), default=0)),
        t("val.courses", in_person=sum(c.mode is Mode.IN_PERSON for c in problem.courses),
          online=sum(c.mode is Mode.ONLINE for c in problem.courses)),
        t("val.quotas", lines=len(s.quotas), credits=t("val.credits") if s.credits else ""),
        t("val.rotations", programmes=len(problem.programmes),
          seats=sum(x.seats for x in problem.seats)),
        t("val.other", pins=len(problem.pins), unavailability=len(problem.unavailability),
          holidays=len(problem.holidays), history=len(problem.history)),
    ]
    lines.extend(t("val.note", text=n) for n in calendar.notes)
    lines.extend(t("sum.warning", text=w) for w in input_warnings(problem))
    return "\n".join(lines)


def quota_attainment(plan: Plan) -> float:
    """Σ min(history + planned, required) ÷ Σ required over hour quotas (credits excluded)."""
    req = got = 0.0
    for q in plan.quotas:
        if q.category.startswith("credits"):
            continue
        req += q.required
        got += min(q.history + q.planned, q.required)
    return 100.0 if req == 0 else 100.0 * got / req


def plan_summary(problem: Problem, plan: Plan, result: object) -> str:
    """What ``planner plan`` prints at the end, in the plan's language."""
    t = labels_for(problem.settings.language)
    short = [q for q in plan.quotas if q.shortfall > 0]
    by_reason = Counter(q.reason for q in short)
    lines = [
        t("sum.head", hospital=plan.hospital, start=plan.horizon_start, end=plan.horizon_end,
          status=status_words(t, plan.status)),
        t("sum.sessions", sessions=len(plan.sessions),
          live=sum(len(s.attendees) for s in plan.sessions),
          recordings=sum(o.mode == "recording" for o in plan.offsite),
          online=sum(o.mode == "online" for o in plan.offsite)),
        t("sum.quotas", percent=quota_attainment(plan), people=len({q.staff for q in short}),
          lines=len(short)),
        t("sum.missed", missed=len(plan.missed)),
    ]
    if plan.phases:
        lines.append(t("sum.phases", phases=phase_words(plan, t)))
    if by_reason:
        lines.append(t("sum.shortfalls", reasons=t("sep").join(
            t("sum.reason", reason=_reason(t, r), count=n) for r, n in sorted(by_reason.items()))))
    lines.extend(_months_lines(problem, plan, t))
    for w in plan.warnings:
        lines.append(t("sum.warning", text=w))
        lines.extend(t("sum.relaxation", text=r) for r in plan.relaxations.get(w, ()))
    return "\n".join(lines)


PHASE_ORDER = ("months", "timetable", "attendance")


def status_words(t: Labels, status: str) -> str:
    key = f"status.{status}"
    return t(key) if key in TEXT else status


def _reason(t: Labels, code: str) -> str:
    key = f"reason.{code}"
    return t(key) if key in TEXT else code


def phase_words(plan: Plan, t: Labels | None = None) -> str:
    """Each phase in plain words: proved best, usable, built step by step, or kept."""
    t = t or labels_for("en")
    words = []
    for phase in sorted(plan.phases, key=lambda p: (PHASE_ORDER + (p,)).index(p)):
        name = t(f"phase.{phase}") if f"phase.{phase}" in TEXT else phase
        words.append(t("phase.item", phase=name, status=status_words(t, plan.phases[phase])))
    return t("phase.sep").join(words)


def _months_lines(problem: Problem, plan: Plan, t: Labels, listed: int = 5) -> list[str]:
    """Rotations and external study in a few lines (the CSVs hold the details)."""
    lines = []
    if plan.rotations:
        exams = {r.exit_exam for r in plan.rotations if r.exit_exam}
        lines.append(t("sum.rotations", blocks=len(plan.rotations),
                       people=len({r.staff for r in plan.rotations}),
                       programmes=len({r.programme for r in plan.rotations}), exams=len(exams)))
    if plan.placements:
        names = {p.id: p.name for p in problem.staff}
        lines.append(t("sum.placements", count=len(plan.placements)))
        talks = {s.id: s.date for s in plan.sessions}
        for p in plan.placements[:listed]:
            back = t("sum.teach_back", date=talks[p.teach_back]) if p.teach_back in talks else ""
            lines.append(t("sum.placement", name=names.get(p.staff, p.staff), partner=p.partner,
                           start=p.start, end=p.end, back=back, credits=p.credits))
        if len(plan.placements) > listed:
            lines.append(t("sum.more", count=len(plan.placements) - listed))
    return lines
