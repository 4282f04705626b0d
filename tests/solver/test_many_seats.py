"""Issue 19, item 1: with ten seats on JX1 (one in the example) the plan once rejected itself —
a finisher of a rotation block "does not sit the exam" while away on external study. Every
eligible doctor of 内科 may now take a seat; every block's exit exam is sat, and the independent
check passes."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from tests.conftest import EXAMPLE, TEST_TIME_LIMIT, check_passed, run_cli


def test_ten_seats_plan_and_pass_the_check(tmp_path: Path) -> None:
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    seats = folder / "external_seats.csv"
    text = seats.read_text("utf-8-sig")
    assert "2027-03-31,6,1," in text
    seats.write_text(text.replace("2027-03-31,6,1,", "2027-03-31,6,10,"), "utf-8")
    out = tmp_path / "out"
    result = run_cli("plan", folder, "-o", out, "--time-limit", TEST_TIME_LIMIT)
    assert result.exit_code == 0, result.output
    assert check_passed(result.output), result.output
    with (out / "plan" / "placements.csv").open(encoding="utf-8-sig") as f:
        jx1 = [r for r in csv.DictReader(f) if r["seat"] == "JX1"]
    assert len(jx1) > 1
    with (out / "plan" / "rotations.csv").open(encoding="utf-8-sig") as f:
        blocks = list(csv.DictReader(f))
    assert blocks and all(b["exit_exam"] for b in blocks)
    away = {r["staff_id"]: (r["start"], r["end"]) for r in jx1}
    for b in blocks:  # nobody rotates while away studying
        if b["staff_id"] in away:
            start, end = away[b["staff_id"]]
            assert b["end"] < start or b["start"] > end
