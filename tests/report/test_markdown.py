"""summary.md on the hand-made plan: headline, shortfalls per person with reasons, unmet list."""

from __future__ import annotations

from planner.report.markdown import md_escape
from tests.report.builders import EXPECTED
from tests.report.conftest import Case


def test_headline_shortfalls_and_unmet(tiny: Case) -> None:
    md = (tiny.folder / "summary.md").read_text(encoding="utf-8")
    assert md.startswith("# 测试医院 · 继续医学教育计划摘要\n")
    assert f"- **讲座场次**: {EXPECTED['sessions']}\n" in md
    assert f"- **学时达标率 (%)**: {EXPECTED['quota_attainment']}\n" in md
    assert "- **硬性规则违规（独立校核）**: 0\n" in md
    assert "run.log" not in md and "目标值" not in md and "下界" not in md
    shortfalls = md.split("## 个人未达标项")[1].split("## ")[0]
    rows = [line for line in shortfalls.splitlines() if line.startswith("| S")]
    assert len(rows) == EXPECTED["short_lines"]
    assert "| S008 | =HYPERLINK(\"http://x\",\"y\") | 外科 | 全院业务学习 (学时) | 3 | 0 | 1.5 | 1.5 | " \
           "各场次已满员 |" in rows
    unmet = md.split("## 未完成事项及原因")[1]
    assert len([x for x in unmet.splitlines() if x.startswith("| S")]) == (
        EXPECTED["short_lines"] + EXPECTED["missed"])
    assert f"学时/学分不足: {EXPECTED['short_lines']} · 缺席必修场次: {EXPECTED['missed']}" in md


def test_markup_is_escaped(tiny: Case) -> None:
    md = (tiny.folder / "summary.md").read_text(encoding="utf-8")
    assert "<script>" not in md and "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert md_escape("a|b\n*c*_[x](y)") == "a\\|b \\*c\\*\\_\\[x\\](y)"
