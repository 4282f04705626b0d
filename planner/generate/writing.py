"""Writing a hospital: its tables as CSV text (UTF-8 with BOM), plan.yaml in the documented
style, and the folder replaced atomically."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from planner.domain import default_credit_settings
from planner.generate.courses import COURSE_COLUMNS
from planner.generate.dates import holiday_rows

if TYPE_CHECKING:
    from planner.generate.hospital import Hospital


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A CSV table as text: UTF-8 with BOM (Chinese Excel opens it cleanly), ``\\n`` line ends."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else _cell(v) for v in row])
    return "\ufeff" + buf.getvalue()


def _cell(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def plan_yaml(plan: dict[str, Any], comment: str = "") -> str:
    """plan.yaml in the documented style: block mappings, one flow mapping per list item."""
    head = "".join(f"# {line}\n" for line in comment.splitlines())
    parts = []
    for key, value in plan.items():
        flow = None if isinstance(value, (dict, list)) else False
        text = yaml.safe_dump(
            {key: value}, allow_unicode=True, sort_keys=False, default_flow_style=flow, width=200
        )
        if max(len(line) for line in text.splitlines()) > 120:  # too wide to read: one key per line
            text = yaml.safe_dump(
                {key: value}, allow_unicode=True, sort_keys=False, default_flow_style=False
            )
        parts.append(text)
    return head + "".join(parts)


def write_atomically(out_dir: Path, files: dict[str, str]) -> None:
    """Write every file into a temporary sibling folder, then swap it in: a failed run leaves
    the previous folder untouched and nobody ever reads a half-written hospital."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for name, text in sorted(files.items()):
            (tmp / name).write_text(text, encoding="utf-8", newline="")
        old = None
        if out_dir.exists():
            old = out_dir.parent / f"{tmp.name}.old"
            os.replace(out_dir, old)
        os.replace(tmp, out_dir)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def tables(h: Hospital, prog: list[tuple[Any, ...]], blocks: list[tuple[Any, ...]],
           seats: list[tuple[Any, ...]], history: list[tuple[Any, ...]],
           leave: list[tuple[Any, ...]]) -> dict[str, str]:
    """Every file of the hospital, by name, as text."""
    out: dict[str, str] = {}
    out["plan.yaml"] = plan_yaml(
        settings(h),
        f"合成数据（generate: staff={h.n_staff}, departments="
        f"{h.n_depts}, rooms={h.n_rooms}, months={h.months}）",
    )
    out["staff.csv"] = csv_text(
        (
            "id",
            "name",
            "department",
            "role",
            "title",
            "birth_date",
            "email",
            "specialty",
            "employed_since",
        ),
        [
            (
                p.id,
                p.name,
                p.department,
                p.role,
                p.title,
                p.birth_date,
                p.email,
                p.specialty,
                p.employed_since,
            )
            for p in h.people
        ],
    )
    out["departments.csv"] = csv_text(
        ("id", "name", "min_on_duty", "rotator_capacity"),
        [
            (d.id, d.name, f"{round(d.min_share * 100)}%", d.rotator_capacity)
            for d in h.depts
        ],
    )
    out["rooms.csv"] = csv_text(("id", "name", "capacity", "features"), h.room_rows)
    out["courses.csv"] = csv_text(
        COURSE_COLUMNS, [[c[k] for k in COURSE_COLUMNS] for c in h.courses]
    )
    out["topics.csv"] = csv_text(("course", "session", "topic", "speaker", "date"), h.topics)
    if prog:
        out["programmes.csv"] = csv_text(
            ("id", "name", "order", "participants", "start", "end", "exit_exam", "exam_hours"),
            prog,
        )
        out["programme_blocks.csv"] = csv_text(
            (
                "programme",
                "block",
                "departments",
                "choose",
                "min_months",
                "max_months",
                "after",
                "preference",
            ),
            blocks,
        )
    if seats:
        out["external_seats.csv"] = csv_text(
            (
                "id",
                "partner",
                "specialty",
                "start_earliest",
                "start_latest",
                "months",
                "seats",
                "candidates",
                "teach_back_weeks",
                "department_priority",
                "min_years",
                "max_away_per_specialty",
            ),
            seats,
        )
    out["unavailability.csv"] = csv_text(("kind", "id", "from", "to", "reason"), leave)
    hol = holiday_rows(range(h.start.year, h.end.year + 1))
    if hol:
        out["holidays.csv"] = csv_text(("date", "kind", "name"), hol)
    out["history.csv"] = csv_text(
        ("staff_id", "kind", "category", "amount", "programme", "hospital_run", "note"), history
    )
    out["pins.csv"] = csv_text(
        ("course", "session", "run", "date", "slot", "room", "speaker"),
        [("QY-XX", 1, 1, "", "", "R01", h.topics[0][3])],
    )
    return out


def settings(h: Hospital) -> dict[str, Any]:
    """plan.yaml's content: horizon, slots, quotas, credits, rates, hospital rules, solver."""
    clinical = "role=doctor,nurse,technician,pharmacist"
    return {
        "hospital": h.hospital,
        "timezone": "Asia/Shanghai",
        "language": "zh",
        "horizon": {"start": h.start, "end": h.end},
        "slots": h.slots,
        "quotas": [
            {
                "who": "everyone",
                "category": "ethics",
                "min_hours": h.quota_hours["ethics"],
                "online_share_max": 0.5,
            },
            {
                "who": clinical,
                "category": "infection",
                "min_hours": h.quota_hours["infection"],
                "online_share_max": 0.5,
            },
        ],
        **default_credit_settings(f"{clinical}; title>=junior"),
        "rules": [
            {
                "kind": "min-per-month",
                "category": "lecture",
                "minimum": 1,
                "description": "每月至少一次全院业务学习",
            },
            {
                "kind": "min-per-year",
                "category": "skills",
                "minimum": 5 if h.months >= 6 else 2,
                "description": "专业技术培训每年不少于5次",
            },
        ],
        "solver": {"time_limit": 60 if h.n_staff <= 500 else 300, "seed": 1, "workers": 2},
    }