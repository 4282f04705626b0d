"""Words for what phase 0 could not plan, read off the solution it found.

For every block left unplanned the months it could have used are tested one by one: was the
department full (rotator capacity), was the participant's home department at its minimum
(coverage), was the participant already elsewhere (another block, external study), on leave for
most of the month, and could the block's exit exam be held in the month it would end in (a slot
long enough in its last week, the participant at work, an examiner free, the ward able to spare
them)? The lines
are grouped per programme block and name the programme, the department(s), the months and the
people, e.g. "programme PROMO: 4 participants need 2–3 months each in 急诊科 (JZ) between 2027-01
and 2027-12, but JZ takes at most 1 rotator a month; block 3 not planned for S081 …"."""

from __future__ import annotations

from collections import Counter, defaultdict

from planner.solver.months import coverage, exams
from planner.solver.months.model import MonthsModel, Need, Option
from planner.solver.months.seats import eligible, start_dates


def _longest_run(months: set[int]) -> int:
    best = run = 0
    prev = None
    for k in sorted(months):
        run = run + 1 if prev is not None and k == prev + 1 else 1
        best, prev = max(best, run), k
    return best


def _ends(months: set[int], o: Option) -> set[int]:
    """The months a stay in ``o`` lying inside ``months`` could end in."""
    b = o.block
    return {k for k in months if all(j in months for j in range(k - b.min_months + 1, k + 1))}


def _placed_rows(mm: MonthsModel, value) -> tuple[list, list]:  # noqa: ANN001
    """The solution's stays (person, department, first, last month) and placements (person,
    first, last day), as :class:`.exams.Placed` takes them."""
    stays = [(o.pid, o.dept, value(o.start), value(o.start) + value(o.length) - 1)
             for o in mm.options if value(o.present)]
    return stays, [(so.pid, so.start, so.end) for so in mm.seat_options if value(so.var)]


def _exam_blocked(mm: MonthsModel, o: Option, free: set[int], value,  # noqa: ANN001
                  base: tuple[list, list]) -> str | None:
    """Words when every month a stay in ``o`` inside ``free`` could end in leaves its exit exam
    no day in the solution (the other finishers there, examiners, the ward); ``None`` when one
    would do."""
    ends = _ends(free, o)
    for k in sorted(ends):
        good = mm.exams.good.get((o.present.index, k))
        if not good:
            continue
        if (o.dept, k) in mm.exams.exempt:
            return None
        due: dict[str, list] = defaultdict(list)
        for x in mm.options:
            if (x.programme.exit_exam and value(x.present)
                    and value(x.start) + value(x.length) - 1 == k
                    and (x.dept, k) not in mm.exams.exempt):
                due[x.dept].append((x.pid, mm.exams.good.get((x.present.index, k), ())))
        due[o.dept].append((o.pid, good))
        stay = (o.pid, o.dept, k - o.block.min_months + 1, k)
        st = exams.Placed(mm.staff, [*base[0], stay], base[1])
        if exams.held(mm, k, due, st) is not None:
            return None
    return _exam_words(mm, o, ends)


def _exam_words(mm: MonthsModel, o: Option, ends: set[int]) -> str:
    """Why the exit exam of a block in ``o`` could be held in none of the months ``ends`` it
    could end in (the calendar first, then what the plan decided)."""
    days = mm.days
    assert days is not None
    hours = o.programme.exam_hours
    no_slot, away, no_examiner, busy, crowded = [], [], [], [], []
    for k in sorted(ends):
        lo, hi = days.exam_week(k)
        slots = days.slot_days(lo, hi, hours)
        if (o.pid, o.dept, k) in mm.avoid.no_end:
            crowded.append(k)
        elif not slots:
            no_slot.append(k)
        elif all(days.away(o.pid, d) for d in slots):
            away.append(k)
        elif not days.exam_days(o.pid, o.dept, k, hours):
            no_examiner.append(k)
        else:
            busy.append(k)
    parts = []
    if no_slot:
        parts.append(f"no working day with a slot of {hours:g} h (and a room open) in the last "
                     f"week of {mm.grid.ranges(no_slot)}")
    if away:
        parts.append(f"on leave in the last week of {mm.grid.ranges(away)}")
    if no_examiner:
        parts.append(f"no examiner of {mm.dept_name(o.dept)} (中级 or above) at work in the last "
                     f"week of {mm.grid.ranges(no_examiner)}")
    if crowded:
        parts.append(f"the sessions already fixed in the last week of {mm.grid.ranges(crowded)} "
                     f"(pins, rooms, the examiners' own sessions) leave it no time")
    if busy:
        parts.append(f"in the last week of {mm.grid.ranges(busy)} the examiners are rotating or "
                     f"away, {o.dept} cannot spare an examiner and its finishers, or other "
                     f"departments' exit exams take every slot")
    return "its exit exam could not be held: " + "; ".join(parts)


