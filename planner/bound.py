"""Upper bounds on quota attainment: how good could a plan of these inputs be at all?

Quota attainment (:func:`planner.summary.quota_attainment`) is, over every hour-quota row of
every person (credits excluded), Σ min(history + planned, required) ÷ Σ required, where
*planned* is the live hours attended (a part one teaches while in its audience counts once, as
taking it) plus online modules and recordings up to ``online_share_max`` of the required hours.

The bench compares a plan's attainment with two bounds. Both read only the inputs and the plan
(through the checker's :class:`~planner.check.context.Context`), never the solver, and both
hold for every plan that passes the checker — every constraint they use is a rule the checker
enforces, and they leave rules out, never add any.

**reach** (:func:`reach_bound`) — *any timetable*, given the plan's rotation blocks and
placements (the months phase). Per person and quota row: required hours, capped by history plus
every part of every in-person course whose audience they can belong to on some working day of
the course's window on which they are neither on leave nor away on external study (live, no
cap), plus online modules and the recordings of the recorded courses they could not attend live
(together capped at the online share). Each part counts once, as the checker's "takes a part
once" rule has it. Proof of the per-row optimum: a part taken live is worth its hours, taken by
recording at most its hours; so taking live everything that can be taken live and recording
the rest is best. Ignored (so the bound is looser, never wrong): room seats, cohort sizes,
clashes, coverage, per-part windows (``frequency``) and fixed dates beyond the course window.

**timetable LP** (:func:`lp_bound`) — *given this plan's timetable* (its sessions' dates, times,
rooms and speakers) and months. The linear relaxation of choosing attendees person by person:
``x[p, s]`` ∈ [0, 1] for every session ``s`` person ``p`` may attend (in its audience that day —
rotators in their block's department —, not on leave, not away on external study, not teaching
at an overlapping time, not having taught that part), ``r[p, part]`` ∈ [0, 1] for recordings;
subject to the checker's rules: each part taken once (live or recording); at most one session
at a time (a clique row at each session start: intervals that overlap share a start inside
both); seats ≤ the room's capacity and the cohort size; at every session start, each
department's staff in training ≤ its headcount there that day less those teaching, on leave or
away, less its minimum on duty (the coverage rule); and per quota row ``a ≤ required − history``,
``a ≤ live hours + taught hours + o``, ``o ≤ share × required``, ``o ≤ modules + recordings``.
Its optimum Σ a bounds attainment for *this* timetable only — another timetable may do better.

To keep the LP small, people who are interchangeable in every row above (same sessions, taught
parts, recordings, modules, quota rows, and department day by day) form one class, and sessions
of the same part at the same day and times form one bundle (their seats summed). Both are
exact, not relaxations: the LP is symmetric in a class's members, so averaging an optimal
solution over them gives an optimal one where all members do the same, which is what the class
variables (counts out of the class size) describe; and every class may attend every session of
a bundle, so any split of a bundle's attendance over its rooms within their seats exists.
A class leaves out the sessions of categories none of its quota rows counts (skills, exams …):
their variables would earn nothing and only use up seats, times and coverage, so the optimum
is reached with them at 0 — exact as well, and what keeps the LP small at hospital scale.
"""

from __future__ import annotations

import datetime as dt
import time
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field, replace

import numpy as np

from planner.check.context import Context, Entry
from planner.domain import Course, Mode, Problem, Staff
from planner.plan import Plan
from planner.workdays import WorkCalendar

#: HiGHS's method for the bound's LP: interior point, then crossover to an optimal basis
#: (3,000 staff: 16 s, where the dual simplex took 327 s to the same optimum).
LP_METHOD = "ipm"


@dataclass
class Bound:
    """Attainment bounds, in percent of required hours."""

    reach: float  # any timetable, given the plan's months
    lp: float | None = None  # this timetable; None when not computed (or not solved in time)
    lp_status: str = ""
    classes: int = 0
    columns: int = 0
    rows: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def best(self) -> float:
        """The tighter bound the bench can show: the LP's when it was solved, else reach."""
        return self.reach if self.lp is None else min(self.lp, self.reach)

    @property
    def kind(self) -> str:
        return "reach" if self.lp is None or self.reach < self.lp else "timetable LP"


