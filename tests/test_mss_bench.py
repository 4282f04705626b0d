"""The MSS bench (issue 18) on two published instances kept as fixtures (tests/data/mss): read,
converted into an input folder, loaded and planned by the months phase, and checked by the
bench's own reading of mss.mzn — which must also catch a schedule that breaks the rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner import mss_bench as mb

DATA = Path(__file__).resolve().parent / "data" / "mss"


def instance(name: str) -> mb.Instance:
    return mb.Instance.parse(name, (DATA / f"Instance_{name}.dzn").read_text())


def test_a_dzn_file_reads_into_its_arrays() -> None:
    inst = instance("10")
    assert inst.size == (40, 3, 12, 12, 1)
    assert len(inst.need) == 40 and len(inst.available[0]) == 12
    assert len(inst.max_pos) == 3 * 12 * 12 and inst.school == [1] * 12
    assert inst.preceded_by[2][:3] == [1, 1, 0]  # discipline 3 after 1 and 2


@pytest.mark.parametrize(("name", "best"), [("10", 2560), ("L10", 2519)])
def test_a_published_instance_plans_to_its_proven_optimum_within_its_rules(
        name: str, best: int, tmp_path: Path) -> None:
    inst = instance(name)
    out = mb.plan(inst, tmp_path / name, time_limit=60.0)
    assert mb.violations(inst, out.schedule) == []
    assert mb.mss_objective(inst, out.schedule) == best == out.bound
    assert out.status == "OPTIMAL"


def test_the_bench_checker_catches_what_mss_mzn_forbids() -> None:
    inst = instance("10")
    # student 1: unavailable from month 8; allowed disciplines 4–9, 11, 12; needs 2 of group 1
    # (disciplines 1–5) and 5 of group 2 (6–12). Months 1–7 in disciplines 4–10, month 8 in 12.
    sched = {(0, t): (0, 3 + t) for t in range(7)}
    sched[0, 7] = (0, 11)
    said = [line for line in mb.violations(inst, sched) if line.startswith("student 1:")
            or line.startswith("student 1 ")]
    assert said == ["student 1 works in month 8, unavailable",
                    "student 1: discipline 10 is not allowed",
                    "student 1: 6 discipline(s) of group 2, needs 5"]
    # discipline 8 needs 7 before it
    early = {(0, 0): (0, 7), (0, 1): (0, 6)}
    assert ("student 1: discipline 8 starts in month 1 without discipline 7 before it"
            in mb.violations(inst, early))
    crowded = {(x, 0): (0, 0) for x in range(inst.students)}
    assert ("hospital 1 discipline 1 month 1: 40 students, at most 3"
            in mb.violations(inst, crowded))
