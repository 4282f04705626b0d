"""The bench and its bounds: the table a reader gets, and bounds that hold. No wall-clock
figure is asserted anywhere (performance is measured, never tested)."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from planner.bound import bounds
from planner.inputs import load_problem
from planner.plan import read_plan
from planner.summary import quota_attainment
from planner.workdays import build_calendar

from .conftest import EXAMPLE, ROOT, TEST_TIME_LIMIT

HEADER = ["staff", "engine", "status", "build s", "solve s", "quota %", "bound %", "gap",
          "reach %", "checker violations", "peak MB", "wall s"]


def test_bench_smoke_prints_the_table_with_bound_and_no_violations(tmp_path: Path) -> None:
    rows_file = tmp_path / "rows.json"
    proc = subprocess.run(
        [sys.executable, "-m", "planner.bench", "--sizes", "150", "--repeat", "1",
         "--engines", "highs", "--time-limit", TEST_TIME_LIMIT, "--json", str(rows_file)],
        capture_output=True, text=True, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    assert [c.strip() for c in lines[0].strip("|").split("|")] == HEADER + ["runs"]
    cells = [c.strip() for c in lines[2].strip("|").split("|")]
    assert cells[:2] == ["150", "HiGHS (default)"]
    assert cells[HEADER.index("checker violations")] == "0"
    assert any(line.startswith("bound %: the attendance LP relaxation GIVEN THIS PLAN'S "
                               "TIMETABLE") for line in lines)
    (row,) = json.loads(rows_file.read_text(encoding="utf-8"))
    assert row["violations"] == 0
    assert row["bound_kind"] in ("timetable LP", "reach")
    assert row["attainment"] <= row["bound"] + 1e-6
    assert row["bound"] <= row["reach"] + 1e-6
    assert row["bound"] <= 100.0 + 1e-9


@pytest.fixture(scope="module")
def example(planned_example: Path):  # noqa: ANN201
    problem = load_problem(EXAMPLE)
    calendar = build_calendar(problem.settings, problem.holidays)
    return problem, calendar, read_plan(planned_example / "plan")


def test_bounds_hold_on_the_example(example) -> None:  # noqa: ANN001
    problem, calendar, plan = example
    b = bounds(problem, calendar, plan)
    assert b.lp is not None and b.lp_status == "Optimal"
    assert quota_attainment(plan) <= b.lp + 1e-6
    assert b.lp <= b.reach + 1e-6
    assert b.reach <= 100.0 + 1e-9
    assert b.best == pytest.approx(min(b.lp, b.reach))


def test_the_lp_bound_is_of_the_timetable_not_of_the_attendance(example) -> None:  # noqa: ANN001
    """Taking every attendee out leaves the timetable as it is, and so both bounds: they judge
    what the attendance could have been, not what it is."""
    problem, calendar, plan = example
    empty = dataclasses.replace(
        plan, sessions=[dataclasses.replace(s, attendees=()) for s in plan.sessions])
    before, after = bounds(problem, calendar, plan), bounds(problem, calendar, empty)
    assert after.lp == pytest.approx(before.lp)
    assert after.reach == pytest.approx(before.reach)


def test_fewer_seats_lower_the_lp_bound_never_reach(example) -> None:  # noqa: ANN001
    """Rooms of one seat leave each session one attendee: the LP bound (this timetable) falls
    well below reach (any timetable), which does not read rooms at all."""
    problem, calendar, plan = example
    tiny = dataclasses.replace(
        problem, rooms=tuple(dataclasses.replace(r, capacity=1) for r in problem.rooms))
    b, full = bounds(tiny, calendar, plan), bounds(problem, calendar, plan)
    assert b.reach == pytest.approx(full.reach)
    assert b.lp is not None and b.lp < full.lp - 10  # type: ignore[operator]
