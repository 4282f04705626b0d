"""A CSV folder and the workbook made from it load to the same problem (property-based)."""

from __future__ import annotations

import datetime as dt

import copy
import tempfile
from pathlib import Path
from typing import Any

from conftest import BASE_PLAN, write_inputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.inputs import load_problem
from planner.inputs.export import write_folder, write_workbook
from planner.inputs.schema import ROLES, TITLES

# Awkward but legal text: separators, quotes, Chinese, a leading "=" that must stay text, newlines.
ALPHABET = "ab Z,，;\"'=#:%-_/\n王医院科室、１"
names = st.text(ALPHABET, min_size=1, max_size=12).map(lambda s: s if s.strip() else "名" + s)


@st.composite
def hospitals(draw: st.DrawFn) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    n_dept = draw(st.integers(1, 3))
    departments = [
        {
            "id": f"D{i}",
            "name": draw(names),
            "min_on_duty": draw(st.sampled_from(["", "0", "50%", "0.5"])),
            "rotator_capacity": draw(st.integers(0, 3)),
        }
        for i in range(n_dept)
    ]
    staff = []
    for i in range(draw(st.integers(1, 6))):
        born = draw(st.booleans())
        staff.append(
            {
                "id": f"S{i:03d}",
                "name": draw(names),
                "department": f"D{draw(st.integers(0, n_dept - 1))}",
                "role": draw(st.sampled_from(ROLES)),
                "title": draw(st.sampled_from(TITLES)),
                "birth_date": draw(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2005, 12, 31))).isoformat()
                if born
                else "",
                "age": "" if born else draw(st.integers(20, 65)),
                "specialty": draw(st.one_of(st.just(""), names)),
            }
        )
    rooms = [
        {
            "id": f"R{i}",
            "name": draw(names),
            "capacity": draw(st.integers(30, 300)),
            "features": draw(st.sampled_from(["", "projector", "projector,skills-lab"])),
        }
        for i in range(2)
    ]
    courses = []
    for i in range(draw(st.integers(1, 3))):
        online = draw(st.booleans())
        courses.append(
            {
                "id": f"C{i}",
                "title": draw(names),
                "category": draw(st.sampled_from(["ethics", "职业道德", "law"])),
                "mode": "online" if online else "in-person",
                "hours": draw(st.sampled_from(["1", "1.5", "0.75"])),
                "sessions": draw(st.integers(1, 3)),
                "audience": draw(st.sampled_from(["everyone", "role=doctor", ""])),
                "speakers": "" if online else "S000",
                "credits": draw(st.sampled_from(["", "0.5", "2"])),
                "window_start": draw(st.sampled_from(["", "2027-02-01", "2027/03/05"])),
                "recording": "是",
            }
        )
    plan = copy.deepcopy(BASE_PLAN)
    plan["hospital"] = draw(names.map(lambda s: s.strip() or "医院"))
    return {
        "departments": departments,
        "staff": staff,
        "rooms": rooms,
        "courses": courses,
        "topics": None,
    }, plan


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hospitals())
def test_folder_and_workbook_load_the_same(hospital: tuple[dict[str, Any], dict[str, Any]]) -> None:
    tables, plan = hospital
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = write_inputs(root / "h", tables, plan)
        from_folder = load_problem(folder)
        write_workbook(folder, root / "book" / "h.xlsx")
        from_book = load_problem(root / "book" / "h.xlsx")
        assert from_book == from_folder
        write_folder(root / "book" / "h.xlsx", root / "back" / "h")
        assert load_problem(root / "back" / "h") == from_folder


EXAMPLE = Path(__file__).resolve().parents[2] / "inputs" / "example"


def test_bundled_example_loads_the_same_from_a_workbook(tmp_path: Path) -> None:
    if not (EXAMPLE / "plan.yaml").is_file():
        import pytest

        pytest.skip("inputs/example is not there yet")
    from_folder = load_problem(EXAMPLE)
    write_workbook(EXAMPLE, tmp_path / "example.xlsx")
    assert load_problem(tmp_path / "example.xlsx") == from_folder
