"""Change notices after a re-plan: ``changes.csv`` for the people, ``changes.md`` and
``changes-office.csv`` for the office.

``changes.csv`` has one row per changed person — their e-mail, a subject, their changes together
and the whole message — for a mail-merge or ``planner notify``: a person reads what changed for
them and a cause they may read (:mod:`planner.changes.personal`: their own leave named, anyone
else's only as 主讲人调整 / 时间调整 / …); a cohort move is one line. The office's files keep the
full cause: ``changes-office.csv`` one row per changed person-event (what moved, from, to, the
input change behind it) and ``changes.md``, which says the same per person, lists the input
changes found and the changed sessions, and totals per department and overall in both units
(see :mod:`planner.changes.diff`). The CSVs are UTF-8 with BOM so Chinese Excel opens them;
text that a spreadsheet would run as a formula is neutralised.

Both files are in the plan's language (``language`` in ``plan.yaml``, or ``--lang``), worded by
:mod:`planner.changes.labels`; only the CSV's column names stay English, for mail-merge.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from planner.atomic import write_bytes
from planner.changes.causes import Cause, find_causes, input_changes
from planner.changes.diff import (
    ADDED,
    DEADLINE,
    PLACEMENT,
    RECORDING,
    REMOVED,
    ROTATION,
    TEACHES,
    ChangeSet,
    EventState,
    PersonChange,
    diff_plans,
)
from planner.changes.labels import Labels, labels_for
from planner.changes.personal import PersonNotice, cohort_moves, readable_cause
from planner.domain import Problem
from planner.names import SessionNames, is_exit_exam
from planner.plan import Plan, _csv

CSV_FILE = "changes.csv"
MD_FILE = "changes.md"
OFFICE_CSV_FILE = "changes-office.csv"
#: changes.csv: one row per person (what a mail-merge or ``planner notify`` sends)
CSV_HEADER = ["staff_id", "name", "department", "email", "items", "subject", "changes", "notice"]
#: changes-office.csv: one row per changed person-event, with the full cause
OFFICE_CSV_HEADER = ["staff_id", "name", "department", "email", "what", "change", "from", "to",
                     "cause"]


@dataclass
class ChangeSummary:
    """The counts ``planner plan`` prints after a re-plan."""

    changed_sessions: int
    changed_person_events: int
    people: int
    #: department name → (people, person-events)
    by_department: dict[str, tuple[int, int]] = field(default_factory=dict)
    baseline_version: int | None = None
    files: tuple[str, ...] = (CSV_FILE, MD_FILE, OFFICE_CSV_FILE)
    language: str = field(default="zh", compare=False)  # how the counts are said

    def lines(self) -> list[str]:
        """In the notices' language, like everything ``planner plan`` prints."""
        t = labels_for(self.language)
        against = t("cli.against", version=self.baseline_version) \
            if self.baseline_version else ""
        return [t("cli.summary", against=against, sessions=self.changed_sessions,
                  events=self.changed_person_events, people=self.people,
                  files=f"{MD_FILE} / {CSV_FILE}")]


