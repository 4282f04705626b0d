"""Rotations (轮转): every participant's month blocks match their programme, and no department
takes more rotators than it can.

In the office's words:

* a rotation block belongs to a person on the staff list who takes part in the programme (its
  participants filter, read on the first day of the horizon), to one of the programme's block
  numbers, and to one of that block's departments;
* it runs whole calendar months (first day of a month to the last day of a month), inside the
  programme's window (its own start and end, else the horizon's, never beyond the horizon), for
  between the block's minimum and maximum number of months; an elective block (k of n) has one
  such block per chosen department, each of that length;
* every block the participant has not completed in earlier years (history rows ``rotation``
  naming the department and the programme — or no programme) is planned, with exactly ``k``
  different departments for a k-of-n block, and nothing completed is planned again;
* in a fixed-order programme each block ends before the next one starts, and a block is planned
  only when every earlier block is completed or planned; a prerequisite (``after``) is completed
  or ends before the block that needs it starts;
* nobody is in two blocks in the same month (in any programmes);
* nobody is in a block in a month in which they are on leave (staff unavailability) for more
  than half of its working days — a few days of leave inside a block are fine, months of it
  are not rotation;
* a department takes at most its rotator capacity of people in blocks there in any month (a
  person rotating through their own department counts too: they hold a rotation place) — the
  month's ``capacity`` in ``rotation_capacity.csv`` where it sets one — and at least the
  month's ``minimum`` there;
* a department of ``disciplines.csv`` teaches its discipline: in one programme a participant is
  never in two departments of one discipline (an elective block's ``choose`` counts
  disciplines, and a discipline done in an earlier year is done in every department teaching
  it);
* a block's prerequisite ``A->B``: B is planned only with A, and A ends before B starts;
* a *required* block is always planned: a warning does not excuse it.

A participant whose blocks could not all be planned is not a broken rule when the plan says so:
one of its warnings names the person (staff id) and the programme (id or name), or a ``missed``
row has the person and the programme id as its course. Otherwise the missing block is reported.

A block that began before a re-plan's freeze date is not judged against today's programme —
participants, departments, whole months, window, length — nor against today's leave, nor is a
month's rotator capacity
when every rotator there that month is in such a block; blocks are still counted: each planned
once, nothing completed planned again, the order, one block a month.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from planner.check.context import Context
from planner.check.timeline import (
    Month,
    Stint,
    first_day,
    label,
    last_day,
    months_touched,
    parse_day,
    span,
)
from planner.check.violation import Violation
from planner.domain import Discipline, Programme, ProgrammeBlock, disciplines_of
from planner.plan import RotationBlock

RULE = "rotations"


def window(ctx: Context, g: Programme) -> tuple[dt.date, dt.date]:
    """The days the programme's blocks may use: its own dates clipped to the horizon."""
    s = ctx.settings
    lo = max(g.start or s.horizon_start, s.horizon_start)
    hi = min(g.end or s.horizon_end, s.horizon_end)
    return lo, hi


def completed(ctx: Context) -> dict[tuple[str, str], set[str]]:
    """(person, programme) → disciplines done in earlier years, per the history table (a
    department without a discipline in ``disciplines.csv`` is its own). A row without a
    programme counts for every programme listing that department."""
    done: dict[tuple[str, str], set[str]] = defaultdict(set)
    for h in ctx.problem.history:
        if h.kind != "rotation":
            continue
        for g in ctx.problem.programmes:
            if h.programme in ("", g.id):
                done[h.staff_id, g.id].add(teaches(ctx, h.category))
    return done


def teaches(ctx: Context, dept: str) -> str:
    """The discipline a department teaches (itself when ``disciplines.csv`` names none)."""
    return disciplines_of(ctx.problem).get(dept, Discipline(dept, dept)).discipline


def disciplines(ctx: Context, b: ProgrammeBlock) -> set[str]:
    return {teaches(ctx, d) for d in b.departments}


def layouts(ctx: Context) -> dict[str, dict[int, ProgrammeBlock]]:
    out: dict[str, dict[int, ProgrammeBlock]] = defaultdict(dict)
    for b in ctx.problem.blocks:
        out[b.programme][b.block] = b
    return out


def programme_label(g: Programme) -> str:
    return f"{g.name} ({g.id})"


def block_words(ctx: Context, b: ProgrammeBlock) -> str:
    """``block 2 (外科 (WK), 3–4 months)`` / ``block 3 (2 of 心内科 (XN), 呼吸科 (HX); 1–2 months)``."""
    depts = ", ".join(ctx.dept(d) for d in b.departments)
    if len(b.departments) == 1 and b.choose == 1:
        return f"block {b.block} ({depts}, {month_range(b)})"
    return f"block {b.block} ({b.choose} of {depts}; {month_range(b)} each)"


