"""Regenerate ``inputs/example/``: a county hospital (示例县人民医院) planning the year 2027.

The CSV files are committed data — an office would edit them by hand — and this script is only
how they were first written: deterministic (fixed seed), so re-running it gives the same bytes.
Names, ages and most titles are drawn at random; everything an example must show (the heads who
lecture, the CPR instructors, the residents in the promotion rotation, leave, the 2027 holiday
table) is stated explicitly below.

The numbers are chosen to be achievable for ~150 staff with 60–70% of each department on duty:
each in-person ethics/infection part may run six times (``repeats: 5``) because the tightest
department can release only about a fifth of its staff at once once leave, rotation and
external study are counted.

Usage: ``python scripts/make_example.py [out_dir]`` (default ``inputs/example``).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.domain import default_credit_settings  # noqa: E402
from planner.generate import (
    COURSE_COLUMNS,
    HOLIDAYS_2027,
    NameMaker,
    Person,
    csv_text,
    make_person,
    plan_yaml,
    write_atomically,
)  # fmt: skip

SEED = 2027
START, END = dt.date(2027, 1, 1), dt.date(2027, 12, 31)
DOMAIN = "xrmyy.example.cn"

# department id, name, min_on_duty (as the office types it), rotator capacity,
# [(role, rung or None, position, specialty)] for the named posts, then counts of the rest.
# fmt: off
DEPARTMENTS: list[tuple[str, str, str, int, list[tuple[str, int | None, str, str]], dict[str, int], str]] = [
    ("XZ", "行政职能科室", "60%", 0, [
        ("doctor", 3, "院长", "心血管内科"),
        ("admin", 0, "党委书记", ""),
        ("doctor", 2, "医务科科长", "普通外科"),
        ("nurse", 4, "护理部主任", "护理管理"),
        ("nurse", 2, "院感科专职", "医院感染管理"),
        ("nurse", 2, "院感科专职", "医院感染管理"),
        ("admin", 0, "科教科科长", "医学教育管理"),
        ("admin", 0, "科教科干事", "医学教育管理"),
        ("admin", 0, "科教科干事", "医学教育管理"),
        ("admin", 0, "院办主任", ""),
        ("admin", 0, "人事科", ""),
        ("admin", 0, "财务科", ""),
    ], {}, ""),
    ("NK", "内科", "70%", 2, [
        ("doctor", 3, "科主任", "心血管内科"),
        ("doctor", 2, "副主任", "呼吸内科"),
        ("doctor", 2, "", "感染性疾病"),
        ("nurse", 3, "护士长", "内科护理"),
    ], {"doctor": 8, "nurse": 16}, "内科学"),
    ("WK", "外科", "0.7", 2, [
        ("doctor", 3, "科主任", "普通外科"),
        ("doctor", 2, "副主任", "骨科"),
        ("nurse", 3, "护士长", "外科护理"),
    ], {"doctor": 8, "nurse": 13}, "外科学"),
    ("JZ", "急诊科", "10", 2, [
        ("doctor", 2, "科主任", "急诊医学"),
        ("doctor", 1, "", "急诊医学"),
        ("nurse", 2, "护士长", "急诊护理"),
        ("nurse", 2, "", "急诊护理"),
    ], {"doctor": 4, "nurse": 6}, "急诊医学"),
    ("FCK", "妇产科", "60%", 0, [
        ("doctor", 2, "科主任", "妇产科学"),
        ("nurse", 2, "护士长", "助产"),
        ("doctor", 0, "", "妇产科学"),
    ], {"doctor": 3, "nurse": 8}, "妇产科学"),
    ("EK", "儿科", "65%", 0, [
        ("doctor", 2, "科主任", "儿科学"),
        ("nurse", 2, "护士长", "儿科护理"),
        ("doctor", 0, "", "儿科学"),
    ], {"doctor": 3, "nurse": 6}, "儿科学"),
    ("ICU", "重症医学科", "70%", 0, [
        ("doctor", 2, "科主任", "重症医学"),
        ("nurse", 2, "护士长", "重症护理"),
        ("nurse", 2, "", "重症护理"),
        ("doctor", 0, "", "重症医学"),
    ], {"doctor": 2, "nurse": 6}, "重症医学"),
    ("MZ", "手术麻醉科", "65%", 0, [
        ("doctor", 2, "科主任", "麻醉学"),
        ("nurse", 2, "护士长", "手术室护理"),
        ("doctor", 0, "", "麻醉学"),
    ], {"doctor": 3, "nurse": 6}, "麻醉学"),
    ("JY", "医学检验科", "60%", 0, [
        ("technician", 3, "科主任", "临床微生物检验"),
    ], {"technician": 7}, "临床检验"),
    ("YX", "医学影像科", "60%", 0, [
        ("doctor", 2, "科主任", "影像诊断"),
    ], {"doctor": 2, "technician": 5}, "影像诊断"),
    ("YJ", "药剂科", "60%", 0, [
        ("pharmacist", 3, "科主任", "临床药学"),
    ], {"pharmacist": 5}, "临床药学"),
]
# fmt: on

NURSE_SPEC = {
    "NK": "内科护理",
    "WK": "外科护理",
    "JZ": "急诊护理",
    "FCK": "助产",
    "EK": "儿科护理",
    "ICU": "重症护理",
    "MZ": "手术室护理",
    "XZ": "护理管理",
}
TECH_SPEC = {"JY": "临床检验", "YX": "医学影像技术"}

QY_TOPICS = [  # (topic, department of the speaker, which post)
    ("急性胸痛的规范化诊治", "NK", "科主任"),
    ("院内感染防控新规解读", "XZ", "护理部主任"),
    ("慢阻肺急性加重期的规范诊治", "NK", "副主任"),
    ("创伤急救与损伤控制外科", "WK", "科主任"),
    ("危重症患者的早期识别与快速反应", "ICU", "科主任"),
    ("高危妊娠管理与产后出血防治", "FCK", "科主任"),
    ("儿童常见急症的识别与处理", "EK", "科主任"),
    ("围手术期疼痛管理与麻醉安全", "MZ", "科主任"),
    ("抗菌药物合理使用与管理", "YJ", "科主任"),
    ("急性脑卒中绿色通道建设", "JZ", "科主任"),
    ("外科护理安全与不良事件管理", "WK", "护士长"),
    ("影像检查的合理申请与危急值报告", "YX", "科主任"),
]
YD_TOPICS = [
    "医德医风与行风建设",
    "医疗机构工作人员廉洁从业九项准则解读",
    "医患沟通技巧",
    "廉洁从业与警示教育",
    "患者隐私保护与知情同意",
    "医疗纠纷中的职业道德",
    "优质服务与人文关怀",
    "典型案例剖析",
    "医学伦理与科研诚信",
    "新时代医师职业精神",
]
GR_TOPICS = [
    "手卫生与标准预防",
    "医疗废物分类与管理",
    "多重耐药菌感染防控",
    "呼吸道传染病（流感、新冠）防控",
    "结核病的早期识别与报告",
    "职业暴露的预防与处置",
    "法定传染病疫情报告与管理",
    "医院感染暴发的识别与处置",
    "消毒隔离与环境清洁",
]
LAW_DATES = [
    "2027-03-16",
    "2027-03-18",
    "2027-04-13",
    "2027-04-15",
    "2027-09-07",
    "2027-09-09",
    "2027-11-16",
    "2027-11-18",
]
CLASS1_DATES = ["2027-05-18", "2027-05-20", "2027-06-15", "2027-06-17"]


def build_staff(rng: random.Random) -> tuple[list[Person], dict[str, str]]:
    names = NameMaker(rng)
    people: list[Person] = []
    posts: dict[str, str] = {}
    k = 0
    for did, _name, _duty, _cap, named, rest, spec in DEPARTMENTS:
        plan = [(role, rung, post, sp) for role, rung, post, sp in named]
        for role in ("doctor", "nurse", "technician", "pharmacist"):
            sp = (
                spec
                if role == "doctor"
                else NURSE_SPEC.get(did, "")
                if role == "nurse"
                else (TECH_SPEC.get(did, spec) if role == "technician" else "临床药学")
            )
            plan += [(role, None, "", sp)] * rest.get(role, 0)
        for role, rung, post, sp in plan:
            k += 1
            sid = f"S{k:03d}"
            p = make_person(rng, names, sid, did, role, START, rung, sp, DOMAIN)
            people.append(p)
            if post:
                posts[sid] = post
    return people, posts


def pick(people: list[Person], dept: str, post: str) -> Person:
    return next(p for p in people if p.department == dept and POSTS.get(p.id) == post)


POSTS: dict[str, str] = {}


def main(out: Path) -> None:
    rng = random.Random(SEED)
    people, posts = build_staff(rng)
    POSTS.update(posts)
    assert len(people) == 150, len(people)

    head = {d[0]: pick(people, d[0], "科主任") for d in DEPARTMENTS if d[0] != "XZ"}
    xz = [p for p in people if p.department == "XZ"]
    president, secretary, medical_chief, nursing_chief, ipc1, ipc2, edu_chief, edu1, edu2 = xz[:9]
    nk_deputy = pick(people, "NK", "副主任")

    # The promotion rotation: one resident each from FCK, EK, ICU and MZ (the named rung-0 doctors).
    rotators = [
        next(
            p
            for p in people
            if p.department == d and p.role == "doctor" and p.grade == 1 and p.id not in posts
        )
        for d in ("FCK", "EK", "ICU", "MZ")
    ]
    # CPR / emergency-skills instructors: ER and ICU staff at intermediate title or above.
    instructors = [head["JZ"], head["ICU"]] + [
        p for p in people if p.department in ("JZ", "ICU") and p.role == "nurse" and p.grade == 2
    ][:3]
    assert len(instructors) == 5

    credit_scope = [p for p in people if p.role != "admin" and p.grade >= 1]
    # Class I credits already earned at outside projects; ~1 in 8 has none and attends the
    # hospital's Class I project. Class II from outside where 25 would otherwise be out of reach
    # once hospital-run Class II is capped at 10 (online modules add 8 non-hospital Class II).
    history: list[tuple[Any, ...]] = []
    without_class1: list[str] = []
    for p in credit_scope:
        if rng.random() < 0.12 or p.id in {r.id for r in rotators[:1]}:
            without_class1.append(p.id)
            c1 = 6.0
        else:
            c1 = float(rng.choice((5, 5, 6, 6, 8, 10)))
            note = rng.choice(
                ("国家级I类继续医学教育项目", "省级I类继续医学教育项目", "市医学会I类学分项目")
            )
            history.append((p.id, "credits", "I", c1, "", False, note))
        gap = 26 - c1 - 8 - 8.5
        if gap > 0:
            history.append(
                (
                    p.id,
                    "credits",
                    "II",
                    float(int(gap + 0.999)),
                    "",
                    False,
                    rng.choice(("市级学术年会", "县医学会专题讲座（院外）", "省级继续教育平台")),
                )
            )
    history.append((ipc1.id, "hours", "infection", 6, "", "", "省院感质控中心培训班（院外认定）"))
    history.append((ipc2.id, "hours", "infection", 6, "", "", "省院感质控中心培训班（院外认定）"))
    for p in rng.sample(sorted(credit_scope, key=lambda p: p.id), 4):
        history.append((p.id, "hours", "ethics", 3, "", "", "市卫健委医德医风专题培训（院外认定）"))
    history.append((rotators[1].id, "rotation", "NK", 3, "PROMO", "", "2026年10—12月已在内科轮转"))
    history.sort(key=lambda r: (r[0], r[1], r[2]))

    # Leave and closures.
    young_nk_nurse = next(
        p
        for p in people
        if p.department == "NK"
        and p.role == "nurse"
        and p.female
        and p.age_on(START) <= 32
        and p.id not in posts
    )
    fck_nurse = next(
        p
        for p in people
        if p.department == "FCK"
        and p.role == "nurse"
        and p.female
        and p.age_on(START) <= 33
        and p.id not in posts
    )
    wk_doctor = next(
        p for p in people if p.department == "WK" and p.role == "doctor" and p.id not in posts
    )
    icu_doctor = next(
        p
        for p in people
        if p.department == "ICU" and p.role == "doctor" and p.id not in posts and p not in rotators
    )
    yx_tech = next(p for p in people if p.department == "YX" and p.role == "technician")
    leave = [
        ("staff", fck_nurse.id, "2027-01-01", "2027-02-28", "产假（2026年9月起）"),
        ("staff", wk_doctor.id, "2027-03-15", "2027-04-02", "病假"),
        ("staff", young_nk_nurse.id, "2027-05-10", "2027-10-14", "产假"),
        ("staff", icu_doctor.id, "2027-06-14", "2027-06-18", "外出参加学术会议"),
        ("staff", yx_tech.id, "2027-11-01", "2027-11-12", "病假"),
        ("room", "R2", "2027-07-01", "2027-07-31", "装修"),
        ("room", "R3", "2027-08-02", "2027-08-06", "设备维护"),
    ]

    for d in LAW_DATES + CLASS1_DATES:
        assert dt.date.fromisoformat(d).weekday() in (1, 3), d

    clinical = "role=doctor,nurse,technician,pharmacist"
    wards = "NK,WK,JZ,FCK,EK,ICU,MZ"
    ids = lambda ps: "id=" + ",".join(p.id for p in ps)
    courses: list[dict[str, Any]] = []

    def course(**kw: Any) -> None:
        row = {c: "" for c in COURSE_COLUMNS}
        row.update(kw)
        courses.append(row)

    course(
        id="QY-XX",
        title="全院业务学习",
        category="lecture",
        mode="in-person",
        hours=1.5,
        sessions=12,
        audience="everyone",
        room_feature="projector",
        credits=0.5,
        credit_class="II",
        frequency="monthly",
        recording=True,
    )
    course(
        id="YD-ON",
        title="医德医风网络课程（省继续医学教育平台）",
        category="ethics",
        mode="online",
        hours=12,
        sessions=1,
        audience="everyone",
        credits=4,
        credit_class="II",
        due="2027-06-30",
        hospital_run=False,
    )
    course(
        id="CR-ON",
        title="重点传染病防控网络课程（省继续医学教育平台）",
        category="infection",
        mode="online",
        hours=10,
        sessions=1,
        audience=clinical,
        credits=4,
        credit_class="II",
        due="2027-09-30",
        hospital_run=False,
    )
    course(
        id="YD-01",
        title="医德医风专题讲座",
        category="ethics",
        mode="in-person",
        hours=1.5,
        sessions=len(YD_TOPICS),
        audience="everyone",
        speakers=ids([president, secretary, medical_chief, nursing_chief]),
        room_feature="projector",
        credits=0.5,
        credit_class="II",
        repeats=5,
        recording=False,
    )
    course(
        id="GR-01",
        title="院感与重点传染病防控培训",
        category="infection",
        mode="in-person",
        hours=1.5,
        sessions=len(GR_TOPICS),
        audience=clinical,
        speakers=ids([ipc1, ipc2, head["ICU"], nk_deputy]),
        room_feature="projector",
        credits=0.5,
        credit_class="II",
        repeats=5,
        recording=False,
    )
    course(
        id="FL-01",
        title="《医疗纠纷预防和处理条例》与医疗风险防范",
        category="law",
        mode="in-person",
        hours=1.5,
        sessions=1,
        audience="everyone",
        speakers="external:县司法局法律顾问 刘律师",
        room_feature="projector",
        credits=0.5,
        credit_class="II",
        dates=",".join(LAW_DATES),
        repeats=5,
    )
    course(
        id="CPR",
        title="心肺复苏（BLS）培训",
        category="skills",
        mode="in-person",
        hours=1.5,
        cohort_size=30,
        audience="everyone",
        speakers=ids(instructors),
        room_feature="skills-lab",
        credits=0.5,
        credit_class="II",
        window_start="2027-03-01",
        window_end="2027-11-30",
    )
    course(
        id="JJ",
        title="急救技能培训（气道管理、电除颤、止血包扎）",
        category="skills",
        mode="in-person",
        hours=2,
        cohort_size=30,
        audience="role=doctor,nurse; dept!=XZ",
        speakers=ids(instructors),
        room_feature="skills-lab",
        credits=0.5,
        credit_class="II",
        window_start="2027-04-01",
        window_end="2027-10-31",
    )
    course(
        id="KS",
        title="年度医学理论考试",
        category="exam",
        mode="in-person",
        hours=2,
        cohort_size=40,
        audience=f"{clinical}; age<=45; title<=intermediate",
        speakers=ids([edu_chief, edu1, edu2]),
        room_feature="computers",
        credit_class="none",
        window_start="2027-10-11",
        window_end="2027-12-10",
    )
    course(
        id="DCF",
        title="临床病例讨论（大查房）",
        category="grand-round",
        mode="in-person",
        hours=1.5,
        sessions=12,
        audience=f"role=doctor; dept={wards}",
        speakers=f"role=doctor; title>=associate; dept={wards}",
        room_feature="projector",
        credit_class="II",
        frequency="monthly",
        repeats=2,
        recording=True,
    )
    course(
        id="XM-I",
        title="省级I类项目：县域急危重症救治新进展",
        category="other",
        mode="in-person",
        hours=1.5,
        sessions=2,
        audience="id=" + ",".join(without_class1),
        speakers="external:市人民医院专家组",
        room_feature="projector",
        credits=3,
        credit_class="I",
        dates=",".join(CLASS1_DATES),
        hospital_run=False,
    )

    topics: list[tuple[Any, ...]] = []
    for k, (topic, dept, post) in enumerate(QY_TOPICS, 1):
        speaker = pick(people, dept, post)
        assert speaker.grade >= 3 or post == "科主任", (topic, speaker)
        topics.append(("QY-XX", k, topic, speaker.id, "2027-02-23" if k == 2 else ""))
    topics += [("YD-01", k, t, "", "") for k, t in enumerate(YD_TOPICS, 1)]
    topics += [("GR-01", k, t, "", "") for k, t in enumerate(GR_TOPICS, 1)]

    pins = [
        ("QY-XX", 1, 1, "2027-01-12", "tue-pm", "R1", topics[0][3]),
        ("YD-01", 1, 1, "2027-03-02", "tue-pm", "R1", secretary.id),
        ("KS", 1, 1, "2027-10-22", "fri-pm", "R5", edu_chief.id),
    ]

    plan = {
        "hospital": "示例县人民医院",
        "timezone": "Asia/Shanghai",
        "language": "zh",
        "horizon": {"start": START, "end": END},
        "public_base_url": "https://cme.example-hospital.cn",
        "slots": [
            {"id": "tue-pm", "weekday": "tue", "start": "16:30", "end": "18:00"},
            {"id": "thu-pm", "weekday": "thu", "start": "16:30", "end": "18:00"},
            {"id": "fri-pm", "weekday": "fri", "start": "15:30", "end": "17:30"},
        ],
        "quotas": [
            {"who": "everyone", "category": "ethics", "min_hours": 24, "online_share_max": 0.5},
            {"who": clinical, "category": "infection", "min_hours": 20, "online_share_max": 0.5},
        ],
        **default_credit_settings(f"{clinical}; title>=junior"),
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
                "minimum": 5,
                "description": "专业技术培训每年不少于5次",
            },
        ],
        "solver": {"time_limit": 60, "seed": 1, "workers": 2},
    }

    files = {
        "plan.yaml": plan_yaml(
            plan,
            "示例县人民医院 2027 年继续医学教育计划（科教科）\n"
            "字段说明见 docs/inputs.md；本文件与同目录下的 CSV 表一起构成一套输入。",
        ),
        "staff.csv": csv_text(
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
                "position",
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
                    posts.get(p.id, ""),
                )
                for p in people
            ],
        ),
        "departments.csv": csv_text(
            ("id", "name", "min_on_duty", "rotator_capacity", "rotators_count_on_duty"),
            [(d[0], d[1], d[2], d[3], True) for d in DEPARTMENTS],
        ),
        "rooms.csv": csv_text(
            ("id", "name", "capacity", "features"),
            [
                ("R1", "学术报告厅", 200, "projector,recording"),
                ("R2", "多功能会议室", 60, "projector"),
                ("R3", "技能培训中心", 30, "skills-lab,projector"),
                ("R4", "示教室", 20, "projector"),
                ("R5", "计算机考试室", 40, "computers,projector"),
            ],
        ),
        "courses.csv": csv_text(COURSE_COLUMNS, [[c[k] for k in COURSE_COLUMNS] for c in courses]),
        "topics.csv": csv_text(("course", "session", "topic", "speaker", "date"), topics),
        "programmes.csv": csv_text(
            ("id", "name", "order", "participants", "start", "end", "exit_exam", "exam_hours"),
            [("PROMO", "晋升前轮转", "fixed", ids(rotators), START, END, True, 2)],
        ),
        "programme_blocks.csv": csv_text(
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
            [
                ("PROMO", 1, "NK", 1, 3, 4, "", ""),
                ("PROMO", 2, "WK", 1, 3, 4, 1, ""),
                ("PROMO", 3, "JZ", 1, 2, 3, 2, ""),
            ],
        ),
        "external_seats.csv": csv_text(
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
            ),
            [
                (
                    "JX1",
                    "省人民医院",
                    "心血管内科",
                    "2027-03-01",
                    "2027-03-31",
                    6,
                    1,
                    "role=doctor; title>=intermediate; dept=NK",
                    4,
                    "NK",
                    3,
                ),
                (
                    "JX2",
                    "市人民医院",
                    "全科医学",
                    "2027-09-01",
                    "2027-09-01",
                    3,
                    1,
                    "role=doctor; title>=intermediate; dept=NK,JZ,EK",
                    4,
                    "JZ,EK",
                    3,
                ),
            ],
        ),
        "pins.csv": csv_text(("course", "session", "run", "date", "slot", "room", "speaker"), pins),
        "unavailability.csv": csv_text(("kind", "id", "from", "to", "reason"), leave),
        "holidays.csv": csv_text(("date", "kind", "name"), HOLIDAYS_2027),
        "history.csv": csv_text(
            ("staff_id", "kind", "category", "amount", "programme", "hospital_run", "note"), history
        ),
    }
    readme = ROOT / "inputs" / "example" / "README.md"
    if readme.exists():
        files["README.md"] = readme.read_text(encoding="utf-8")
    write_atomically(out, files)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "inputs" / "example"
    main(target)
    # The same example as one workbook (inputs/example.xlsx), for offices that work in Excel.
    from planner.inputs.export import write_workbook

    write_workbook(target, target.with_suffix(".xlsx"))