class _Names:
    """Display names from today's inputs, falling back to the published ones (people who left),
    and the words around them in the notices' language."""

    def __init__(self, problem: Problem, old: Problem | None, labels: Labels):
        tables = [old, problem] if old is not None else [problem]
        self.labels = labels
        self.staff = {s.id: s for p in tables for s in p.staff}
        self.rooms = {r.id: r.name for p in tables for r in p.rooms}
        self.deps = {d.id: d.name for p in tables for d in p.departments}
        self.programmes = {x.id: x.name for p in tables for x in p.programmes}
        self.courses = {c.id: c.title for p in tables for c in p.courses}
        partners = {x.id: x.partner for p in tables for x in p.seats}
        # exit exams and teach-backs by name (出科考核（内科，2027年3月）), never by their ids
        self.names = SessionNames(labels.lang, course_title=self.courses.get,
                                  person=self.person,
                                  department=lambda d: self.deps.get(d, d),
                                  partner=lambda seat, staff: partners.get(seat, ""))

    def person(self, pid: str) -> str:
        s = self.staff.get(pid)
        return s.name if s else pid

    def department_of(self, pid: str) -> str:
        s = self.staff.get(pid)
        return self.deps.get(s.department, s.department) if s else ""

    def speaker(self, speaker: str) -> str:
        return speaker[4:] if speaker.startswith("ext:") else self.person(speaker)

    def what(self, state: EventState) -> str:
        t = self.labels
        if state.kind == ROTATION:
            programme, block = state.ref.split(":", 1)
            return t("what.rotation", department=self.deps.get(state.place, state.place),
                     programme=self.programmes.get(programme, programme), block=block)
        if state.kind == PLACEMENT:
            return t("what.placement", label=state.label, ref=state.ref)
        if state.kind == RECORDING:
            return t("what.recording", label=state.label, ref=state.ref)
        if state.kind == DEADLINE:
            return t("what.deadline", title=self.courses.get(state.ref, state.ref),
                     ref=state.ref)
        own = self.names.synthetic(state.course) if state.course else None
        if own is not None:
            return own
        return t("what.session", label=state.label, ref=state.ref)

    def plain(self, state: EventState) -> str:
        """What a person reads in their notice: the event by its name, without the office's
        ids (session and seat ids)."""
        t = self.labels
        if state.kind == PLACEMENT:
            return t("plain.placement", label=state.label)
        if state.kind == RECORDING:
            return t("plain.recording", label=state.label)
        if state.kind == DEADLINE:
            return t("plain.deadline", title=self.courses.get(state.ref, state.ref))
        if state.kind == ROTATION:
            return self.what(state)
        own = self.names.synthetic(state.course) if state.course else None
        return own if own is not None else state.label

    def where(self, state: EventState, role: str = "") -> str:
        """When and where, as a person reads it."""
        t = self.labels
        if state.kind == ROTATION:
            return f"{t.days(state.start, state.end)} {self.deps.get(state.place, state.place)}"
        if state.kind == PLACEMENT:
            return f"{t.days(state.start, state.end)} {state.label}"
        if state.kind in (RECORDING, DEADLINE):
            return state.start[:10]
        start, end = dt.datetime.fromisoformat(state.start), dt.datetime.fromisoformat(state.end)
        text = f"{start:%Y-%m-%d %H:%M}–{end:%H:%M} {self.rooms.get(state.place, state.place)}"
        exam = is_exit_exam(state.course)
        if role == TEACHES:
            return t("where.examines" if exam else "where.teaches", where=text)
        if state.speaker:
            return t("where.examiner" if exam else "where.speaker", where=text,
                     speaker=self.speaker(state.speaker))
        return text


def _moved(t: Labels, change: str, before: str, after: str) -> str:
    if change == ADDED:
        return t("md.added", after=after)
    if change == REMOVED:
        return t("md.removed", before=before)
    return t("md.moved", before=before, after=after)


