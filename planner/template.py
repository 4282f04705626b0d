"""``planner template``: an input workbook an office can fill in, in Chinese, that plans as it is.

Sheets and headers carry the Chinese names (the loader reads the English ones too); each header's
note and the 说明 sheet say what the column means; dropdowns offer the Chinese spellings of every
enumeration and read the names on the 科室, 场地 and 人员 sheets (and the ids on 课程, 时段 and
轮转项目), so a department, room or person is picked by name. The lists of the plan settings —
时段, 学时要求, 全院规则 — are sheets with one row each. The example rows are a small hospital
that validates without a problem and plans every required hour: the office edits them rather
than starting from nothing. The column list comes from :mod:`planner.inputs.schema`, so the
template can never drift from what the loader accepts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from planner.domain import default_credit_settings
from planner.inputs.export import save_workbook
from planner.inputs.schema import (
    PLAN_KEYS,
    PLAN_SHEET_ZH,
    SETTING_TABLES,
    TABLES,
    TABLES_BY_NAME,
    Column,
    Table,
)

LAST_ROW = 1000
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
README = "说明"
#: the sheet and column a reference column's dropdown reads: the names of departments, rooms and
#: people, the ids of courses, slots and programmes
SOURCES = {"department": ("departments", "B"), "room": ("rooms", "B"), "staff": ("staff", "B"),
           "course": ("courses", "A"), "slot": ("slots", "A"), "programme": ("programmes", "A")}
#: columns naming a course, slot or programme (by id), for their dropdowns
ID_REFERENCES = {("topics", "course"): "course", ("pins", "course"): "course",
                 ("pins", "slot"): "slot", ("programme_blocks", "programme"): "programme",
                 ("attendance_records", "course"): "course", ("history", "programme"): "programme",
                 ("unavailability", "id"): "staff"}


def template_year(today: dt.date | None = None) -> int:
    """The year the template plans: the next calendar year."""
    return (today or dt.date.today()).year + 1


def default_plan(today: dt.date | None = None) -> dict[str, Any]:
    """Settings for next calendar year (the 设置 sheet; slots, quotas and rules are sheets)."""
    year = template_year(today)
    return {
        "hospital": "",
        "language": "zh",
        "timezone": "Asia/Shanghai",
        "horizon": {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)},
        "public_base_url": "",
        **default_credit_settings("职称>=初级"),
        "solver": {"time_limit": 60, "seed": 1, "workers": 2},
    }


# ------------------------------------------------------------------------------- example rows


def _first(year: int, month: int, weekday: int, after: int = 1) -> dt.date:
    """The first ``weekday`` (0 = Monday) of ``month`` on or after day ``after``."""
    day = dt.date(year, month, after)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def holiday_rows(year: int) -> list[dict[str, object]]:
    """The year's statutory holidays where ``chinesecalendar`` does not know it yet: the
    ``holidays`` package's estimate, each row marked 估算 for the office to check against the
    State Council's notice (make-up workdays are not in it)."""
    import chinese_calendar
    import holidays

    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
        return []
    except NotImplementedError:
        pass
    estimate = holidays.country_holidays("CN", years=year, language="zh_CN")
    return [{"date": day, "kind": "放假", "name": f"{name}（估算，请按国务院通知核对）"}
            for day, name in sorted(estimate.items())]


