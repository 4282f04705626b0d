"""The bureau's fixtures: the bundled example with two more hospitals — one whose inputs are
bad, one whose plan is impossible — planned once one hospital after another (through the
command line) and once on a real local Ray runtime; tests compare the two."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planner.bureau.tiny import write_tiny_hospital
from tests.conftest import ROOT, run_cli

BUREAU_EXAMPLE = ROOT / "inputs" / "bureau-example"


def faulty_bureau(folder: Path) -> Path:
    """The example plus ``wu`` (a staff row with an unknown department), ``ji`` (a horizon
    other than the bureau's) and ``ding`` (its February lecture's only possible speaker is on
    sick leave all February)."""
    shutil.copytree(BUREAU_EXAMPLE, folder)
    bad = folder / "hospitals" / "wu"
    write_tiny_hospital(bad, "戊社区卫生服务中心", 20, 5, "E")
    staff = (bad / "staff.csv").read_text("utf-8-sig").splitlines()
    staff[3] = staff[3].replace(",NK,", ",内二科,").replace(",WK,", ",内二科,").replace(
        ",XZ,", ",内二科,").replace(",JZ,", ",内二科,")
    (bad / "staff.csv").write_text("\ufeff" + "\n".join(staff) + "\n", "utf-8")
    stuck = folder / "hospitals" / "ding"
    write_tiny_hospital(stuck, "丁乡卫生院", 20, 4, "D")
    courses = (stuck / "courses.csv").read_text("utf-8-sig").replace(
        "everyone,role=doctor; title>=associate,projector,0.5,,II,,,monthly",
        "everyone,id=D001,projector,0.5,,II,,,monthly")
    (stuck / "courses.csv").write_text("\ufeff" + courses, "utf-8")
    (stuck / "unavailability.csv").write_text(
        "\ufeffkind,id,from,to,reason\nstaff,D001,2027-02-01,2027-02-28,病假\n", "utf-8")
    other = folder / "hospitals" / "ji"
    write_tiny_hospital(other, "己县妇幼保健院", 20, 6, "F")
    plan = (other / "plan.yaml").read_text("utf-8").replace("end: 2027-06-30", "end: 2027-05-31")
    (other / "plan.yaml").write_text(plan, "utf-8")
    return folder


@pytest.fixture(scope="session")
def bureau_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return faulty_bureau(tmp_path_factory.mktemp("bureau") / "city")


@pytest.fixture(scope="session")
def bureau_state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bureau-state")


@pytest.fixture(scope="session")
def sequential_run(bureau_inputs: Path, bureau_state: Path,
                   tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    """``planner bureau plan --sequential``: (output folder, what it printed, exit code)."""
    out = tmp_path_factory.mktemp("bureau-out") / "city"
    result = run_cli("bureau", "plan", bureau_inputs, "-o", out, "--state", bureau_state,
                     "--sequential")
    return out, result.output, result.exit_code


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but run logs (the one output with wall-clock figures)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "run.log"}