def _occupancy(mm: MonthsModel, value) -> tuple[Counter, dict, dict]:  # noqa: ANN001
    """Rotators in each (department, month); places left before each (department, month) drops
    below its minimum on duty; each person's busy months — read off the stays and placements
    (a light model, :attr:`MonthsModel.light`, has no month variables)."""
    used: Counter[tuple[str, int]] = Counter()
    out: Counter[tuple[str, int]] = Counter()
    into: Counter[tuple[str, int]] = Counter()
    busy: dict[str, set[int]] = defaultdict(set)
    for o in mm.options:
        if not value(o.present):
            continue
        home = mm.staff[o.pid].department
        first = value(o.start)
        for k in range(first, first + value(o.length)):
            used[o.dept, k] += 1
            busy[o.pid].add(k)
            if o.dept != home:
                out[home, k] += 1
                into[o.dept, k] += mm.departments[o.dept].rotators_count_on_duty
    for s in mm.seat_options:
        if value(s.var):
            busy[s.pid].update(s.months)
            for k in s.months:
                out[mm.staff[s.pid].department, k] += 1
    left = {key: coverage.slack(mm, key[0]) - out[key] + into[key] for key in out | into}
    return used, left, busy


def unplanned(mm: MonthsModel, value) -> list[str]:  # noqa: ANN001 — solver.value
    used, left, busy = _occupancy(mm, value)
    planned = {(n.pid, n.programme.id, n.block.block): bool(value(n.planned)) for n in mm.needs}
    groups: dict[tuple[str, int], list[tuple[Need, str, set[str]]]] = defaultdict(list)
    for n in mm.needs:
        if planned[n.pid, n.programme.id, n.block.block]:
            continue
        why, full = _why(mm, n, used, left, busy, planned, value)
        groups[n.programme.id, n.block.block].append((n, why, full))
    lines = []
    for (programme, block), items in sorted(groups.items()):
        lines.append(_group_line(mm, programme, block, items))
    return lines


def _why(mm: MonthsModel, n: Need, used, left, busy, planned,  # noqa: ANN001
         value) -> tuple[str, set[str]]:  # noqa: ANN001
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
    days = mm.days
    on_leave = {k for k in window if days is not None and days.leave_month(n.pid, k)}
    if on_leave and _longest_run(window - on_leave) < b.min_months:
        return (f"on leave for more than half of the working days of "
                f"{mm.grid.ranges(on_leave)}"), set()
    if mm.avoid.everything:
        return ("left out: with the rotations and external study the sessions could not all be "
                "timetabled"), set()
    kept = {k for k in window if (n.pid, k) in mm.avoid.home}
    if kept and all(_longest_run(window - on_leave - {k for k in kept if o.dept != home})
                    < b.min_months for o in n.options):
        return (f"needed in {mm.dept_name(home)} in {mm.grid.ranges(kept)}: a session there "
                f"needs them, or their department cannot spare its speaker otherwise"), set()
    base = _placed_rows(mm, value)
    for o in n.options:
        cap = mm.departments[o.dept].rotator_capacity
        full = {k for k in window if used.get((o.dept, k), 0) >= cap}
        tight = {k for k in window if o.dept != home and left.get((home, k), coverage.slack(
            mm, home)) <= 0} - full
        home_only = {k for k in kept if o.dept != home}
        free = window - full - tight - elsewhere - on_leave - home_only
        if _longest_run(free) >= b.min_months:
            if days is not None and o.programme.exit_exam:
                words = _exam_blocked(mm, o, free, value, base)
                if words:
                    reasons.append(words)
            continue
        if full:
            full_depts.add(o.dept)
            reasons.append(f"{o.dept} full ({cap} rotator(s) a month) in {mm.grid.ranges(full)}")
        if tight:
            reasons.append(f"home department {mm.dept_name(home)} at its minimum on duty in "
                           f"{mm.grid.ranges(tight)}")
    if kept and reasons:
        reasons.append(f"needed in {mm.dept_name(home)} in {mm.grid.ranges(kept)} (a session "
                       f"there needs them, or its speaker needs them on the ward)")
    if elsewhere and reasons:
        reasons.append(f"already rotating or away in {mm.grid.ranges(elsewhere)}")
    if on_leave and reasons:
        reasons.append(f"on leave for most of {mm.grid.ranges(on_leave)}")
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
        if not start_dates(mm, seat):
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
        offered = {o.pid for o in mm.seat_options if o.seat.id == seat.id}
        barred = [p for p in free if p not in offered]
        why = ""
        if barred:
            why = (f"; no placement is possible for {', '.join(mm.person(p) for p in barred)} "
                   f"(on leave through the teach-back window, the speaker of a session at home "
                   f"then, or needed at home for the sessions)")
        lines.append(f"{head} — {len(people)} eligible candidate(s), {len(people) - len(free)} "
                     f"already placed; the others are needed at home (coverage), rotating, or "
                     f"over the specialty cap in those months{why}")
    return lines