def bounds(problem: Problem, calendar: WorkCalendar, plan: Plan, lp: bool = True,
           time_limit: float = 600.0) -> Bound:
    """Both bounds of ``plan`` (the LP only when ``lp``; HiGHS stops after ``time_limit``
    seconds, and then only reach is reported)."""
    t0 = time.perf_counter()
    ctx = Context(problem, calendar, plan)
    quota = _QuotaRows(ctx)
    t1 = time.perf_counter()
    out = Bound(reach=reach_bound(ctx, quota))
    out.seconds["reach"] = time.perf_counter() - t1 + (t1 - t0)
    if lp:
        t2 = time.perf_counter()
        value, status, size = lp_bound(ctx, quota, time_limit)
        out.lp, out.lp_status = value, status
        out.classes, out.columns, out.rows = size
        out.seconds["lp"] = time.perf_counter() - t2
    return out


# --- quota rows --------------------------------------------------------------------------------

class _QuotaRows:
    """Each person's hour-quota rows as (category, required, history, online allowance), and
    the part of attainment history alone gives."""

    def __init__(self, ctx: Context):
        s = ctx.settings
        hist: dict[tuple[str, str], float] = defaultdict(float)
        for h in ctx.problem.history:
            if h.kind == "hours":
                hist[h.staff_id, h.category] += h.amount
        self.rows: dict[str, list[tuple[str, float, float, float]]] = {}
        self.required = self.held = 0.0
        for person in ctx.problem.staff:
            mine = []
            for q in s.quotas:
                if q.who.matches(person, s.horizon_start):
                    cat = q.category.value
                    h = hist[person.id, cat]
                    mine.append((cat, q.min_hours, h, q.online_share_max * q.min_hours))
                    self.required += q.min_hours
                    self.held += min(h, q.min_hours)
            if mine:
                self.rows[person.id] = mine

    def percent(self, gained: float) -> float:
        """Attainment in percent when ``gained`` hours are planned on top of history."""
        return 100.0 if self.required == 0 else 100.0 * (self.held + gained) / self.required


def _in_person(ctx: Context) -> list[Course]:
    """Every in-person course a session may be of: the office's, and the stand-ins of the
    plan's exit exams and teach-back lectures."""
    return [c for c in ctx.problem.courses if c.mode is Mode.IN_PERSON] + list(
        ctx.synthetic.values())


def _modules(ctx: Context) -> dict[str, dict[str, float]]:
    """Person → category → hours of the online modules of their audience."""
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for c in ctx.problem.courses:
        if c.mode is Mode.ONLINE:
            for pid in ctx.audience[c.id]:
                out[pid][c.category.value] += c.hours * c.parts
    return out


def _off_days(ctx: Context, pid: str) -> list[tuple[dt.date, dt.date]]:
    """Leave and external-study periods of ``pid`` (inclusive)."""
    spans = [(u.start, u.end) for u in ctx._leave.get(pid, ())]
    spans += [(a.start, a.end) for a in ctx.timeline.away.get(pid, ())]
    return spans


# --- reach ---------------------------------------------------------------------------------------

def reach_bound(ctx: Context, quota: _QuotaRows | None = None) -> float:
    """Attainment (percent) no timetable can beat, given the plan's months (module docstring)."""
    quota = quota or _QuotaRows(ctx)
    s = ctx.settings
    courses = _in_person(ctx)
    days = {c.id: _possible_days(ctx, c) for c in courses}
    modules = _modules(ctx)
    gained = 0.0
    for pid, rows in quota.rows.items():
        person = ctx.staff[pid]
        off = _off_days(ctx, pid)
        stints = ctx.timeline.stints.get(pid, [])
        live: dict[str, float] = defaultdict(float)
        recorded: dict[str, float] = defaultdict(float)
        for c in courses:
            static = pid in ctx.audience.get(c.id, ())
            hosts = [st for st in stints if st.row.department != person.department
                     and c.audience.matches(replace(person, department=st.row.department),
                                            s.horizon_start)]
            if not static and not hosts:
                continue
            hours = c.hours * c.parts
            if _attendable(days[c.id], off, stints, person.department, static, hosts):
                live[c.category.value] += hours
            elif static and c.recording:
                recorded[c.category.value] += hours
        for cat, req, hist, allowance in rows:
            online = min(allowance, modules[pid][cat] + recorded[cat])
            gained += max(0.0, min(req, hist + live[cat] + online) - min(hist, req))
    return quota.percent(gained)


