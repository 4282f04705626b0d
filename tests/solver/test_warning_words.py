"""The plan's warnings in the plan's language: every key of the words table in both languages
with the same fields, and the months' warnings in Chinese — departments by name, people and
seats still with the ids the independent checker reads."""

from __future__ import annotations

import string

from planner.warning_labels import TEXT, warning_words
from tests.solver.months_builders import block, hospital, programme, seat
from tests.solver.test_months import stays


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages_with_the_same_fields() -> None:
    for key, (zh, en) in TEXT.items():
        assert zh and en, key
        if key != "dept":  # Chinese names a department by name alone: 内科, not 内科 (NK)
            assert fields(zh) == fields(en), key


def test_a_block_left_unplanned_is_said_in_chinese() -> None:
    r = stays(hospital(programmes=(programme(),),
                       blocks=(block(1, "A", lo=3, hi=3), block(2, "B", lo=3, hi=3)),
                       settings={"language": "zh"}))
    [line] = r.warnings
    assert line == ("轮转项目 轮转P：2 人各需在乙科（2026-01 至 2026-06）轮转 3 个月；第2段未能安排 "
                    "1 人：名H1（H1）：2026-01 至 2026-06 除其他轮转和进修（2026-04 至 2026-06）外"
                    "剩下的整月不够")


def test_a_seat_left_empty_is_said_in_chinese_with_its_id() -> None:
    r = stays(hospital(seats=(seat(seats=3),), settings={"language": "zh"}))
    assert any(w.startswith("进修名额 S1（省医院 心内，3 个月，2026-02-01 至 2026-02-28 开始）："
                            "1 个（共 3 个）未安排——符合条件 4 人，已安排 2 人") for w in r.warnings)


def test_names_and_months_in_each_language() -> None:
    zh, en = warning_words("zh"), warning_words("en")
    assert zh.dept("NK", "内科") == "内科" and en.dept("NK", "内科") == "内科 (NK)"
    assert zh.person("S03", "张伟") == "张伟（S03）" and en.person("S03", "张伟") == "S03 张伟"
    assert zh.months("2027-01..2027-03, 2027-07") == "2027-01 至 2027-03、2027-07"
    assert en.months("2027-01..2027-03") == "2027-01..2027-03"
    assert warning_words("fr").lang == "zh"