def example_rows(today: dt.date | None = None) -> dict[str, list[dict[str, object]]]:
    """A small hospital, every reference written by name: three departments, twelve people, two
    rooms, monthly whole-hospital lectures with a speaker and topic each, ethics and
    infection-control hours in person and online, CPR in cohorts, a theory exam, a rotation
    before promotion with exit exams, one external-study seat, leave and a room closed."""
    year = template_year(today)
    topics = ["急性胸痛的规范化诊治", "院内感染防控新规解读", "抗菌药物合理使用", "医疗纠纷预防与处理",
              "危急值报告制度", "围手术期血糖管理", "急性脑卒中的早期识别", "老年患者跌倒预防",
              "输血安全与不良反应处理", "医疗文书书写规范", "慢性阻塞性肺疾病的规范治疗", "年度质控总结"]
    speakers = ["王建国", "陈静", "张伟", "赵敏", "王建国", "陈静", "张伟", "赵敏", "王建国", "陈静",
                "张伟", "赵敏"]
    return {
        "departments": [
            {"id": "NK", "name": "内科", "min_on_duty": 1, "rotator_capacity": 1},
            {"id": "WK", "name": "外科", "min_on_duty": 1, "rotator_capacity": 1},
            {"id": "JZ", "name": "急诊科", "min_on_duty": "25%", "rotator_capacity": 1},
        ],
        "staff": [
            _person("S001", "王建国", "内科", "医生", "主任医师", "1968-03-12", "2000-08-01"),
            _person("S002", "李娜", "内科", "护士", "主管护师", "1985-07-01", "2008-08-01"),
            _person("S003", "孙丽", "内科", "医生", "住院医师", "1996-04-03", "2021-08-01"),
            _person("S004", "郑凯", "内科", "药师", "药师", "1990-06-06", "2014-08-01"),
            _person("S005", "陈静", "外科", "医生", "副主任医师", "1975-05-20", "2003-08-01"),
            _person("S006", "张伟", "外科", "医生", "主治医师", "1988-05-20", "2013-08-01"),
            _person("S007", "周强", "外科", "护士", "护士", "1998-09-09", "2020-08-01"),
            _person("S008", "黄磊", "外科", "医生", "住院医师", "1997-01-15", "2022-08-01"),
            _person("S009", "赵敏", "急诊科", "医生", "主治医师", "1988-11-02", "2012-08-01"),
            _person("S010", "刘洋", "急诊科", "护士", "护师", "1995-02-11", "2017-08-01"),
            _person("S011", "吴芳", "急诊科", "技师", "技师", "1992-12-12", "2015-08-01"),
            _person("S012", "杨帆", "急诊科", "医生", "主治医师", "1986-10-10", "2011-08-01"),
        ],
        "rooms": [
            {"id": "R1", "name": "学术报告厅", "capacity": 120, "features": "投影仪、录播"},
            {"id": "R2", "name": "技能培训中心", "capacity": 30, "features": "投影仪、技能室"},
        ],
        "courses": [
            _course("QY", "全院业务学习", "全院业务学习", 1.5, sessions=12, frequency="每月",
                    speakers="", room_feature="投影仪", credits=0.5, credit_class="II类"),
            _course("YD", "医德医风专题讲座", "职业道德", 1.5, sessions=6, repeats=2,
                    recording="是",
                    speakers="王建国，陈静", room_feature="投影仪", credits=0.5,
                    credit_class="II类"),
            _course("YD-ON", "医德医风网络课程", "职业道德", 3, mode="线上", credits=4,
                    credit_class="II类", due=dt.date(year, 6, 30), hospital_run="否"),
            _course("GR", "院感与重点传染病防控培训", "重点传染病", 1.5, sessions=4, repeats=2,
                    frequency="每季度", recording="是",
                    audience="角色=医生,护士,技师,药师", speakers="赵敏，张伟",
                    room_feature="投影仪", credits=0.5, credit_class="II类"),
            _course("GR-ON", "重点传染病防控网络课程", "重点传染病", 3, mode="线上",
                    audience="角色=医生,护士,技师,药师", credits=4, credit_class="II类",
                    due=dt.date(year, 9, 30), hospital_run="否"),
            _course("XM-I", "省级I类项目：急危重症救治新进展", "其他", 1.5, sessions=3, repeats=2,
                    speakers="外请:省人民医院专家组", room_feature="投影仪", credits=3,
                    credit_class="I类", hospital_run="否"),
            _course("CPR", "心肺复苏培训", "技能培训", 1.5, cohort_size=6, speakers="赵敏，杨帆",
                    room_feature="技能室", credits=0.5, credit_class="II类",
                    window_start=dt.date(year, 3, 1), window_end=dt.date(year, 11, 30)),
            _course("KS", "年度医学理论考试", "理论考试", 2, cohort_size=6,
                    audience="年龄<45；职称<=中级", credit_class="无",
                    window_start=dt.date(year, 10, 1), window_end=dt.date(year, 12, 15)),
        ],
        "topics": [{"course": "QY", "session": n, "topic": topic, "speaker": speaker}
                   for n, (topic, speaker) in enumerate(zip(topics, speakers, strict=True),
                                                        start=1)],
        "programmes": [
            {"id": "PROMO", "name": "晋升前轮转", "order": "固定", "participants": "孙丽",
             "exit_exam": "是", "exam_hours": 2},
        ],
        "programme_blocks": [
            {"programme": "PROMO", "block": 1, "departments": "外科", "min_months": 2,
             "max_months": 3},
            {"programme": "PROMO", "block": 2, "departments": "急诊科", "min_months": 2,
             "max_months": 3, "after": 1},
        ],
        "external_seats": [
            {"id": "JX1", "partner": "省人民医院", "specialty": "心血管内科",
             "start_earliest": dt.date(year, 7, 1), "start_latest": dt.date(year, 7, 31),
             "months": 2, "seats": 1, "candidates": "角色=医生；职称>=中级；科室=急诊科",
             "teach_back_weeks": 4},
        ],
        "pins": [
            {"course": "QY", "session": 1, "run": 1, "date": _first(year, 1, 1, after=10),
             "slot": "tue-pm", "room": "学术报告厅", "speaker": "王建国"},
        ],
        "unavailability": [
            {"kind": "人员", "id": "刘洋", "from": dt.date(year, 5, 10), "to": dt.date(year, 5, 12),
             "reason": "病假"},
            {"kind": "场地", "id": "技能培训中心", "from": dt.date(year, 7, 1),
             "to": dt.date(year, 7, 31), "reason": "装修"},
        ],
        "holidays": holiday_rows(year),
        "history": [
            {"staff_id": "李娜", "kind": "学时", "category": "职业道德", "amount": 1.5,
             "note": "上年度结转"},
        ],
        "attendance_records": [],
        "slots": [
            {"id": "tue-pm", "weekday": "周二", "start": "16:30", "end": "18:00", "makeup": "否"},
            {"id": "thu-pm", "weekday": "周四", "start": "16:30", "end": "18:00", "makeup": "否"},
            {"id": "fri-pm", "weekday": "周五", "start": "15:30", "end": "17:30", "makeup": "否"},
        ],
        "quotas": [
            {"who": "全体", "category": "职业道德", "min_hours": 12, "online_share_max": 0.5},
            {"who": "角色=医生,护士,技师,药师", "category": "重点传染病", "min_hours": 9,
             "online_share_max": 0.5},
        ],
        "rules": [
            {"kind": "每月至少", "category": "全院业务学习", "minimum": 1,
             "description": "每月至少一次全院业务学习"},
            {"kind": "每年至少", "category": "技能培训", "minimum": 2,
             "description": "技能培训每年不少于2次"},
        ],
    }