def _possible_days(ctx: Context, c: Course) -> list[dt.date]:
    """Working days with a lecture slot in the course's window (and among its dates, if any)."""
    lo, hi = ctx.window(c)
    days = [d for d in ctx.calendar.workdays_between(lo, hi)
            if ctx.calendar.slots_on(d, ctx.settings.slots)]
    if c.dates:
        allowed = set(c.dates)
        days = [d for d in days if d in allowed]
    return days


def _attendable(days: list[dt.date], off: list[tuple[dt.date, dt.date]], stints: list,
                home: str, static: bool, hosts: list) -> bool:
    """Whether some day of ``days`` finds the person free and in the course's audience: at home
    (outside every rotation block) when ``static``, or in a block of one of ``hosts``."""
    if not days:
        return False
    if not off and not stints:
        return static
    windows: list[tuple[dt.date, dt.date]] = []
    if static:  # at home: the days outside every block (a block at home counts as home)
        cursor = days[0]
        for st in sorted(stints, key=lambda x: x.start):
            if st.row.department == home:
                continue
            if st.start > cursor:
                windows.append((cursor, st.start - dt.timedelta(days=1)))
            cursor = max(cursor, st.end + dt.timedelta(days=1))
        windows.append((cursor, days[-1]))
    windows += [(st.start, st.end) for st in hosts]
    for lo, hi in windows:
        for d in days[bisect_left(days, lo):]:
            if d > hi:
                break
            if not any(a <= d <= b for a, b in off):
                return True
    return False


# --- the timetable LP ----------------------------------------------------------------------------

@dataclass
class _Bundle:
    """Sessions of one part at the same day and times (their seats summed)."""

    course: Course
    part: int
    day: dt.date
    start: dt.datetime
    end: dt.datetime
    seats: int = 0
    instants: list[int] = field(default_factory=list)


def lp_bound(ctx: Context, quota: _QuotaRows | None = None, time_limit: float = 600.0
             ) -> tuple[float | None, str, tuple[int, int, int]]:
    """(attainment bound in percent or None, HiGHS status, (classes, columns, rows))."""
    quota = quota or _QuotaRows(ctx)
    bundles, of_entry = _bundles(ctx)
    instants = _instants(ctx, bundles)
    classes = _classes(ctx, quota, bundles, of_entry)
    model = _Model()
    _build(ctx, model, quota, bundles, instants, classes)
    value, status = model.solve(time_limit)
    size = (len(classes), model.num_cols, model.num_rows)
    return (None if value is None else quota.percent(value)), status, size


def _bundles(ctx: Context) -> tuple[list[_Bundle], dict[int, int]]:
    by_key: dict[tuple, int] = {}
    bundles: list[_Bundle] = []
    of_entry: dict[int, int] = {}  # index in ctx.entries → bundle
    for i, e in enumerate(ctx.entries):
        if not e.timed or e.day is None:
            continue
        key = (e.course.id, e.session.part, e.start, e.end)
        b = by_key.get(key)
        if b is None:
            b = by_key[key] = len(bundles)
            bundles.append(_Bundle(e.course, e.session.part, ctx.local(e.start).date(),  # type: ignore[arg-type]
                                   e.start, e.end))  # type: ignore[arg-type]
        room = ctx.rooms.get(e.session.room)
        seats = room.capacity if room is not None else 10**9
        if e.course.cohort_size:
            seats = min(seats, e.course.cohort_size)
        bundles[b].seats += seats
        of_entry[i] = b
    return bundles, of_entry


@dataclass
class _Instant:
    day: dt.date
    at: dt.datetime
    active: list[int]  # bundles running then


def _instants(ctx: Context, bundles: list[_Bundle]) -> list[_Instant]:
    """Each session start, with the bundles running then (what the coverage rule looks at, and
    a clique of the overlap graph: sessions that overlap both run at the later one's start)."""
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for b, x in enumerate(bundles):
        by_day[x.day].append(b)
    out: list[_Instant] = []
    for day in sorted(by_day):
        mine = by_day[day]
        for t in sorted({bundles[b].start for b in mine}):
            active = [b for b in mine if bundles[b].start <= t < bundles[b].end]
            for b in active:
                bundles[b].instants.append(len(out))
            out.append(_Instant(day, t, active))
    return out


