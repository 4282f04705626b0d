"""Rotation programmes as residency offices write them (issue 18): ``disciplines.csv``,
``rotation_capacity.csv``, ``rotation_wishes.csv`` and the ``required`` and ``prerequisites``
columns — what loads, and every rejected case with the message the office reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import issues_of, write_inputs

from planner.domain import WishKind
from planner.inputs import load_problem

PROGRAMME = {"id": "GP", "name": "住院医师规范化培训", "order": "free",
             "participants": "id=S003,S011", "required": "yes"}
DISCIPLINES = [
    {"department": "NK", "discipline": "内科学", "host": "本院"},
    {"department": "WK", "discipline": "外科学", "host": "本院"},
    {"department": "JZ", "discipline": "外科学", "host": "协同医院"},
]


def tables(blocks: list[dict], **more: list[dict]) -> dict[str, list[dict]]:
    return {"programmes": [PROGRAMME], "programme_blocks": blocks, "disciplines": DISCIPLINES,
            **more}


def block(**kw: object) -> dict:
    return {"programme": "GP", "block": 1, "departments": "内科学,外科学", "choose": 2,
            "min_months": 2, "max_months": 2, **kw}


def said(folder: Path) -> list[str]:
    return [f"{i.file}:{i.row}:{i.column}: {i.expected}" for i in issues_of(folder)]


def test_a_block_naming_disciplines_stands_for_every_department_teaching_them(
        tmp_path: Path) -> None:
    problem = load_problem(write_inputs(tmp_path / "h", tables(
        [block(prerequisites="内科学->外科学", preference="外科学"),
         {"programme": "GP", "block": 2, "departments": "NK", "required": "no"}],
        rotation_capacity=[{"department": "NK", "from": "2027-02-15", "to": "2027-03-01",
                            "capacity": 1, "minimum": 1}],
        rotation_wishes=[{"who": "id=S003", "kind": "专业", "value": "外科学", "weight": 3},
                         {"who": "everyone", "kind": "基地", "value": "协同医院", "weight": -1},
                         {"who": "everyone", "kind": "host-change", "weight": -2},
                         {"who": "everyone", "kind": "空档月", "weight": -1},
                         {"who": "everyone", "kind": "fairness", "weight": 1}])))
    one, two = problem.blocks
    assert one.departments == ("NK", "WK", "JZ") and one.choose == 2
    assert one.preference == ("WK", "JZ")
    assert one.prerequisites == ((("NK",), ("WK", "JZ")),)
    assert one.required and not two.required  # the programme's default, and a block's own
    [places] = problem.rotation_places  # whole months
    assert (places.start, places.end) == (dt.date(2027, 2, 1), dt.date(2027, 3, 31))
    assert [w.kind for w in problem.wishes] == [
        WishKind.DISCIPLINE, WishKind.HOST, WishKind.HOST_CHANGE, WishKind.IDLE_MONTH,
        WishKind.FAIRNESS]
    assert {d.department: d.host for d in problem.disciplines} == {
        "NK": "本院", "WK": "本院", "JZ": "协同医院"}


def test_disciplines_name_known_departments_once_and_no_department_id(tmp_path: Path) -> None:
    rows = [{"department": "XX", "discipline": "内科学"},
            {"department": "NK", "discipline": "WK"},
            {"department": "WK", "discipline": "外科学"},
            {"department": "WK", "discipline": "外科学"}]
    assert said(write_inputs(tmp_path / "h", {"disciplines": rows})) == [
        "disciplines.csv:2:department: a known department id or name",
        "disciplines.csv:3:discipline: a discipline name that is not also a department id (a "
        "block's departments may name either)",
        "disciplines.csv:5:department: a unique value (already used in row 4)",
    ]


def test_choose_counts_disciplines(tmp_path: Path) -> None:
    # WK and JZ teach one discipline: three departments, two disciplines
    folder = write_inputs(tmp_path / "h", tables([block(departments="NK,WK,JZ", choose=3)]))
    assert said(folder) == [
        "programme_blocks.csv:2:choose: at most 2, the number of different disciplines listed"]


def test_prerequisites_are_pairs_of_the_block_without_a_cycle(tmp_path: Path) -> None:
    cases = {
        "内科学外科学": "items A->B (B only after A), separated by commas",
        "内科学->急诊科学": "departments or disciplines of this block's departments (急诊科学 is "
                        "not one)",
        "WK->JZ": "two different departments or disciplines",
        "内科学->外科学,外科学->内科学": "prerequisites without a cycle (内科学 -> 外科学 -> "
                                 "内科学: none of them can ever start)",
    }
    for i, (cell, expected) in enumerate(cases.items()):
        folder = write_inputs(tmp_path / f"h{i}", tables([block(prerequisites=cell)]))
        assert said(folder) == [f"programme_blocks.csv:2:prerequisites: {expected}"], cell


def test_rotation_capacity_rows_do_not_overlap_and_set_something(tmp_path: Path) -> None:
    rows = [{"department": "NK", "from": "2027-01-01", "to": "2027-03-31", "capacity": 1},
            {"department": "NK", "from": "2027-03-10", "to": "2027-04-30", "capacity": 2},
            {"department": "WK", "from": "2027-01-01", "to": "2027-01-31"},
            {"department": "JZ", "from": "2027-01-01", "to": "2027-01-31", "capacity": 1,
             "minimum": 2}]
    assert said(write_inputs(tmp_path / "h", {"rotation_capacity": rows})) == [
        "rotation_capacity.csv:3:from: months not set already for NK (row 2 covers some of "
        "2027-03..2027-04)",
        "rotation_capacity.csv:4:capacity: a capacity or a minimum (this row sets neither)",
        "rotation_capacity.csv:5:minimum: at most the capacity (1)",
    ]


def test_wishes_name_what_they_are_about_with_weights_of_the_right_sign(
        tmp_path: Path) -> None:
    rows = [{"who": "everyone", "kind": "discipline", "value": "儿科学", "weight": 2},
            {"who": "everyone", "kind": "host", "value": "", "weight": 2},
            {"who": "everyone", "kind": "host-change", "weight": 1},
            {"who": "everyone", "kind": "idle-month", "value": "NK", "weight": -1},
            {"who": "everyone", "kind": "fairness", "weight": -1},
            {"who": "everyone", "kind": "mood", "weight": 1}]
    folder = write_inputs(tmp_path / "h", {"disciplines": DISCIPLINES, "rotation_wishes": rows})
    assert said(folder) == [
        "rotation_wishes.csv:2:value: a discipline of disciplines.csv",
        "rotation_wishes.csv:3:value: the host this wish is about",
        "rotation_wishes.csv:4:weight: a weight of 0 or less: a change of host can only cost",
        "rotation_wishes.csv:5:value: nothing: this kind of wish is about no one thing",
        "rotation_wishes.csv:6:weight: a weight of 0 or more: how much the least satisfied "
        "rotator counts on top of everyone's sum",
        "rotation_wishes.csv:7:kind: a kind of wish: discipline / host / department / "
        "host-change / idle-month / fairness",
    ]
