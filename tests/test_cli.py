"""The command line as a user meets it: exit codes, messages, files written (or not)."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import pytest

from .conftest import EXAMPLE, TEST_TIME_LIMIT, check_passed, run_cli


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "run.log"
    }


def test_validate_prints_the_summary() -> None:
    result = run_cli("validate", EXAMPLE)
    assert result.exit_code == 0
    assert "示例县人民医院（example）—— 输入有效" in result.output  # the plan's language
    assert "150 人，11 个科室" in result.output
    english = run_cli("validate", EXAMPLE, "--lang", "en")
    assert "inputs are valid" in english.output and "150 in 11 departments" in english.output


def test_ids_and_names_are_printed_as_typed(tmp_path: Path) -> None:
    """Issue 13, defect 9: user text is not rich markup nor an :emoji: code."""
    import shutil

    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    yaml = folder / "plan.yaml"
    name = "[bold]县医院[/bold] exit:A:2023-01 :smile:"
    yaml.write_text(yaml.read_text("utf-8").replace("hospital: 示例县人民医院",
                                                    f"hospital: '{name}'"), "utf-8")
    result = run_cli("validate", folder)
    assert result.exit_code == 0, result.output
    assert f"{name}（example）—— 输入有效" in result.output
    result = run_cli("validate", folder / "missing")
    assert result.exit_code != 0


def test_validate_lists_five_mistakes_with_their_places(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    shutil.copytree(EXAMPLE, bad)
    staff = (bad / "staff.csv").read_text(encoding="utf-8-sig").splitlines()
    header = staff[0].split(",")
    row = staff[1].split(",")
    row[header.index("department")] = "NOPE"  # unknown department
    staff[1] = ",".join(row)
    row = staff[2].split(",")
    row[header.index("role")] = "wizard"  # bad enumeration
    staff[2] = ",".join(row)
    staff.append(staff[3])  # duplicate id
    (bad / "staff.csv").write_text("\n".join(staff) + "\n", encoding="utf-8")
    rooms = (bad / "rooms.csv").read_text(encoding="utf-8-sig").splitlines()
    rh = rooms[0].split(",")
    r = rooms[1].split(",")
    r[rh.index("capacity")] = "lots"  # not a number
    rooms[1] = ",".join(r)
    (bad / "rooms.csv").write_text("\n".join(rooms) + "\n", encoding="utf-8")
    plan = (bad / "plan.yaml").read_text(encoding="utf-8")
    (bad / "plan.yaml").write_text(plan.replace("weekday: thu", "weekday: someday"),
                                   encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("plan", bad, "-o", out)
    assert result.exit_code == 2
    text = result.output
    assert "输入中有 5 处问题，未写出任何文件" in text  # the plan's language: Chinese
    assert "staff.csv，第 2 行，“department”列：填的是“NOPE”——应为科室表中已有的科室" in text
    assert "staff.csv，第 3 行，“role”列：填的是“wizard”——应为角色：医生 / 护士" in text
    assert f"staff.csv，第 {len(staff)} 行，“id”列" in text
    assert "rooms.csv，第 2 行，“capacity”列" in text
    assert "plan.yaml" in text and "weekday" in text
    assert not out.exists()


def test_plan_writes_every_plan_file_with_a_bom(planned_example: Path) -> None:
    for name in ("plan.json", "sessions.csv", "attendance.csv", "quotas.csv", "missed.csv"):
        assert (planned_example / "plan" / name).is_file()
    raw = (planned_example / "plan" / "quotas.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert {r["category"] for r in rows} >= {"ethics", "infection", "credits-total"}
    assert (planned_example / "run.log").is_file()


def test_check_command_passes_on_the_written_plan(planned_example: Path) -> None:
    result = run_cli("check", EXAMPLE, planned_example)
    assert result.exit_code == 0, result.output
    assert check_passed(result.output), result.output


def test_the_console_says_what_the_files_hold(planned_example: Path) -> None:
    """Status and counts printed are those of plan.json, run.log and the CSV files (issue 13,
    defect 7: the console once counted department stays as blocks)."""
    import json
    import re

    console = planned_example.with_suffix(".console").read_text("utf-8")
    plan = json.loads((planned_example / "plan" / "plan.json").read_text("utf-8"))
    log = json.loads((planned_example / "run.log").read_text("utf-8"))

    def rows(name: str) -> list[dict[str, str]]:
        text = (planned_example / "plan" / name).read_text("utf-8-sig")
        return list(csv.DictReader(text.splitlines()))

    from planner.cli_labels import labels_for
    from planner.summary import status_words

    zh = labels_for("zh")  # the example's language
    assert plan["status"] == log["status"] and log["phases"].keys() == plan["phases"].keys()
    status = re.search(r"—— (.+)$", console, re.M)
    assert status and status.group(1) == status_words(zh, plan["status"])
    blocks = re.search(r"轮转 +(\d+) 段，(\d+) 人", console)
    rotations = rows("rotations.csv")
    assert blocks and int(blocks.group(1)) == len(rotations) > 0
    assert int(blocks.group(2)) == len({r["staff_id"] for r in rotations})
    sessions = re.search(r"讲座 +(\d+) 场（现场出席 (\d+) 人次", console)
    assert sessions and int(sessions.group(1)) == len(rows("sessions.csv"))
    live = [r for r in rows("attendance.csv") if r["mode"] == "live"]
    assert int(sessions.group(2)) == len(live)
    missed = re.search(r"必修讲座缺席 (\d+) 人次", console)
    assert missed and int(missed.group(1)) == len(rows("missed.csv"))
    phases = re.search(r"计划质量 +(.*)", console)
    assert phases and all(zh(f"phase.{p}") + "：" in phases.group(1) for p in plan["phases"])
    # no solver words on the console: objective and bound are in run.log and plan.json
    assert "objective" not in console and "bound" not in console and "目标值" not in console
    assert log["phases"]["attendance"]["objective"] == plan["objective"]["attendance"]


def test_the_run_names_each_step_as_it_starts(planned_example: Path) -> None:
    """Issue 12: the display says which step of how many is under way, from the first second
    to the calendars, each once and in order; then "done", then the plan's summary."""
    import re

    console = planned_example.with_suffix(".console").read_text("utf-8")
    steps = re.findall(r"^\[ *([\d.]+)s\] 第 (\d) 步（共 (\d) 步）：(.*)$", console, re.M)
    assert [int(k) for _, k, _, _ in steps] == list(range(1, 8))
    assert {n for _, _, n, _ in steps} == {"7"}
    assert [w for _, _, _, w in steps] == [
        "轮转与进修月份", "课表（时间、教室、讲者）", "参训安排（谁参加哪一场）", "落实到人",
        "独立校核", "摘要（html、xlsx、md）", "日历订阅"]
    clock = [float(t) for t, _, _, _ in steps]
    assert clock == sorted(clock)
    done = console.index("] 完成")
    assert console.index("第 7 步（共 7 步）") < done < console.index("—— ")