@dataclass
class _Class:
    members: list[str]
    home: str
    stints: tuple  # (start, end, department) of rotation blocks
    eligible: tuple[int, ...]  # bundles
    recordings: tuple[tuple[str, int], ...]  # parts that may be watched
    taught: dict[str, float]  # category → hours taught while in the audience
    modules: dict[str, float]
    rows: list[tuple[str, float, float, float]]

    @property
    def n(self) -> int:
        return len(self.members)

    def dept_on(self, day: dt.date) -> str:
        for a, b, d in self.stints:
            if a <= day <= b:
                return d
        return self.home


def _classes(ctx: Context, quota: _QuotaRows, bundles: list[_Bundle],
             of_entry: dict[int, int]) -> list[_Class]:
    """People grouped by everything the LP reads about them (module docstring)."""
    courses = _in_person(ctx)
    of_course: dict[str, list[int]] = defaultdict(list)
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for b, x in enumerate(bundles):
        of_course[x.course.id].append(b)
        by_day[x.day].append(b)
    static: dict[str, list[str]] = defaultdict(list)  # person → courses of their audience
    for c in courses:
        for pid in ctx.audience.get(c.id, ()):
            static[pid].append(c.id)
    modules = _modules(ctx)
    # teaching: the bundles that clash with what one teaches, and the parts taught in the audience
    clash: dict[str, set[int]] = defaultdict(set)
    taught: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for i, e in enumerate(ctx.entries):
        sp = e.session.speaker
        if sp not in ctx.staff or i not in of_entry:
            continue
        mine = bundles[of_entry[i]]
        clash[sp].update(b for b in by_day[mine.day]
                         if bundles[b].start < mine.end and mine.start < bundles[b].end)
        if sp in ctx.audience.get(e.course.id, ()):
            taught[sp].add((e.course.id, e.session.part))
    part_bundles: dict[tuple[str, int], list[int]] = defaultdict(list)
    for b, x in enumerate(bundles):
        part_bundles[x.course.id, x.part].append(b)
    by_id = {c.id: c for c in courses}
    keyed: dict[tuple, list[str]] = defaultdict(list)
    info: dict[tuple, _Class] = {}
    for person in ctx.problem.staff:
        pid = person.id
        rows = quota.rows.get(pid)
        if not rows:
            continue  # no hour quota: attendance gains nothing, and only frees seats
        wanted = {row[0] for row in rows}  # the categories that count for them
        mine = [c for c in static.get(pid, []) if by_id[c].category.value in wanted]
        stints = tuple(sorted((st.start, st.end, st.row.department)
                              for st in ctx.timeline.stints.get(pid, ())))
        blocked = set(clash.get(pid, ()))
        for a, b in _off_days(ctx, pid):
            for day, bs in by_day.items():
                if a <= day <= b:
                    blocked.update(bs)
        gone = {part for part in taught.get(pid, set())
                if by_id[part[0]].category.value in wanted}
        for part in gone:
            blocked.update(part_bundles.get(part, ()))
        blocked = {b for b in blocked if bundles[b].course.category.value in wanted}
        if stints:  # rotators: the audience of the department they are in that day
            elig = _rotator_eligible(ctx, person, stints, bundles, blocked, wanted)
            base: tuple = ("rotator", elig)
        else:
            elig = ()
            base = (tuple(mine), tuple(sorted(blocked)))
        recs = tuple(sorted((c, p) for c in mine if by_id[c].recording
                            for p in range(1, by_id[c].parts + 1) if (c, p) not in gone))
        hours: dict[str, float] = defaultdict(float)
        for c, _p in gone:
            hours[by_id[c].category.value] += by_id[c].hours
        online = {k: v for k, v in modules[pid].items() if k in wanted}
        key = (person.department, stints, base, recs, tuple(sorted(hours.items())),
               tuple(sorted(online.items())), tuple(rows))
        if key not in info:
            if not stints:
                elig = tuple(sorted(b for c in mine for b in of_course.get(c, ())
                                    if b not in blocked))
            info[key] = _Class([], person.department, stints, elig, recs, dict(hours), online,
                               list(rows))
        keyed[key].append(pid)
    out = []
    for key, members in keyed.items():
        k = info[key]
        k.members = members
        out.append(k)
    return out


