"""Every word a calendar shows, in Chinese (the default for Chinese data) and English.

Both tables hold the same keys; a test checks that neither misses one, so ``--lang en`` never
falls back to a half-translated calendar.
"""

from __future__ import annotations

from typing import Final

ZH: Final[dict[str, str]] = {
    # training categories (planner.domain.Category values)
    "cat.ethics": "职业道德",
    "cat.infection": "重点传染病与院感",
    "cat.skills": "技能培训",
    "cat.law": "法律法规",
    "cat.lecture": "全院业务学习",
    "cat.grand-round": "病例讨论/大查房",
    "cat.exam": "理论考试",
    "cat.exit-exam": "出科考核",
    "cat.teach-back": "回院汇报讲课",
    "cat.other": "其他",
    # event kinds, used as CATEGORIES beside the training category
    "kind.rotation": "轮转",
    "kind.placement": "进修",
    "kind.deadline": "网络课程截止",
    "kind.recording": "观看录像",
    "kind.teaching": "主讲",
    # credit classes
    "class.I": "I类",
    "class.II": "II类",
    "class.none": "不计学分",
    # summaries
    "summary.teaching": "【主讲】{title}",
    "summary.topic": "{title}：{topic}",
    "summary.rotation": "轮转：{department}",
    "summary.rotation.department": "轮转：{person}（{home} → {department}）",
    "summary.placement": "进修：{partner} {specialty}",
    "summary.placement.department": "进修：{person} → {partner} {specialty}",
    "summary.deadline": "【截止】{title}",
    "summary.recording": "【录像】{title}",
    "summary.department": "{title}（本科室 {count} 人）",
    # description lines
    "line.category": "类别：{value}",
    "line.topic": "主题：{value}",
    "line.hours": "学时：{value}",
    "line.credits": "学分：{credits}（{klass}）",
    "line.no_credits": "学分：不计学分",
    "line.speaker": "主讲：{value}",
    "line.speaker_credits": "主讲学分：{credits}（{klass}）",
    "line.you_teach": "您是本场主讲人。",
    "line.room": "地点：{value}",
    "line.session": "课程：{course} 第{part}讲 第{run}场",
    "line.attendees": "本科室参加（{count} 人）：{names}",
    "line.attendees_more": "等",
    "line.list_sep": "、",
    "line.programme": "轮转项目：{programme} 第{block}阶段",
    "line.department": "轮转科室：{value}",
    "line.dates": "日期：{start} 至 {end}",
    "line.person": "人员：{value}",
    "line.exit_exam": "出科考核：{date} {title}",
    "line.partner": "进修单位：{partner}（{specialty}）",
    "line.placement_credits": "进修学分：{value}",
    "line.teach_back": "回院汇报讲课：{date} {title}",
    "line.deadline": "网络课程：请于 {date} 当天或之前在线完成。",
    "line.link": "链接：{url}",
    "line.recording": "未能现场参加本讲：请在 {date} 这一周内观看录像。",
    # calendar names
    "calendar.person": "{hospital} 继续医学教育 · {who}",
    "calendar.room": "{hospital} 培训安排 · {who}",
    "calendar.department": "{hospital} 培训与轮转 · {who}",
    "calendar.hospital": "{hospital} 全院培训安排",
    "calendar.description": "由培训计划自动生成；请勿在此日历中修改，变更以科教科发布为准。",
    # exit exams: the person leading one examines (考官), not speaks
    "summary.examining": "【考官】{title}",
    "kind.examining": "考官",
    "line.examiner": "考官：{value}",
    "line.you_examine": "您是本场考官。",
    # feeds.xlsx (feeds.csv keeps its English column names for mail-merge templates)
    "feeds.sheet": "订阅链接",
    "feeds.kind": "类型",
    "feeds.id": "编号",
    "feeds.name": "名称",
    "feeds.department": "科室",
    "feeds.email": "电子邮箱",
    "feeds.https_url": "订阅链接（https：谷歌日历、Outlook）",
    "feeds.webcal_url": "订阅链接（webcal：苹果手机和电脑）",
    "feeds.file": "日历文件",
    "feeds.kind.person": "个人",
    "feeds.kind.department": "科室",
    "feeds.kind.room": "教室",
    "feeds.kind.hospital": "全院",
    "warn.feed_too_large": ("订阅 {feed} 超过 {limit:,} 字节：最后 {dropped} 个日程未放入"
                            "（可缩短 feed_window_days，或拆分日历）"),
}

