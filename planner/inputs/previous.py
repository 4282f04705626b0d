"""``previous_term`` in the plan settings: start this term's quotas from the last term's ledger.

The setting points at the previous term's plan — its outputs folder (``outputs/<name>``), its
``plan`` folder or its ``plan.json``; a relative path starts from the input folder (or the
workbook's folder). Every session of that plan dated before this term's horizon counts as
attended by its attendees (the ledger rules of :mod:`planner.ledger`, with the attendance records
kept in the previous term's inputs snapshot when the outputs folder has one) and becomes
``history`` rows: hours per person and category, credits per person and class. People no longer
in the staff table are left out.
"""

from __future__ import annotations

from pathlib import Path

from planner.domain import HistoryRow, Problem, Settings
from planner.errors import PlannerError, msg
from planner.inputs.issues import Issues
from planner.inputs.plandoc import PlanDoc
from planner.inputs.refs import Known
from planner.ledger import ledger
from planner.plan import Plan
from planner.snapshot import SNAPSHOT_FILE, load_snapshot

KEY = "previous_term"


def _locate(path: Path) -> tuple[Path, Path | None] | None:
    """(plan.json, inputs snapshot if any) for a path the office may have given."""
    if path.is_file():
        outputs = path.parent.parent if path.parent.name == "plan" else path.parent
        return path, outputs / SNAPSHOT_FILE
    for plan_file, outputs in ((path / "plan" / "plan.json", path),
                               (path / "plan.json", path.parent)):
        if plan_file.is_file():
            return plan_file, outputs / SNAPSHOT_FILE
    return None


def read_previous_term(doc: PlanDoc | None, base: Path | None, settings: Settings | None,
                       known: Known, issues: Issues) -> tuple[HistoryRow, ...]:
    value = doc.data.get(KEY) if doc is not None else None
    if doc is None or value is None or value == "":
        return ()
    where = (doc.label, doc.where((KEY,)), KEY)
    if not isinstance(value, str):
        issues.add(*where, None, msg("previous.path"))
        return ()
    path = Path(value).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    found = _locate(path)
    if found is None:
        what = "missing" if not path.exists() else "no_plan"
        issues.add(*where, value, msg(f"previous.path.{what}", path=str(path)))
        return ()
    plan_file, snapshot_file = found
    try:
        previous = Plan.from_json(plan_file.read_bytes())
    except (OSError, ValueError, KeyError, TypeError) as exc:
        issues.add(*where, value, msg("previous.not_a_plan", path=str(plan_file),
                                      error=f"{type(exc).__name__}: {exc}"))
        return ()
    inputs: Problem | None = None
    if snapshot_file is not None and snapshot_file.is_file():
        try:
            inputs = load_snapshot(snapshot_file.read_bytes(), str(snapshot_file))
        except PlannerError as exc:
            issues.add(*where, value, msg("previous.snapshot", error=str(exc)))
            return ()
    if settings is None:
        return ()
    if previous.horizon_start >= settings.horizon_start.isoformat():
        issues.add(*where, value, msg("previous.not_before",
                                      start=settings.horizon_start.isoformat(),
                                      path=str(plan_file), previous=previous.horizon_start))
        return ()
    audiences, hospital_run, records = None, None, ()
    if inputs is not None:
        audiences = {c.id: frozenset(s.id for s in inputs.audience(c.audience))
                     for c in inputs.courses}
        hospital_run = {c.id: c.hospital_run for c in inputs.courses}
        records = inputs.attendance_records
    done = ledger(previous, records, settings.horizon_start, audiences=audiences)
    note = f"previous term {previous.horizon_start}–{previous.horizon_end} ({plan_file.name})"
    staff = known.staff
    return tuple(r for r in done.history_rows(hospital_run, note)
                 if staff is None or r.staff_id in staff)
