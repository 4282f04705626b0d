"""summary.html on the hand-made plan: the figures, escaping, self-containment, both languages
and byte-identical output."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from planner.report import write_summary
from tests.report.builders import EXPECTED, FORMULA_NAME, PLUS_TOPIC, XSS_NAME
from tests.report.conftest import Case
from tests.report.pages import read_html, visible_text

CJK = re.compile(r"[\u3400-\u9fff]")


def test_headline_figures(tiny: Case) -> None:
    _, figures = read_html(tiny.folder / "summary.html")
    assert figures == {
        "fig-attainment": f"{EXPECTED['quota_attainment']:.2f}%",
        "fig-violations": "0",
        "fig-staff": str(EXPECTED["staff"]),
        "fig-sessions": str(EXPECTED["sessions"]),
        "fig-rotations": str(EXPECTED["rotation_blocks"]),
        "fig-months-away": "1",
        "fig-people-short": str(EXPECTED["people_short"]),
        "fig-missed": str(EXPECTED["missed"]),
        # each phase in plain words: proved best, built step by step, usable
        "fig-phases": "轮转与进修月份：最优（每一步都已证明是最好的安排）"
                      "课表：逐项排定，未证明是最好的安排"
                      "参训安排：可用，但未证明是最好的安排",
    }
    text = visible_text(tiny.folder / "summary.html")
    # no solver words: objective, bound and gap are in plan.json, wall-clock times in run.log
    for jargon in ("run.log", "wall_seconds", "目标值", "下界", "相对差距", "OPTIMAL", "FEASIBLE",
                   "Hint", "hint"):
        assert jargon not in text, jargon


def test_quota_and_unmet_tables_match_the_plan(tiny: Case) -> None:
    tables, _ = read_html(tiny.folder / "summary.html")
    quotas = tables["quota-table"]
    assert len(quotas) == len(tiny.plan.quotas)
    short = [cells for mark, cells in quotas if mark == "short"]
    assert len(short) == EXPECTED["short_lines"]
    assert sum(float(cells[8]) for cells in short) == sum(q.shortfall for q in tiny.plan.quotas)
    assert ["S008", FORMULA_NAME, "外科", "全院业务学习", "学时", "3", "0", "1.5", "1.5",
            "各场次已满员"] in short
    unmet = tables["unmet-table"]
    assert len(unmet) == EXPECTED["short_lines"] + EXPECTED["missed"]
    assert ["S007", XSS_NAME, "内科", "缺席必修场次", "全院业务学习 第2讲", "",
            "外出/请假（每场均不在）", "请假或授课：2026-04-07、2026-04-09"] in [cells for _, cells in unmet]


def test_hostile_names_are_text(tiny: Case) -> None:
    raw = (tiny.folder / "summary.html").read_text(encoding="utf-8")
    assert XSS_NAME not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert raw.count("<script") == 1  # the page's own script, nothing else
    assert XSS_NAME in visible_text(tiny.folder / "summary.html")  # shown, as text
    assert PLUS_TOPIC in visible_text(tiny.folder / "summary.html")


def test_self_contained(tiny: Case) -> None:
    """No file or network fetch: no src, no <link>, links and url() only to the page itself."""
    raw = (tiny.folder / "summary.html").read_text(encoding="utf-8")
    assert not re.search(r"\ssrc\s*=", raw)
    assert "<link" not in raw and "@import" not in raw
    assert set(re.findall(r'href="([^"#]?)', raw)) <= {""}
    assert set(re.findall(r"url\((.)", raw)) <= {"#"}
    assert "default-src 'none'" in raw.replace("&#39;", "'")
    assert raw.count('class="chart"') == 4  # Gantt, coverage, rooms, speakers (all 20 printed)


def test_sections_in_both_languages(tiny: Case, tiny_en: Case) -> None:
    zh = visible_text(tiny.folder / "summary.html")
    en = visible_text(tiny_en.folder / "summary.html")
    for words in ("个人学时与学分", "逐月讲座日程", "轮转与进修", "科室在岗人数", "教室使用率",
                  "讲者授课负荷", "未完成事项及原因", "节假日说明"):
        assert words in zh
    for words in ("Hours and credits per person", "Sessions month by month",
                  "Rotations and external study", "Department cover", "Room utilisation",
                  "Speaker load", "Unmet items and their reasons", "Holiday notes"):
        assert words in en


def test_english_page_has_no_chinese_beyond_the_data(tiny_en: Case) -> None:
    """Take away every text the office typed (names, titles, topics, …) and the calendar's own
    notes: what is left of the English page must have no Chinese in it."""
    p, plan = tiny_en.problem, tiny_en.plan
    data = [p.settings.hospital, *(s.name for s in p.staff), *(d.name for d in p.departments),
            *(r.name for r in p.rooms), *(c.title for c in p.courses),
            *(t.topic for t in p.topics), *(s.topic for s in plan.sessions),
            *tiny_en.calendar.holidays.values(), *tiny_en.calendar.notes,
            *(x.partner for x in plan.placements), *(x.specialty for x in plan.placements),
            *(u.reason for u in p.unavailability)]
    text = visible_text(tiny_en.folder / "summary.html")
    for d in sorted(data, key=len, reverse=True):
        text = text.replace(d, "")
    assert CJK.findall(text) == []


def test_byte_identical_for_the_same_plan(tiny: Case, tmp_path: Path) -> None:
    write_summary(tiny.problem, tiny.calendar, tiny.plan, tmp_path, violations=0)
    for name in ("summary.html", "summary.xlsx", "summary.md"):
        assert (tmp_path / name).read_bytes() == (tiny.folder / name).read_bytes(), name


def test_estimated_days_are_flagged(tiny: Case, tmp_path: Path) -> None:
    """An estimated calendar (``--estimate-holidays``) is said loudly, with the sessions on it."""
    cal = replace(tiny.calendar, estimated=frozenset({dt.date(2026, 3, 3), dt.date(2026, 3, 4)}),
                  notes=("2026：【估算 ESTIMATED】按 holidays 包估算",))
    write_summary(tiny.problem, cal, tiny.plan, tmp_path, violations=0)
    text = " ".join(visible_text(tmp_path / "summary.html").split())
    assert "以下日期的节假日安排为估算，请对照国务院办公厅通知核实： 2026-03-03, 2026-03-04" in text
    assert "安排在估算日期上的讲座： 2026-03-03 全院业务学习" in text
    assert "2026：【估算 ESTIMATED】按 holidays 包估算" in text
    raw = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert raw.count('<span class="mark est">估</span>') == 2  # both days in the month grid
