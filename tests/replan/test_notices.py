"""changes-office.csv (BOM, injection-safe) and changes.md (per person, per department), in
the plan's language: Chinese by default, English on request; the CSV's column names stay English."""

from __future__ import annotations

import csv
import datetime as dt
import io
import string
from dataclasses import replace
from pathlib import Path

import pytest

from planner.changes import write_change_notices
from planner.changes.labels import LANGUAGES, TEXT, labels_for
from planner.domain import Unavailability

from tests.calendars import builders

LEAVE = Unavailability("staff", "S001", dt.date(2027, 3, 1), dt.date(2027, 3, 5), "病假")


def scenario(tmp_path: Path, person: str = "王建国", language: str = "en"):  # noqa: ANN201
    old_inputs = builders.problem(language, person=person)
    new_inputs = replace(old_inputs, unavailability=(LEAVE,))
    old = builders.plan()
    new = builders.moved(old, "QY#1.1", dt.date(2027, 3, 9), room="R2")
    summary = write_change_notices(old, old_inputs, new_inputs, new, tmp_path, version=3)
    return summary, tmp_path / "changes-office.csv", tmp_path / "changes.md"


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


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("person", ["=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3",
                                    "@SUM(A1)"])
def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path: Path, language: str,
                                                           person: str) -> None:
    # the name leads the cause in Chinese ("=… 2027-03-01 至 2027-03-05 请假（病假）") and in
    # English ("=… on leave …") for the speaker's own row
    _, path, _ = scenario(tmp_path, person=person, language=language)
    table = rows(path)
    assert table[1]["email"] == "'=HYPERLINK(\"http://evil\")"  # S002's address in builders
    assert table[0]["name"] == f"'{person}"
    assert table[0]["cause"].startswith(f"'{person} ")
    assert all(not v.startswith(("=", "+", "-", "@")) for r in table for v in r.values())


@pytest.mark.parametrize("language", LANGUAGES)
def test_line_breaks_in_names_break_neither_a_csv_row_nor_a_markdown_line(
        tmp_path: Path, language: str) -> None:
    _, csv_path, md_path = scenario(tmp_path, person="王\r\n| x | y |\n建国", language=language)
    raw = csv_path.read_bytes().decode("utf-8-sig")
    table = rows(csv_path)
    assert len(table) == 4 and table[0]["name"] == "王\r\n| x | y |\n建国"  # quoted, one row
    assert all(len(r) == 9 and None not in r for r in table)
    assert raw.count("\r\n") - raw.count("王\r\n") == 5  # header + 4 rows
    text = md_path.read_text(encoding="utf-8")
    assert "\r" not in text and "王\n" not in text
    # the name is one cell of a table row, or one list line, with its pipes escaped
    lines = [line for line in text.split("\n") if "建国" in line]
    assert lines and all("王 \\| x \\| y \\| 建国" in line for line in lines)
    assert all(line.count(" | ") == 4 for line in lines if line.startswith("| "))


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


@pytest.mark.parametrize(("language", "nobody"), [("zh", "无人日程变动"),
                                                  ("en", "nobody's calendar changes")])
