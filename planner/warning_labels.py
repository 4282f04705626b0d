"""Every word of the plan's warnings — what the planner could not plan and why — in Chinese and
English, side by side in one table.

The solver builds its warnings from these keys in the plan's language (``language`` in
plan.yaml, or ``--lang``); they are written into ``plan.json``, shown in the summaries and
printed by ``planner plan``. As in :mod:`planner.report.labels`, a test walks :data:`TEXT` and
fails on a key missing a language or whose two sides take different ``{fields}``.

A warning names the people, seats and programmes it excuses so that the independent checker
can accept what it explains (:meth:`planner.check.context.CheckContext.warned`): staff ids and
seat ids stay in both languages (as the office typed them), departments are named by name in
Chinese.
"""

from __future__ import annotations

from dataclasses import dataclass

#: key → (Chinese, English); ``{name}`` fields are filled by :meth:`WarningWords.__call__`
TEXT: dict[str, tuple[str, str]] = {
    # --- how things are named inside a warning ---------------------------------------------------
    "dept": ("{name}", "{name} ({id})"),
    "person": ("{name}（{id}）", "{id} {name}"),
    "list": ("、", ", "),
    "semi": ("；", "; "),
    # --- the attendance phase and the whole plan -------------------------------------------------
    "att.coverage": (
        "{dept}在 {day} 仅因请假和授课就已低于最少在岗人数（差 {short} 人）：当时不安排该科人员参训",
        "coverage: {dept} is below its minimum on {day} from leave and teaching alone ({short} "
        "short); nobody from it is scheduled to attend then",
    ),
    "att.unplaced": ("有 {count} 个参训名额未能落实到人",
                     "{count} attendance place(s) could not be given to a person"),
    "order": (
        "{title}（{course}）：第{b}讲在 {day} 举行，早于第{a}讲结束（{over}）——已定场次、请假和"
        "课程期限不允许别的顺序",
        "{title} ({course}): session {b} is held on {day}, before session {a} is over ({over}) "
        "— the pins, leave and the window allow no other order",
    ),
    "held_gone": (
        "{day} 已举行的讲座 {session} 所属的课程已不在输入中，计划中不再列出",
        "session {session} on {day} was held, but its course is no longer in the inputs; it is "
        "left out of the plan",
    ),
    # --- the months: coverage and seats ----------------------------------------------------------
    "m.coverage": (
        "{dept}只有 {staff} 人，低于最少在岗 {minimum} 人：该科不派人外出轮转或进修",
        "coverage: {dept} has {staff} staff, below its minimum of {minimum}; nobody is sent "
        "away from it on rotation or external study",
    ),
    "seat.outside": (
        "进修名额 {seat}（{partner} {specialty}）：可开始的时间 {lo} 至 {hi} 不在计划期内，本期不安排",
        "seat {seat} ({partner} {specialty}): its start window {lo}..{hi} lies outside the "
        "horizon; not filled",
    ),
    "seat.head": (
        "进修名额 {seat}（{partner} {specialty}，{months} 个月，{lo} 至 {hi} 开始）：{short} 个"
        "（共 {seats} 个）未安排",
        "seat {seat} ({partner} {specialty}, {months} month(s) from {lo}..{hi}): {short} of "
        "{seats} place(s) not filled",
    ),
    "seat.nobody": (
        "{head}——没有符合条件的人选（候选条件 {filter}，工作至少 {years} 年）",
        "{head} — no eligible candidate (filter {filter!r}, at least {years} year(s) of "
        "service)",
    ),
    "seat.barred": (
        "；{people}无法安排（回院汇报期间请假、届时要在本院主讲，或本院讲座需要他们）",
        "; no placement is possible for {people} (on leave through the teach-back window, the "
        "speaker of a session at home then, or needed at home for the sessions)",
    ),
    "seat.others": (
        "{head}——符合条件 {eligible} 人，已安排 {placed} 人；其余的人在这几个月要留在本科室"
        "（在岗人数）、在轮转，或同一专业外出已达上限{why}",
        "{head} — {eligible} eligible candidate(s), {placed} already placed; the others are "
        "needed at home (coverage), rotating, or over the specialty cap in those months{why}",
    ),
    # --- the months: teach-backs and exit exams that cannot be held ------------------------------
    "tb.after": (
        "进修汇报（{person}）：{day} 才从进修名额 {seat} 返回，已在计划期之后；本期不安排回院汇报",
        "teach-back of {person}: returns from seat {seat} on {day}, after the horizon; no "
        "teach-back planned this horizon",
    ),
    "tb.no_day": (
        "进修汇报（{person}，进修名额 {seat}）：{lo} 至 {hi} 之间没有本人有空的工作日时段；未安排",
        "teach-back of {person} (seat {seat}): no working-day slot between {lo} and {hi} when "
        "they are free; none planned",
    ),
    "exam": ("出科考核（{dept}，{month}；{people}）：{why}；未安排",
             "exit exam of {dept} for {month} ({people}): {why}; no exam planned"),
    "exam.no_examiner": ("{dept}没有中级及以上人员能在 {month} 主考",
                         "no member of {dept} of 中级 or above is free to examine in {month}"),
    "exam.no_slot": ("{lo} 至 {hi} 没有时长 {hours:g} 学时、有教室可用的工作日时段",
                     "no working-day slot of {hours:g} h with a room open in {lo}..{hi}"),
    "exam.leave": ("{lo} 至 {hi} 每个有 {hours:g} 学时时段的工作日都在请假：{people}",
                   "on leave on every working day with a slot of {hours:g} h in {lo}..{hi}: "
                   "{people}"),
    "exam.no_common": ("{lo} 至 {hi} 在该科结束轮转的人没有共同上班、又有 {hours:g} 学时时段的日子",
                       "the rotators finishing there are at work on no common day with a slot "
                       "of {hours:g} h in {lo}..{hi}"),
    "exam.examiner_away": ("{days} 没有有空的考官（请假、轮转或外出）",
                           "no examiner free on {days} (on leave, rotating or away)"),
    "exam.spare": ("{dept}在 {days} 抽不出考官和结束轮转的人（最少在岗 {minimum} 人）",
                   "{dept} cannot spare the examiner and the rotators finishing there on {days} "
                   "(minimum on duty {minimum})"),
    # --- the months: blocks left unplanned (one line per programme block) ------------------------
    "b.line": ("{head}；第{block}段未能安排 {count} 人：{who}",
               "{head}; block {block} not planned for {count}: {who}"),
    "b.head": ("轮转项目 {programme}：{needing} 人各需在{where}{span}轮转 {months} 个月",
               "programme {programme}: {needing} participant(s) need {months} month(s) each in "
               "{where} {span}"),
    "b.choose": ("{where}中选 {choose} 个", "{choose} of {where}"),
    "b.or": (" / ", " / "),
    "b.span": ("（{lo} 至 {hi}）", "between {lo} and {hi}"),
    "b.span.one": ("（{month}）", "between {month} and {month}"),
    "b.span.dates": ("（项目日期内）", "in the programme's dates"),
    "b.caps": ("，但{caps}", ", but {caps}"),
    "b.cap": ("{dept}每月最多接收 {cap} 名轮转人员", "{dept} takes at most {cap} rotator(s) a month"),
    "b.who": ("{person}：{why}", "{person} ({why})"),
    "w.no_month": ("项目日期内没有计划期的整月", "the programme's dates hold no whole month of the horizon"),
    "w.after": ("它排在第{block}段之后，而第{block}段未能安排",
                "it comes after block {block}, which is not planned"),
    "w.leave_most": ("{months} 一半以上的工作日请假",
                     "on leave for more than half of the working days of {months}"),
    "w.left_out": ("为让全部讲座排得进课表，未安排（与轮转和进修冲突）",
                   "left out: with the rotations and external study the sessions could not all "
                   "be timetabled"),
    "w.needed_home": ("{months} 需要留在{dept}：那里的讲座需要他们，否则该科抽不出讲者",
                      "needed in {dept} in {months}: a session there needs them, or their "
                      "department cannot spare its speaker otherwise"),
    "w.full": ("{dept} {months} 已满（每月 {cap} 名轮转人员）",
               "{dept} full ({cap} rotator(s) a month) in {months}"),
    "w.home_minimum": ("本科室{dept} {months} 在岗人数已到下限",
                       "home department {dept} at its minimum on duty in {months}"),
    "w.needed_home_also": ("{months} 需要留在{dept}（那里的讲座需要他们，或讲者需要他们在病区）",
                           "needed in {dept} in {months} (a session there needs them, or its "
                           "speaker needs them on the ward)"),
    "w.elsewhere": ("{months} 已在别处轮转或外出", "already rotating or away in {months}"),
    "w.leave": ("{months} 大部分时间请假", "on leave for most of {months}"),
    "w.no_free": ("{window} 除其他轮转和进修（{elsewhere}）外剩下的整月不够",
                  "not enough free months left in {window} after its other blocks and external "
                  "study ({elsewhere})"),
    "w.search": ("计算在为它找到位置之前停止了（可延长计划时间）",
                 "the search stopped before finding room for it (raise the time limit)"),
    # why an exit exam rules out every month a block could end in
    "x.head": ("出科考核无法安排：{parts}", "its exit exam could not be held: {parts}"),
    "x.no_slot": ("{months} 最后一周没有时长 {hours:g} 学时（且有教室）的工作日",
                  "no working day with a slot of {hours:g} h (and a room open) in the last week "
                  "of {months}"),
    "x.away": ("{months} 最后一周请假", "on leave in the last week of {months}"),
    "x.no_examiner": ("{months} 最后一周{dept}没有中级及以上的考官上班",
                      "no examiner of {dept} (中级 or above) at work in the last week of "
                      "{months}"),
    "x.crowded": ("{months} 最后一周已定的场次（固定场次、教室、考官自己的讲座）占满了时间",
                  "the sessions already fixed in the last week of {months} (pins, rooms, the "
                  "examiners' own sessions) leave it no time"),
    "x.busy": ("{months} 最后一周考官在轮转或外出、{dept}抽不出考官和结束轮转的人，或其他科室的"
               "出科考核占满了时段",
               "in the last week of {months} the examiners are rotating or away, {dept} cannot "
               "spare an examiner and its finishers, or other departments' exit exams take "
               "every slot"),
}


@dataclass(frozen=True)
class WarningWords:
    """The words of one language: ``words("m.coverage", dept=…, staff=3, minimum=4)``."""

    lang: str

    def __call__(self, key: str, **values: object) -> str:
        return TEXT[key][0 if self.lang == "zh" else 1].format(**values)

    def dept(self, dept_id: str, name: str | None) -> str:
        """A department: by name in Chinese, ``name (ID)`` in English (the id alone when it has
        no other name)."""
        if not name or name == dept_id:
            return dept_id
        return self("dept", name=name, id=dept_id)

    def person(self, pid: str, name: str | None) -> str:
        """A person with their staff id (the checker reads it: see the module docstring)."""
        return self("person", id=pid, name=name) if name else pid

    def months(self, text: str) -> str:
        """A month range as the month grid writes it (``2027-01..2027-03, 2027-07``)."""
        if self.lang != "zh":
            return text
        return text.replace("..", " 至 ").replace(", ", "、")

    def join(self, items: list[str] | tuple[str, ...], sep: str = "list") -> str:
        return self(sep).join(items)


def warning_words(lang: str | None) -> WarningWords:
    """The words of ``lang``; anything but English falls back to Chinese, the default."""
    return WarningWords("en" if lang == "en" else "zh")
