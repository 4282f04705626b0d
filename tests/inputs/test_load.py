"""Loading valid inputs: encodings, Chinese headers and values, workbooks, and derived fields."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from conftest import BASE_TABLES, base_rows, issues_of, write_csv, write_inputs

from planner.domain import Category, CreditClass, Grade, Mode, Role
from planner.inputs import load_problem
from planner.inputs.export import write_workbook


def test_baseline_loads_in_file_order(tmp_path: Path) -> None:
    problem = load_problem(write_inputs(tmp_path / "县医院"))
    assert problem.name == "县医院"
    assert [s.id for s in problem.staff] == [r["id"] for r in BASE_TABLES["staff"]]
    assert [c.id for c in problem.courses] == ["QY-XX", "CPR", "YD-ON"]
    assert problem.settings.horizon_start == dt.date(2027, 1, 1)
    assert problem.settings.slots[0].weekday == 1 and problem.settings.slots[0].hours == 1.5
    assert problem.settings.solver.seed == 3


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    folder = write_inputs(tmp_path / "h")
    write_csv(folder / "staff.csv", base_rows("staff"), encoding=encoding)
    problem = load_problem(folder)
    assert problem.staff[0].name == "王建国"


def test_chinese_headers_and_values(tmp_path: Path) -> None:
    folder = write_inputs(tmp_path / "h")
    rows = [
        {
            "工号": "S001",
            "姓名": "王建国",
            "科室": "NK",
            "角色": "医生",
            "职称": "主任医师",
            "出生日期": "1968/03/12",
        },
        {
            "工号": "S002",
            "姓名": "李娜",
            "科室": "NK",
            "角色": "护士",
            "职称": "中级",
            "年龄": "40",
        },
        {
            "工号": "S003",
            "姓名": "张伟",
            "科室": "WK",
            "角色": "技师",
            "职称": "主管技师",
            "年龄": "35",
        },
        {"工号": "S004", "姓名": "刘洋", "科室": "JZ", "角色": "其他", "职称": "无", "年龄": "25"},
        {
            "工号": "S010",
            "姓名": "陈静",
            "科室": "WK",
            "角色": "doctor",
            "职称": "副高",
            "年龄": "50",
        },
        {
            "工号": "S011",
            "姓名": "赵敏",
            "科室": "JZ",
            "角色": "doctor",
            "职称": "attending",
            "年龄": "38",
            "备注": "notes are ignored",
        },
    ]
    write_csv(folder / "staff.csv", rows, encoding="gbk")
    staff = load_problem(folder).staff
    assert [s.role for s in staff[:4]] == [Role.DOCTOR, Role.NURSE, Role.TECHNICIAN, Role.OTHER]
    assert [s.grade for s in staff] == [
        Grade.SENIOR,
        Grade.INTERMEDIATE,
        Grade.INTERMEDIATE,
        Grade.NONE,
        Grade.ASSOCIATE,
        Grade.INTERMEDIATE,
    ]
    assert staff[0].birth_date == dt.date(1968, 3, 12) and staff[1].age == 40


def test_min_on_duty_shares_become_head_counts_rounded_up(tmp_path: Path) -> None:
    departments = base_rows("departments")
    departments[0]["min_on_duty"] = "70%"  # NK has 2 staff → 1.4 → 2
    departments[1]["min_on_duty"] = "0.7"  # WK has 2 staff → 2
    departments[2]["min_on_duty"] = ""  # default 0
    problem = load_problem(write_inputs(tmp_path / "h", {"departments": departments}))
    assert [d.min_on_duty for d in problem.departments] == [2, 2, 0]


def test_course_parts_speakers_and_due(tmp_path: Path) -> None:
    courses = base_rows("courses")
    courses[0]["sessions"] = ""  # parts from the topic rows
    courses.append(
        {
            "id": "EXP",
            "title": "专家讲座",
            "category": "lecture",
            "hours": "1",
            "speakers": "external:张教授",
            "dates": "2027-04-06,2027-05-11",
            "credit_class": "I类",
        }
    )
    courses.append(
        {"id": "ONE", "title": "单人授课", "category": "law", "hours": "1", "speakers": "S001"}
    )
    courses.append(
        {
            "id": "ON2",
            "title": "网课",
            "category": "infection",
            "mode": "线上",
            "hours": "2",
            "window_end": "2027-06-30",
        }
    )
    problem = load_problem(write_inputs(tmp_path / "h", {"courses": courses}))
    by_id = {c.id: c for c in problem.courses}
    assert (
        by_id["QY-XX"].parts == 2 and by_id["QY-XX"].speakers is None
    )  # every part has a fixed speaker
    assert by_id["CPR"].speakers is not None and by_id["CPR"].speakers.ids == frozenset(
        {"S010", "S011"}
    )
    assert by_id["EXP"].external_speaker == "张教授" and by_id["EXP"].speakers is None
    assert by_id["EXP"].dates == (dt.date(2027, 4, 6), dt.date(2027, 5, 11))
    assert by_id["EXP"].credit_class is CreditClass.I
    assert by_id["ONE"].speakers is not None and by_id["ONE"].speakers.ids == frozenset({"S001"})
    assert by_id["YD-ON"].mode is Mode.ONLINE and by_id["YD-ON"].due == dt.date(2027, 12, 31)
    assert by_id["ON2"].due == dt.date(2027, 6, 30) and by_id["ON2"].category is Category.INFECTION


def test_optional_tables_load(tmp_path: Path) -> None:
    tables = {
        "programmes": [
            {"id": "PROMO", "name": "晋升前轮转", "order": "fixed", "participants": "id=S003,S011"}
        ],
        "programme_blocks": [
            {
                "programme": "PROMO",
                "block": 1,
                "departments": "NK",
                "min_months": 3,
                "max_months": 4,
            },
            {
                "programme": "PROMO",
                "block": 2,
                "departments": "WK，JZ",
                "choose": 1,
                "min_months": 2,
                "after": "1",
                "preference": "JZ",
            },
        ],
        "external_seats": [
            {
                "id": "JX1",
                "partner": "省人民医院",
                "start_earliest": "2027-03-01",
                "start_latest": "2027-03-31",
                "months": 6,
                "seats": 1,
                "candidates": "role=doctor; title>=intermediate",
                "department_priority": "NK",
            }
        ],
        "pins": [
            {"course": "QY-XX", "session": 1, "date": "2027-01-12", "slot": "tue-pm", "room": "R1"}
        ],
        "unavailability": [
            {
                "kind": "人员",
                "id": "S001",
                "from": "2027-05-10",
                "to": "2027-08-09",
                "reason": "产假",
            },
            {"kind": "room", "id": "R1", "from": "2027-07-01", "to": "2027-07-31"},
        ],
        "holidays": [
            {"date": "2027-10-01", "kind": "holiday", "name": "国庆节"},
            {"date": "2027-09-26", "kind": "调休", "name": "国庆节调休"},
        ],
        "history": [
            {"staff_id": "S002", "kind": "hours", "category": "ethics", "amount": 6},
            {
                "staff_id": "S002",
                "kind": "credits",
                "category": "I",
                "amount": 5,
                "hospital_run": "no",
            },
            {
                "staff_id": "S003",
                "kind": "rotation",
                "category": "NK",
                "amount": 3,
                "programme": "PROMO",
            },
        ],
    }
    problem = load_problem(write_inputs(tmp_path / "h", tables))
    assert problem.blocks[1].departments == ("WK", "JZ") and problem.blocks[1].after == (1,)
    assert problem.blocks[1].max_months == 2  # defaults to min_months
    assert problem.pins[0].run == 1 and problem.pins[0].speaker == ""
    assert [u.kind for u in problem.unavailability] == ["staff", "room"]
    assert [h.kind.value for h in problem.holidays] == ["holiday", "workday"]
    assert [h.category for h in problem.history] == ["ethics", "I", "NK"]
    assert problem.seats[0].candidates.grade_min is Grade.INTERMEDIATE


def _workbook(tmp_path: Path) -> Path:
    folder = write_inputs(tmp_path / "src" / "book")
    out = tmp_path / "book.xlsx"
    write_workbook(folder, out)
    return out


def test_workbook_formula_cell_is_an_error(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["rooms"]["C2"] = "=100+100"
    wb.save(path)
    (issue,) = issues_of(path)
    assert (issue.file, issue.row, issue.column) == ("book.xlsx:rooms", 2, "capacity")
    assert "not a formula" in issue.expected


def test_workbook_real_dates_and_numbers(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["staff"]
    assert isinstance(ws["F2"].value, dt.datetime)  # birth_date written as a real date cell
    ws["A5"] = 1004  # an id typed as a number
    ws["F2"] = dt.datetime(1968, 3, 12)
    wb["rooms"]["C2"] = 200.0
    wb.save(path)
    problem = load_problem(path)
    assert problem.staff[3].id == "1004" and problem.rooms[0].capacity == 200


def test_workbook_errors_name_the_sheet(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["staff"]["D3"] = "chef"
    assert [c.value for c in wb["slots"][1]][:2] == ["id", "weekday"]
    wb["slots"]["B3"] = "funday"
    wb.save(path)
    where = {(i.file, i.row, i.column) for i in issues_of(path)}
    assert ("book.xlsx:staff", 3, "role") in where
    assert ("book.xlsx:slots", 3, "weekday") in where


def test_workbook_slots_in_one_yaml_cell_are_still_read(tmp_path: Path) -> None:
    """The older form: a list typed as YAML in one cell of the plan sheet — also with the
    full-width punctuation of a Chinese input method."""
    path = _workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb["slots"]
    wb["plan"].append(["slots", "[{id：a，weekday：周二，start：'16：30'，end：'18:00'}]"])
    slots_row = wb["plan"].max_row
    wb.save(path)
    assert [(s.id, s.weekday) for s in load_problem(path).settings.slots] == [("a", 1)]
    wb["plan"].cell(row=slots_row, column=2).value = "[{id: a, weekday: funday}"
    wb.save(path)
    (issue,) = issues_of(path)  # and no knock-on "no slot" on the days fixed elsewhere
    assert (issue.file, issue.row, issue.column) == ("book.xlsx:plan", slots_row, "slots")
    assert "应为正确的 YAML 写法" in issue.render("zh") and "时段" in issue.render("zh")
    wb.create_sheet("时段")
    wb["时段"].append(["编号", "星期", "开始时间", "结束时间"])
    wb["时段"].append(["b", "周四", "16:30", "18:00"])
    wb["plan"].cell(row=slots_row, column=2).value = "[{id: a, weekday: tue, start: '16:30', end: '18:00'}]"
    wb.save(path)
    (issue,) = issues_of(path)
    assert (issue.row, issue.column) == (slots_row, "slots")
    assert issue.render("zh").endswith("slots 只能写在一个地方：这里和“时段”表都有。请删去这一行，只保留“时段”表。")


def test_workbook_plan_beside_as_yaml(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    for sheet in ("plan", "slots", "quotas", "rules"):
        del wb[sheet]
    wb.save(path)
    issues = issues_of(path)
    assert any("a sheet named 'plan' or a file book.yaml" in i.expected for i in issues)
    (tmp_path / "book.yaml").write_text(
        (tmp_path / "src" / "book" / "plan.yaml").read_text(), encoding="utf-8"
    )
    assert load_problem(path).name == "book"


def test_damaged_workbook(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    (issue,) = issues_of(path)
    assert issue.file == "broken.xlsx" and "an Excel .xlsx workbook" in issue.expected