def test_notices_are_deterministic_and_empty_when_nothing_changed(tmp_path: Path, language: str,
                                                                  nobody: str) -> None:
    inputs = builders.problem(language)
    summary = write_change_notices(builders.plan(), inputs, inputs, builders.plan(),
                                   tmp_path / "a")
    write_change_notices(builders.plan(), inputs, inputs, builders.plan(), tmp_path / "b")
    for name in ("changes.csv", "changes-office.csv", "changes.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (summary.changed_sessions, summary.changed_person_events) == (0, 0)
    assert len(rows(tmp_path / "a" / "changes-office.csv")) == 0
    assert nobody in (tmp_path / "a" / "changes.md").read_text("utf-8")


@pytest.mark.parametrize(("language", "removed", "days", "no_longer"), [
    ("zh", "取消", "2027-05-01 至 2027-07-31", "不再安排：2027-05-01 至 2027-07-31"),
    ("en", "removed", "2027-05-01–2027-07-31", "no longer: 2027-05-01–2027-07-31"),
])
def test_added_and_removed_entries_read_naturally(tmp_path: Path, language: str, removed: str,
                                                  days: str, no_longer: str) -> None:
    inputs = builders.problem(language)
    old = builders.plan()
    new = replace(old, placements=[])
    write_change_notices(old, inputs, inputs, new, tmp_path)
    table = rows(tmp_path / "changes-office.csv")
    assert [(r["staff_id"], r["change"], r["from"], r["to"]) for r in table] == [
        ("S004", removed, f"{days} 省人民医院 心血管内科", "")]
    assert no_longer in (tmp_path / "changes.md").read_text("utf-8")
    # and back: the placement appears again
    write_change_notices(new, inputs, inputs, old, tmp_path)
    table = rows(tmp_path / "changes-office.csv")
    added = labels_for(language).change("added")
    assert [(r["change"], r["from"], r["to"]) for r in table] == [
        (added, "", f"{days} 省人民医院 心血管内科")]
    assert labels_for(language)("md.added", after=days) in \
        (tmp_path / "changes.md").read_text("utf-8")


# --- Chinese, the plan's language by default -----------------------------------------------------

def test_every_label_has_both_languages_with_the_same_fields() -> None:
    """Like the summary's and the calendars' labels: a key missing a language fails here, and so
    does a translation that drops or invents a ``{field}``."""
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert LANGUAGES == ("zh", "en")
    missing = [k for k, texts in TEXT.items() if len(texts) != 2 or not all(texts)]
    assert missing == []
    differ = [k for k, (zh, en) in TEXT.items() if fields(zh) != fields(en)]
    assert differ == []
    # the Chinese is Chinese: no English words left in it (field names aside)
    english = [k for k, (zh, _) in TEXT.items()
               if any("a" <= ch.lower() <= "z" for ch in string.Formatter().vformat(
                   zh, (), {f: "" for f in fields(zh)}))]
    assert english == []


def test_the_plans_language_decides_and_anything_else_is_chinese(tmp_path: Path) -> None:
    inputs = builders.problem("en")
    old, new = builders.plan(), replace(builders.plan(), placements=[])
    write_change_notices(old, inputs, inputs, new, tmp_path / "en")
    write_change_notices(old, inputs, inputs, new, tmp_path / "zh", language="zh")
    write_change_notices(old, inputs, inputs, new, tmp_path / "fr", language="fr")
    assert (tmp_path / "en" / "changes.md").read_text("utf-8").startswith("# Changes\n")
    assert (tmp_path / "zh" / "changes.md").read_text("utf-8").startswith("# 变更说明\n")
    for name in ("changes.md", "changes.csv", "changes-office.csv"):
        assert (tmp_path / "fr" / name).read_bytes() == (tmp_path / "zh" / name).read_bytes()


def test_the_same_change_in_chinese_and_in_english(tmp_path: Path) -> None:
    """One re-plan, both languages: the same rows in the same order, the same people, names and
    e-mails, the same column names; only the words differ."""
    zh_summary, zh_path, _ = scenario(tmp_path / "zh", language="zh")
    en_summary, en_path, _ = scenario(tmp_path / "en", language="en")
    assert zh_summary == en_summary
    zh, en = rows(zh_path), rows(en_path)
    assert list(zh[0]) == list(en[0]) == ["staff_id", "name", "department", "email", "what",
                                          "change", "from", "to", "cause"]
    same = ("staff_id", "name", "department", "email")
    assert [[r[k] for k in same] for r in zh] == [[r[k] for k in same] for r in en]
    first = zh[0]
    assert first["what"] == "全院业务学习 — 急性胸痛的规范化诊治（QY#1.1）"
    assert first["change"] == "调整"
    assert first["from"] == "2027-03-02 16:30–18:00 学术报告厅（您主讲）"
    assert first["to"] == "2027-03-09 16:30–18:00 示教室（您主讲）"
    assert first["cause"] == "王建国 2027-03-01 至 2027-03-05 请假（病假）"
    assert zh[1]["from"] == "2027-03-02 16:30–18:00 学术报告厅，主讲：王建国"
    assert zh[1]["cause"] == "主讲人王建国 2027-03-01 至 2027-03-05 请假（病假）"
    assert en[1]["cause"] == "speaker 王建国 on leave 2027-03-01–2027-03-05 (病假)"


def test_markdown_in_chinese(tmp_path: Path) -> None:
    inputs = builders.problem(person="王|建国")
    new_inputs = replace(inputs, unavailability=(LEAVE,))
    old = builders.plan()
    new = builders.moved(old, "QY#1.1", dt.date(2027, 3, 9), room="R2")
    write_change_notices(old, inputs, new_inputs, new, tmp_path, version=3,
                         bounds={"sessions": 1, "person_events": 4})
    text = (tmp_path / "changes.md").read_text(encoding="utf-8")
    assert text.startswith("# 变更说明（对照已发布的第 3 版）\n")
    assert "- 变更场次：**1**（下限 1）——讲座的时间、地点或主讲人有变动的场次" in text
    assert "- 变更人次：**4**（下限 4）——个人日程中新增、取消或调整的条目，涉及 4 人" in text
    assert "## 输入变动\n\n- 王\\|建国 2027-03-01 至 2027-03-05 请假（病假）\n" in text
    assert "## 变更场次\n\n| 事项 | 变更 | 原安排 | 新安排 | 原因 |\n" in text
    assert ("| 全院业务学习 — 急性胸痛的规范化诊治（QY#1.1） | 调整（时间、地点） | "
            "2027-03-02 16:30–18:00 学术报告厅，主讲：王\\|建国 | "
            "2027-03-09 16:30–18:00 示教室，主讲：王\\|建国 | "
            "主讲人王\\|建国 2027-03-01 至 2027-03-05 请假（病假） |") in text
    assert "## 各科室汇总\n\n| 科室 | 人数 | 变更人次 |\n" in text
    assert "| 内科 | 3 | 3 |" in text and "| 外科 | 1 | 1 |" in text
    assert "## 个人明细" in text and "### 李娜（S002）— 内科" in text
    assert ("- 全院业务学习 — 急性胸痛的规范化诊治（QY#1.1）："
            "由 2027-03-02 16:30–18:00 学术报告厅，主讲：王\\|建国 "
            "调整为 2027-03-09 16:30–18:00 示教室，主讲：王\\|建国；"
            "原因：主讲人王\\|建国 2027-03-01 至 2027-03-05 请假（病假）") in text
    assert "### 王\\|建国（S001）— 内科\n\n- 全院业务学习 — 急性胸痛的规范化诊治（QY#1.1）：" \
        "由 2027-03-02 16:30–18:00 学术报告厅（您主讲） 调整为 2027-03-09 16:30–18:00 " \
        "示教室（您主讲）；原因：王\\|建国 2027-03-01 至 2027-03-05 请假（病假）" in text
    # no English left outside what the office typed
    assert not any(word in text for word in ("Changes", "moved", "speaker", "why", "lower bound"))


def test_without_a_snapshot_the_notices_say_so_in_chinese(tmp_path: Path) -> None:
    old = builders.plan()
    write_change_notices(old, None, builders.problem(), builders.moved(old, "QY#1.2",
                                                                       dt.date(2027, 3, 11)),
                         tmp_path)
    text = (tmp_path / "changes.md").read_text("utf-8")
    assert "## 输入变动\n\n- 不明：已发布版本未保存输入快照\n" in text
    assert {r["cause"] for r in rows(tmp_path / "changes-office.csv")} == {
        "原因不明（已发布版本未保存输入快照）"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_markup_in_names_and_reasons_is_shown_as_written(tmp_path: Path, language: str) -> None:
    """Item 12 of issue 19: ``<script>`` in names and leave reasons reached changes.md raw (57
    times in the outside test), while summary.md escaped the same text."""
    old_inputs = builders.problem(language, person="<script>alert(1)</script>")
    leave = replace(LEAVE, reason="<img src=x onerror=alert(2)> & more")
    new_inputs = replace(old_inputs, unavailability=(leave,))
    old = builders.plan()
    new = builders.moved(old, "QY#1.1", dt.date(2027, 3, 9), room="R2")
    write_change_notices(old, old_inputs, new_inputs, new, tmp_path, version=3)
    text = (tmp_path / "changes.md").read_text(encoding="utf-8")
    assert "<" not in text and ">" not in text.replace("> ", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(2)&gt; &amp; more" in text
    # the CSV keeps the text as typed: it is data for a mail-merge, not markup
    assert rows(tmp_path / "changes-office.csv")[0]["name"] == "<script>alert(1)</script>"
