"""Names as references (issue 14): a department, room or person may be named by name where a
table asks for an id; a name standing for several people is an error listing them; an unknown
reference says what was probably meant, in the plan's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import base_rows, issues_of, write_inputs

from planner.inputs import load_problem

ZHANG_NK = {"id": "S005", "name": "张伟", "department": "内科", "role": "doctor",
            "title": "住院医师", "birth_date": "", "age": "28", "email": ""}


def test_names_stand_for_ids_in_every_reference_column(tmp_path: Path) -> None:
    staff = base_rows("staff")
    staff[0]["department"] = "内科"  # NK by name
    staff[2]["department"] = "外 科"  # spacing does not matter
    courses = base_rows("courses")
    courses[1]["speakers"] = "陈静；赵敏"  # names, full-width semicolon
    courses[0]["audience"] = "科室=内科，急诊科；职称>=中级"  # a who filter with names
    topics = base_rows("topics")
    topics[0]["speaker"] = "王建国"
    pins = [{"course": "QY-XX", "session": 1, "run": 1, "date": "", "slot": "", "room": "学术报告厅",
             "speaker": ""}]
    leave = [{"kind": "人员", "id": "刘洋", "from": "2027-05-10", "to": "2027-05-20", "reason": "病假"},
             {"kind": "room", "id": "技能培训中心", "from": "2027-07-01", "to": "2027-07-31",
              "reason": "装修"}]
    problem = load_problem(write_inputs(tmp_path / "h", {
        "staff": staff, "courses": courses, "topics": topics, "pins": pins,
        "unavailability": leave}, plan={"quotas": [
            {"who": "科室=外科", "category": "ethics", "min_hours": 6},
            {"who": "内科、急诊科", "category": "ethics", "min_hours": 6},
            {"who": "王建国，李娜", "category": "ethics", "min_hours": 6}]}))
    by_id = {p.id: p for p in problem.staff}
    assert by_id["S001"].department == "NK" and by_id["S003"].department == "WK"
    cpr = next(c for c in problem.courses if c.id == "CPR")
    assert cpr.speakers is not None and cpr.speakers.ids == {"S010", "S011"}
    lecture = next(c for c in problem.courses if c.id == "QY-XX")
    assert lecture.audience.departments == {"NK", "JZ"}
    assert problem.topics[0].speaker == "S001" and problem.pins[0].room == "R1"
    assert [(u.kind, u.id) for u in problem.unavailability] == [("staff", "S004"), ("room", "R3")]
    assert [q.who.departments for q in problem.settings.quotas] == [{"WK"}, {"NK", "JZ"}, None]
    assert problem.settings.quotas[2].who.ids == {"S001", "S002"}


def test_a_name_with_its_department_tells_two_people_apart(tmp_path: Path) -> None:
    topics = base_rows("topics")
    topics[0]["speaker"] = "张伟（外科）"
    topics[1]["speaker"] = "张伟(NK)"
    problem = load_problem(write_inputs(tmp_path / "h", {
        "staff": base_rows("staff") + [ZHANG_NK], "topics": topics}))
    assert [t.speaker for t in problem.topics] == ["S003", "S005"]


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", "topics.csv，第 2 行，“speaker”列：填的是“张伟”——“张伟”有 2 位同名人员：张伟（S003，外科）、"
           "张伟（S005，内科），无法确定是哪一位。请改填工号（如 S003），或在姓名后注明科室，如“张伟（外科）”。"),
    ("en", "topics.csv, row 2, column 'speaker': got '张伟' — expected one person, but 2 staff are "
           "called '张伟': 张伟 (S003, 外科), 张伟 (S005, 内科). Write the staff id instead (such as "
           "S003), or the name with the department in brackets, such as 张伟(外科)."),
])
def test_an_ambiguous_name_lists_every_candidate(tmp_path: Path, lang: str, expected: str) -> None:
    topics = base_rows("topics")
    topics[0]["speaker"] = "张伟"
    folder = write_inputs(tmp_path / "h", {"staff": base_rows("staff") + [ZHANG_NK],
                                           "topics": topics}, plan={"language": lang})
    (issue,) = issues_of(folder)
    assert issue.render(lang) == expected


def test_an_ambiguous_name_in_a_list_or_filter_is_reported_once(tmp_path: Path) -> None:
    courses = base_rows("courses")
    courses[1]["speakers"] = "陈静,张伟"
    courses[0]["audience"] = "id=张伟"
    issues = issues_of(write_inputs(tmp_path / "h", {"staff": base_rows("staff") + [ZHANG_NK],
                                                     "courses": courses}))
    assert [(i.row, i.column) for i in issues] == [(2, "audience"), (3, "speakers")]
    assert all("2 staff are called '张伟'" in i.expected for i in issues)


@pytest.mark.parametrize(("table", "column", "value", "zh", "en"), [
    ("staff", "department", "内一科", "应为科室表中已有的科室（编号或名称）。是否是：内科（NK）？已有：",
     "expected a known department id or name. Did you mean 内科 (NK)? Known: 急诊科 (JZ), "
     "内科 (NK), 外科 (WK)"),
    ("topics", "speaker", "王建", "是否是：王建国（S001，内科）？",
     "Did you mean 王建国 (S001, 内科)?"),
    ("courses", "speakers", "陈静，张伟（外科", "找不到：张伟（外科）。是否是：张伟（S003，外科）",
     "(unknown: 张伟（外科). Did you mean 张伟 (S003, 外科)"),
    ("courses", "audience", "dept=外课", "对象中有科室表中没有的科室：外课。是否是：外科（WK）？",
     "a who filter naming known department ids (unknown: 外课). Did you mean 外科 (WK)?"),
])
def test_an_unknown_reference_says_what_was_meant(tmp_path: Path, table: str, column: str,
                                                  value: str, zh: str, en: str) -> None:
    rows = base_rows(table)
    rows[1 if table == "courses" else 0][column] = value
    (issue,) = issues_of(write_inputs(tmp_path / "h", {table: rows}))
    assert zh in issue.render("zh") and en in issue.render("en"), issue.render("zh")


def test_ids_win_over_names_and_quota_filters_say_what_was_meant(tmp_path: Path) -> None:
    departments = base_rows("departments") + [
        {"id": "ICU", "name": "NK", "min_on_duty": "0", "rotator_capacity": 0}]
    problem = load_problem(write_inputs(tmp_path / "h", {"departments": departments}))
    assert {p.department for p in problem.staff if p.id == "S001"} == {"NK"}
    (issue,) = issues_of(write_inputs(tmp_path / "bad", plan={"quotas": [
        {"who": "dept=急症科", "category": "ethics", "min_hours": 6}]}))
    assert issue.file == "plan.yaml" and issue.column == "quotas[0].who"
    assert "是否是：急诊科（JZ）？" in issue.render("zh")