EN: Final[dict[str, str]] = {
    "cat.ethics": "Professional ethics",
    "cat.infection": "Infectious diseases and infection control",
    "cat.skills": "Skills training",
    "cat.law": "Law and regulations",
    "cat.lecture": "Hospital lecture",
    "cat.grand-round": "Case conference / grand round",
    "cat.exam": "Theory exam",
    "cat.exit-exam": "Exit exam",
    "cat.teach-back": "Teach-back lecture",
    "cat.other": "Other",
    "kind.rotation": "Rotation",
    "kind.placement": "External study",
    "kind.deadline": "Online module due",
    "kind.recording": "Recording to watch",
    "kind.teaching": "Speaker",
    "class.I": "Class I",
    "class.II": "Class II",
    "class.none": "no credits",
    "summary.teaching": "[Speaker] {title}",
    "summary.topic": "{title}: {topic}",
    "summary.rotation": "Rotation: {department}",
    "summary.rotation.department": "Rotation: {person} ({home} → {department})",
    "summary.placement": "External study: {partner}, {specialty}",
    "summary.placement.department": "External study: {person} → {partner}, {specialty}",
    "summary.deadline": "[Due] {title}",
    "summary.recording": "[Recording] {title}",
    "summary.department": "{title} ({count} from this department)",
    "line.category": "Category: {value}",
    "line.topic": "Topic: {value}",
    "line.hours": "Hours: {value}",
    "line.credits": "Credits: {credits} ({klass})",
    "line.no_credits": "Credits: none",
    "line.speaker": "Speaker: {value}",
    "line.speaker_credits": "Speaker credits: {credits} ({klass})",
    "line.you_teach": "You are the speaker of this session.",
    "line.room": "Room: {value}",
    "line.session": "Course: {course}, part {part}, run {run}",
    "line.attendees": "Attending from this department ({count}): {names}",
    "line.attendees_more": " and others",
    "line.list_sep": ", ",
    "line.programme": "Programme: {programme}, block {block}",
    "line.department": "Department: {value}",
    "line.dates": "Dates: {start} to {end}",
    "line.person": "Staff: {value}",
    "line.exit_exam": "Exit exam: {date} {title}",
    "line.partner": "Partner hospital: {partner} ({specialty})",
    "line.placement_credits": "Credits for external study: {value}",
    "line.teach_back": "Teach-back lecture: {date} {title}",
    "line.deadline": "Online module: complete it on or before {date}.",
    "line.link": "Link: {url}",
    "line.recording": "You could not attend this part live: watch the recording in the week of "
    "{date}.",
    "calendar.person": "{hospital} CME · {who}",
    "calendar.room": "{hospital} training · {who}",
    "calendar.department": "{hospital} training and rotations · {who}",
    "calendar.hospital": "{hospital} hospital-wide training",
    "calendar.description": "Generated from the training plan; do not edit here — the education "
    "office publishes every change.",
    "summary.examining": "[Examiner] {title}",
    "kind.examining": "Examiner",
    "line.examiner": "Examiner: {value}",
    "line.you_examine": "You are the examiner of this session.",
    "feeds.sheet": "feeds",
    "feeds.kind": "kind",
    "feeds.id": "id",
    "feeds.name": "name",
    "feeds.department": "department",
    "feeds.email": "email",
    "feeds.https_url": "https_url",
    "feeds.webcal_url": "webcal_url",
    "feeds.file": "file",
    "feeds.kind.person": "person",
    "feeds.kind.department": "department",
    "feeds.kind.room": "room",
    "feeds.kind.hospital": "hospital",
    "warn.feed_too_large": ("feed {feed}: over {limit:,} bytes; its last {dropped} events are "
                            "left out (shorten feed_window_days or split the calendar)"),
}

TABLES: Final[dict[str, dict[str, str]]] = {"zh": ZH, "en": EN}


class Labels:
    """``labels("line.hours", value=1.5)`` in the calendar's language."""

    def __init__(self, language: str):
        self.language = language if language in TABLES else "zh"
        self.table = TABLES[self.language]

    def __call__(self, key: str, **values: object) -> str:
        return self.table[key].format(**values)

    def category(self, value: str) -> str:
        return self.table.get(f"cat.{value}", value)

    def credit_class(self, value: str) -> str:
        return self.table.get(f"class.{value}", value)
