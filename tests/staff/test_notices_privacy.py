"""What a person reads after a re-plan (changes.csv, one row per person): what changed for them
and a cause they may read. A colleague's leave and its reason reach only that colleague and the
office (changes.md, changes-office.csv) — in Chinese and in English."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import pytest

from planner.changes import write_change_notices
from planner.changes.labels import LANGUAGES
from planner.domain import Unavailability
from planner.plan import Plan
from tests.calendars import builders

#: S001 王建国 teaches QY#1.1 and QY#1.2 (builders); the reason is theirs alone
SICK = Unavailability("staff", "S001", dt.date(2027, 3, 1), dt.date(2027, 3, 5), "病假（腰椎手术）")
REASON = "腰椎手术"
LEAVE_WORDS = {"zh": ("请假", "病假"), "en": ("on leave", "病假")}


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def cohort_move(plan: Plan, person: str, old: str, new: str) -> Plan:
    """``person`` moved from run ``old`` to run ``new`` of the same part."""
    sessions = []
    for s in plan.sessions:
        if s.id == old:
            s = replace(s, attendees=tuple(a for a in s.attendees if a != person))
        elif s.id == new:
            s = replace(s, attendees=(*s.attendees, person))
        sessions.append(s)
    return replace(plan, sessions=sessions)


def replan(tmp_path: Path, language: str) -> Path:
    """The speaker's sick leave moves QY#1.1 a week later; S003 moves from run 1 to run 2."""
    old_inputs = builders.problem(language)
    new_inputs = replace(old_inputs, unavailability=(SICK,))
    old = builders.plan()
    new = cohort_move(builders.moved(old, "QY#1.1", dt.date(2027, 3, 9), room="R2"), "S003",
                      "QY#1.1", "QY#1.2")
    write_change_notices(old, old_inputs, new_inputs, new, tmp_path, version=2)
    return tmp_path


@pytest.fixture(scope="module", params=LANGUAGES)
def notices(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    language = request.param
    return language, replan(tmp_path_factory.mktemp(f"notices-{language}"), language)


def test_no_notice_shows_another_persons_leave_or_its_reason(notices) -> None:
    language, out = notices
    table = rows(out / "changes.csv")
    assert {r["staff_id"] for r in table} == {"S001", "S002", "S003", "S004"}
    for row in table:
        text = " ".join(row.values())
        if row["staff_id"] == "S001":  # their own leave, named to them
            assert REASON in row["notice"] and LEAVE_WORDS[language][0] in row["notice"]
        else:
            assert REASON not in text
            assert not any(word in text for word in LEAVE_WORDS[language]), text
    # the office keeps the full cause
    assert REASON in (out / "changes.md").read_text("utf-8")
    office = rows(out / "changes-office.csv")
    assert all(REASON in r["cause"] for r in office if r["staff_id"] != "S003")


@pytest.mark.parametrize(("language", "neutral"), [("zh", "原因：时间调整、教室调整"),
                                                   ("en", "why: time changed, room changed")])
def test_attendees_read_a_neutral_cause(tmp_path: Path, language: str, neutral: str) -> None:
    table = {r["staff_id"]: r for r in rows(replan(tmp_path, language) / "changes.csv")}
    assert table["S002"]["changes"].endswith(neutral)
    assert table["S004"]["changes"].endswith(neutral)


@pytest.mark.parametrize(("language", "line"), [
    ("zh", "全院业务学习 — 急性胸痛的规范化诊治：第1期 → 第2期："
           "由 2027-03-02 16:30–18:00 学术报告厅，主讲：王建国 "
           "调整为 2027-03-04 16:30–18:00 示教室，主讲：王建国；原因：时间调整"),
    ("en", "全院业务学习 — 急性胸痛的规范化诊治: run 1 → run 2: "
           "from 2027-03-02 16:30–18:00 学术报告厅, speaker 王建国 "
           "to 2027-03-04 16:30–18:00 示教室, speaker 王建国 — why: time changed"),
])
def test_a_cohort_move_is_one_line_of_one_row(tmp_path: Path, language: str, line: str) -> None:
    out = replan(tmp_path, language)
    table = rows(out / "changes.csv")
    assert [r["staff_id"] for r in table] == ["S001", "S002", "S003", "S004"]  # one row each
    s003 = next(r for r in table if r["staff_id"] == "S003")
    assert s003["items"] == "1" and s003["changes"] == line
    assert f"1. {line}\n" in s003["notice"]
    # the office still sees the two person-events
    assert [r["staff_id"] for r in rows(out / "changes-office.csv")].count("S003") == 2


@pytest.mark.parametrize(("language", "subject", "greeting"), [
    ("zh", "【示例医院】培训安排变动通知（1 项）", "王建国，您好：\n"),
    ("en", "示例医院: changes to your training schedule (1)", "Dear 王建国,\n"),
])
def test_one_row_per_person_with_a_subject_and_a_whole_message(
        tmp_path: Path, language: str, subject: str, greeting: str) -> None:
    table = rows(replan(tmp_path, language) / "changes.csv")
    assert list(table[0]) == ["staff_id", "name", "department", "email", "items", "subject",
                              "changes", "notice"]
    first = table[0]
    assert (first["staff_id"], first["email"], first["subject"]) == \
        ("S001", "s001@example.cn", subject)
    assert first["notice"].startswith(greeting)
    # no session ids in what a person reads
    assert not any("QY#" in r["notice"] for r in table)


def test_both_languages_list_the_same_people_and_items(tmp_path: Path) -> None:
    zh = rows(replan(tmp_path / "zh", "zh") / "changes.csv")
    en = rows(replan(tmp_path / "en", "en") / "changes.csv")
    same = ("staff_id", "name", "department", "email", "items")
    assert [[r[k] for k in same] for r in zh] == [[r[k] for k in same] for r in en]