def person_notices(changes: ChangeSet, causes: dict[tuple[str | None, str], Cause],
                   names: _Names, problem: Problem) -> list[PersonNotice]:
    """One notice per changed person, sorted by department and person; the lines in time order
    (on the events, not the words, so both languages list them alike)."""
    t = names.labels
    emails = {s.id: s.email for s in problem.staff}
    mine: dict[str, list[PersonChange]] = defaultdict(list)
    for c in changes.people:
        mine[c.staff].append(c)
    out = []
    for pid, entries in mine.items():
        lines: list[tuple[tuple[str, str], str]] = []
        paired: set[str] = set()
        for gone, new in cohort_moves(entries):
            paired |= {gone.key, new.key}
            b, a = gone.before, new.after
            assert b is not None and a is not None
            what = t("plain.cohort", label=names.plain(b), old=b.run, new=a.run)
            own = [x for x in (gone, new) if causes[pid, x.key].concerns(pid)]
            cause = causes[pid, own[0].key].say(t) if own else t("neutral.time")
            moved = t("md.moved", before=names.where(b), after=names.where(a))
            line = t("notice.line", what=what, moved=moved, cause=cause)
            lines.append(((b.start, gone.key), line))
        for c in entries:
            if c.key in paired:
                continue
            before = names.where(c.before, c.role_before) if c.before else ""
            after = names.where(c.after, c.role_after) if c.after else ""
            cause = readable_cause(c, causes[pid, c.key], t)
            lines.append(((c.state.start, c.key), t("notice.line", what=names.plain(c.state),
                                                    moved=_moved(t, c.change, before, after),
                                                    cause=cause)))
        said = tuple(text for _, text in sorted(lines))
        name = names.person(pid)
        subject = t("notice.subject", hospital=problem.settings.hospital, count=len(said))
        body = "\n".join([t("notice.greeting", name=name), "", t("notice.intro"),
                          *(f"{i}. {line}" for i, line in enumerate(said, 1)), "",
                          t("notice.footer")]) + "\n"
        out.append(PersonNotice(pid, name, names.department_of(pid), emails.get(pid, ""), said,
                                subject, body))
    out.sort(key=lambda n: (n.department, n.staff))
    return out


def notice_rows(changes: ChangeSet, names: _Names,
                problem: Problem) -> list[tuple[PersonChange, list[object]]]:
    """One row of ``changes-office.csv`` per changed person-event, with the change it says,
    sorted by department, person, time — on the events, not the words, so both languages list
    the rows in the same order."""
    emails = {s.id: s.email for s in problem.staff}
    t = names.labels
    rows = []
    for c in changes.people:
        before = names.where(c.before, c.role_before) if c.before else ""
        after = names.where(c.after, c.role_after) if c.after else ""
        row: list[object] = [c.staff, names.person(c.staff), names.department_of(c.staff),
                             emails.get(c.staff, ""), names.what(c.state), t.change(c.change),
                             before, after, c.cause]
        when = (c.before or c.after).start  # type: ignore[union-attr]
        rows.append(((str(row[2]), c.staff, when, c.key), c, row))
    rows.sort(key=lambda r: r[0])
    return [(c, row) for _, c, row in rows]


def _md(text: object) -> str:
    """A Markdown table cell or list text: HTML escaped (most Markdown viewers pass HTML
    through, so a name such as ``<script>`` shows as written, as in summary.md), pipes
    escaped, no line breaks."""
    return html.escape(" ".join(str(text).split()), quote=False).replace("|", "\\|")


