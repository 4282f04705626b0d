"""``planner plan`` writes the inputs snapshot, and change notices once a version is published."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from planner.calendars.publish import publish
from planner.changes import diff_plans
from planner.inputs import load_problem
from planner.plan import read_plan
from planner.snapshot import SNAPSHOT_FILE, load_snapshot, problem_snapshot

from tests.conftest import EXAMPLE, TEST_TIME_LIMIT, run_cli


def test_plan_writes_the_canonical_inputs_snapshot(planned_example: Path) -> None:
    raw = (planned_example / SNAPSHOT_FILE).read_bytes()
    problem = load_problem(EXAMPLE)
    assert raw == problem_snapshot(problem)
    assert load_snapshot(raw) == problem


def test_a_re_plan_after_publishing_writes_change_notices(planned_example: Path,
                                                          tmp_path: Path) -> None:
    root = tmp_path / "state"
    publish(planned_example, state_root=root)
    out = tmp_path / "again"
    result = run_cli("plan", EXAMPLE, "-o", out, "--time-limit", TEST_TIME_LIMIT,
                     "--state", root)
    assert result.exit_code == 0, result.output
    assert "变更（对照已发布的第 1 版）：" in result.output
    changes = diff_plans(read_plan(planned_example / "plan"), read_plan(out / "plan"))
    md = (out / "changes.md").read_text(encoding="utf-8")
    # the example's language is Chinese: so are the notices (the console stays English)
    assert md.startswith("# 变更说明（对照已发布的第 1 版）\n")
    assert f"- 变更场次：**{changes.changed_sessions}**" in md
    assert f"- 变更人次：**{changes.changed_person_events}**" in md
    rows = list(csv.DictReader(io.StringIO((out / "changes-office.csv").read_text("utf-8-sig"))))
    assert len(rows) == changes.changed_person_events
    # the same inputs: no input change can be named, only re-optimisation
    assert {r["cause"] for r in rows} <= {"重新优化"}
