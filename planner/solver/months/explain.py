"""Words for what phase 0 could not plan, read off the solution it found.

For every block left unplanned the months it could have used are tested one by one: was the
department full (rotator capacity), was the participant's home department at its minimum
(coverage), was the participant already elsewhere (another block, external study)? The lines
are grouped per programme block and name the programme, the department(s), the months and the
people, e.g. "programme PROMO: 4 participants need 2–3 months each in 急诊科 (JZ) between 2027-01
and 2027-12, but JZ takes at most 1 rotator a month; block 3 not planned for S081 …"."""

from __future__ import annotations

from collections import defaultdict

from planner.solver.months import capacity, coverage
from planner.solver.months.model import MonthsModel, Need
from planner.solver.months.seats import eligible


def _longest_run(months: set[int]) -> int:
    best = run = 0
    prev = None
    for k in sorted(months):
        run = run + 1 if prev is not None and k == prev + 1 else 1
        best, prev = max(best, run), k
    return best


def unplanned(mm: MonthsModel, value) -> list[str]:  # noqa: ANN001 — solver.value
    used = {key: sum(value(v) for v in vs) for key, vs in capacity.placed(mm).items()}
    out, into = coverage.terms(mm)
    left = {key: coverage.slack(mm, key[0]) - sum(value(v) for v in vs)
            + sum(value(v) for v in into.get(key, [])) for key, vs in out.items()}
    busy: dict[str, set[int]] = defaultdict(set)
    for o in mm.options:
        busy[o.pid].update(k for k, v in o.months.items() if value(v))
    for s in mm.seat_options:
        if value(s.var):
            busy[s.pid].update(s.months)
    planned = {(n.pid, n.programme.id, n.block.block): bool(value(n.planned)) for n in mm.needs}
    groups: dict[tuple[str, int], list[tuple[Need, str, set[str]]]] = defaultdict(list)
    for n in mm.needs:
        if planned[n.pid, n.programme.id, n.block.block]:
            continue
        why, full = _why(mm, n, used, left, busy, planned)
        groups[n.programme.id, n.block.block].append((n, why, full))
    lines = []
    for (programme, block), items in sorted(groups.items()):
        lines.append(_group_line(mm, programme, block, items))
    return lines


def _why(mm: MonthsModel, n: Need, used, left, busy, planned) -> tuple[str, set[str]]:  # noqa: ANN001
    b = n.block
    lo, hi = (n.options[0].lo, n.options[0].hi) if n.options else (0, -1)
    if lo > hi:
        return "the programme's dates hold no whole month of the horizon", set()
    firsts = sorted(a for a in b.after if (n.pid, n.programme.id, a) in planned
                    and not planned[n.pid, n.programme.id, a])
    if n.programme.ordered:
        firsts += sorted(x for (p, prog, x), ok in planned.items()
                         if p == n.pid and prog == n.programme.id and x < b.block and not ok)
    if firsts:
        return f"it comes after block {min(firsts)}, which is not planned", set()
    home = mm.staff[n.pid].department
    reasons: list[str] = []
    full_depts: set[str] = set()
    window = set(range(lo, hi + 1))
    elsewhere = window & busy[n.pid]
    for o in n.options:
        cap = mm.departments[o.dept].rotator_capacity
        full = {k for k in window if used.get((o.dept, k), 0) >= cap}
        tight = {k for k in window if o.dept != home and left.get((home, k), coverage.slack(
            mm, home)) <= 0} - full
        if _longest_run(window - full - tight - elsewhere) >= b.min_months:
            continue
        if full:
            full_depts.add(o.dept)
            reasons.append(f"{o.dept} full ({cap} rotator(s) a month) in {mm.grid.ranges(full)}")
        if tight:
            reasons.append(f"home department {mm.dept_name(home)} at its minimum on duty in "
                           f"{mm.grid.ranges(tight)}")
    if elsewhere and reasons:
        reasons.append(f"already rotating or away in {mm.grid.ranges(elsewhere)}")
    if not reasons:
        if elsewhere:
            return (f"not enough free months left in {mm.grid.ranges(window)} after its other "
                    f"blocks and external study ({mm.grid.ranges(elsewhere)})"), set()
        return "the search stopped before finding room for it (raise the time limit)", set()
    return "; ".join(reasons), full_depts


def _group_line(mm: MonthsModel, programme: str, block: int,
                items: list[tuple[Need, str, set[str]]]) -> str:
    n0 = items[0][0]
    b = n0.block
    depts = list(b.departments)
    where = " / ".join(mm.dept_name(d) for d in depts)
    if b.choose > 1 or len(depts) > 1:
        where = f"{b.choose} of {where}"
    lo, hi = (n0.options[0].lo, n0.options[0].hi) if n0.options else (0, -1)
    span = (f"between {mm.grid.label(lo)} and {mm.grid.label(hi)}" if lo <= hi
            else "in the programme's dates")
    needing = sum(1 for n in mm.needs if n.programme.id == programme and n.block.block == block)
    months = (f"{b.min_months}" if b.min_months == b.max_months
              else f"{b.min_months}–{b.max_months}")
    head = (f"programme {programme}: {needing} participant(s) need {months} month(s) each in "
            f"{where} {span}")
    full = sorted(set().union(*(f for _, _, f in items)))
    if full:
        caps = ", ".join(f"{d} takes at most {mm.departments[d].rotator_capacity} rotator(s) a "
                         f"month" for d in full)
        head += f", but {caps}"
    who = "; ".join(f"{mm.person(n.pid)} ({why})" for n, why, _ in items)
    return f"{head}; block {block} not planned for {len(items)}: {who}"


def unfilled_seats(mm: MonthsModel, value) -> list[str]:  # noqa: ANN001 — solver.value
    lines = []
    taken: dict[str, int] = defaultdict(int)
    holders: set[str] = set()
    for s in mm.seat_options:
        if value(s.var):
            taken[s.seat.id] += 1
            holders.add(s.pid)
    for seat in sorted(mm.problem.seats, key=lambda x: x.id):
        if not any(o.seat.id == seat.id for o in mm.seat_options):
            continue  # start window outside the horizon: already warned
        short = seat.seats - taken[seat.id]
        if short <= 0:
            continue
        people = eligible(mm, seat)
        head = (f"seat {seat.id} ({seat.partner} {seat.specialty}, {seat.months} month(s) from "
                f"{seat.start_earliest}..{seat.start_latest}): {short} of {seat.seats} place(s) "
                f"not filled")
        if not people:
            lines.append(f"{head} — no eligible candidate (filter {seat.candidates.text!r}, at "
                         f"least {seat.min_years} year(s) of service)")
            continue
        free = [p for p in people if p not in holders]
        lines.append(f"{head} — {len(people)} eligible candidate(s), {len(people) - len(free)} "
                     f"already placed; the others are needed at home (coverage), rotating, or "
                     f"over the specialty cap in those months")
    return lines
