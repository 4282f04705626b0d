"""Every word of a diagnosis (why no plan is possible, and what would make one possible), in
Chinese and English, side by side in one table.

As in :mod:`planner.report.labels`, keeping the two languages together is what makes "both
complete" checkable: a test walks :data:`TEXT` and fails on any key whose two sides do not take
the same values. Names, titles, topics and reasons are shown as the office typed them; no solver
term and no internal id (``exit:JZ:2027-03``) appears in either language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: key → (Chinese, English); ``{name}`` fields are filled by :meth:`Labels.__call__`
TEXT: dict[str, tuple[str, str]] = {
    # --- the report around the findings -----------------------------------------------------
    "head": ("无法排出计划：以下规则不能同时满足。", "No plan is possible: these rules cannot all hold."),
    "head.one": ("无法排出计划：", "No plan is possible:"),
    "head.limit": (
        "在求解时间内没有找到计划（这不是证明无解）：",
        "No plan was found within the time limit (this is not a proof that none exists):",
    ),
    "relax.head": ("以下任一修改可使计划可行（均已验证）：",
                   "Any one of these changes makes a plan possible (each was tried):"),
    "relax.partial": ("以下修改可解除上述某一冲突（但仍有其他冲突）：",
                      "These changes lift one of the conflicts above (others remain):"),
    "relax.none": (
        "没有找到单项修改能使计划可行；请逐条处理上述冲突。",
        (
            "No single change that makes a plan possible was found; resolve the conflicts above "
            "one by one."
        ),
    ),
    "relax.limit": ("请延长求解时间（--time-limit）后再试。", "Raise --time-limit and try again."),
    "feasible": ("输入可以排出计划（运行 planner plan 生成）。",
                 "The inputs can be planned (run planner plan to write the plan)."),
    "feasible.warnings": ("可以排出计划，但有以下提示：", "A plan is possible, with these warnings:"),
    "diag.title": ("{hospital}：无法排出计划的原因（{name}）", "{hospital}: why no plan is possible ({name})"),
    "diag.kept": ("此文件夹中原有的计划文件来自上一次成功的编排，本次未改动。",
                  "The plan files already in this folder are from the last successful run; this "
                  "run left them untouched."),
    "relax.warning": ("      可排上的修改（已验证）：{text}", "      a change that plans it (tried): {text}"),
    "more": ("……另有 {n} 条", "… and {n} more"),
    # --- how things are named -------------------------------------------------------------------
    "person": ("{name}（{id}）", "{name} ({id})"),
    "course": ("{title}（{id}）", "{title} ({id})"),
    "room": ("{name}（{id}）", "{name} ({id})"),
    "part": ("{course}第{part}讲", "{course} session {part}"),
    "parts": ("{course}第{parts}讲", "{course} sessions {parts}"),
    "run": ("{course}第{part}讲第{run}场", "{course} session {part}, run {run}"),
    "exam": ("{dept} {month} 出科考核", "{dept} exit exam (出科考核) of {month}"),
    "teach_back": ("{person}进修（{partner}）回院汇报", "{person}'s teach-back (回院汇报) after {partner}"),
    "span": ("{lo} 至 {hi}", "{lo}..{hi}"),
    "sep": ("、", ", "),
    "semi": ("；", "; "),
    "or": ("或", "or"),
    "reason": ("（{reason}）", " ({reason})"),
    "reason.colon": ("：{reason}", ": {reason}"),
    "month_and_more": ("{first} 等 {n} 个月", "{first} and {n} more months"),
    "days_n": ("{first}，共 {n} 天", "{first}, {n} days"),
    # --- the rules (findings) -------------------------------------------------------------------
    "f.part": ("{part}必须安排", "{part} must take place"),
    "f.options": ("（{what}）", " ({what})"),
    "c.options": ("可排的日子：{days}", "possible days: {days}"),
    "c.options.none": ("没有可排的日子", "no possible day"),
    "f.pin": ("已定场次{run}（pins.csv：{pin}）必须安排",
              "the pinned {run} (pins.csv: {pin}) must take place"),
    "f.runs": ("{part}最多开 {count} 场（{why}）", "{part} has at most {count} run(s) ({why})"),
    "f.runs.repeats": ("重复场次 {repeats}", "repeats {repeats}"),
    "f.runs.cohorts": ("每期最多 {size} 人", "cohorts of at most {size}"),
    "f.order": ("{course}第{a}讲须排在第{b}讲之前", "{course}: session {a} before session {b}"),
    "f.rooms": ("{day} {rooms}同一时间只能上一场", "on {day}, one session at a time in {rooms}"),
    "f.speakers": ("{day} {people}同一时间只能讲一场", "on {day}, one session at a time for {people}"),
    "f.ward": (
        "{day} {dept}最多只能抽出 {count} 人授课（最少在岗 {minimum} 人）",
        (
            "on {day}, {dept} can release at most {count} of its people to teach (minimum on duty "
            "{minimum})"
        ),
    ),
    "f.year-rule": (
        "医院规定“{rule}”：全年至少 {count} 场{category}（已举办 {held} 场）",
        "hospital rule “{rule}”: at least {count} {category} session(s) a year ({held} held)",
    ),
    "f.month-rule": ("医院规定“{rule}”：{month}至少 {count} 场{category}",
                     "hospital rule “{rule}”: at least {count} {category} session(s) in {month}"),
    "f.no-time": ("{part}没有可排的时间：{why}", "no time is possible for {part}: {why}"),
    "f.pin-no-time": ("已定场次{run}（pins.csv：{pin}）排不进去：{why}",
                      "the pinned {run} (pins.csv: {pin}) cannot take place: {why}"),
    "f.no-speaker": ("{part}没有符合条件的主讲人", "{part} has no eligible speaker"),
    "f.no-room": ("{course}需要“{feature}”，没有教室具备",
                  "{course} needs “{feature}”, which no room offers"),
    "f.exam": ("{exam}（{people}）无法安排：{why}", "the {exam} ({people}) cannot be held: {why}"),
    "f.unexplained": (
        "这些规则不能同时满足，但在求解时间内没有找出具体是哪几条",
        "the rules cannot all hold together, but no small set of them was found within the "
        "time limit",
    ),
    "f.rotation-block": ("{person}的{programme}第{block}轮转（{where}，{months}个月，{span} 内）"
                         "为必修，必须安排",
                         "{person}'s block {block} of {programme} ({where}, {months} month(s) "
                         "in {span}) is required"),
    "where.choose": ("{depts}中选 {choose} 个", "{choose} of {depts}"),
    "f.rotation-capacity": ("{dept}在 {span} 每月最多接收 {count} 名轮转人员",
                            "{dept} takes at most {count} rotator(s) a month in {span}"),
    "f.rotation-minimum": ("{dept}在 {span} 每月至少接收 {count} 名轮转人员",
                           "{dept} takes at least {count} rotator(s) a month in {span}"),
    "f.rotation-leave": ("{person}在 {span} 超过一半工作日请假，不能轮转：{why}",
                         "{person} cannot rotate in {span}, on leave most working days: {why}"),
    "f.rotation-coverage": ("{dept}在 {span} 须保持至少 {count} 人在岗",
                            "{dept} keeps at least {count} on duty in {span}"),
    "f.limit": ("{phase}在求解时间内没有找到解", "the {phase} found no solution within the time limit"),
    "phase.months": ("轮转与进修月份", "months phase (rotations, external study)"),
    "phase.timetable": ("课表", "timetable"),
    "phase.matching": ("教室与主讲人分配", "room and speaker assignment"),
    "phase.attendance": ("参加人员安排", "attendance phase"),
    # --- causes -------------------------------------------------------------------------------
    "c.span": ("{span} 内有 {count} 个工作日有 {hours} 学时的时段",
               "{count} working day(s) in {span} have a slot of {hours} h"),
    "c.span.none": ("{span} 内没有一个工作日有 {hours} 学时的时段",
                    "no working day in {span} has a slot of {hours} h"),
    "c.span.dates": ("其限定日期 {dates} 中没有一天是有 {hours} 学时时段的工作日",
                     "none of its dates {dates} is a working day with a slot of {hours} h"),
    "c.span.dates.some": ("其限定日期中有 {count} 天有 {hours} 学时的时段",
                          "{count} of its dates have a slot of {hours} h"),
    "c.period": (
        "按“{frequency}”频次，这一讲应在 {lo} 之后，而课程在 {hi} 结束",
        "by its {frequency} frequency it falls after {lo}, but the course window ends {hi}",
    ),
    "c.period.n": (
        "按“{frequency}”频次，这几讲应在 {lo} 及以后，而课程在 {hi} 结束",
        "by its {frequency} frequency they fall from {lo} on, but the course window ends {hi}",
    ),
    "c.but": ("，但", ", but "),
    "c.speakers": ("主讲人{people}在这些日子都不能到场", "none of its speakers {people} can come on those days"),
    "c.speaker": ("主讲人{people}在这些日子不能到场", "its speaker {people} cannot come on those days"),
    "c.leave": ("{person}{span} 请假{reason}", "{person} is on leave {span}{reason}"),
    "c.away": ("{person}{span} 外出进修", "{person} is away on external study {span}"),
    "c.ward": (
        "{person}离不开{dept}：{dept}当时在岗 {size} 人，最少须 {minimum} 人",
        "{person} cannot leave {dept}: {size} on its roster then, at least {minimum} on duty",
    ),
    "c.ward.away": ("（{people}轮转或进修在外）", " ({people} rotating or away)"),
    "c.rooms": ("可用教室{rooms}在这些日子都停用", "its rooms {rooms} are all closed on those days"),
    "c.closed": ("{room}{span} 停用{reason}", "{room} is closed {span}{reason}"),
    "c.pin-day": (
        "该日期和时段不在这一讲可排的时间内（{span}，{hours} 学时的时段共 {count} 个工作日）",
        (
            "that day and slot are not among the times the session may take ({span}, {count} "
            "working day(s) with a slot of {hours} h)"
        ),
    ),
    "c.pin-day.freq": (
        "该日期和时段不在这一讲可排的时间内（按“{frequency}”频次为 {span}）",
        (
            "that day and slot are not among the times the session may take ({span} by its "
            "{frequency} frequency)"
        ),
    ),
    "c.no-slot": ("{span} 没有 {hours} 学时且有教室可用的工作日时段",
                  "no working-day slot of {hours} h with a room open in {span}"),
    "c.examiner": ("{span} {dept}没有中级及以上的考官在岗",
                   "no examiner of {dept} (中级 or above) at work in {span}"),
    "c.exam-leave": ("{people}在 {span} 每个可考日都请假",
                     "{people} on leave on every possible exam day in {span}"),
    "c.spare": (
        "{dept}在 {days} 抽不出考官和出科人员（最少在岗 {minimum} 人）",
        (
            "{dept} cannot spare the examiner and those finishing on {days} (minimum on duty "
            "{minimum})"
        ),
    ),
    "pin.at": ("{what}", "{what}"),
    # --- relaxations ----------------------------------------------------------------------------
    "r.window-end": ("把{course}的结束日期从 {old} 推迟到 {new}",
                     "move the end of {course}'s window from {old} to {new}"),
    "r.window-start": ("把{course}的开始日期从 {old} 提前到 {new}",
                       "move the start of {course}'s window from {old} to {new}"),
    "r.frequency": ("取消{course}的“{old}”频次要求", "drop the {old} frequency of {course}"),
    "r.sessions": ("把{course}的次数从 {old} 减为 {new}", "reduce {course} from {old} sessions to {new}"),
    "r.repeats": ("把{course}的重复场次从 {old} 增加到 {new}",
                  "raise the repeats of {course} from {old} to {new}"),
    "r.add-date": ("给{course}增加可用日期 {new}", "add {new} to the dates of {course}"),
    "r.unpin-date": ("让已定场次{run}另选日期（清空 pins.csv 中的日期和时段）",
                     "let the pinned {run} take another day (clear its date and slot in pins.csv)"),
    "r.unpin-room": ("让已定场次{run}改用其他教室（清空 pins.csv 中的教室{room}）",
                     "let the pinned {run} use another room (clear {room} in pins.csv)"),
    "r.unpin-speaker": ("让已定场次{run}改由其他主讲人（清空 pins.csv 中的主讲人{person}）",
                        "let the pinned {run} have another speaker (clear {person} in pins.csv)"),
    "r.reopen": ("{room}在 {span} 照常开放（原定停用{reason}）",
                 "keep {room} open {span} (closed now{reason})"),
    "r.free": ("{person}在 {span} 能到岗（原为请假{reason}）",
               "{person} available {span} (on leave now{reason})"),
    "r.add-speaker": ("增加{person}为{course}的主讲人", "add {person} to the speakers of {course}"),
    "r.topic-speaker": ("{part}改由{person}主讲（现为{old}）", "{part} given by {person} instead of {old}"),
    "r.optional-block": ("把{programme}第{block}轮转改为非必修（{person}的可不安排）",
                         "make block {block} of {programme} optional (for {person} it may then "
                         "be left out)"),
    "r.rotation-capacity": ("把{dept}在 {span} 的轮转容量从每月 {old} 人增至 {new} 人",
                            "raise {dept}'s rotator places in {span} from {old} to {new} a month"),
    "r.rotation-minimum": ("把{dept}在 {span} 的最少轮转人数从每月 {old} 人降为 {new} 人",
                           "lower {dept}'s minimum of rotators in {span} from {old} to {new} a "
                           "month"),
    "r.minimum": ("把{dept}的最少在岗人数从 {old} 降为 {new}",
                  "lower {dept}'s minimum on duty from {old} to {new}"),
    "r.rule-minimum": ("把医院规定“{rule}”的最低次数从 {old} 降为 {new}",
                       "lower the hospital rule “{rule}” from {old} to {new}"),
    "r.rule-drop": ("删除医院规定“{rule}”", "remove the hospital rule “{rule}”"),
    # what the months left unplanned (a rotation block, a seat): the changes tried on them
    "r.capacity": ("把{dept}每月可接收的轮转人员从 {old} 名增至 {new} 名",
                   "raise {dept}'s rotator capacity from {old} to {new} a month"),
    "r.programme-end": ("把轮转项目 {programme}的结束日期从 {old} 推迟到 {new}",
                        "move the end of programme {programme} from {old} to {new}"),
    "r.programme-start": ("把轮转项目 {programme}的开始日期从 {old} 提前到 {new}",
                          "move the start of programme {programme} from {old} to {new}"),
    "r.exit-exam": ("取消轮转项目 {programme}的出科考核",
                    "drop the exit exams (出科考核) of programme {programme}"),
    "r.shorten-leave": ("{person}在 {span} 能到岗（原为 {leave} 请假{reason}）",
                        "{person} available {span} (on leave {leave} now{reason})"),
    "r.seat-latest": ("把进修名额 {seat}的最晚开始日期从 {old} 推迟到 {new}",
                      "move the latest start of seat {seat} from {old} to {new}"),
    "r.seat-earliest": ("把进修名额 {seat}的最早开始日期从 {old} 提前到 {new}",
                        "move the earliest start of seat {seat} from {old} to {new}"),
    "r.teach-back-weeks": ("把进修名额 {seat}的回院汇报期限从 {old} 周延长到 {new} 周",
                           "allow {new} weeks instead of {old} for the teach-back after seat {seat}"),
    "r.seat-years": ("把进修名额 {seat}要求的工作年限从 {old} 年降为 {new} 年",
                     "lower the years of service seat {seat} asks for from {old} to {new}"),
    "r.some": ("（可排上其中 {k} 人）", " (plans {k} of them)"),
    "programme": ("{name}（{id}）", "{name} ({id})"),
    "seat": ("{id}（{partner} {specialty}）", "{id} ({partner} {specialty})"),
    "r.hours": ("把{course}的学时从 {old} 缩短为 {new}", "shorten {course} from {old} h to {new} h"),
}

#: Training categories as the rules name them.
CATEGORIES: dict[str, tuple[str, str]] = {
    "ethics": ("职业道德", "professional ethics"),
    "infection": ("重点传染病/院感", "infectious disease"),
    "skills": ("技能培训", "skills training"),
    "law": ("法律法规", "law"),
    "lecture": ("全院业务学习", "hospital-wide lecture"),
    "grand-round": ("病例讨论/大查房", "case conference"),
    "exam": ("理论考试", "theory exam"),
    "exit-exam": ("出科考核", "exit exam"),
    "teach-back": ("回院汇报讲课", "teach-back lecture"),
    "other": ("其他", "other"),
}

FREQUENCIES: dict[str, tuple[str, str]] = {
    "weekly": ("每周", "weekly"),
    "biweekly": ("每两周", "biweekly"),
    "monthly": ("每月", "monthly"),
    "quarterly": ("每季度", "quarterly"),
}

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Labels:
    """The words of one language: ``labels("r.minimum", dept=…, old=3, new=2)``."""

    lang: str

    @property
    def _i(self) -> int:
        return 0 if self.lang == "zh" else 1

    def __call__(self, key: str, **values: object) -> str:
        return TEXT[key][self._i].format(**values)

    def category(self, code: str) -> str:
        return CATEGORIES[code][self._i] if code in CATEGORIES else code

    def frequency(self, code: str) -> str:
        return FREQUENCIES[code][self._i] if code in FREQUENCIES else code

    def month(self, day: dt.date) -> str:
        return (f"{day.year}年{day.month}月" if self.lang == "zh"
                else f"{_MONTHS_EN[day.month - 1]} {day.year}")

    def span(self, lo: dt.date, hi: dt.date) -> str:
        """A span of days; one day is just its date."""
        return lo.isoformat() if lo == hi else self("span", lo=lo.isoformat(), hi=hi.isoformat())

    def join(self, items: list[str] | tuple[str, ...]) -> str:
        return self("sep").join(items)

    def hours(self, h: float) -> str:
        return f"{h:g}"


def labels_for(lang: str) -> Labels:
    """The labels of ``lang``; anything but English falls back to Chinese, the default."""
    return Labels("en" if lang == "en" else "zh")
