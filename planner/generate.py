"""Synthetic hospitals in the public input format, for benchmarks and scale tests.

A generated hospital carries, per person, the same kinds of obligations as the bundled example
(``inputs/example``): every quota category, the monthly whole-hospital lecture, cohort skills
trainings, the theory exam, leave, rotations and external study. Courses, runs, speakers,
rooms and slots grow with the head count, so a larger hospital is a genuinely harder problem
rather than the small one repeated.

The numbers are chosen so that the requirements are *achievable*: each course allows enough
repeats that every department can send its people while keeping its minimum on duty, rooms are
big enough for one cohort, and every course fits in a slot. A benchmark that is infeasible by
construction would measure nothing.

Everything is drawn from ``random.Random(seed)`` and written in a fixed order, so the same
arguments give byte-identical files.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import math
import os
import random
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import holidays as holidays_pkg
import yaml

# ---------------------------------------------------------------------------------------------
# Names and titles (shared with scripts/make_example.py)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# Common surnames appear more often, as in any Chinese staff list.
_SURNAME_WEIGHTS = tuple(max(1.0, 12.0 - i * 0.25) for i in range(len(SURNAMES)))
GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林峰建国文志军海洋晨阳博昊天"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀玲燕萍红琳颖慧莉婷雪倩瑶洁琴晶佳欣怡悦梦蕾薇雯露月彤诗涵蓉"

#: Title ladders per role, lowest first, with the grade of each rung (docs/inputs.md).
LADDERS: dict[str, tuple[tuple[str, int], ...]] = {
    "doctor": (("住院医师", 1), ("主治医师", 2), ("副主任医师", 3), ("主任医师", 4)),
    "nurse": (("护士", 1), ("护师", 1), ("主管护师", 2), ("副主任护师", 3), ("主任护师", 4)),
    "technician": (("技士", 1), ("技师", 1), ("主管技师", 2), ("副主任技师", 3), ("主任技师", 4)),
    "pharmacist": (("药士", 1), ("药师", 1), ("主管药师", 2), ("副主任药师", 3), ("主任药师", 4)),
    "admin": (("none", 0),),
}
#: How likely each rung is (same order as LADDERS): a county hospital is bottom-heavy.
_RUNG_WEIGHTS: dict[str, tuple[float, ...]] = {
    "doctor": (30, 36, 24, 10),
    "nurse": (22, 36, 32, 8, 2),
    "technician": (10, 40, 38, 10, 2),
    "pharmacist": (10, 40, 38, 10, 2),
    "admin": (1,),
}
#: Plausible age range for each rung (index into the ladder); admin staff span a career.
_AGE_BY_RUNG: dict[str, tuple[tuple[int, int], ...]] = {
    "doctor": ((25, 33), (31, 46), (38, 55), (45, 59)),
    "nurse": ((21, 27), (24, 38), (31, 50), (40, 55), (46, 58)),
    "technician": ((21, 27), (24, 38), (31, 50), (40, 55), (46, 58)),
    "pharmacist": ((21, 27), (24, 38), (31, 50), (40, 55), (46, 58)),
    "admin": ((24, 58),),
}


class NameMaker:
    """Unique, plausible Chinese names drawn from one random stream."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def __call__(self, female: bool) -> str:
        pool = GIVEN_FEMALE if female else GIVEN_MALE
        for attempt in range(200):
            surname = self.rng.choices(SURNAMES, weights=_SURNAME_WEIGHTS)[0]
            given = self.rng.choice(pool)
            if attempt > 20 or self.rng.random() < 0.6:
                given += self.rng.choice(pool)
            name = surname + given
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("name space exhausted")  # pragma: no cover — 10^5 combinations


@dataclass
class Person:
    id: str
    name: str
    department: str
    role: str
    title: str
    grade: int
    birth_date: dt.date
    female: bool
    employed_since: dt.date
    specialty: str = ""
    email: str = ""

    def age_on(self, day: dt.date) -> int:
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


def make_person(
    rng: random.Random,
    names: NameMaker,
    sid: str,
    department: str,
    role: str,
    on: dt.date,
    rung: int | None = None,
    specialty: str = "",
    email_domain: str = "hospital.example.cn",
) -> Person:
    """One staff member whose age, title and years of service agree with each other."""
    ladder = LADDERS[role]
    if rung is None:
        rung = rng.choices(range(len(ladder)), weights=_RUNG_WEIGHTS[role])[0]
    title, grade = ladder[rung]
    lo, hi = _AGE_BY_RUNG[role][rung]
    age = rng.randint(lo, hi)
    birth = on - dt.timedelta(days=age * 365 + rng.randint(30, 330))
    female = rng.random() < {"nurse": 0.96, "doctor": 0.45}.get(role, 0.6)
    start_age = {"doctor": 25, "nurse": 20, "admin": 23}.get(role, 22)
    years = max(0, age - start_age - rng.randint(0, 2))
    employed = dt.date(on.year - years, rng.choice((7, 8, 9)), 1)
    if employed >= on:
        employed = dt.date(on.year - 1, 8, 1)
    return Person(
        sid,
        names(female),
        department,
        role,
        title,
        grade,
        birth,
        female,
        employed,
        specialty,
        f"{sid.lower()}@{email_domain}",
    )


# ---------------------------------------------------------------------------------------------
# Writing the files


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A CSV table as text: UTF-8 with BOM (Chinese Excel opens it cleanly), ``\\n`` line ends."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else _cell(v) for v in row])
    return "\ufeff" + buf.getvalue()


