"""The one place that turns solver results into a solver-free :class:`~planner.plan.Plan`.

Also computes each person's quotas from the named attendance (not from the group model) and the
reason for every missed session and every shortfall, first applicable in this documented order:

1. ``away`` — on leave, on external study, rotating in another department or teaching at
   every run of the session (the detail says which, with the dates);
2. ``not eligible`` — even attending everything they are in the audience of would not reach it;
3. ``no session in window`` — no session of the category was held when they could come;
4. ``capacity`` — every run they could attend was full;
5. ``coverage`` — their department was at its minimum at every run they could attend;
6. ``clash`` — in another session at every run they could come to;
7. ``solver limit`` — none of the above, and the attendance phase stopped before proving its
   plan the best; ``trade-off`` in its place when it did prove it: the best plan gives the hours
   to others (a shortfall weighed against theirs).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from planner.domain import CreditClass, ExternalSeat, Mode
from planner.plan import (
    Missed,
    OffSiteAttendance,
    Placement,
    Plan,
    PlannedSession,
    QuotaRow,
    RotationBlock,
)
from planner.solver.naming.assign import Attendance, away_detail, where_instead
from planner.solver.attendance.model import AttendanceModel, Schedule, session_credits, speaker_credits
from planner.solver.instance import Instance
from planner.solver.months import MonthsResult
from planner.solver.months.derive import Derived, session_id
from planner.solver.months.grid import add_months
from planner.solver.attendance.rules.coverage import spare
from planner.warning_labels import warning_words

REASONS = ("away", "not eligible", "no session in window", "capacity", "coverage", "clash",
           "trade-off", "solver limit")


def _iso(day: dt.date, t: dt.time, tz: ZoneInfo) -> str:
    return dt.datetime.combine(day, t, tzinfo=tz).isoformat()


def build_plan(inst: Instance, schedule: Schedule, am: AttendanceModel, people: Attendance,
               status: str, objective: dict[str, float], months: MonthsResult | None = None,
               derived: Derived | None = None, phases: dict[str, str] | None = None) -> Plan:
    s = inst.problem.settings
    tz = ZoneInfo(s.timezone)
    sessions = []
    for run in inst.runs:
        tp = inst.time_points[schedule.time[run.index]]
        start = tp.slot.start
        end_dt = dt.datetime.combine(tp.date, start) + dt.timedelta(hours=run.course.hours)
        sessions.append(PlannedSession(
            id=run.key, course=run.course.id, part=run.part, run=run.run,
            title=run.course.title, topic=run.topic, category=run.course.category.value,
            date=tp.date.isoformat(), slot=tp.slot.id, start=_iso(tp.date, start, tz),
            end=_iso(tp.date, end_dt.time(), tz), room=schedule.room[run.index],
            speaker=schedule.speaker[run.index], hours=run.course.hours,
            credits=session_credits(inst, run), speaker_credits=speaker_credits(inst, run),
            credit_class=run.course.credit_class.value,
            attendees=tuple(people.live.get(run.index, ())),
        ))
    sessions.sort(key=lambda x: (x.start, x.id))
    offsite = [OffSiteAttendance(p, c, part, "recording") for p, c, part in people.recording]
    for c in inst.online:
        due = (c.due or c.window_end or s.horizon_end).isoformat()
        for pid in inst.audience[c.id]:
            for part in range(1, c.parts + 1):
                offsite.append(OffSiteAttendance(pid, c.id, part, "online", due))
    offsite.sort(key=lambda o: (o.staff, o.course, o.part, o.mode))
    fallback = fallback_reason(phases or {})
    missed = [_missed(inst, schedule, am, people, p, c, part, fallback)
              for p, c, part in people.missed]
    rotations, placements = _months(inst, months, derived)
    quotas = quota_rows(inst, sessions, offsite, missed, placements, fallback)
    warnings = sorted(set(am.warnings))
    if months is not None:
        warnings.extend(months.warnings)
    if derived is not None:
        warnings.extend(derived.warnings)
    if people.unplaced:
        warnings.append(warning_words(s.language)("att.unplaced", count=people.unplaced))
    warnings.extend(out_of_order(inst, sessions))
    warnings.extend(inst.calendar.notes)
    return Plan(
        name=inst.problem.name, hospital=s.hospital, timezone=s.timezone,
        horizon_start=s.horizon_start.isoformat(), horizon_end=s.horizon_end.isoformat(),
        status=status, objective={k: round(v, 3) for k, v in objective.items()},
        sessions=sessions, offsite=offsite, missed=missed, quotas=quotas, warnings=warnings,
        rotations=rotations, placements=placements, phases=dict(phases or {}),
    )


def _months(inst: Instance, months: MonthsResult | None, derived: Derived | None
            ) -> tuple[list[RotationBlock], list[Placement]]:
    """Phase 0's stays and placements as plan rows, with the ids of their exit exams and
    teach-backs where those sessions were planned."""
    if months is None:
        return [], []
    held = {r.course.id for r in inst.runs}
    exams = derived.exit_exam if derived is not None else {}
    talks = derived.teach_back if derived is not None else {}
    rotations = [
        RotationBlock(st.pid, st.programme.id, st.block, st.dept, st.start.isoformat(),
                      st.end.isoformat(),
                      session_id(exams[st]) if exams.get(st) in held else "")
        for st in months.stays
    ]
    rotations.sort(key=lambda r: (r.staff, r.start, r.programme, r.block, r.department))
    placements = [
        Placement(a.pid, a.seat.id, a.seat.partner, a.seat.specialty, a.start.isoformat(),
                  a.end.isoformat(),
                  session_id(talks[a]) if talks.get(a) in held else "",
                  external_credits(inst, a.seat, a.start))
        for a in months.placements
    ]
    placements.sort(key=lambda p: (p.staff, p.start, p.seat))
    return rotations, placements


def external_credits(inst: Instance, seat: ExternalSeat, start: dt.date) -> float:
    """Credits for a placement: a monthly rate for each whole month of it inside the horizon;
    a placement of ``external_full_year_months`` or more counts as the year's full credits."""
    s = inst.problem.settings
    if seat.months >= s.rates.external_full_year_months:
        return s.credits.total_min if s.credits is not None else 0.0
    whole = sum(1 for k in range(seat.months)
                if add_months(start, k) >= s.horizon_start
                and add_months(start, k + 1) - dt.timedelta(days=1) <= s.horizon_end)
    return _r(s.rates.external_per_month * whole)


