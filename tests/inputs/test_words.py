"""Both languages complete: every message about the inputs has a Chinese and an English text
taking the same values, every key the loader uses exists, and the office reads its problems in
the plan's language."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from conftest import write_inputs

from planner.errors import InputError, msg
from planner.inputs import load_problem, words
from planner.inputs.words import TEXT

SOURCES = sorted((Path(words.__file__).parent).glob("*.py")) + [
    Path(words.__file__).parent.parent / "errors.py"]


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages_with_the_same_fields() -> None:
    for key, (zh, en) in TEXT.items():
        assert zh and en, key
        assert fields(zh) == fields(en), key
        assert zh != en, key  # a Chinese text that is still English


def test_every_key_the_loader_uses_has_words() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)
    plain = set(re.findall(r'msg\(\s*"([a-z0-9_.]+)"', source))
    assert plain and not plain - set(TEXT), plain - set(TEXT)
    for prefix in re.findall(r'msg\(\s*f"([a-z0-9_.]+)\{', source):
        assert any(k.startswith(prefix) for k in TEXT), prefix
    for what in re.findall(r'enum_parser\([^()]*(?:\([^()]*\))?[^()]*,\s*"([a-z_0-9]+)"\)', source):
        assert f"what.{what}" in TEXT, what
    for kind in ("department", "staff", "room", "course", "programme", "slot"):
        assert f"ref.unknown.{kind}" in TEXT
    for kind in ("department", "staff", "room"):
        assert f"ref.ambiguous.{kind}" in TEXT and f"ref.ambiguous.{kind}.fix" in TEXT


def test_a_message_reads_in_either_language() -> None:
    m = msg("cell.int.range", low=1, high=10_000)
    assert m.render("zh") == "应为 1 到 10,000 之间的整数"
    assert m.render("en") == "a whole number from 1 to 10,000"
    nested = msg("pin.run", most=2, why=msg("runs.repeats", course="CPR", runs=2))
    assert "每一讲最多开" in nested.render("zh") and "runs each session" in nested.render("en")


@pytest.mark.parametrize(("language", "lang", "expected"), [
    (None, None, "人员.csv，第 2 行，“科室”列：填的是“XX”——应为科室表中已有的科室（编号或名称）"),
    ("en", None, "人员.csv, row 2, column '科室': got 'XX' — expected a known department id or "
                 "name"),
    ("en", "zh", "人员.csv，第 2 行，“科室”列"),
    (None, "en", "人员.csv, row 2, column '科室': got 'XX'"),
])
def test_problems_follow_the_plan_language_or_the_one_asked_for(
        tmp_path: Path, language: str | None, lang: str | None, expected: str) -> None:
    from conftest import base_rows, write_csv

    folder = write_inputs(tmp_path / "h", plan={"language": language} if language else None)
    rows = base_rows("staff")
    rows[0]["department"] = "XX"
    (folder / "staff.csv").unlink()
    write_csv(folder / "人员.csv", [{"工号" if k == "id" else "科室" if k == "department" else k: v
                                    for k, v in r.items()} for r in rows])
    with pytest.raises(InputError) as caught:
        load_problem(folder, language=lang)
    assert caught.value.lines()[0].startswith(expected), caught.value.lines()[0]


def test_unreadable_plan_settings_are_reported_in_chinese(tmp_path: Path) -> None:
    folder = write_inputs(tmp_path / "h", plan_text="language: en\nhorizon: [")
    with pytest.raises(InputError) as caught:
        load_problem(folder)
    assert caught.value.heading().startswith("输入中有 1 处问题")
    assert "应为正确的 YAML 写法" in caught.value.lines()[0]
