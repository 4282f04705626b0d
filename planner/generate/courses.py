"""Courses and their series: what the hospital teaches, to whom, by whom, how often.

In this order (the random stream depends on it): the monthly whole-hospital lecture (定人定题),
the nursing series of a hospital of 500 or more, ethics and infection (an online module for the
share the quota allows online, an in-person series for the rest), the law lecture, the skills
trainings in cohorts (CPR, emergency skills), the yearly theory exam, the grand rounds of each
group of four clinical departments — and, once history is known, the Class I project for those
without Class I credits (:func:`build_class1_project`).

Each course allows enough repeats that every department can send its people while keeping its
minimum on duty (:func:`repeats`).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from planner.generate.dates import add_months, visit_dates
from planner.generate.people import Person
from planner.generate.staff import CLINICAL

if TYPE_CHECKING:
    from planner.generate.hospital import Hospital

COURSE_COLUMNS: tuple[str, ...] = (
    "id", "title", "category", "mode", "hours", "sessions", "cohort_size", "audience", "speakers", "room_feature",
    "credits", "speaker_credits", "credit_class", "window_start", "window_end", "frequency", "dates", "due",
    "repeats", "recording", "hospital_run",
)  # fmt: skip

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


def repeats(h: Hospital, audience: int, capacity: int) -> int:
    """Extra runs allowed per part: enough for the whole audience in rooms of ``capacity``
    and for each department to send at most its away budget at a time, plus slack."""
    worst = max(d.size / max(1, d.away_budget()) for d in h.depts)
    runs = max(math.ceil(audience / capacity), math.ceil(worst)) + 1
    return max(1, math.ceil(runs * 1.25)) - 1


def pick(h: Hospital, pool: list[Person], n: int) -> list[Person]:
    """``n`` of ``pool`` at random (in id order), kept off long leave and external study."""
    pool = sorted(pool, key=lambda p: p.id)
    chosen = h.rng.sample(pool, min(n, len(pool)))
    chosen.sort(key=lambda p: p.id)
    h.busy.update(p.id for p in chosen)
    return chosen


def course(h: Hospital, **kw: Any) -> None:
    row = {c: "" for c in COURSE_COLUMNS}
    row.update(kw)
    h.courses.append(row)


def window(h: Hospital, a: float, b: float) -> tuple[dt.date, dt.date]:
    """The share ``a``..``b`` of the horizon (all of it when the horizon is 3 months or less)."""
    days = (h.end - h.start).days
    if h.months <= 3:
        return h.start, h.end
    return (
        h.start + dt.timedelta(days=int(days * a)),
        h.start + dt.timedelta(days=int(days * b)),
    )


def build_courses(h: Hospital) -> None:
    people = h.people
    clinical_roles = [
        p for p in people if p.role in ("doctor", "nurse", "technician", "pharmacist")
    ]
    meeting_cap = sorted((r[2] for r in h.room_rows if "projector" in r[3]), reverse=True)
    typical = meeting_cap[min(2, len(meeting_cap) - 1)]
    seniors = [
        p for p in people if p.grade >= 3 and p.role in ("doctor", "nurse", "pharmacist")
    ]
    admin = [p for p in people if p.department == "XZ"]
    _whole_hospital_lecture(h, seniors)
    _nursing_series(h)
    _ethics_and_infection(h, seniors, admin, clinical_roles, typical)
    _law(h, admin, typical)
    _skills(h)
    _theory_exam(h, admin)
    _grand_rounds(h)


def _whole_hospital_lecture(h: Hospital, seniors: list[Person]) -> None:
    """Monthly whole-hospital lecture (定人定题): senior speakers from many departments."""
    n, months = len(h.people), h.months
    speakers = pick(h, seniors, months)
    while len(speakers) < months:
        speakers.append(speakers[len(speakers) % max(1, len(speakers))])
    course(
        h,
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
        h.topics.append(("QY-XX", k + 1, topic, speakers[k].id, ""))


def _nursing_series(h: Hospital) -> None:
    """Nursing and system lecture series appear as the hospital grows."""
    nurses = [p for p in h.people if p.role == "nurse"]
    if len(h.people) < 500:
        return
    pool = pick(h, [p for p in nurses if p.grade >= 2], max(4, len(nurses) // 60))
    course(
        h,
        id="HL-XX",
        title="护理业务学习",
        category="lecture",
        hours=1.5,
        sessions=h.months,
        audience="role=nurse",
        speakers="id=" + ",".join(p.id for p in pool),
        room_feature="projector",
        credits=0.5,
        credit_class="II",
        frequency="monthly",
        repeats=repeats(h, len(nurses), h.hall),
        recording=True,
    )
    for k in range(h.months):
        h.topics.append(("HL-XX", k + 1, _NURSING_TOPICS[k % len(_NURSING_TOPICS)], "", ""))


def _ethics_and_infection(h: Hospital, seniors: list[Person], admin: list[Person],
                          clinical_roles: list[Person], typical: int) -> None:
    """Ethics and infection: an online module for the online share, an in-person series for the
    rest. The quota hours follow from the number of parts."""
    n, months = len(h.people), h.months
    scale = months / 12
    eth_parts = max(1, round(8 * scale))
    inf_parts = max(1, round(7 * scale))
    h.quota_hours = {"ethics": 3.0 * eth_parts, "infection": 3.0 * inf_parts}
    due = add_months(h.start, max(1, months * 3 // 4)) - dt.timedelta(days=1)
    course(
        h,
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
    course(
        h,
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
    eth_pool = pick(
        h,
        [p for p in admin if p.role != "nurse"] + [p for p in seniors if p.grade == 4],
        max(4, n // 40),
    )
    course(
        h,
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
        repeats=repeats(h, n, typical),
    )
    for k in range(eth_parts):
        h.topics.append(("YD-01", k + 1, _ETHICS_TOPICS[k % len(_ETHICS_TOPICS)], "", ""))
    inf_candidates = [
        p for p in h.people if p.department in ("XZ", "ICU", "GRK", "JY") and p.grade >= 2
    ]
    inf_pool = pick(h, inf_candidates, max(4, n // 40))
    course(
        h,
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
        repeats=repeats(h, len(clinical_roles), typical),
    )
    for k in range(inf_parts):
        h.topics.append(("GR-01", k + 1, _INFECTION_TOPICS[k % len(_INFECTION_TOPICS)], "", ""))


def _law(h: Hospital, admin: list[Person], typical: int) -> None:
    """Law: a small hospital invites an outside lawyer on fixed visit dates; a big one has its
    own legal office, whose staff can run the many sessions needed."""
    n = len(h.people)
    law_repeats = repeats(h, n, typical)
    if n <= 300:
        h.law_dates = visit_dates(h.start, h.end, law_repeats + 3)
        law_speakers = "external:市司法局法律顾问"
        law_dates = ",".join(d.isoformat() for d in h.law_dates)
    else:
        legal = pick(h, [p for p in admin if p.role == "admin"], max(3, n // 150))
        law_speakers, law_dates = "id=" + ",".join(p.id for p in legal), ""
    course(
        h,
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


def _skills(h: Hospital) -> None:
    """Skills in cohorts: CPR for everyone, emergency skills for doctors and nurses."""
    acute = [
        p
        for p in h.people
        if p.department in ("JZ", "ICU", "MZ")
        and p.role in ("doctor", "nurse")
        and p.grade >= 2
    ]
    instructors = pick(h, acute, max(4, len(h.people) // 100))
    ins = "id=" + ",".join(p.id for p in instructors)
    sk_start, sk_end = window(h, 0.15, 0.9)
    course(
        h,
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
    jj_start, jj_end = window(h, 0.25, 0.95)
    course(
        h,
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


def _theory_exam(h: Hospital, admin: list[Person]) -> None:
    """The yearly theory exam: under 45, intermediate title or below."""
    proctors = pick(h, [p for p in admin if p.role == "admin"], max(2, len(h.people) // 150))
    ex_start, ex_end = window(h, 0.5, 1.0)
    course(
        h,
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


def _grand_rounds(h: Hospital) -> None:
    """Grand rounds: one monthly series per group of up to four clinical departments."""
    clinical = [d for d in h.depts if d.kind in CLINICAL]
    groups = [clinical[i : i + 4] for i in range(0, len(clinical), 4)]
    for g, group in enumerate(groups, 1):
        ids = ",".join(d.id for d in group)
        # each department sends at most its away budget of doctors to one run
        runs = max(
            math.ceil(sum(p.role == "doctor" for p in d.people) / max(1, d.away_budget()))
            for d in group
        )
        course(
            h,
            id=f"DCF-{g}",
            title=f"临床病例讨论（{'、'.join(d.name for d in group)}）",
            category="grand-round",
            hours=1.5,
            sessions=h.months,
            audience=f"role=doctor; dept={ids}",
            speakers=f"role=doctor; title>=associate; dept={ids}",
            room_feature="projector",
            credit_class="II",
            frequency="monthly",
            repeats=runs,
            recording=True,
        )


def build_class1_project(h: Hospital, without_class1: list[str]) -> None:
    """A Class I project hosted by the hospital, for those without Class I credits yet."""
    class1_dates = visit_dates(h.start, h.end, 2 * math.ceil(len(without_class1) / h.hall) + 4)
    if without_class1 and len(class1_dates) >= 2:
        course(
            h,
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
            repeats=repeats(h, len(without_class1), h.hall),
            hospital_run=False,
        )