def test_two_runs_are_byte_identical(planned_example: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # the second run checks its plan in a child process, as plans of 1,000 staff or more do,
    # while it writes the summary and calendars: the outputs are the same
    import planner.pipeline

    monkeypatch.setattr(planner.pipeline, "BACKGROUND_CHECK_STAFF", 1)
    again = tmp_path / "again"
    result = run_cli("plan", EXAMPLE, "-o", again, "--time-limit", TEST_TIME_LIMIT)
    assert result.exit_code == 0, result.output
    assert digest(again) == digest(planned_example)


def test_runs_in_other_processes_are_byte_identical(planned_example: Path, tmp_path: Path) -> None:
    """The real use: separate processes, each with its own string-hash seed. Nothing in the
    models may depend on Python's set order (an equally optimal but different plan would move
    every subscriber's events)."""
    import os
    import subprocess
    import sys

    # Both at once (the plan's budget is deterministic, so a busy machine changes nothing).
    runs = {}
    for seed in ("1", "2"):
        out = tmp_path / f"hash-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        runs[seed] = out, subprocess.Popen(
            [sys.executable, "-m", "planner", "plan", str(EXAMPLE), "-o", str(out),
             "--time-limit", TEST_TIME_LIMIT],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for seed, (out, proc) in runs.items():
        output, _ = proc.communicate()
        assert proc.returncode == 0, output
        assert digest(out) == digest(planned_example), f"PYTHONHASHSEED={seed}"


def test_impossible_input_names_the_rule_and_the_month(tmp_path: Path) -> None:
    bad = tmp_path / "tight"
    shutil.copytree(EXAMPLE, bad)
    # Twelve monthly lectures squeezed into a window of three months cannot hold.
    text = (bad / "courses.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    head = lines[0].split(",")
    for i, line in enumerate(lines):
        if line.startswith("QY-XX,"):
            cells = next(csv.reader([line]))
            cells[head.index("window_end")] = "2027-03-31"
            s = io.StringIO()
            csv.writer(s, lineterminator="").writerow(cells)
            lines[i] = s.getvalue()
    (bad / "courses.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("plan", bad, "-o", out, "--time-limit", "5")
    assert result.exit_code == 3, result.output
    # in the plan's language (zh), sessions 4–12 on one line, and the one change that mends it
    assert "全院业务学习（QY-XX）第4–12讲没有可排的时间" in result.output
    assert "按“每月”频次，这几讲应在 2027-04-01 及以后，而课程在 2027-03-31 结束" in result.output
    assert "把全院业务学习（QY-XX）的结束日期从 2027-03-31 推迟到 2027-12-31" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["diagnosis.html", "diagnosis.md"]


def test_a_plan_the_checker_rejects_is_not_written(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # the solver is meant never to do this; if it does, exit 4, the office is told in Chinese
    # what it means, and nothing is written — with the check in its child process
    import planner.check.background as background
    import planner.pipeline
    from planner.check import Violation

    monkeypatch.setattr(planner.pipeline, "BACKGROUND_CHECK_STAFF", 1)
    monkeypatch.setattr(background, "check_plan", lambda *a, **k: [
        Violation("rooms", "QY#1.1 on 2027-03-02 16:30: room R9 does not exist")])
    out = tmp_path / "rejected"
    result = run_cli("plan", EXAMPLE, "-o", out, "--time-limit", TEST_TIME_LIMIT)
    assert result.exit_code == 4, result.output
    assert "独立校核：发现 1 处违反规则" in result.output and "room R9 does not exist" in result.output
    assert "独立校核未通过" in result.output
    assert not out.exists()