def out_of_order(inst: Instance, sessions: Sequence[PlannedSession]) -> list[str]:
    """A warning for each pair of consecutive sessions of a series held out of order (the
    timetable keeps the order wherever the inputs allow one; see
    :mod:`planner.solver.timetable.rules.sessions`). Sessions on a fixed date are not ordered."""
    problem = inst.problem
    dated = {(t.course, t.part) for t in problem.topics if t.date is not None}
    starts: dict[tuple[str, int], list[str]] = defaultdict(list)
    for x in sessions:
        starts[x.course, x.part].append(x.start)
    out = []
    w = warning_words(problem.settings.language)
    for c in problem.courses:
        if c.parts < 2 or c.dates:
            continue
        parts = [k for k in range(1, c.parts + 1)
                 if (c.id, k) not in dated and starts.get((c.id, k))]
        for a, b in zip(parts, parts[1:]):
            # re-planning, a make-up run of a part may follow the next part's first run
            over = min(starts[c.id, a]) if inst.past is not None else max(starts[c.id, a])
            if over >= min(starts[c.id, b]):
                out.append(w("order", title=c.title, course=c.id, b=b, a=a,
                             day=min(starts[c.id, b])[:10], over=over[:10]))
    return out


def fallback_reason(phases: dict[str, str]) -> str:
    """The reason for a miss nothing else explains: the attendance phase's limit, unless it
    proved its plan the best."""
    return "trade-off" if phases.get("attendance") == "OPTIMAL" else "solver limit"


def _missed(inst: Instance, schedule: Schedule, am: AttendanceModel, people: Attendance,
            pid: str, course_id: str, part: int, fallback: str) -> Missed:
    known = people.reasons.get((pid, course_id, part))
    if known is not None:  # found while naming (:func:`planner.solver.naming.assign.fill`)
        return Missed(pid, course_id, part, *known)
    runs = [r for r in inst.runs if r.course.id == course_id and r.part == part]
    if not runs:
        return Missed(pid, course_id, part, "no session in window")
    blocked = am.blocked[pid]
    free = [r for r in runs if r.index not in blocked]
    if not free:
        where = [(where_instead(am, pid, r.index, day), day) for r in runs
                 for day in (inst.time_points[schedule.time[r.index]].date,)]
        return Missed(pid, course_id, part, "away", away_detail(where))
    dept = inst.staff[pid].department
    full = [r for r in free if len(people.live.get(r.index, ())) >= am.run_capacity(r.index)]
    if len(full) == len(free):
        return Missed(pid, course_id, part, "capacity", "every run was full")
    tight = []
    for r in free:
        t = schedule.time[r.index]
        points = next(p for p in inst.instants if t in p)
        out = sum(
            1 for rr, tt in schedule.time.items() if tt in points
            for q in people.live.get(rr, ()) if inst.staff[q].department == dept
        )
        if out >= max(0, spare(am, dept, points)) or r in full:
            tight.append(r)
    if len(tight) == len(free):
        return Missed(pid, course_id, part, "coverage", f"{dept} at its minimum on duty")
    return Missed(pid, course_id, part, fallback)


