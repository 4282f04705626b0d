"""The attendance_records table and the previous_term setting: loaded, checked, round-tripped."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from planner.atomic import write_bytes
from planner.domain import AttendanceRecord, HistoryRow
from planner.errors import InputError
from planner.inputs import load_problem
from planner.inputs.export import write_folder, write_workbook
from planner.plan import Plan
from planner.snapshot import SNAPSHOT_FILE, problem_snapshot

from tests.calendars import builders
from tests.conftest import EXAMPLE

HEADER = "staff_id,session,course,part,attended,note\n"


def example(tmp_path: Path, records: str | None = None, plan_extra: str = "") -> Path:
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    if records is not None:
        (folder / "attendance_records.csv").write_text(HEADER + records, encoding="utf-8-sig")
    if plan_extra:
        with open(folder / "plan.yaml", "a", encoding="utf-8") as f:
            f.write(plan_extra)
    return folder


def issues(folder: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_problem(folder)
    return [str(i) for i in caught.value.issues]


def test_attendance_records_load_by_session_id_or_by_course_and_part(tmp_path: Path) -> None:
    folder = example(tmp_path, "S003,CPR#1.2,,,yes,\nS004,,YD-01,1,no,病假\nS005,QY-XX#2.1,,,,\n")
    assert load_problem(folder).attendance_records == (
        AttendanceRecord("S003", "CPR", 1, 2, True, ""),
        AttendanceRecord("S004", "YD-01", 1, 0, False, "病假"),
        AttendanceRecord("S005", "QY-XX", 2, 1, True, ""),
    )


def test_attendance_records_accept_chinese_headers(tmp_path: Path) -> None:
    folder = example(tmp_path)
    (folder / "签到记录.csv").write_text("工号,场次编号,出席\nS003,CPR#1.2,否\n",
                                        encoding="utf-8")
    assert load_problem(folder).attendance_records == (
        AttendanceRecord("S003", "CPR", 1, 2, False),)


def test_malformed_attendance_records_name_file_row_and_column(tmp_path: Path) -> None:
    folder = example(tmp_path, "\n".join([
        "S003,CPR-1-2,,,yes,",  # row 2: not a session id
        "S999,CPR#1.1,,,yes,",  # row 3: unknown person
        "S003,NOPE#1.1,,,yes,",  # row 4: unknown course
        "S003,CPR#9.1,,,yes,",  # row 5: CPR has one part
        "S003,,,,yes,",  # row 6: neither a session nor a course
        "S003,CPR#1.1,YD-01,,yes,",  # row 7: course disagrees with the session id
        "S003,,YD-01,1,maybe,",  # row 8: not yes/no
        "S004,,YD-01,,yes,",  # row 9: which part?
        "S005,CPR#1.1,,,yes,",  # row 10
        "S005,CPR#1.1,,,no,",  # row 11: the same session again
    ]) + "\n")
    assert issues(folder) == [
        "attendance_records.csv, row 2, column 'session': got 'CPR-1-2' — expected a session id "
        "like CPR#1.3 (<course>#<part>.<run>)",
        "attendance_records.csv, row 3, column 'staff_id': got 'S999' — expected a known "
        "staff id or name. Did you mean 朱悦慧 (S099, 儿科)?",
        "attendance_records.csv, row 4, column 'session': got 'NOPE' — expected a known "
        "course id. Known: 心肺复苏（BLS）培训 (CPR), 重点传染病防控网络课程（省继续医学教育平台） "
        "(CR-ON), 临床病例讨论（大查房） (DCF), 《医疗纠纷预防和处理条例》与医疗风险防范 (FL-01), "
        "院感与重点传染病防控培训 (GR-01), 急救技能培训（气道管理、电除颤、止血包扎） (JJ), "
        "年度医学理论考试 (KS), 全院业务学习 (QY-XX), 省级I类项目：县域急危重症救治新进展 (XM-I), "
        "医德医风专题讲座 (YD-01), … (11 in all)",
        "attendance_records.csv, row 5, column 'session': got 'CPR#9.1' — expected a part 1..1 "
        "of course CPR",
        "attendance_records.csv, row 6, column 'session' — expected a session id (e.g. CPR#1.3), "
        "or a course and part",
        "attendance_records.csv, row 7, column 'course': got 'YD-01' — expected the course of "
        "session CPR#1.1 (CPR) or nothing",
        "attendance_records.csv, row 8, column 'attended': got 'maybe' — expected yes or no "
        "(also true/false, 1/0, 是/否)",
        "attendance_records.csv, row 9, column 'part' — expected the part of course YD-01 "
        "attended (or a session id)",
        "attendance_records.csv, row 11, column 'session': got 'S005/CPR/1/1' — expected a "
        "unique value (already used in row 10). Delete the repeated row or change one of the two.",
    ]


def test_attendance_records_survive_the_workbook_round_trip(tmp_path: Path) -> None:
    folder = example(tmp_path, "S003,CPR#1.2,,,yes,\nS004,,YD-01,1,no,=SUM(A1)\n")
    book = tmp_path / "example.xlsx"
    write_workbook(folder, book)
    back = tmp_path / "back"
    write_folder(book, back)
    shutil.copy(folder / "plan.yaml", back / "plan.yaml")
    expected = load_problem(folder).attendance_records
    assert expected[1].note == "=SUM(A1)"
    assert load_problem(book).attendance_records == expected
    assert load_problem(back).attendance_records == expected


# ------------------------------------------------------------------------ previous_term


def previous_outputs(tmp_path: Path, *, start: str = "2026-07-01",
                     records: tuple[AttendanceRecord, ...] = ()) -> Path:
    """A previous term's outputs folder: plan/plan.json and its inputs snapshot."""
    out = tmp_path / "term1"
    sessions = [
        builders.session("QY-XX#1.1", dt.date(2026, 9, 1), "R1", "S001", ("S003", "S004")),
        builders.session("YD-01#1.1", dt.date(2026, 10, 13), "R1", "S001", ("S003",),
                         category="ethics"),
    ]
    plan = Plan(name="example", hospital="示例县人民医院", timezone="Asia/Shanghai",
                horizon_start=start, horizon_end="2026-12-31", status="OPTIMAL",
                objective={}, sessions=sessions)
    write_bytes(out / "plan" / "plan.json", plan.to_json())
    inputs = replace(load_problem(EXAMPLE), attendance_records=records)
    write_bytes(out / SNAPSHOT_FILE, problem_snapshot(inputs))
    return out


