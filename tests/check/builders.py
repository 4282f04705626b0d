"""A tiny hand-made hospital and a plan for it that keeps every rule (worked out by hand below).

Hospital: 内科 NK (S001–S003) and 外科 WK (S004–S006), each keeping at least 1 on duty; rooms
R1 学术报告厅 (100 seats, projector) and R2 技能培训中心 (4 seats, skills lab); slots Tuesday
and Thursday 16:30–18:00; horizon 2026-03-01..2026-04-30 (清明 2026-04-04..06 off).

Courses:
* QY 全院业务学习 — lecture, 2 monthly sessions of 1.5 h, everyone, speakers S001/S004 (session 1
  fixed to S001 by its topic row, and pinned on 2026-03-03 tue-pm in R1), recorded, Class II
  (0.5 per attendee, 2 per speaker from the default rates);
* CPR 心肺复苏培训 — skills, 1 session of 1.5 h for nurses (S002, S005) in cohorts of ≤ 2, in a skills
  lab, by S006, 2026-03-15..2026-04-30, no credits;
* YD-ON 医德医风网络课程 — online ethics module, 6 h, everyone, 1 Class II credit (not hospital-run).

The valid plan (each session keeps one of its department's 3 staff on duty):

    QY#1.1  Tue 2026-03-03  R1  S001 teaches  S002, S004, S005 attend   NK out 2, WK out 2
    QY#1.2  Thu 2026-03-05  R1  S001 teaches  S003, S006 attend         NK out 2, WK out 1
    CPR#1.1 Tue 2026-03-24  R2  S006 teaches  S002, S005 attend         NK out 1, WK out 2
    QY#2.1  Tue 2026-04-07  R1  S004 teaches  S001, S002, S005 attend   NK out 2, WK out 2
    QY#2.2  Thu 2026-04-09  R1  S004 teaches  S003, S006 attend         NK out 1, WK out 2

S001 teaches QY session 1 and S004 QY session 2: teaching a part counts once as taking it.
Quotas: ethics ≥ 6 h (online may cover all of it), lecture ≥ 3 h (online at most half); credits
for title ≥ junior: total ≥ 4, Class I 1–3, Class II ≥ 2, hospital-run Class II capped at 10.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.check import Violation, check_plan
from planner.domain import (
    Category,
    Course,
    CreditClass,
    CreditQuota,
    Department,
    Grade,
    HistoryRow,
    HospitalRule,
    Mode,
    Pin,
    Problem,
    QuotaLine,
    Role,
    Room,
    Settings,
    Slot,
    Staff,
    Topic,
    Unavailability,
    Who,
)
from planner.plan import OffSiteAttendance, Plan, PlannedSession, QuotaRow
from planner.workdays import build_calendar

D = dt.date
EVERYONE = Who("everyone")
TUE = Slot("tue-pm", 1, dt.time(16, 30), dt.time(18, 0))
THU = Slot("thu-pm", 3, dt.time(16, 30), dt.time(18, 0))
SLOTS = {s.id: s for s in (TUE, THU)}


def who_ids(*ids: str) -> Who:
    return Who("id=" + ",".join(ids), ids=frozenset(ids))


STAFF = (
    Staff("S001", "王建国", "NK", Role.DOCTOR, "主任医师", Grade.SENIOR, D(1968, 3, 12)),
    Staff("S002", "李娜", "NK", Role.NURSE, "主管护师", Grade.INTERMEDIATE, D(1985, 7, 1)),
    Staff("S003", "张伟", "NK", Role.DOCTOR, "住院医师", Grade.JUNIOR, D(1996, 5, 20)),
    Staff("S004", "刘洋", "WK", Role.DOCTOR, "副主任医师", Grade.ASSOCIATE, D(1975, 11, 2)),
    Staff("S005", "陈静", "WK", Role.NURSE, "护师", Grade.JUNIOR, D(1998, 1, 15)),
    Staff("S006", "赵磊", "WK", Role.DOCTOR, "主治医师", Grade.INTERMEDIATE, D(1988, 9, 9)),
)

QY = Course(
    id="QY", title="全院业务学习", category=Category.LECTURE, mode=Mode.IN_PERSON, hours=1.5,
    parts=2, cohort_size=None, audience=EVERYONE, speakers=who_ids("S001", "S004"),
    room_feature="projector", credit_class=CreditClass.II, frequency="monthly", repeats=1,
    recording=True,
)
CPR = Course(
    id="CPR", title="心肺复苏培训", category=Category.SKILLS, mode=Mode.IN_PERSON, hours=1.5,
    parts=1, cohort_size=2, audience=Who("role=nurse", roles=frozenset({Role.NURSE})),
    speakers=who_ids("S006"), room_feature="skills-lab", window_start=D(2026, 3, 15),
    window_end=D(2026, 4, 30),
)
YD = Course(
    id="YD-ON", title="医德医风网络课程", category=Category.ETHICS, mode=Mode.ONLINE, hours=6.0,
    parts=1, cohort_size=None, audience=EVERYONE, speakers=None, credits=1.0,
    credit_class=CreditClass.II, due=D(2026, 4, 30), hospital_run=False,
)
COURSES = {c.id: c for c in (QY, CPR, YD)}
#: (attendee, speaker) credits per session, from the default rates (lecture 0.5 / 2).
CREDITS = {"QY": (0.5, 2.0), "CPR": (0.0, 0.0)}
TOPICS = {("QY", 1): "急性胸痛的规范化诊治", ("QY", 2): "院内感染防控新规解读"}


def problem(**kw: object) -> Problem:
    """The tiny hospital; keyword ``settings`` (a dict) overrides settings fields, others
    override :class:`Problem` fields."""
    settings = Settings(
        hospital="测试医院",
        horizon_start=D(2026, 3, 1),
        horizon_end=D(2026, 4, 30),
        slots=(TUE, THU),
        quotas=(
            QuotaLine(EVERYONE, Category.ETHICS, 6.0, online_share_max=1.0),
            QuotaLine(EVERYONE, Category.LECTURE, 3.0, online_share_max=0.5),
        ),
        credits=CreditQuota(Who("title>=junior", grade_min=Grade.JUNIOR), total_min=4.0,
                            class1_min=1.0, class1_max=3.0, class2_min=2.0),
        rules=(
            HospitalRule("min-per-month", Category.LECTURE, 1, "每月至少一次全院业务学习"),
            HospitalRule("min-per-year", Category.SKILLS, 1, "专业技术培训每年不少于1次"),
        ),
    )
    base: dict[str, object] = dict(
        name="tiny",
        settings=settings,
        staff=STAFF,
        departments=(Department("NK", "内科", 1), Department("WK", "外科", 1)),
        rooms=(
            Room("R1", "学术报告厅", 100, frozenset({"projector", "recording"})),
            Room("R2", "技能培训中心", 4, frozenset({"skills-lab"})),
        ),
        courses=(QY, CPR, YD),
        topics=(
            Topic("QY", 1, TOPICS["QY", 1], speaker="S001"),
            Topic("QY", 2, TOPICS["QY", 2]),
        ),
        pins=(Pin("QY", 1, 1, date=D(2026, 3, 3), slot="tue-pm", room="R1", speaker="S001"),),
        unavailability=(
            Unavailability("staff", "S003", D(2026, 3, 10), D(2026, 3, 12), "病假"),
            Unavailability("room", "R2", D(2026, 3, 17), D(2026, 3, 19), "装修"),
        ),
        history=(
            HistoryRow("S002", "hours", "ethics", 2.0, note="上半年已完成"),
            HistoryRow("S003", "credits", "I", 5.0, hospital_run=False, note="省级继续教育项目"),
            HistoryRow("S004", "credits", "II", 9.5, hospital_run=True),
        ),
    )
    settings_kw = kw.pop("settings", None)
    base.update(kw)
    p = Problem(**base)  # type: ignore[arg-type]
    if settings_kw:
        p = replace(p, settings=replace(p.settings, **settings_kw))  # type: ignore[arg-type]
    return p


def times(day: dt.date, start: dt.time, hours: float) -> tuple[str, str]:
    """ISO 8601 start and end in Asia/Shanghai (+08:00, no daylight saving)."""
    a = dt.datetime.combine(day, start, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    return a.isoformat(), (a + dt.timedelta(hours=hours)).isoformat()


def session(course: str, part: int, run: int, day: dt.date, slot: str, room: str, speaker: str,
            attendees: tuple[str, ...], **fields: object) -> PlannedSession:
    c = COURSES[course]
    start, end = times(day, SLOTS[slot].start, c.hours)
    credits, speaker_credits = CREDITS[course]
    s = PlannedSession(
        id=f"{course}#{part}.{run}", course=course, part=part, run=run, title=c.title,
        topic=TOPICS.get((course, part), ""), category=c.category.value, date=day.isoformat(),
        slot=slot, start=start, end=end, room=room, speaker=speaker, hours=c.hours,
        credits=credits, speaker_credits=speaker_credits, credit_class=c.credit_class.value,
        attendees=attendees,
    )
    return replace(s, **fields)  # type: ignore[arg-type]


def q(staff: str, category: str, required: float, history: float, planned: float,
      shortfall: float = 0.0, reason: str = "") -> QuotaRow:
    return QuotaRow(staff, category, required, history, planned, shortfall, reason)


def quota_rows() -> list[QuotaRow]:
    """Worked out by hand (see the module docstring for the plan):

    * ethics: the 6 h online module covers everyone (S002 also has 2 h from earlier);
    * lecture: 3 h live; S001 / S004 attend one part and teach the other, and teaching a part
      one must follow counts once as taking it;
    * credits: each QY attendance 0.5 (II, hospital-run), each QY talk 2, YD-ON 1 (II, other);
      nobody can earn Class I here, so all but S003 (5 Class I from earlier, counted up to 3) are
      1 short in Class I; S004's 9.5 + 4.5 hospital-run Class II count up to the cap of 10.
    """
    rows: list[QuotaRow] = []
    ethics_hist = {"S002": 2.0}
    for pid in ("S001", "S002", "S003", "S004", "S005", "S006"):
        rows.append(q(pid, "ethics", 6, ethics_hist.get(pid, 0.0), 6))
        rows.append(q(pid, "lecture", 3, 0, 3))
        if pid == "S001":  # attends QY#2.1 (0.5), teaches QY#1.1 and QY#1.2 (2 + 2), YD-ON 1
            rows += [q(pid, "credits-I", 1, 0, 0, 1, "not eligible"),
                     q(pid, "credits-II", 2, 0, 5.5), q(pid, "credits-total", 4, 0, 5.5)]
        elif pid == "S003":  # class I 5 from history (counted 3) + class II 0.5 + 0.5 + 1
            rows += [q(pid, "credits-I", 1, 5, 0), q(pid, "credits-II", 2, 0, 2),
                     q(pid, "credits-total", 4, 5, 2)]
        elif pid == "S004":  # attends QY#1.1, teaches QY#2.1 and QY#2.2, YD-ON; 9.5 from history
            rows += [q(pid, "credits-I", 1, 0, 0, 1, "not eligible"),
                     q(pid, "credits-II", 2, 9.5, 5.5), q(pid, "credits-total", 4, 9.5, 5.5)]
        else:  # two QY sessions (0.5 + 0.5) and YD-ON (1): 2 of the 4 in total
            rows += [q(pid, "credits-I", 1, 0, 0, 1, "not eligible"), q(pid, "credits-II", 2, 0, 2),
                     q(pid, "credits-total", 4, 0, 2, 2, "not eligible")]
    return rows


def valid_plan() -> Plan:
    sessions = [
        session("QY", 1, 1, D(2026, 3, 3), "tue-pm", "R1", "S001", ("S002", "S004", "S005")),
        session("QY", 1, 2, D(2026, 3, 5), "thu-pm", "R1", "S001", ("S003", "S006")),
        session("CPR", 1, 1, D(2026, 3, 24), "tue-pm", "R2", "S006", ("S002", "S005")),
        session("QY", 2, 1, D(2026, 4, 7), "tue-pm", "R1", "S004", ("S001", "S002", "S005")),
        session("QY", 2, 2, D(2026, 4, 9), "thu-pm", "R1", "S004", ("S003", "S006")),
    ]
    offsite = [OffSiteAttendance(s.id, "YD-ON", 1, "online", "2026-04-30") for s in STAFF]
    return Plan(
        name="tiny", hospital="测试医院", timezone="Asia/Shanghai", horizon_start="2026-03-01",
        horizon_end="2026-04-30", status="OPTIMAL", objective={}, sessions=sessions,
        offsite=offsite, missed=[], quotas=quota_rows(),
    )


# -- editing a plan ------------------------------------------------------------------------------


def edit(plan: Plan, sid: str, **fields: object) -> Plan:
    """The plan with session ``sid``'s fields changed."""
    sessions = [replace(s, **fields) if s.id == sid else s  # type: ignore[arg-type]
                for s in plan.sessions]
    return replace(plan, sessions=sessions)


