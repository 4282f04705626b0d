"""``planner bureau plan --sequential`` on the example bureau with a bad and an impossible
hospital: the good hospitals are planned with their allocation, the other two reported by
name, and the bureau's summary written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.conftest import run_cli


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))


def test_bad_and_impossible_hospitals_are_named_and_the_others_written(sequential_run):
    out, printed, code = sequential_run
    assert code == 3, printed
    # the bad hospital by its name, file, row and column, in Chinese
    assert "戊社区卫生服务中心" in printed
    assert "医院“戊社区卫生服务中心”（hospitals/wu）：staff.csv，第 4 行，“department”列" in printed
    assert ("医院“己县妇幼保健院”（hospitals/ji）：plan.yaml，“horizon”项——医院的计划期"
            "（2027-01-01 至 2027-05-31）应与市卫生局的计划期（2027-01-01 至 2027-06-30）相同"
            ) in printed
    # the impossible one by name, with the diagnosis and where it is written
    assert "丁乡卫生院：排不出计划" in printed and "郭平兰（D001）" in printed
    assert (out / "hospitals" / "ding" / "diagnosis.html").is_file()
    assert not (out / "hospitals" / "ding" / "plan").exists()
    assert not (out / "hospitals" / "wu").exists() and not (out / "hospitals" / "ji").exists()
    for key in ("jia", "yi", "bing"):
        assert (out / "hospitals" / key / "plan" / "plan.json").is_file()
        assert (out / "hospitals" / key / "calendars" / "hospital.ics").is_file()
    assert "3 家医院未能编排" in printed
    assert "Traceback" not in printed


def test_allocation_is_in_the_hospitals_plans(sequential_run):
    out, _, _ = sequential_run
    allocation = _rows(out / "allocation.csv")
    seats = [r for r in allocation if r["kind"] == "seat"]
    # 2 seats at each partner; SZX-QK only for jia and bing
    assert sorted(r["id"] for r in seats) == ["SRM-XN", "SRM-XN", "SZX-QK", "SZX-QK"]
    assert {r["hospital_folder"] for r in seats if r["id"] == "SZX-QK"} <= {"jia", "bing"}
    # fairness: the two SRM-XN places go to two hospitals, not one
    assert len({r["hospital_folder"] for r in seats if r["id"] == "SRM-XN"}) == 2
    for r in seats:
        if r["hospital_folder"] == "ding":  # allocated, but its plan is impossible
            continue
        placed = _rows(out / "hospitals" / r["hospital_folder"] / "plan" / "placements.csv")
        assert any(p["staff_id"] == r["staff_id"] and p["seat"].startswith(r["id"])
                   and p["start"] == r["start"] for p in placed), r
    trainees = [r for r in allocation if r["kind"] == "training"]
    assert 0 < len(trainees) <= 24  # two cohorts of 12
    for r in (r for r in trainees if r["hospital_folder"] != "ding"):  # nothing at home that day: the person attends no session then
        folder = out / "hospitals" / r["hospital_folder"] / "plan"
        sessions = {s["session"]: s["date"] for s in _rows(folder / "sessions.csv")}
        attended = [a["session"] for a in _rows(folder / "attendance.csv")
                    if a["staff_id"] == r["staff_id"]]
        assert r["start"] not in {sessions.get(s) for s in attended}


def test_summary_in_three_formats(sequential_run):
    out, _, _ = sequential_run
    md = (out / "summary.md").read_text("utf-8")
    html = (out / "summary.html").read_text("utf-8")
    for text in (md, html):
        assert "示例市卫生健康委员会" in text
        assert "甲县人民医院" in text and "省人民医院" in text and "全市心肺复苏导师培训班" in text
        assert "丁乡卫生院" in text and "未能编排的医院" in text
    from openpyxl import load_workbook

    book = load_workbook(out / "summary.xlsx")
    assert book.sheetnames[0] == "各医院"
    rows = list(book["各医院"].iter_rows(values_only=True))
    assert rows[0][:4] == ("医院", "职工", "结果", "学时完成率")
    planned = [r for r in rows[1:] if r[2] == "已编排"]
    assert len(planned) == 3 and all(0 < r[3] <= 1 for r in planned)


def test_bad_bureau_file_names_file_row_column_and_writes_nothing(bureau_inputs, tmp_path):
    import shutil

    city = tmp_path / "city"
    shutil.copytree(bureau_inputs, city)
    seats = city / "shared_seats.csv"
    seats.write_text(seats.read_text("utf-8-sig").replace(",SZX,", ",XYZ,").replace(
        "2027-04-30,2,2", "2027-04-30,2,两"), "utf-8")
    result = run_cli("bureau", "plan", city, "-o", tmp_path / "out", "--sequential")
    assert result.exit_code == 2
    assert "shared_seats.csv，第 3 行，“partner”列：填的是“XYZ”" in result.output
    assert "shared_seats.csv，第 3 行，“seats”列：填的是“两”——应为 1 到 1000 之间的整数" in result.output
    assert not (tmp_path / "out").exists()