def _rotator_eligible(ctx: Context, person: Staff, stints: tuple, bundles: list[_Bundle],
                      blocked: set[int], wanted: set[str]) -> tuple[int, ...]:
    """The bundles of the ``wanted`` categories a rotator may attend: in the audience of the
    department they are in that day (:meth:`Context.in_audience`, its answers kept per course
    and department)."""
    s = ctx.settings
    known: dict[tuple[str, str], bool] = {}
    out = []
    for b, x in enumerate(bundles):
        if b in blocked or x.course.category.value not in wanted:
            continue
        where = next((d for lo, hi, d in stints if lo <= x.day <= hi), person.department)
        key = (x.course.id, where)
        if key not in known:
            if where == person.department:
                known[key] = person.id in ctx.audience.get(x.course.id, ())
            else:
                known[key] = x.course.audience.matches(replace(person, department=where),
                                                       s.horizon_start)
        if known[key]:
            out.append(b)
    return tuple(out)


class _Model:
    """A sparse LP, maximised, built column by column."""

    def __init__(self) -> None:
        self.col_lower: list[float] = []
        self.col_upper: list[float] = []
        self.cost: list[float] = []
        self.row_upper: list[float] = []
        self.rows: list[int] = []  # nonzeros: row, column, value
        self.cols: list[int] = []
        self.vals: list[float] = []

    @property
    def num_cols(self) -> int:
        return len(self.cost)

    @property
    def num_rows(self) -> int:
        return len(self.row_upper)

    def col(self, upper: float, cost: float = 0.0) -> int:
        self.col_lower.append(0.0)
        self.col_upper.append(upper)
        self.cost.append(cost)
        return len(self.cost) - 1

    def row(self, terms: list[tuple[int, float]], upper: float) -> None:
        r = len(self.row_upper)
        self.row_upper.append(upper)
        for j, v in terms:
            self.rows.append(r)
            self.cols.append(j)
            self.vals.append(v)

    def solve(self, time_limit: float) -> tuple[float | None, str]:
        import highspy

        h = _quiet(highspy.Highs)
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("time_limit", float(time_limit))
        h.setOptionValue("solver", LP_METHOD)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = self.num_cols, self.num_rows
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.col_cost_ = np.array(self.cost)
        lp.col_lower_ = np.array(self.col_lower)
        lp.col_upper_ = np.array(self.col_upper)
        lp.row_lower_ = np.full(self.num_rows, -highspy.kHighsInf)
        lp.row_upper_ = np.array(self.row_upper)
        cols = np.array(self.cols, dtype=np.int64)
        order = np.argsort(cols, kind="stable")
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.searchsorted(cols[order], np.arange(self.num_cols + 1)).astype(np.int32)
        lp.a_matrix_.index_ = np.array(self.rows, dtype=np.int32)[order]
        lp.a_matrix_.value_ = np.array(self.vals)[order]
        h.passModel(lp)
        h.run()
        status = h.getModelStatus()
        name = h.modelStatusToString(status)
        if status != highspy.HighsModelStatus.kOptimal:
            return None, name
        return float(h.getInfo().objective_function_value), name


