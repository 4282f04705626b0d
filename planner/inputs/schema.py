"""The tables of an input set and their columns, in one place.

The loader (column aliases, required columns), the template (headers, comments, dropdowns) and the
CSV⇄workbook export (which cells become numbers or dates) all read this list, so a column added
here shows up everywhere at once. Descriptions follow docs/inputs.md.
"""

from __future__ import annotations

from dataclasses import dataclass

# Column kinds: how a cell is parsed, and how the export writes it into a workbook.
TEXT, INT, FLOAT, DATE, BOOL, ENUM, WHO, LIST = (
    "text",
    "int",
    "float",
    "date",
    "bool",
    "enum",
    "who",
    "list",
)


@dataclass(frozen=True)
class Column:
    name: str
    zh: str
    description: str
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()  # the values of an enumeration or yes/no (dropdowns)
    refers: str = ""  # department / room / staff: the cell may name one by id or by name
    help_zh: str = ""  # what it means, in Chinese (the template's 说明 sheet and notes)

    def aliases(self) -> tuple[str, ...]:
        return (self.name, self.zh) if self.zh else (self.name,)

    def choices_zh(self) -> tuple[str, ...]:
        """The choices as the Chinese template's dropdown offers them (the loader reads both)."""
        return tuple(CHOICES_ZH.get(c, c) for c in self.choices)


@dataclass(frozen=True)
class Table:
    name: str
    zh: str
    description: str
    columns: tuple[Column, ...]
    required: bool = False
    help_zh: str = ""

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


YES_NO = ("yes", "no")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
RULE_KINDS = ("min-per-month", "min-per-year")
#: an English choice → how the Chinese template offers it (each parses to the same value)
CHOICES_ZH = {
    "yes": "是", "no": "否",
    "doctor": "医生", "nurse": "护士", "technician": "技师", "pharmacist": "药师",
    "admin": "行政", "other": "其他", "none": "无",
    "ethics": "职业道德", "infection": "重点传染病", "skills": "技能培训", "law": "法律法规",
    "lecture": "全院业务学习", "grand-round": "病例讨论", "exam": "理论考试",
    "exit-exam": "出科考核", "teach-back": "回院汇报",
    "in-person": "线下", "online": "线上", "I": "I类", "II": "II类",
    "weekly": "每周", "biweekly": "隔周", "monthly": "每月", "quarterly": "每季度",
    "fixed": "固定", "free": "自由", "staff": "人员", "room": "场地",
    "holiday": "放假", "workday": "调休上班", "hours": "学时", "credits": "学分", "rotation": "轮转",
    "mon": "周一", "tue": "周二", "wed": "周三", "thu": "周四", "fri": "周五", "sat": "周六",
    "sun": "周日", "min-per-month": "每月至少", "min-per-year": "每年至少",
    "discipline": "专业", "host": "基地", "department": "科室", "host-change": "换基地",
    "idle-month": "空档月", "fairness": "公平",
}
ROLES = ("doctor", "nurse", "technician", "pharmacist", "admin", "other")
TITLES = (
    "住院医师",
    "主治医师",
    "副主任医师",
    "主任医师",
    "护士",
    "护师",
    "主管护师",
    "副主任护师",
    "主任护师",
    "技士",
    "技师",
    "主管技师",
    "副主任技师",
    "主任技师",
    "药士",
    "药师",
    "主管药师",
    "副主任药师",
    "主任药师",
    "none",
)
CATEGORIES = (
    "ethics",
    "infection",
    "skills",
    "law",
    "lecture",
    "grand-round",
    "exam",
    "exit-exam",
    "teach-back",
    "other",
)
MODES = ("in-person", "online")
CREDIT_CLASSES = ("I", "II", "none")
FREQUENCIES = ("weekly", "biweekly", "monthly", "quarterly")

STAFF = Table(
    "staff",
    "人员",
    "one row per person who trains or teaches",
    (
        Column("id", "工号", "unique staff id", required=True),
        Column("name", "姓名", "full name", required=True),
        Column("department", "科室", "a department (id or name) from the departments table",
               required=True, refers="department"),
        Column(
            "role",
            "角色",
            "doctor / nurse / technician / pharmacist / admin / other",
            ENUM,
            True,
            ROLES,
        ),
        Column(
            "title",
            "职称",
            "professional title, e.g. 主治医师, or a grade (初级/中级/副高/正高/无)",
            ENUM,
            True,
            TITLES,
        ),
        Column("birth_date", "出生日期", "YYYY-MM-DD; give this or age", DATE),
        Column("age", "年龄", "age on the first day of the horizon; give this or birth_date", INT),
        Column("email", "邮箱", "optional e-mail address"),
        Column("specialty", "专业", "optional specialty, for external-study seats"),
        Column(
            "employed_since", "入职日期", "optional YYYY-MM-DD, for years-of-service rules", DATE
        ),
    ),
    required=True,
)

