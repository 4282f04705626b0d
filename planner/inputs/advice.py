"""Warnings about valid inputs that cannot work out as the office probably means them.

They are no errors — the plan can still be made — but the office should read them before it
plans: ``planner validate`` prints them, and ``planner plan`` prints them and keeps them among
the plan's warnings (plan.json, the summaries), where the independent check finds the reason
for what they announce.
"""

from __future__ import annotations

from planner.domain import ExternalSeat, Problem, Staff


def input_warnings(problem: Problem) -> list[str]:
    """Every warning, in a stable order."""
    return [w for seat in sorted(problem.seats, key=lambda s: s.id) if (w := _seat(problem, seat))]


def _seat(problem: Problem, seat: ExternalSeat) -> str | None:
    """A seat nobody may hold: its candidate filter matches staff, but none of them has served
    the years it asks for. (A filter that matches nobody is an input error already.) Who is
    eligible is the months model's own rule, :func:`planner.solver.months.seats.is_candidate`."""
    from planner.solver.months.seats import is_candidate, years_of_service

    day = problem.settings.horizon_start
    if any(is_candidate(p, seat, day) for p in problem.staff):
        return None
    matching = [p for p in problem.staff if seat.candidates.matches(p, day)]
    head = (f"seat {seat.id} ({seat.partner} {seat.specialty}): nobody qualifies, so its "
            f"{seat.seats} place(s) stay empty")
    if not matching:
        return f"{head} — its candidate filter {seat.candidates.text!r} matches no staff"
    served: list[tuple[int, Staff]] = [(years_of_service(p, day) or 0, p) for p in matching]
    years, person = max(served, key=lambda x: (x[0], x[1].id))
    return (f"{head} — the {len(matching)} staff its candidate filter "
            f"{seat.candidates.text!r} matches have all served fewer than {seat.min_years} "
            f"year(s) by {day.isoformat()} (min_years in external_seats; the longest-serving, "
            f"{person.name} {person.id}, has {years})")
