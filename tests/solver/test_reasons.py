"""Issue 13, defect 10: a missed session says where the person was — rotating in which
department, on external study where, on leave or teaching — with the dates of the runs."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from tests.conftest import EXAMPLE, TEST_TIME_LIMIT, run_cli


def test_a_rotator_who_misses_their_own_wards_lecture_is_shown_rotating_elsewhere(
        tmp_path: Path) -> None:
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    # 妇产科 (FCK) holds one case review on 2027-03-09, when 吴诗丽 (S081, of FCK) rotates
    # in 内科 (NK, January–March in the fixed-order programme)
    with (folder / "courses.csv").open("a", encoding="utf-8") as f:
        f.write("FCK-AL,妇产科病例讨论,lecture,in-person,1.5,1,,dept=FCK,S072,,,,II,,,,"
                "2027-03-09,,,no,\n")
    out = tmp_path / "out"
    result = run_cli("plan", folder, "-o", out, "--time-limit", TEST_TIME_LIMIT)
    assert result.exit_code == 0, result.output
    with (out / "plan" / "rotations.csv").open(encoding="utf-8-sig") as f:
        blocks = [r for r in csv.DictReader(f) if r["staff_id"] == "S081"
                  and r["start"] <= "2027-03-09" <= r["end"]]
    assert blocks, "the scenario needs S081 rotating on 2027-03-09"
    host = blocks[0]["rotation_department"]
    with (out / "plan" / "missed.csv").open(encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f) if r["course"] == "FCK-AL"]
    mine = [r for r in rows if r["staff_id"] == "S081"]
    assert [(r["reason"], r["detail"]) for r in mine] == [
        ("away", f"rotating in {host}: 2027-03-09")]
    summary = (out / "summary.html").read_text("utf-8")
    names = {"NK": "内科", "WK": "外科", "JZ": "急诊科"}  # the summary names the department
    assert f"在{names[host]}轮转：2027-03-09" in summary


def test_a_person_on_external_study_is_shown_where(planned_example: Path) -> None:
    with (planned_example / "plan" / "placements.csv").open(encoding="utf-8-sig") as f:
        placements = {r["staff_id"]: r for r in csv.DictReader(f)}
    with (planned_example / "plan" / "missed.csv").open(encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f) if r["staff_id"] in placements
                and r["reason"] == "away"]
    assert rows
    for r in rows:
        p = placements[r["staff_id"]]
        where, days = r["detail"].split(": ", 1)
        assert where == f"external study {p['seat']} ({p['partner']})"
        assert all(p["start"] <= d <= p["end"] for d in days.split(", ")), r
