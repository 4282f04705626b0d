"""The summary's tables, in the order the workbook lists its sheets, with localised labels.

Each function turns one part of :class:`~planner.report.facts.Facts` into a
:class:`~planner.report.table.Table`; coded values (categories, reasons, kinds) are translated
here, so every renderer shows the same words.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from planner.names import is_exit_exam
from planner.report.facts import Facts
from planner.report.speakers import EXTERNAL_PREFIX
from planner.report.holidays import HOLIDAY
from planner.report.labels import Labels
from planner.report.months import length_in_months
from planner.report.table import (
    AUTO,
    DATE,
    DATETIME,
    INT,
    MONTH,
    NUM,
    PERCENT,
    TEXT,
    Column,
    Table,
    Value,
)
from planner.report.unmet import MISSED, SHORTFALL


def _d(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _hhmm(iso: str) -> str:
    try:
        return dt.datetime.fromisoformat(iso).strftime("%H:%M")
    except ValueError:
        return iso


def headline_table(f: Facts, t: Labels) -> Table:
    h = f.headline
    rows: list[tuple[Value, ...]] = [
        (t["h.hospital"], h.hospital),
        (t["h.plan"], h.plan_name),
        (t["h.horizon_start"], h.horizon_start),
        (t["h.horizon_end"], h.horizon_end),
        (t["h.staff"], h.staff),
        (t["h.departments"], h.departments),
        (t["h.sessions"], h.sessions),
        (t["h.live"], h.live_attendances),
        (t["h.recordings"], h.recordings),
        (t["h.online"], h.online),
        (t["h.rotation_blocks"], h.rotation_blocks),
        (t["h.rotating_people"], h.rotating_people),
        (t["h.placements"], h.placements),
        (t["h.months_away"], h.months_away),
        (t["h.attainment"] + " (%)", h.quota_attainment),
        (t["h.people_short"], h.people_short),
        (t["h.short_lines"], h.short_lines),
        (t["h.missed"], h.missed),
        (t["h.violations"], h.violations),
        (t["h.status"], t.status(h.status)),
        *((t[f"h.phase.{phase}"], t.status(status)) for phase, status in h.phases),
    ]
    for w in h.warnings:  # each with the changes that would plan what it left out
        rows.append((t["h.warnings"], w))
        rows += [(t["h.relaxation"], r) for r in h.relaxations.get(w, ())]
    return Table("headline", t["sheet.headline"],
                 (Column(t["c.item"], TEXT, 30), Column(t["c.value"], AUTO, 40)), tuple(rows))


def quota_table(f: Facts, t: Labels) -> Table:
    rows, marks = [], []
    for q in sorted(f.plan.quotas, key=lambda q: (q.staff, _category_order(q.category))):
        rows.append((q.staff, f.person_name(q.staff), f.person_department(q.staff),
                     t.category(q.category), t.unit(q.category), q.required, q.history,
                     q.planned, q.shortfall, t.reason(q.reason) if q.reason else ""))
        marks.append("short" if q.shortfall > 0 else "")
    return Table("quotas", t["sheet.quotas"], (
        Column(t["c.staff_id"], TEXT, 10), Column(t["c.name"], TEXT, 14),
        Column(t["c.department"], TEXT, 14), Column(t["c.category"], TEXT, 22),
        Column(t["c.unit"], TEXT, 8), Column(t["c.required"], NUM, 9),
        Column(t["c.history"], NUM, 11), Column(t["c.planned"], NUM, 9),
        Column(t["c.shortfall"], NUM, 9), Column(t["c.reason"], TEXT, 30),
    ), tuple(rows), tuple(marks))


def _category_order(category: str) -> tuple[int, str]:
    """Hour categories first (alphabetical), then credits: total, Class I, Class II."""
    credits = ("credits-total", "credits-I", "credits-II")
    return (1 + credits.index(category), "") if category in credits else (0, category)


def speaker_cell(f: Facts, t: Labels, course: str, speaker: str) -> str:
    """The speaker by name; an exit exam's is its examiner (考官) and says so."""
    name = f.speaker_name(speaker)
    return t["examiner"].format(name=name) if name and is_exit_exam(course) else name


