"""Change notices after a re-plan: ``changes.csv`` for mail-merge and ``changes.md`` to read.

``changes.csv`` has one row per changed person-event with the person's e-mail, what moved, from
and to, and the input change that caused it (UTF-8 with BOM so Chinese Excel opens it; text that
a spreadsheet would run as a formula is neutralised). ``changes.md`` says the same per person,
lists the input changes found and the changed sessions, and totals per department and overall
in both units (see :mod:`planner.changes.diff`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from planner.atomic import write_bytes
from planner.changes.causes import explain_causes, input_changes
from planner.changes.diff import (
    ADDED,
    DEADLINE,
    RECORDING,
    PLACEMENT,
    REMOVED,
    ROTATION,
    TEACHES,
    ChangeSet,
    EventState,
    diff_plans,
)
from planner.domain import Problem
from planner.plan import Plan, _csv

CSV_FILE = "changes.csv"
MD_FILE = "changes.md"
CSV_HEADER = ["staff_id", "name", "department", "email", "what", "change", "from", "to", "cause"]


@dataclass
class ChangeSummary:
    """The counts ``planner plan`` prints after a re-plan."""

    changed_sessions: int
    changed_person_events: int
    people: int
    #: department name → (people, person-events)
    by_department: dict[str, tuple[int, int]] = field(default_factory=dict)
    baseline_version: int | None = None
    files: tuple[str, ...] = (CSV_FILE, MD_FILE)

    def lines(self) -> list[str]:
        against = f" against published version {self.baseline_version}" \
            if self.baseline_version else ""
        return [f"changes{against}: {self.changed_sessions} changed sessions, "
                f"{self.changed_person_events} changed person-events for {self.people} people "
                f"— see changes.md / changes.csv"]


class _Names:
    """Display names from today's inputs, falling back to the published ones (people who left)."""

    def __init__(self, problem: Problem, old: Problem | None):
        tables = [old, problem] if old is not None else [problem]
        self.staff = {s.id: s for p in tables for s in p.staff}
        self.rooms = {r.id: r.name for p in tables for r in p.rooms}
        self.deps = {d.id: d.name for p in tables for d in p.departments}
        self.programmes = {x.id: x.name for p in tables for x in p.programmes}
        self.courses = {c.id: c.title for p in tables for c in p.courses}

    def person(self, pid: str) -> str:
        s = self.staff.get(pid)
        return s.name if s else pid

    def department_of(self, pid: str) -> str:
        s = self.staff.get(pid)
        return self.deps.get(s.department, s.department) if s else ""

    def speaker(self, speaker: str) -> str:
        return speaker[4:] if speaker.startswith("ext:") else self.person(speaker)

    def what(self, state: EventState) -> str:
        if state.kind == ROTATION:
            programme, block = state.ref.split(":", 1)
            return (f"rotation {self.deps.get(state.place, state.place)} "
                    f"({self.programmes.get(programme, programme)}, block {block})")
        if state.kind == PLACEMENT:
            return f"external study {state.label} (seat {state.ref})"
        if state.kind == RECORDING:
            return f"recording to watch: {state.label} ({state.ref})"
        if state.kind == DEADLINE:
            title = self.courses.get(state.ref, state.ref)
            return f"online module deadline: {title} ({state.ref})"
        return f"{state.label} ({state.ref})"

    def where(self, state: EventState, role: str = "") -> str:
        """When and where, as a person reads it."""
        if state.kind == ROTATION:
            return f"{_days(state)} {self.deps.get(state.place, state.place)}"
        if state.kind == PLACEMENT:
            return f"{_days(state)} {state.label}"
        if state.kind in (RECORDING, DEADLINE):
            return state.start[:10]
        start, end = dt.datetime.fromisoformat(state.start), dt.datetime.fromisoformat(state.end)
        text = f"{start:%Y-%m-%d %H:%M}–{end:%H:%M} {self.rooms.get(state.place, state.place)}"
        if role == TEACHES:
            return text + " (you teach)"
        return text + (f", speaker {self.speaker(state.speaker)}" if state.speaker else "")


def _days(state: EventState) -> str:
    return f"{state.start[:10]}–{state.end[:10]}"


def notice_rows(changes: ChangeSet, names: _Names, problem: Problem) -> list[list[object]]:
    """One row per changed person-event, sorted by department, person, time."""
    emails = {s.id: s.email for s in problem.staff}
    rows = []
    for c in changes.people:
        before = names.where(c.before, c.role_before) if c.before else ""
        after = names.where(c.after, c.role_after) if c.after else ""
        rows.append([c.staff, names.person(c.staff), names.department_of(c.staff),
                     emails.get(c.staff, ""), names.what(c.state), c.change, before, after,
                     c.cause])
    rows.sort(key=lambda r: (str(r[2]), str(r[0]), str(r[6] or r[7]), str(r[4])))
    return rows


