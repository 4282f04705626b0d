"""Synthetic hospitals: right sizes, deterministic, and valid input for the loader."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from planner.generate import MAX_DEPARTMENTS, GenerateError, generate

from .conftest import run_cli


def _rows(folder: Path, table: str) -> list[dict[str, str]]:
    with open(folder / f"{table}.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "h150"
    generate(out, staff=150, departments=10, rooms=5, months=12, seed=3)
    return out


def test_counts(small: Path) -> None:
    staff = _rows(small, "staff")
    assert len(staff) == 150
    assert len({s["id"] for s in staff}) == 150
    assert len(_rows(small, "departments")) == 10
    assert {s["department"] for s in staff} == {d["id"] for d in _rows(small, "departments")}
    assert len(_rows(small, "rooms")) == 5
    plan = yaml.safe_load((small / "plan.yaml").read_text(encoding="utf-8"))
    assert (
        str(plan["horizon"]["start"]) == "2026-01-01"
        and str(plan["horizon"]["end"]) == "2026-12-31"
    )
    assert len(plan["slots"]) == 3
    assert {q["category"] for q in plan["quotas"]} == {"ethics", "infection"}
    categories = {c["category"] for c in _rows(small, "courses")}
    assert {"ethics", "infection", "skills", "law", "lecture", "grand-round", "exam"} <= categories
    qy = next(c for c in _rows(small, "courses") if c["id"] == "QY-XX")
    assert qy["frequency"] == "monthly" and qy["sessions"] == "12"
    assert len([t for t in _rows(small, "topics") if t["course"] == "QY-XX"]) == 12
    participants = _rows(small, "programmes")[0]["participants"]
    assert 3 <= len(participants.split(",")) <= 8  # ~10% of ~50 doctors
    assert _rows(small, "external_seats")
    assert any(r["kind"] == "staff" for r in _rows(small, "unavailability"))
    assert not (small / "holidays.csv").exists()  # chinesecalendar knows 2026


def test_deterministic(tmp_path: Path, small: Path) -> None:
    again = tmp_path / "again"
    generate(again, staff=150, departments=10, rooms=5, months=12, seed=3)
    names = sorted(p.name for p in small.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    for name in names:
        assert (small / name).read_bytes() == (again / name).read_bytes(), name


def test_other_seed_differs(tmp_path: Path, small: Path) -> None:
    other = tmp_path / "other"
    generate(other, staff=150, departments=10, rooms=5, months=12, seed=4)
    assert (other / "staff.csv").read_bytes() != (small / "staff.csv").read_bytes()


def test_replaces_atomically(tmp_path: Path) -> None:
    out = tmp_path / "h"
    out.mkdir()
    (out / "stale.csv").write_text("old", encoding="utf-8")
    generate(out, staff=100, departments=10, rooms=4, months=3, seed=1)
    assert not (out / "stale.csv").exists()
    assert (out / "plan.yaml").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["h"]  # no temporary folder left behind


def test_later_years_get_a_holidays_table(tmp_path: Path) -> None:
    out = tmp_path / "h"
    generate(out, staff=100, departments=10, rooms=4, months=15, seed=1)
    rows = _rows(out, "holidays")
    assert {r["date"][:4] for r in rows} == {"2027"}
    assert any(r["kind"] == "workday" for r in rows)


def test_bad_sizes_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate(tmp_path / "x", staff=20, departments=10, rooms=5, months=12, seed=1)
    with pytest.raises(GenerateError, match=r"staff must be at least 8 per department: 80 or "
                                            r"more for 10 departments \(got 20\)"):
        generate(tmp_path / "x", staff=20, departments=10, rooms=5, months=12, seed=1)
    assert not (tmp_path / "x").exists()


def test_cli_names_every_bad_argument_without_a_traceback(tmp_path: Path) -> None:
    result = run_cli("generate", tmp_path / "x", "--staff", "20", "--departments", "5",
                     "--rooms", "2", "--months", "40")
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"错误：无法生成这家医院：科室数应在 10 到 {MAX_DEPARTMENTS} 之间（写的是 5）；"
        "每个科室至少 8 人：5 个科室要 80 人或更多（写的是 20）；"
        "教室至少 4 间（大厅、技能室、机房、会议室；写的是 2）；月数应在 1 到 36 之间（写的是 40）")
    assert not (tmp_path / "x").exists()


def test_cli_unwritable_folder_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    result = run_cli("generate", tmp_path / "file" / "h", "--staff", "100")
    assert result.exit_code == 2
    assert result.output.startswith(f"错误：无法把医院写入 {tmp_path / 'file' / 'h'}：")


def test_more_than_42_departments_are_wards_of_big_ones(tmp_path: Path) -> None:
    """Beyond the 42 departments of the catalogue a big hospital splits its large clinical
    departments into wards (二病区, 三病区 …), each a department of its own."""
    out = tmp_path / "h"
    generate(out, staff=700, departments=80, rooms=30, months=12, seed=1)
    depts = _rows(out, "departments")
    assert len(depts) == 80 and len({d["id"] for d in depts}) == 80
    assert [d["name"] for d in depts[42:44]] == ["内科二病区", "外科二病区"]
    assert depts[42]["id"] == "NK2" and depts[42]["min_on_duty"] == "70%"
    inputs = pytest.importorskip("planner.inputs")
    assert len(inputs.load_problem(out).departments) == 80


def test_ten_thousand_staff_load(tmp_path: Path) -> None:
    """The bench's biggest hospital is valid input: more lecture halls keep every series within
    the inputs' limit of 100 repeats."""
    out = tmp_path / "h"
    generate(out, staff=10_000, departments=80, rooms=64, months=12, seed=1)
    rooms = _rows(out, "rooms")
    assert [r["name"] for r in rooms[:3]] == ["学术报告厅", "多功能厅1", "多功能厅2"]
    assert max(int(c["repeats"] or 0) for c in _rows(out, "courses")) <= 100
    inputs = pytest.importorskip("planner.inputs")
    assert len(inputs.load_problem(out).staff) == 10_000


def test_small_hospital_loads(small: Path) -> None:
    inputs = pytest.importorskip("planner.inputs")
    problem = inputs.load_problem(small)
    assert len(problem.staff) == 150
    assert problem.programmes and problem.seats


def test_short_horizon_loads(tmp_path: Path) -> None:
    inputs = pytest.importorskip("planner.inputs")
    out = tmp_path / "short"
    generate(out, staff=100, departments=10, rooms=4, months=15, seed=2)
    problem = inputs.load_problem(out)
    assert problem.settings.horizon_end.isoformat() == "2027-03-31"


def test_class1_project_gives_class1_credits(small: Path) -> None:
    """Those without Class I credits in history attend a Class I project — else 5–10 is out of reach."""
    courses = {c["id"]: c for c in _rows(small, "courses")}
    xm = courses["XM-I"]
    assert xm["credit_class"] == "I" and float(xm["credits"]) * int(xm["sessions"]) >= 5
    with_class1 = {
        r["staff_id"]
        for r in _rows(small, "history")
        if r["kind"] == "credits" and r["category"] == "I"
    }
    scope = {s["id"] for s in _rows(small, "staff") if s["role"] != "admin"}
    assert scope - with_class1 == set(xm["audience"].removeprefix("id=").split(","))
