"""A new clerk's path, inputs side (issue 14): take the template, fill in a 30-person hospital by
typing names, not codes — on the Chinese sheets, under the Chinese headers — then ``planner
validate`` and ``planner plan`` (exit 0); and the mistakes such a clerk makes, each reported in
Chinese at its sheet, row and column with what to do (and in English when the plan asks)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import re

import openpyxl
import pytest
from typer.testing import CliRunner

from planner.cli import app
from planner.template import write_template

TODAY = dt.date(2026, 12, 3)  # the template plans 2027 (holidays estimated, marked 估算)
SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN = ("建国", "娜", "伟", "洋", "静", "帆", "敏", "磊", "强", "芳", "丽", "凯", "军", "霞", "勇")
DEPARTMENTS = [("NK", "内科"), ("WK", "外科"), ("JZ", "急诊科"), ("EK", "儿科"), ("YJ", "医技科")]
ROLES = ("医生", "医生", "护士", "护士", "技师", "药师")
TITLES = {"医生": ("主任医师", "主治医师"), "护士": ("主管护师", "护师"), "技师": ("主管技师", "技师"),
          "药师": ("主管药师", "药师")}


def people() -> list[dict[str, object]]:
    """30 people, six a department, every name unique."""
    out = []
    for n in range(30):
        name = SURNAMES[n % 10] + GIVEN[n // 10 * 5 + n % 5]
        role = ROLES[n % 6]
        out.append({"工号": f"E{n + 1:03d}", "姓名": name, "科室": DEPARTMENTS[n // 6][1],
                    "角色": role, "职称": TITLES[role][n % 2],
                    "出生日期": dt.date(1970 + n, 1 + n % 12, 1 + n % 28)})
    return out


def fill(ws, rows: list[dict[str, object]]) -> None:  # noqa: ANN001
    """Replace a sheet's example rows by ``rows``, typed under its Chinese headers."""
    headers = [c.value for c in ws[1]]
    ws.delete_rows(2, ws.max_row)
    for number, row in enumerate(rows, start=2):
        for key, value in row.items():
            ws.cell(row=number, column=headers.index(key) + 1, value=value)


def hospital(folder: Path, *, staff: list[dict[str, object]] | None = None,
             courses: list[dict[str, object]] | None = None, language: str = "zh") -> Path:
    """The template filled in with a 30-person hospital: every reference a name."""
    path = folder / "县医院.xlsx"
    write_template(path, today=TODAY)
    wb = openpyxl.load_workbook(path)
    staff = staff or people()
    names = [p["姓名"] for p in staff]
    for row in wb["设置"].iter_rows(min_row=2):
        if row[0].value == "医院名称":
            row[1].value = "县人民医院"
        if row[0].value == "语言":
            row[1].value = language
        if row[0].value == "学分要求对象":
            row[1].value = "nobody"  # this hospital plans hours only
    fill(wb["科室"], [{"编号": i, "名称": n, "最少在岗": "50%"} for i, n in DEPARTMENTS])
    fill(wb["人员"], staff)
    fill(wb["场地"], [{"编号": "R1", "名称": "学术报告厅", "容量": 60, "设施": "投影仪"},
                      {"编号": "R2", "名称": "示教室", "容量": 20, "设施": "投影仪，技能室"}])
    fill(wb["课程"], courses or [
        {"编号": "QY", "名称": "全院业务学习", "类别": "全院业务学习", "学时": 1.5, "次数": 12,
         "频次": "每月", "对象": "全体", "主讲人": f"{names[0]}，{names[6]}、{names[12]}",
         "场地要求": "投影仪"},
        {"编号": "YD", "名称": "医德医风专题讲座", "类别": "职业道德", "学时": 1.5, "次数": 4,
         "重复场次": 2, "录播": "是", "对象": "全体", "主讲人": f"{names[1]}；{names[7]}"},
        {"编号": "YD-ON", "名称": "医德医风网络课程", "类别": "职业道德", "形式": "线上", "学时": 6,
         "对象": "全体"},
        {"编号": "CPR", "名称": "心肺复苏培训", "类别": "技能培训", "学时": 1.5, "每期人数上限": 10,
         "对象": "科室=内科,外科,急诊科", "主讲人": names[12], "场地要求": "技能室"},
    ])
    fill(wb["讲题"], [{"课程": "QY", "次序": 1, "讲题": "急性胸痛的规范化诊治", "主讲人": names[0]}]
         + [{"课程": "QY", "次序": n, "讲题": f"专题{n}"} for n in range(2, 13)])
    fill(wb["学时要求"], [{"对象": "全体", "类别": "职业道德", "最少学时": 12, "线上最多占比": 0.5}])
    fill(wb["全院规则"], [{"规则": "每月至少", "类别": "全院业务学习", "最少次数": 1}])
    fill(wb["已定场次"], [{"课程": "QY", "次序": 1, "场次": 1, "场地": "学术报告厅",
                           "主讲人": names[0]}])
    fill(wb["不可用"], [{"类型": "人员", "编号": names[3], "开始日期": dt.date(2027, 4, 1),
                         "结束日期": dt.date(2027, 4, 7), "原因": "病假"},
                        {"类型": "场地", "编号": "示教室", "开始日期": dt.date(2027, 8, 1),
                         "结束日期": dt.date(2027, 8, 31), "原因": "装修"}])
    for name in ("轮转项目", "轮转科室", "进修名额", "已完成"):
        fill(wb[name], [])
    wb.save(path)
    return path


