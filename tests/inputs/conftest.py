"""Tiny input sets built in ``tmp_path``: a valid baseline hospital each test bends a little."""

from __future__ import annotations

import copy
import csv
from pathlib import Path
from typing import Any

import pytest
import yaml

from planner.errors import InputError, InputIssue
from planner.inputs import load_problem

Rows = list[dict[str, Any]]

BASE_PLAN: dict[str, Any] = {
    "hospital": "测试县人民医院",
    "horizon": {"start": "2027-01-01", "end": "2027-12-31"},
    "slots": [
        {"id": "tue-pm", "weekday": "tue", "start": "16:30", "end": "18:00"},
        {"id": "thu-pm", "weekday": "thu", "start": "16:30", "end": "18:00"},
    ],
    "quotas": [{"who": "everyone", "category": "ethics", "min_hours": 24, "online_share_max": 0.5}],
    "credits": {
        "who": "title>=junior",
        "total_min": 25,
        "class1": {"min": 5, "max": 10},
        "class2_min": 15,
    },
    "rules": [
        {
            "kind": "min-per-month",
            "category": "lecture",
            "minimum": 1,
            "description": "每月至少一次",
        }
    ],
    "solver": {"time_limit": 10, "seed": 3, "workers": 1},
}

BASE_TABLES: dict[str, Rows] = {
    "departments": [
        {"id": "NK", "name": "内科", "min_on_duty": "50%", "rotator_capacity": 2},
        {"id": "WK", "name": "外科", "min_on_duty": "0.5", "rotator_capacity": 2},
        {"id": "JZ", "name": "急诊科", "min_on_duty": "1", "rotator_capacity": 1},
    ],
    "staff": [
        {
            "id": "S001",
            "name": "王建国",
            "department": "NK",
            "role": "doctor",
            "title": "主任医师",
            "birth_date": "1968-03-12",
            "age": "",
            "email": "wangjg@example.cn",
        },
        {
            "id": "S002",
            "name": "李娜",
            "department": "NK",
            "role": "nurse",
            "title": "主管护师",
            "birth_date": "1985-07-01",
            "age": "",
            "email": "",
        },
        {
            "id": "S003",
            "name": "张伟",
            "department": "WK",
            "role": "doctor",
            "title": "主治医师",
            "birth_date": "",
            "age": "35",
            "email": "",
        },
        {
            "id": "S004",
            "name": "刘洋",
            "department": "JZ",
            "role": "nurse",
            "title": "护士",
            "birth_date": "",
            "age": "25",
            "email": "",
        },
        {
            "id": "S010",
            "name": "陈静",
            "department": "WK",
            "role": "doctor",
            "title": "副主任医师",
            "birth_date": "1975/05/20",
            "age": "",
            "email": "",
        },
        {
            "id": "S011",
            "name": "赵敏",
            "department": "JZ",
            "role": "doctor",
            "title": "attending",
            "birth_date": "1988-11-02",
            "age": "",
            "email": "",
        },
    ],
    "rooms": [
        {"id": "R1", "name": "学术报告厅", "capacity": 200, "features": "projector,recording"},
        {"id": "R3", "name": "技能培训中心", "capacity": 30, "features": "skills-lab,projector"},
    ],
    "courses": [
        {
            "id": "QY-XX",
            "title": "全院业务学习",
            "category": "lecture",
            "mode": "in-person",
            "hours": "1.5",
            "sessions": "2",
            "cohort_size": "",
            "audience": "everyone",
            "speakers": "",
            "room_feature": "projector",
            "window_start": "",
            "window_end": "",
        },
        {
            "id": "CPR",
            "title": "心肺复苏培训",
            "category": "skills",
            "mode": "线下",
            "hours": "1.5",
            "sessions": "1",
            "cohort_size": "30",
            "audience": "everyone",
            "speakers": "id=S010,S011",
            "room_feature": "skills-lab",
            "window_start": "2027-03-01",
            "window_end": "2027-11-30",
        },
        {
            "id": "YD-ON",
            "title": "医德医风网络课程",
            "category": "职业道德",
            "mode": "online",
            "hours": "6",
            "sessions": "",
            "cohort_size": "",
            "audience": "everyone",
            "speakers": "",
            "room_feature": "",
            "window_start": "",
            "window_end": "",
        },
    ],
    "topics": [
        {
            "course": "QY-XX",
            "session": 1,
            "topic": "急性胸痛的规范化诊治",
            "speaker": "S001",
            "date": "",
        },
        {
            "course": "QY-XX",
            "session": 2,
            "topic": "院内感染防控新规解读",
            "speaker": "S010",
            "date": "2027-02-23",
        },
    ],
}


def write_csv(
    path: Path, rows: Rows, encoding: str = "utf-8", header: list[str] | None = None
) -> None:
    if header is None:
        header = []
        for row in rows:
            header += [k for k in row if k not in header]
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if row.get(k) is None else row.get(k) for k in header])


def write_inputs(
    folder: Path,
    tables: dict[str, Rows | None] | None = None,
    plan: dict[str, Any] | None = None,
    plan_text: str | None = None,
) -> Path:
    """Write the baseline with ``tables`` replacing (or, when ``None``, removing) whole tables."""
    folder.mkdir(parents=True, exist_ok=True)
    merged: dict[str, Rows | None] = copy.deepcopy(BASE_TABLES) | (tables or {})
    for name, rows in merged.items():
        if rows is not None:
            write_csv(folder / f"{name}.csv", rows)
    if plan_text is not None:
        (folder / "plan.yaml").write_text(plan_text, encoding="utf-8")
    else:
        settings = copy.deepcopy(BASE_PLAN) | (plan or {})
        (folder / "plan.yaml").write_text(
            yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return folder


def base_rows(table: str) -> Rows:
    return copy.deepcopy(BASE_TABLES[table])


def issues_of(path: Path) -> list[InputIssue]:
    with pytest.raises(InputError) as info:
        load_problem(path)
    return info.value.issues


@pytest.fixture
def inputs(tmp_path: Path):  # noqa: ANN201
    """``inputs(tables=…, plan=…)`` → a folder with the baseline bent as asked."""

    def make(**kwargs: Any) -> Path:
        return write_inputs(tmp_path / "hospital", **kwargs)

    return make