def _md(text: object) -> str:
    """A Markdown table cell or list text: pipes escaped, no line breaks."""
    return " ".join(str(text).split()).replace("|", "\\|")


def changes_markdown(changes: ChangeSet, names: _Names, rows: list[list[object]],
                     causes: list[str], *, version: int | None = None,
                     bounds: dict[str, int] | None = None) -> str:
    bounds = bounds or {}

    def bound(unit: str) -> str:
        return f" (lower bound {bounds[unit]})" if unit in bounds else ""

    title = f"# Changes since published version {version}" if version else "# Changes"
    out = [title, "",
           f"- Changed sessions: **{changes.changed_sessions}**{bound('sessions')} — time, room "
           "or speaker of a session; rotation blocks and placements changed, added or removed",
           f"- Changed person-events: **{changes.changed_person_events}**"
           f"{bound('person_events')} — entries appearing in, leaving or moving within one "
           f"person's calendar, for {len(changes.affected_people())} people", ""]
    out += ["## Input changes", ""]
    out += [f"- {_md(c)}" for c in causes] or ["- none found"]
    out += ["", "## Changed sessions", ""]
    if changes.items:
        out += ["| what | change | from | to | cause |", "|---|---|---|---|---|"]
        for c in changes.items:
            out.append("| " + " | ".join(_md(x) for x in (
                names.what(c.state), c.change + (f" ({', '.join(c.fields)})" if c.fields else ""),
                names.where(c.before) if c.before else "—",
                names.where(c.after) if c.after else "—", c.cause)) + " |")
    else:
        out.append("none")
    totals: dict[str, list[set[str] | int]] = defaultdict(lambda: [set(), 0])
    for r in rows:
        entry = totals[str(r[2]) or "—"]
        entry[0].add(str(r[0]))  # type: ignore[union-attr]
        entry[1] += 1  # type: ignore[operator]
    out += ["", "## Per department", ""]
    if totals:
        out += ["| department | people | person-events |", "|---|---:|---:|"]
        for dep in sorted(totals):
            people, events = totals[dep]
            out.append(f"| {_md(dep)} | {len(people)} | {events} |")  # type: ignore[arg-type]
    else:
        out.append("nobody's calendar changes")
    out += ["", "## Per person", ""]
    current = None
    for r in rows:
        pid, name, dep, _, what, change, before, after, cause = r
        if pid != current:
            current = pid
            out += [""] if out[-1] else []
            out += [f"### {_md(name)} ({_md(pid)}) — {_md(dep or '—')}", ""]
        if change == ADDED:
            moved = f"new: {after}"
        elif change == REMOVED:
            moved = f"no longer: {before}"
        else:
            moved = f"from {before} to {after}"
        out.append(f"- {_md(what)}: {_md(moved)} — why: {_md(cause)}")
    return "\n".join(out).rstrip() + "\n"


def write_change_notices(old_plan: Plan, old_inputs: Problem | None, problem: Problem,
                         new_plan: Plan, stage_dir: Path, *, version: int | None = None,
                         bounds: dict[str, int] | None = None) -> ChangeSummary:
    """Diff the published plan against the new one, explain every change, write
    ``changes.csv`` and ``changes.md`` into ``stage_dir``; return the counts.

    ``bounds`` (optional) maps ``sessions`` / ``person_events`` to a lower bound on each count,
    printed beside it."""
    changes = explain_causes(old_inputs, problem, diff_plans(old_plan, new_plan))
    names = _Names(problem, old_inputs)
    rows = notice_rows(changes, names, problem)
    causes = [c.text for c in input_changes(old_inputs, problem)] if old_inputs else \
        ["unknown: the published version has no inputs snapshot"]
    stage_dir = Path(stage_dir)
    write_bytes(stage_dir / CSV_FILE, _csv([CSV_HEADER, *rows]))
    write_bytes(stage_dir / MD_FILE, changes_markdown(changes, names, rows, causes,
                                                      version=version,
                                                      bounds=bounds).encode("utf-8"))
    by_dep: dict[str, tuple[set[str], int]] = {}
    for r in rows:
        people, events = by_dep.get(str(r[2]), (set(), 0))
        by_dep[str(r[2])] = (people | {str(r[0])}, events + 1)
    return ChangeSummary(changes.changed_sessions, changes.changed_person_events,
                         len(changes.affected_people()),
                         {k: (len(v[0]), v[1]) for k, v in sorted(by_dep.items())}, version)
