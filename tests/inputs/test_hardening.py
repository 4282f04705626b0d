"""Issue 19 (hardening): inputs ``validate`` used to accept and the planner then crashed on, hung
on, or planned as nonsense — each is now an input error naming the file, row and column (or the
plan.yaml line), found before anything is built."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import BASE_PLAN, base_rows, issues_of, write_inputs

from planner.errors import InputIssue
from planner.inputs import load_problem
from planner.inputs.export import write_workbook

PROMO = {"id": "PROMO", "name": "晋升前轮转", "order": "fixed", "participants": "id=S003,S011",
         "start": "2027-01-01", "end": "2027-12-31"}
BLOCKS = [
    {"programme": "PROMO", "block": 1, "departments": "NK", "min_months": 3, "max_months": 4},
    {"programme": "PROMO", "block": 2, "departments": "WK", "min_months": 3, "max_months": 4,
     "after": 1},
    {"programme": "PROMO", "block": 3, "departments": "JZ", "min_months": 2, "max_months": 3,
     "after": 2},
]
SEAT = {"id": "JX1", "partner": "省人民医院", "specialty": "心内科", "start_earliest": "2027-03-01",
        "start_latest": "2027-03-31", "months": 6, "seats": 1,
        "candidates": "role=doctor; title>=intermediate"}
HOLIDAY = {"date": "2027-10-05", "kind": "holiday", "name": "国庆节"}
PIN = {"course": "QY-XX", "session": 1, "run": 1, "date": "2027-01-12", "slot": "tue-pm",
       "room": "R1", "speaker": "S001"}


def edit(table: str, index: int, **changes: Any) -> dict[str, list[dict[str, Any]]]:
    rows = base_rows(table)
    rows[index].update(changes)
    return {table: rows}


def plan(**changes: Any) -> dict[str, Any]:
    settings = copy.deepcopy(BASE_PLAN)
    for dotted, value in changes.items():
        node = settings
        *parents, last = dotted.split("__")
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = value
    return settings


def at(issues: list[InputIssue], file: str, row: int | None, column: str | None) -> list[str]:
    found = [i.expected for i in issues if (i.file, i.row, i.column) == (file, row, column)]
    assert found, f"no issue at {file} {row} {column}; got:\n" + "\n".join(map(str, issues))
    return found


# (name, tables, plan settings, file, row, column, a piece of the expected wording)
CASES = [
    # item 2: a pin on a run the course can never have
    ("pin beyond the only run", {"pins": [PIN | {"run": 9}]}, None,
     "pins.csv", 2, "run", "from 1 to 1 (course QY-XX runs each session once"),
    ("pin beyond the cohorts", {"pins": [PIN | {"course": "CPR", "room": "R3", "speaker": "S010",
                                               "run": 2}]}, None,
     "pins.csv", 2, "run", "from 1 to 1 (course CPR has 6 in its audience, in cohorts of at "
                           "most 30"),
    ("pin beyond 1 + repeats", {**edit("courses", 0, repeats=2), "pins": [PIN | {"run": 4}]},
     None, "pins.csv", 2, "run", "from 1 to 3 (course QY-XX runs each session at most 1 + "
                                 "repeats = 3 times)"),
    # item 11: a pin on a day without a lecture slot ended in exit 3 without naming pins.csv
    ("pin on a holiday", {"holidays": [HOLIDAY], "pins": [PIN | {"date": "2027-10-05"}]}, None,
     "pins.csv", 2, "date", "a day with a lecture slot for the pinned session (2027-10-05 is a "
                           "holiday (国庆节))"),
    ("pin on a weekend", {"holidays": [HOLIDAY], "pins": [PIN | {"date": "2027-01-16",
                                                                 "slot": ""}]}, None,
     "pins.csv", 2, "date", "2027-01-16 is a Saturday, no working day"),
    ("topic on a make-up workday without a makeup slot",
     {"holidays": [HOLIDAY, {"date": "2027-01-16", "kind": "workday"}],
      "topics": [dict(base_rows("topics")[0], date="2027-01-16"), base_rows("topics")[1]]},
     None, "topics.csv", 2, "date", "2027-01-16 is a make-up workday (调休)"),
    # item 6: numbers beyond any hospital, which crashed the solver or a date computation
    ("credits 1e300", edit("courses", 0, credits="1e300"), None,
     "courses.csv", 2, "credits", "a number from 0 to 100"),
    ("speaker credits", edit("courses", 0, speaker_credits="1000"), None,
     "courses.csv", 2, "speaker_credits", "a number from 0 to 100"),
    ("hours", edit("courses", 2, hours="1e9"), None,
     "courses.csv", 4, "hours", "a number from 0 to 1,000"),
    ("repeats", edit("courses", 0, repeats="1000000"), None,
     "courses.csv", 2, "repeats", "from 0 to 100"),
    ("sessions", edit("courses", 1, sessions="100000"), None,
     "courses.csv", 3, "sessions", "from 1 to 400"),
    ("cohort size", edit("courses", 1, cohort_size="10000000000"), None,
     "courses.csv", 3, "cohort_size", "from 1 to 10,000"),
    ("room capacity 10^12", edit("rooms", 0, capacity="1000000000000"), None,
     "rooms.csv", 2, "capacity", "from 1 to 10,000"),
    ("rotator capacity", edit("departments", 0, rotator_capacity="99999"), None,
     "departments.csv", 2, "rotator_capacity", "from 0 to 1,000"),
    ("head count", edit("departments", 0, min_on_duty="1e300"), None,
     "departments.csv", 2, "min_on_duty", "a head count"),
    ("digits beyond int()", edit("rooms", 0, capacity="9" * 5000), None,
     "rooms.csv", 2, "capacity", "a whole number from 1 to 10,000"),
    ("solver.seed 10^30", None, plan(solver__seed=10**30),
     "plan.yaml", "seed:", "solver.seed", "a whole number from 0 to 2,147,483,647"),
    ("solver.time_limit", None, plan(solver__time_limit=1e12),
     "plan.yaml", "time_limit:", "solver.time_limit", "a number > 0 and ≤ 86,400"),
    ("solver.workers", None, plan(solver__workers=100000),
     "plan.yaml", "workers:", "solver.workers", "from 1 to 256"),
    ("feed_window_days 10^20", None, plan(feed_window_days=10**20),
     "plan.yaml", "feed_window_days", "feed_window_days", "from 1 to 3,660"),
    ("quota hours", None, plan(quotas=[{"who": "everyone", "category": "ethics",
                                        "min_hours": 1e9}]),
     "plan.yaml", "min_hours", "quotas[0].min_hours", "a number from 0 to 2,000"),
    ("credit rate", None, plan(rates__lecture_attendee=1e300),
     "plan.yaml", "lecture_attendee", "rates.lecture_attendee", "a number from 0 to 100"),
    ("seat months", {"external_seats": [SEAT | {"months": 1200}]}, None,
     "external_seats.csv", 2, "months", "from 1 to 36"),
    ("history amount", {"history": [{"staff_id": "S001", "kind": "hours", "category": "ethics",
                                     "amount": "1e300"}]}, None,
     "history.csv", 2, "amount", "a number from 0 to 10,000"),
    ("a date in year 9999", {"unavailability": [{"kind": "staff", "id": "S001",
                                                 "from": "2027-05-01", "to": "9999-12-31"}]},
     None, "unavailability.csv", 2, "to", "in the years 1900–2100"),
    ("horizon of ten years", None, plan(horizon={"start": "2027-01-01", "end": "2036-12-31"}),
     "plan.yaml", "end:", "horizon.end", "at most 1096 days"),
    # item 8: prerequisites in a circle
    ("cyclic prerequisites", {"programmes": [PROMO],
                              "programme_blocks": [BLOCKS[0] | {"after": 3}, *BLOCKS[1:]]}, None,
     "programme_blocks.csv", 2, "after",
     "block 1 (row 2) comes after block 3 (row 4), which comes after block 2 (row 3), which "
     "comes after block 1"),
    # item 10: nonsense accepted silently
    ("programme without blocks", {"programmes": [PROMO]}, None,
     "programmes.csv", 2, "id", "programme_blocks.csv has no row for programme PROMO"),
    ("blocks without programmes", {"programme_blocks": BLOCKS}, None,
     "programme_blocks.csv", 2, "programme", "a known programme id"),
    ("born in 2030", edit("staff", 0, birth_date="2030-01-01"), None,
     "staff.csv", 2, "birth_date", "an age of 16–100 on 2027-01-01"),
    ("born in 1910", edit("staff", 0, birth_date="1910-01-01"), None,
     "staff.csv", 2, "birth_date", "an age of 16–100"),
    ("born in 1800", edit("staff", 0, birth_date="1800-01-01"), None,
     "staff.csv", 2, "birth_date", "in the years 1900–2100"),
    ("born in 9999", edit("staff", 0, birth_date="9999-01-01"), None,
     "staff.csv", 2, "birth_date", "in the years 1900–2100"),
    ("employed before birth", edit("staff", 0, employed_since="1960-01-01"), None,
     "staff.csv", 2, "employed_since", "at least 14 years after birth_date (1968-03-12)"),
    ("employed as a child (age known)", edit("staff", 2, employed_since="2000-01-01"), None,
     "staff.csv", 4, "employed_since", "at least 14 years after birth (age 35"),
    ("employed after the horizon", edit("staff", 0, employed_since="2030-01-01"), None,
     "staff.csv", 2, "employed_since", "on or before the end of the horizon"),
    ("age 0", edit("staff", 2, age="0"), None, "staff.csv", 4, "age", "an age in years (16–100)"),
    ("online due before the horizon", edit("courses", 2, due="2026-06-30"), None,
     "courses.csv", 4, "due", "a date within the horizon"),
    ("hospital as a list", None, plan(hospital=["a", "b"]),
     "plan.yaml", "hospital", "hospital", "a single text value (not a list or a mapping)"),
    ("base URL with markup", None, plan(public_base_url='https://x"><script>'),
     "plan.yaml", "public_base_url", "public_base_url", "no spaces, quotes, <, >"),
    ("base URL with a space", None, plan(public_base_url="https://cme.example.cn/a b"),
     "plan.yaml", "public_base_url", "public_base_url", "no spaces"),
    ("base URL too long", None, plan(public_base_url="https://cme.example.cn/" + "a" * 240),
     "plan.yaml", "public_base_url", "public_base_url", "at most 212 characters"),
    # items 3 and 4: sizes of cells
    ("a name of 32,767 characters", edit("staff", 0, name="王" * 32767), None,
     "staff.csv", 2, "name", "a text of at most 100 characters (this one has 32,767)"),
    ("a huge who filter", edit("courses", 0, audience="id=" + ",".join(["S001"] * 5000)), None,
     "courses.csv", 2, "audience", "a text of at most 10,000 characters"),
    ("a huge speakers cell", edit("courses", 1, speakers="S010," * 5000), None,
     "courses.csv", 3, "speakers", "a text of at most 10,000 characters"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_nonsense_is_an_input_error_where_it_was_typed(case: tuple, tmp_path: Path) -> None:
    _, tables, settings, file, row, column, expected = case
    folder = write_inputs(tmp_path / "h", copy.deepcopy(tables), settings)
    if isinstance(row, str):
        lines = (folder / file).read_text(encoding="utf-8").splitlines()
        row = 1 + next(n for n, line in enumerate(lines) if row in line)
    found = at(issues_of(folder), file, row, column)
    assert any(expected in e for e in found), "\n".join(found)


def test_the_bounds_leave_realistic_values_alone(tmp_path: Path) -> None:
    """Each bounded value at a realistic maximum loads."""
    tables = edit("rooms", 0, capacity="2000") | edit("courses", 1, repeats="10")
    tables |= {"programmes": [PROMO], "programme_blocks": BLOCKS, "pins": [PIN]}
    settings = plan(solver__seed=2**31 - 1, feed_window_days=365,
                    public_base_url="https://cme.example-hospital.cn/feeds-2027")
    problem = load_problem(write_inputs(tmp_path / "h", tables, settings))
    assert problem.settings.solver.seed == 2**31 - 1
    assert [b.block for b in problem.blocks] == [1, 2, 3]


# ------------------------------------------------------------------------ plan.yaml (items 4, 11)

def yaml_issues(tmp_path: Path, text: str) -> list[InputIssue]:
    folder = write_inputs(tmp_path / "h")
    with open(folder / "plan.yaml", "a", encoding="utf-8") as f:
        f.write(text)
    return [i for i in issues_of(folder) if i.file == "plan.yaml"]


def test_yaml_aliases_are_refused_at_their_line(tmp_path: Path) -> None:
    bomb = "".join(f"a{k}: &a{k} [{','.join([f'*a{k - 1}'] * 9) if k else '1,1,1,1,1,1,1,1,1'}]\n"
                   for k in range(9))
    folder = write_inputs(tmp_path / "h")
    text = (folder / "plan.yaml").read_text(encoding="utf-8")
    lines = len(text.splitlines())
    (folder / "plan.yaml").write_text(text + bomb + "quotas: *a8\n", encoding="utf-8")
    (issue,) = issues_of(folder)
    assert issue.row == lines + 2  # the first alias
    assert "no aliases such as *a0" in issue.expected


def test_deep_nesting_is_refused_at_its_line(tmp_path: Path) -> None:
    (issue,) = yaml_issues(tmp_path, "x: " + "[" * 100_000 + "\n")
    assert issue.row is not None and "nested at most 20 deep" in issue.expected


def test_a_duplicate_key_is_an_error_naming_both_lines(tmp_path: Path) -> None:
    folder = write_inputs(tmp_path / "h")
    text = (folder / "plan.yaml").read_text(encoding="utf-8")
    first = 1 + next(n for n, line in enumerate(text.splitlines()) if line.startswith("hospital"))
    (folder / "plan.yaml").write_text(text + "hospital: 另一家医院\n", encoding="utf-8")
    (issue,) = issues_of(folder)
    assert (issue.row, issue.column) == (len(text.splitlines()) + 1, "hospital")
    assert f"hospital is already set on line {first}" in issue.expected


def test_a_day_that_does_not_exist_is_reported_at_its_setting(tmp_path: Path) -> None:
    folder = write_inputs(tmp_path / "h", plan=plan(horizon={"start": "x", "end": "2027-12-31"}))
    text = (folder / "plan.yaml").read_text(encoding="utf-8").replace("start: x",
                                                                      "start: 2027-02-30")
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    (issue,) = issues_of(folder)
    assert issue.column == "horizon.start" and issue.row is not None
    assert issue.expected == "a date YYYY-MM-DD (no such day)"


def test_a_value_yaml_cannot_construct_is_reported_at_its_line(tmp_path: Path) -> None:
    (issue,) = yaml_issues(tmp_path, "feed_window_days: !!int x\n")
    assert issue.row is not None and "a value that cannot be read" in issue.expected


def test_a_column_only_some_rows_need_is_reported_at_those_rows(tmp_path: Path) -> None:
    """Found by the mutation suite: without an 'hours' column every in-person course was
    dropped without a word, and the plan failed later naming a hospital rule (exit 3)."""
    rows = [{k: v for k, v in r.items() if k != "hours"} for r in base_rows("courses")]
    issues = issues_of(write_inputs(tmp_path / "h", {"courses": rows}))
    assert {(i.file, i.row, i.column) for i in issues} == {("courses.csv", 2, "hours"),
                                                           ("courses.csv", 3, "hours")}
    assert issues[0].expected == "a value (this row needs one, but the file has no column 'hours')"


def test_an_oversized_plan_yaml_is_refused_unread(tmp_path: Path) -> None:
    (issue,) = yaml_issues(tmp_path, "# " + "x" * 1_100_000 + "\n")
    assert issue.row is None and "at most 1,000 kB" in issue.expected


# ------------------------------------------------------------------------ workbooks (items 3, 11)

def workbook(tmp_path: Path) -> Path:
    book = tmp_path / "h.xlsx"
    write_workbook(write_inputs(tmp_path / "h"), book)
    return book


def test_a_stray_cell_at_the_sheet_corner_reads_only_stored_cells(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``staff!XFD1048576`` made the loader walk 17 billion empty cells (validate ran for
    hours); only the cells the file stores are visited now."""
    book = workbook(tmp_path)
    wb = openpyxl.load_workbook(book)
    wb["staff"]["XFD1048576"] = "x"
    wb["plan"]["C1048576"] = "y"
    wb.save(book)

    def walked(*args: object, **kwargs: object) -> None:
        raise AssertionError("iter_rows walks the whole rectangle")

    monkeypatch.setattr(openpyxl.worksheet.worksheet.Worksheet, "iter_rows", walked)
    problem = load_problem(book)
    assert len(problem.staff) == len(base_rows("staff"))


