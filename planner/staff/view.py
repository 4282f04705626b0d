"""What one person's page shows, from the published version alone: nothing here reads another
person's data beyond the names on a session they share (the speaker).

* **Upcoming**: the sessions they attend or teach from today on, with time, room and speaker;
  recordings to watch and online modules due, with their link when the course gives one.
* **Hours and credits** by category — done, planned, required — from the published plan's
  quota table (:class:`planner.plan.QuotaRow`): *done* is the history carried into the plan plus
  what the ledger counts before today (sessions held, QR sign-ins and the office's records);
  *planned* is the rest of what the plan gives them.
* **Away**: rotation blocks and external-study placements.
* **Certificate** (学分证明): every ledger entry before today with hours and credits, and the
  history carried forward — what the office's records say, nothing more.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from planner.calendars.source import FeedSource
from planner.domain import Problem
from planner.ledger import ATTENDED, Ledger, ledger
from planner.plan import Plan
from planner.staff.labels import Labels


@dataclass(frozen=True)
class Upcoming:
    day: str
    time: str
    title: str
    place: str
    note: str  # you teach / speaker …
    link: str = ""


@dataclass(frozen=True)
class Bar:
    label: str
    unit: str
    required: float
    done: float
    planned: float

    @property
    def scale(self) -> float:
        return max(self.required, self.done + self.planned, 1e-9)

    def share(self, value: float) -> float:
        """Percent of the bar's width, rounded for stable markup."""
        return round(100 * value / self.scale, 1)

    @property
    def met(self) -> bool:
        return self.done + 1e-9 >= self.required


@dataclass(frozen=True)
class Period:
    kind: str
    label: str
    start: str
    end: str


@dataclass(frozen=True)
class CertificateLine:
    day: str
    title: str
    role: str
    hours: float
    credits: float
    credit_class: str


@dataclass
class StaffView:
    staff_id: str
    name: str
    department: str
    hospital: str
    language: str
    today: str
    upcoming: list[Upcoming] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    certificate: list[CertificateLine] = field(default_factory=list)
    carried: list[tuple[str, float]] = field(default_factory=list)  # (label, amount) history
    credits_total: float = 0.0
    hours_total: float = 0.0


def _num(value: float) -> str:
    return f"{value:g}"


def person_ledger(plan: Plan, inputs: Problem | None, sign_ins: list[tuple[str, ...]],
                  today: dt.date) -> Ledger:
    records = inputs.attendance_records if inputs is not None else ()
    audiences = None
    if inputs is not None:
        audiences = {c.id: frozenset(p.id for p in inputs.audience(c.audience))
                     for c in inputs.courses}
    return ledger(plan, records, today, audiences=audiences, sign_ins=sign_ins)


def build_view(pid: str, plan: Plan, source: FeedSource, inputs: Problem | None,
               sign_ins: list[tuple[str, ...]], today: dt.date, t: Labels) -> StaffView:
    person = source.person(pid)
    assert person is not None
    view = StaffView(pid, person.name, source.department_name(person.department),
                     source.hospital, t.lang, today.isoformat())
    done = person_ledger(plan, inputs, sign_ins, today)
    mine = [e for e in done.entries if e.staff == pid]
    sessions = {s.id: s for s in plan.sessions}

    # upcoming: today and later
    def speaker(sid: str) -> str:
        if sid.startswith("ext:"):
            return sid[4:]
        other = source.person(sid)
        return other.name if other else ""

    for s in sorted(plan.sessions, key=lambda s: (s.start, s.id)):
        if s.date < view.today:
            continue
        title = f"{s.title} — {s.topic}" if s.topic and s.topic != s.title else s.title
        start, end = dt.datetime.fromisoformat(s.start), dt.datetime.fromisoformat(s.end)
        when = f"{start:%H:%M}–{end:%H:%M}"
        if s.speaker == pid:
            view.upcoming.append(Upcoming(s.date, when, title, source.room_name(s.room),
                                          t("page.you_teach")))
        elif pid in s.attendees:
            who = speaker(s.speaker)
            view.upcoming.append(Upcoming(s.date, when, title, source.room_name(s.room),
                                          t("page.speaker", name=who) if who else ""))
    last_run: dict[tuple[str, int], str] = {}
    for s in plan.sessions:
        last_run[s.course, s.part] = max(last_run.get((s.course, s.part), ""), s.date)
    for o in plan.offsite:
        if o.staff != pid:
            continue
        course = source.course(o.course)
        title = course.title if course else o.course
        link = course.url if course else ""
        day = (o.due or plan.horizon_end) if o.mode == "online" else \
            last_run.get((o.course, o.part), "")
        if day and day >= view.today:
            key = "page.online" if o.mode == "online" else "page.recording"
            view.upcoming.append(Upcoming(day, "", t(key, title=title), "", "", link))
    view.upcoming.sort(key=lambda u: (u.day, u.time, u.title))

    # away
    for b in plan.rotations:
        if b.staff == pid:
            view.periods.append(Period("rotation", t("page.rotation", department=(
                source.department_name(b.department))), b.start, b.end))
    for p in plan.placements:
        if p.staff == pid:
            view.periods.append(Period("placement", t("page.placement", partner=p.partner,
                                                      specialty=p.specialty), p.start, p.end))
    view.periods.sort(key=lambda p: (p.start, p.label))

    # bars: the plan's quota table, its planned part split at today by the ledger
    hours_done: dict[str, float] = defaultdict(float)
    credits_done: dict[str, float] = defaultdict(float)
    for e in mine:
        hours_done[e.category] += e.hours
        if e.credit_class in ("I", "II"):
            credits_done[f"credits-{e.credit_class}"] += e.credits
            credits_done["credits-total"] += e.credits
    for q in plan.quotas:
        if q.staff != pid:
            continue
        if q.category.startswith("credits-"):
            got = credits_done.get(q.category, 0.0)
            label, unit = t(f"page.{q.category}"), t("page.unit.credits")
        else:
            got = hours_done.get(q.category, 0.0)
            label, unit = t.category(q.category), t("page.unit.hours")
        got = min(got, q.planned) if q.planned else got
        view.bars.append(Bar(label, unit, q.required, q.history + got,
                             max(0.0, q.planned - got)))

    # certificate: the ledger's entries and the history carried forward
    for e in mine:
        s = sessions.get(e.session)
        title = (f"{s.title} — {s.topic}" if s.topic and s.topic != s.title else s.title) \
            if s else e.session
        view.certificate.append(CertificateLine(
            e.date, title, t("page.role.attended" if e.role == ATTENDED else "page.role.taught"),
            e.hours, e.credits if e.credit_class in ("I", "II") else 0.0,
            e.credit_class if e.credit_class in ("I", "II") else ""))
        view.hours_total += e.hours
        view.credits_total += e.credits if e.credit_class in ("I", "II") else 0.0
    if inputs is not None:
        for h in inputs.history:
            if h.staff_id == pid and h.kind in ("hours", "credits") and h.amount:
                label = t.category(h.category) if h.kind == "hours" else \
                    t("page.credit_class", klass=h.category)
                view.carried.append((label, h.amount))
                if h.kind == "credits":
                    view.credits_total += h.amount
                else:
                    view.hours_total += h.amount
    return view
