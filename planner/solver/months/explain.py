"""Words for what phase 0 could not plan, read off the solution it found.

For every block left unplanned the months it could have used are tested one by one: was the
department full (rotator capacity), was the participant's home department at its minimum
(coverage), was the participant already elsewhere (another block, external study), on leave for
most of the month, and could the block's exit exam be held in the month it would end in (a slot
long enough in its last week, the participant at work, an examiner free, the ward able to spare
them)? The lines
are grouped per programme block and name the programme, the department(s), the months and the
people, e.g. "programme PROMO: 4 participants need 2–3 months each in 急诊科 (JZ) between 2027-01
and 2027-12, but JZ takes at most 1 rotator a month; block 3 not planned for S081 …".

Each line comes with a :class:`Gap`: what it leaves unplanned, as data, for the changes to the
inputs tried on it (:mod:`planner.explain.months`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from planner.solver.months import coverage, exams
from planner.solver.months.model import MonthsModel, Need, Option
from planner.solver.months.seats import eligible, start_dates
from planner.warning_labels import WarningWords, warning_words


@dataclass(frozen=True)
class Gap:
    """One warning of what the months left unplanned: the blocks (``needs``: person, programme,
    block) of one programme block with the months they could use (``lo`` … ``hi``) and the
    departments found full, or a seat (``seat``) with ``short`` places left and its eligible
    candidates (``people``)."""

    warning: str
    needs: tuple[tuple[str, str, int], ...] = ()
    lo: dt.date | None = None
    hi: dt.date | None = None
    full: tuple[str, ...] = ()
    seat: str = ""
    short: int = 0
    people: tuple[str, ...] = ()


def _words(mm: MonthsModel) -> WarningWords:
    return warning_words(mm.problem.settings.language)


def _dept(mm: MonthsModel, w: WarningWords, dept: str, short: bool = False) -> str:
    """A department: by name in Chinese; in English ``name (ID)``, or its id when ``short``."""
    d = mm.departments.get(dept)
    if short and w.lang != "zh":
        return dept
    return w.dept(dept, d.name if d is not None else None)


def _person(mm: MonthsModel, w: WarningWords, pid: str) -> str:
    s = mm.staff.get(pid)
    return w.person(pid, s.name if s is not None else None)


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
    w = _words(mm)
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

    def months(ks: list[int]) -> str:
        return w.months(mm.grid.ranges(ks))

    if no_slot:
        parts.append(w("x.no_slot", hours=hours, months=months(no_slot)))
    if away:
        parts.append(w("x.away", months=months(away)))
    if no_examiner:
        parts.append(w("x.no_examiner", dept=_dept(mm, w, o.dept), months=months(no_examiner)))
    if crowded:
        parts.append(w("x.crowded", months=months(crowded)))
    if busy:
        parts.append(w("x.busy", months=months(busy), dept=_dept(mm, w, o.dept, short=True)))
    return w("x.head", parts=w.join(parts, "semi"))


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
    return [g.warning for g in unplanned_gaps(mm, value)]


def unplanned_gaps(mm: MonthsModel, value) -> list[Gap]:  # noqa: ANN001 — solver.value
    """A warning per programme block left unplanned for someone, with its :class:`Gap`."""
    used, left, busy = _occupancy(mm, value)
    planned = {(n.pid, n.programme.id, n.block.block): bool(value(n.planned)) for n in mm.needs}
    groups: dict[tuple[str, int], list[tuple[Need, str, set[str]]]] = defaultdict(list)
    for n in mm.needs:
        if planned[n.pid, n.programme.id, n.block.block]:
            continue
        why, full = _why(mm, n, used, left, busy, planned, value)
        groups[n.programme.id, n.block.block].append((n, why, full))
    gaps = []
    for (programme, block), items in sorted(groups.items()):
        n0 = items[0][0]
        lo, hi = (n0.options[0].lo, n0.options[0].hi) if n0.options else (0, -1)
        gaps.append(Gap(_group_line(mm, programme, block, items),
                        needs=tuple((n.pid, programme, block) for n, _, _ in items),
                        lo=mm.grid.first(lo) if lo <= hi else None,
                        hi=mm.grid.last(hi) if lo <= hi else None,
                        full=tuple(sorted(set().union(*(f for _, _, f in items))))))
    return gaps


def _why(mm: MonthsModel, n: Need, used, left, busy, planned,  # noqa: ANN001
         value) -> tuple[str, set[str]]:  # noqa: ANN001
    b = n.block
    w = _words(mm)

    def months(ks: set[int]) -> str:
        return w.months(mm.grid.ranges(ks))

    lo, hi = (n.options[0].lo, n.options[0].hi) if n.options else (0, -1)
    if lo > hi:
        return w("w.no_month"), set()
    firsts = sorted(a for a in b.after if (n.pid, n.programme.id, a) in planned
                    and not planned[n.pid, n.programme.id, a])
    if n.programme.ordered:
        firsts += sorted(x for (p, prog, x), ok in planned.items()
                         if p == n.pid and prog == n.programme.id and x < b.block and not ok)
    if firsts:
        return w("w.after", block=min(firsts)), set()
    home = mm.staff[n.pid].department
    reasons: list[str] = []
    full_depts: set[str] = set()
    window = set(range(lo, hi + 1))
    elsewhere = window & busy[n.pid]
    days = mm.days
    on_leave = {k for k in window if days is not None and days.leave_month(n.pid, k)}
    if on_leave and _longest_run(window - on_leave) < b.min_months:
        return w("w.leave_most", months=months(on_leave)), set()
    if mm.avoid.everything:
        return w("w.left_out"), set()
    kept = {k for k in window if (n.pid, k) in mm.avoid.home}
    if kept and all(_longest_run(window - on_leave - {k for k in kept if o.dept != home})
                    < b.min_months for o in n.options):
        return w("w.needed_home", dept=_dept(mm, w, home), months=months(kept)), set()
    base = _placed_rows(mm, value)
    for o in n.options:
        full = {k for k in window if used.get((o.dept, k), 0) >= mm.places.capacity(o.dept, k)}
        cap = max((mm.places.capacity(o.dept, k) for k in full),
                  default=mm.departments[o.dept].rotator_capacity)
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
            reasons.append(w("w.full", dept=_dept(mm, w, o.dept, short=True), cap=cap,
                             months=months(full)))
        if tight:
            reasons.append(w("w.home_minimum", dept=_dept(mm, w, home), months=months(tight)))
    if kept and reasons:
        reasons.append(w("w.needed_home_also", dept=_dept(mm, w, home), months=months(kept)))
    if elsewhere and reasons:
        reasons.append(w("w.elsewhere", months=months(elsewhere)))
    if on_leave and reasons:
        reasons.append(w("w.leave", months=months(on_leave)))
    if not reasons:
        if elsewhere:
            return w("w.no_free", window=months(window), elsewhere=months(elsewhere)), set()
        return w("w.search"), set()
    return w.join(reasons, "semi"), full_depts


def _group_line(mm: MonthsModel, programme: str, block: int,
                items: list[tuple[Need, str, set[str]]]) -> str:
    n0 = items[0][0]
    b = n0.block
    w = _words(mm)
    depts = list(b.departments)
    where = w("b.or").join(_dept(mm, w, d) for d in depts)
    if b.choose > 1 or len(depts) > 1:
        where = w("b.choose", choose=b.choose, where=where)
    lo, hi = (n0.options[0].lo, n0.options[0].hi) if n0.options else (0, -1)
    span = (w("b.span.one", month=mm.grid.label(lo)) if lo == hi
            else w("b.span", lo=mm.grid.label(lo), hi=mm.grid.label(hi)) if lo < hi
            else w("b.span.dates"))
    needing = sum(1 for n in mm.needs if n.programme.id == programme and n.block.block == block)
    months = (f"{b.min_months}" if b.min_months == b.max_months
              else f"{b.min_months}–{b.max_months}")
    name = n0.programme.name if w.lang == "zh" and n0.programme.name else programme
    head = w("b.head", programme=name, needing=needing, months=months, where=where, span=span)
    full = sorted(set().union(*(f for _, _, f in items)))
    if full:  # the most it takes in a month of the block's (rotation_capacity.csv's places)
        head += w("b.caps", caps=w.join([w("b.cap", dept=_dept(mm, w, d, short=True), cap=max(
            (mm.places.capacity(d, k) for k in range(lo, hi + 1)),
            default=mm.departments[d].rotator_capacity)) for d in full]))
    who = w.join([w("b.who", person=_person(mm, w, n.pid), why=why) for n, why, _ in items],
                 "semi")
    return w("b.line", head=head, block=block, count=len(items), who=who)


def unfilled_seats(mm: MonthsModel, value) -> list[str]:  # noqa: ANN001 — solver.value
    return [g.warning for g in seat_gaps(mm, value)]


def seat_gaps(mm: MonthsModel, value) -> list[Gap]:  # noqa: ANN001 — solver.value
    """A warning per seat with places left, with its :class:`Gap`."""
    lines = []
    w = _words(mm)
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
        head = w("seat.head", seat=seat.id, partner=seat.partner, specialty=seat.specialty,
                 months=seat.months, lo=seat.start_earliest, hi=seat.start_latest, short=short,
                 seats=seat.seats)
        if not people:
            lines.append(Gap(w("seat.nobody", head=head, filter=seat.candidates.text,
                               years=seat.min_years), seat=seat.id, short=short))
            continue
        free = [p for p in people if p not in holders]
        offered = {o.pid for o in mm.seat_options if o.seat.id == seat.id}
        barred = [p for p in free if p not in offered]
        why = ""
        if barred:
            why = w("seat.barred", people=w.join([_person(mm, w, p) for p in barred]))
        lines.append(Gap(w("seat.others", head=head, eligible=len(people),
                           placed=len(people) - len(free), why=why),
                         seat=seat.id, short=short, people=tuple(people)))
    return lines
