"""The words the command line and the plan's own sessions use: both languages complete, the
help in the language asked for, and sessions named as the office reads them."""

from __future__ import annotations

import os
import string
import subprocess
import sys

import pytest

from planner import cli_labels, names
from planner.cli_labels import env_language


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("table", [cli_labels.TEXT, names.TEXT], ids=["cli", "names"])
def test_every_key_has_both_languages_with_the_same_fields(table) -> None:  # noqa: ANN001
    for key, (zh, en) in table.items():
        assert zh and en, key
        if key != "month":  # 2027年3月 / Mar 2027: the English names the month
            assert fields(zh) == fields(en), key


def test_no_solver_term_in_what_the_office_reads() -> None:
    office = {k: v for k, v in cli_labels.TEXT.items()
              if k.startswith(("run.", "step.", "sum.", "phase.", "status.", "val.", "check."))
              and k != "run.head"}
    for key, (zh, en) in office.items():
        for word in ("objective", "bound", "目标值", "下界", "OPTIMAL", "FEASIBLE", "variables"):
            assert word not in zh and word not in en, (key, word)


@pytest.mark.parametrize(("env", "lang"), [
    ({}, "zh"), ({"LANG": "C.UTF-8"}, "zh"), ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"), ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"PLANNER_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"), ({"PLANNER_LANG": "en"}, "en"),
    ({"PLANNER_LANG": "fr"}, "zh"),
])
def test_the_language_before_a_plan_is_read(env: dict[str, str], lang: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PLANNER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert env_language() == lang


def help_text(lang: str, *args: str) -> str:
    env = {**os.environ, "PLANNER_LANG": lang, "COLUMNS": "100", "TERMINAL_WIDTH": "100"}
    proc = subprocess.run([sys.executable, "-m", "planner", *args, "--help"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_help_in_chinese_by_default_and_english_on_request() -> None:
    zh = help_text("zh", "plan")
    for words in ("用法：", "参数", "选项", "输入文件夹（plan.yaml 加 CSV 表）或 .xlsx 工作簿",
                  "计算时间上限", "显示本帮助并退出。", "[必填]"):
        assert words in zh, words
    assert "Usage:" not in zh and "search budget" not in zh
    en = help_text("en", "plan")
    for words in ("Usage:", "Arguments", "Options", "search budget, deterministic seconds",
                  "Show this message and exit."):
        assert words in en, words
    assert "输入文件夹" not in en


def session_names(lang: str) -> names.SessionNames:
    return names.SessionNames(
        lang, course_title={"GR-01": "院感与重点传染病防控培训", "CPR": "心肺复苏"}.get,
        person={"S013": "闫月月"}.get, department={"NK": "内科"}.get,
        partner=lambda seat, staff: "省人民医院" if (seat, staff) == ("JX1", "S013") else "")


def test_the_planners_own_sessions_are_named_not_coded() -> None:
    zh, en = session_names("zh"), session_names("en")
    assert zh.course("exit:NK:2027-03") == "出科考核（内科，2027年3月）"
    assert en.course("exit:NK:2027-03") == "Exit exam (内科, Mar 2027)"
    assert zh.course("teach-back:JX1:S013") == "进修汇报（闫月月，省人民医院）"
    assert en.course("teach-back:JX1:S013") == "Teach-back (闫月月, 省人民医院)"
    assert zh.part("teach-back:JX1:S013", 1) == "进修汇报（闫月月，省人民医院）"
    assert zh.part("GR-01", 3, 8) == "院感与重点传染病防控培训 第3讲"
    assert en.part("GR-01", 3, 8) == "院感与重点传染病防控培训, part 3"
    assert zh.part("CPR", 1, 1) == "心肺复苏"
    assert zh.leader("exit:NK:2027-03") == "考官" and zh.leader("GR-01") == "主讲"
    assert zh.course("exit:broken") == "exit:broken"  # not the planner's form: shown as it is


def test_an_error_given_in_both_languages_is_printed_in_the_commands_language() -> None:
    """publish, tokens and the state database say what is wrong in the language of the outputs
    they read (``str()`` keeps the English for logs); a plain message is printed as given."""
    from planner.errors import Both, PlannerError

    e = PlannerError(Both("订阅链接密钥已损坏", "the feed-token key is damaged"))
    assert (e.text("zh"), e.text("en"), str(e)) == (
        "订阅链接密钥已损坏", "the feed-token key is damaged", "the feed-token key is damaged")
    assert PlannerError("as typed").text("zh") == "as typed"