def _person(sid: str, name: str, department: str, role: str, title: str, birth: str,
            employed: str) -> dict[str, object]:
    return {"id": sid, "name": name, "department": department, "role": role, "title": title,
            "birth_date": dt.date.fromisoformat(birth),
            "employed_since": dt.date.fromisoformat(employed)}


def _course(cid: str, title: str, category: str, hours: float, **more: object) -> dict[str, object]:
    row: dict[str, object] = {"id": cid, "title": title, "category": category, "mode": "线下",
                              "hours": hours, "audience": "全体"}
    row.update(more)
    return row


# ------------------------------------------------------------------------------- sheets


def _note(column: Column) -> Comment:
    required = "（必填）" if column.required else ""
    comment = Comment(f"{column.zh}{required}：{column.help_zh}\n英文列名：{column.name}",
                      "planner")
    comment.width, comment.height = 300, 100
    return comment


def _validation(ws: Any, index: int, formula: str, listed: bool) -> None:
    letter = get_column_letter(index)
    validation = DataValidation(
        type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
        errorStyle="information" if listed else "warning",
        errorTitle="不在下拉列表中",
        error="可以照样填写：多个值用逗号或顿号隔开，其他写法见“说明”表。" if listed
        else "不在下拉列表中。其他写法（如英文）也可以，见“说明”表。")
    validation.add(f"{letter}2:{letter}{LAST_ROW}")
    ws.add_data_validation(validation)


def _dropdowns(ws: Any, table: Table, index: int, column: Column) -> None:
    if column.choices:
        _validation(ws, index, '"' + ",".join(column.choices_zh()) + '"', False)
        return
    kind = ID_REFERENCES.get((table.name, column.name)) or column.refers
    if kind in SOURCES:
        sheet, letter = SOURCES[kind]
        source = (TABLES_BY_NAME.get(sheet) or next(t for t in SETTING_TABLES if t.name == sheet))
        formula = f"'{source.zh}'!${letter}$2:${letter}${LAST_ROW}"
        _validation(ws, index, formula, column.kind in ("list", "who"))


