"""Warnings about valid inputs that cannot work out as the office probably means them.

They are no errors — the plan can still be made — but the office should read them before it
plans: ``planner validate`` prints them, and ``planner plan`` prints them and keeps them among
the plan's warnings (plan.json, the summaries), where the independent check finds the reason
for what they announce. Each says what to change; the words are in :mod:`planner.inputs.words`,
shown in the plan's language.
"""

from __future__ import annotations

from planner.domain import Category, ExternalSeat, Mode, Problem, QuotaLine, Staff
from planner.errors import Both, Msg, msg
from planner.inputs.words import render

#: categories whose sessions the planner adds itself (exit exams, teach-back lectures)
_ADDED = {Category.EXIT_EXAM, Category.TEACH_BACK}


def input_warnings(problem: Problem, language: str | None = None) -> list[str]:
    """Every warning, in a stable order, in ``language`` (default: the plan's)."""
    lang = language or problem.settings.language
    return [render(w, lang) for w in warning_messages(problem)]


def warning_messages(problem: Problem) -> list[Msg]:
    """Every warning as words in both languages, in a stable order."""
    out = [w for line in problem.settings.quotas if (w := _quota(problem, line))]
    out += [w for seat in sorted(problem.seats, key=lambda s: s.id) if (w := _seat(problem, seat))]
    return out


def _category(category: Category) -> Both:
    from planner.inputs.schema import CHOICES_ZH

    return Both(CHOICES_ZH.get(category.value, category.value), category.value)


def _quota(problem: Problem, line: QuotaLine) -> Msg | None:
    """A quota that the courses cannot fill: no course of its category reaches the people it
    applies to, or those that do offer them fewer hours than it asks (history counted)."""
    if line.category in _ADDED or line.min_hours <= 0:
        return None
    day = problem.settings.horizon_start
    people = [p for p in problem.staff if line.who.matches(p, day)]
    if not people:
        return None
    courses = [c for c in problem.courses if c.category is line.category]
    done: dict[str, float] = {}
    for row in problem.history:
        if row.kind == "hours" and row.category == line.category.value:
            done[row.staff_id] = done.get(row.staff_id, 0.0) + row.amount
    words = dict(category=_category(line.category), hours=line.min_hours, who=line.who.text)

    def offered(person: Staff) -> float:
        live = sum(c.hours * c.parts for c in courses
                   if c.mode is Mode.IN_PERSON and c.audience.matches(person, day))
        online = sum(c.hours * c.parts for c in courses
                     if c.mode is Mode.ONLINE and c.audience.matches(person, day))
        return live + min(online, line.online_share_max * line.min_hours)

    if not any(offered(p) > 0 for p in people):
        key = "warn.quota.no_course" if not courses else "warn.quota.no_audience"
        return msg(key, **words, people=len(people))
    short = [(offered(p) + done.get(p.id, 0.0), p) for p in people]
    short = [(h, p) for h, p in short if h < line.min_hours - 1e-9]
    if not short:
        return None
    most, person = max(short, key=lambda x: (x[0], x[1].id))
    return msg("warn.quota.short", **words, people=len(people), short=len(short), most=most,
               name=person.name, id=person.id)


def _seat(problem: Problem, seat: ExternalSeat) -> Msg | None:
    """A seat nobody may hold: its candidate filter matches staff, but none of them has served
    the years it asks for. (A filter that matches nobody is an input error already.) Who is
    eligible is the months model's own rule, :func:`planner.solver.months.seats.is_candidate`."""
    from planner.solver.months.seats import is_candidate, years_of_service

    day = problem.settings.horizon_start
    if any(is_candidate(p, seat, day) for p in problem.staff):
        return None
    matching = [p for p in problem.staff if seat.candidates.matches(p, day)]
    words = dict(seat=seat.id, partner=seat.partner, specialty=seat.specialty, seats=seat.seats,
                 who=seat.candidates.text)
    if not matching:
        return msg("warn.seat.nobody", **words)
    served: list[tuple[int, Staff]] = [(years_of_service(p, day) or 0, p) for p in matching]
    years, person = max(served, key=lambda x: (x[0], x[1].id))
    return msg("warn.seat.years", **words, count=len(matching), min_years=seat.min_years,
               day=day.isoformat(), name=person.name, id=person.id, years=years)
