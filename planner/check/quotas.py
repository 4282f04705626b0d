"""Quotas: every figure in the plan's quota table is recomputed from the inputs and the plan.

In the office's words: for each person and each quota line that applies to them, hours already
earned this year (history) plus hours planned — live sessions attended, plus online modules and
recordings up to the share of the quota they may cover — reach the required hours, or the
shortfall is stated. CME credits likewise: Class I counted up to its maximum, hospital-run Class
II up to the cap, other Class II in full; Class I, Class II and the total each have a minimum.
Every shortfall carries one of the plan's reasons.

External study (进修, convention 7): a placement shorter than ``external_full_year_months`` earns
``external_per_month`` credits for each whole month of it inside the horizon (a month counted
from the placement's start day), counted toward the credits total only (shown in its
``planned`` figure); a placement of that many months or more — its length, wherever it falls —
counts as the year's full credits: the person's credits-I, credits-II and credits-total rows all
have no shortfall, and the total's ``planned`` figure carries the credit quota's total minimum.
A placement's own ``credits`` figure is the one added (0 for a full-year placement when the
settings have no credit quota at all). Exit exams and teach-back lectures carry no credits but
their hours count like any session's, by category (``exam`` / ``lecture``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from planner.check.context import TOLERANCE, Context, num
from planner.check.timeline import parse_day, plus_months
from planner.check.violation import Violation
from planner.domain import CreditClass
from planner.plan import Placement, QuotaRow

RULE = "quotas"
REASONS = ("away", "not eligible", "no session in window", "capacity", "coverage", "clash",
           "trade-off", "solver limit")
FIELDS = ("required", "history", "planned", "shortfall")

# credit kinds: class I, class II hospital-run, class II other
I, II_HOSPITAL, II_OTHER = "I", "II hospital-run", "II other"


def _credit_kind(cls: CreditClass | str, hospital_run: bool) -> str | None:
    value = cls.value if isinstance(cls, CreditClass) else cls
    if value == "I":
        return I
    if value == "II":
        return II_HOSPITAL if hospital_run else II_OTHER
    return None


def external_study(ctx: Context, placement: Placement) -> tuple[float, bool] | None:
    """(credits, counts as the full year) of one placement; ``None`` when its seat is unknown
    or its start is not a date (the external study family reports those)."""
    seat = next((x for x in ctx.problem.seats if x.id == placement.seat), None)
    start = parse_day(placement.start)
    if seat is None or start is None:
        return None
    s = ctx.settings
    if seat.months >= s.rates.external_full_year_months:
        return (s.credits.total_min if s.credits is not None else 0.0), True
    inside = sum(1 for k in range(seat.months)
                 if s.horizon_start <= plus_months(start, k)
                 and plus_months(start, k + 1) - dt.timedelta(days=1) <= s.horizon_end)
    return s.rates.external_per_month * inside, False


def recompute(ctx: Context) -> list[QuotaRow]:
    """The quota table as it should read (reasons left empty)."""
    s = ctx.settings
    live: dict[tuple[str, str], float] = defaultdict(float)
    online: dict[tuple[str, str], float] = defaultdict(float)
    planned: dict[tuple[str, str], float] = defaultdict(float)
    history: dict[tuple[str, str], float] = defaultdict(float)
    credited: dict[tuple[str, str], float] = defaultdict(float)
    taught: set[tuple[str, str, int]] = set()

    for e in ctx.entries:
        c, sess = e.course, e.session
        kind = _credit_kind(c.credit_class, c.hospital_run)
        for pid in set(sess.attendees):
            live[pid, c.category.value] += c.hours
            if kind:
                planned[pid, kind] += sess.credits
        if kind and sess.speaker in ctx.staff:
            planned[sess.speaker, kind] += sess.speaker_credits
        # the audience on the day: a rotator teaching counts as taking the part only where
        # they belong to its audience then (witness seed 53)
        if ctx.in_audience(sess.speaker, c, e.day) and (sess.speaker, c.id, sess.part) not in taught:
            taught.add((sess.speaker, c.id, sess.part))  # teaching counts once as taking the part
            live[sess.speaker, c.category.value] += c.hours
    for o in ctx.plan.offsite:
        c = ctx.courses.get(o.course)
        if c is None:
            continue
        online[o.staff, c.category.value] += c.hours
        kind = _credit_kind(c.credit_class, c.hospital_run)
        if o.mode == "online" and kind:
            planned[o.staff, kind] += c.credits or 0.0
    for h in ctx.problem.history:
        if h.kind == "hours":
            history[h.staff_id, h.category] += h.amount
        elif h.kind == "credits":
            kind = _credit_kind(h.category, h.hospital_run)
            if kind:
                credited[h.staff_id, kind] += h.amount

    external: dict[str, float] = defaultdict(float)
    full_year: set[str] = set()
    for pl in ctx.plan.placements:
        got = external_study(ctx, pl)
        if got is not None:
            external[pl.staff] += got[0]
            if got[1]:
                full_year.add(pl.staff)

    rows: list[QuotaRow] = []
    for person in ctx.problem.staff:
        pid = person.id
        for q in s.quotas:
            if not q.who.matches(person, s.horizon_start):
                continue
            cat = q.category.value
            got = live[pid, cat] + min(online[pid, cat], q.online_share_max * q.min_hours)
            hist = history[pid, cat]
            rows.append(QuotaRow(pid, cat, q.min_hours, hist, got,
                                 max(0.0, q.min_hours - hist - got)))
        cq = s.credits
        if cq is None or not cq.who.matches(person, s.horizon_start):
            continue
        h1, h2h, h2o = (credited[pid, k] for k in (I, II_HOSPITAL, II_OTHER))
        p1, p2h, p2o = (planned[pid, k] for k in (I, II_HOSPITAL, II_OTHER))
        counted1 = min(h1 + p1, cq.class1_max)
        counted2 = min(h2h + p2h, s.rates.hospital_class2_cap) + h2o + p2o
        met = pid in full_year  # a long external study counts as the year's full credits
        ext = external[pid]
        rows += [
            QuotaRow(pid, "credits-I", cq.class1_min, h1, p1,
                     0.0 if met else max(0.0, cq.class1_min - counted1)),
            QuotaRow(pid, "credits-II", cq.class2_min, h2h + h2o, p2h + p2o,
                     0.0 if met else max(0.0, cq.class2_min - counted2)),
            QuotaRow(pid, "credits-total", cq.total_min, h1 + h2h + h2o, p1 + p2h + p2o + ext,
                     0.0 if met else max(0.0, cq.total_min - counted1 - counted2 - ext)),
        ]
    return rows


def check(ctx: Context) -> Iterator[Violation]:
    expected: dict[tuple[str, str], list[QuotaRow]] = defaultdict(list)
    for r in recompute(ctx):
        expected[r.staff, r.category].append(r)
    given: dict[tuple[str, str], list[QuotaRow]] = defaultdict(list)
    for r in ctx.plan.quotas:
        given[r.staff, r.category].append(r)
    for key in sorted(set(expected) | set(given)):
        pid, cat = key
        who = f"{ctx.person(pid)} {cat}"
        mine, theirs = expected.get(key, []), given.get(key, [])
        for want, got in zip(mine, theirs):
            for f in FIELDS:
                a, b = getattr(got, f), getattr(want, f)
                if abs(a - b) > TOLERANCE + 1e-9:
                    yield Violation(RULE, f"quota figures disagree for {who}: plan says {f} "
                                          f"{num(a)}, recomputed {num(b)}")
        for want in mine[len(theirs):]:
            yield Violation(RULE, f"quota row missing for {who}: recomputed "
                                  + ", ".join(f"{f} {num(getattr(want, f))}" for f in FIELDS))
        for _ in theirs[len(mine):]:
            yield Violation(RULE, f"quota row for {who} is in the plan, but no such quota applies "
                                  f"to them")
    for r in ctx.plan.quotas:
        if r.shortfall <= TOLERANCE / 2:
            continue
        who = f"{ctx.person(r.staff)} is {num(r.shortfall)} short in {r.category}"
        if not r.reason:
            yield Violation(RULE, f"{who} but the plan gives no reason")
        elif r.reason not in REASONS:
            yield Violation(RULE, f"{who} with the reason '{r.reason}', which is not one of: "
                                  f"{', '.join(REASONS)}")