DEPARTMENTS = Table(
    "departments",
    "科室",
    "one row per department",
    (
        Column("id", "编号", "unique department id", required=True),
        Column("name", "名称", "department name", required=True),
        Column(
            "min_on_duty",
            "最少在岗",
            "head count (8) or share of its staff (0.7 or 70%), rounded up",
        ),
        Column("rotator_capacity", "轮转容量", "rotators it can take per month (default 0)", INT),
        Column(
            "rotators_count_on_duty",
            "轮转计入在岗",
            "do rotators placed here count towards its minimum (default yes)",
            BOOL,
            False,
            YES_NO,
        ),
    ),
    required=True,
)

ROOMS = Table(
    "rooms",
    "场地",
    "one row per training room",
    (
        Column("id", "编号", "unique room id", required=True),
        Column("name", "名称", "room name", required=True),
        Column("capacity", "容量", "seats", INT, True),
        Column(
            "features", "设施", "free words separated by commas, e.g. projector,skills-lab", LIST
        ),
    ),
    required=True,
)

COURSES = Table(
    "courses",
    "课程",
    "one row per course (a single session, a series, cohorts or an online module)",
    (
        Column("id", "编号", "unique course id", required=True),
        Column("title", "名称", "course title", required=True),
        Column(
            "category",
            "类别",
            "ethics / infection / skills / law / lecture / grand-round / exam / "
            "exit-exam / teach-back / other",
            ENUM,
            True,
            CATEGORIES,
        ),
        Column("mode", "形式", "in-person (default) or online", ENUM, False, MODES),
        Column("hours", "学时", "hours per session; must fit in one slot", FLOAT),
        Column(
            "sessions",
            "次数",
            "distinct sessions (default 1, or the number of rows in topics)",
            INT,
        ),
        Column("cohort_size", "每期人数上限", "run in cohorts of at most N people", INT),
        Column("audience", "对象", "who must attend (a who filter; default everyone)", WHO),
        Column(
            "speakers",
            "主讲人",
            "eligible speakers: staff names or ids (王建国，张伟), a who filter, or "
            "external:<name>",
            WHO,
            refers="staff",
        ),
        Column("room_feature", "场地要求", "a feature the room must have"),
        Column(
            "credits", "学分", "credits per attendee per session (empty: rate from plan)", FLOAT
        ),
        Column(
            "speaker_credits",
            "主讲学分",
            "credits per speaker per session (empty: rate from plan)",
            FLOAT,
        ),
        Column("credit_class", "学分类别", "I / II / none", ENUM, False, CREDIT_CLASSES),
        Column("window_start", "开始日期", "first allowed date (default: horizon start)", DATE),
        Column("window_end", "结束日期", "last allowed date (default: horizon end)", DATE),
        Column(
            "frequency",
            "频次",
            "weekly / biweekly / monthly / quarterly: session k in period k",
            ENUM,
            False,
            FREQUENCIES,
        ),
        Column("dates", "可用日期", "the only allowed dates, comma separated", LIST),
        Column(
            "due", "截止日期", "online modules: completion deadline (default: window end)", DATE
        ),
        Column("repeats", "重复场次", "extra runs of each session allowed (default 0)", INT),
        Column(
            "recording",
            "录播",
            "a recording stands in for a missed session (default no)",
            BOOL,
            False,
            YES_NO,
        ),
        Column(
            "hospital_run",
            "院内",
            "counts against the hospital-run Class II cap (default yes)",
            BOOL,
            False,
            YES_NO,
        ),
        Column("url", "链接", "where the recording or the online module is (https://…)"),
    ),
    required=True,
)

