"""Findings and relaxations in the plan's language, with people, departments, rooms and courses
by the names the office gave them (:mod:`planner.explain.labels` holds the words)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.domain import EXIT_PREFIX, TEACH_BACK_PREFIX, Problem
from planner.explain.labels import Labels
from planner.explain.relax import MONTHS_KINDS, Relaxation
from planner.solver.findings import Cause, Finding

#: People, rooms and days listed by name before "… and n more".
MAX_LISTED = 6


class Words:
    """Names and sentences for one problem in one language."""

    def __init__(self, problem: Problem, labels: Labels) -> None:
        self.t = labels
        self.problem = problem
        self.staff = problem.staff_by_id()
        self.depts = {d.id: d for d in problem.departments}
        self.rooms = {r.id: r for r in problem.rooms}
        self.courses = {c.id: c for c in problem.courses}
        self.seats = {s.id: s for s in problem.seats}
        self.leave = {(u.id, u.start, u.end) for u in problem.unavailability if u.kind == "staff"}

    # --- names ----------------------------------------------------------------------------------

    def person(self, pid: str) -> str:
        if pid.startswith("ext:"):
            return pid[4:]
        s = self.staff.get(pid)
        return self.t("person", name=s.name, id=pid) if s is not None else pid

    def people(self, pids: tuple[str, ...] | list[str]) -> str:
        return self._listed([self.person(p) for p in pids])

    def dept(self, dept: str) -> str:
        d = self.depts.get(dept)
        return d.name if d is not None else dept

    def room(self, rid: str) -> str:
        r = self.rooms.get(rid)
        return self.t("room", name=r.name, id=rid) if r is not None else rid

    def course(self, cid: str) -> str:
        """An office course by title and id; the plan's own sessions in words."""
        if cid.startswith(EXIT_PREFIX):
            dept, _, month = cid[len(EXIT_PREFIX):].rpartition(":")
            try:
                when = self.t.month(dt.date.fromisoformat(month + "-01"))
            except ValueError:
                when = month
            return self.t("exam", dept=self.dept(dept), month=when)
        if cid.startswith(TEACH_BACK_PREFIX):
            seat_id, _, pid = cid[len(TEACH_BACK_PREFIX):].rpartition(":")
            seat = self.seats.get(seat_id)
            return self.t("teach_back", person=self.person(pid),
                          partner=seat.partner if seat is not None else seat_id)
        c = self.courses.get(cid)
        return self.t("course", title=c.title, id=cid) if c is not None else cid

    def part(self, cid: str, part: int) -> str:
        if cid.startswith((EXIT_PREFIX, TEACH_BACK_PREFIX)):
            return self.course(cid)
        return self.t("part", course=self.course(cid), part=part)

    def parts(self, cid: str, parts: list[int]) -> str:
        """Several parts of a course: "第4–12讲" / "sessions 4–12", "第1、3讲"."""
        if len(parts) == 1:
            return self.part(cid, parts[0])
        runs: list[str] = []
        ps = sorted(set(parts))
        i = 0
        while i < len(ps):
            j = i
            while j + 1 < len(ps) and ps[j + 1] == ps[j] + 1:
                j += 1
            runs.append(str(ps[i]) if i == j else
                        f"{ps[i]}{self.t('sep') if j == i + 1 else '–'}{ps[j]}")
            i = j + 1
        return self.t("parts", course=self.course(cid), parts=self.t.join(runs))

    def run(self, cid: str, part: int, run: int) -> str:
        return self.t("run", course=self.course(cid), part=part, run=run)

    def days(self, days: tuple[dt.date, ...] | list[dt.date]) -> str:
        days = sorted(days)
        if len(days) > MAX_LISTED:
            return self.t("days_n", first=self.t.span(days[0], days[-1]), n=len(days))
        return self.t.join([d.isoformat() for d in days])

    def rule(self, index: int) -> tuple[str, str]:
        """(the rule's description, its category in words)."""
        r = self.problem.settings.rules[index]
        text = r.description or f"{r.kind} {r.category.value} ≥ {r.minimum}"
        return text, self.t.category(r.category.value)

    def _listed(self, items: list[str]) -> str:
        if len(items) > MAX_LISTED:
            return self.t.join(items[:MAX_LISTED]) + self.t("sep") + self.t(
                "more", n=len(items) - MAX_LISTED)
        return self.t.join(items)

    def _reason(self, text: str) -> str:
        return self.t("reason", reason=text) if text else ""

    # --- findings -------------------------------------------------------------------------------

    def findings(self, fs: list[Finding]) -> list[str]:
        """One line per finding; the parts of one course that fail alike share a line
        ("sessions 1, 2 must take place")."""
        groups: list[tuple[Finding, list[int]]] = []
        for f in fs:
            last = groups[-1][0] if groups else None
            if (last is not None and f.rule in _MERGED and f.course == last.course
                    and _alike(f) == _alike(last)):
                groups[-1][1].append(f.part)
            else:
                groups.append((f, [f.part]))
        return [self.finding(f, parts) for f, parts in groups]

    def finding(self, f: Finding, parts: list[int] | None = None) -> str:
        t = self.t
        rule = f.rule
        label = self.parts(f.course, parts or [f.part])
        if rule == "part":
            return t("f.part", part=label) + self._options(f)
        if rule == "pin":
            return t("f.pin", run=self.run(f.course, f.part, f.run), pin=self._pin(f)) \
                + self._options(f)
        if rule == "runs":
            c = self.courses.get(f.course)
            why = (t("f.runs.cohorts", size=c.cohort_size) if c is not None and c.cohort_size
                   else t("f.runs.repeats", repeats=c.repeats if c is not None else 0))
            return t("f.runs", part=self.part(f.course, f.part), count=f.count, why=why)
        if rule == "order":
            return t("f.order", course=self.course(f.course), a=f.part, b=f.other_part)
        if rule == "rooms":
            assert f.day is not None
            return t("f.rooms", day=f.day.isoformat(),
                     rooms=self._listed([self.room(r) for r in f.rooms]))
        if rule == "speakers":
            assert f.day is not None
            return t("f.speakers", day=f.day.isoformat(), people=self.people(f.people))
        if rule == "ward":
            assert f.day is not None
            d = self.depts.get(f.dept)
            return t("f.ward", day=f.day.isoformat(), dept=self.dept(f.dept), count=f.count,
                     minimum=d.min_on_duty if d is not None else "?")
        if rule in ("year-rule", "month-rule"):
            text, category = self.rule(f.rule_index)
            return t(f"f.{rule}", rule=text, category=category, count=f.count, held=f.held,
                     month=t.month(f.month) if f.month else "")
        if rule == "no-time":
            return t("f.no-time", part=label, why=self._why(f.causes, len(parts or ()) > 1))
        if rule == "pin-no-time":
            return t("f.pin-no-time", run=self.run(f.course, f.part, f.run), pin=self._pin(f),
                     why=self._why(f.causes[1:]))
        if rule == "no-speaker":
            return t("f.no-speaker", part=self.part(f.course, f.part))
        if rule == "no-room":
            c = self.courses.get(f.course)
            return t("f.no-room", course=self.course(f.course),
                     feature=c.room_feature if c is not None else "")
        if rule == "exam":
            return t("f.exam", exam=self.course(f.course), people=self.people(f.people),
                     why=self._why(f.causes))
        if rule.startswith("rotation-"):
            return self._rotation(f)
        if rule == "unexplained":
            return t("f.unexplained")
        if rule == "limit":
            key = f"phase.{f.text}"
            return t("f.limit", phase=t(key) if key in _KEYS else f.text)
        return f.text

    def programme(self, pid: str) -> str:
        g = next((g for g in self.problem.programmes if g.id == pid), None)
        return self.t("course", title=g.name, id=pid) if g is not None else pid

    def _rotation(self, f: Finding) -> str:
        """The months' findings (:mod:`planner.solver.months.diagnose`)."""
        t = self.t
        span = f.causes[0] if f.causes else None
        when = t.span(span.lo, span.hi) if span and span.lo and span.hi else ""
        if f.rule == "rotation-block":
            block = next((b for b in self.problem.blocks
                          if (b.programme, b.block) == (f.course, f.part)), None)
            depts = [self.dept(d) for d in (block.departments if block else f.dept.split(","))]
            where = self._listed(depts)
            if block is not None and (block.choose > 1 or len(block.departments) > 1):
                where = t("where.choose", depts=where, choose=block.choose)
            return t("f.rotation-block", person=self.person(f.people[0]),
                     programme=self.programme(f.course), block=f.part, where=where,
                     months=span.count if span else "?", span=when)
        if f.rule == "rotation-leave":
            return t("f.rotation-leave", person=self.person(f.people[0]), span=when,
                     why=t("semi").join(self._cause(c) for c in f.causes[1:]))
        return t(f"f.{f.rule}", dept=self.dept(f.dept), span=when, count=f.count)

    def _options(self, f: Finding) -> str:
        """The days a part of a clashing set may take (many: their span and number)."""
        c = next((c for c in f.causes if c.kind == "options"), None)
        pinned = f.rule == "pin" and any(
            (p.course, p.part, p.run) == (f.course, f.part, f.run) and p.date is not None
            for p in self.problem.pins)
        if c is None or pinned:  # a pinned date is its only day: said already
            return ""
        what = (self.t("c.options", days=self.days(c.days)) if c.days
                else self.t("c.options.none"))
        return self.t("f.options", what=what)

    def _pin(self, f: Finding) -> str:
        """The pin as pins.csv holds it: date, slot, room, speaker (those given)."""
        pin = next((p for p in self.problem.pins if (p.course, p.part, p.run)
                    == (f.course, f.part, f.run)), None)
        if pin is None:
            return ""
        bits = [x for x in (pin.date.isoformat() if pin.date else "", pin.slot) if x]
        if pin.room:
            bits.append(self.room(pin.room))
        if pin.speaker:
            bits.append(self.person(pin.speaker))
        return " ".join(bits)

    def _why(self, causes: tuple[Cause, ...], plural: bool = False) -> str:
        t = self.t
        out: list[str] = []
        i = 0
        while i < len(causes):
            c = causes[i]
            if c.kind == "span":
                out.append(self._span(c, has_more=i + 1 < len(causes)))
            elif c.kind == "period":
                assert c.lo is not None and c.hi is not None
                out.append(t("c.period.n" if plural else "c.period",
                             frequency=t.frequency(c.text), lo=c.lo.isoformat(),
                             hi=c.hi.isoformat()))
            elif c.kind == "speakers":
                details = []
                while i + 1 < len(causes) and causes[i + 1].kind in ("leave", "ward"):
                    i += 1
                    details.append(self._cause(causes[i]))
                key = "c.speakers" if len(c.people) > 1 else "c.speaker"
                out.append(t(key, people=self.people(c.people))
                           + ("：" if t.lang == "zh" else " — ") * bool(details)
                           + t("semi").join(details))
            elif c.kind == "rooms":
                details = []
                while i + 1 < len(causes) and causes[i + 1].kind == "closed":
                    i += 1
                    details.append(self._cause(causes[i]))
                out.append(t("c.rooms", rooms=self._listed([self.room(r) for r in c.rooms]))
                           + ("：" if t.lang == "zh" else " — ") * bool(details)
                           + t("semi").join(details))
            else:
                out.append(self._cause(c))
            i += 1
        if len(out) > 1 and causes and causes[0].kind == "span" and causes[0].count:
            return out[0] + t("c.but") + t("semi").join(out[1:])
        return t("semi").join(out)

    def _span(self, c: Cause, has_more: bool) -> str:
        t = self.t
        assert c.lo is not None and c.hi is not None
        span = t.span(c.lo, c.hi)
        hours = t.hours(c.hours)
        if c.days and not c.count:
            return t("c.span.dates", dates=self.days(c.days), hours=hours)
        if c.days:
            return t("c.span.dates.some", count=c.count, hours=hours)
        if not c.count:
            return t("c.span.none", span=span, hours=hours)
        return t("c.span", span=span, count=c.count, hours=hours)

    def _cause(self, c: Cause) -> str:
        t = self.t
        if c.kind == "leave" and c.lo is not None and c.hi is not None and len(c.people) == 1 \
                and not c.hours:
            pid = c.people[0]
            if (pid, c.lo, c.hi) not in self.leave:  # the plan's own: away on external study
                return t("c.away", person=self.person(pid), span=t.span(c.lo, c.hi))
            return t("c.leave", person=self.person(pid), span=t.span(c.lo, c.hi),
                     reason=self._reason(c.text))
        if c.kind == "leave":  # an exit exam's finishers
            assert c.lo is not None and c.hi is not None
            return t("c.exam-leave", people=self.people(c.people), span=t.span(c.lo, c.hi))
        if c.kind == "ward":
            text = t("c.ward", person=self.person(c.people[0]), dept=self.dept(c.dept),
                     size=c.size, minimum=c.count)
            if len(c.people) > 1:
                text += t("c.ward.away", people=self.people(c.people[1:]))
            return text
        if c.kind == "closed":
            assert c.lo is not None and c.hi is not None
            return t("c.closed", room=self.room(c.rooms[0]), span=t.span(c.lo, c.hi),
                     reason=self._reason(c.text))
        if c.kind == "pin-day":
            assert c.lo is not None and c.hi is not None
            if c.text:
                return t("c.pin-day.freq", frequency=t.frequency(c.text),
                         span=t.span(c.lo, c.hi))
            return t("c.pin-day", span=t.span(c.lo, c.hi), hours=t.hours(c.hours),
                     count=c.count)
        if c.kind == "no-slot":
            assert c.lo is not None and c.hi is not None
            return t("c.no-slot", span=t.span(c.lo, c.hi), hours=t.hours(c.hours))
        if c.kind == "examiner":
            assert c.lo is not None and c.hi is not None
            return t("c.examiner", span=t.span(c.lo, c.hi), dept=self.dept(c.dept))
        if c.kind == "spare":
            return t("c.spare", dept=self.dept(c.dept), days=self.days(c.days),
                     minimum=c.count)
        return c.text or c.kind

    # --- relaxations ----------------------------------------------------------------------------

    def relaxation(self, r: Relaxation) -> str:
        t = self.t
        k = r.kind
        if k in ("window-end", "window-start", "sessions", "repeats", "hours"):
            return t(f"r.{k}", course=self.course(r.course), old=_shown(r.old), new=_shown(r.new))
        if k == "frequency":
            return t("r.frequency", course=self.course(r.course), old=t.frequency(str(r.old)))
        if k == "add-date":
            return t("r.add-date", course=self.course(r.course), new=_shown(r.new))
        if k == "unpin-date":
            return t("r.unpin-date", run=self.run(r.course, r.part, r.run))
        if k == "unpin-room":
            return t("r.unpin-room", run=self.run(r.course, r.part, r.run), room=self.room(r.room))
        if k == "unpin-speaker":
            return t("r.unpin-speaker", run=self.run(r.course, r.part, r.run),
                     person=self.person(r.person))
        if k == "reopen":
            assert r.lo is not None and r.hi is not None
            return t("r.reopen", room=self.room(r.room), span=t.span(r.lo, r.hi),
                     reason=t("reason.colon", reason=r.text) if r.text else "")
        if k == "free":
            assert r.lo is not None and r.hi is not None
            return t("r.free", person=self.person(r.person), span=t.span(r.lo, r.hi),
                     reason=t("reason.colon", reason=r.text) if r.text else "")
        if k == "add-speaker":
            return t("r.add-speaker", person=self.person(r.person), course=self.course(r.course))
        if k == "topic-speaker":
            return t("r.topic-speaker", part=self.part(r.course, r.part),
                     person=self.person(r.person), old=self.person(str(r.old)))
        if k == "minimum":
            return t("r.minimum", dept=self.dept(r.dept), old=r.old, new=r.new)
        if k == "optional-block":
            return t("r.optional-block", programme=self.programme(r.course), block=r.part,
                     person=self.person(r.person))
        if k in ("rotation-capacity", "rotation-minimum"):
            assert r.lo is not None and r.hi is not None
            return t(f"r.{k}", dept=self.dept(r.dept), span=t.span(r.lo, r.hi), old=r.old,
                     new=r.new)
        if k in MONTHS_KINDS:
            return self._months_relaxation(r)
        if k == "rule-minimum":
            text, _ = self.rule(r.rule_index)
            if r.new == 0:
                return t("r.rule-drop", rule=text)
            return t("r.rule-minimum", rule=text, old=r.old, new=r.new)
        return r.text or k


    def _months_relaxation(self, r: Relaxation) -> str:
        """A change tried on what the months left unplanned (:data:`MONTHS_KINDS`)."""
        t = self.t
        k = r.kind
        if k == "capacity":
            return t("r.capacity", dept=self.dept(r.dept), old=r.old, new=r.new)
        if k in ("programme-end", "programme-start", "exit-exam"):
            g = next((g for g in self.problem.programmes if g.id == r.course), None)
            name = t("programme", name=g.name, id=g.id) if g is not None else r.course
            return t(f"r.{k}", programme=name, old=_shown(r.old), new=_shown(r.new))
        if k == "shorten-leave":
            assert r.lo is not None and r.hi is not None and isinstance(r.old, tuple)
            return t("r.shorten-leave", person=self.person(r.person), span=t.span(r.lo, r.hi),
                     leave=t.span(*r.old), reason=t("reason.colon", reason=r.text)
                     if r.text else "")
        seat = self.seats.get(r.course)
        name = (t("seat", id=seat.id, partner=seat.partner, specialty=seat.specialty)
                if seat is not None else r.course)
        return t(f"r.{k}", seat=name, old=_shown(r.old), new=_shown(r.new))


def _shown(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


_KEYS = {"phase.months", "phase.timetable", "phase.matching", "phase.attendance"}
#: Rules whose findings about several parts of one course, alike otherwise, share a line.
_MERGED = ("part", "no-time")


def _alike(f: Finding) -> tuple[object, ...]:
    """What must be equal for two parts' findings to share a line: the rule and the causes —
    a period's start aside (each part of a series has its own; the first is shown)."""
    return (f.rule, tuple(replace(c, lo=None) if c.kind == "period" else c for c in f.causes))