def session_table(f: Facts, t: Labels) -> Table:
    """Every session; the planner's own (exit exams, teach-backs) by name, without an id."""
    names = f.names(t.lang)
    rows = []
    for s in f.plan.sessions:
        day = _d(s.date)
        own = names.synthetic(s.course) is not None
        rows.append(("" if own else s.id, day, t.weekday(day) if day else "",
                     f"{_hhmm(s.start)}–{_hhmm(s.end)}", names.course(s.course, s.title),
                     s.topic, t.category(s.category), f.room_name(s.room),
                     speaker_cell(f, t, s.course, s.speaker),
                     "" if s.speaker.startswith(EXTERNAL_PREFIX) else s.speaker,
                     len(s.attendees), s.hours, s.credits, t.credit_class(s.credit_class)))
    return Table("sessions", t["sheet.sessions"], (
        Column(t["c.session"], TEXT, 14), Column(t["c.date"], DATE, 11),
        Column(t["c.weekday"], TEXT, 6), Column(t["c.time"], TEXT, 12),
        Column(t["c.course"], TEXT, 24), Column(t["c.topic"], TEXT, 30),
        Column(t["c.category"], TEXT, 18), Column(t["c.room"], TEXT, 14),
        Column(t["c.speaker"], TEXT, 16), Column(t["c.speaker_id"], TEXT, 10),
        Column(t["c.attendees"], INT, 9), Column(t["c.hours"], NUM, 7),
        Column(t["c.credits"], NUM, 7), Column(t["c.credit_class"], TEXT, 9),
    ), tuple(rows))


def _session_day(f: Facts, session_id: str) -> dt.date | None:
    """The day of a linked session (an exit exam, a teach-back), shown instead of its id."""
    for s in f.plan.sessions:
        if s.id == session_id:
            return _d(s.date)
    return None


def rotation_table(f: Facts, t: Labels) -> Table:
    rows = []
    programmes = {p.id: p.name for p in f.problem.programmes}
    for r in sorted(f.plan.rotations, key=lambda r: (r.staff, r.start, r.block)):
        start, end = _d(r.start), _d(r.end)
        months = round(length_in_months(start, end), 2) if start and end else None
        rows.append((r.staff, f.person_name(r.staff), f.person_department(r.staff),
                     programmes.get(r.programme) or r.programme, r.block,
                     f.department_name(r.department), start, end, months,
                     _session_day(f, r.exit_exam)))
    return Table("rotations", t["sheet.rotations"], (
        Column(t["c.staff_id"], TEXT, 10), Column(t["c.name"], TEXT, 14),
        Column(t["c.department"], TEXT, 14), Column(t["c.programme"], TEXT, 16),
        Column(t["c.block"], INT, 6), Column(t["kind.rotation"], TEXT, 14),
        Column(t["c.start"], DATE, 11), Column(t["c.end"], DATE, 11),
        Column(t["c.months"], NUM, 7), Column(t["c.exit_exam"], DATE, 11),
    ), tuple(rows))


def placement_table(f: Facts, t: Labels) -> Table:
    rows = []
    for p in sorted(f.plan.placements, key=lambda p: (p.staff, p.start, p.seat)):
        start, end = _d(p.start), _d(p.end)
        months = round(length_in_months(start, end), 2) if start and end else None
        rows.append((p.staff, f.person_name(p.staff), f.person_department(p.staff), p.partner,
                     p.specialty, p.seat, start, end, months, p.credits,
                     _session_day(f, p.teach_back)))
    return Table("placements", t["sheet.placements"], (
        Column(t["c.staff_id"], TEXT, 10), Column(t["c.name"], TEXT, 14),
        Column(t["c.department"], TEXT, 14), Column(t["c.partner"], TEXT, 20),
        Column(t["c.specialty"], TEXT, 14), Column(t["c.seat"], TEXT, 8),
        Column(t["c.start"], DATE, 11), Column(t["c.end"], DATE, 11),
        Column(t["c.months"], NUM, 7), Column(t["c.credits"], NUM, 7),
        Column(t["c.teach_back"], DATE, 11),
    ), tuple(rows))


def coverage_table(f: Facts, t: Labels) -> Table:
    rows, marks = [], []
    for c in f.coverage:
        at = c.at.replace(tzinfo=None) if c.at else None
        rows.append((f.department_name(c.department), c.month, c.headcount, c.minimum, c.on_duty,
                     c.slack, at, c.busy if at else None, c.leave if at else None,
                     c.away if at else None, c.at_minimum if at else None,
                     c.instants if at else None, t["yes"] if c.tightest else ""))
        marks.append("tight" if c.tightest or (c.slack or 0) < 0 else "")
    return Table("coverage", t["sheet.coverage"], (
        Column(t["c.department"], TEXT, 14), Column(t["c.month"], MONTH, 9),
        Column(t["c.headcount"], INT, 9), Column(t["c.minimum"], INT, 9),
        Column(t["c.on_duty"], INT, 9), Column(t["c.slack"], INT, 7),
        Column(t["c.at"], DATETIME, 17), Column(t["c.busy"], INT, 9),
        Column(t["c.leave"], INT, 7), Column(t["c.away"], INT, 10),
        Column(t["c.at_minimum"], INT, 12), Column(t["c.instants"], INT, 9),
        Column(t["c.tightest"], TEXT, 9),
    ), tuple(rows), tuple(marks))


