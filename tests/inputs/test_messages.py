"""What ``planner validate`` says, in both languages, about inputs that cannot work out (issue
14): a course longer than every slot (an error), a quota no course can serve or fill (a
warning), a year with no known holidays (an error naming both ways out), settings sheets and
full-width lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import base_rows, issues_of, write_inputs

from planner.errors import CalendarError
from planner.inputs import load_problem
from planner.inputs.advice import input_warnings


def test_a_course_longer_than_every_slot_is_an_error_with_the_fix(tmp_path: Path) -> None:
    courses = base_rows("courses")
    courses[0]["hours"] = "2"
    (issue,) = issues_of(write_inputs(tmp_path / "h", {"courses": courses}))
    assert issue.render("zh") == (
        "courses.csv，第 2 行，“hours”列：填的是“2”——课程 QY-XX 每次不能超过 1.5 学时：每次课须排进一个"
        "时段（最长的时段）。请缩短学时，或在时段表中增加一个更长的时段。")
    assert issue.render("en") == (
        "courses.csv, row 2, column 'hours': got '2' — expected at most 1.5 hours for course QY-XX: "
        "a session must fit in one slot (the longest slot). Shorten the course, or add a longer "
        "slot.")


@pytest.mark.parametrize(("quota", "courses", "zh", "en"), [
    ({"who": "role=doctor", "category": "infection", "min_hours": 60}, None,
     "学时要求“重点传染病 ≥ 60 学时”（对象：role=doctor，4 人）没有任何课程可以提供：课程表中没有类别为"
     "“重点传染病”的课程。请添加该类别的课程，或删去、调低这条学时要求。",
     "quota infection ≥ 60 h for 'role=doctor' (4 staff): no course has the category infection, "
     "so nobody can reach it. Add a course of that category, or remove or lower the quota."),
    ({"who": "role=nurse", "category": "ethics", "min_hours": 6}, [
        {"id": "YD", "title": "医德医风", "category": "ethics", "mode": "online", "hours": "6",
         "audience": "role=doctor"}],
     "学时要求“职业道德 ≥ 6 学时”（对象：role=nurse，2 人）没有任何课程可以提供：类别为“职业道德”的课程，"
     "对象都不包括这些人。",
     "no course of the category ethics has them in its audience"),
    ({"who": "everyone", "category": "ethics", "min_hours": 24, "online_share_max": 0.5}, None,
     "学时要求“职业道德 ≥ 24 学时”（对象：everyone）：6 人中有 6 人无法达到——该类别的课程（加上已完成的"
     "学时）最多只能提供 6 学时（最接近的是赵敏（S011））。请增加该类别的课程或讲次，或调低这条学时要求。",
     "6 of its 6 staff cannot reach it — the courses of that category (with hours already done) "
     "offer them at most 6 h"),
])
def test_a_quota_the_courses_cannot_fill_is_a_warning_with_the_fix(
        tmp_path: Path, quota: dict, courses: list | None, zh: str, en: str) -> None:
    tables = {"courses": [c for c in base_rows("courses") if c["category"] != "职业道德"]
              + (courses or [])} if courses else None
    problem = load_problem(write_inputs(tmp_path / "h", tables, plan={"quotas": [quota]}))
    (said_zh,) = input_warnings(problem)
    (said_en,) = input_warnings(problem, "en")
    assert said_zh.startswith(zh) and en in said_en, said_zh


def test_a_year_with_no_known_holidays_says_both_ways_out(tmp_path: Path) -> None:
    from planner.workdays import build_calendar

    for language, words in (("zh", ("2035 年的法定节假日和调休安排未知", "在节假日表中填入这一年的放假日",
                                    "--estimate-holidays")),
                            ("en", ("The official holiday schedule for 2035 is unknown",
                                    "holidays sheet", "--estimate-holidays"))):
        problem = load_problem(write_inputs(tmp_path / language, plan={
            "language": language, "horizon": {"start": "2035-01-01", "end": "2035-12-31"},
            "rules": []}, tables={"topics": [dict(t, date="") for t in base_rows("topics")],
                                  "courses": [c for c in base_rows("courses") if c["id"] != "CPR"]}))
        with pytest.raises(CalendarError) as caught:
            build_calendar(problem.settings, problem.holidays)
        assert all(w in str(caught.value) for w in words), str(caught.value)


def test_a_settings_sheet_row_is_named_by_its_sheet_row_and_header(tmp_path: Path) -> None:
    import openpyxl

    from planner.inputs.export import write_workbook

    book = tmp_path / "book.xlsx"
    write_workbook(write_inputs(tmp_path / "src"), book)
    wb = openpyxl.load_workbook(book)
    wb["slots"].title = "时段"
    ws = wb["时段"]
    for cell in ws[1]:
        cell.value = {"id": "编号", "weekday": "星期", "start": "开始时间", "end": "结束时间"}.get(
            cell.value, cell.value)
    ws["D2"] = "16:00"  # before the start
    wb.save(book)
    (issue,) = issues_of(book)
    assert (issue.file, issue.row, issue.column) == ("book.xlsx:时段", 2, "结束时间")
    assert issue.render("zh") == ("book.xlsx:时段，第 2 行，“结束时间”列：填的是“16:00”——结束时间应晚于"
                                  "开始时间 16:30")


def test_full_width_lists_are_read_and_a_bad_one_is_placed(tmp_path: Path) -> None:
    rooms = base_rows("rooms")
    rooms[1]["features"] = "技能室、投影仪；录播"
    courses = base_rows("courses")
    courses[1]["room_feature"] = "技能室"
    courses[1]["dates"] = "2027-03-02，2027-03-09、2027-03-16"
    problem = load_problem(write_inputs(tmp_path / "ok", {"rooms": rooms, "courses": courses}))
    assert problem.rooms[1].features == {"技能室", "投影仪", "录播"}
    assert [d.day for d in problem.courses[1].dates] == [2, 9, 16]
    courses[1]["dates"] = "2027-03-02，2027-0３-0９、三月十六日"
    (issue,) = issues_of(write_inputs(tmp_path / "bad", {"rooms": rooms, "courses": courses}))
    assert (issue.row, issue.column) == (3, "dates")
    assert "应为日期 YYYY-MM-DD，多个日期用逗号或顿号分隔" in issue.render("zh")
