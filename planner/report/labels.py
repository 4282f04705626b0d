"""Every word the plan summary shows, in Chinese and English, in one table.

Keeping the two languages side by side in one module is what makes "both complete" checkable: a
test walks :data:`TEXT` and fails on any key missing a language. Codes that come from the plan
(categories, shortfall reasons, solver status) are translated here too; free text the office
typed (names, titles, topics) is shown as written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

LANGUAGES = ("zh", "en")

#: key → (Chinese, English)
TEXT: dict[str, tuple[str, str]] = {
    # page and sections
    "title": ("继续医学教育计划摘要", "Continuing medical education plan summary"),
    "sec.headline": ("概况", "At a glance"),
    "sec.quotas": ("个人学时与学分", "Hours and credits per person"),
    "sec.calendar": ("逐月讲座日程", "Sessions month by month"),
    "sec.rotations": ("轮转与进修", "Rotations and external study"),
    "sec.coverage": ("科室在岗人数（每月最紧时刻）", "Department cover (tightest moment each month)"),
    "sec.rooms": ("教室使用率", "Room utilisation"),
    "sec.speakers": ("讲者授课负荷", "Speaker load"),
    "sec.unmet": ("未完成事项及原因", "Unmet items and their reasons"),
    "sec.holidays": ("节假日说明", "Holiday notes"),
    "sheet.headline": ("概况", "Overview"),
    "sheet.quotas": ("学时与学分", "Quotas"),
    "sheet.sessions": ("讲座日程", "Sessions"),
    "sheet.rotations": ("轮转", "Rotations"),
    "sheet.placements": ("进修", "External study"),
    "sheet.coverage": ("科室在岗", "Coverage"),
    "sheet.rooms": ("教室使用", "Rooms"),
    "sheet.speakers": ("讲者负荷", "Speakers"),
    "sheet.unmet": ("未完成事项", "Unmet"),
    "sheet.holidays": ("节假日", "Holidays"),
    # headline figures
    "h.hospital": ("医院", "Hospital"),
    "h.plan": ("输入集", "Inputs"),
    "h.horizon": ("计划期", "Horizon"),
    "h.horizon_start": ("计划开始", "Horizon start"),
    "h.horizon_end": ("计划结束", "Horizon end"),
    "h.staff": ("职工人数", "Staff"),
    "h.departments": ("科室数", "Departments"),
    "h.sessions": ("讲座场次", "Sessions"),
    "h.live": ("现场出席人次", "Live attendances"),
    "h.recordings": ("看录像补学人次", "Attended by recording"),
    "h.online": ("网络课程人次", "Online modules"),
    "h.rotation_blocks": ("轮转段数", "Rotation blocks"),
    "h.rotating_people": ("轮转人数", "People rotating"),
    "h.placements": ("进修人数", "External study placements"),
    "h.months_away": ("进修人月", "Person-months away"),
    "h.attainment": ("学时达标率", "Quota attainment"),
    "h.attainment_note": (
        "Σ min(既往 + 计划, 要求) ÷ Σ 要求，按学时类别（不含学分）",
        "Σ min(history + planned, required) ÷ Σ required over hour categories (credits excluded)",
    ),
    "h.people_short": ("未达标人数", "People short of a quota"),
    "h.short_lines": ("未达标项数", "Quota lines short"),
    "h.missed": ("必修讲座缺席人次", "Required sessions missed"),
    "h.violations": ("硬性规则违规（独立校核）", "Hard-rule violations (independent check)"),
    "h.status": ("计划质量", "Plan quality"),
    "h.phase.months": ("轮转与进修月份", "Rotation and external-study months"),
    "h.phase.timetable": ("课表", "Timetable"),
    "h.phase.attendance": ("参训安排", "Attendance"),
    "h.warnings": ("提示", "Warning"),
    "h.relaxation": ("可排上的修改（已验证）", "Change that plans it (tried)"),
    "colon": ("：", ": "),
    # generic columns
    "c.item": ("项目", "Item"),
    "c.value": ("数值", "Value"),
    "c.staff_id": ("工号", "Staff id"),
    "c.name": ("姓名", "Name"),
    "c.department": ("科室", "Department"),
    "c.category": ("类别", "Category"),
    "c.unit": ("单位", "Unit"),
    "c.required": ("要求", "Required"),
    "c.history": ("既往已完成", "From history"),
    "c.planned": ("本计划", "Planned"),
    "c.shortfall": ("差额", "Shortfall"),
    "c.reason": ("原因", "Reason"),
    "c.detail": ("说明", "Detail"),
    "c.session": ("场次", "Session"),
    "c.course": ("课程", "Course"),
    "c.part": ("讲次", "Part"),
    "c.run": ("批次", "Run"),
    "c.title": ("名称", "Title"),
    "c.topic": ("题目", "Topic"),
    "c.date": ("日期", "Date"),
    "c.weekday": ("星期", "Weekday"),
    "c.time": ("时间", "Time"),
    "c.room": ("教室", "Room"),
    "c.speaker": ("讲者", "Speaker"),
    "c.speaker_id": ("讲者编号", "Speaker id"),
    "c.attendees": ("出席人数", "Attendees"),
    "c.hours": ("学时", "Hours"),
    "c.credits": ("学分", "Credits"),
    "c.credit_class": ("学分类别", "Credit class"),
    "c.programme": ("轮转项目", "Programme"),
    "c.block": ("段", "Block"),
    "c.start": ("开始", "Start"),
    "c.end": ("结束", "End"),
    "c.exit_exam": ("出科考核", "Exit exam"),
    "c.seat": ("名额", "Seat"),
    "c.partner": ("进修医院", "Partner hospital"),
    "c.specialty": ("专业", "Specialty"),
    "c.months": ("月数", "Months"),
    "c.teach_back": ("回院汇报", "Teach-back"),
    "c.month": ("月份", "Month"),
    "c.headcount": ("编制人数", "Headcount"),
    "c.minimum": ("最低在岗", "Minimum on duty"),
    "c.on_duty": ("最少在岗", "Fewest on duty"),
    "c.slack": ("余量", "Slack"),
    "c.at": ("最紧时刻", "Tightest moment"),
    "c.busy": ("培训/授课", "In sessions"),
    "c.leave": ("请假", "On leave"),
    "c.away": ("外出（轮转/进修）", "Away (rotation/external)"),
    "c.tightest": ("最紧月份", "Tightest month"),
    "c.at_minimum": ("恰在最低线的讲座时刻数", "Session starts at the minimum"),
    "c.instants": ("讲座时刻数", "Session starts"),
    "c.used_hours": ("已用学时", "Hours used"),
    "c.available_hours": ("可用学时", "Hours available"),
    "c.utilisation": ("使用率", "Utilisation"),
    "c.sessions": ("场次", "Sessions"),
    "c.courses": ("课程数", "Courses"),
    "c.kind": ("类型", "Kind"),
    "c.estimated": ("估算", "Estimated"),
    "c.note": ("备注", "Note"),
    "c.holiday": ("节日", "Holiday"),
    "c.people": ("人数", "People"),
    "list.sep": ("、", ", "),
    # values
    "yes": ("是", "yes"),
    "no": ("", ""),
    "unit.hours": ("学时", "hours"),
    "unit.credits": ("学分", "credits"),
    "kind.missed": ("缺席必修场次", "missed session"),
    "kind.shortfall": ("学时/学分不足", "quota shortfall"),
    "kind.rotation": ("轮转", "rotation"),
    "kind.external": ("进修", "external study"),
    "day.holiday": ("节假日", "holiday"),
    "day.makeup": ("调休上班", "make-up workday"),
    "day.estimated": ("估算，待核实", "estimated — to be confirmed"),
    "external_speaker": ("院外讲者", "external speaker"),
    "examiner": ("{name}（考官）", "{name} (examiner)"),
    # page furniture
    "filter": ("筛选（姓名、工号、科室、类别…）", "Filter (name, id, department, category…)"),
    "only_short": ("只看未达标", "Shortfalls only"),
    "sort_hint": ("点击表头排序", "Click a column heading to sort"),
    "rows_shown": ("行", "rows"),
    "none": ("无", "none"),
    "no_unmet": ("全部必修场次和学时/学分要求均已满足。", "Every required session and quota is met."),
    "no_rotations": ("本计划没有轮转或进修安排。", "This plan has no rotations or external study."),
    "no_sessions": ("本月无讲座", "No sessions this month"),
    "no_speakers": ("本计划没有讲座。", "This plan has no sessions."),
    "legend.external": ("进修（院外）", "External study (away)"),
    "legend.coverage": (
        (
            "格内为 最少在岗/最低要求，“×n” = 当月有 n 个讲座时刻恰在最低线；颜色按余量：红 < 0，"
            "橙 = 0（恰在最低线，越深表示当月越多讲座时刻在最低线），黄 1，绿 ≥ 2；粗框为该科最紧月份；灰 = 当月无讲座。"
        ),
        (
            "Cells show fewest on duty / minimum, “×n” = n session starts that month at the minimum; "
            "colour by slack: red < 0, orange = 0 (at the minimum; deeper when more of the month's "
            "session starts are), yellow 1, green ≥ 2; a heavy "
            "border marks each department's tightest month; grey = no sessions."
        ),
    ),
    "legend.coverage_rule": (
        (
            "在岗 = 本科人数 − 该时刻在培训或授课者 − 当日请假者 − 外出轮转或进修者"
            "（+ 计入在岗的轮转来人），取当月所有讲座开始时刻中的最小值。"
        ),
        (
            "On duty = department headcount − those in a session or teaching then − those on leave "
            "that day − those away on rotation or external study (+ incoming rotators where they "
            "count), the minimum over every session start in the month."
        ),
    ),
    "legend.rooms": (
        "已用学时 ÷ 可用学时（当月所有讲座时段，扣除教室停用日）。",
        (
            "Hours used ÷ hours available (every lecture slot of the month, less days the room is "
            "closed)."
        ),
    ),
    "legend.speakers": (
        "按授课学时排序；深灰为院外讲者。",
        "Sorted by teaching hours; dark grey = external speaker.",
    ),
    "legend.calendar": (
        "灰底 = 节假日；“班” = 调休上班；“估” = 估算日期，待核实。",
        "Grey = holiday; “W” = make-up workday; “E” = estimated, to be confirmed.",
    ),
    "mark.makeup": ("班", "W"),
    "mark.estimated": ("估", "E"),
    "estimated_warning": (
        "以下日期的节假日安排为估算，请对照国务院办公厅通知核实：",
        "The holiday status of these days is estimated; check against the State Council notice:",
    ),
    "sessions_on_estimated": (
        "安排在估算日期上的讲座：",
        "Sessions placed on estimated days:",
    ),
    "calendar_notes": ("日历来源", "Calendar sources"),
    "hol.span": ("{start} 至 {end} {name}（{n} 天）{estimated}", "{start} to {end} {name} ({n} days) {estimated}"),
    "hol.day": ("{date}（{weekday}）{name} {estimated}", "{date} ({weekday}) {name} {estimated}"),
    "md.shortfalls": ("个人未达标项", "Quota shortfalls per person"),
    "md.missed": ("缺席必修场次", "Required sessions missed"),
    "md.more": ("完整明细见 summary.xlsx 与 summary.html。", "Full detail in summary.xlsx and summary.html."),
    "sec.missed_by_part": ("缺席必修场次（按讲次汇总）", "Required sessions missed, per session"),
    "print_unmet": (
        "学时/学分不足的人见上文“个人学时与学分”；缺席的必修场次在打印版按讲次汇总，逐人明细见屏幕版或 summary.xlsx（未完成事项）。",
        (
            "Quota shortfalls are listed under “Hours and credits per person” above; the printout "
            "counts missed required sessions per session — the list per person is on screen and "
            "in summary.xlsx (Unmet)."
        ),
    ),
    "print_calendar": (
        "打印版按日期列出每场讲座：时间、名称、教室、讲者（考官）、出席人数。",
        "The printout lists every session by date: time, title, room, speaker (examiner), attendees.",
    ),
    "print_speakers": (
        "打印版只画授课学时最多的 {n} 位讲者；全部讲者见屏幕版或 summary.xlsx（讲者负荷）。",
        (
            "The printout draws the {n} speakers with the most hours; every speaker is on screen "
            "and in summary.xlsx (Speakers)."
        ),
    ),
    "print_quotas": (
        "打印版只列未达标的行；完整表格见屏幕版或 summary.xlsx。",
        (
            "The printout lists only the lines short of their quota; the full table is on screen and "
            "in summary.xlsx."
        ),
    ),
}

CATEGORIES: dict[str, tuple[str, str]] = {
    "ethics": ("职业道德", "professional ethics"),
    "infection": ("重点传染病/院感", "infectious disease & infection control"),
    "skills": ("技能培训", "skills training"),
    "law": ("法律法规", "law and regulations"),
    "lecture": ("全院业务学习", "hospital-wide lecture"),
    "grand-round": ("病例讨论/大查房", "case conference / grand round"),
    "exam": ("理论考试", "theory exam"),
    "exit-exam": ("出科考核", "rotation exit exam"),
    "teach-back": ("回院汇报讲课", "teach-back lecture"),
    "other": ("其他", "other"),
    "credits-total": ("学分合计", "CME credits, total"),
    "credits-I": ("I类学分", "CME credits, Class I"),
    "credits-II": ("II类学分", "CME credits, Class II"),
}

REASONS: dict[str, tuple[str, str]] = {
    "away": ("外出/请假（每场均不在）", "away (on leave or teaching at every run)"),
    "not eligible": ("可参加场次不足以达标", "not eligible (too few sessions offered)"),
    "no session in window": ("期限内无可参加场次", "no session in window"),
    "capacity": ("各场次已满员", "capacity (every run was full)"),
    "coverage": ("科室在岗人数已达下限", "coverage (department at its minimum)"),
    "clash": ("每场均与本人其他培训同时", "clash (in another session at every run)"),
    "trade-off": ("整体统筹，课时让给了缺口更大的同事", "trade-off (the best plan gives the hours to others)"),
    "solver limit": ("计划时间用尽，未能排入（可延长计划时间）",
                     "not placed within the planning time (a longer time limit may help)"),
}

CREDIT_CLASSES: dict[str, tuple[str, str]] = {
    "I": ("I类", "Class I"),
    "II": ("II类", "Class II"),
    "none": ("", ""),
}

STATUS: dict[str, tuple[str, str]] = {
    "OPTIMAL": ("最优（每一步都已证明是最好的安排）",
                "best possible (each step proved the best it can be)"),
    "FEASIBLE": ("可用，但未证明是最好的安排", "usable, not proved the best"),
    "CONSTRUCTIVE": ("逐项排定，未证明是最好的安排", "built step by step, not proved the best"),
    "KEPT": ("沿用已发布的安排", "published plan kept"),
    "EMPTY": ("无需安排", "nothing to plan"),
}

WEEKDAYS: dict[str, tuple[str, ...]] = {
    "zh": ("一", "二", "三", "四", "五", "六", "日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

#: The detail of a missed session (plan.json keeps it in fixed English, with department ids):
#: "where: dates" parts for ``away``, "DEPT date" items for ``coverage``, dates otherwise.
DETAILS: dict[str, tuple[str, str]] = {
    "d.where": ("{where}：{days}", "{where}: {days}"),
    "d.leave": ("请假", "on leave"),
    "d.teaching": ("授课", "teaching"),
    "d.leave_or_teaching": ("请假或授课", "on leave or teaching"),
    "d.rotating": ("在{department}轮转", "rotating in {department}"),
    "d.external": ("进修（{partner}）", "external study ({partner})"),
    "d.full": ("各场次均已满员", "every run was full"),
    "d.list": ("、", ", "),
    "d.parts": ("；", "; "),
}
_ROTATING = re.compile(r"^rotating in (.+)$")
_EXTERNAL = re.compile(r"^external study (?:\S+ )?\((.*)\)$")
_AT_MINIMUM = re.compile(r"^(.*) at its minimum on duty$")


@dataclass(frozen=True)
class Labels:
    """The words of one language; ``labels["c.name"]`` or the helpers for coded values."""

    lang: str

    @property
    def _i(self) -> int:
        return 0 if self.lang == "zh" else 1

    def __getitem__(self, key: str) -> str:
        return TEXT[key][self._i]

    def category(self, code: str) -> str:
        return CATEGORIES[code][self._i] if code in CATEGORIES else code

    def unit(self, category: str) -> str:
        return self["unit.credits" if category.startswith("credits") else "unit.hours"]

    def reason(self, code: str) -> str:
        return REASONS[code][self._i] if code in REASONS else code

    def credit_class(self, code: str) -> str:
        return CREDIT_CLASSES[code][self._i] if code in CREDIT_CLASSES else code

    def status(self, code: str) -> str:
        return STATUS[code][self._i] if code in STATUS else code

    def _d(self, key: str, **values: object) -> str:
        return DETAILS[key][self._i].format(**values)

    def detail(self, reason: str, text: str,
               department: Callable[[str], str] = lambda d: d) -> str:
        """A missed session's detail in words, departments by name (``department`` turns an
        id into one): ``内科：2027-09-17、2027-09-21``, ``请假：2027-04-08；授课：2027-05-06``."""
        if not text:
            return ""
        days = self._d("d.list").join
        if text == "every run was full":
            return self._d("d.full")
        minimum = _AT_MINIMUM.match(text)
        if minimum:
            return department(minimum[1])
        if reason == "coverage":
            by: dict[str, list[str]] = {}
            for item in text.split(", "):
                dept, _, day = item.rpartition(" ")
                by.setdefault(department(dept) if dept else "", []).append(day)
            return self._d("d.parts").join(self._d("d.where", where=d, days=days(v)) if d
                                           else days(v) for d, v in by.items())
        if reason != "away":
            return days(text.split(", "))
        parts = []
        for part in text.split("; "):
            where, sep, dates = part.rpartition(": ")
            if not sep:
                parts.append(part)
                continue
            parts.append(self._d("d.where", where=self._where(where, department),
                                 days=days(dates.split(", "))))
        return self._d("d.parts").join(parts)

    def _where(self, where: str, department: Callable[[str], str]) -> str:
        if where in ("on leave", "teaching", "on leave or teaching"):
            return self._d({"on leave": "d.leave", "teaching": "d.teaching"}.get(
                where, "d.leave_or_teaching"))
        rotating = _ROTATING.match(where)
        if rotating:
            return self._d("d.rotating", department=department(rotating[1]))
        external = _EXTERNAL.match(where)
        if external:
            return self._d("d.external", partner=external[1])
        return where

    def weekday(self, day: dt.date) -> str:
        return WEEKDAYS[self.lang][day.weekday()]

    def weekdays(self) -> tuple[str, ...]:
        return WEEKDAYS[self.lang]

    def month(self, year: int, month: int) -> str:
        return f"{year}年{month}月" if self.lang == "zh" else f"{_MONTHS_EN[month - 1]} {year}"

    def month_short(self, year: int, month: int) -> str:
        return f"{month}月" if self.lang == "zh" else _MONTHS_EN[month - 1]


def labels_for(lang: str) -> Labels:
    """The labels of ``lang``; anything but English falls back to Chinese, the default."""
    return Labels("en" if lang == "en" else "zh")