def move(plan: Plan, sid: str, day: dt.date, slot: str, **fields: object) -> Plan:
    """The plan with session ``sid`` moved to ``slot`` on ``day`` (times follow the slot)."""
    s = next(x for x in plan.sessions if x.id == sid)
    start, end = times(day, SLOTS[slot].start, s.hours)
    return edit(plan, sid, date=day.isoformat(), slot=slot, start=start, end=end, **fields)


def drop(plan: Plan, sid: str) -> Plan:
    return replace(plan, sessions=[s for s in plan.sessions if s.id != sid])


def add(plan: Plan, s: PlannedSession) -> Plan:
    return replace(plan, sessions=[*plan.sessions, s])


def set_quota(plan: Plan, staff: str, category: str, **fields: object) -> Plan:
    key = (staff, category)
    rows = [replace(r, **fields) if (r.staff, r.category) == key else r  # type: ignore[arg-type]
            for r in plan.quotas]
    return replace(plan, quotas=rows)


# -- checking ------------------------------------------------------------------------------------


def check(p: Problem, plan: Plan) -> list[Violation]:
    return check_plan(p, build_calendar(p.settings, p.holidays), plan)


def messages(p: Problem, plan: Plan, rule: str | None = None) -> list[str]:
    """The violations' messages (of one family if ``rule`` is given), in the checker's order."""
    return [v.message for v in check(p, plan) if rule is None or v.rule == rule]