def test_previous_term_sessions_become_history_rows(tmp_path: Path) -> None:
    previous_outputs(tmp_path, records=(AttendanceRecord("S004", "QY-XX", 1, 1, False),))
    folder = example(tmp_path, plan_extra="previous_term: ../term1\n")
    history = load_problem(folder).history
    rows = [r for r in history if r.note.startswith("previous term")]
    note = "previous term 2026-07-01–2026-12-31 (plan.json)"
    assert [r for r in rows if r.staff_id == "S003"] == [
        HistoryRow("S003", "credits", "II", 1.0, hospital_run=True, note=note),
        HistoryRow("S003", "hours", "ethics", 1.5, note=note),
        HistoryRow("S003", "hours", "lecture", 1.5, note=note),
    ]
    assert not [r for r in rows if r.staff_id == "S004"]  # the sign-in sheet says no
    speaker = {(r.kind, r.category): r.amount for r in rows if r.staff_id == "S001"}
    assert speaker[("credits", "II")] == 4.0  # 2 speaker credits for each of two sessions
    assert len(history) == len(load_problem(EXAMPLE).history) + len(rows)


def test_previous_term_may_name_the_plan_json_itself(tmp_path: Path) -> None:
    out = previous_outputs(tmp_path)
    folder = example(tmp_path, plan_extra=f"previous_term: {out / 'plan' / 'plan.json'}\n")
    assert any(r.note.startswith("previous term") for r in load_problem(folder).history)


def test_previous_term_errors_name_the_setting(tmp_path: Path) -> None:
    folder = example(tmp_path, plan_extra="previous_term: ../nowhere\n")
    (found,) = issues(folder)
    assert found.startswith("plan.yaml, row ")
    assert "column 'previous_term': got '../nowhere' — expected a path to the previous " \
           "term's outputs folder, plan folder or plan.json (no such file or folder: " in found

    empty = tmp_path / "empty"
    empty.mkdir()
    folder = example(tmp_path / "b", plan_extra=f"previous_term: {empty}\n")
    assert "(no plan/plan.json in it: " in issues(folder)[0]

    bad = tmp_path / "bad" / "plan.json"
    write_bytes(bad, b"{not json")
    folder = example(tmp_path / "c", plan_extra=f"previous_term: {bad}\n")
    assert "is not a plan.json written by 'planner plan'" in issues(folder)[0]

    later = previous_outputs(tmp_path / "d", start="2027-01-01")
    folder = example(tmp_path / "e", plan_extra=f"previous_term: {later}\n")
    assert "expected a previous term, starting before this one (2027-01-01)" in issues(folder)[0]
