"""A mistyped command line is told in the command line's words, with what to type instead, and
exits 2 — never click's English ("Missing argument", "No such option") on a Chinese desk."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLE, run_cli

ENGLISH = ("Missing", "Invalid value", "No such", "requires an argument", "Got unexpected",
           "Did you mean")

CASES = [
    (["plan"], ["缺少 INPUTS", "输入文件夹"]),
    (["plann", "x"], ["没有 plann 这个命令", "是不是要写 plan"]),
    (["plan", EXAMPLE, "--tim", "3"], ["没有 --tim 这个选项", "是不是要写 --time-limit"]),
    (["plan", EXAMPLE, "--seeed", "3"], ["没有 --seeed 这个选项", "是不是要写 --seed"]),
    (["plan", EXAMPLE, "--time-limit"], ["选项 --time-limit 后面要写一个值"]),
    (["plan", EXAMPLE, "--time-limit", "abc"], ["--time-limit 的值不对", "应为一个数"]),
    (["plan", EXAMPLE, "--seed", "1.5"], ["--seed 的值不对", "应为一个整数"]),
    (["validate", EXAMPLE, "extra"], ["多写了 extra"]),
]


@pytest.mark.parametrize(("args", "said"), CASES, ids=[" ".join(map(str, a)) for a, _ in CASES])
def test_a_mistyped_command_line_is_told_in_chinese(args: list[object], said: list[str]) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())  # the error panel wraps long lines
    for words in said:
        assert words in text.replace("│ ", "").replace(" │", ""), result.output
    assert not [w for w in ENGLISH if w in result.output], result.output


def test_english_keeps_clicks_own_words(monkeypatch: pytest.MonkeyPatch) -> None:
    import planner.cli as cli
    from planner.cli_labels import labels_for

    monkeypatch.setattr(cli, "H", labels_for("en"))
    result = run_cli("plan", EXAMPLE, "--bogus")
    assert result.exit_code == 2
    assert "No such option" in result.output