TOPICS = Table(
    "topics",
    "讲题",
    "series with an assigned speaker and topic per session (定人定题)",
    (
        Column("course", "课程", "a course id", required=True),
        Column("session", "次序", "session number 1..N", INT, True),
        Column("topic", "讲题", "topic of this session", required=True),
        Column("speaker", "主讲人", "the speaker, by name or staff id (empty: the course's "
               "speakers)", refers="staff"),
        Column("date", "日期", "fixed date (optional)", DATE),
    ),
)

PROGRAMMES = Table(
    "programmes",
    "轮转项目",
    "rotation programmes (轮转)",
    (
        Column("id", "编号", "unique programme id", required=True),
        Column("name", "名称", "programme name", required=True),
        Column(
            "order",
            "顺序",
            "fixed (blocks in the listed order) or free",
            ENUM,
            False,
            ("fixed", "free"),
        ),
        Column("participants", "参加人员", "who rotates (a who filter)", WHO, True),
        Column("start", "开始日期", "first day (default: horizon start)", DATE),
        Column("end", "结束日期", "last day (default: horizon end)", DATE),
        Column(
            "exit_exam",
            "出科考核",
            "an exit exam ends each block (default yes)",
            BOOL,
            False,
            YES_NO,
        ),
        Column("exam_hours", "考核学时", "hours of each exit exam (default 2)", FLOAT),
        Column(
            "required",
            "必修",
            "every block must be planned: no plan otherwise (default no; a block's own "
            "required overrides it)",
            BOOL,
            False,
            YES_NO,
        ),
    ),
)

PROGRAMME_BLOCKS = Table(
    "programme_blocks",
    "轮转科室",
    "the blocks of each rotation programme",
    (
        Column("programme", "轮转项目", "a programme id", required=True),
        Column("block", "序号", "block number", INT, True),
        Column("departments", "科室", "a department (id or name), or the electives to choose "
               "from", LIST, True, refers="department"),
        Column("choose", "选择数", "how many of the departments (default 1)", INT),
        Column("min_months", "最短月数", "shortest stay in months (default 1)", INT),
        Column("max_months", "最长月数", "longest stay in months (default: min_months)", INT),
        Column("after", "前置", "blocks that must come before, comma separated", LIST),
        Column("preference", "优先", "preferred electives, best first", LIST,
               refers="department"),
        Column(
            "required",
            "必修",
            "yes: must be planned (no plan otherwise); no: left out with a warning when it "
            "cannot fit (default: the programme's required)",
            BOOL,
            False,
            YES_NO,
        ),
        Column(
            "prerequisites",
            "先修",
            "inside the block, A->B: B only after A (departments or disciplines of the block)",
            LIST,
        ),
    ),
)

DISCIPLINES = Table(
    "disciplines",
    "轮转专业",
    "the discipline each rotation department teaches and its host (campus or partner hospital)",
    (
        Column("department", "科室", "a department, by id or name", required=True,
               refers="department"),
        Column("discipline", "专业", "the discipline it teaches rotators", required=True),
        Column("host", "基地", "campus or partner hospital (default: this hospital)"),
    ),
)

ROTATION_CAPACITY = Table(
    "rotation_capacity",
    "轮转月容量",
    "rotators a department takes at most and at least, month by month",
    (
        Column("department", "科室", "a department, by id or name", required=True,
               refers="department"),
        Column("from", "开始日期", "a day of the first month", DATE, True),
        Column("to", "结束日期", "a day of the last month", DATE, True),
        Column("capacity", "容量", "at most this many rotators a month (default: "
               "rotator_capacity)", INT),
        Column("minimum", "最少", "at least this many rotators a month (default 0)", INT),
    ),
)

ROTATION_WISHES = Table(
    "rotation_wishes",
    "轮转意愿",
    "weighted wishes of rotators and of the office (disciplines, hosts, host changes, idle "
    "months, fairness)",
    (
        Column("who", "对象", "whose wish (a who filter)", WHO, True),
        Column(
            "kind",
            "类型",
            "discipline, host, department, host-change, idle-month or fairness",
            ENUM,
            True,
            ("discipline", "host", "department", "host-change", "idle-month", "fairness"),
        ),
        Column("value", "内容", "the discipline, host or department id (empty for the others)"),
        Column("weight", "权重", "points per block, change or idle month (negative: unwanted)",
               INT, True),
    ),
)

