"""The ledger of training done: what counts as attended before the freeze date.

No one may lose credit for training already attended. Before the freeze date the published plan
is taken as what happened — every listed attendee of a session dated before the freeze date
attended it — unless the sign-in sheets say otherwise (``attendance_records``):

* a record ``attended = no`` removes the person from that session (or, when the record names only
  a course and part, from every run of that part before the freeze date);
* a record ``attended = yes`` counts even if the plan did not list the person (a course and part
  without a run: the earliest run of that part before the freeze date), and where it names a
  run, the person is no longer counted at another run of that part that only the plan listed
  them in (they signed in here, so that is where they were);
* a record about a session on or after the freeze date, or about a session the plan does not
  have, changes nothing and is listed in :attr:`Ledger.ignored` with the reason.

QR sign-ins (:mod:`planner.staff.signin`, kept in the state database) are ``attended = yes``
records of the session scanned, read before the office's own records — so a sign-in counts,
and the office's sheet, typed later, corrects it.

Speakers earn their speaker credits for sessions they taught, and — when the course audiences
are given — the session's hours once per part if they belong to its audience (as the quota
rules count teaching). A re-plan pins these sessions and starts quotas from the ledger; a new
term turns it into history rows (:meth:`Ledger.history_rows`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from planner.domain import AttendanceRecord, HistoryRow
from planner.errors import Both
from planner.plan import Plan, PlannedSession

ATTENDED, TAUGHT = "attended", "taught"


@dataclass(frozen=True)
class LedgerEntry:
    staff: str
    session: str
    course: str
    part: int
    date: str
    category: str
    hours: float  # counted towards the category's quota (0 for teaching outside the audience)
    credits: float
    credit_class: str  # I / II / none
    role: str  # attended / taught
    source: str  # "plan" or "record" (added by a sign-in record)


@dataclass(frozen=True)
class Ledger:
    freeze_until: dt.date
    entries: tuple[LedgerEntry, ...]
    ignored: tuple[tuple[AttendanceRecord, Both], ...] = ()  # with the reason, zh and en

    def attended(self, pid: str) -> tuple[str, ...]:
        """Session ids the person counts as having attended, in date order."""
        return tuple(e.session for e in self.entries if e.staff == pid and e.role == ATTENDED)

    def attendees(self) -> dict[str, tuple[str, ...]]:
        """Per past session, who counts as having attended it (what a re-plan pins)."""
        out: dict[str, list[str]] = defaultdict(list)
        for e in self.entries:
            if e.role == ATTENDED:
                out[e.session].append(e.staff)
        return {sid: tuple(sorted(pids)) for sid, pids in sorted(out.items())}

    def hours(self) -> dict[tuple[str, str], float]:
        """(staff, category) → hours done."""
        out: dict[tuple[str, str], float] = defaultdict(float)
        for e in self.entries:
            if e.hours:
                out[e.staff, e.category] += e.hours
        return dict(sorted(out.items()))

    def credits(self) -> dict[tuple[str, str], float]:
        """(staff, credit class I / II) → credits earned."""
        out: dict[tuple[str, str], float] = defaultdict(float)
        for e in self.entries:
            if e.credits and e.credit_class in ("I", "II"):
                out[e.staff, e.credit_class] += e.credits
        return dict(sorted(out.items()))

    def history_rows(self, hospital_run: Mapping[str, bool] | None = None,
                     note: str = "") -> tuple[HistoryRow, ...]:
        """The ledger as ``history`` rows: hours per person and category, credits per person,
        class and whether hospital-run (course id → flag; unknown courses count as
        hospital-run, since the hospital held them)."""
        hospital_run = hospital_run or {}
        hours: dict[tuple[str, str], float] = defaultdict(float)
        credits: dict[tuple[str, str, bool], float] = defaultdict(float)
        for e in self.entries:
            if e.hours:
                hours[e.staff, e.category] += e.hours
            if e.credits and e.credit_class in ("I", "II"):
                credits[e.staff, e.credit_class, hospital_run.get(e.course, True)] += e.credits
        rows = [HistoryRow(pid, "hours", cat, round(v, 6), note=note)
                for (pid, cat), v in sorted(hours.items())]
        rows += [HistoryRow(pid, "credits", cls, round(v, 6), hospital_run=run, note=note)
                 for (pid, cls, run), v in sorted(credits.items())]
        return tuple(sorted(rows, key=lambda r: (r.staff_id, r.kind, r.category,
                                                 r.hospital_run)))


def _day(session: PlannedSession) -> dt.date:
    return dt.date.fromisoformat(session.date)


def ledger(previous_plan: Plan, records: Iterable[AttendanceRecord], freeze_until: dt.date, *,
           audiences: Mapping[str, frozenset[str]] | None = None,
           sign_ins: Iterable[tuple[str, ...]] | None = None) -> Ledger:
    """What counts as done before ``freeze_until`` (see the module docstring for the rules).

    ``audiences`` (course id → staff ids), when given, lets speakers' teaching count as taking
    the part, as the quota rules do. ``sign_ins`` — (staff id, session id, session date) — are
    the QR sign-ins; by default those in the plan's state database, if it has any."""
    sessions = {s.id: s for s in previous_plan.sessions}
    if sign_ins is None:
        sign_ins = _stored_sign_ins(previous_plan.name)
    records = [*sign_in_records(sign_ins, sessions), *records]
    past = {sid: s for sid, s in sessions.items() if _day(s) < freeze_until}
    present: dict[str, dict[str, str]] = {sid: {p: "plan" for p in s.attendees}
                                          for sid, s in past.items()}
    runs: dict[tuple[str, int], list[PlannedSession]] = defaultdict(list)
    for s in sorted(past.values(), key=lambda s: (s.start, s.id)):
        runs[s.course, s.part].append(s)
    ignored: list[tuple[AttendanceRecord, Both]] = []
    for r in records:
        if r.run:
            s = sessions.get(r.session)
            if s is None:
                ignored.append((r, Both(f"计划中没有场次 {r.session}",
                                        f"no session {r.session} in the plan")))
                continue
            if r.session not in past:
                ignored.append((r, Both(
                    f"{r.session} 在 {s.date}，不早于冻结日期 {freeze_until.isoformat()}",
                    f"{r.session} is on {s.date}, not before the freeze date "
                    f"{freeze_until.isoformat()}")))
                continue
            if r.attended:
                present[r.session][r.staff_id] = "record"  # confirmed, or added
            else:
                present[r.session].pop(r.staff_id, None)
            continue
        candidates = runs.get((r.course, r.part), [])
        if not candidates:
            ignored.append((r, Both(
                f"冻结日期 {freeze_until.isoformat()} 之前没有 {r.course} 第{r.part}讲的场次",
                f"no session of {r.course} part {r.part} before the freeze date "
                f"{freeze_until.isoformat()}")))
            continue
        if r.attended:
            if not any(r.staff_id in present[s.id] for s in candidates):
                present[candidates[0].id][r.staff_id] = "record"
        else:
            for s in candidates:
                present[s.id].pop(r.staff_id, None)
    # Signed in at one run of a part: that is where they were, not at another run of it where
    # only the plan had them (the plan is what was expected; the sheet is what happened).
    for part_runs in runs.values():
        signed = {pid for s in part_runs for pid, how in present[s.id].items() if how == "record"}
        for s in part_runs:
            for pid in signed:
                if present[s.id].get(pid) == "plan":
                    del present[s.id][pid]
    entries: list[LedgerEntry] = []
    taught: set[tuple[str, str, int]] = set()
    for s in sorted(past.values(), key=lambda s: (s.start, s.id)):
        for pid, source in sorted(present[s.id].items()):
            entries.append(LedgerEntry(pid, s.id, s.course, s.part, s.date, s.category, s.hours,
                                       s.credits, s.credit_class, ATTENDED, source))
        if s.speaker and not s.speaker.startswith("ext:"):
            counts = (audiences is not None and s.speaker in audiences.get(s.course, ())
                      and (s.speaker, s.course, s.part) not in taught
                      and s.speaker not in present[s.id])
            if counts:
                taught.add((s.speaker, s.course, s.part))
            entries.append(LedgerEntry(s.speaker, s.id, s.course, s.part, s.date, s.category,
                                       s.hours if counts else 0.0, s.speaker_credits,
                                       s.credit_class, TAUGHT, "plan"))
    return Ledger(freeze_until, tuple(entries), tuple(ignored))


def sign_in_records(sign_ins: Iterable[tuple[str, ...]],
                    sessions: Mapping[str, PlannedSession]) -> list[AttendanceRecord]:
    """QR sign-ins as attendance records (``attended = yes`` at the session scanned) — only
    where the plan holds that session on the day it was scanned: session ids repeat from one
    term's plan to the next, and a sign-in of last March is not one of this March."""
    out = []
    for staff_id, session, *day in sign_ins:
        held = sessions.get(session)
        if held is None or (day and day[0] != held.date):
            continue
        course, _, rest = session.rpartition("#")
        part, _, run = rest.partition(".")
        if course and part.isdigit() and run.isdigit():
            out.append(AttendanceRecord(staff_id, course, int(part), int(run), True, "QR"))
    return out


def _stored_sign_ins(name: str) -> list[tuple[str, str, str]]:
    from planner.staff.db import stored_sign_ins
    from planner.state import state_dir

    return stored_sign_ins(state_dir(name))
