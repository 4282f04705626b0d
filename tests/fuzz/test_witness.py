"""Witness fuzzing, the fast subset that runs in ``make test`` (``make fuzz-witness`` runs 300).

Each seed is a small generated hospital that comes with a plan keeping every hard rule (see
:mod:`tests.fuzz.witness`): the checker must accept that plan, and the planner must find one of
its own. Seeds that fail today because of a planner defect are listed with the defect
(``xfail(strict=True)``): the fix that mends it turns them into an XPASS, which fails the suite
until the seed moves to PASSING. tests/fuzz/FINDINGS.md diagnoses each class.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz.harness import run_seed, witness_violations
from tests.fuzz.witness import make_instance

#: Seeds the planner plans today: external study with teach-backs, a rotation programme with
#: exit exams, tight department minimums, room closures, pins, hospital rules, 1.5 h slots —
#: and those the timetable by parts mended — a squeezed speaker's series (288), runs the window
#: cannot hold (294), a closed room a smaller one stands in for (9), repeats a hospital rule
#: needs (280), the plan's own exams counted for a rule (119), a pin on run 2 (263) — and the
#: months-phase classes of FINDINGS.md, each by its smallest seed: 4a (269: a block ending while
#: its rotator is on leave), 4b (16: every examiner away), 4c (72: no slot long enough in the
#: last week), 4d (124: the ward cannot spare finishers and examiner), 5 (8: the returnee in
#: their own teach-back audience), 7 (227: a rotation history row without a programme), 8 (20:
#: an exit exam longer than every slot — exit 2, bad input); and an exam without examiners (131).
PASSING = (74, 140, 221, 288, 294, 9, 280, 119, 263, 269, 16, 72, 124, 8, 227, 20, 183, 215,
           131, 53, 12, 170)

#: Seeds that show one planner defect each (the smallest instance of its class in the 300-seed
#: run; tests/fuzz/FINDINGS.md has the other classes and their seeds).
KNOWN: dict[int, str] = {
}
#: Witnesses the checker rejects although they follow the docs.
CHECKER_KNOWN: dict[int, str] = {}

SEEDS = [pytest.param(s, id=f"seed{s}") for s in PASSING] + [
    pytest.param(s, id=f"seed{s}", marks=pytest.mark.xfail(strict=True, reason=why))
    for s, why in KNOWN.items()]
WITNESSES = [pytest.param(s, id=f"seed{s}", marks=[pytest.mark.xfail(strict=True, reason=why)]
                          if (why := CHECKER_KNOWN.get(s)) else [])
             for s in sorted([*PASSING, *KNOWN])]


@pytest.mark.parametrize("seed", WITNESSES)
def test_the_checker_accepts_the_witness(seed: int, tmp_path: Path) -> None:
    inst = make_instance(seed)
    inputs = inst.write_inputs(tmp_path / "inputs" / inst.name)
    witness = inst.write_witness(tmp_path / "witness")
    assert witness_violations(inst, inputs, witness) == ""


@pytest.mark.parametrize("seed", SEEDS)
def test_the_planner_plans_a_hospital_that_has_a_plan(seed: int, tmp_path: Path) -> None:
    outcome = run_seed(seed, tmp_path, time_limit=10, in_process=True, keep=True)
    assert outcome.verdict == "ok", (
        f"seed {seed}: {outcome.verdict} (exit {outcome.exit_code}), inputs and witness in "
        f"{outcome.folder}\n{outcome.message}")


def test_the_same_seed_gives_the_same_hospital_and_witness() -> None:
    a, b = make_instance(7), make_instance(7)
    assert a.files == b.files
    assert a.plan.to_json() == b.plan.to_json()


def test_the_generator_exercises_what_the_issue_lists() -> None:
    """Over a few dozen seeds (generation only, no planning) every kind of input appears."""
    seen: dict[str, int] = {}
    files: set[str] = set()
    for seed in range(40):
        inst = make_instance(seed)
        files.update(inst.files)
        for key, value in inst.features.items():
            if value and value is not False:
                seen[key] = seen.get(key, 0) + 1
    for key in ("programmes", "placements", "tight_min", "squeezed_speaker", "closures", "pins",
                "rules", "leave_rows", "tight_slots"):
        assert seen.get(key), f"no seed in 0..39 has {key}"
    assert {"holidays.csv", "unavailability.csv", "topics.csv", "pins.csv", "programmes.csv",
            "external_seats.csv", "history.csv"} <= files
