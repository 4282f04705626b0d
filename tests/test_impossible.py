"""The catalogue of impossible inputs (issue 13): each folder under ``tests/impossible/`` is a tiny
hospital (the input format of ``inputs/example``) that no plan can satisfy, with its
``expect.yaml``: the rule it breaks, the words the diagnosis must hold (people by name,
departments, rooms, days, months), the relaxations it must offer, and a ``fix`` — one of those
relaxations made by hand — after which a plan exists.

Through the real command line, for every case:

* ``planner plan`` exits 3, writes no plan file, and prints the diagnosis in the plan's
  language (Chinese) with every expected word and relaxation — and writes the same as
  ``diagnosis.html`` and ``diagnosis.md`` in the output folder;
* ``planner explain`` prints the same diagnosis (exit 3), and in English with ``--lang en``;
* with the fix applied, ``planner plan`` writes a plan that the independent check passes.

Folders under ``tests/warned/`` are the months-phase counterparts: inputs for which a plan
with a warning is the right answer (a rotation block or a seat left unplanned, said in words) —
they must plan (exit 0) and warn naming the programme or seat, the department and the months.
Where the warning leaves a block or seat unplanned, its ``relaxation`` — a change to the inputs
that was tried — is shown beneath it (console, summary.md, summary.html, plan.json), and the
same change made by hand (``fix``) plans that block or seat (``planned``) and passes the check.
"""

from __future__ import annotations

import html
import json
import shutil
from itertools import takewhile
from pathlib import Path

import pytest
import yaml

from planner.check import check_plan
from planner.inputs import load_problem
from planner.report.markdown import md_escape
from planner.solver.config import SolverConfig
from planner.solver.solve import solve
from planner.workdays import build_calendar

from .conftest import check_passed, run_cli

HERE = Path(__file__).resolve().parent
IMPOSSIBLE = sorted(p for p in (HERE / "impossible").iterdir() if (p / "expect.yaml").is_file())
WARNED = sorted(p for p in (HERE / "warned").iterdir() if (p / "expect.yaml").is_file())
#: Deterministic seconds for each run: the cases are tiny.
TIME_LIMIT = "2"


def expect(case: Path) -> dict:
    return yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))


