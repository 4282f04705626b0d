"""Every part takes place: at least its fewest runs, at most its most (the course's repeats, or
enough cohorts for its audience); a pinned run takes place once. Runs of one course never
happen at the same time. The parts of a series follow one another in order where the inputs
allow — all runs of a topic before the next topic's first (re-planning: each topic's first run
before the next topic's first, so that a make-up run 补课 added to an earlier topic does not
push the rest of the series back): a preference above every other (:data:`ORDER_WEIGHT`), not a
rule, so that pins, leave or a window that allow no order give a plan out of order, with a
warning, rather than none. Parts whose date is fixed (the course's dates, a topic date) and runs
pinned to a date are not ordered.

Working days, windows, periods, fixed dates and pins are already folded into each part's
candidate times by :mod:`planner.solver.timetable.parts`; this module states the choice."""

from __future__ import annotations

from collections import defaultdict

from planner.solver.findings import Cause, Finding
from planner.solver.timetable.model import TimetableModel

#: What one pair of a series' sessions out of order costs: more than the places of any part
#: (50 a place) and below a published session moved (1,000,000).
ORDER_WEIGHT = 500_000


def add(tm: TimetableModel) -> None:
    m = tm.model
    for p in tm.parts:
        cs = tm.of(p.index)
        for pin in p.pinned:
            lit = tm.guard("sessions", f"{p.label}, run {pin.run} (pins.csv) must take place",
                           Finding("pin", course=p.course.id, part=p.part, run=pin.run,
                                   causes=(_options(tm, [c for c in cs if c.pin == pin.run]),)))
            m.add_exactly_one([c.var for c in cs if c.pin == pin.run]).only_enforce_if(lit)
        runs = [c.var for c in cs]
        if p.min_runs > 0:
            lit = tm.guard("sessions", f"{p.label} must take place",
                           Finding("part", course=p.course.id, part=p.part, count=p.min_runs,
                                   causes=(_options(tm, cs),)))
            m.add(sum(runs) >= p.min_runs).only_enforce_if(lit)
        if len(runs) > p.max_runs:
            lit = tm.guard("sessions", f"{p.label}: at most {p.max_runs} run(s)",
                           Finding("runs", course=p.course.id, part=p.part, count=p.max_runs))
            m.add(sum(runs) <= p.max_runs).only_enforce_if(lit)
    _one_course_at_a_time(tm)
    _series_order(tm)


def _options(tm: TimetableModel, cs: list) -> Cause:  # noqa: ANN001 — Choice
    """The days a part (or a pinned run) may take, for the words of a diagnosis."""
    days = sorted({tm.inst.time_points[c.t].date for c in cs})
    return Cause("options", lo=days[0] if days else None, hi=days[-1] if days else None,
                 days=tuple(days), count=len(days))


def _one_course_at_a_time(tm: TimetableModel) -> None:
    inst = tm.inst
    for points in inst.instants:
        by_course: dict[str, list] = defaultdict(list)
        for t in points:
            for c in tm.at(t):
                by_course[tm.parts[c.part].course.id].append(c.var)
        for course_id, vs in sorted(by_course.items()):
            if len(vs) > 1:
                tm.model.add_at_most_one(vs)


def _series_order(tm: TimetableModel) -> None:
    """For consecutive parts ``a`` and ``b`` of a series, over the time points either may take:
    ``done[t]`` — part ``a`` is over before ``t`` — never goes back to false; a run of ``a`` at
    ``t`` needs ``done[t]`` false, a run of ``b`` at ``t`` needs it true (re-planning: ``b``
    needs only that ``a`` has *begun* before ``t``). A chain of Booleans rather than
    "first/last run" integers: its linear relaxation is tight, which the search feels."""
    inst = tm.inst
    m = tm.model
    replan = inst.past is not None
    by_course: dict[str, list] = defaultdict(list)
    for p in tm.parts:
        if not p.fixed_date:
            by_course[p.course.id].append(p)
    for course_id, parts in sorted(by_course.items()):
        parts.sort(key=lambda p: p.part)
        title = parts[0].course.title
        for a, b in zip(parts, parts[1:]):
            if a.max_runs == 0 or b.max_runs == 0:
                continue
            # re-planning, any run of ``a`` lets ``b`` begin, a pinned one included
            at_a, at_b = _runs_at(tm, a, pinned=replan), _runs_at(tm, b)
            if not at_a or not at_b:
                continue
            # a preference that outweighs every other, not a rule: where pins, leave or the
            # window leave no other order, the series is held out of order and the plan says so
            # (witness seed 170: session 2 pinned before session 1's only days was refused)
            lit = m.new_bool_var(f"in_order[{course_id}#{a.part}<{b.part}]")
            tm.penalise(1 - lit, ORDER_WEIGHT, f"{title} ({course_id}): session {a.part} "
                                               f"after session {b.part}")
            tm.orders.append((lit, at_a, at_b, replan))
            flag = "begun" if replan else "done"
            prev, prev_t = None, -1
            for t in sorted(set(at_a) | set(at_b)):
                d = m.new_bool_var(f"{flag}[{course_id}#{a.part}@{t}]")
                if prev is not None:
                    if replan:  # begun: never un-begins, and begins only with a run of a
                        m.add(prev <= d)
                        m.add(d <= prev + sum(at_a.get(prev_t, ()))).only_enforce_if(lit)
                    else:
                        m.add(prev <= d)
                if replan:
                    if prev is None:
                        m.add(d == 0)
                    for v in at_b.get(t, ()):
                        m.add(v <= d).only_enforce_if(lit)
                else:
                    for v in at_a.get(t, ()):
                        m.add(v + d <= 1).only_enforce_if(lit)
                    for v in at_b.get(t, ()):
                        m.add(v <= d).only_enforce_if(lit)
                prev, prev_t = d, t


def _runs_at(tm: TimetableModel, p, pinned: bool = False) -> dict[int, list]:  # noqa: ANN001
    """Time point → the part's run variables there (a run pinned to a date stays out, unless
    ``pinned``)."""
    out: dict[int, list] = defaultdict(list)
    dated = set() if pinned else {x.run for x in p.pinned if x.dated}
    for c in tm.of(p.index):
        if c.pin is None or c.pin not in dated:
            out[c.t].append(c.var)
    return out


def in_order(tm: TimetableModel, chosen_vars: set[int]) -> list[tuple[object, bool]]:
    """Each pair's "in order" literal and whether the choices (model variable indices) keep
    that order — the value the constructive timetable gives it (left to the completion, a free
    literal took whatever value came first, and the search then spent its budget paying for
    orders the timetable kept)."""
    out = []
    for lit, at_a, at_b, replan in tm.orders:
        ta = [t for t, vs in at_a.items() if any(v.index in chosen_vars for v in vs)]
        tb = [t for t, vs in at_b.items() if any(v.index in chosen_vars for v in vs)]
        if not tb:
            holds = True
        elif replan:
            holds = bool(ta) and min(ta) < min(tb)
        else:
            holds = not ta or max(ta) < min(tb)
        out.append((lit, holds))
    return out
