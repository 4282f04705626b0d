"""A tiny hand-made hospital and plan for the calendar tests (no solver involved).

内科 NK: S001 王建国 (teaches QY#1.1), S002 李娜, S003 张伟 (rotates through 外科 in
March–April 2027, exit exam EX#1.1 on 2027-04-29). 外科 WK: S004 刘洋 (away on external study
at 省人民医院 in May–July 2027, teach-back TB#1.1 on 2027-08-10). Rooms R1 学术报告厅 and R2
示教室. Sessions:

    QY#1.1   Tue 2027-03-02 16:30–18:00  R1  S001 teaches  S002, S003, S004 attend
    QY#1.2   Thu 2027-03-04 16:30–18:00  R2  S001 teaches  S002 attends (a repeat)
    EX#1.1   Thu 2027-04-29 16:30–18:00  R2  S004 examines S003 (exit exam)
    TB#1.1   Tue 2027-08-10 16:30–18:00  R1  S004 teaches  S001, S002, S003 attend

S004 watches the recording of QY part 2 (held 2027-03-16); everyone has the online ethics
module due 2027-06-30. ``names`` overrides any display text, for the injection tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.domain import (
    Category,
    Course,
    CreditClass,
    Department,
    Grade,
    Mode,
    Problem,
    Programme,
    Role,
    Room,
    Settings,
    Slot,
    Staff,
    Who,
)
from planner.plan import OffSiteAttendance, Placement, Plan, PlannedSession, RotationBlock

D = dt.date
EVERYONE = Who("everyone")
TUE = Slot("tue-pm", 1, dt.time(16, 30), dt.time(18, 0))


def problem(language: str = "zh", *, person: str = "王建国", room: str = "学术报告厅",
            department: str = "内科", hospital: str = "示例医院", course: str = "全院业务学习",
            base_url: str = "https://cme.example.cn", window: int = 60,
            staff_ids: tuple[str, ...] = ("S001", "S002", "S003", "S004")) -> Problem:
    staff = [
        Staff("S001", person, "NK", Role.DOCTOR, "主任医师", Grade.SENIOR, D(1968, 3, 12),
              email="s001@example.cn"),
        Staff("S002", "李娜", "NK", Role.NURSE, "主管护师", Grade.INTERMEDIATE, D(1985, 7, 1),
              email="=HYPERLINK(\"http://evil\")"),
        Staff("S003", "张伟", "NK", Role.DOCTOR, "住院医师", Grade.JUNIOR, D(1996, 5, 20)),
        Staff("S004", "刘洋", "WK", Role.DOCTOR, "副主任医师", Grade.ASSOCIATE, D(1975, 11, 2)),
    ]
    settings = Settings(
        hospital=hospital, horizon_start=D(2027, 1, 1), horizon_end=D(2027, 12, 31), slots=(TUE,),
        language=language, public_base_url=base_url, feed_window_days=window,
    )
    courses = (
        Course("QY", course, Category.LECTURE, Mode.IN_PERSON, 1.5, 2, None, EVERYONE, None,
               credits=0.5, credit_class=CreditClass.II, recording=True),
        Course("YD-ON", "医德医风网络课程", Category.ETHICS, Mode.ONLINE, 6, 1, None, EVERYONE,
               None, credits=1, credit_class=CreditClass.II, due=D(2027, 6, 30)),
        Course("EX", "出科考核（外科）", Category.EXIT_EXAM, Mode.IN_PERSON, 2, 1, None,
               EVERYONE, None),
        Course("TB", "回院汇报讲课", Category.TEACH_BACK, Mode.IN_PERSON, 1.5, 1, None,
               EVERYONE, None),
    )
    return Problem(
        name="tiny",
        settings=settings,
        staff=tuple(s for s in staff if s.id in staff_ids),
        departments=(Department("NK", department, 1, 2), Department("WK", "外科", 1, 2)),
        rooms=(Room("R1", room, 100), Room("R2", "示教室", 20)),
        courses=courses,
        programmes=(Programme("PROMO", "晋升前轮转", True, EVERYONE),),
    )


def session(sid: str, day: dt.date, room: str, speaker: str, attendees: tuple[str, ...], *,
            title: str = "全院业务学习", topic: str = "", category: str = "lecture",
            start: str = "16:30", end: str = "18:00") -> PlannedSession:
    course, rest = sid.split("#")
    part, run = (int(x) for x in rest.split("."))
    return PlannedSession(
        id=sid, course=course, part=part, run=run, title=title, topic=topic, category=category,
        date=day.isoformat(), slot="tue-pm", start=f"{day.isoformat()}T{start}:00+08:00",
        end=f"{day.isoformat()}T{end}:00+08:00", room=room, speaker=speaker, hours=1.5,
        credits=0.5, speaker_credits=2.0, credit_class="II", attendees=attendees,
    )


def plan(*, topic: str = "急性胸痛的规范化诊治") -> Plan:
    return Plan(
        name="tiny", hospital="示例医院", timezone="Asia/Shanghai", horizon_start="2027-01-01",
        horizon_end="2027-12-31", status="OPTIMAL", objective={},
        sessions=[
            session("QY#1.1", D(2027, 3, 2), "R1", "S001", ("S002", "S003", "S004"), topic=topic),
            session("QY#1.2", D(2027, 3, 4), "R2", "S001", ("S002",), topic=topic),
            session("QY#2.1", D(2027, 3, 16), "R1", "ext:市医院 刘专家", ("S001", "S002", "S003"),
                    topic="院感防控"),
            session("EX#1.1", D(2027, 4, 29), "R2", "S004", ("S003",), title="出科考核（外科）",
                    category="exit-exam"),
            session("TB#1.1", D(2027, 8, 10), "R1", "S004", ("S001", "S002", "S003"),
                    title="回院汇报讲课", category="teach-back", topic="进修见闻"),
        ],
        offsite=[
            OffSiteAttendance("S001", "YD-ON", 1, "online", "2027-06-30"),
            OffSiteAttendance("S002", "YD-ON", 1, "online", "2027-06-30"),
            OffSiteAttendance("S004", "QY", 2, "recording"),
        ],
        rotations=[
            RotationBlock("S003", "PROMO", 2, "WK", "2027-03-01", "2027-04-30", "EX#1.1"),
        ],
        placements=[
            Placement("S004", "JX1", "省人民医院", "心血管内科", "2027-05-01", "2027-07-31",
                      "TB#1.1", 15.0),
        ],
    )


def moved(p: Plan, sid: str, day: dt.date, room: str | None = None) -> Plan:
    """The plan with one session moved to another day (and room)."""
    sessions = []
    for s in p.sessions:
        if s.id == sid:
            s = replace(s, date=day.isoformat(), start=f"{day.isoformat()}T16:30:00+08:00",
                        end=f"{day.isoformat()}T18:00:00+08:00", room=room or s.room)
        sessions.append(s)
    return replace(p, sessions=sessions)