def diagnosis(output: str) -> list[str]:
    """The diagnosis lines of a ``plan`` or ``explain`` output (after the planner's own)."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines)
                 if line.startswith(("无法排出计划", "No plan is possible", "在求解时间内")))
    return lines[start:]


def test_the_catalogue_holds_at_least_twenty_cases() -> None:
    assert len(IMPOSSIBLE) >= 20
    assert len({expect(c)["rule"].split(" — ")[0] for c in IMPOSSIBLE}) >= 6  # rule families


@pytest.mark.parametrize("case", IMPOSSIBLE, ids=lambda p: p.name)
def test_an_impossible_input_is_refused_with_its_rule_people_months_and_relaxations(
        case: Path, tmp_path: Path) -> None:
    e = expect(case)
    out = tmp_path / "out"
    # every other case is planned into a folder holding a previous run's plan: it stays as it was
    before = {}
    if IMPOSSIBLE.index(case) % 2:
        before = {out / "plan" / "plan.json": b'{"previous": 1}\n',
                  out / "summary.html": b"<p>previous</p>\n", out / "summary.md": b"previous\n"}
        for path, data in before.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    planned = run_cli("plan", case, "-o", out, "--time-limit", TIME_LIMIT)
    assert planned.exit_code == 3, planned.output
    # no plan file written: only the diagnosis, whose path is printed
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == sorted(
        ["diagnosis.html", "diagnosis.md", *(str(p.relative_to(out)) for p in before)])
    assert all(path.read_bytes() == data for path, data in before.items())
    assert f"诊断已写入 {out / 'diagnosis.html'} 和 {out / 'diagnosis.md'}" in planned.output
    said = diagnosis(planned.output)[:-1]
    text = "\n".join(said)
    md = (out / "diagnosis.md").read_text(encoding="utf-8")
    page = (out / "diagnosis.html").read_text(encoding="utf-8")
    for word in e["names"]:
        assert word in text, f"{case.name}: {word!r} not in\n{text}"
    assert "以下任一修改可使计划可行（均已验证）" in text, text
    for relaxation in e["relaxations"]:
        assert relaxation in text, f"{case.name}: relaxation {relaxation!r} not in\n{text}"
    for word in [*e["names"], "以下任一修改可使计划可行（均已验证）", *e["relaxations"]]:
        assert md_escape(word) in md, f"{case.name}: {word!r} not in diagnosis.md\n{md}"
        assert html.escape(word) in page, f"{case.name}: {word!r} not in diagnosis.html"
    for word in ("exit:", "teach-back:", "guard", "INFEASIBLE", "assumption"):
        assert word not in text, f"{case.name}: {word!r} in the office's words\n{text}"
        assert word not in md and word not in page, f"{case.name}: {word!r} in the diagnosis"
    kept = "此文件夹中原有的计划文件来自上一次成功的编排，本次未改动。"
    assert (kept in md) == bool(before) and (kept in page) == bool(before)

    explained = run_cli("explain", case, "--time-limit", TIME_LIMIT)
    assert explained.exit_code == 3, explained.output
    assert diagnosis(explained.output) == said  # the same words, and deterministic

    english = run_cli("explain", case, "--time-limit", TIME_LIMIT, "--lang", "en")
    assert english.exit_code == 3, english.output
    en = "\n".join(diagnosis(english.output))
    assert en.startswith("No plan is possible") and "Any one of these changes" in en, en
    for word in e.get("names_en", []):
        assert word in en, f"{case.name}: {word!r} not in\n{en}"
    assert len(diagnosis(english.output)) == len(said)


@pytest.mark.parametrize("case", IMPOSSIBLE, ids=lambda p: p.name)
def test_the_fix_an_impossible_input_is_offered_makes_it_plannable(case: Path,
                                                                    tmp_path: Path) -> None:
    fixed = tmp_path / case.name
    shutil.copytree(case, fixed)
    for name, (old, new) in expect(case)["fix"].items():
        text = (fixed / name).read_text(encoding="utf-8")
        assert old in text, f"{case.name}: {old!r} not in {name}"
        (fixed / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("plan", fixed, "-o", out, "--time-limit", TIME_LIMIT)
    assert result.exit_code == 0, result.output
    assert check_passed(result.output), result.output


@pytest.mark.parametrize("case", WARNED, ids=lambda p: p.name)
def test_a_months_conflict_plans_and_warns_naming_department_and_months(case: Path,
                                                                        tmp_path: Path) -> None:
    e = expect(case)
    out = tmp_path / "out"
    result = run_cli("plan", case, "-o", out, "--time-limit", TIME_LIMIT)
    assert result.exit_code == 0, result.output
    assert check_passed(result.output), result.output
    warnings = [line for line in result.output.splitlines() if "warning:" in line or "提示：" in line]
    text = "\n".join(warnings)
    for word in e.get("warning", []):
        assert word in text, f"{case.name}: {word!r} not in\n{text}"
    rotations = (out / "plan" / "rotations.csv").read_text(encoding="utf-8-sig")
    for row in e.get("rotations", []):
        assert row in rotations, f"{case.name}: {row!r} not in\n{rotations}"
    if "relaxation" in e:  # shown beneath its warning, wherever the warning is
        lines = result.output.splitlines()
        at = next(i for i, line in enumerate(lines)
                  if "提示：" in line and all(word in line for word in e["warning"]))
        beneath = list(takewhile(lambda line: "可排上的修改（已验证）：" in line, lines[at + 1:]))
        assert f"    可排上的修改（已验证）：{e['relaxation']}" in beneath, result.output
        md = (out / "summary.md").read_text(encoding="utf-8")
        assert f"  - **可排上的修改（已验证）**: {md_escape(e['relaxation'])}" in md, md
        page = (out / "summary.html").read_text(encoding="utf-8")
        assert f"<li>可排上的修改（已验证）：{html.escape(e['relaxation'])}</li>" in page
        plan = json.loads((out / "plan" / "plan.json").read_text(encoding="utf-8"))
        [(warning, changes)] = [(w, r) for w, r in plan["relaxations"].items()
                                if all(word in w for word in e["warning"])]
        assert warning in plan["warnings"] and e["relaxation"] in changes, changes
        for word in ("exit:", "teach-back:", "INFEASIBLE", "capacity", "min_on_duty"):
            assert not any(word in c for c in changes), changes
    explained = run_cli("explain", case, "--time-limit", TIME_LIMIT)
    assert explained.exit_code == 0, explained.output
    assert ("可排上的修改（已验证）：" in explained.output) == ("relaxation" in e), explained.output


@pytest.mark.parametrize("case", [c for c in WARNED if "fix" in expect(c)], ids=lambda p: p.name)
def test_the_change_a_months_warning_offers_plans_what_it_left_out(case: Path,
                                                                    tmp_path: Path) -> None:
    """The warning's relaxation, made by hand in the input files, plans the block or seat it
    was about (and the independent check passes)."""
    e = expect(case)
    fixed = tmp_path / case.name
    shutil.copytree(case, fixed)
    for name, (old, new) in e["fix"].items():
        text = (fixed / name).read_text(encoding="utf-8")
        assert old in text, f"{case.name}: {old!r} not in {name}"
        (fixed / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    who, *what = e["planned"].split(",")

    def planned(folder: Path) -> tuple[bool, list[str], dict[str, list[str]]]:
        problem = load_problem(folder)
        calendar = build_calendar(problem.settings, problem.holidays)
        result = solve(problem, calendar, SolverConfig.from_settings(
            problem.settings.solver, time_limit=float(TIME_LIMIT)))
        plan = result.plan
        assert plan is not None, result.explanation
        assert check_plan(problem, calendar, plan) == []
        done = (any((r.staff, r.programme, str(r.block)) == (who, *what) for r in plan.rotations)
                if len(what) == 2 else any((p.staff, p.seat) == (who, *what)
                                           for p in plan.placements))
        return done, plan.warnings, plan.relaxations

    done, warnings, relaxations = planned(case)
    assert not done
    assert any(e["relaxation"] in r for w, r in relaxations.items()
               if all(word in w for word in e["warning"]) and w in warnings), relaxations
    done, warnings, _ = planned(fixed)
    assert done, warnings
    assert not any(all(word in w for word in e["warning"]) for w in warnings), warnings


def test_the_readme_shows_what_planner_explain_prints() -> None:
    readme = (HERE.parent / "README.md").read_text(encoding="utf-8")
    command = "$ planner explain tests/impossible/topic-speaker-away-in-its-month\n"
    shown = readme[readme.index(command) + len(command):].split("\n\n")[0].splitlines()
    result = run_cli("explain", HERE / "impossible" / "topic-speaker-away-in-its-month",
                     "--time-limit", TIME_LIMIT)
    assert result.exit_code == 3
    assert diagnosis(result.output) == shown
