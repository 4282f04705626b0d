"""Every word the change notices (``changes.md``, the values of ``changes.csv``) and the cause
descriptions show, in Chinese and English, in one table.

As in :mod:`planner.report.labels`, the two languages sit side by side so that a test can walk
:data:`TEXT` and fail on any key missing one. What the office typed — names, titles, topics,
reasons for leave, room and department names — is shown as written; dates stay ISO
(``2027-06-01``), times ``16:30–18:00``. The column names of ``changes.csv`` are not here: they
stay English in both languages, because mail-merge templates refer to them.

Chinese terms, used the same way throughout: 新增 (added), 取消 (removed; a person's line in
``changes.md`` says 不再安排, "no longer scheduled", so nobody reads it as the whole session
called off), 调整 (moved), 变更场次 (changed sessions), 变更人次 (changed person-events),
请假 (a person's unavailability), 停用 (a room's), 连带影响 (knock-on), 重新优化 (re-optimised).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

LANGUAGES = ("zh", "en")

#: key → (Chinese, English); ``{name}`` fields are filled by :meth:`Labels.__call__`
TEXT: dict[str, tuple[str, str]] = {
    # --- changes.md -------------------------------------------------------------------------
    "md.title": ("# 变更说明", "# Changes"),
    "md.title.version": ("# 变更说明（对照已发布的第 {version} 版）",
                         "# Changes since published version {version}"),
    "md.sessions": (
        (
            "- 变更场次：**{count}**{bound}——讲座的时间、地点或主讲人有变动的场次，"
            "以及调整、新增或取消的轮转段和进修安排"
        ),
        (
            "- Changed sessions: **{count}**{bound} — time, room or speaker of a session; "
            "rotation blocks and placements changed, added or removed"
        ),
    ),
    "md.events": (
        "- 变更人次：**{count}**{bound}——个人日程中新增、取消或调整的条目，涉及 {people} 人",
        (
            "- Changed person-events: **{count}**{bound} — entries appearing in, leaving or "
            "moving within one person's calendar, for {people} people"
        ),
    ),
    "md.bound": ("（下限 {bound}）", " (lower bound {bound})"),
    "md.inputs": ("## 输入变动", "## Input changes"),
    "md.inputs.none": ("未发现", "none found"),
    "md.inputs.unknown": ("不明：已发布版本未保存输入快照",
                          "unknown: the published version has no inputs snapshot"),
    "md.items": ("## 变更场次", "## Changed sessions"),
    "md.items.header": ("| 事项 | 变更 | 原安排 | 新安排 | 原因 |",
                        "| what | change | from | to | cause |"),
    "md.items.none": ("无", "none"),
    "md.departments": ("## 各科室汇总", "## Per department"),
    "md.departments.header": ("| 科室 | 人数 | 变更人次 |",
                              "| department | people | person-events |"),
    "md.departments.none": ("无人日程变动", "nobody's calendar changes"),
    "md.people": ("## 个人明细", "## Per person"),
    "md.person": ("### {name}（{id}）— {department}", "### {name} ({id}) — {department}"),
    "md.line": ("- {what}：{moved}；原因：{cause}", "- {what}: {moved} — why: {cause}"),
    "md.added": ("新增：{after}", "new: {after}"),
    "md.removed": ("不再安排：{before}", "no longer: {before}"),
    "md.moved": ("由 {before} 调整为 {after}", "from {before} to {after}"),
    # --- the line planner plan prints after a re-plan -----------------------------------------
    "cli.summary": (
        "变更{against}：变更场次 {sessions}，变更人次 {events}，涉及 {people} 人——见 {files}",
        "changes{against}: {sessions} changed sessions, {events} changed person-events for "
        "{people} people — see {files}",
    ),
    "cli.against": ("（对照已发布的第 {version} 版）", " against published version {version}"),
    # --- the change itself (changes.csv "change", the table of changed sessions) ------------
    "change.added": ("新增", "added"),
    "change.removed": ("取消", "removed"),
    "change.moved": ("调整", "moved"),
    "change.fields": ("{change}（{fields}）", "{change} ({fields})"),
    "field.time": ("时间", "time"),
    "field.room": ("地点", "room"),
    "field.speaker": ("主讲人", "speaker"),
    "field.department": ("科室", "department"),
    "field.partner": ("进修单位", "partner"),
    "field.place": ("地点", "place"),
    "list.sep": ("、", ", "),
    # --- what moved, and from where to where ("what", "from", "to") -------------------------
    "what.session": ("{label}（{ref}）", "{label} ({ref})"),
    "what.rotation": ("轮转：{department}（{programme} 第{block}阶段）",
                      "rotation {department} ({programme}, block {block})"),
    "what.placement": ("进修：{label}（名额 {ref}）", "external study {label} (seat {ref})"),
    "what.recording": ("观看录像：{label}（{ref}）", "recording to watch: {label} ({ref})"),
    "what.deadline": ("网络课程截止：{title}（{ref}）", "online module deadline: {title} ({ref})"),
    "where.teaches": ("{where}（您主讲）", "{where} (you teach)"),
    "where.speaker": ("{where}，主讲：{speaker}", "{where}, speaker {speaker}"),
    "where.examines": ("{where}（您任考官）", "{where} (you examine)"),
    "where.examiner": ("{where}，考官：{speaker}", "{where}, examiner {speaker}"),
    "days": ("{start} 至 {end}", "{start}–{end}"),
    # --- a person's own notice (changes.csv, planner notify): no ids, neutral causes ----------
    "plain.placement": ("进修：{label}", "external study: {label}"),
    "plain.recording": ("观看录像：{label}", "recording to watch: {label}"),
    "plain.deadline": ("网络课程截止：{title}", "online module deadline: {title}"),
    "plain.cohort": ("{label}：第{old}期 → 第{new}期", "{label}: run {old} → run {new}"),
    "notice.line": ("{what}：{moved}；原因：{cause}", "{what}: {moved} — why: {cause}"),
    "neutral.added": ("新增安排", "new in your schedule"),
    "neutral.removed": ("安排取消", "no longer in your schedule"),
    "neutral.time": ("时间调整", "time changed"),
    "neutral.room": ("教室调整", "room changed"),
    "neutral.place": ("地点调整", "place changed"),
    "neutral.speaker": ("主讲人调整", "speaker changed"),
    "neutral.other": ("安排调整", "arrangement changed"),
    "notice.subject": ("【{hospital}】培训安排变动通知（{count} 项）",
                       "{hospital}: changes to your training schedule ({count})"),
    "notice.greeting": ("{name}，您好：", "Dear {name},"),
    "notice.intro": ("您的培训安排有以下变动：", "Your training schedule has changed:"),
    "notice.footer": ("已订阅的日历会自动更新。如有疑问，请联系科教科。",
                      "Subscribed calendars update themselves. Questions: the education office."),
    # --- input changes (the list in changes.md, and the causes) -----------------------------
    "in.note": ("（{reason}）", " ({reason})"),
    "in.leave": ("{name} {dates} 请假{note}", "{name} on leave {dates}{note}"),
    "in.closed": ("{room} {dates} 停用{note}", "room {room} closed {dates}{note}"),
    "in.freed.staff": ("{name} {dates} 的请假已撤销", "{name}: unavailability {dates} withdrawn"),
    "in.freed.room": ("{room} {dates} 的停用已撤销",
                      "room {room}: unavailability {dates} withdrawn"),
    "in.staff_new": ("新职工{name}（{department}）", "new staff member {name} ({department})"),
    "in.staff_left": ("{name}已不在人员表中", "staff member {name} no longer in the inputs"),
    "in.person_moved": ("{name}由{old}调至{new}", "{name} moved from {old} to {new}"),
    "in.room_removed": ("{room}已不在场地表中", "room {room} removed"),
    "in.room_capacity": ("{room}容量由 {old} 人减至 {new} 人",
                         "room {room} capacity reduced from {old} to {new}"),
    "in.room_feature": ("{room}不再具备原有设施", "room {room} lost a feature"),
    "in.min_on_duty": ("{department}最少在岗人数由 {old} 人提高至 {new} 人",
                       "department {department} minimum on duty raised from {old} to {new}"),
    "in.rotator_capacity": (
        "{department}轮转容量由 {old} 人减至 {new} 人",
        "department {department} rotator capacity reduced from {old} to {new}",
    ),
    "in.seat_cancelled": ("进修名额 {seat}（{where}）已取消",
                          "external-study seat {seat} at {where} cancelled"),
    "in.seats_reduced": ("进修名额 {seat}（{where}）由 {old} 个减至 {new} 个",
                         "external-study seats {seat} at {where} reduced from {old} to {new}"),
    "in.seat_changed": ("进修名额 {seat}（{where}）有变动",
                        "external-study seat {seat} at {where} changed"),
    "in.course_added": ("新增课程“{title}”", "course {title} added"),
    "in.course_removed": ("课程“{title}”已取消", "course {title} removed"),
    "in.course_changed": ("课程“{title}”有变动", "course {title} changed"),
    "in.topics": ("课程 {course} 的讲题有变动", "topics of course {course} changed"),
    "in.pins": ("课程 {course} 的已定场次有变动", "fixed sessions of course {course} changed"),
    "in.history": ("{name}的已完成培训记录有变动", "training history of {name} changed"),
    "in.records": ("{name}的签到记录有变动", "attendance records of {name} changed"),
    "in.holidays": ("节假日有变动", "holidays changed"),
    "in.settings": ("计划设置有变动", "plan settings changed"),
    "in.programmes": ("轮转项目有变动", "rotation programmes changed"),
    # --- how an input change caused a move ("cause") ----------------------------------------
    "cause.speaker": ("主讲人{cause}", "speaker {cause}"),
    "cause.speaker_left": ("主讲人：{cause}", "speaker: {cause}"),
    "cause.knock_on": ("连带影响：{cause}", "knock-on of {cause}"),
    "cause.re_optimised": ("重新优化", "re-optimised"),
    "cause.no_snapshot": ("原因不明（已发布版本未保存输入快照）",
                          "cause unknown (the published version has no inputs snapshot)"),
}


@dataclass(frozen=True)
class Labels:
    """The words of one language: ``labels("md.bound", bound=3)``."""

    lang: str

    def __call__(self, key: str, **values: object) -> str:
        return TEXT[key][0 if self.lang == "zh" else 1].format(**values)

    def days(self, start: dt.date | str, end: dt.date | str) -> str:
        """A span of days; one day is just its date."""
        first, last = str(start)[:10], str(end)[:10]
        return first if first == last else self("days", start=first, end=last)

    def change(self, code: str) -> str:
        """``added`` / ``removed`` / ``moved`` (:mod:`planner.changes.diff`) in words."""
        key = f"change.{code}"
        return self(key) if key in TEXT else code

    def fields(self, codes: tuple[str, ...]) -> str:
        """``time``, ``room``, … of a moved session, as a list."""
        return self("list.sep").join(self(f"field.{c}") if f"field.{c}" in TEXT else c
                                     for c in codes)


def labels_for(lang: str) -> Labels:
    """The labels of ``lang``; anything but English falls back to Chinese, the default."""
    return Labels("en" if lang == "en" else "zh")


#: English, the wording :mod:`planner.changes.causes` breaks ties by, so that a knock-on names
#: the same input change whichever language the notices are written in
ENGLISH = labels_for("en")
