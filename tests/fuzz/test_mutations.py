"""A fast sample of the mutation suite (``make fuzz`` runs all of it, each in its own process
with a time limit): mutations the loader must refuse, run in this process through the command
line — exit 2, every issue placed, nothing written anywhere — and the suite's own bookkeeping."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app

from .mutations import (
    ACCEPTED,
    DIAGNOSIS,
    EITHER,
    HANG,
    NO_PLAN,
    NONSENSE,
    UNEXPLAINED,
    ROW_COLUMN,
    SILENT,
    TRACEBACK,
    VALID,
    WHOLE_FILE,
    WROTE,
    Mutation,
    all_mutations,
    classify,
    prepare,
)

#: One or two of each kind of refusal, CSV and workbook; each loads in well under a second.
SAMPLE = [
    "csv: staff id duplicated", "csv: staff name of 32,767 characters", "csv: birth date 2030",
    "csv: age 0 instead of birth date", "csv: employed before birth",
    "csv: min_on_duty 1e300", "csv: room capacity 10^12", "csv: room capacity 9 * 5000 digits",
    "csv: credits 1e300", "csv: repeats 1000000", "csv: online due before the horizon",
    "csv: dates all on holidays", "csv: topic date on National Day", "csv: pin on run 9",
    "csv: pin on a holiday", "csv: programme_blocks deleted", "csv: blocks in a cycle",
    "csv: seat min_years 100", "csv: leave to 9999-12-31", "csv: history amount 1e300",
    "csv: sign-in record session 5,000 digits", "csv: duplicate key", "csv: billion laughs",
    "csv: quotas: *a8", "csv: 100,000 nested [", "csv: horizon 2027-02-30",
    "csv: hospital as a list", "csv: base URL with markup", "csv: base URL of 300 characters",
    "csv: seed 10^30", "csv: feed_window_days 10^20", "csv: staff binary",
    "xlsx: stray id at rooms!A1048576", "xlsx: plan key horizn.start",
    "xlsx: plan quotas alias bomb", "xlsx: capacity 1e300 as a number", "xlsx: truncated file",
]
BY_ID = {m.id: m for m in all_mutations()}


@pytest.mark.parametrize("mutation_id", SAMPLE)
def test_a_refused_mutation_exits_2_and_writes_nothing(
        mutation_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mutation = BY_ID[mutation_id]
    assert mutation.expect == NONSENSE
    source = prepare(mutation, tmp_path)
    work, state, out = tmp_path / "work", tmp_path / "state", tmp_path / "out"
    work.mkdir()
    monkeypatch.chdir(work)
    result = CliRunner().invoke(app, ["plan", str(source), "-o", str(out), "--state", str(state)],
                                catch_exceptions=False)
    assert result.exit_code == 2, result.output
    verdict, _ = classify(mutation, result.exit_code, result.output, [])
    assert verdict in (ROW_COLUMN, WHOLE_FILE), result.output
    assert verdict == ROW_COLUMN or "第 " not in result.output, result.output
    assert not out.exists() and not state.exists() and not any(work.iterdir())


def test_the_suite_holds_at_least_300_mutations_of_both_forms() -> None:
    mutations = all_mutations()
    assert len(mutations) >= 300
    assert sum(m.workbook for m in mutations) >= 50
    assert len({m.id for m in mutations}) == len(mutations)


@pytest.mark.parametrize("expect, code, output, wrote, verdict", [
    (NONSENSE, 2, "1 problem(s)\n  - staff.csv, row 2, column 'age': got '0' — expected an age",
     [], ROW_COLUMN),
    (NONSENSE, 2, "1 problem(s)\n  - plan.yaml — expected a YAML text file", [], WHOLE_FILE),
    (NONSENSE, 2, "输入中有 1 处问题\n  - staff.csv，第 2 行，“age”列：填的是“0”——应为年龄", [],
     ROW_COLUMN),
    (NONSENSE, 2, "输入中有 1 处问题\n  - plan.yaml——应为 UTF-8 编码的 YAML 文本文件", [], WHOLE_FILE),
    (VALID, 2, "  - x——输入无法读取（读取时出错：KeyError；请报告这个问题）", [], TRACEBACK),
    (NONSENSE, 2, "  - staff.csv, row 2, column 'age': got '0' — expected x", ["out/x"], WROTE),
    (NONSENSE, 0, "check passed", [], SILENT),
    (VALID, 0, "check passed", [], ACCEPTED),
    (VALID, 1, "Traceback (most recent call last):\n  ...\nTypeError: x", [], TRACEBACK),
    (VALID, 2, "  - x — expected inputs the loader can read (please report this)", [], TRACEBACK),
    (VALID, None, "", [], HANG),
    # no plan possible: the diagnosis said and written beside, nothing else
    (EITHER, 3, "排不出计划，未写出计划文件：\n无法排出计划：\n  - x", list(DIAGNOSIS), NO_PLAN),
    (EITHER, 3, "no plan — no plan files were written:\nNo plan is possible:\n  - x",
     list(DIAGNOSIS), NO_PLAN),
    (EITHER, 3, "排不出计划，未写出计划文件：\n无法排出计划：\n  - x", [], UNEXPLAINED),
    (EITHER, 3, "排不出计划，未写出计划文件：\n无法排出计划：\n  - x",
     [*DIAGNOSIS, "out/plan/plan.json"], WROTE),
])
def test_verdicts(expect: str, code: int | None, output: str, wrote: list[str],
                  verdict: str) -> None:
    mutation = Mutation("m", expect, lambda folder: None)
    assert classify(mutation, code, output, wrote)[0] == verdict