EXTERNAL_SEATS = Table(
    "external_seats",
    "进修名额",
    "seats at partner hospitals for external study (进修)",
    (
        Column("id", "编号", "unique seat id", required=True),
        Column("partner", "进修医院", "partner hospital", required=True),
        Column("specialty", "专业", "specialty studied"),
        Column("start_earliest", "最早开始", "earliest start date", DATE, True),
        Column("start_latest", "最晚开始", "latest start date", DATE, True),
        Column("months", "月数", "length in months", INT, True),
        Column("seats", "名额", "number of people", INT, True),
        Column("candidates", "候选人", "who may go (a who filter)", WHO, True),
        Column(
            "teach_back_weeks",
            "汇报周数",
            "weeks after return to give the teach-back (default 4)",
            INT,
        ),
        Column(
            "department_priority", "科室优先", "departments served first, comma separated", LIST,
            refers="department",
        ),
        Column("min_years", "最少工作年限", "minimum years of service (default 0)", INT),
        Column(
            "max_away_per_specialty",
            "同专业最多外出",
            "at most this many of one specialty away at once",
            INT,
        ),
    ),
)

PINS = Table(
    "pins",
    "已定场次",
    "sessions the office has fixed already",
    (
        Column("course", "课程", "a course id", required=True),
        Column("session", "次序", "session number", INT, True),
        Column("run", "场次", "run of that session (default 1)", INT),
        Column("date", "日期", "fixed date (optional)", DATE),
        Column("slot", "时段", "a slot id from plan (optional)"),
        Column("room", "场地", "a room, by name or id (optional)", refers="room"),
        Column("speaker", "主讲人", "a person, by name or staff id (optional)", refers="staff"),
    ),
)

UNAVAILABILITY = Table(
    "unavailability",
    "不可用",
    "leave and closures",
    (
        Column("kind", "类型", "staff or room", ENUM, True, ("staff", "room")),
        Column("id", "编号", "the person or room, by name or id", required=True),
        Column("from", "开始日期", "first day", DATE, True),
        Column("to", "结束日期", "last day (inclusive)", DATE, True),
        Column("reason", "原因", "optional note"),
    ),
)

HOLIDAYS = Table(
    "holidays",
    "节假日",
    "statutory holidays and make-up workdays (overrides chinesecalendar)",
    (
        Column("date", "日期", "the day", DATE, True),
        Column(
            "kind",
            "类型",
            "holiday (放假) or workday (调休上班)",
            ENUM,
            True,
            ("holiday", "workday"),
        ),
        Column("name", "名称", "optional name"),
    ),
)

HISTORY = Table(
    "history",
    "已完成",
    "training already done this year (or rotation blocks done earlier)",
    (
        Column("staff_id", "工号", "a person, by staff id or name", required=True,
               refers="staff"),
        Column(
            "kind",
            "类型",
            "hours, credits or rotation",
            ENUM,
            True,
            ("hours", "credits", "rotation"),
        ),
        Column(
            "category",
            "类别",
            "training category (hours), I or II (credits), department id (rotation)",
            required=True,
        ),
        Column("amount", "数量", "hours, credits or months", FLOAT, True),
        Column("programme", "轮转项目", "programme id (rotation)"),
        Column(
            "hospital_run",
            "院内",
            "credits: counts against the hospital-run Class II cap (default no)",
            BOOL,
            False,
            YES_NO,
        ),
        Column("note", "备注", "optional note"),
    ),
)

ATTENDANCE_RECORDS = Table(
    "attendance_records",
    "签到记录",
    "sign-in records: who really attended a planned session (the ledger of training done "
    "follows them over the plan)",
    (
        Column("staff_id", "工号", "a person, by staff id or name", required=True,
               refers="staff"),
        Column(
            "session",
            "场次编号",
            "a session id as in plan/sessions.csv, e.g. CPR#1.3 (or give course and part)",
        ),
        Column("course", "课程", "a course id (with part, when no session id is given)"),
        Column("part", "课次", "session number of the course, 1..N (with course)", INT),
        Column("attended", "出席", "yes or no (default yes)", BOOL, False, YES_NO),
        Column("note", "备注", "optional note"),
    ),
)

TABLES: tuple[Table, ...] = (
    STAFF,
    DEPARTMENTS,
    ROOMS,
    COURSES,
    TOPICS,
    PROGRAMMES,
    PROGRAMME_BLOCKS,
    DISCIPLINES,
    ROTATION_CAPACITY,
    ROTATION_WISHES,
    EXTERNAL_SEATS,
    PINS,
    UNAVAILABILITY,
    HOLIDAYS,
    HISTORY,
    ATTENDANCE_RECORDS,
)
TABLES_BY_NAME = {t.name: t for t in TABLES}