def test_a_hospital_typed_by_name_validates_and_plans(tmp_path: Path) -> None:
    book = hospital(tmp_path)
    runner = CliRunner()
    checked = runner.invoke(app, ["validate", str(book)], catch_exceptions=False)
    assert checked.exit_code == 0, checked.output
    assert "30" in checked.output and "warning" not in checked.output
    out = tmp_path / "out"
    planned = runner.invoke(app, ["plan", str(book), "-o", str(out), "--time-limit", "5",
                                  "--state", str(tmp_path / "state")], catch_exceptions=False)
    assert planned.exit_code == 0, planned.output
    plan = json.loads((out / "plan" / "plan.json").read_text("utf-8"))
    speakers = {s["speaker"] for s in plan["sessions"] if s["course"] == "QY"}
    assert speakers <= {"E001", "E007", "E013"}  # names typed, ids planned
    first = next(s for s in plan["sessions"] if s["course"] == "QY" and s["part"] == 1)
    assert (first["room"], first["speaker"]) == ("R1", "E001")
    # Every line on the way is the clerk's language: each says something in Chinese (ids,
    # dates, names and numbers aside), none in English words.
    for line in (checked.output + planned.output).splitlines():
        words = re.findall(r"[A-Za-z]{4,}", line)
        assert not words or HAN.search(line), line
    _read_in_a_browser(out / "summary.html")


CHROMIUM = Path("/usr/bin/chromium")  # Debian's, as tests/report/test_browser.py drives it
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
HAN = re.compile(r"[\u4e00-\u9fff]")
#: what only the planner's insides say: course ids of exit exams and teach-backs, solver words
JARGON = ("exit:", "teach-back:", "目标值", "下界", "wall_seconds", "run.log", "OPTIMAL",
          "FEASIBLE", "solver")


def _read_in_a_browser(html: Path) -> None:
    """The summary as the clerk reads it, in a real headless Chromium: Chinese headings, no
    planner jargon or internal ids in the visible text, no script error; a screenshot kept in
    tests/artifacts/ for a person to look at."""
    text = html.read_text("utf-8")
    assert '<html lang="zh' in text
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (`make test` tries apt)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(html.as_uri(), wait_until="load")
        visible = page.inner_text("body")
        headings = page.eval_on_selector_all("h1, h2", "hs => hs.map(h => h.innerText)")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "clerk-summary.png"), full_page=False)
        browser.close()
    assert not errors, errors
    assert headings and all(HAN.search(h) for h in headings), headings
    assert not [j for j in JARGON if j in visible], [j for j in JARGON if j in visible]


def mistakes(tmp_path: Path, language: str) -> list[str]:
    staff = people()
    assert staff[20]["姓名"] == "王丽"
    staff[29]["姓名"] = "王丽"  # two people of one name: E021 in 儿科, E030 in 医技科
    staff[1]["科室"] = "内一科"  # a department that does not exist
    names = [p["姓名"] for p in people()]
    courses = [
        {"编号": "YD", "名称": "医德医风专题讲座", "类别": "职业道德", "学时": 1.5, "次数": 1,
         "对象": "全体", "主讲人": "王丽"},  # stands for two people
        {"编号": "GR", "名称": "院感培训", "类别": "重点传染病", "学时": 1.5, "次数": 1,
         "对象": "全体", "主讲人": f"{names[1]}，王建"},  # a name typed short
        {"编号": "QY", "名称": "全院业务学习", "类别": "全院业务学习", "学时": 1.5, "次数": 12,
         "频次": "每月", "对象": "科室=内科；外科", "主讲人": names[0]},  # ； splits the filter
    ]
    book = hospital(tmp_path, staff=staff, courses=courses, language=language)
    result = CliRunner().invoke(app, ["validate", str(book)], catch_exceptions=False)
    assert result.exit_code == 2
    return [line.strip() for line in result.output.splitlines() if line.strip()]


def test_the_clerks_mistakes_are_said_in_chinese_with_the_fix(tmp_path: Path) -> None:
    lines = mistakes(tmp_path, "zh")
    text = "\n".join(lines)
    assert lines[0] == "输入中有 4 处问题，未写出任何文件：", text
    assert ("- 县医院.xlsx:人员，第 3 行，“科室”列：填的是“内一科”——应为科室表中已有的科室（编号或名称）。"
            "是否是：内科（NK）？") in text
    assert ("- 县医院.xlsx:课程，第 2 行，“主讲人”列：填的是“王丽”——“王丽”有 2 位同名人员：王丽（E021，"
            "儿科）、王丽（E030，医技科），无法确定是哪一位。请改填工号（如 E021），或在姓名后注明科室") in text
    assert ("- 县医院.xlsx:课程，第 3 行，“主讲人”列：填的是“李娜，王建”——应为人员（姓名或工号）或科室的名单，"
            "或对象写法如“角色=医生”（找不到：王建）。是否是：王建国（E001，内科）") in text
    assert "- 县医院.xlsx:课程，第 4 行，“对象”列：填的是“科室=内科；外科”——对象写法有误：“外科”不是" in text
    assert "请" in lines[-1] and "expected" not in text


def test_the_same_mistakes_in_english_when_the_plan_asks(tmp_path: Path) -> None:
    text = "\n".join(mistakes(tmp_path, "en"))
    assert "4 problem(s) in the inputs — nothing was written:" in text
    assert ("县医院.xlsx:课程, row 2, column '主讲人': got '王丽' — expected one person, but 2 staff "
            "are called '王丽': 王丽 (E021, 儿科), 王丽 (E030, 医技科). Write the staff id") in text
    assert "(unknown: 王建). Did you mean 王建国 (E001, 内科)?" in text
    assert "Did you mean 内科 (NK)?" in text