def changes_markdown(changes: ChangeSet, names: _Names,
                     rows: list[tuple[PersonChange, list[object]]], causes: list[str], *,
                     version: int | None = None, bounds: dict[str, int] | None = None) -> str:
    bounds = bounds or {}
    t = names.labels

    def bound(unit: str) -> str:
        return t("md.bound", bound=bounds[unit]) if unit in bounds else ""

    out = [t("md.title.version", version=version) if version else t("md.title"), "",
           t("md.sessions", count=changes.changed_sessions, bound=bound("sessions")),
           t("md.events", count=changes.changed_person_events, bound=bound("person_events"),
             people=len(changes.affected_people())), ""]
    out += [t("md.inputs"), ""]
    out += [f"- {_md(c)}" for c in causes] or [f"- {t('md.inputs.none')}"]
    out += ["", t("md.items"), ""]
    if changes.items:
        out += [t("md.items.header"), "|---|---|---|---|---|"]
        for c in changes.items:
            change = t("change.fields", change=t.change(c.change), fields=t.fields(c.fields)) \
                if c.fields else t.change(c.change)
            out.append("| " + " | ".join(_md(x) for x in (
                names.what(c.state), change,
                names.where(c.before) if c.before else "—",
                names.where(c.after) if c.after else "—", c.cause)) + " |")
    else:
        out.append(t("md.items.none"))
    totals: dict[str, list[set[str] | int]] = defaultdict(lambda: [set(), 0])
    for _, r in rows:
        entry = totals[str(r[2]) or "—"]
        entry[0].add(str(r[0]))  # type: ignore[union-attr]
        entry[1] += 1  # type: ignore[operator]
    out += ["", t("md.departments"), ""]
    if totals:
        out += [t("md.departments.header"), "|---|---:|---:|"]
        for dep in sorted(totals):
            people, events = totals[dep]
            out.append(f"| {_md(dep)} | {len(people)} | {events} |")  # type: ignore[arg-type]
    else:
        out.append(t("md.departments.none"))
    out += ["", t("md.people"), ""]
    current = None
    for person_change, r in rows:
        pid, name, dep, _, what, _, before, after, cause = r
        if pid != current:
            current = pid
            out += [""] if out[-1] else []
            out += [t("md.person", name=_md(name), id=_md(pid), department=_md(dep or "—")), ""]
        if person_change.change == ADDED:
            moved = t("md.added", after=after)
        elif person_change.change == REMOVED:
            moved = t("md.removed", before=before)
        else:
            moved = t("md.moved", before=before, after=after)
        out.append(t("md.line", what=_md(what), moved=_md(moved), cause=_md(cause)))
    return "\n".join(out).rstrip() + "\n"


def write_change_notices(old_plan: Plan, old_inputs: Problem | None, problem: Problem,
                         new_plan: Plan, stage_dir: Path, *, version: int | None = None,
                         bounds: dict[str, int] | None = None,
                         language: str | None = None) -> ChangeSummary:
    """Diff the published plan against the new one, explain every change, write
    ``changes.csv``, ``changes-office.csv`` and ``changes.md`` into ``stage_dir``; return the
    counts.

    ``bounds`` (optional) maps ``sessions`` / ``person_events`` to a lower bound on each count,
    printed beside it. The words follow ``language`` — by default the plan's
    (``problem.settings.language``, as the summary and the calendars do); the CSV's column
    names stay English in every language, for mail-merge templates."""
    labels = labels_for(language or problem.settings.language)
    diff = diff_plans(old_plan, new_plan)
    found = find_causes(old_inputs, problem, diff)
    changes = ChangeSet(
        tuple(replace(c, cause=found[None, c.key].say(labels)) for c in diff.items),
        tuple(replace(c, cause=found[c.staff, c.key].say(labels)) for c in diff.people))
    names = _Names(problem, old_inputs, labels)
    rows = notice_rows(changes, names, problem)
    notices = person_notices(diff, found, names, problem)
    causes = [c.say(labels) for c in input_changes(old_inputs, problem)] if old_inputs else \
        [labels("md.inputs.unknown")]
    stage_dir = Path(stage_dir)
    write_bytes(stage_dir / CSV_FILE, _csv([CSV_HEADER, *(
        [n.staff, n.name, n.department, n.email, len(n.lines), n.subject, "\n".join(n.lines),
         n.body] for n in notices)]))
    write_bytes(stage_dir / OFFICE_CSV_FILE, _csv([OFFICE_CSV_HEADER, *(row for _, row in rows)]))
    write_bytes(stage_dir / MD_FILE, changes_markdown(changes, names, rows, causes,
                                                      version=version,
                                                      bounds=bounds).encode("utf-8"))
    by_dep: dict[str, tuple[set[str], int]] = {}
    for _, r in rows:
        people, events = by_dep.get(str(r[2]), (set(), 0))
        by_dep[str(r[2])] = (people | {str(r[0])}, events + 1)
    return ChangeSummary(changes.changed_sessions, changes.changed_person_events,
                         len(changes.affected_people()),
                         {k: (len(v[0]), v[1]) for k, v in sorted(by_dep.items())}, version,
                         language=labels.lang)
