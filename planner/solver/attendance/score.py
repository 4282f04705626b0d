"""The attendance objective of a named plan, person by person.

The model counts groups, so its optimum is a bound: a person-by-person plan can only score the
same or worse (a group's hours may be shared unevenly, a seat may go to nobody). Scoring the
named plan with the very weights of the rule modules says how far from that bound it is — the
gap the run reports — and whether the plan is optimal at all: only when the two are equal.
"""

from __future__ import annotations

from collections import defaultdict

from planner.domain import CreditClass, EXIT_PREFIX
from planner.solver.attendance.model import AttendanceModel, Terms, scaled, session_credits
from planner.solver.attendance.rules.attend_once import (
    EXIT_EXAM_FACTOR,
    MISS_WEIGHT,
    RECORDING_WEIGHT,
)
from planner.solver.attendance.rules.quotas import SHORTFALL_WEIGHT
from planner.solver.replan.past import STAY_WEIGHT


def person_objective(am: AttendanceModel, live: dict[int, list[str]],
                     recording: list[tuple[str, str, int]], terms: dict[str, Terms]) -> float:
    """The model's objective for this attendance of the people modelled (kept people, in a local
    re-plan, are not in the model and not scored)."""
    costs = person_costs(am, live, recording, terms)
    return sum(costs.values()) + moves_cost(am, live, terms)


def person_costs(am: AttendanceModel, live: dict[int, list[str]],
                 recording: list[tuple[str, str, int]], terms: dict[str, Terms]
                 ) -> dict[str, float]:
    """Each modelled person's share of the objective: quota shortfalls, missed parts and
    recordings (the cost of moving published attendees is the plan's, :func:`moves_cost`)."""
    inst = am.inst
    people = {p for g in am.groups for p in g.members}
    runs_of: dict[str, list[int]] = defaultdict(list)
    for r, attendees in live.items():
        for p in attendees:
            if p in people:
                runs_of[p].append(r)
    rec_of: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for p, c, part in recording:
        if p in people:
            rec_of[p].append((c, part))
    out: dict[str, float] = {}
    for p in sorted(people):
        total = 0.0
        t = terms[p]
        hours: dict[str, int] = defaultdict(int)
        rec_hours: dict[str, int] = defaultdict(int)
        cred = {"I": 0, "II-hospital": 0, "II-other": 0}
        done = set()
        for r in runs_of[p]:
            run = inst.runs[r]
            hours[run.course.category.value] += scaled(run.course.hours)
            done.add((run.course.id, run.part))
            c = scaled(session_credits(inst, run))
            if c and run.course.credit_class is not CreditClass.NONE:
                key = "I" if run.course.credit_class is CreditClass.I else (
                    "II-hospital" if run.course.hospital_run else "II-other")
                cred[key] += c
        for course_id, part in rec_of[p]:
            course = am.course(course_id)
            rec_hours[course.category.value] += scaled(course.hours)
            done.add((course_id, part))
            total += RECORDING_WEIGHT * scaled(course.hours)
        for course_id, part in t.must:
            if (course_id, part) not in done:
                factor = EXIT_EXAM_FACTOR if course_id.startswith(EXIT_PREFIX) else 1
                total += MISS_WEIGHT * factor * scaled(am.course(course_id).hours)
        fixed = dict(t.needs.fixed_online)
        for category, need, cap in t.needs.hours:
            if need <= 0:
                continue
            counted = min(cap, rec_hours[category] + min(fixed.get(category, 0), cap))
            total += SHORTFALL_WEIGHT * max(0, need - hours[category] - counted)
        if t.needs.credits is not None:
            total_need, c1_min, c1_max, c2_min, hosp_room = t.needs.credits
            f1, f2h, f2o = t.needs.fixed_credits
            c1 = min(max(0, c1_max), cred["I"] + f1)
            c2 = min(max(0, hosp_room), cred["II-hospital"] + f2h) + cred["II-other"] + f2o
            for need_, have in ((c1_min, c1), (c2_min, c2), (total_need, c1 + c2)):
                if need_ > 0:
                    total += SHORTFALL_WEIGHT * max(0, need_ - have)
        out[p] = total
    return out


def moves_cost(am: AttendanceModel, live: dict[int, list[str]], terms: dict[str, Terms]) -> float:
    """Re-planning: the cost of each published attendee taken out of a session they may still
    attend."""
    inst = am.inst
    people = {p for g in am.groups for p in g.members}
    total = 0.0
    if inst.past is not None:
        for r in am.schedule.time:
            published = inst.past.future.get(inst.runs[r].key)
            if published is None:
                continue
            here = set(live.get(r, ()))
            total += STAY_WEIGHT * sum(1 for p in published.attendees
                                       if p in people and p not in here
                                       and r not in am.blocked.get(p, frozenset())
                                       and r in set(terms[p].may))
    return total


def group_costs(am: AttendanceModel, values) -> dict[int, float]:  # noqa: ANN001 — an array
    """Each group's share of the model's objective in a solution, on the terms
    :func:`person_costs` scores per person: what the model believed the group would cost."""
    out: dict[int, float] = defaultdict(float)
    for g, v in am.shortfall + am.credit_shortfall:
        out[g] += SHORTFALL_WEIGHT * values[v]
    live: dict[tuple[int, str, int], float] = defaultdict(float)
    for (g, r), v in am.n.items():
        run = am.inst.runs[r]
        live[g, run.course.id, run.part] += values[v]
    for group in am.groups:
        for course_id, part in group.parts:
            hours = scaled(am.course(course_id).hours)
            rec = am.rec.get((group.index, course_id, part))
            watched = values[rec] if rec is not None else 0
            got = live[group.index, course_id, part] + watched
            factor = EXIT_EXAM_FACTOR if course_id.startswith(EXIT_PREFIX) else 1
            out[group.index] += MISS_WEIGHT * factor * hours * (group.demand[course_id, part] - got)
            out[group.index] += RECORDING_WEIGHT * hours * watched
    return dict(out)
