"""The catalogue of impossible inputs (issue 13): each folder under ``tests/impossible/`` is a tiny
hospital (the input format of ``inputs/example``) that no plan can satisfy, with its
``expect.yaml``: the rule it breaks, the words the diagnosis must hold (people by name,
departments, rooms, days, months), the relaxations it must offer, and a ``fix`` — one of those
relaxations made by hand — after which a plan exists.

Through the real command line, for every case:

* ``planner plan`` exits 3, writes nothing, and prints the diagnosis in the plan's language
  (Chinese) with every expected word and relaxation;
* ``planner explain`` prints the same diagnosis (exit 3), and in English with ``--lang en``;
* with the fix applied, ``planner plan`` writes a plan that the independent check passes.

Folders under ``tests/warned/`` are the months-phase counterparts: inputs for which a plan
with a warning is the right answer (a rotation block or a seat left unplanned, said in words) —
they must plan (exit 0) and warn naming the programme or seat, the department and the months.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

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
    planned = run_cli("plan", case, "-o", out, "--time-limit", TIME_LIMIT)
    assert planned.exit_code == 3, planned.output
    assert not out.exists()
    said = diagnosis(planned.output)
    text = "\n".join(said)
    for word in e["names"]:
        assert word in text, f"{case.name}: {word!r} not in\n{text}"
    assert "以下任一修改可使计划可行（均已验证）" in text, text
    for relaxation in e["relaxations"]:
        assert relaxation in text, f"{case.name}: relaxation {relaxation!r} not in\n{text}"
    for word in ("exit:", "teach-back:", "guard", "INFEASIBLE", "assumption"):
        assert word not in text, f"{case.name}: {word!r} in the office's words\n{text}"

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
    explained = run_cli("explain", case, "--time-limit", TIME_LIMIT)
    assert explained.exit_code == 0, explained.output


def test_the_readme_shows_what_planner_explain_prints() -> None:
    readme = (HERE.parent / "README.md").read_text(encoding="utf-8")
    command = "$ planner explain tests/impossible/topic-speaker-away-in-its-month\n"
    shown = readme[readme.index(command) + len(command):].split("\n\n")[0].splitlines()
    result = run_cli("explain", HERE / "impossible" / "topic-speaker-away-in-its-month",
                     "--time-limit", TIME_LIMIT)
    assert result.exit_code == 3
    assert diagnosis(result.output) == shown