def month_range(b: ProgrammeBlock) -> str:
    """``1 month``, ``3 months``, ``3–4 months``."""
    if b.min_months == b.max_months:
        return f"{b.min_months} month{'s' if b.min_months > 1 else ''}"
    return f"{b.min_months}–{b.max_months} months"


def check(ctx: Context) -> Iterator[Violation]:
    yield from _rows(ctx)
    yield from _sequences(ctx)
    yield from _one_block_a_month(ctx)
    yield from _leave(ctx)
    yield from _capacity(ctx)
    yield from _disciplines(ctx)
    yield from _minimum(ctx)


def _where(ctx: Context, r: RotationBlock) -> str:
    """``S081 (吴诗丽, 妇产科): 晋升前轮转 (PROMO) block 1 in 内科 (NK) 2027-01-01..2027-03-31``."""
    g = next((x for x in ctx.problem.programmes if x.id == r.programme), None)
    prog = programme_label(g) if g else f"programme {r.programme}"
    return (f"{ctx.person_dept(r.staff)}: {prog} block {r.block} in {ctx.dept(r.department)} "
            f"{r.start}..{r.end}")


def _rows(ctx: Context) -> Iterator[Violation]:
    programmes = {g.id: g for g in ctx.problem.programmes}
    layout = layouts(ctx)
    done = completed(ctx)
    for r in ctx.plan.rotations:
        where = _where(ctx, r)
        p = ctx.staff.get(r.staff)
        if p is None:
            yield Violation(RULE, f"{where}: {r.staff} is not on the staff list")
            continue
        g = programmes.get(r.programme)
        if g is None:
            yield Violation(RULE, f"{where}: programme {r.programme} does not exist")
            continue
        start, end = parse_day(r.start), parse_day(r.end)
        held = start is not None and ctx.begun(start)  # not judged against today's programme
        if not held and not g.participants.matches(p, ctx.settings.horizon_start):
            yield Violation(RULE, f"{where}: {r.staff} does not take part in the programme "
                                  f"(participants: {g.participants.text})")
        b = layout[g.id].get(r.block)
        if b is None:
            numbers = ", ".join(map(str, sorted(layout[g.id]))) or "none"
            yield Violation(RULE, f"{where}: the programme has no block {r.block} "
                                  f"(its blocks: {numbers})")
            continue
        if r.department not in b.departments and not held:
            yield Violation(RULE, f"{where}: {ctx.dept(r.department)} is not a department of "
                                  f"{block_words(ctx, b)}")
        if teaches(ctx, r.department) in done[r.staff, g.id]:
            what = (ctx.dept(r.department) if teaches(ctx, r.department) == r.department
                    else f"its discipline {teaches(ctx, r.department)}")
            yield Violation(RULE, f"{where}: {what} was already completed in an earlier year "
                                  f"(history table) and is planned again")
        if start is None or end is None:
            yield Violation(RULE, f"{where}: the dates must be YYYY-MM-DD")
            continue
        if end < start:
            yield Violation(RULE, f"{where}: ends before it starts")
            continue
        if held:
            continue
        months = months_touched(start, end)
        if start.day != 1 or end != last_day(months[-1]):
            yield Violation(RULE, f"{where}: does not run whole calendar months (it must start on "
                                  f"the 1st and end on the last day of a month)")
        lo, hi = window(ctx, g)
        if start < lo or end > hi:
            yield Violation(RULE, f"{where}: outside the programme's window {span(lo, hi)}")
        if not b.min_months <= len(months) <= b.max_months:
            yield Violation(RULE, f"{where}: lasts {len(months)} month(s), "
                                  f"{block_words(ctx, b)} takes {month_range(b)}")


def _excused(ctx: Context, pid: str, g: Programme) -> bool:
    if any(m.staff == pid and m.course == g.id for m in ctx.plan.missed):
        return True
    return ctx.warned(pid, g.id) or ctx.warned(pid, g.name)