def _cell(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def plan_yaml(plan: dict[str, Any], comment: str = "") -> str:
    """plan.yaml in the documented style: block mappings, one flow mapping per list item."""
    head = "".join(f"# {line}\n" for line in comment.splitlines())
    parts = []
    for key, value in plan.items():
        flow = None if isinstance(value, (dict, list)) else False
        text = yaml.safe_dump(
            {key: value}, allow_unicode=True, sort_keys=False, default_flow_style=flow, width=200
        )
        if max(len(line) for line in text.splitlines()) > 120:  # too wide to read: one key per line
            text = yaml.safe_dump(
                {key: value}, allow_unicode=True, sort_keys=False, default_flow_style=False
            )
        parts.append(text)
    return head + "".join(parts)


def write_atomically(out_dir: Path, files: dict[str, str]) -> None:
    """Write every file into a temporary sibling folder, then swap it in: a failed run leaves
    the previous folder untouched and nobody ever reads a half-written hospital."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for name, text in sorted(files.items()):
            (tmp / name).write_text(text, encoding="utf-8", newline="")
        old = None
        if out_dir.exists():
            old = out_dir.parent / f"{tmp.name}.old"
            os.replace(out_dir, old)
        os.replace(tmp, out_dir)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


# ---------------------------------------------------------------------------------------------
# Calendar helpers


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    return dt.date(d.year + y, m + 1, min(d.day, calendar.monthrange(d.year + y, m + 1)[1]))


#: The 2027 holiday table the example office typed in. The State Council publishes 2027's
#: schedule only in late 2026; these dates follow the statutory rules (New Year 1 day, Spring
#: Festival 4 days from New Year's Eve, Labour Day 2, National Day 3, the others 1; weekend
#: holidays compensated, bridge days made up on weekends) and must be checked against the notice.
HOLIDAYS_2027: tuple[tuple[str, str, str], ...] = (
    ("2027-01-01", "holiday", "元旦"),
    ("2027-01-02", "holiday", "元旦"),
    ("2027-01-03", "holiday", "元旦"),
    ("2027-01-31", "workday", "春节调休上班"),
    ("2027-02-05", "holiday", "春节"),
    ("2027-02-06", "holiday", "春节"),
    ("2027-02-07", "holiday", "春节"),
    ("2027-02-08", "holiday", "春节"),
    ("2027-02-09", "holiday", "春节"),
    ("2027-02-10", "holiday", "春节"),
    ("2027-02-11", "holiday", "春节"),
    ("2027-02-12", "holiday", "春节"),
    ("2027-02-13", "holiday", "春节"),
    ("2027-02-20", "workday", "春节调休上班"),
    ("2027-04-03", "holiday", "清明节"),
    ("2027-04-04", "holiday", "清明节"),
    ("2027-04-05", "holiday", "清明节"),
    ("2027-05-01", "holiday", "劳动节"),
    ("2027-05-02", "holiday", "劳动节"),
    ("2027-05-03", "holiday", "劳动节"),
    ("2027-05-04", "holiday", "劳动节"),
    ("2027-05-05", "holiday", "劳动节"),
    ("2027-05-08", "workday", "劳动节调休上班"),
    ("2027-06-09", "holiday", "端午节"),
    ("2027-09-15", "holiday", "中秋节"),
    ("2027-09-26", "workday", "国庆节调休上班"),
    ("2027-10-01", "holiday", "国庆节"),
    ("2027-10-02", "holiday", "国庆节"),
    ("2027-10-03", "holiday", "国庆节"),
    ("2027-10-04", "holiday", "国庆节"),
    ("2027-10-05", "holiday", "国庆节"),
    ("2027-10-06", "holiday", "国庆节"),
    ("2027-10-07", "holiday", "国庆节"),
    ("2027-10-09", "workday", "国庆节调休上班"),
)

#: The last year the installed chinesecalendar is known to cover; later years get a table.
_CC_LAST_YEAR = 2026


def holiday_rows(years: Iterable[int]) -> list[tuple[str, str, str]]:
    """Rows for ``holidays.csv`` for years chinesecalendar does not know: the 2027 table above,
    later years from the ``holidays`` package (statutory days only, marked as a forecast)."""
    rows: list[tuple[str, str, str]] = []
    for year in sorted(set(years)):
        if year <= _CC_LAST_YEAR:
            continue
        if year == 2027:
            rows.extend(HOLIDAYS_2027)
            continue
        for d, name in sorted(
            holidays_pkg.country_holidays("CN", years=year, language="zh_CN").items()
        ):
            rows.append((d.isoformat(), "holiday", f"{name}（预排）"))
    return rows


# ---------------------------------------------------------------------------------------------
# The synthetic hospital

# id, name, kind, size weight, specialty of its doctors
_CATALOGUE: tuple[tuple[str, str, str, float, str], ...] = (
    ("XZ", "行政后勤", "admin", 0.9, ""),
    ("NK", "内科", "medical", 2.6, "内科学"),
    ("WK", "外科", "surgical", 2.4, "外科学"),
    ("JZ", "急诊科", "emergency", 1.3, "急诊医学"),
    ("ICU", "重症医学科", "icu", 1.1, "重症医学"),
    ("FCK", "妇产科", "obgyn", 1.3, "妇产科学"),
    ("EK", "儿科", "paeds", 1.1, "儿科学"),
    ("MZ", "麻醉科", "anaesthesia", 1.1, "麻醉学"),
    ("JY", "医学检验科", "lab", 0.8, "临床检验"),
    ("YX", "医学影像科", "imaging", 0.8, "影像诊断"),
    ("YJ", "药剂科", "pharmacy", 0.6, "临床药学"),
    ("GRK", "感染性疾病科", "medical", 0.9, "感染病学"),
    ("GK", "骨科", "surgical", 1.4, "骨科学"),
    ("ZYK", "中医科", "medical", 0.8, "中医内科"),
    ("KFK", "康复医学科", "medical", 0.8, "康复医学"),
    ("XNK", "心血管内科", "medical", 1.4, "心血管病学"),
    ("HXK", "呼吸与危重症医学科", "medical", 1.3, "呼吸病学"),
    ("XHK", "消化内科", "medical", 1.2, "消化病学"),
    ("SJNK", "神经内科", "medical", 1.2, "神经病学"),
    ("SNK", "肾内科", "medical", 0.9, "肾脏病学"),
    ("NFMK", "内分泌科", "medical", 0.9, "内分泌学"),
    ("XYK", "血液科", "medical", 0.8, "血液病学"),
    ("ZLK", "肿瘤科", "medical", 1.1, "肿瘤学"),
    ("LNK", "老年医学科", "medical", 0.9, "老年医学"),
    ("QKK", "全科医学科", "medical", 0.8, "全科医学"),
    ("SJWK", "神经外科", "surgical", 1.0, "神经外科学"),
    ("MNWK", "泌尿外科", "surgical", 1.0, "泌尿外科学"),
    ("XXWK", "心胸外科", "surgical", 0.9, "胸心外科学"),
    ("GDWK", "肝胆外科", "surgical", 1.0, "肝胆外科学"),
    ("SSK", "烧伤整形科", "surgical", 0.7, "烧伤外科学"),
    ("XSEK", "新生儿科", "paeds", 0.8, "新生儿学"),
    ("YK", "眼科", "surgical", 0.7, "眼科学"),
    ("EBHK", "耳鼻咽喉科", "surgical", 0.7, "耳鼻咽喉科学"),
    ("KQK", "口腔科", "surgical", 0.7, "口腔医学"),
    ("PFK", "皮肤科", "medical", 0.6, "皮肤病学"),
    ("BLK", "病理科", "lab", 0.6, "病理学"),
    ("CSK", "超声医学科", "imaging", 0.8, "超声医学"),
    ("HYXK", "核医学科", "imaging", 0.5, "核医学"),
    ("YYK", "临床营养科", "medical", 0.5, "临床营养"),
    ("JKGL", "健康管理中心", "medical", 0.7, "健康管理"),
    ("XGNK", "心理科", "medical", 0.6, "精神病学"),
    ("TTK", "疼痛科", "medical", 0.5, "疼痛医学"),
)
MAX_DEPARTMENTS = len(_CATALOGUE)
_CLINICAL = {"medical", "surgical", "emergency", "icu", "obgyn", "paeds", "anaesthesia"}
_DOCTOR_SHARE = {"anaesthesia": 0.5, "lab": 0.1, "imaging": 0.35, "pharmacy": 0.0, "admin": 0.12}
_NURSE_SPECIALTY = {
    "emergency": "急诊护理",
    "icu": "重症护理",
    "obgyn": "助产",
    "paeds": "儿科护理",
    "anaesthesia": "手术室护理",
}

#: Minimum share on duty: acute departments keep more staff on the floor.
_MIN_ON_DUTY = {
    "emergency": 0.7,
    "icu": 0.7,
    "medical": 0.7,
    "surgical": 0.7,
    "obgyn": 0.65,
    "paeds": 0.65,
    "anaesthesia": 0.65,
    "lab": 0.6,
    "imaging": 0.6,
    "pharmacy": 0.6,
    "admin": 0.6,
}

_LECTURE_TOPICS = (
    "急性胸痛的规范化诊治",
    "院内感染防控新进展",
    "慢阻肺急性加重的规范诊治",
    "创伤急救与损伤控制",
    "危重症患者的早期识别与快速反应",
    "高危妊娠管理与产后出血防治",
    "儿童常见急症的识别与处理",
    "围手术期疼痛管理",
    "抗菌药物合理使用与管理",
    "急性脑卒中绿色通道建设",
    "护理安全与不良事件管理",
    "影像检查的合理申请与危急值报告",
    "糖尿病综合管理新指南解读",
    "静脉血栓栓塞症的预防",
    "脓毒症集束化治疗",
    "高血压基层管理规范",
    "肿瘤患者的全程管理",
    "老年综合评估与多重用药",
    "医疗质量安全核心制度解读",
    "心力衰竭的规范化管理",
    "消化道出血的急诊处理",
    "输血安全与临床用血管理",
    "安宁疗护与疼痛控制",
    "病历书写规范与质控",
)
_ETHICS_TOPICS = (
    "医德医风与行风建设",
    "医疗机构工作人员廉洁从业九项准则解读",
    "医患沟通技巧",
    "廉洁从业教育",
    "患者隐私保护与知情同意",
    "医疗纠纷中的职业道德",
    "优质服务与人文关怀",
    "典型案例警示教育",
)
_INFECTION_TOPICS = (
    "手卫生与标准预防",
    "医疗废物分类与管理",
    "多重耐药菌感染防控",
    "呼吸道传染病防控",
    "结核病的早期识别与报告",
    "职业暴露的预防与处置",
    "法定传染病疫情报告与管理",
)
_NURSING_TOPICS = (
    "护理核心制度",
    "压力性损伤的预防与护理",
    "跌倒坠床风险评估",
    "静脉治疗护理规范",
    "危重患者护理评估",
    "护理文书书写规范",
    "管路滑脱的预防",
    "围手术期护理",
    "疼痛护理评估",
    "用药安全与给药差错防范",
    "健康教育与出院指导",
    "护患沟通",
)


def _specialty(role: str, kind: str, dept_specialty: str) -> str:
    if role == "doctor" or role == "technician":
        return dept_specialty
    if role == "nurse":
        return _NURSE_SPECIALTY.get(kind, "临床护理")
    if role == "pharmacist":
        return "临床药学"
    return ""


_BASE_SLOTS: tuple[dict[str, Any], ...] = (
    {"id": "tue-pm", "weekday": "tue", "start": "16:30", "end": "18:00"},
    {"id": "thu-pm", "weekday": "thu", "start": "16:30", "end": "18:00"},
    {"id": "fri-pm", "weekday": "fri", "start": "16:00", "end": "17:30"},
)
_EXTRA_SLOTS: tuple[dict[str, Any], ...] = (
    {"id": "wed-pm", "weekday": "wed", "start": "16:30", "end": "18:00"},
    {"id": "mon-pm", "weekday": "mon", "start": "16:30", "end": "18:00"},
    {"id": "tue-noon", "weekday": "tue", "start": "12:00", "end": "13:30"},
    {"id": "thu-noon", "weekday": "thu", "start": "12:00", "end": "13:30"},
    {"id": "wed-noon", "weekday": "wed", "start": "12:00", "end": "13:30"},
    {"id": "mon-noon", "weekday": "mon", "start": "12:00", "end": "13:30"},
    {"id": "fri-noon", "weekday": "fri", "start": "12:00", "end": "13:30"},
)

HORIZON_START = dt.date(2026, 1, 1)


@dataclass
class _Dept:
    id: str
    name: str
    kind: str
    specialty: str
    size: int = 0
    rotator_capacity: int = 0
    people: list[Person] = field(default_factory=list)

    @property
    def min_share(self) -> float:
        return _MIN_ON_DUTY[self.kind]

    def away_budget(self) -> int:
        """How many may be away at once while the department keeps its minimum on duty."""
        return self.size - math.ceil(self.size * self.min_share - 1e-9)


def _allocate(total: int, weights: Sequence[float], minimum: int) -> list[int]:
    """Split ``total`` by ``weights`` (largest remainder), each part at least ``minimum``."""
    n = len(weights)
    spare = total - minimum * n
    w = sum(weights)
    raw = [spare * x / w for x in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(n), key=lambda i: (-(raw[i] - parts[i]), i))
    for i in order[: spare - sum(parts)]:
        parts[i] += 1
    return [p + minimum for p in parts]


def generate(
    out_dir: Path, staff: int, departments: int, rooms: int, months: int, seed: int
) -> None:
    """Write a synthetic hospital (plan.yaml + CSV tables) to ``out_dir``, replacing it atomically.

    ``staff`` people in ``departments`` departments (10 ≤ … ≤ 42, at least 8 people each), using
    ``rooms`` rooms (≥ 4), over ``months`` months from 2026-01-01.
    """
    if not 10 <= departments <= MAX_DEPARTMENTS:
        raise ValueError(f"departments must be between 10 and {MAX_DEPARTMENTS}")
    if staff < 8 * departments:
        raise ValueError("staff must be at least 8 per department")
    if rooms < 4:
        raise ValueError("rooms must be at least 4 (hall, skills lab, computer room, meeting room)")
    if not 1 <= months <= 36:
        raise ValueError("months must be between 1 and 36")
    files = _Hospital(staff, departments, rooms, months, seed).files()
    write_atomically(Path(out_dir), files)


class _Hospital:
    """Builds the tables of one synthetic hospital; each method fills one part, in a fixed order
    so the random stream (and so the output) depends only on the arguments."""

    def __init__(self, staff: int, departments: int, rooms: int, months: int, seed: int):
        self.n_staff, self.n_depts, self.n_rooms, self.months = staff, departments, rooms, months
        self.rng = random.Random(seed)
        self.start = HORIZON_START
        self.end = month_end(*divmod_ym(self.start, months - 1))
        self.hospital = f"合成市第{seed % 10 + 1}人民医院（{staff}人）"
        self.names = NameMaker(self.rng)
        self.depts: list[_Dept] = []
        self.people: list[Person] = []
        self.room_rows: list[tuple[str, str, int, str]] = []
        self.slots: list[dict[str, Any]] = []
        self.courses: list[dict[str, Any]] = []
        self.topics: list[tuple[str, int, str, str, str]] = []
        self.busy: set[str] = set()  # speakers, instructors: kept off long leave and seats

    # -- people -------------------------------------------------------------------------------

    def build_staff(self) -> None:
        chosen = _CATALOGUE[: self.n_depts]
        sizes = _allocate(self.n_staff, [c[3] for c in chosen], 8)
        width = max(3, len(str(self.n_staff)))
        k = 0
        for (did, name, kind, _w, spec), size in zip(chosen, sizes):
            d = _Dept(did, name, kind, spec, size)
            doctors = round(size * _DOCTOR_SHARE.get(kind, 0.38))
            roles: list[str] = []
            if kind == "lab" or kind == "imaging":
                roles = ["doctor"] * doctors + ["technician"] * (size - doctors)
            elif kind == "pharmacy":
                roles = ["pharmacist"] * size
            elif kind == "admin":
                nurses = max(1, round(size * 0.25))
                roles = (
                    ["doctor"] * doctors
                    + ["nurse"] * nurses
                    + ["admin"] * (size - doctors - nurses)
                )
            else:
                roles = ["doctor"] * doctors + ["nurse"] * (size - doctors)
            seen_roles: set[str] = set()
            for role in roles:
                k += 1
                sid = f"S{k:0{width}d}"
                # the first of each profession heads it at 副高 (正高 in a big department): every
                # department then has a senior who can lecture or lead its grand round
                rung = None
                if role not in seen_roles and role != "admin":
                    rung = len(LADDERS[role]) - (1 if size >= 25 else 2)
                seen_roles.add(role)
                p = make_person(
                    self.rng,
                    self.names,
                    sid,
                    did,
                    role,
                    self.start,
                    rung,
                    _specialty(role, kind, spec),
                )
                d.people.append(p)
                self.people.append(p)
            self.depts.append(d)

    # -- rooms and slots ----------------------------------------------------------------------

    def build_rooms_and_slots(self) -> None:
        n = self.n_rooms
        hall = min(500, max(100, round(self.n_staff * 0.10, -1)))
        self.hall = hall
        rows: list[tuple[str, str, int, str]] = [("R01", "学术报告厅", hall, "projector,recording")]
        labs = max(1, n // 5)
        computers = max(1, n // 8)
        for i in range(labs):
            rows.append(
                (
                    f"R{len(rows) + 1:02d}",
                    f"技能培训中心{i + 1}室" if labs > 1 else "技能培训中心",
                    30,
                    "skills-lab,projector",
                )
            )
        for i in range(computers):
            rows.append(
                (
                    f"R{len(rows) + 1:02d}",
                    f"计算机考试室{i + 1}" if computers > 1 else "计算机考试室",
                    40,
                    "computers,projector",
                )
            )
        meeting_caps = (60, 40, 80, 30, 50, 20)
        i = 0
        while len(rows) < n:
            cap = meeting_caps[i % len(meeting_caps)]
            kind = "多功能会议室" if cap >= 50 else "示教室"
            rows.append((f"R{len(rows) + 1:02d}", f"{kind}{i + 1}", cap, "projector"))
            i += 1
        self.room_rows = rows
        extra = self.n_staff // 500
        self.slots = [dict(s) for s in _BASE_SLOTS] + [dict(s) for s in _EXTRA_SLOTS[:extra]]

    # -- courses ------------------------------------------------------------------------------

    def _repeats(self, audience: int, capacity: int) -> int:
        """Extra runs allowed per part: enough for the whole audience in rooms of ``capacity``
        and for each department to send at most its away budget at a time, plus slack."""
        worst = max(d.size / max(1, d.away_budget()) for d in self.depts)
        runs = max(math.ceil(audience / capacity), math.ceil(worst)) + 1
        return max(1, math.ceil(runs * 1.25)) - 1

    def _pick(self, pool: list[Person], n: int) -> list[Person]:
        pool = sorted(pool, key=lambda p: p.id)
        chosen = self.rng.sample(pool, min(n, len(pool)))
        chosen.sort(key=lambda p: p.id)
        self.busy.update(p.id for p in chosen)
        return chosen

    def _course(self, **kw: Any) -> None:
        row = {c: "" for c in COURSE_COLUMNS}
        row.update(kw)
        self.courses.append(row)

    def build_courses(self) -> None:
        people = self.people
        n = len(people)
        clinical_roles = [
            p for p in people if p.role in ("doctor", "nurse", "technician", "pharmacist")
        ]
        meeting_cap = sorted((r[2] for r in self.room_rows if "projector" in r[3]), reverse=True)
        typical = meeting_cap[min(2, len(meeting_cap) - 1)]
        months = self.months
        by_dept = {d.id: d for d in self.depts}

        # Monthly whole-hospital lecture (定人定题): senior speakers from many departments.
        seniors = [
            p for p in people if p.grade >= 3 and p.role in ("doctor", "nurse", "pharmacist")
        ]
        speakers = self._pick(seniors, months)
        while len(speakers) < months:
            speakers.append(speakers[len(speakers) % max(1, len(speakers))])
        self._course(
            id="QY-XX",
            title="全院业务学习",
            category="lecture",
            mode="in-person",
            hours=1.5,
            sessions=months,
            audience="everyone",
            room_feature="projector",
            credits=0.5,
            credit_class="II",
            frequency="monthly",
            repeats=0 if n <= 500 else 1,
            recording=True,
        )
        for k in range(months):
            topic = _LECTURE_TOPICS[k % len(_LECTURE_TOPICS)]
            if k >= len(_LECTURE_TOPICS):
                topic += f"（{k // len(_LECTURE_TOPICS) + 1}）"
            self.topics.append(("QY-XX", k + 1, topic, speakers[k].id, ""))

        # Nursing and system lecture series appear as the hospital grows.
        nurses = [p for p in people if p.role == "nurse"]
        if n >= 500:
            pool = self._pick([p for p in nurses if p.grade >= 2], max(4, len(nurses) // 60))
            self._course(
                id="HL-XX",
                title="护理业务学习",
                category="lecture",
                hours=1.5,
                sessions=months,
                audience="role=nurse",
                speakers="id=" + ",".join(p.id for p in pool),
                room_feature="projector",
                credits=0.5,
                credit_class="II",
                frequency="monthly",
                repeats=self._repeats(len(nurses), self.hall),
                recording=True,
            )
            for k in range(months):
                self.topics.append(
                    ("HL-XX", k + 1, _NURSING_TOPICS[k % len(_NURSING_TOPICS)], "", "")
                )

        # Ethics and infection: an online module for the online share, an in-person series for the rest.
        scale = months / 12
        eth_parts = max(1, round(8 * scale))
        inf_parts = max(1, round(7 * scale))
        self.quota_hours = {"ethics": 3.0 * eth_parts, "infection": 3.0 * inf_parts}
        due = add_months(self.start, max(1, months * 3 // 4)) - dt.timedelta(days=1)
        self._course(
            id="YD-ON",
            title="医德医风网络课程",
            category="ethics",
            mode="online",
            hours=1.5 * eth_parts,
            audience="everyone",
            credits=round(4 * scale, 1) or 1,
            credit_class="II",
            due=due,
            hospital_run=False,
        )
        self._course(
            id="CR-ON",
            title="重点传染病防控网络课程",
            category="infection",
            mode="online",
            hours=1.5 * inf_parts,
            audience="role=doctor,nurse,technician,pharmacist",
            credits=round(4 * scale, 1) or 1,
            credit_class="II",
            due=due,
            hospital_run=False,
        )
        admin = [p for p in people if p.department == "XZ"]
        eth_pool = self._pick(
            [p for p in admin if p.role != "nurse"] + [p for p in seniors if p.grade == 4],
            max(4, n // 40),
        )
        self._course(
            id="YD-01",
            title="医德医风专题讲座",
            category="ethics",
            hours=1.5,
            sessions=eth_parts,
            audience="everyone",
            speakers="id=" + ",".join(p.id for p in eth_pool),
            room_feature="projector",
            credits=0.5,
            credit_class="II",
            repeats=self._repeats(n, typical),
        )
        for k in range(eth_parts):
            self.topics.append(("YD-01", k + 1, _ETHICS_TOPICS[k % len(_ETHICS_TOPICS)], "", ""))
        inf_candidates = [
            p for p in people if p.department in ("XZ", "ICU", "GRK", "JY") and p.grade >= 2
        ]
        inf_pool = self._pick(inf_candidates, max(4, n // 40))
        self._course(
            id="GR-01",
            title="院感与重点传染病防控",
            category="infection",
            hours=1.5,
            sessions=inf_parts,
            audience="role=doctor,nurse,technician,pharmacist",
            speakers="id=" + ",".join(p.id for p in inf_pool),
            room_feature="projector",
            credits=0.5,
            credit_class="II",
            repeats=self._repeats(len(clinical_roles), typical),
        )
        for k in range(inf_parts):
            self.topics.append(
                ("GR-01", k + 1, _INFECTION_TOPICS[k % len(_INFECTION_TOPICS)], "", "")
            )

        # Law: a small hospital invites an outside lawyer on fixed visit dates; a big one has
        # its own legal office, whose staff can run the many sessions needed.
        law_repeats = self._repeats(n, typical)
        if n <= 300:
            self.law_dates = self._visit_dates(law_repeats + 3)
            law_speakers = "external:市司法局法律顾问"
            law_dates = ",".join(d.isoformat() for d in self.law_dates)
        else:
            legal = self._pick([p for p in admin if p.role == "admin"], max(3, n // 150))
            law_speakers, law_dates = "id=" + ",".join(p.id for p in legal), ""
        self._course(
            id="FL-01",
            title="医疗纠纷预防和处理条例解读",
            category="law",
            hours=1.5,
            audience="everyone",
            speakers=law_speakers,
            room_feature="projector",
            credits=0.5,
            credit_class="II",
            dates=law_dates,
            repeats=law_repeats,
        )

        # Skills in cohorts: CPR for everyone, emergency skills for doctors and nurses.
        acute = [
            p
            for p in people
            if p.department in ("JZ", "ICU", "MZ")
            and p.role in ("doctor", "nurse")
            and p.grade >= 2
        ]
        instructors = self._pick(acute, max(4, n // 100))
        ins = "id=" + ",".join(p.id for p in instructors)
        sk_start, sk_end = self._window(0.15, 0.9)
        self._course(
            id="CPR",
            title="心肺复苏（BLS）培训",
            category="skills",
            hours=1.5,
            cohort_size=30,
            audience="everyone",
            speakers=ins,
            room_feature="skills-lab",
            credits=0.5,
            credit_class="II",
            window_start=sk_start,
            window_end=sk_end,
        )
        jj_start, jj_end = self._window(0.25, 0.95)
        self._course(
            id="JJ",
            title="急救技能培训（气道管理、电除颤、止血包扎）",
            category="skills",
            hours=1.5,
            cohort_size=30,
            audience="role=doctor,nurse",
            speakers=ins,
            room_feature="skills-lab",
            credits=0.5,
            credit_class="II",
            window_start=jj_start,
            window_end=jj_end,
        )

        # The yearly theory exam: under 45, intermediate title or below.
        proctors = self._pick([p for p in admin if p.role == "admin"], max(2, n // 150))
        ex_start, ex_end = self._window(0.5, 1.0)
        self._course(
            id="KS",
            title="年度医学理论考试",
            category="exam",
            hours=1.5,
            cohort_size=40,
            audience="role=doctor,nurse,technician,pharmacist; age<=45; title<=intermediate",
            speakers="id=" + ",".join(p.id for p in proctors),
            room_feature="computers",
            credit_class="none",
            window_start=ex_start,
            window_end=ex_end,
        )

        # Grand rounds: one monthly series per group of up to four clinical departments.
        clinical = [d for d in self.depts if d.kind in _CLINICAL]
        groups = [clinical[i : i + 4] for i in range(0, len(clinical), 4)]
        for g, group in enumerate(groups, 1):
            ids = ",".join(d.id for d in group)
            # each department sends at most its away budget of doctors to one run
            runs = max(
                math.ceil(sum(p.role == "doctor" for p in d.people) / max(1, d.away_budget()))
                for d in group
            )
            self._course(
                id=f"DCF-{g}",
                title=f"临床病例讨论（{'、'.join(d.name for d in group)}）",
                category="grand-round",
                hours=1.5,
                sessions=months,
                audience=f"role=doctor; dept={ids}",
                speakers=f"role=doctor; title>=associate; dept={ids}",
                room_feature="projector",
                credit_class="II",
                frequency="monthly",
                repeats=runs,
                recording=True,
            )

        self.by_dept = by_dept

    def _window(self, a: float, b: float) -> tuple[dt.date, dt.date]:
        days = (self.end - self.start).days
        if self.months <= 3:
            return self.start, self.end
        return (
            self.start + dt.timedelta(days=int(days * a)),
            self.start + dt.timedelta(days=int(days * b)),
        )

    def _visit_dates(self, n: int) -> list[dt.date]:
        """Tuesdays or Thursdays spread over the horizon (ordinary workdays: not in January,
        February, May or October, whose holidays move, nor on 1–7 of any month)."""
        from planner.domain import (
            DayKind,
            HolidayRow,
            Settings,  # local: keep planner.generate light to import
        )
        from planner.workdays import build_calendar

        rows = [
            HolidayRow(dt.date.fromisoformat(d), DayKind(k), nm)
            for d, k, nm in holiday_rows(range(self.start.year, self.end.year + 1))
        ]
        cal = build_calendar(Settings("x", self.start, self.end, ()), rows)
        good = [
            d
            for d in cal.workdays_between()
            if d.weekday() in (1, 3) and d not in cal.estimated and d.day > 7
        ]
        if not good:
            return []
        step = max(1, len(good) // n)
        picks = good[step // 2 :: step][:n]
        return sorted(picks)

    # -- rotations, seats, leave, history ---------------------------------------------------------

    def build_programme(self) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[str]]:
        months = self.months
        if months < 3:
            return [], [], []
        internal = [d for d in self.depts if d.kind == "medical"]
        surgical = [d for d in self.depts if d.kind == "surgical"]
        target_ids = {d.id for d in internal + surgical} | {"JZ"}
        doctors = [p for p in self.people if p.role == "doctor"]
        want = max(2, round(0.10 * len(doctors)))
        # residents of every clinical department but the emergency department itself; those of
        # the target departments first, since a resident cannot "rotate" into their own ward
        residents = [p for p in doctors if p.grade == 1 and p.department not in ("XZ", "JZ")]
        residents.sort(key=lambda p: (p.department in target_ids, self.rng.random(), p.id))
        # at most one rotator per 10 staff of the home department keeps it covered
        taken: dict[str, int] = {}
        chosen: list[Person] = []
        for p in residents:
            cap = max(1, self.by_dept[p.department].size // 10)
            if taken.get(p.department, 0) < cap and len(chosen) < want:
                chosen.append(p)
                taken[p.department] = taken.get(p.department, 0) + 1
        self.rotating_from = dict(taken)  # shared with the nurses' programme
        if not chosen:
            return [], [], []
        chosen.sort(key=lambda p: p.id)
        self.busy.update(p.id for p in chosen)
        if months >= 12:
            spans = ((3, 4), (3, 4), (2, 3))
        elif months >= 6:
            spans = ((2, 2), (2, 2), (1, 2))
        else:
            spans = ((1, 1), (1, 1), (1, 1))
        r = len(chosen)
        for group, (lo, _hi) in (
            (internal, spans[0]),
            (surgical, spans[1]),
            ([self.by_dept["JZ"]], spans[2]),
        ):
            need = math.ceil(r * lo / months * 1.5 / len(group)) + 1
            for d in group:
                d.rotator_capacity = max(d.rotator_capacity, need)
        ordered = "fixed" if r <= 8 else "free"
        prog = [
            (
                "PROMO",
                "晋升前轮转",
                ordered,
                "id=" + ",".join(p.id for p in chosen),
                self.start,
                self.end,
                True,
                1.5,
            )
        ]
        blocks = [
            ("PROMO", 1, ",".join(d.id for d in internal), 1, spans[0][0], spans[0][1], "", ""),
            (
                "PROMO",
                2,
                ",".join(d.id for d in surgical),
                1,
                spans[1][0],
                spans[1][1],
                "1" if ordered == "fixed" else "",
                "",
            ),
            ("PROMO", 3, "JZ", 1, spans[2][0], spans[2][1], "2" if ordered == "fixed" else "", ""),
        ]
        if len(internal) > 1:
            blocks[0] = blocks[0][:7] + ("NK",)
        return prog, blocks, [p.id for p in chosen]

    def build_nurse_programme(self, doctors: int) -> tuple[list[tuple[Any, ...]],
                                                          list[tuple[Any, ...]]]:
        """New nurses' rotation (新入职护士规范化培训): junior nurses rotate, in free order,
        through a medical ward, a surgical ward and one of emergency or intensive care (an
        elective, emergency preferred), so that about 10% of all staff rotate. Rotator
        capacities grow with the demand so the months stay feasible."""
        months = self.months
        want = round(0.10 * self.n_staff) - doctors
        if months < 3 or want <= 0:
            return [], []
        internal = [d for d in self.depts if d.kind == "medical"]
        surgical = [d for d in self.depts if d.kind == "surgical"]
        acute = [d for d in (self.by_dept.get("JZ"), self.by_dept.get("ICU")) if d is not None]
        if not internal or not surgical or not acute:
            return [], []
        juniors = sorted((p for p in self.people if p.role == "nurse" and p.grade == 1
                          and p.department != "XZ" and p.id not in self.busy),
                         key=lambda p: (self.rng.random(), p.id))
        taken = dict(getattr(self, "rotating_from", {}))
        chosen = []
        for p in juniors:
            cap = max(1, self.by_dept[p.department].size // 8)
            if taken.get(p.department, 0) < cap and len(chosen) < want:
                chosen.append(p)
                taken[p.department] = taken.get(p.department, 0) + 1
        if not chosen:
            return [], []
        chosen.sort(key=lambda p: p.id)
        self.busy.update(p.id for p in chosen)
        spans = ((2, 3), (2, 3), (1, 2)) if months >= 12 else ((1, 2), (1, 2), (1, 1))
        r = len(chosen)
        for group, (lo, _hi) in ((internal, spans[0]), (surgical, spans[1]), (acute, spans[2])):
            need = math.ceil(r * lo / months * 1.5 / len(group)) + 1
            for d in group:
                d.rotator_capacity += need
        prog = [("NURSE", "新入职护士规范化培训", "free",
                 "id=" + ",".join(p.id for p in chosen), self.start, self.end, True, 1.5)]
        blocks = [
            ("NURSE", 1, ",".join(d.id for d in internal), 1, spans[0][0], spans[0][1], "", ""),
            ("NURSE", 2, ",".join(d.id for d in surgical), 1, spans[1][0], spans[1][1], "", ""),
            ("NURSE", 3, ",".join(d.id for d in acute), 1, spans[2][0], spans[2][1], "",
             acute[0].id),
        ]
        return prog, blocks

    def build_seats(self) -> list[tuple[Any, ...]]:
        """About 2% of staff away on external study (进修): 3- or 6-month seats with the usual
        March and September intakes, intermediate title and above, at most two of one
        specialty away at once, and time left after return for the teach-back lecture."""
        total = max(1, round(0.02 * self.n_staff))
        intakes = [add_months(self.start, 2)]
        if self.months >= 12:
            intakes.append(add_months(self.start, 8))
        rows: list[tuple[Any, ...]] = []
        clinical = sorted(
            (d for d in self.depts if d.kind in _CLINICAL), key=lambda d: (-d.size, d.id)
        )
        placed, i = 0, 0
        partners = ("省人民医院", "市第一人民医院", "省肿瘤医院", "市中心医院")
        cap = 2  # at most two people of one specialty away at once
        away: list[tuple[str, dt.date, dt.date, int]] = []  # specialty, first, end, seats
        while placed < total and i < 4 * len(clinical):
            d = clinical[i % len(clinical)]
            role = "nurse" if i % 3 == 2 else "doctor"
            intake = intakes[i % len(intakes)]
            i += 1
            pool = [p for p in d.people if p.role == role and p.grade >= 2]
            seats = min(2, total - placed, max(1, d.away_budget() // 3), len(pool) // 2)
            # return with a month to spare for the teach-back, inside the horizon
            fitting = [
                m for m in (6, 3) if add_months(intake, m + 1) <= self.end + dt.timedelta(days=1)
            ]
            if seats < 1 or not fitting:
                continue
            months = fitting[(i // 2) % len(fitting)]
            latest = intake + dt.timedelta(days=14)
            spec = d.specialty if role == "doctor" else _NURSE_SPECIALTY.get(d.kind, "临床护理")
            # keep the specialty cap satisfiable: count seats of this specialty whose months
            # (any start in the window) overlap this one's
            last = add_months(latest, months)
            overlapping = sum(n for sp, a, b, n in away if sp == spec and a < last and intake < b)
            seats = min(seats, cap - overlapping)
            if seats < 1:
                continue
            away.append((spec, intake, last, seats))
            rows.append(
                (
                    f"JX{len(rows) + 1:02d}",
                    partners[i % len(partners)],
                    spec,
                    intake,
                    latest,
                    months,
                    seats,
                    f"role={role}; title>=intermediate; dept={d.id}",
                    4,
                    d.id,
                    3,
                    cap,
                )
            )
            placed += seats
        return rows

    def build_leave(self, excluded: set[str]) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        n_leave = max(2, round(0.03 * self.n_staff))
        candidates = sorted((p for p in self.people if p.id not in excluded), key=lambda p: p.id)
        picks = self.rng.sample(candidates, min(n_leave, len(candidates)))
        away_now: dict[str, int] = {}
        for p in sorted(picks, key=lambda p: p.id):
            d = self.by_dept[p.department]
            if away_now.get(d.id, 0) >= max(1, d.away_budget() // 3):
                continue
            kind = self.rng.random()
            if p.female and p.age_on(self.start) <= 38 and kind < 0.5:
                length, reason = 158, "产假"
            elif kind < 0.75:
                length, reason = self.rng.choice((7, 14, 21, 28)), "病假"
            else:
                length, reason = 5, "外出参加学术会议"
            span = max(1, (self.end - self.start).days - min(length, 60))
            first = self.start + dt.timedelta(days=self.rng.randrange(span))
            last = min(self.end, first + dt.timedelta(days=length - 1))
            rows.append(("staff", p.id, first, last, reason))
            away_now[d.id] = away_now.get(d.id, 0) + 1
        # one meeting room under renovation, the first skills lab serviced for a week
        meeting = [r for r in self.room_rows if r[3] == "projector"]
        mid = self.start + dt.timedelta(days=(self.end - self.start).days // 2)
        if meeting:
            rows.append(
                ("room", meeting[0][0], mid, min(self.end, mid + dt.timedelta(days=30)), "装修")
            )
        lab = next(r for r in self.room_rows if "skills-lab" in r[3])
        first = mid + dt.timedelta(days=45)
        if first + dt.timedelta(days=4) <= self.end:
            rows.append(("room", lab[0], first, first + dt.timedelta(days=4), "设备维护"))
        return rows

    def build_history(self, rotators: list[str]) -> tuple[list[tuple[Any, ...]], list[str]]:
        """Credits already earned elsewhere: most people hold some Class I credits; the rest
        are the audience of the hospital's Class I project. Enough Class II from outside is
        added that 25 credits are reachable once hospital-run Class II hits its cap."""
        rows: list[tuple[Any, ...]] = []
        without_class1: list[str] = []
        scale = self.months / 12
        online_ii = 2 * (round(4 * scale, 1) or 1)
        hospital_ii = min(10.0, 0.5 * (round(8 * scale) + round(7 * scale) + 2))
        for p in self.people:
            if p.role == "admin":
                continue
            r = self.rng.random()
            if r < 0.12:
                without_class1.append(p.id)
                c1 = 6.0  # from the hospital's Class I project
            else:
                c1 = float(self.rng.choice((5, 5, 6, 6, 8, 10)))
                rows.append((p.id, "credits", "I", c1, "", False, "省级继续医学教育项目"))
            gap = 25 + 1 - c1 - online_ii - hospital_ii
            if gap > 0:
                rows.append((p.id, "credits", "II", math.ceil(gap), "", False, "市级学术会议"))
        for p in self.rng.sample(self.people, max(1, len(self.people) // 30)):
            rows.append((p.id, "hours", "ethics", 3, "", "", "外院培训认定"))
        if rotators and self.months >= 12:
            rows.append((rotators[0], "rotation", "NK", 3, "PROMO", "", "上年度已轮转"))
        rows.sort(key=lambda r: (r[0], r[1], r[2]))
        return rows, sorted(without_class1)

    # -- assembling -----------------------------------------------------------------------------

    def files(self) -> dict[str, str]:
        self.build_staff()
        self.build_rooms_and_slots()
        self.build_courses()
        prog, blocks, rotators = self.build_programme()
        nurse_prog, nurse_blocks = self.build_nurse_programme(len(rotators))
        prog, blocks = prog + nurse_prog, blocks + nurse_blocks
        seats = self.build_seats()
        history, without_class1 = self.build_history(rotators)
        # A Class I project hosted by the hospital, for those without Class I credits yet.
        class1_dates = self._visit_dates(2 * math.ceil(len(without_class1) / self.hall) + 4)
        if without_class1 and len(class1_dates) >= 2:
            self._course(
                id="XM-I",
                title="省级I类项目：基层急危重症救治新进展",
                category="other",
                hours=1.5,
                sessions=2,
                audience="id=" + ",".join(without_class1),
                speakers="external:省级继续医学教育项目专家组",
                room_feature="projector",
                credits=3,
                credit_class="I",
                dates=",".join(d.isoformat() for d in class1_dates),
                repeats=self._repeats(len(without_class1), self.hall),
                hospital_run=False,
            )
        leave = self.build_leave(self.busy)

        out: dict[str, str] = {}
        out["plan.yaml"] = plan_yaml(
            self.plan(),
            f"合成数据（generate: staff={self.n_staff}, departments="
            f"{self.n_depts}, rooms={self.n_rooms}, months={self.months}）",
        )
        out["staff.csv"] = csv_text(
            (
                "id",
                "name",
                "department",
                "role",
                "title",
                "birth_date",
                "email",
                "specialty",
                "employed_since",
            ),
            [
                (
                    p.id,
                    p.name,
                    p.department,
                    p.role,
                    p.title,
                    p.birth_date,
                    p.email,
                    p.specialty,
                    p.employed_since,
                )
                for p in self.people
            ],
        )
        out["departments.csv"] = csv_text(
            ("id", "name", "min_on_duty", "rotator_capacity"),
            [
                (d.id, d.name, f"{round(d.min_share * 100)}%", d.rotator_capacity)
                for d in self.depts
            ],
        )
        out["rooms.csv"] = csv_text(("id", "name", "capacity", "features"), self.room_rows)
        out["courses.csv"] = csv_text(
            COURSE_COLUMNS, [[c[k] for k in COURSE_COLUMNS] for c in self.courses]
        )
        out["topics.csv"] = csv_text(("course", "session", "topic", "speaker", "date"), self.topics)
        if prog:
            out["programmes.csv"] = csv_text(
                ("id", "name", "order", "participants", "start", "end", "exit_exam", "exam_hours"),
                prog,
            )
            out["programme_blocks.csv"] = csv_text(
                (
                    "programme",
                    "block",
                    "departments",
                    "choose",
                    "min_months",
                    "max_months",
                    "after",
                    "preference",
                ),
                blocks,
            )
        if seats:
            out["external_seats.csv"] = csv_text(
                (
                    "id",
                    "partner",
                    "specialty",
                    "start_earliest",
                    "start_latest",
                    "months",
                    "seats",
                    "candidates",
                    "teach_back_weeks",
                    "department_priority",
                    "min_years",
                    "max_away_per_specialty",
                ),
                seats,
            )
        out["unavailability.csv"] = csv_text(("kind", "id", "from", "to", "reason"), leave)
        hol = holiday_rows(range(self.start.year, self.end.year + 1))
        if hol:
            out["holidays.csv"] = csv_text(("date", "kind", "name"), hol)
        out["history.csv"] = csv_text(
            ("staff_id", "kind", "category", "amount", "programme", "hospital_run", "note"), history
        )
        out["pins.csv"] = csv_text(
            ("course", "session", "run", "date", "slot", "room", "speaker"),
            [("QY-XX", 1, 1, "", "", "R01", self.topics[0][3])],
        )
        return out

    def plan(self) -> dict[str, Any]:
        clinical = "role=doctor,nurse,technician,pharmacist"
        return {
            "hospital": self.hospital,
            "timezone": "Asia/Shanghai",
            "language": "zh",
            "horizon": {"start": self.start, "end": self.end},
            "slots": self.slots,
            "quotas": [
                {
                    "who": "everyone",
                    "category": "ethics",
                    "min_hours": self.quota_hours["ethics"],
                    "online_share_max": 0.5,
                },
                {
                    "who": clinical,
                    "category": "infection",
                    "min_hours": self.quota_hours["infection"],
                    "online_share_max": 0.5,
                },
            ],
            "credits": {
                "who": f"{clinical}; title>=junior",
                "total_min": 25,
                "class1": {"min": 5, "max": 10},
                "class2_min": 15,
            },
            "rates": {
                "lecture_speaker": 2,
                "lecture_attendee": 0.5,
                "case_speaker": 1,
                "case_attendee": 0.2,
                "hospital_class2_cap": 10,
                "external_per_month": 5,
                "external_full_year_months": 6,
            },
            "rules": [
                {
                    "kind": "min-per-month",
                    "category": "lecture",
                    "minimum": 1,
                    "description": "每月至少一次全院业务学习",
                },
                {
                    "kind": "min-per-year",
                    "category": "skills",
                    "minimum": 5 if self.months >= 6 else 2,
                    "description": "专业技术培训每年不少于5次",
                },
            ],
            "solver": {"time_limit": 60 if self.n_staff <= 500 else 300, "seed": 1, "workers": 2},
        }


COURSE_COLUMNS: tuple[str, ...] = (
    "id", "title", "category", "mode", "hours", "sessions", "cohort_size", "audience", "speakers", "room_feature",
    "credits", "speaker_credits", "credit_class", "window_start", "window_end", "frequency", "dates", "due",
    "repeats", "recording", "hospital_run",
)  # fmt: skip


def divmod_ym(start: dt.date, months_after: int) -> tuple[int, int]:
    """(year, month) of the month ``months_after`` months after ``start``'s month."""
    y, m = divmod(start.month - 1 + months_after, 12)
    return start.year + y, m + 1
