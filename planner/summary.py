"""Short text summaries printed by ``planner validate`` and ``planner plan``."""

from __future__ import annotations

from collections import Counter

from planner.domain import Mode, Problem
from planner.inputs.advice import input_warnings
from planner.plan import Plan
from planner.workdays import WorkCalendar


def input_summary(problem: Problem, calendar: WorkCalendar) -> str:
    s = problem.settings
    points = calendar.time_points(s.slots)
    depts = Counter(p.department for p in problem.staff)
    lines = [
        f"{s.hospital} ({problem.name}) — inputs are valid",
        f"  horizon      {s.horizon_start} .. {s.horizon_end} ({s.timezone})",
        f"  working days {len(calendar.workdays)} ({len(calendar.holidays)} holiday(s) off, "
        f"{len(calendar.makeup_days)} make-up workday(s))",
        f"  slots        {len(s.slots)} a week → {len(points)} lecture time points",
        f"  staff        {len(problem.staff)} in {len(problem.departments)} departments "
        f"(largest {max(depts.values(), default=0)})",
        f"  rooms        {len(problem.rooms)} (largest {max((r.capacity for r in problem.rooms), default=0)} seats)",
        f"  courses      {sum(c.mode is Mode.IN_PERSON for c in problem.courses)} in person, "
        f"{sum(c.mode is Mode.ONLINE for c in problem.courses)} online",
        f"  quotas       {len(s.quotas)} hour line(s)" + (", CME credits" if s.credits else ""),
        f"  rotations    {len(problem.programmes)} programme(s); external seats "
        f"{sum(x.seats for x in problem.seats)}",
        f"  other rows   pins {len(problem.pins)}, unavailability {len(problem.unavailability)}, "
        f"holidays {len(problem.holidays)}, history {len(problem.history)}",
    ]
    lines.extend(f"  note: {n}" for n in calendar.notes)
    lines.extend(f"  warning: {w}" for w in input_warnings(problem))
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
    short = [q for q in plan.quotas if q.shortfall > 0]
    people_short = len({q.staff for q in short})
    by_reason = Counter(q.reason for q in short)
    live = sum(len(s.attendees) for s in plan.sessions)
    lines = [
        f"{plan.hospital}: {plan.horizon_start} .. {plan.horizon_end} — status {plan.status}",
        f"  sessions     {len(plan.sessions)} ({live} live attendances, "
        f"{sum(o.mode == 'recording' for o in plan.offsite)} by recording, "
        f"{sum(o.mode == 'online' for o in plan.offsite)} online)",
        f"  quotas       {quota_attainment(plan):.2f}% of required hours reached; "
        f"{people_short} person(s) short in {len(short)} line(s)",
        f"  missed       {len(plan.missed)} required session(s) not attended",
    ]
    if plan.phases:
        lines.append("  phases       " + phase_words(plan))
    if by_reason:
        lines.append("  shortfalls   " + ", ".join(f"{r}: {n}" for r, n in sorted(by_reason.items())))
    lines.extend(_months_lines(plan))
    lines.extend(f"  warning: {w}" for w in plan.warnings)
    return "\n".join(lines)


PHASE_ORDER = ("months", "timetable", "attendance")
PHASE_WORDS = {"OPTIMAL": "optimal (proved, given the phases before)", "FEASIBLE": "feasible", "EMPTY": "nothing to plan",
               "CONSTRUCTIVE": "constructive plan (built step by step, not proved best)",
               "KEPT": "published plan kept"}


def phase_words(plan: Plan) -> str:
    """Each phase as optimal, feasible with its gap, or the constructive plan."""
    words = []
    for phase in sorted(plan.phases, key=lambda p: (PHASE_ORDER + (p,)).index(p)):
        status = plan.phases[phase]
        text = PHASE_WORDS.get(status, status)
        gap = plan.gap(phase)
        if status == "FEASIBLE" and gap is not None:
            text += f", gap {100 * gap:.1f}%"
        words.append(f"{phase} {text}")
    return " · ".join(words)


def _months_lines(plan: Plan, listed: int = 5) -> list[str]:
    """Rotations and external study in a few lines (the CSVs hold the details)."""
    lines = []
    if plan.rotations:
        people = {r.staff for r in plan.rotations}
        programmes = {r.programme for r in plan.rotations}
        exams = {r.exit_exam for r in plan.rotations if r.exit_exam}
        lines.append(f"  rotations    {len(plan.rotations)} block(s) for {len(people)} "
                     f"participant(s) in {len(programmes)} programme(s); {len(exams)} exit "
                     f"exam session(s)")
    if plan.placements:
        lines.append(f"  external     {len(plan.placements)} placement(s)")
        talks = {s.id: s.date for s in plan.sessions}
        for p in plan.placements[:listed]:
            back = f", teach-back {talks[p.teach_back]}" if p.teach_back in talks else ""
            lines.append(f"               {p.staff} {p.seat} ({p.partner}) {p.start}..{p.end}"
                         f"{back}, {p.credits:g} credits")
        if len(plan.placements) > listed:
            lines.append(f"               … and {len(plan.placements) - listed} more "
                         f"(plan/placements.csv)")
    return lines
