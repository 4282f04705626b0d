"""A local re-plan (:mod:`planner.solver.replan.scope`): who it re-plans, and that everyone else keeps
exactly their published attendance.

Runs the real CLI on the bundled example, planned and published once for the module (as the
scenario tests do), recording the scope the solver computed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from planner.inputs import load_problem
from planner.solver import solve as solve_module
from planner.solver.attendance.model import Schedule, person_needs
from planner.solver.instance import build_instance
from planner.solver.replan.scope import Scope
from planner.workdays import build_calendar
from tests.conftest import EXAMPLE, run_cli
from tests.replan.test_scenarios import (  # noqa: F401 — the module's published baseline
    FREEZE,
    Baseline,
    append_row,
    edit_rows,
    baseline,
    changed_entries,
    replan,
)


def _future(plan: dict) -> dict[str, set[str]]:
    """Person → the sessions after the freeze date they attend, and recordings they watch."""
    out: dict[str, set[str]] = {}
    for s in plan["sessions"]:
        if dt.date.fromisoformat(s["date"]) >= FREEZE:
            for pid in s["attendees"]:
                out.setdefault(pid, set()).add(s["id"])
    for o in plan["offsite"]:
        if o["mode"] == "recording":
            out.setdefault(o["staff"], set()).add(f"recording:{o['course']}#{o['part']}")
    return out


@pytest.fixture
def scopes(monkeypatch: pytest.MonkeyPatch) -> list[Scope]:
    """Every scope the solver computes while the test runs (the last one is the one used)."""
    seen: list[Scope] = []
    real = solve_module.scope

    def recording(*args: object, **kwargs: object) -> Scope:
        sc = real(*args, **kwargs)  # type: ignore[arg-type]
        seen.append(sc)
        return sc

    monkeypatch.setattr(solve_module, "scope", recording)
    return seen


def _shortfall(plan: dict) -> float:
    return round(sum(q["shortfall"] for q in plan["quotas"]), 2)


def test_people_the_change_does_not_reach_keep_their_published_attendance_exactly(
        baseline: Baseline, tmp_path: Path, scopes: list[Scope]) -> None:
    # S005 on leave in June (a speaker), and S120 — who attends sessions in June — on leave
    # for a week of it.
    old_future = _future(_published(baseline))
    june = sorted(sid for sid, who in _attending(baseline, "2027-06-07", "2027-06-11").items()
                  if who)
    assert june, "the example needs sessions in that week"
    absent = sorted(_attending(baseline, "2027-06-07", "2027-06-11")[june[0]])[0]

    def change(d: Path) -> None:
        append_row(d / "unavailability.csv", "staff,S005,2027-06-01,2027-06-30,病假")
        append_row(d / "unavailability.csv", f"staff,{absent},2027-06-07,2027-06-11,事假")

    r = replan(baseline, tmp_path / "leave", change)
    assert scopes, "a re-plan of a published plan is local by default"
    used = scopes[-1]
    new_future = _future(r.new)
    # everyone kept has exactly the sessions and recordings they had
    assert used.kept.people
    for pid in used.kept.people:
        assert new_future.get(pid, set()) == old_future.get(pid, set()), pid
    # those the change reaches are re-planned: S005's June attendees (rule 1), the absentee
    # (rule 2)
    s005_june = {sid for sid in june if _session(r.old, sid)["speaker"] == "S005"}
    for sid in s005_june:
        assert set(_session(r.old, sid)["attendees"]) <= used.free
    assert absent in used.free and scopes[0].why["2 impossible"] >= 1
    assert not any(absent in s["attendees"] for s in r.new["sessions"]
                   if "2027-06-07" <= s["date"] <= "2027-06-11")
    # and the model is a fraction of the whole
    assert len(used.free) < len(used.kept.people)
    assert r.log["model"]["replan_people"] == len(used.free)


def test_a_local_re_plan_reaches_the_quotas_a_full_one_does(baseline: Baseline,
                                                            tmp_path: Path) -> None:
    def change(d: Path) -> None:
        append_row(d / "unavailability.csv", "staff,S005,2027-06-01,2027-06-30,病假")

    local = replan(baseline, tmp_path / "local", change)
    full = replan(baseline, tmp_path / "full", change, extra=("--replan-scope", "full"))
    assert "replan_people" in local.log["model"]
    assert "replan_people" not in full.log["model"]
    assert _shortfall(local.new) <= _shortfall(full.new)
    events_local = sum(len(v) for v in _changed(local).values())
    assert events_local <= 2 * local.bound[1]


def test_a_new_staff_member_is_re_planned_and_nobody_else_without_a_reason(
        baseline: Baseline, tmp_path: Path, scopes: list[Scope]) -> None:
    r = replan(baseline, tmp_path, lambda d: append_row(
        d / "staff.csv",
        "S151,林新,NK,doctor,住院医师,1999-03-02,s151@xrmyy.example.cn,内科学,2027-05-01,"))
    first, used = scopes[0], scopes[-1]
    assert "S151" in first.free and first.why["3 newly short"] >= 1
    assert first.free <= used.free
    assert any("S151" in s["attendees"] for s in r.new["sessions"])


def test_the_attendance_model_counts_external_study_credits() -> None:
    # Credits from a placement count toward the yearly total only; a placement of 6 months or
    # more is the full year (every credit line met), as the quota table and the checker count
    # them. The model used to chase credits for people away on a seat.
    problem = load_problem(EXAMPLE)
    calendar = build_calendar(problem.settings, problem.holidays)
    inst = build_instance(problem, calendar)
    schedule = Schedule({}, {}, {})
    plain = person_needs(inst, "S016", schedule).credits
    assert plain is not None
    inst.external = {"S016": (15.0, False)}
    partial = person_needs(inst, "S016", schedule).credits
    assert partial is not None
    assert partial[0] == plain[0] - 1500 and partial[1:] == plain[1:]
    inst.external = {"S016": (25.0, True)}
    assert person_needs(inst, "S016", schedule).credits is None


def test_an_unknown_replan_scope_is_refused(tmp_path: Path) -> None:
    result = run_cli("plan", EXAMPLE, "-o", tmp_path / "out", "--replan-scope", "nearby")
    assert result.exit_code != 0
    assert "--replan-scope 'nearby'：应为 local、full 之一" in result.output
    assert not (tmp_path / "out").exists()


# --- helpers -------------------------------------------------------------------------------------

def _published(baseline: Baseline) -> dict:
    return json.loads((baseline.outputs / "plan" / "plan.json").read_text("utf-8"))


def _attending(baseline: Baseline, first: str, last: str) -> dict[str, list[str]]:
    plan = _published(baseline)
    return {s["id"]: s["attendees"] for s in plan["sessions"] if first <= s["date"] <= last}


def _session(plan: dict, sid: str) -> dict:
    return next(s for s in plan["sessions"] if s["id"] == sid)


def _changed(r) -> dict[str, set[str]]:  # noqa: ANN001 — a Replan
    return changed_entries(r.old, r.new)


def test_a_local_re_plan_is_byte_identical_in_other_processes(baseline: Baseline,
                                                              tmp_path: Path) -> None:
    """The scope is built from sets of people; nothing in it may depend on Python's set order,
    or two runs of the same re-plan would notify different people."""
    import os
    import shutil
    import subprocess
    import sys

    from tests.conftest import TEST_TIME_LIMIT
    from tests.test_cli import digest

    inputs = tmp_path / "inputs" / "example"
    shutil.copytree(baseline.inputs, inputs)
    append_row(inputs / "unavailability.csv", "staff,S005,2027-06-01,2027-06-30,病假")
    outs = []
    for seed in ("1", "2"):
        state = tmp_path / f"state-{seed}"
        shutil.copytree(baseline.state, state)
        out = tmp_path / f"hash-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-m", "planner", "plan", str(inputs), "-o", str(out), "--engine",
             "highs", "--time-limit", TEST_TIME_LIMIT, "--state", str(state), "--freeze-until",
             FREEZE.isoformat()], env=env, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "变更（对照已发布的第 1 版）" in proc.stdout
        outs.append(digest(out))
    assert outs[0] == outs[1]


def test_a_change_that_reaches_most_people_re_plans_everyone_in_one_model(
        baseline: Baseline, tmp_path: Path) -> None:
    # The ethics quota raised from 24 to 40 hours for everyone: everyone is newly short (rule
    # 3), and two models of nearly everyone would only cost time.
    def raise_ethics(d: Path) -> None:
        path = d / "plan.yaml"
        text = path.read_text("utf-8")
        assert "category: ethics, min_hours: 24," in text
        path.write_text(text.replace("category: ethics, min_hours: 24,",
                                     "category: ethics, min_hours: 40,"), "utf-8")

    r = replan(baseline, tmp_path, raise_ethics)
    model = r.log["model"]
    assert model["replan_rule_3"] > 0.5 * model["replan_people"]
    assert model["replan_reached"] > 0.5 * model["replan_people"]
    assert model["replan_kept"] == 0 and "replan_widened" not in model


def test_the_months_are_searched_again_when_a_published_block_no_longer_fits(
        baseline: Baseline, tmp_path: Path) -> None:
    # 急诊科 takes 2 rotators a month, and the published plan puts S081 and S108 there in July
    # and August; with room for one, at most one of those blocks can be kept, so the months
    # phase searches (it keeps nothing without one when a published block cannot stand).
    def one_place(row: dict[str, str]) -> dict[str, str]:
        if row["id"] == "JZ":
            row["rotator_capacity"] = "1"
        return row

    r = replan(baseline, tmp_path, lambda d: edit_rows(d / "departments.csv", one_place))
    assert "months_kept_published" not in r.log["model"]
    jz = [(b["staff"], b["start"], b["end"]) for b in r.new["rotations"]
          if b["department"] == "JZ"]
    for month in ("2027-07", "2027-08"):
        assert sum(1 for _, a, b in jz if a[:7] <= month <= b[:7]) <= 1, jz
    began = [b for b in r.old["rotations"] if b["start"] < FREEZE.isoformat()]
    assert all(b in r.new["rotations"] for b in began)  # blocks already begun stay as they are


def test_a_staff_member_who_left_is_dropped_from_what_is_to_come_and_kept_in_what_was_held(
        baseline: Baseline, tmp_path: Path) -> None:
    # S148 leaves: their row goes from staff.csv with their history rows (the loader holds both
    # tables to today's staff list). The re-plan used to stop with a KeyError, and its check
    # failed on the sessions S148 attended before the freeze date.
    gone = "S148"
    old = _published(baseline)
    assert any(gone in s["attendees"] for s in old["sessions"] if s["date"] < "2027-05-01")
    assert any(gone in s["attendees"] for s in old["sessions"] if s["date"] >= "2027-05-01")

    def leave(d: Path) -> None:
        edit_rows(d / "staff.csv", lambda row: None if row["id"] == gone else row)
        edit_rows(d / "history.csv", lambda row: None if row["staff_id"] == gone else row)

    r = replan(baseline, tmp_path, leave)
    held = [s for s in r.new["sessions"] if s["date"] < "2027-05-01"]
    assert any(gone in s["attendees"] for s in held)  # they were there: it stays on record
    assert not any(gone in s["attendees"] for s in r.new["sessions"] if s["date"] >= "2027-05-01")
    assert gone not in {q["staff"] for q in r.new["quotas"]}
    assert "replan_people" in r.log["model"] and r.log["model"]["replan_kept"] > 0