def room_table(f: Facts, t: Labels) -> Table:
    rows = tuple((f.room_name(r.room), r.room, r.month, r.sessions, r.used_hours,
                  r.available_hours, r.share) for r in f.rooms)
    return Table("rooms", t["sheet.rooms"], (
        Column(t["c.room"], TEXT, 16), Column("ID", TEXT, 6), Column(t["c.month"], MONTH, 9),
        Column(t["c.sessions"], INT, 7), Column(t["c.used_hours"], NUM, 9),
        Column(t["c.available_hours"], NUM, 9), Column(t["c.utilisation"], PERCENT, 9),
    ), rows)


def speaker_table(f: Facts, t: Labels) -> Table:
    rows = tuple((s.speaker, f.speaker_name(s.speaker),
                  t["external_speaker"] if s.external else f.person_department(s.speaker),
                  s.sessions, s.hours, s.courses) for s in f.speakers)
    return Table("speakers", t["sheet.speakers"], (
        Column(t["c.speaker_id"], TEXT, 14), Column(t["c.speaker"], TEXT, 18),
        Column(t["c.department"], TEXT, 14), Column(t["c.sessions"], INT, 7),
        Column(t["c.hours"], NUM, 7), Column(t["c.courses"], INT, 7),
    ), rows)


def unmet_table(f: Facts, t: Labels) -> Table:
    names = f.names(t.lang)
    rows, marks = [], []
    for u in f.unmet:
        marks.append("short" if u.kind == SHORTFALL else "")
        if u.kind == SHORTFALL:
            item = f"{t.category(u.item)} ({t.unit(u.item)})"
        else:
            item = names.part(u.item, u.part or 1, f.course_parts(u.item))
        rows.append((u.staff, f.person_name(u.staff), f.person_department(u.staff),
                     t[f"kind.{u.kind}"], item, u.amount, t.reason(u.reason),
                     t.detail(u.reason, u.detail, f.department_name)))
    return Table("unmet", t["sheet.unmet"], (
        Column(t["c.staff_id"], TEXT, 10), Column(t["c.name"], TEXT, 14),
        Column(t["c.department"], TEXT, 14), Column(t["c.kind"], TEXT, 14),
        Column(t["c.item"], TEXT, 28), Column(t["c.shortfall"], NUM, 9),
        Column(t["c.reason"], TEXT, 30), Column(t["c.detail"], TEXT, 50),
    ), tuple(rows), tuple(marks))


def missed_by_part_table(f: Facts, t: Labels) -> Table:
    """Missed required sessions counted per course part — what the printout shows instead of
    one row per person (the full list stays on screen and in the workbook): how many miss it,
    from which departments, and why."""
    names = f.names(t.lang)
    groups: dict[tuple[str, int], list] = {}
    for u in f.unmet:
        if u.kind == MISSED:
            groups.setdefault((u.item, u.part or 1), []).append(u)
    rows = []
    sep = t["list.sep"]
    for (course, part), items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        depts = Counter(f.person_department(u.staff) for u in items)
        reasons = Counter(t.reason(u.reason) for u in items)
        rows.append((names.part(course, part, f.course_parts(course)), len(items),
                     sep.join(f"{d} {n}" for d, n in sorted(depts.items(),
                                                             key=lambda kv: (-kv[1], kv[0]))),
                     sep.join(f"{r} {n}" for r, n in sorted(reasons.items(),
                                                             key=lambda kv: (-kv[1], kv[0])))))
    return Table("missed-by-part", t["sec.missed_by_part"], (
        Column(t["c.session"], TEXT, 30), Column(t["c.people"], INT, 7),
        Column(t["c.department"], TEXT, 30), Column(t["c.reason"], TEXT, 40),
    ), tuple(rows))


def holiday_table(f: Facts, t: Labels) -> Table:
    rows, marks = [], []
    for d in f.holidays.days:
        kind = t["day.holiday" if d.kind == HOLIDAY else "day.makeup"]
        rows.append((d.date, t.weekday(d.date), kind, d.name,
                     t["day.estimated"] if d.estimated else ""))
        marks.append("estimated" if d.estimated else "")
    return Table("holidays", t["sheet.holidays"], (
        Column(t["c.date"], DATE, 11), Column(t["c.weekday"], TEXT, 6),
        Column(t["c.kind"], TEXT, 14), Column(t["c.holiday"], TEXT, 16),
        Column(t["c.estimated"], TEXT, 20),
    ), tuple(rows), tuple(marks))


def all_tables(f: Facts, t: Labels) -> list[Table]:
    """Every table, in sheet order."""
    return [headline_table(f, t), quota_table(f, t), session_table(f, t), rotation_table(f, t),
            placement_table(f, t), coverage_table(f, t), room_table(f, t), speaker_table(f, t),
            unmet_table(f, t), holiday_table(f, t)]