def test_a_stray_value_far_down_is_reported_at_its_row(tmp_path: Path) -> None:
    book = workbook(tmp_path)
    wb = openpyxl.load_workbook(book)
    wb["rooms"]["A1048576"] = "R9"
    wb.save(book)
    found = at(issues_of(book), "h.xlsx:rooms", 1048576, "name")
    assert found == ["a value (this column is required)"]


def test_an_unknown_plan_sheet_key_is_reported_at_its_row(tmp_path: Path) -> None:
    book = workbook(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb["plan"]
    row = next(c.row for c in ws["A"] if c.value == "horizon.start")
    ws.cell(row, 1).value = "horizn.start"
    wb.save(book)
    found = at(issues_of(book), "h.xlsx:plan", row, "horizn")
    assert "one of the settings" in found[0]


def test_a_zip_bomb_workbook_is_refused_unopened(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A small .xlsx whose members unpack to far more than any workbook holds (500 MB; 2 MB
    here, with the bound lowered to 1 MB so the test stays small)."""
    import zipfile

    from planner.inputs import tables

    monkeypatch.setattr(tables, "_MAX_UNPACKED", 1_000_000)
    book = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * 2_000_000)
    (issue,) = issues_of(book)
    assert issue.row is None and "unpack to at most 1 MB" in issue.expected


@pytest.mark.parametrize("option, value, expected", [
    ("--seed", str(10**30), "--seed 1000000000000000000000000000000：应为 0 到 2,147,483,647 "
                            "之间的整数"),
    ("--workers", "0", "--workers 0：应为 1 到 256 之间的整数"),
    ("--time-limit", "1e300", "--time-limit 1e+300：应为大于 0 且不超过 86,400 的数"),
])
def test_solver_options_get_the_ranges_of_their_settings(
        option: str, value: str, expected: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from planner.cli import app

    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["plan", str(write_inputs(tmp_path / "h")), "-o", str(out),
                                      option, value], catch_exceptions=False)
    assert result.exit_code == 1 and expected in result.output
    assert not out.exists()
