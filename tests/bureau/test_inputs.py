"""The bureau's own files checked at the door: each problem names its file, row and column (or
entry), in Chinese by default and English on request; nothing is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planner.bureau.inputs import BureauInputError, load_bureau
from tests.bureau.conftest import BUREAU_EXAMPLE
from tests.conftest import run_cli


@pytest.fixture()
def city(tmp_path: Path) -> Path:
    folder = tmp_path / "city"
    shutil.copytree(BUREAU_EXAMPLE, folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8-sig")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_the_example_loads():
    bureau = load_bureau(BUREAU_EXAMPLE)
    assert bureau.hospitals == ("bing", "jia", "yi")
    assert [s.partner for s in bureau.seats] == ["省人民医院", "市中心医院"]
    assert bureau.seats[1].hospitals == ("bing", "jia")
    assert bureau.trainings[0].venue.capacity == 40 and len(bureau.trainings[0].dates) == 2


def test_every_problem_in_chinese_with_file_row_and_column(city: Path):
    _edit(city / "bureau.yaml", "language: zh", "language: zh\nextra: 1")
    _edit(city / "city_trainings.csv", ",12,JJZX,", ",50,JJZX,")
    _edit(city / "city_trainings.csv", "2027-05-18", "2027-07-18")
    _edit(city / "shared_seats.csv", '"jia,bing"', '"jia,geng"')
    with pytest.raises(BureauInputError) as caught:
        load_bureau(city)
    lines = caught.value.lines()
    assert "bureau.yaml，“extra”项——应为以下设置之一：bureau, language, horizon, partners, " \
           "solver" in lines
    assert "city_trainings.csv，第 2 行，“cohort_size”列：填的是“50”——每期人数不能超过场地" \
           "“市急救中心培训楼”的容量 40 人" in lines
    assert "city_trainings.csv，第 2 行，“dates”列：填的是“2027-07-18”——应在计划期 2027-01-01 " \
           "至 2027-06-30 之内" in lines
    assert any(line.startswith("shared_seats.csv，第 3 行，“hospitals”列：填的是“geng”——应为 "
                               "hospitals/ 下已有的医院文件夹名") for line in lines)
    english = caught.value.lines("en")
    assert "city_trainings.csv, row 2, column 'cohort_size': got '50' — expected at most the " \
           "capacity of venue '市急救中心培训楼' (40)" in english


def test_output_may_not_be_the_inputs(city: Path):
    result = run_cli("bureau", "plan", city, "-o", city, "--sequential")
    assert result.exit_code == 1 and "不能包含当前文件夹，也不能是输入或计划状态文件夹" in result.output