def _sequences(ctx: Context) -> Iterator[Violation]:
    layout = layouts(ctx)
    done = completed(ctx)
    h = ctx.settings.horizon_start
    for g in ctx.problem.programmes:
        blocks = layout[g.id]
        members = {p.id for p in ctx.problem.staff if g.participants.matches(p, h)}
        planned: dict[str, dict[int, list[Stint]]] = defaultdict(lambda: defaultdict(list))
        for pid, stints in ctx.timeline.stints.items():
            for s in stints:
                if s.row.programme == g.id and s.row.block in blocks:
                    planned[pid][s.row.block].append(s)
        for pid in sorted(members):  # non-participants' blocks are reported by _rows
            who = f"{ctx.person_dept(pid)} in {programme_label(g)}"
            mine = planned.get(pid, {})
            finished = {n for n, b in blocks.items()
                        if len(done[pid, g.id] & disciplines(ctx, b)) >= b.choose}
            for n in sorted(blocks):
                b = blocks[n]
                depts = [s.row.department for s in mine.get(n, ()) if s.row.department in
                         b.departments]
                for d in sorted({d for d in depts if depts.count(d) > 1}):
                    yield Violation(RULE, f"{who}: {ctx.dept(d)} is planned twice for "
                                          f"{block_words(ctx, b)}")
                fresh = {teaches(ctx, d) for d in depts} - done[pid, g.id]
                need = max(0, b.choose - len(done[pid, g.id] & disciplines(ctx, b)))
                unit = "departments" if disciplines(ctx, b) == set(b.departments) else \
                    "disciplines"
                if len(fresh) > need:
                    yield Violation(RULE, f"{who}: {len(fresh)} {unit} are planned for "
                                          f"{block_words(ctx, b)}, which needs {need}")
                elif len(fresh) < need and pid in members and (b.required
                                                               or not _excused(ctx, pid, g)):
                    what = ("is not planned" if not fresh else
                            f"has {len(fresh)} of its {need} {unit} planned")
                    why = ("it is required (a plan without it is no plan)" if b.required else
                           "the plan does not say why (no warning names them)")
                    yield Violation(RULE, f"{who}: {block_words(ctx, b)} {what}, and {why}")
                yield from _within(ctx, who, b, mine.get(n, []))
            yield from _order(ctx, g, who, blocks, mine, finished)


def _order(ctx: Context, g: Programme, who: str, blocks: dict[int, ProgrammeBlock],
           mine: dict[int, list[Stint]], finished: set[int]) -> Iterator[Violation]:
    def first(n: int) -> Stint:
        return min(mine[n], key=lambda s: s.start)

    def last(n: int) -> Stint:
        return max(mine[n], key=lambda s: s.end)

    numbers = sorted(n for n in mine if mine[n])
    if g.ordered:
        for i, a in enumerate(numbers):
            for b in numbers[i + 1:]:
                if last(a).end >= first(b).start:
                    yield Violation(RULE, f"{who}: block {b} starts {first(b).start.isoformat()}, "
                                          f"before block {a} ends {last(a).end.isoformat()}, but "
                                          f"the programme's order is fixed")
        for b in numbers:
            for a in sorted(blocks):
                if a < b and a not in finished and not mine.get(a):
                    yield Violation(RULE, f"{who}: block {b} is planned but block {a}, which "
                                          f"comes before it in the fixed order, is neither "
                                          f"completed nor planned")
    for b in numbers:
        for a in blocks[b].after:
            if (g.ordered and a < b) or a in finished:
                continue  # the fixed order covers it / done in an earlier year
            if not mine.get(a):
                yield Violation(RULE, f"{who}: block {b} is planned but its prerequisite block "
                                      f"{a} is neither completed nor planned")
            elif last(a).end >= first(b).start:
                yield Violation(RULE, f"{who}: block {b} starts {first(b).start.isoformat()}, "
                                      f"before its prerequisite block {a} ends "
                                      f"{last(a).end.isoformat()}")


def _within(ctx: Context, who: str, b: ProgrammeBlock, stints: list[Stint]
            ) -> Iterator[Violation]:
    """A block's prerequisites ``A->B``: B only with A, A ending before B starts."""
    for first, then in b.prerequisites:
        after = [s for s in stints if s.row.department in then]
        before = [s for s in stints if s.row.department in first]
        for s in after:
            names = " / ".join(ctx.dept(d) for d in first)
            if not before:
                yield Violation(RULE, f"{who}: {ctx.dept(s.row.department)} is planned in "
                                      f"block {b.block} without its prerequisite {names}")
            elif not any(a.end < s.start for a in before):
                a = min(before, key=lambda x: x.end)
                yield Violation(RULE, f"{who}: {ctx.dept(s.row.department)} starts "
                                      f"{s.start.isoformat()}, before its prerequisite "
                                      f"{ctx.dept(a.row.department)} ends "
                                      f"{a.end.isoformat()}")


