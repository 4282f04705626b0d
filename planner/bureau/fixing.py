"""A hospital's share of the allocation, written into its own inputs before it is planned —
so the ordinary pipeline plans it with no hook of its own:

* a shared seat's places become the hospital's own external-study seat of the same id, partner
  and specialty, with one start day and the allocated people as its only candidates (the months
  phase places them, their department's coverage counted, and asks for the teach-back lecture);
* a city-training cohort becomes, for each person sent, a day away (an unavailability whose
  reason names the training, so nothing at home is planned for them that day and their ward
  counts them away) and the training's hours and credits as training already done
  (history rows), so the quotas count it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from planner.bureau.labels import words_for
from planner.bureau.master import CohortPlace, SeatPlace
from planner.domain import CreditClass, ExternalSeat, HistoryRow, Problem, Unavailability
from planner.inputs.who import parse_who


def with_allocation(problem: Problem, seats: list[SeatPlace], cohorts: list[CohortPlace],
                    language: str) -> Problem:
    grouped: dict[tuple[str, object], list[SeatPlace]] = defaultdict(list)
    for place in seats:
        grouped[place.seat.id, place.start].append(place)
    starts: dict[str, int] = defaultdict(int)
    for sid, _ in grouped:
        starts[sid] += 1
    added: list[ExternalSeat] = []
    for (sid, start), places in sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        seat = places[0].seat
        ident = sid if starts[sid] == 1 else f"{sid}-{start:%Y%m}"
        who = parse_who("id=" + ",".join(sorted(p.pid for p in places)))
        added.append(ExternalSeat(ident, seat.partner, seat.specialty, start, start, seat.months,
                                  len(places), who, seat.teach_back_weeks))
    w = words_for(language)
    away: list[Unavailability] = []
    history: list[HistoryRow] = []
    for c in sorted(cohorts, key=lambda c: (c.date, c.training.id, c.pid)):
        t = c.training
        away.append(Unavailability("staff", c.pid, c.date, c.date,
                                   w("city.reason", title=t.title, venue=t.venue.name)))
        note = w("city.note", title=t.title, date=c.date.isoformat(), venue=t.venue.name)
        history.append(HistoryRow(c.pid, "hours", t.category.value, t.hours, note=note))
        if t.credits and t.credit_class is not CreditClass.NONE:
            history.append(HistoryRow(c.pid, "credits", t.credit_class.value, t.credits,
                                      note=note))
    return replace(problem, seats=problem.seats + tuple(added),
                   unavailability=problem.unavailability + tuple(away),
                   history=problem.history + tuple(history))
