"""English and Chinese spellings of every enumeration the office may type.

Offices write what their own forms say (``主治医师``, ``线上``, ``I类``); one table per
enumeration keeps the accepted spellings reviewable in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from planner.domain import Category, CreditClass, DayKind, Grade, Mode, Role

T = TypeVar("T")


def key(text: str) -> str:
    """Case, width and spacing do not matter: ``In Person`` = ``in-person`` = ``IN_PERSON``."""
    return text.strip().casefold().replace(" ", "-").replace("_", "-").replace("－", "-")


def _table(pairs: dict[T, tuple[str, ...]]) -> dict[str, T]:
    out: dict[str, T] = {}
    for value, spellings in pairs.items():
        for s in spellings:
            out[key(s)] = value
    return out


ROLES = _table(
    {
        Role.DOCTOR: ("doctor", "physician", "医生", "医师"),
        Role.NURSE: ("nurse", "护士", "护理"),
        Role.TECHNICIAN: ("technician", "tech", "技师", "医技"),
        Role.PHARMACIST: ("pharmacist", "药师", "药剂"),
        Role.ADMIN: ("admin", "administration", "行政", "管理"),
        Role.OTHER: ("other", "其他", "其它"),
    }
)

GRADES = _table(
    {
        Grade.NONE: ("none", "无", "无职称", "0"),
        Grade.JUNIOR: ("junior", "初级", "1"),
        Grade.INTERMEDIATE: ("intermediate", "中级", "2"),
        Grade.ASSOCIATE: ("associate", "associate-senior", "副高", "副高级", "3"),
        Grade.SENIOR: ("senior", "正高", "正高级", "4"),
    }
)

TITLES = (
    _table(
        {
            Grade.JUNIOR: (
                "住院医师",
                "医士",
                "医师",
                "resident",
                "护士",
                "护师",
                "nurse",
                "senior-nurse",
                "技士",
                "技师",
                "technician",
                "药士",
                "药师",
                "pharmacist",
            ),
            Grade.INTERMEDIATE: (
                "主治医师",
                "attending",
                "主管护师",
                "nurse-in-charge",
                "主管技师",
                "supervising-technician",
                "主管药师",
                "supervising-pharmacist",
            ),
            Grade.ASSOCIATE: (
                "副主任医师",
                "associate-chief-physician",
                "副主任护师",
                "associate-chief-nurse",
                "副主任技师",
                "副主任药师",
            ),
            Grade.SENIOR: (
                "主任医师",
                "chief-physician",
                "主任护师",
                "chief-nurse",
                "主任技师",
                "主任药师",
            ),
        }
    )
    | GRADES
)

CATEGORIES = _table(
    {
        Category.ETHICS: ("ethics", "职业道德", "医德医风"),
        Category.INFECTION: ("infection", "重点传染病", "院感", "传染病"),
        Category.SKILLS: ("skills", "技能培训", "专业技术培训"),
        Category.LAW: ("law", "法律法规"),
        Category.LECTURE: ("lecture", "全院业务学习", "专题讲座", "业务学习"),
        Category.GRAND_ROUND: ("grand-round", "病例讨论", "大查房"),
        Category.EXAM: ("exam", "理论考试", "考试"),
        Category.EXIT_EXAM: ("exit-exam", "出科考核"),
        Category.TEACH_BACK: ("teach-back", "回院汇报", "回院汇报讲课"),
        Category.OTHER: ("other", "其他", "其它"),
    }
)

MODES = _table(
    {
        Mode.IN_PERSON: ("in-person", "inperson", "offline", "线下", "面授", "现场"),
        Mode.ONLINE: ("online", "线上", "网络", "网课"),
    }
)

CREDIT_CLASSES = _table(
    {
        CreditClass.NONE: ("none", "无", "0", "-"),
        CreditClass.I: ("I", "1", "I类", "一类", "Ⅰ", "Ⅰ类", "class-I", "class1"),
        CreditClass.II: ("II", "2", "II类", "二类", "Ⅱ", "Ⅱ类", "class-II", "class2"),
    }
)

FREQUENCIES = _table(
    {
        "weekly": ("weekly", "每周"),
        "biweekly": ("biweekly", "fortnightly", "隔周", "每两周", "双周"),
        "monthly": ("monthly", "每月"),
        "quarterly": ("quarterly", "每季度", "每季"),
    }
)

ORDERS = _table({True: ("fixed", "固定", "顺序"), False: ("free", "自由", "不限")})

DAY_KINDS = _table(
    {
        DayKind.HOLIDAY: ("holiday", "放假", "节假日", "假日", "休"),
        DayKind.WORKDAY: ("workday", "调休", "调休上班", "上班", "班"),
    }
)

UNAVAILABLE_KINDS = _table({"staff": ("staff", "人员", "person"), "room": ("room", "场地", "房间")})

HISTORY_KINDS = _table(
    {
        "hours": ("hours", "学时"),
        "credits": ("credits", "学分"),
        "rotation": ("rotation", "轮转"),
    }
)

BOOLS = _table(
    {
        True: ("yes", "y", "true", "1", "是", "有", "对", "√"),
        False: ("no", "n", "false", "0", "否", "无", "不", "×"),
    }
)

WEEKDAYS = _table(
    {
        0: ("mon", "monday", "1", "周一", "星期一", "礼拜一"),
        1: ("tue", "tuesday", "2", "周二", "星期二", "礼拜二"),
        2: ("wed", "wednesday", "3", "周三", "星期三", "礼拜三"),
        3: ("thu", "thursday", "4", "周四", "星期四", "礼拜四"),
        4: ("fri", "friday", "5", "周五", "星期五", "礼拜五"),
        5: ("sat", "saturday", "6", "周六", "星期六", "礼拜六"),
        6: ("sun", "sunday", "7", "周日", "周天", "星期日", "星期天", "礼拜日", "礼拜天"),
    }
)

RULE_KINDS = _table(
    {
        "min-per-month": ("min-per-month", "每月至少", "每月"),
        "min-per-year": ("min-per-year", "每年至少", "每年"),
    }
)


def lookup(table: dict[str, T], text: str) -> T | None:
    return table.get(key(text))


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def first_spellings(table: Mapping[str, object], limit: int = 8, chinese: bool = False) -> str:
    """A short list of accepted spellings for "expected …" messages (one per value): the first
    of each, or (``chinese``) its first Chinese one where it has one."""
    seen: dict[object, str] = {}
    for spelling, value in table.items():
        if value not in seen or (chinese and _chinese(spelling) and not _chinese(seen[value])):
            seen[value] = spelling
    names = list(seen.values())[:limit]
    return " / ".join(names)