def _disciplines(ctx: Context) -> Iterator[Violation]:
    """In one programme, each discipline of ``disciplines.csv`` once."""
    declared = disciplines_of(ctx.problem)
    if not declared:
        return
    programmes = {g.id: g for g in ctx.problem.programmes}
    for pid in sorted(ctx.timeline.stints):
        seen: dict[tuple[str, str], list[Stint]] = defaultdict(list)
        for s in ctx.timeline.stints[pid]:
            d = declared.get(s.row.department)
            if d is not None:
                seen[s.row.programme, d.discipline].append(s)
        for (prog, name), stints in sorted(seen.items()):
            if len(stints) > 1:
                g = programmes.get(prog)
                where = ", ".join(f"{ctx.dept(s.row.department)} {s.start}..{s.end}"
                                  for s in stints)
                yield Violation(RULE, f"{ctx.person_dept(pid)} in "
                                      f"{programme_label(g) if g else prog}: discipline {name} "
                                      f"is planned {len(stints)} times ({where}); a discipline "
                                      f"counts once, whichever department hosts it")


def _places(ctx: Context) -> tuple[dict[tuple[str, Month], int], dict[tuple[str, Month], int]]:
    """(department, month) → the capacity and the minimum ``rotation_capacity.csv`` sets."""
    cap: dict[tuple[str, Month], int] = {}
    least: dict[tuple[str, Month], int] = {}
    for row in ctx.problem.rotation_places:
        for m in months_touched(row.start, row.end):
            if row.capacity is not None:
                cap[row.department, m] = row.capacity
            if row.minimum:
                least[row.department, m] = row.minimum
    return cap, least


def _minimum(ctx: Context) -> Iterator[Violation]:
    h0, h1 = ctx.settings.horizon_start, ctx.settings.horizon_end
    _, least = _places(ctx)
    for (dept, m), n in sorted(least.items()):
        if not (h0 <= last_day(m) and first_day(m) <= h1):
            continue
        here = ctx.timeline.rotators_in(dept, m)
        if len(here) < n:
            yield Violation(RULE, f"{ctx.dept(dept)} takes {len(here)} rotator(s) in {label(m)}, "
                                  f"fewer than its minimum {n} (rotation_capacity)")


def _one_block_a_month(ctx: Context) -> Iterator[Violation]:
    for pid in sorted(ctx.timeline.stints):
        stints = ctx.timeline.stints[pid]
        for i, a in enumerate(stints):
            for b in stints[i + 1:]:
                both = sorted(set(a.months) & set(b.months))
                if not both:
                    continue
                when = label(both[0]) if len(both) == 1 else f"{label(both[0])}..{label(both[-1])}"
                yield Violation(RULE, f"{ctx.person_dept(pid)} is in two rotation blocks in "
                                      f"{when}: {a.row.programme} block {a.row.block} in "
                                      f"{ctx.dept(a.row.department)} and {b.row.programme} block "
                                      f"{b.row.block} in {ctx.dept(b.row.department)}")


def _leave(ctx: Context) -> Iterator[Violation]:
    """No block month in which the rotator is on leave for more than half the working days."""
    h0, h1 = ctx.settings.horizon_start, ctx.settings.horizon_end
    for pid in sorted(ctx.timeline.stints):
        for s in ctx.timeline.stints[pid]:
            if ctx.begun(s.start):
                continue  # begun before the freeze date: a fact
            for m in s.months:
                lo, hi = max(first_day(m), s.start, h0), min(last_day(m), s.end, h1)
                work = leave = 0
                day = lo
                while day <= hi:
                    if ctx.calendar.is_workday(day):
                        work += 1
                        leave += ctx.on_leave(pid, day) is not None
                    day += dt.timedelta(days=1)
                if 2 * leave > work:
                    yield Violation(RULE, f"{_where(ctx, s.row)}: {ctx.person(pid)} is on leave "
                                          f"{leave} of the {work} working days of {label(m)}; a "
                                          f"rotator is in a block only in months they are on "
                                          f"leave for at most half the working days")


def _capacity(ctx: Context) -> Iterator[Violation]:
    months = sorted({m for stints in ctx.timeline.stints.values() for s in stints
                     for m in s.months})
    caps, _ = _places(ctx)
    for d in ctx.problem.departments:
        for m in months:
            here = ctx.timeline.rotators_in(d.id, m)
            if all(ctx.begun(s.start) for p in here for s in ctx.timeline.blocks_in(p, m)
                   if s.row.department == d.id):
                continue  # everyone there that month began before the freeze date: a fact
            cap = caps.get((d.id, m), d.rotator_capacity)
            what = ("rotator capacity" if (d.id, m) not in caps
                    else "capacity that month (rotation_capacity)")
            if len(here) > cap:
                yield Violation(RULE, f"{ctx.dept(d.id)} takes {len(here)} rotator(s) in "
                                      f"{label(m)}, more than its {what} {cap}: "
                                      f"{', '.join(ctx.person(p) for p in here)}")