# --------------------------------------------------------------------------------- settings
# In a workbook the lists of the plan settings are sheets with one row each, like the tables
# above (plan.yaml keeps them as YAML lists; the old one-cell YAML form is still read).

SLOTS = Table(
    "slots",
    "时段",
    "weekly lecture slots, one row each (a session is held in one slot)",
    (
        Column("id", "编号", "unique slot id, e.g. tue-pm", required=True),
        Column("weekday", "星期", "mon … sun (周一 … 周日)", ENUM, True, WEEKDAYS),
        Column("start", "开始时间", "HH:MM, e.g. 16:30", required=True),
        Column("end", "结束时间", "HH:MM, e.g. 18:00", required=True),
        Column("makeup", "调休日可用", "also offered on make-up workdays (调休上班; default no)",
               BOOL, False, YES_NO),
    ),
)

QUOTAS = Table(
    "quotas",
    "学时要求",
    "hours each person must reach in a category over the horizon, one row each",
    (
        Column("who", "对象", "who it applies to (a who filter; default everyone)", WHO),
        Column("category", "类别", "the training category counted", ENUM, True, CATEGORIES),
        Column("min_hours", "最少学时", "hours required", FLOAT, True),
        Column("online_share_max", "线上最多占比",
               "share of those hours that online modules may give, 0–1 (default 1)", FLOAT),
    ),
)

RULES = Table(
    "rules",
    "全院规则",
    "hospital rules on how many sessions of a category are held, one row each",
    (
        Column("kind", "规则", "min-per-month or min-per-year (每月至少 / 每年至少)", ENUM, True,
               RULE_KINDS),
        Column("category", "类别", "the training category counted", ENUM, True, CATEGORIES),
        Column("minimum", "最少次数", "sessions at least, each month or in the year", INT, True),
        Column("description", "说明", "optional words for the summary"),
    ),
)

#: setting key → its sheet (the key's value is the list of the sheet's rows)
SETTING_TABLES: tuple[Table, ...] = (SLOTS, QUOTAS, RULES)

PLAN_SHEET = "plan"
PLAN_SHEET_ZH = "设置"

#: dotted plan setting → (Chinese name on the 设置 sheet, what it means)
PLAN_KEYS: dict[str, tuple[str, str]] = {
    "hospital": ("医院名称", "医院名称，印在汇总和日历上"),
    "language": ("语言", "zh（中文，默认）或 en（英文）"),
    "timezone": ("时区", "默认 Asia/Shanghai"),
    "horizon.start": ("计划开始日期", "计划期第一天，如 2027-01-01"),
    "horizon.end": ("计划结束日期", "计划期最后一天，最长三年"),
    "public_base_url": ("日历订阅网址", "发布日历的网址，如 https://cme.example-hospital.cn（可不填）"),
    "credits.who": ("学分要求对象", "哪些人有年度学分要求（对象写法，如 职称>=初级）"),
    "credits.total_min": ("年度最低学分", "每人每年至少的学分，如 25"),
    "credits.class1.min": ("I类学分下限", "I类学分至少，如 5"),
    "credits.class1.max": ("I类学分上限", "I类学分最多计入，如 10"),
    "credits.class2_min": ("II类学分下限", "II类学分至少，如 15"),
    "rates.lecture_speaker": ("讲座主讲学分", "院内讲座每次给主讲人的学分"),
    "rates.lecture_attendee": ("讲座听课学分", "院内讲座每次给听课人的学分"),
    "rates.case_speaker": ("病例讨论主讲学分", "病例讨论/大查房每次给主讲人的学分"),
    "rates.case_attendee": ("病例讨论参加学分", "病例讨论/大查房每次给参加人的学分"),
    "rates.hospital_class2_cap": ("院内II类学分上限", "院内举办的II类学分每年最多计入"),
    "rates.external_per_month": ("进修每月学分", "进修每月计入的学分"),
    "rates.external_full_year_months": ("进修满年月数", "进修满这么多个月即计满全年学分"),
    "solver.time_limit": ("计算时限（秒）", "每次排程最多计算的秒数"),
    "solver.seed": ("随机种子", "同样的输入和种子得到同样的计划"),
    "solver.workers": ("计算线程数", "同时使用的处理器核数"),
    "solver.engine": ("听课安排引擎", "highs（默认）或 cp-sat"),
    "solver.replan_scope": ("重排范围", "local（只重排受影响的人，默认）或 full"),
    "feed_window_days": ("日历保留天数", "日历订阅中保留已结束事件的天数"),
    "previous_term": ("上一期计划", "上一期计划的输出文件夹，用来接续已完成的学时（可不填）"),
    "reminders": ("日历提醒", "个人日历提前提醒，如 1天，1小时（默认）；填 off 不提醒"),
    "sign_in_minutes": ("签到截止（分钟）", "扫码签到在讲座结束后还开放的分钟数（默认 30）"),
    "notify.smtp_host": ("邮件服务器", "发送变动通知的 SMTP 服务器（密码只从环境变量读取）"),
    "notify.smtp_port": ("邮件端口", "不填则按加密方式：ssl 465、starttls 587、none 25"),
    "notify.smtp_security": ("邮件加密", "ssl、starttls（默认）或 none"),
    "notify.smtp_user": ("邮件账号", "SMTP 登录账号（可不填）"),
    "notify.sender": ("发件人", "如 科教科 <cme@example-hospital.cn>"),
    "notify.wecom_webhook": ("企业微信机器人", "群机器人的 Webhook 网址：每次通知后发一条汇总（可不填）"),
}


