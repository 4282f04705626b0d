"""Small hospitals in the ordinary input format, for the bundled example bureau and the tests.

A hospital of 20–40 staff in four departments over the first half of 2027, with a monthly
whole-hospital lecture, an ethics series and a CPR course in cohorts: big enough to need every
phase of the planner, small enough to plan in a few seconds. Deterministic for a seed.
"""

from __future__ import annotations

import random
from pathlib import Path

from planner.atomic import write_bytes

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文斌宁波"
DEPARTMENTS = (("XZ", "行政职能科室", "50%", 0), ("NK", "内科", "60%", 1),
               ("WK", "外科", "60%", 1), ("JZ", "急诊科", "50%", 0))
TITLES = {"doctor": ("住院医师", "主治医师", "副主任医师", "主任医师"),
          "nurse": ("护士", "护师", "主管护师", "副主任护师")}

HOLIDAYS_2027_H1 = """date,kind,name
2027-01-01,holiday,元旦
2027-01-02,holiday,元旦
2027-01-03,holiday,元旦
2027-01-31,workday,春节调休上班
2027-02-05,holiday,春节
2027-02-06,holiday,春节
2027-02-07,holiday,春节
2027-02-08,holiday,春节
2027-02-09,holiday,春节
2027-02-10,holiday,春节
2027-02-11,holiday,春节
2027-02-12,holiday,春节
2027-02-13,holiday,春节
2027-02-20,workday,春节调休上班
2027-04-03,holiday,清明节
2027-04-04,holiday,清明节
2027-04-05,holiday,清明节
2027-05-01,holiday,劳动节
2027-05-02,holiday,劳动节
2027-05-03,holiday,劳动节
2027-05-04,holiday,劳动节
2027-05-05,holiday,劳动节
2027-05-08,workday,劳动节调休上班
2027-06-09,holiday,端午节
2027-06-10,holiday,端午节
2027-06-11,holiday,端午节
"""


def _csv(header: str, rows: list[str]) -> bytes:
    return ("\ufeff" + "\n".join([header, *rows]) + "\n").encode("utf-8")


def tiny_hospital(name: str, staff: int, seed: int, code: str) -> dict[str, bytes]:
    """The files of one small hospital: file name → bytes."""
    rng = random.Random(seed)
    people: list[str] = []
    used: set[str] = set()
    doctors_by_dept: dict[str, list[str]] = {}
    for i in range(staff):
        dept = DEPARTMENTS[0][0] if i < max(3, staff // 8) else DEPARTMENTS[1 + i % 3][0]
        role = "doctor" if i % 2 == 0 else "nurse"
        if dept == "XZ" and i == 0:
            role = "doctor"
        title = TITLES[role][min(3, rng.randrange(4) if i > 2 else 3)]
        while True:
            person = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN)
                                                                  if rng.random() < 0.6 else "")
            if person not in used:
                used.add(person)
                break
        sid = f"{code}{i + 1:03d}"
        born = 1970 + rng.randrange(25)
        people.append(f"{sid},{person},{dept},{role},{title},{born}-{1 + rng.randrange(12):02d}-"
                      f"{1 + rng.randrange(28):02d},,,{born + 24}-09-01")
        if role == "doctor" and title in ("副主任医师", "主任医师"):
            doctors_by_dept.setdefault(dept, []).append(sid)
    plan = "\n".join([
        f"# {name} 2027 年上半年继续医学教育计划（示例市卫生健康局示例）",
        f"hospital: {name}",
        "timezone: Asia/Shanghai",
        "language: zh",
        "horizon: {start: 2027-01-01, end: 2027-06-30}",
        "slots:",
        "- {id: tue-pm, weekday: tue, start: '16:30', end: '18:00'}",
        "- {id: thu-pm, weekday: thu, start: '16:30', end: '18:00'}",
        "quotas:",
        "- {who: everyone, category: ethics, min_hours: 6, online_share_max: 0.5}",
        "rules:",
        "- {kind: min-per-month, category: lecture, minimum: 1, description: 每月至少一次全院业务学习}",
        "solver: {time_limit: 5, seed: 1, workers: 1}",
        ""])
    speakers = "role=doctor; title>=associate"
    courses = [
        "QY-XX,全院业务学习,lecture,in-person,1.5,6,,everyone," + speakers
        + ",projector,0.5,,II,,,monthly,,,,yes,",
        "YD-01,医德医风专题讲座,ethics,in-person,1.5,4,,everyone," + speakers
        + ",projector,0.5,,II,,,,,,2,no,",
        "CPR,心肺复苏（BLS）培训,skills,in-person,1.5,,20,everyone," + speakers
        + ",skills-lab,0.5,,II,2027-03-01,2027-06-30,,,,,,",
    ]
    return {
        "plan.yaml": plan.encode("utf-8"),
        "departments.csv": _csv("id,name,min_on_duty,rotator_capacity,rotators_count_on_duty",
                                [f"{d},{n},{m},{c},yes" for d, n, m, c in DEPARTMENTS]),
        "staff.csv": _csv("id,name,department,role,title,birth_date,email,specialty,"
                          "employed_since", people),
        "rooms.csv": _csv("id,name,capacity,features", [
            "R1,多功能会议室,60,\"projector,recording\"", "R2,技能培训室,20,\"skills-lab,projector\""]),
        "courses.csv": _csv(
            "id,title,category,mode,hours,sessions,cohort_size,audience,speakers,room_feature,"
            "credits,speaker_credits,credit_class,window_start,window_end,frequency,dates,due,"
            "repeats,recording,hospital_run", courses),
        "holidays.csv": ("\ufeff" + HOLIDAYS_2027_H1).encode("utf-8"),
    }


def write_tiny_hospital(folder: Path, name: str, staff: int, seed: int, code: str) -> None:
    for file, data in tiny_hospital(name, staff, seed, code).items():
        write_bytes(Path(folder) / file, data)
