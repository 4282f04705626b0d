"""changes.csv (mail-merge, BOM, injection-safe) and changes.md (per person, per department)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

from planner.changes import write_change_notices
from planner.domain import Unavailability

from tests.calendars import builders

LEAVE = Unavailability("staff", "S001", dt.date(2027, 3, 1), dt.date(2027, 3, 5), "病假")


def scenario(tmp_path: Path, person: str = "王建国"):  # noqa: ANN201
    old_inputs = builders.problem(person=person)
    new_inputs = replace(old_inputs, unavailability=(LEAVE,))
    old = builders.plan()
    new = builders.moved(old, "QY#1.1", dt.date(2027, 3, 9), room="R2")
    summary = write_change_notices(old, old_inputs, new_inputs, new, tmp_path, version=3)
    return summary, tmp_path / "changes.csv", tmp_path / "changes.md"


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_csv_has_a_bom_one_row_per_person_event_and_each_persons_email(tmp_path: Path) -> None:
    summary, path, _ = scenario(tmp_path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    table = rows(path)
    assert list(table[0]) == ["staff_id", "name", "department", "email", "what", "change",
                              "from", "to", "cause"]
    assert [r["staff_id"] for r in table] == ["S001", "S002", "S003", "S004"]
    first = table[0]
    assert first["name"] == "王建国" and first["department"] == "内科"
    assert first["email"] == "s001@example.cn"
    assert first["what"] == "全院业务学习 — 急性胸痛的规范化诊治 (QY#1.1)"
    assert first["change"] == "moved"
    assert first["from"] == "2027-03-02 16:30–18:00 学术报告厅 (you teach)"
    assert first["to"] == "2027-03-09 16:30–18:00 示教室 (you teach)"
    assert first["cause"] == "王建国 on leave 2027-03-01–2027-03-05 (病假)"
    assert table[1]["from"] == "2027-03-02 16:30–18:00 学术报告厅, speaker 王建国"
    assert table[1]["cause"] == "speaker 王建国 on leave 2027-03-01–2027-03-05 (病假)"
    assert (summary.changed_sessions, summary.changed_person_events, summary.people) == (1, 4, 4)
    assert summary.by_department == {"内科": (3, 3), "外科": (1, 1)}


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path: Path) -> None:
    _, path, _ = scenario(tmp_path, person="=cmd|' /C calc'!A0")
    table = rows(path)
    assert table[1]["email"] == "'=HYPERLINK(\"http://evil\")"  # S002's address in builders
    assert table[0]["name"] == "'=cmd|' /C calc'!A0"
    assert all(not v.startswith(("=", "+", "-", "@")) for r in table for v in r.values())


def test_markdown_names_each_person_what_moved_from_and_to_and_why(tmp_path: Path) -> None:
    _, _, path = scenario(tmp_path, person="王|建国")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Changes since published version 3\n")
    assert "- Changed sessions: **1**" in text
    assert "- Changed person-events: **4**" in text and "for 4 people" in text
    assert "- 王\\|建国 on leave 2027-03-01–2027-03-05 (病假)" in text  # the input change
    assert "### 李娜 (S002) — 内科" in text
    assert ("- 全院业务学习 — 急性胸痛的规范化诊治 (QY#1.1): "
            "from 2027-03-02 16:30–18:00 学术报告厅, speaker 王\\|建国 "
            "to 2027-03-09 16:30–18:00 示教室, speaker 王\\|建国 "
            "— why: speaker 王\\|建国 on leave 2027-03-01–2027-03-05 (病假)") in text
    assert "| 内科 | 3 | 3 |" in text and "| 外科 | 1 | 1 |" in text
    assert "| 全院业务学习 — 急性胸痛的规范化诊治 (QY#1.1) | moved (time, room) |" \
        in text


def test_notices_are_deterministic_and_empty_when_nothing_changed(tmp_path: Path) -> None:
    inputs = builders.problem()
    summary = write_change_notices(builders.plan(), inputs, inputs, builders.plan(),
                                   tmp_path / "a")
    write_change_notices(builders.plan(), inputs, inputs, builders.plan(), tmp_path / "b")
    for name in ("changes.csv", "changes.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (summary.changed_sessions, summary.changed_person_events) == (0, 0)
    assert len(rows(tmp_path / "a" / "changes.csv")) == 0
    assert "nobody's calendar changes" in (tmp_path / "a" / "changes.md").read_text("utf-8")


def test_added_and_removed_entries_read_naturally(tmp_path: Path) -> None:
    inputs = builders.problem()
    old = builders.plan()
    new = replace(old, placements=[])
    write_change_notices(old, inputs, inputs, new, tmp_path)
    table = rows(tmp_path / "changes.csv")
    assert [(r["staff_id"], r["change"], r["from"], r["to"]) for r in table] == [
        ("S004", "removed", "2027-05-01–2027-07-31 省人民医院 心血管内科", "")]
    assert "no longer: 2027-05-01–2027-07-31" in (tmp_path / "changes.md").read_text("utf-8")