def quota_rows(inst: Instance, sessions: list[PlannedSession], offsite: list[OffSiteAttendance],
            missed: list[Missed], placements: Sequence[Placement] = (),
            fallback: str = "solver limit") -> list[QuotaRow]:
    problem = inst.problem
    s = problem.settings
    courses = {c.id: c for c in problem.courses}
    live_hours: dict[tuple[str, str], float] = defaultdict(float)
    online_hours: dict[tuple[str, str], float] = defaultdict(float)
    credit: dict[tuple[str, str], float] = defaultdict(float)  # (person, I/IIh/IIo)

    def add_credit(pid: str, cls: str, hospital_run: bool, amount: float) -> None:
        if cls == CreditClass.I.value:
            credit[pid, "I"] += amount
        elif cls == CreditClass.II.value:
            credit[pid, "IIh" if hospital_run else "IIo"] += amount

    taught: set[tuple[str, str, int]] = set()
    for sess in sessions:
        c = courses[sess.course]
        for pid in sess.attendees:
            live_hours[pid, sess.category] += sess.hours
            add_credit(pid, sess.credit_class, c.hospital_run, sess.credits)
        if not sess.speaker.startswith("ext:"):
            add_credit(sess.speaker, sess.credit_class, c.hospital_run, sess.speaker_credits)
            key = (sess.speaker, sess.course, sess.part)
            if sess.speaker in inst.audience[c.id] and key not in taught and \
                    inst.in_audience(c, sess.speaker, dt.date.fromisoformat(sess.date)):
                taught.add(key)  # teaching a part one must follow counts once as taking it
                live_hours[sess.speaker, sess.category] += sess.hours
    for o in offsite:
        c = courses[o.course]
        online_hours[o.staff, c.category.value] += c.hours
        if o.mode == "online":
            add_credit(o.staff, c.credit_class.value, c.hospital_run, c.credits or 0.0)
    hist_hours: dict[tuple[str, str], float] = defaultdict(float)
    hist_credit: dict[tuple[str, str], float] = defaultdict(float)
    for h in problem.history:
        if h.kind == "hours":
            hist_hours[h.staff_id, h.category] += h.amount
        elif h.kind == "credits":
            key = "I" if h.category == "I" else ("IIh" if h.hospital_run else "IIo")
            hist_credit[h.staff_id, key] += h.amount
    missed_by: dict[tuple[str, str], list[str]] = defaultdict(list)
    for m in missed:
        missed_by[m.staff, courses[m.course].category.value].append(m.reason)
        missed_by[m.staff, "credits"].append(m.reason)
    seats = {x.id: x for x in problem.seats}
    rows: list[QuotaRow] = []
    for person in problem.staff:
        pid = person.id
        for q in s.quotas:
            if not q.who.matches(person, s.horizon_start):
                continue
            cat = q.category.value
            online = min(online_hours[pid, cat], q.online_share_max * q.min_hours)
            planned = live_hours[pid, cat] + online
            hist = hist_hours[pid, cat]
            short = max(0.0, q.min_hours - hist - planned)
            reason = ""
            if short > 1e-9:
                reachable = hist + _reachable(inst, pid, cat, q.online_share_max * q.min_hours)
                reason = _reason(missed_by[pid, cat], reachable < q.min_hours - 1e-9, fallback)
            rows.append(QuotaRow(pid, cat, q.min_hours, _r(hist), _r(planned), _r(short), reason))
        cq = s.credits
        if cq is None or not cq.who.matches(person, s.horizon_start):
            continue
        h1, h2h, h2o = hist_credit[pid, "I"], hist_credit[pid, "IIh"], hist_credit[pid, "IIo"]
        p1, p2h, p2o = credit[pid, "I"], credit[pid, "IIh"], credit[pid, "IIo"]
        c1 = min(h1 + p1, cq.class1_max)
        c2 = min(h2h + p2h, s.rates.hospital_class2_cap) + h2o + p2o
        # External study: its credits count toward the total only; a long enough placement
        # counts as the year's full credits, every credit line met (conventions, point 7).
        ext = sum(p.credits for p in placements if p.staff == pid)
        full_year = any(p.staff == pid and seats[p.seat].months
                        >= s.rates.external_full_year_months for p in placements)
        for cat, req, hist, planned, have in (
            ("credits-I", cq.class1_min, h1, p1, c1),
            ("credits-II", cq.class2_min, h2h + h2o, p2h + p2o, c2),
            ("credits-total", cq.total_min, h1 + h2h + h2o, p1 + p2h + p2o + ext, c1 + c2 + ext),
        ):
            short = 0.0 if full_year else max(0.0, req - have)
            reason = (_reason(missed_by[pid, "credits"], True, fallback) if short > 1e-9
                      else "")
            rows.append(QuotaRow(pid, cat, req, _r(hist), _r(planned), _r(short), reason))
    return rows


def _reachable(inst: Instance, pid: str, category: str, online_cap: float) -> float:
    """Most hours a person could get in a category: every live part they are in the audience of,
    plus online modules and recordings up to the cap."""
    live = online = 0.0
    for c in inst.problem.courses:
        if c.category.value != category or pid not in inst.audience[c.id]:
            continue
        if c.mode is Mode.ONLINE:
            online += c.hours * c.parts
        else:
            live += c.hours * c.parts
            if c.recording:
                online += c.hours * c.parts
    return live + min(online, online_cap)


def _reason(missed_reasons: list[str], not_enough_offered: bool, fallback: str) -> str:
    present = set(missed_reasons)
    if not_enough_offered:
        present.add("not eligible")
    for reason in REASONS:
        if reason in present:
            return reason
    return fallback


def _r(x: float) -> float:
    return round(x, 2)