def _quiet(make):
    """``make()`` with the C-level standard output pointed to /dev/null: HiGHS prints its banner
    on the first instance a process creates, before any option can turn it off."""
    import os
    import sys

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
            return make()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _build(ctx: Context, m: _Model, quota: _QuotaRows, bundles: list[_Bundle],
           instants: list[_Instant], classes: list[_Class]) -> None:
    seats: dict[int, list[tuple[int, float]]] = defaultdict(list)
    cover: dict[tuple[str, int], list[tuple[int, float]]] = defaultdict(list)
    depts = {d.id: d for d in ctx.problem.departments}
    for k in classes:
        n = float(k.n)
        x = {b: m.col(n) for b in k.eligible}
        r = {part: m.col(n) for part in k.recordings}
        once: dict[tuple[str, int], list[int]] = defaultdict(list)
        at: dict[int, list[int]] = defaultdict(list)
        for b, j in x.items():
            bundle = bundles[b]
            once[bundle.course.id, bundle.part].append(j)
            seats[b].append((j, 1.0))
            where = k.dept_on(bundle.day)
            counted = where == k.home or (where in depts and depts[where].rotators_count_on_duty)
            for t in bundle.instants:
                at[t].append(j)
                if counted:
                    cover[where, t].append((j, 1.0))
        for part, j in r.items():
            once[part].append(j)
        for js in once.values():
            if len(js) > 1:
                m.row([(j, 1.0) for j in js], n)
        for js in at.values():
            if len(js) > 1:
                m.row([(j, 1.0) for j in js], n)
        for cat, req, hist, allowance in k.rows:
            need = max(0.0, req - hist)
            if need <= 0:
                continue
            a = m.col(n * need, 1.0)
            o = m.col(n * allowance)
            live = [(j, -bundles[b].course.hours) for b, j in x.items()
                    if bundles[b].course.category.value == cat]
            m.row([(a, 1.0), (o, -1.0)] + live, n * k.taught.get(cat, 0.0))
            recs = [(j, -_hours(ctx, part)) for part, j in r.items()
                    if _category(ctx, part) == cat]
            m.row([(o, 1.0)] + recs, n * k.modules.get(cat, 0.0))
    for b, terms in seats.items():
        if sum(m.col_upper[j] for j, _ in terms) > bundles[b].seats:
            m.row(terms, float(bundles[b].seats))
    spare = _Spare(ctx, bundles, instants)
    for (dept, t), terms in cover.items():
        room = spare(dept, t)
        if sum(m.col_upper[j] for j, _ in terms) > room:
            m.row(terms, float(room))


def _hours(ctx: Context, part: tuple[str, int]) -> float:
    c = ctx.courses.get(part[0]) or ctx.synthetic[part[0]]
    return c.hours


def _category(ctx: Context, part: tuple[str, int]) -> str:
    c = ctx.courses.get(part[0]) or ctx.synthetic[part[0]]
    return c.category.value


class _Spare:
    """How many of a department's staff may be in training at an instant (the coverage rule):
    its headcount there that day less those teaching then, on leave or away, less its minimum
    on duty (at least 0)."""

    def __init__(self, ctx: Context, bundles: list[_Bundle], instants: list[_Instant]):
        self.ctx, self.bundles, self.instants = ctx, bundles, instants
        self.depts = {d.id: d for d in ctx.problem.departments}
        self.pools: dict[tuple[str, dt.date], tuple[set[str], set[str]]] = {}
        self.speakers: dict[int, set[str]] = defaultdict(set)  # instant → staff teaching then
        by_day: dict[dt.date, list[Entry]] = defaultdict(list)
        for e in ctx.entries:
            if e.timed and e.session.speaker in ctx.staff:
                by_day[ctx.local(e.start).date()].append(e)  # type: ignore[arg-type]
        for t, inst in enumerate(instants):
            for e in by_day.get(inst.day, ()):
                if e.start <= inst.at < e.end:  # type: ignore[operator]
                    self.speakers[t].add(e.session.speaker)

    def pool(self, dept: str, day: dt.date) -> tuple[set[str], set[str]]:
        """The department's staff there that day, and those of them on leave or away."""
        key = (dept, day)
        if key not in self.pools:
            ctx = self.ctx
            pool = {p for p in ctx.dept_staff.get(dept, ()) if ctx.dept_on(p, day) == dept}
            d = self.depts.get(dept)
            if d is not None and d.rotators_count_on_duty:
                pool.update(ctx.timeline.rotators_on(dept, day))
            off = {p for p in pool if ctx.timeline.away_on(p, day) is not None
                   or ctx.on_leave(p, day) is not None}
            self.pools[key] = (pool, off)
        return self.pools[key]

    def __call__(self, dept: str, t: int) -> int:
        pool, off = self.pool(dept, self.instants[t].day)
        teach = self.speakers.get(t, set()) & pool
        d = self.depts.get(dept)
        minimum = d.min_on_duty if d is not None else 0
        return max(0, len(pool) - len(teach) - len(off - teach) - minimum)