def _table_sheet(wb: Workbook, table: Table, rows: list[dict[str, object]]) -> None:
    ws = wb.create_sheet(table.zh)
    for index, column in enumerate(table.columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.zh)
        cell.font = BOLD
        cell.comment = _note(column)
        ws.column_dimensions[get_column_letter(index)].width = max(12, 2 * len(column.zh) + 4)
        _dropdowns(ws, table, index, column)
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(table.columns, start=1):
            value = row.get(column.name)
            if value is None or value == "":
                continue
            cell = ws.cell(row=number, column=index, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"


STEPS = (
    "这是一套可以直接排程的示例：一所 12 人的小医院。请在各表中修改、增删示例行，换成本院的数据。",
    "先填“科室”“人员”“场地”，再填“课程”“讲题”等；“设置”表填计划期和学分要求；“时段”“学时要求”"
    "“全院规则”三张表每行一项。",
    "引用科室、场地和人员时直接写名称（内科、学术报告厅、王建国），也可以写编号；有同名的人时请写工号，"
    "或写成“张伟（外科）”。",
    "多个值用逗号、顿号或分号隔开，全角半角都可以（王建国，陈静；内科、外科）。",
    "带下拉箭头的列可从列表中选；下拉中的名单来自“科室”“场地”“人员”等表，填好这些表后即可选用。",
    "对象（谁参加、谁可以主讲）可写“全体”、人员或科室名单，或条件如“角色=医生；职称>=中级”。",
    "“节假日”表：chinesecalendar 还不知道的年份必须填写放假日和调休上班日。模板已按估算填好标有"
    "“估算”的放假日，请对照国务院办公厅的通知核对，并补上调休上班日。",
    "填好后在命令行运行：planner validate 本文件.xlsx 检查输入；没有问题再运行 planner plan "
    "本文件.xlsx 排出计划。",
)


def _readme_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet(README)
    ws.append(["怎样填写"])
    ws["A1"].font = BOLD
    for n, step in enumerate(STEPS, start=1):
        ws.append([f"{n}. {step}"])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=5)
        ws.cell(row=ws.max_row, column=1).alignment = WRAP
        ws.row_dimensions[ws.max_row].height = 32
    ws.append([])
    header = ws.max_row + 1
    ws.append(["表", "列", "必填", "说明", "英文名"])
    for cell in ws[header]:
        cell.font = BOLD
    ws.append([PLAN_SHEET_ZH, "", "是", "计划设置：每行一项（设置项 | 值 | 说明）", "plan"])
    for key, (name, meaning) in PLAN_KEYS.items():
        ws.append([PLAN_SHEET_ZH, name, "是" if key.startswith("horizon") else "", meaning, key])
    for table in SETTING_TABLES + TABLES:
        ws.append([table.zh, "", "是" if table.required or table.name == "slots" else "",
                   table.help_zh, table.name])
        ws.cell(row=ws.max_row, column=1).font = BOLD
        for column in table.columns:
            ws.append([table.zh, column.zh, "是" if column.required else "", column.help_zh,
                       column.name])
    for letter, width in zip("ABCDE", (14, 16, 6, 90, 24), strict=True):
        ws.column_dimensions[letter].width = width


def _plan_sheet(wb: Workbook, data: dict[str, Any]) -> None:
    from planner.inputs.plandoc import flatten

    ws = wb.create_sheet(PLAN_SHEET_ZH)
    ws.append(["设置项", "值", "说明"])
    for cell in ws[1]:
        cell.font = BOLD
    for key, value in flatten(data):
        name, meaning = PLAN_KEYS[key]
        ws.append([name, value if value != "" else None, meaning])
        if isinstance(value, dt.date):
            ws.cell(row=ws.max_row, column=2).number_format = "yyyy-mm-dd"
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 70
    ws.freeze_panes = "A2"


def write_template(path: Path, today: dt.date | None = None) -> None:
    """Write the workbook atomically (a temporary file renamed into place)."""
    wb = Workbook()
    wb.remove(wb.active)
    rows = example_rows(today)
    _readme_sheet(wb)
    _plan_sheet(wb, default_plan(today))
    for table in SETTING_TABLES + TABLES:
        _table_sheet(wb, table, rows.get(table.name, []))
    save_workbook(wb, Path(path))