#: what each table and column means, in Chinese, beside the English descriptions above
HELP_ZH: dict[str, str] = {
    "staff": "每行一人：参加培训或授课的人员",
    "staff.id": "唯一的工号",
    "staff.name": "姓名",
    "staff.department": "所在科室：填科室名称（如 内科）或编号",
    "staff.role": "医生 / 护士 / 技师 / 药师 / 行政 / 其他",
    "staff.title": "职称，如 主治医师、主管护师；或职称等级（初级/中级/副高/正高/无）",
    "staff.birth_date": "出生日期 YYYY-MM-DD；与年龄二者填一",
    "staff.age": "计划期第一天的年龄；与出生日期二者填一",
    "staff.email": "电子邮箱（可不填）",
    "staff.specialty": "专业（可不填；进修名额按专业限制外出人数时用）",
    "staff.employed_since": "入职日期 YYYY-MM-DD（可不填；进修要求工作年限时用）",
    "departments": "每行一个科室",
    "departments.id": "唯一的科室编号，如 NK",
    "departments.name": "科室名称，如 内科（其他表可直接写名称）",
    "departments.min_on_duty": "任何时候至少在岗的人数（如 8），或占本科室人数的比例（如 70%），向上取整",
    "departments.rotator_capacity": "每月最多可接收的轮转人数（默认 0）",
    "departments.rotators_count_on_duty": "在本科室轮转的人是否计入在岗人数（默认 是）",
    "rooms": "每行一个培训场地",
    "rooms.id": "唯一的场地编号，如 R1",
    "rooms.name": "场地名称，如 学术报告厅（其他表可直接写名称）",
    "rooms.capacity": "座位数",
    "rooms.features": "设施，多个用逗号或顿号隔开，如 投影仪、技能室",
    "courses": "每行一门课程：单次讲座、系列讲座、分期培训或网络课程",
    "courses.id": "唯一的课程编号，如 QY",
    "courses.title": "课程名称",
    "courses.category": "培训类别：职业道德 / 重点传染病 / 技能培训 / 法律法规 / 全院业务学习 / "
                        "病例讨论 / 理论考试 / 出科考核 / 回院汇报 / 其他",
    "courses.mode": "线下（默认）或 线上",
    "courses.hours": "每次的学时；须排得进一个时段",
    "courses.sessions": "共几讲（默认 1，或讲题表中该课程的行数）",
    "courses.cohort_size": "分期培训时每期最多人数（如 30）",
    "courses.audience": "必须参加的人：全体（默认）、人员或科室名单、或对象写法如 角色=医生；职称<=中级",
    "courses.speakers": "可以主讲的人：姓名或工号（王建国，张伟）、对象写法，或 外请:专家姓名",
    "courses.room_feature": "场地须具备的设施，如 技能室",
    "courses.credits": "每次给听课人的学分（不填则按设置中的标准）",
    "courses.speaker_credits": "每次给主讲人的学分（不填则按设置中的标准）",
    "courses.credit_class": "学分类别：I类 / II类 / 无",
    "courses.window_start": "最早可排的日期（默认计划开始日期）",
    "courses.window_end": "最晚可排的日期（默认计划结束日期）",
    "courses.frequency": "每周 / 隔周 / 每月 / 每季度：第 k 讲排在第 k 个周期内",
    "courses.dates": "只能排在这些日期，多个用逗号隔开",
    "courses.due": "网络课程的完成期限（默认结束日期）",
    "courses.repeats": "每一讲可以多开几场，让不同的人轮流参加（默认 0）",
    "courses.recording": "缺席时可看录像补上（默认 否）",
    "courses.hospital_run": "是否院内举办，计入院内 II类学分上限（默认 是）",
    "courses.url": "录像或网络课程的网址（https://…，可不填），显示在个人日历中",
    "topics": "定人定题：系列讲座每一讲的讲题和主讲人",
    "topics.course": "课程编号",
    "topics.session": "第几讲：1、2、3……",
    "topics.topic": "这一讲的讲题",
    "topics.speaker": "主讲人：姓名或工号（不填则从课程的主讲人中安排）",
    "topics.date": "固定日期（可不填）",
    "programmes": "轮转项目，如 住院医师规范化培训、晋升前轮转",
    "programmes.id": "唯一的项目编号，如 PROMO",
    "programmes.name": "项目名称",
    "programmes.order": "固定（按轮转科室表的顺序）或 自由",
    "programmes.participants": "参加轮转的人：姓名名单或对象写法",
    "programmes.start": "开始日期（默认计划开始日期）",
    "programmes.end": "结束日期（默认计划结束日期）",
    "programmes.exit_exam": "每段轮转结束时是否出科考核（默认 是）",
    "programmes.exam_hours": "出科考核学时（默认 2）；须排得进一个时段",
    "programmes.required": "各段是否必修（默认 否）：必修的段排不下时无法排出计划，并说明原因",
    "programme_blocks": "每个轮转项目的各段：到哪个科室、几个月",
    "programme_blocks.programme": "轮转项目编号",
    "programme_blocks.block": "第几段：1、2、3……",
    "programme_blocks.departments": "轮转科室（名称或编号）；列出多个时为选修，从中选“选择数”个",
    "programme_blocks.choose": "从所列科室中选几个（默认 1）",
    "programme_blocks.min_months": "最短几个月（默认 1）",
    "programme_blocks.max_months": "最长几个月（默认等于最短月数）",
    "programme_blocks.after": "须在哪几段之后，多个用逗号隔开",
    "programme_blocks.preference": "选修时优先的科室，按优先顺序",
    "programme_blocks.required": "本段是否必修（默认随轮转项目）：必修排不下时无法排出计划；非必修排不下时留空并提示",
    "programme_blocks.prerequisites": "段内先修，如“心血管内科->呼吸内科”：后者须在前者之后，多项用逗号隔开",
    "disciplines": "每个轮转科室所属的专业和基地（院区或协同医院）：同一专业在一个项目中只轮转一次，无论在哪个基地",
    "disciplines.department": "科室（名称或编号）",
    "disciplines.discipline": "该科室带教的专业，如 心血管内科",
    "disciplines.host": "所在基地（院区或协同医院；空 = 本院）",
    "rotation_capacity": "按月设置的轮转容量和最少人数",
    "rotation_capacity.department": "科室（名称或编号）",
    "rotation_capacity.from": "起始月份中的任一天",
    "rotation_capacity.to": "结束月份中的任一天",
    "rotation_capacity.capacity": "每月最多接收的轮转人数（默认为科室表的轮转容量）",
    "rotation_capacity.minimum": "每月至少接收的轮转人数（默认 0）",
    "rotation_wishes": "轮转人员和科教科的意愿及权重：专业、基地、科室、更换基地、空档月、公平",
    "rotation_wishes.who": "谁的意愿：姓名名单或对象写法（全体 = 所有人）",
    "rotation_wishes.kind": "专业 / 基地 / 科室 / 换基地 / 空档月 / 公平",
    "rotation_wishes.value": "意愿针对的专业、基地或科室（换基地、空档月、公平不填）",
    "rotation_wishes.weight": "分值：每段（或每次更换、每个空档月）加减几分；负数为不愿意；换基地、空档月 ≤ 0，公平 ≥ 0",
    "external_seats": "外出进修名额",
    "external_seats.id": "唯一的名额编号，如 JX1",
    "external_seats.partner": "进修医院",
    "external_seats.specialty": "进修专业",
    "external_seats.start_earliest": "最早开始日期",
    "external_seats.start_latest": "最晚开始日期",
    "external_seats.months": "进修几个月",
    "external_seats.seats": "名额数",
    "external_seats.candidates": "谁可以去：姓名名单或对象写法，如 角色=医生；职称>=中级",
    "external_seats.teach_back_weeks": "回院后几周内做汇报讲课（默认 4）",
    "external_seats.department_priority": "优先安排的科室，多个用逗号隔开",
    "external_seats.min_years": "最少工作年限（默认 0）",
    "external_seats.max_away_per_specialty": "同一专业同时外出最多几人",
    "pins": "已经定好的场次：日期、时段、场地、主讲人可只填一部分",
    "pins.course": "课程编号",
    "pins.session": "第几讲",
    "pins.run": "这一讲的第几场（默认 1）",
    "pins.date": "日期（可不填）",
    "pins.slot": "时段编号（可不填）",
    "pins.room": "场地：名称或编号（可不填）",
    "pins.speaker": "主讲人：姓名或工号（可不填）",
    "unavailability": "请假、外出、场地停用",
    "unavailability.kind": "人员 或 场地",
    "unavailability.id": "哪个人或哪个场地：姓名/名称或编号",
    "unavailability.from": "开始日期",
    "unavailability.to": "结束日期（含当天）",
    "unavailability.reason": "原因（可不填）",
    "holidays": "法定节假日和调休上班日（chinesecalendar 还不知道的年份必须填写）",
    "holidays.date": "日期",
    "holidays.kind": "放假 或 调休上班",
    "holidays.name": "名称，如 国庆节（可不填）",
    "history": "本年度已完成的培训（或以前已完成的轮转）",
    "history.staff_id": "人员：工号或姓名",
    "history.kind": "学时 / 学分 / 轮转",
    "history.category": "学时：培训类别；学分：I 或 II；轮转：科室",
    "history.amount": "学时数、学分数或月数",
    "history.programme": "轮转项目编号（轮转时）",
    "history.hospital_run": "学分：是否计入院内 II类学分上限（默认 否）",
    "history.note": "备注",
    "attendance_records": "签到记录：已举办的场次实际谁参加了",
    "attendance_records.staff_id": "人员：工号或姓名",
    "attendance_records.session": "场次编号，如 CPR#1.3（见 plan/sessions.csv）；或填课程和课次",
    "attendance_records.course": "课程编号（不填场次编号时）",
    "attendance_records.part": "第几讲（与课程一起填）",
    "attendance_records.attended": "是 或 否（默认 是）",
    "attendance_records.note": "备注",
    "slots": "每周的讲课时段，每行一个；每次课排在一个时段内",
    "slots.id": "唯一的时段编号，如 tue-pm",
    "slots.weekday": "周一 … 周日",
    "slots.start": "开始时间 HH:MM，如 16:30",
    "slots.end": "结束时间 HH:MM，如 18:00",
    "slots.makeup": "调休上班日是否也可用（默认 否）",
    "quotas": "每人在计划期内须完成的学时，每行一条",
    "quotas.who": "对哪些人：全体（默认）、名单或对象写法",
    "quotas.category": "培训类别",
    "quotas.min_hours": "至少几学时",
    "quotas.online_share_max": "其中最多多大比例可由网络课程完成，0–1（默认 1）",
    "rules": "全院规则：某类培训每月或每年至少办几次，每行一条",
    "rules.kind": "每月至少 或 每年至少",
    "rules.category": "培训类别",
    "rules.minimum": "至少几次",
    "rules.description": "说明（可不填）",
}


def _helped(table: Table) -> Table:
    from dataclasses import replace

    return replace(table, help_zh=HELP_ZH[table.name], columns=tuple(
        replace(c, help_zh=HELP_ZH[f"{table.name}.{c.name}"]) for c in table.columns))


TABLES = tuple(_helped(t) for t in TABLES)
TABLES_BY_NAME = {t.name: t for t in TABLES}
SETTING_TABLES = tuple(_helped(t) for t in SETTING_TABLES)
SLOTS, QUOTAS, RULES = SETTING_TABLES
