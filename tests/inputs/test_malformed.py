"""Each malformed input is reported with the file, row and column the office must fix."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_TABLES, base_rows, issues_of, write_csv, write_inputs

PROMO = [
    {
        "id": "PROMO",
        "name": "晋升前轮转",
        "order": "fixed",
        "participants": "id=S003,S011",
        "start": "2027-01-01",
        "end": "2027-12-31",
        "exit_exam": "yes",
        "exam_hours": "1.5",
    }
]
BLOCK = {
    "programme": "PROMO",
    "block": 1,
    "departments": "NK",
    "choose": 1,
    "min_months": 3,
    "max_months": 4,
}
SEAT = {
    "id": "JX1",
    "partner": "省人民医院",
    "specialty": "心内科",
    "start_earliest": "2027-03-01",
    "start_latest": "2027-03-31",
    "months": 6,
    "seats": 1,
    "candidates": "role=doctor; title>=intermediate",
    "department_priority": "NK",
}
PIN = {
    "course": "QY-XX",
    "session": 1,
    "run": 1,
    "date": "2027-01-12",
    "slot": "tue-pm",
    "room": "R1",
    "speaker": "S001",
}
AWAY = {"kind": "staff", "id": "S001", "from": "2027-05-01", "to": "2027-05-31", "reason": "产假"}
DONE = {"staff_id": "S002", "kind": "hours", "category": "ethics", "amount": 6}


def edit(table: str, index: int, **changes: Any) -> dict[str, list[dict[str, Any]]]:
    rows = base_rows(table)
    rows[index].update(changes)
    return {table: rows}


def plus(table: str, *rows: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {table: base_rows(table) + list(rows)}


def drop_column(table: str, column: str) -> dict[str, list[dict[str, Any]]]:
    return {table: [{k: v for k, v in r.items() if k != column} for r in base_rows(table)]}


@dataclass
class Case:
    name: str
    where: tuple[
        str, int | str | None, str | None
    ]  # a str row: the plan.yaml line holding that text
    expected: str  # a piece of the "expected …" wording
    tables: dict[str, Any] = field(default_factory=dict)
    plan: dict[str, Any] = field(default_factory=dict)
    plan_text: str | None = None


def slot(**changes: Any) -> dict[str, Any]:
    slots = [{"id": "tue-pm", "weekday": "tue", "start": "16:30", "end": "18:00"}]
    slots[0].update(changes)
    return {"slots": slots}


CASES = [
    Case(
        "missing column",
        ("staff.csv", 1, "name"),
        "a column named 'name'",
        drop_column("staff", "name"),
    ),
    Case(
        "missing birth and age columns",
        ("staff.csv", 1, "birth_date"),
        "or 'age'",
        {
            "staff": [
                {k: v for k, v in r.items() if k not in ("birth_date", "age")}
                for r in base_rows("staff")
            ]
        },
    ),
    Case("missing table", ("rooms.csv", None, None), "a table 'rooms'", {"rooms": None}),
    Case(
        "wrong int",
        ("rooms.csv", 2, "capacity"),
        "a whole number",
        edit("rooms", 0, capacity="two hundred"),
    ),
    Case(
        "negative capacity",
        ("rooms.csv", 3, "capacity"),
        "from 1 to 10,000",
        edit("rooms", 1, capacity="-5"),
    ),
    Case(
        "wrong float", ("courses.csv", 3, "hours"), "a number > 0 and ≤ 24", edit("courses", 1, hours="1,5")
    ),
    Case(
        "in-person hours empty",
        ("courses.csv", 3, "hours"),
        "a value",
        edit("courses", 1, hours=""),
    ),
    Case(
        "bad date",
        ("staff.csv", 2, "birth_date"),
        "a date YYYY-MM-DD",
        edit("staff", 0, birth_date="1968-13-12"),
    ),
    Case(
        "reversed window",
        ("courses.csv", 3, "window_end"),
        "on or after window_start",
        edit("courses", 1, window_start="2027-11-30", window_end="2027-03-01"),
    ),
    Case(
        "window outside horizon",
        ("courses.csv", 3, "window_start"),
        "overlapping the horizon",
        edit("courses", 1, window_start="2028-01-01", window_end="2028-02-01"),
    ),
    Case(
        "duplicate id",
        ("staff.csv", 8, "id"),
        "unique value (already used in row 2)",
        plus("staff", dict(BASE_TABLES["staff"][0])),
    ),
    Case(
        "unknown department",
        ("staff.csv", 4, "department"),
        "a known department id",
        edit("staff", 2, department="XX"),
    ),
    Case(
        "both birth date and age",
        ("staff.csv", 2, "age"),
        "either birth_date or age",
        edit("staff", 0, age="50"),
    ),
    Case(
        "neither birth date nor age",
        ("staff.csv", 4, "birth_date"),
        "a birth date or an age",
        edit("staff", 2, age=""),
    ),
    Case(
        "bad email",
        ("staff.csv", 2, "email"),
        "an e-mail address",
        edit("staff", 0, email="wang at example"),
    ),
    Case("bad role", ("staff.csv", 2, "role"), "a role", edit("staff", 0, role="chef")),
    Case(
        "bad title", ("staff.csv", 3, "title"), "professional title", edit("staff", 1, title="大夫")
    ),
    Case(
        "bad category",
        ("courses.csv", 2, "category"),
        "a training category",
        edit("courses", 0, category="fun"),
    ),
    Case(
        "bad boolean",
        ("courses.csv", 3, "recording"),
        "yes or no",
        edit("courses", 1, recording="maybe"),
    ),
    Case(
        "unknown speaker in topics",
        ("topics.csv", 2, "speaker"),
        "a known staff id",
        edit("topics", 0, speaker="S999"),
    ),
    Case(
        "unknown course in topics",
        ("topics.csv", 3, "course"),
        "a known course id",
        edit("topics", 1, course="NOPE"),
    ),
    Case(
        "topic sessions with a gap",
        ("topics.csv", 2, "session"),
        "numbered 1..2 without gaps",
        edit("topics", 1, session=3),
    ),
    Case(
        "sessions vs topics",
        ("courses.csv", 2, "sessions"),
        "2, the number of rows",
        edit("courses", 0, sessions="3"),
    ),
    Case(
        "unknown speaker id in courses",
        ("courses.csv", 3, "speakers"),
        "unknown: S999",
        edit("courses", 1, speakers="S999"),
    ),
    Case(
        "no speaker at all",
        ("courses.csv", 3, "speakers"),
        "a speaker for every session",
        edit("courses", 1, speakers=""),
    ),
    Case(
        "who: unknown role",
        ("courses.csv", 3, "audience"),
        "unknown role 'chef'",
        edit("courses", 1, audience="role=chef"),
    ),
    Case(
        "who: unknown key",
        ("courses.csv", 3, "audience"),
        "unknown key 'colour'",
        edit("courses", 1, audience="colour=red"),
    ),
    Case(
        "who: bad syntax",
        ("courses.csv", 3, "audience"),
        "a who filter such as role=doctor (unknown: doctors please)",
        edit("courses", 1, audience="doctors please"),
    ),
    Case(
        "who: unknown department",
        ("courses.csv", 3, "audience"),
        "known department ids (unknown: XX)",
        edit("courses", 1, audience="dept=XX"),
    ),
    Case(
        "who: wrong operator",
        ("courses.csv", 3, "audience"),
        "does not apply to role",
        edit("courses", 1, audience="role>=doctor"),
    ),
    Case(
        "room feature no room has",
        ("courses.csv", 3, "room_feature"),
        "at least one room offers",
        edit("courses", 1, room_feature="hyperbaric"),
    ),
    Case(
        "cohort bigger than rooms",
        ("courses.csv", 3, "cohort_size"),
        "at most 30",
        edit("courses", 1, cohort_size="50"),
    ),
    Case(
        "hours longer than slot",
        ("courses.csv", 3, "hours"),
        "course CPR: a session must fit in one slot",
        edit("courses", 1, hours="3"),
    ),
    Case(
        "min_on_duty bigger than department",
        ("departments.csv", 4, "min_on_duty"),
        "at most the department's staff count (2",
        edit("departments", 2, min_on_duty="5"),
    ),
    Case(
        "min_on_duty unreadable",
        ("departments.csv", 2, "min_on_duty"),
        "a head count",
        edit("departments", 0, min_on_duty="lots"),
    ),
    Case(
        "overlapping unavailability",
        ("unavailability.csv", 3, "from"),
        "no overlap with row 2",
        {"unavailability": [AWAY, AWAY | {"from": "2027-05-20", "to": "2027-06-10"}]},
    ),
    Case(
        "unavailability reversed",
        ("unavailability.csv", 2, "to"),
        "on or after from",
        {"unavailability": [AWAY | {"from": "2027-06-01"}]},
    ),
    Case(
        "unknown unavailability id",
        ("unavailability.csv", 2, "id"),
        "a known room id",
        {"unavailability": [AWAY | {"kind": "room", "id": "R9"}]},
    ),
    Case(
        "history unknown staff",
        ("history.csv", 2, "staff_id"),
        "a known staff id",
        {"history": [DONE | {"staff_id": "S404"}]},
    ),
    Case(
        "history unknown category",
        ("history.csv", 2, "category"),
        "a training category",
        {"history": [DONE | {"category": "cooking"}]},
    ),
    Case(
        "holiday twice",
        ("holidays.csv", 3, "date"),
        "unique value",
        {
            "holidays": [
                {"date": "2027-10-01", "kind": "holiday"},
                {"date": "2027/10/01", "kind": "放假"},
            ]
        },
    ),
    Case(
        "pins unknown slot",
        ("pins.csv", 2, "slot"),
        "a known slot id",
        {"pins": [PIN | {"slot": "wed-am"}]},
    ),
    Case(
        "pins slot on another weekday",
        ("pins.csv", 2, "slot"),
        "a slot on the weekday",
        {"pins": [PIN | {"date": "2027-01-13"}]},
    ),
    Case(
        "pins session beyond parts",
        ("pins.csv", 2, "session"),
        "from 1 to 2",
        {"pins": [PIN | {"session": 5}]},
    ),
    Case(
        "pins unknown room",
        ("pins.csv", 2, "room"),
        "a known room id",
        {"pins": [PIN | {"room": "R7"}]},
    ),
    Case(
        "exit exam longer than every slot",
        ("programmes.csv", 2, "exam_hours"),
        "at most the longest slot, 1.5 h: an exit exam is held in one slot",
        {"programmes": [PROMO[0] | {"exam_hours": "2"}], "programme_blocks": [BLOCK]},
    ),
    Case(
        "block min > max",
        ("programme_blocks.csv", 2, "max_months"),
        "at least min_months (3)",
        {"programmes": PROMO, "programme_blocks": [BLOCK | {"max_months": 2}]},
    ),
    Case(
        "block unknown programme",
        ("programme_blocks.csv", 2, "programme"),
        "a known programme id",
        {"programmes": PROMO, "programme_blocks": [BLOCK | {"programme": "NOPE"}]},
    ),
    Case(
        "block choose too many",
        ("programme_blocks.csv", 2, "choose"),
        "at most 2",
        {"programmes": PROMO, "programme_blocks": [BLOCK | {"departments": "NK,WK", "choose": 3}]},
    ),
    Case(
        "seat window reversed",
        ("external_seats.csv", 2, "start_latest"),
        "on or after start_earliest",
        {"external_seats": [SEAT | {"start_latest": "2027-02-01"}]},
    ),
    Case(
        "seat candidates match nobody",
        ("external_seats.csv", 2, "candidates"),
        "matches no staff",
        {"external_seats": [SEAT | {"candidates": "role=pharmacist"}]},
    ),
    Case(
        "seat unknown priority department",
        ("external_seats.csv", 2, "department_priority"),
        "a known department id",
        {"external_seats": [SEAT | {"department_priority": "NK,XX"}]},
    ),
    Case(
        "horizon reversed",
        ("plan.yaml", "end: '2027-01-01'", "horizon.end"),
        "on or after horizon.start",
        plan={"horizon": {"start": "2027-12-31", "end": "2027-01-01"}},
    ),
    Case(
        "bad weekday",
        ("plan.yaml", "funday", "slots[0].weekday"),
        "a weekday",
        plan=slot(weekday="funday"),
    ),
    Case(
        "slot ends before it starts",
        ("plan.yaml", "15:00", "slots[0].end"),
        "a time after the start",
        plan=slot(end="15:00"),
    ),
    Case(
        "unknown setting",
        ("plan.yaml", "horizn", "horizn"),
        "one of the settings",
        plan={"horizn": 1},
    ),
    Case(
        "plan who with unknown title",
        ("plan.yaml", "boss", "quotas[0].who"),
        "unknown title 'boss'",
        plan={"quotas": [{"who": "title>=boss", "category": "ethics", "min_hours": 24}]},
    ),
    Case(
        "plan who with unknown department",
        ("plan.yaml", "dept=XX", "quotas[0].who"),
        "known department ids",
        plan={"quotas": [{"who": "dept=XX", "category": "ethics", "min_hours": 24}]},
    ),
    Case(
        "unknown re-plan scope",
        ("plan.yaml", "nearby", "solver.replan_scope"),
        "a re-plan scope: local / full",
        plan={"solver": {"replan_scope": "nearby"}},
    ),
    Case(
        "YAML syntax error",
        ("plan.yaml", 4, None),
        "began at line 3",
        plan_text="hospital: x\nhorizon: {start: 2027-01-01, end: 2027-12-31}\nslots: [oops\n",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_malformed_input_is_reported_where_it_is(case: Case, tmp_path: Path) -> None:
    folder = write_inputs(
        tmp_path / "hospital", copy.deepcopy(case.tables), case.plan, case.plan_text
    )
    issues = issues_of(folder)
    file, row, column = case.where
    if isinstance(row, str):
        row = 1 + next(
            n for n, line in enumerate((folder / file).read_text().splitlines()) if row in line
        )
    found = [i for i in issues if (i.file, i.row, i.column) == (file, row, column)]
    assert found, f"no issue at {case.where}; got:\n" + "\n".join(map(str, issues))
    assert any(case.expected in i.expected for i in found), "\n".join(map(str, found))


def test_missing_plan_yaml(tmp_path: Path) -> None:
    folder = write_inputs(tmp_path / "h")
    (folder / "plan.yaml").unlink()
    issues = issues_of(folder)
    assert [(i.file, i.row, i.column) for i in issues] == [("plan.yaml", None, None)]
    assert "a plan.yaml file" in issues[0].expected


def test_yaml_error_message_names_the_line(tmp_path: Path) -> None:
    folder = write_inputs(
        tmp_path / "h", plan_text="hospital: x\nhorizon: {start: 2027-01-01\nslots: [\n"
    )
    (issue,) = [i for i in issues_of(folder) if i.file == "plan.yaml"]
    assert "line" in issue.expected and issue.row is not None


def test_empty_file(tmp_path: Path) -> None:
    folder = write_inputs(tmp_path / "h")
    (folder / "staff.csv").write_bytes(b"")
    issues = issues_of(folder)
    assert any(i.file == "staff.csv" and i.row is None and "empty" in i.expected for i in issues)


def test_header_only_staff(tmp_path: Path) -> None:
    folder = write_inputs(tmp_path / "h")
    write_csv(folder / "staff.csv", [], header=["id", "name", "department", "role", "title", "age"])
    issues = issues_of(folder)
    assert ("staff.csv", 2, None) in [(i.file, i.row, i.column) for i in issues]
    assert any("at least one row of staff" in i.expected for i in issues)


def test_garbage_bytes_in_staff_raise_input_error(tmp_path: Path) -> None:
    import random

    folder = write_inputs(tmp_path / "h")
    rng = random.Random(7)
    for n in range(5):
        (folder / "staff.csv").write_bytes(bytes(rng.randrange(256) for _ in range(200 + 97 * n)))
        issues = issues_of(folder)
        assert any(i.file == "staff.csv" for i in issues)


def test_binary_and_undecodable_files(tmp_path: Path) -> None:
    folder = write_inputs(tmp_path / "h")
    (folder / "rooms.csv").write_bytes(b"id,name\x00\x01\x02")
    (folder / "courses.csv").write_bytes(b"id,title\n\xff\xfe\xff\x80\x80\n")
    issues = issues_of(folder)
    assert any(i.file == "rooms.csv" and "binary" in i.expected for i in issues)
    assert any(i.file == "courses.csv" and i.row is None for i in issues)


def test_not_a_folder_or_workbook(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hi")
    (issue,) = issues_of(tmp_path / "notes.txt")
    assert "an input folder or an .xlsx workbook" in issue.expected
    (issue,) = issues_of(tmp_path / "missing")
    assert "no such file" in issue.expected


def test_many_mistakes_are_all_reported_in_one_run(tmp_path: Path) -> None:
    tables = edit("staff", 0, role="chef")
    tables |= edit("rooms", 0, capacity="big")
    tables |= edit(
        "courses", 1, window_start="2027-11-30", window_end="2027-03-01", room_feature="hyperbaric"
    )
    tables |= {"holidays": [{"date": "2027-13-01", "kind": "holiday"}]}
    folder = write_inputs(tmp_path / "h", tables, plan=slot(weekday="funday"))
    where = {(i.file, i.row, i.column) for i in issues_of(folder)}
    assert {
        ("staff.csv", 2, "role"),
        ("rooms.csv", 2, "capacity"),
        ("courses.csv", 3, "window_end"),
        ("courses.csv", 3, "room_feature"),
        ("holidays.csv", 2, "date"),
        ("plan.yaml", 7, "slots[0].weekday"),
    } <= where


def test_issue_message_names_file_row_column_value_and_expectation(tmp_path: Path) -> None:
    folder = write_inputs(tmp_path / "h", edit("rooms", 0, capacity="big"))
    (issue,) = issues_of(folder)
    assert (
        str(issue) == "rooms.csv, row 2, column 'capacity': got 'big' — expected a whole number from 1 to "
        "10,000"
    )
