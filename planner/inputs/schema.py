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
    choices: tuple[str, ...] = ()  # dropdown values in the template (enumerations, booleans)

    def aliases(self) -> tuple[str, ...]:
        return (self.name, self.zh) if self.zh else (self.name,)


@dataclass(frozen=True)
class Table:
    name: str
    zh: str
    description: str
    columns: tuple[Column, ...]
    required: bool = False

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


YES_NO = ("yes", "no")
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
        Column("department", "科室", "a department id from the departments table", required=True),
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
            "eligible speakers: a who filter, staff ids, or external:<name>",
            WHO,
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
        Column("speaker", "主讲人", "staff id of the speaker (empty: the course's speakers)"),
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
    ),
)

PROGRAMME_BLOCKS = Table(
    "programme_blocks",
    "轮转科室",
    "the blocks of each rotation programme",
    (
        Column("programme", "轮转项目", "a programme id", required=True),
        Column("block", "序号", "block number", INT, True),
        Column("departments", "科室", "department id, or the electives to choose from", LIST, True),
        Column("choose", "选择数", "how many of the departments (default 1)", INT),
        Column("min_months", "最短月数", "shortest stay in months (default 1)", INT),
        Column("max_months", "最长月数", "longest stay in months (default: min_months)", INT),
        Column("after", "前置", "blocks that must come before, comma separated", LIST),
        Column("preference", "优先", "preferred electives, best first", LIST),
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
            "department_priority", "科室优先", "departments served first, comma separated", LIST
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
        Column("room", "场地", "a room id (optional)"),
        Column("speaker", "主讲人", "a staff id (optional)"),
    ),
)

UNAVAILABILITY = Table(
    "unavailability",
    "不可用",
    "leave and closures",
    (
        Column("kind", "类型", "staff or room", ENUM, True, ("staff", "room")),
        Column("id", "编号", "the staff or room id", required=True),
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
        Column("staff_id", "工号", "a staff id", required=True),
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
        Column("staff_id", "工号", "a staff id", required=True),
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
    EXTERNAL_SEATS,
    PINS,
    UNAVAILABILITY,
    HOLIDAYS,
    HISTORY,
    ATTENDANCE_RECORDS,
)
TABLES_BY_NAME = {t.name: t for t in TABLES}

PLAN_SHEET = "plan"
