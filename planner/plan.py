"""The solver-free plan and its files.

A :class:`Plan` is plain data: what the office publishes, what the checker re-verifies, what
calendars and reports are built from. It is written as ``plan.json`` (the machine-readable
contract, stable order) plus CSV views (UTF-8 with BOM so Chinese Excel opens them cleanly), all
into a temporary folder that replaces the old one in one step.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field, is_dataclass
from pathlib import Path

from planner.atomic import write_bytes

FORMAT = 1


@dataclass(frozen=True)
class PlannedSession:
    id: str  # "<course>#<part>.<run>": stable across re-plans of the same session
    course: str
    part: int
    run: int
    title: str
    topic: str
    category: str
    date: str
    slot: str
    start: str  # ISO 8601 with offset
    end: str
    room: str
    speaker: str  # staff id, or "ext:<name>"
    hours: float
    credits: float
    speaker_credits: float
    credit_class: str
    attendees: tuple[str, ...]


@dataclass(frozen=True)
class OffSiteAttendance:
    staff: str
    course: str
    part: int
    mode: str  # "recording" or "online"
    due: str = ""


@dataclass(frozen=True)
class Missed:
    staff: str
    course: str
    part: int
    reason: str
    detail: str = ""


@dataclass(frozen=True)
class RotationBlock:
    """A month block of a rotation programme (轮转); dates inclusive."""

    staff: str
    programme: str
    block: int  # the programme's block number (elective blocks: the chosen department's block)
    department: str
    start: str
    end: str
    exit_exam: str = ""  # the session id of its exit exam (出科考核), if any


@dataclass(frozen=True)
class Placement:
    """External study (进修) at a partner hospital; dates inclusive."""

    staff: str
    seat: str
    partner: str
    specialty: str
    start: str
    end: str
    teach_back: str = ""  # the session id of the teach-back lecture (回院汇报)
    credits: float = 0.0


@dataclass(frozen=True)
class QuotaRow:
    staff: str
    category: str  # a training category, or credits-total / credits-I / credits-II
    required: float
    history: float
    planned: float
    shortfall: float
    reason: str = ""


@dataclass
class Plan:
    name: str
    hospital: str
    timezone: str
    horizon_start: str
    horizon_end: str
    status: str
    objective: dict[str, float]
    sessions: list[PlannedSession] = field(default_factory=list)
    offsite: list[OffSiteAttendance] = field(default_factory=list)
    missed: list[Missed] = field(default_factory=list)
    quotas: list[QuotaRow] = field(default_factory=list)
    rotations: list[RotationBlock] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: For a warning of a rotation block or seat left unplanned: the changes to the inputs that
    #: were tried and would let it be planned, in the plan's language (warning → changes).
    relaxations: dict[str, list[str]] = field(default_factory=dict)
    #: A re-plan's freeze date (ISO): sessions before it were kept as held. ``planner check``
    #: uses it unless told otherwise; empty for a plan made from scratch.
    held_before: str = ""
    #: How far each phase got — ``months``, ``timetable``, ``attendance`` → OPTIMAL (proved),
    #: FEASIBLE (a solution; its gap from the objective and bound), CONSTRUCTIVE (the search
    #: found nothing better in its budget, the constructive plan is the answer), KEPT (a re-plan
    #: kept the published months), EMPTY (nothing to decide). ``status`` is OPTIMAL only when
    #: every phase is OPTIMAL or EMPTY.
    phases: dict[str, str] = field(default_factory=dict)

    def gap(self, phase: str) -> float | None:
        """The phase's relative gap between its objective and its proven bound (0 = proved
        best), where the phase records both."""
        objective, bound = self.objective.get(phase), self.objective.get(f"{phase}_bound")
        if objective is None or bound is None:
            return None
        return abs(objective - bound) / max(1.0, abs(objective))

    def to_json(self) -> bytes:
        """The plan as indented JSON, keys sorted. The rows (sessions, quotas, …) are turned
        into objects as the encoder meets them: ``dataclasses.asdict`` deep-copied every one
        first, which at 10,000 staff (half a million rows) cost more than the encoding."""
        data = {"format": FORMAT, **vars(self)}
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True,
                           default=_row_fields) + "\n").encode()

    @classmethod
    def from_json(cls, raw: bytes) -> "Plan":
        data = json.loads(raw)
        data.pop("format", None)
        data["sessions"] = [
            PlannedSession(**{**s, "attendees": tuple(s["attendees"])}) for s in data["sessions"]
        ]
        data["offsite"] = [OffSiteAttendance(**o) for o in data["offsite"]]
        data["missed"] = [Missed(**m) for m in data["missed"]]
        data["quotas"] = [QuotaRow(**q) for q in data["quotas"]]
        data["rotations"] = [RotationBlock(**r) for r in data.get("rotations", [])]
        data["placements"] = [Placement(**p) for p in data.get("placements", [])]
        return cls(**data)


def _row_fields(row: object) -> dict[str, object]:
    """A plan row (a flat dataclass) as the JSON object of its fields."""
    if is_dataclass(row) and not isinstance(row, type):
        return vars(row)
    raise TypeError(f"{type(row).__name__} is not a plan row")


def _csv(rows: list[list[object]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        w.writerow(["" if v is None else _safe_cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _safe_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def plan_files(plan: Plan, names: dict[str, tuple[str, str]]) -> dict[str, bytes]:
    """Every file of ``plan/``: ``names`` maps staff id → (name, department) for readability."""

    def who(pid: str) -> list[str]:
        n, d = names.get(pid, ("", ""))
        return [pid, n, d]

    sessions = [["session", "course", "part", "run", "title", "topic", "category", "date", "slot",
                 "start", "end", "room", "speaker", "hours", "credits", "credit_class",
                 "attendees"]]
    attendance = [["staff_id", "name", "department", "session", "course", "part", "date", "start",
                   "end", "room", "mode"]]
    for s in plan.sessions:
        sessions.append([s.id, s.course, s.part, s.run, s.title, s.topic, s.category, s.date,
                         s.slot, s.start, s.end, s.room, s.speaker, s.hours, s.credits,
                         s.credit_class, len(s.attendees)])
        for pid in s.attendees:
            attendance.append(who(pid) + [s.id, s.course, s.part, s.date, s.start, s.end, s.room,
                                          "live"])
    for o in plan.offsite:
        attendance.append(who(o.staff) + ["", o.course, o.part, o.due, "", "", "", o.mode])
    attendance[1:] = sorted(attendance[1:], key=lambda r: tuple(str(x) for x in r))
    quotas = [["staff_id", "name", "department", "category", "required", "history", "planned",
               "shortfall", "reason"]]
    for q in plan.quotas:
        quotas.append(who(q.staff) + [q.category, q.required, q.history, q.planned, q.shortfall,
                                      q.reason])
    missed = [["staff_id", "name", "department", "course", "part", "reason", "detail"]]
    for m in plan.missed:
        missed.append(who(m.staff) + [m.course, m.part, m.reason, m.detail])
    rotations = [["staff_id", "name", "department", "programme", "block", "rotation_department",
                  "start", "end", "exit_exam"]]
    for r in sorted(plan.rotations, key=lambda r: (r.staff, r.start, r.programme, r.block)):
        rotations.append(who(r.staff) + [r.programme, r.block, r.department, r.start, r.end,
                                         r.exit_exam])
    placements = [["staff_id", "name", "department", "seat", "partner", "specialty", "start",
                   "end", "teach_back", "credits"]]
    for p in sorted(plan.placements, key=lambda p: (p.staff, p.start, p.seat)):
        placements.append(who(p.staff) + [p.seat, p.partner, p.specialty, p.start, p.end,
                                          p.teach_back, p.credits])
    return {
        "plan.json": plan.to_json(),
        "sessions.csv": _csv(sessions),
        "attendance.csv": _csv(attendance),
        "quotas.csv": _csv(quotas),
        "missed.csv": _csv(missed),
        "rotations.csv": _csv(rotations),
        "placements.csv": _csv(placements),
    }


def read_plan(plan_dir: Path) -> Plan:
    return Plan.from_json((plan_dir / "plan.json").read_bytes())


def write_plan(plan: Plan, names: dict[str, tuple[str, str]], plan_dir: Path) -> None:
    for name, data in plan_files(plan, names).items():
        write_bytes(plan_dir / name, data)
