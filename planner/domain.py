"""Validated domain objects: what the planner knows once the inputs have been read.

Everything here is plain, frozen data. The loaders in :mod:`planner.inputs` build it and
guarantee the invariants stated in each docstring (ids unique, references resolved, dates in
order), so the solver, the checker and the reports never re-validate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from enum import Enum
from functools import cached_property


class Grade(int, Enum):
    """One grade scale shared by every professional ladder (doctor, nurse, technician, pharmacist).

    "Intermediate or below" therefore means the same thing whatever the person's ladder.
    """

    NONE = 0  # no professional title (e.g. administrative staff)
    JUNIOR = 1  # 初级: 住院医师, 护士, 护师, 技士, 技师, 药士, 药师 …
    INTERMEDIATE = 2  # 中级: 主治医师, 主管护师, 主管技师, 主管药师
    ASSOCIATE = 3  # 副高: 副主任医师, 副主任护师 …
    SENIOR = 4  # 正高: 主任医师, 主任护师 …


class Role(str, Enum):
    DOCTOR = "doctor"
    NURSE = "nurse"
    TECHNICIAN = "technician"
    PHARMACIST = "pharmacist"
    ADMIN = "admin"
    OTHER = "other"


class Category(str, Enum):
    """Training categories; quotas are stated in hours per category."""

    ETHICS = "ethics"  # 职业道德 / 医德医风
    INFECTION = "infection"  # 重点传染病 / 院感
    SKILLS = "skills"  # 技能培训 (CPR, 急救)
    LAW = "law"  # 法律法规
    LECTURE = "lecture"  # 全院业务学习 / 专题讲座
    GRAND_ROUND = "grand-round"  # 病例讨论 / 大查房
    EXAM = "exam"  # 理论考试
    EXIT_EXAM = "exit-exam"  # 出科考核
    TEACH_BACK = "teach-back"  # 回院汇报讲课
    OTHER = "other"


class Mode(str, Enum):
    IN_PERSON = "in-person"
    ONLINE = "online"


class CreditClass(str, Enum):
    NONE = "none"
    I = "I"  # noqa: E741 — the national name of the class
    II = "II"


class DayKind(str, Enum):
    HOLIDAY = "holiday"  # 法定节假日 (a weekday off)
    WORKDAY = "workday"  # 调休 make-up working day (a weekend day on)


# ---------------------------------------------------------------------------------------------
# "Who" filters


@dataclass(frozen=True)
class Who:
    """A set of staff described in one spreadsheet cell, e.g. ``role=doctor; title<=intermediate``.

    Clauses are ANDed; values inside one clause (comma separated) are ORed. ``everyone`` is the
    empty filter. Age is taken on the first day of the horizon.
    """

    text: str
    roles: frozenset[Role] | None = None
    departments: frozenset[str] | None = None
    not_departments: frozenset[str] = frozenset()
    ids: frozenset[str] | None = None
    not_ids: frozenset[str] = frozenset()
    grade_min: Grade | None = None
    grade_max: Grade | None = None
    age_min: int | None = None
    age_max: int | None = None
    nobody: bool = False

    def matches(self, person: Staff, horizon_start: dt.date) -> bool:
        if self.nobody:
            return False
        if self.ids is not None and person.id not in self.ids:
            return False
        if person.id in self.not_ids:
            return False
        if self.roles is not None and person.role not in self.roles:
            return False
        if self.departments is not None and person.department not in self.departments:
            return False
        if person.department in self.not_departments:
            return False
        if self.grade_min is not None and person.grade < self.grade_min:
            return False
        if self.grade_max is not None and person.grade > self.grade_max:
            return False
        if self.age_min is not None or self.age_max is not None:
            age = person.age_on(horizon_start)
            if age is None:
                return False
            if self.age_min is not None and age < self.age_min:
                return False
            if self.age_max is not None and age > self.age_max:
                return False
        return True


# ---------------------------------------------------------------------------------------------
# Tables


@dataclass(frozen=True)
class Staff:
    id: str
    name: str
    department: str
    role: Role
    title: str  # as written by the office (e.g. 主治医师)
    grade: Grade
    birth_date: dt.date | None = None
    age: int | None = None  # given instead of a birth date; taken as the age on horizon start
    email: str = ""
    specialty: str = ""
    employed_since: dt.date | None = None

    def age_on(self, day: dt.date) -> int | None:
        if self.birth_date is not None:
            b = self.birth_date
            return day.year - b.year - ((day.month, day.day) < (b.month, b.day))
        return self.age


@dataclass(frozen=True)
class Department:
    """``min_on_duty`` is a head count; the loader converts fractions of the headcount."""

    id: str
    name: str
    min_on_duty: int
    rotator_capacity: int = 0
    rotators_count_on_duty: bool = True


@dataclass(frozen=True)
class Room:
    id: str
    name: str
    capacity: int
    features: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Slot:
    """A lecture time slot on a weekday (0=Monday). Make-up workdays (调休) carry the slots whose
    ``makeup`` flag is set; by default none, since offices rarely lecture on those days."""

    id: str
    weekday: int
    start: dt.time
    end: dt.time
    makeup: bool = False

    @property
    def hours(self) -> float:
        return (
            dt.datetime.combine(dt.date.min, self.end) - dt.datetime.combine(dt.date.min, self.start)
        ).total_seconds() / 3600


#: Course ids the planner gives its own sessions: exit exams (出科考核) and teach-backs (回院汇报).
EXIT_PREFIX, TEACH_BACK_PREFIX = "exit:", "teach-back:"
RESERVED_PREFIXES = (EXIT_PREFIX, TEACH_BACK_PREFIX)


@dataclass(frozen=True)
class Course:
    """A course delivered as ``parts`` distinct sessions (a series of topics), each run
    ``runs`` times (cohorts or repeats). Every audience member must attend each part once.

    * a series (定人定题): ``parts`` = number of topics, usually one run each;
    * cohorts (CPR for all in groups of ≤ 30): one part, ``cohort_size`` set, runs decided by the
      planner from the audience size;
    * online module: mode ONLINE, no slot or room, a due date.
    """

    id: str
    title: str
    category: Category
    mode: Mode
    hours: float  # per session
    parts: int
    cohort_size: int | None
    audience: Who
    speakers: Who | None  # eligible speakers (pool); None when every part has a fixed speaker
    external_speaker: str = ""  # an outside expert's name; then ``dates`` lists when they come
    room_feature: str = ""
    credits: float | None = None  # per attendee per session; None → rate from settings
    speaker_credits: float | None = None
    credit_class: CreditClass = CreditClass.NONE
    window_start: dt.date | None = None
    window_end: dt.date | None = None
    frequency: str = ""  # "", "weekly", "biweekly", "monthly", "quarterly"
    dates: tuple[dt.date, ...] = ()  # allowed dates only (e.g. an external expert's visits)
    due: dt.date | None = None  # online modules
    repeats: int = 0  # extra runs of each part allowed so more of the audience can attend
    recording: bool = False  # a recording may stand in for a missed session
    hospital_run: bool = True  # counts against the hospital-run Class II cap
    url: str = ""  # where the recording or the online module is (shown in person feeds)


@dataclass(frozen=True)
class Topic:
    """One part of a series course with its assigned topic and speaker (定人定题)."""

    course: str
    part: int  # 1-based
    topic: str
    speaker: str = ""  # staff id, or empty for the course's pool / external speaker
    date: dt.date | None = None


@dataclass(frozen=True)
class Programme:
    """A rotation programme (轮转): participants spend month blocks in departments."""

    id: str
    name: str
    ordered: bool
    participants: Who
    start: dt.date | None = None  # first month (default: horizon start)
    end: dt.date | None = None  # last day (default: horizon end)
    exit_exam: bool = True
    exam_hours: float = 2.0
    required: bool = False  # the default of its blocks' ``required``


@dataclass(frozen=True)
class ProgrammeBlock:
    programme: str
    block: int
    departments: tuple[str, ...]  # one department, or the electives to choose from
    choose: int = 1  # how many of ``departments`` (k of n); with disciplines, how many disciplines
    min_months: int = 1
    max_months: int = 1
    after: tuple[int, ...] = ()  # prerequisite blocks
    preference: tuple[str, ...] = ()  # preferred electives, best first
    #: a required block must be planned (no plan otherwise); an optional one is left out with a
    #: warning when it cannot fit
    required: bool = False
    #: prerequisites inside the block: (departments of the first, departments of the second) —
    #: the second is planned only with the first, which ends before it starts
    prerequisites: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Discipline:
    """A row of ``disciplines.csv`` (轮转专业): the discipline a department teaches rotators,
    and the host (基地: a campus or partner hospital; "" = this hospital) it belongs to. In one
    programme a participant does each discipline once, whichever department hosts it."""

    department: str
    discipline: str
    host: str = ""


@dataclass(frozen=True)
class RotationPlaces:
    """A row of ``rotation_capacity.csv``: in every month of ``start``…``end`` the department
    takes at most ``capacity`` rotators (``None``: its ``rotator_capacity``) and at least
    ``minimum``."""

    department: str
    start: dt.date  # first day of the first month
    end: dt.date  # last day of the last month
    capacity: int | None = None
    minimum: int = 0


class WishKind(str, Enum):
    DISCIPLINE = "discipline"  # per block in a department of the discipline
    HOST = "host"  # per block at the host
    DEPARTMENT = "department"  # per block in the department
    HOST_CHANGE = "host-change"  # per change of host between consecutive blocks (≤ 0)
    IDLE_MONTH = "idle-month"  # per month without a block before the last block (≤ 0)
    FAIRNESS = "fairness"  # on the least satisfied of ``who`` (≥ 0)


@dataclass(frozen=True)
class Wish:
    """A row of ``rotation_wishes.csv`` (轮转意愿): ``weight`` points for each of ``who``'s
    blocks (or host changes, idle months) of ``kind`` and ``value``; the weights of a person's
    rows add up to their satisfaction. ``fairness`` weighs the least satisfied rotator of
    ``who`` on top of the sum."""

    who: Who
    kind: WishKind
    value: str = ""
    weight: int = 0


def disciplines_of(problem: "Problem") -> dict[str, Discipline]:
    """Department → its :class:`Discipline` row (departments without one are their own
    discipline at this hospital)."""
    return {d.department: d for d in problem.disciplines}


@dataclass(frozen=True)
class ExternalSeat:
    """Seats at a partner hospital for external study (进修)."""

    id: str
    partner: str
    specialty: str
    start_earliest: dt.date
    start_latest: dt.date
    months: int
    seats: int
    candidates: Who
    teach_back_weeks: int = 4
    department_priority: tuple[str, ...] = ()
    min_years: int = 0
    max_away_per_specialty: int | None = None


@dataclass(frozen=True)
class Pin:
    """A session the office has fixed already; any of date, slot, room, speaker may be set."""

    course: str
    part: int
    run: int
    date: dt.date | None = None
    slot: str = ""
    room: str = ""
    speaker: str = ""


@dataclass(frozen=True)
class Unavailability:
    kind: str  # "staff" or "room"
    id: str
    start: dt.date
    end: dt.date  # inclusive
    reason: str = ""


@dataclass(frozen=True)
class HolidayRow:
    date: dt.date
    kind: DayKind
    name: str = ""


@dataclass(frozen=True)
class HistoryRow:
    """Training already done this year (or blocks done in earlier years)."""

    staff_id: str
    kind: str  # "hours", "credits" or "rotation"
    category: str  # Category value for hours; "I"/"II" for credits; department id for rotation
    amount: float
    programme: str = ""
    hospital_run: bool = False
    note: str = ""


@dataclass(frozen=True)
class AttendanceRecord:
    """A sign-in sheet line: whether a person really attended a planned session.

    Names a session id (``run`` > 0) or only a course and part (``run`` 0: whichever run of the
    part the person was in). Records override the plan when the ledger counts training done.
    """

    staff_id: str
    course: str
    part: int
    run: int = 0
    attended: bool = True
    note: str = ""

    @property
    def session(self) -> str:
        return f"{self.course}#{self.part}.{self.run}" if self.run else ""


# ---------------------------------------------------------------------------------------------
# Plan settings


@dataclass(frozen=True)
class QuotaLine:
    who: Who
    category: Category
    min_hours: float
    online_share_max: float = 1.0  # share of min_hours that online modules may cover


@dataclass(frozen=True)
class CreditRates:
    """Province-specific rates, kept as settings (DESIGN.md: not constants)."""

    lecture_speaker: float = 2.0
    lecture_attendee: float = 0.5
    case_speaker: float = 1.0
    case_attendee: float = 0.2
    hospital_class2_cap: float = 10.0
    external_per_month: float = 5.0
    external_full_year_months: int = 6


@dataclass(frozen=True)
class CreditQuota:
    who: Who
    total_min: float = 25.0
    class1_min: float = 5.0
    class1_max: float = 10.0
    class2_min: float = 15.0


def _whole(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def default_credit_settings(who: str) -> dict[str, object]:
    """``credits`` and ``rates`` of plan.yaml with the defaults above, as the template, the
    example and the generator write them (one place for the numbers)."""
    q, r = CreditQuota(Who("")), CreditRates()
    return {
        "credits": {"who": who, "total_min": _whole(q.total_min),
                    "class1": {"min": _whole(q.class1_min), "max": _whole(q.class1_max)},
                    "class2_min": _whole(q.class2_min)},
        "rates": {k: _whole(v) for k, v in asdict(r).items()},
    }


@dataclass(frozen=True)
class HospitalRule:
    """``min-per-month`` or ``min-per-year`` sessions of a category (e.g. ≥ 1 全院业务学习 a month)."""

    kind: str
    category: Category
    minimum: int
    description: str = ""


@dataclass(frozen=True)
class SolverSettings:
    time_limit: float = 60.0
    seed: int = 1
    workers: int = 2
    engine: str = "highs"  # attendance phase engine: highs or cp-sat (see planner.solver.attendance.engines)
    replan_scope: str = "local"  # re-plans: "local" (planner.solver.replan.scope) or "full"


@dataclass(frozen=True)
class NotifySettings:
    """Where ``planner notify`` sends people's notices (plan.yaml ``notify:``; the environment
    overrides each, and the SMTP password is read only from the environment)."""

    smtp_host: str = ""
    smtp_port: int = 0  # 0: the security's usual port (465 ssl, 587 starttls, 25 none)
    smtp_security: str = "starttls"  # ssl / starttls / none
    smtp_user: str = ""
    sender: str = ""
    wecom_webhook: str = ""  # a WeCom (企业微信) group robot: one summary per run


@dataclass(frozen=True)
class Settings:
    hospital: str
    horizon_start: dt.date
    horizon_end: dt.date
    slots: tuple[Slot, ...]
    timezone: str = "Asia/Shanghai"
    language: str = "zh"
    quotas: tuple[QuotaLine, ...] = ()
    credits: CreditQuota | None = None
    rates: CreditRates = field(default_factory=CreditRates)
    rules: tuple[HospitalRule, ...] = ()
    solver: SolverSettings = field(default_factory=SolverSettings)
    public_base_url: str = ""
    feed_window_days: int = 60
    #: calendar reminders in person feeds, minutes before the start (empty: none)
    reminders: tuple[int, ...] = (1440, 60)
    notify: NotifySettings = field(default_factory=NotifySettings)
    #: a session's QR sign-in stays open this many minutes after its end
    sign_in_minutes: int = 30


@dataclass(frozen=True)
class Problem:
    """Everything the planner needs, validated and cross-referenced."""

    name: str
    settings: Settings
    staff: tuple[Staff, ...]
    departments: tuple[Department, ...]
    rooms: tuple[Room, ...]
    courses: tuple[Course, ...]
    topics: tuple[Topic, ...] = ()
    programmes: tuple[Programme, ...] = ()
    blocks: tuple[ProgrammeBlock, ...] = ()
    seats: tuple[ExternalSeat, ...] = ()
    pins: tuple[Pin, ...] = ()
    unavailability: tuple[Unavailability, ...] = ()
    holidays: tuple[HolidayRow, ...] = ()
    history: tuple[HistoryRow, ...] = ()
    attendance_records: tuple[AttendanceRecord, ...] = ()
    disciplines: tuple[Discipline, ...] = ()
    rotation_places: tuple[RotationPlaces, ...] = ()
    wishes: tuple[Wish, ...] = ()

    def staff_by_id(self) -> dict[str, Staff]:
        return {s.id: s for s in self.staff}

    def audience(self, who: Who) -> list[Staff]:
        """The staff ``who`` describes, in staff order. A filter naming people or departments
        is matched against those only: an exit exam or a teach-back is one such audience per
        ward and month, and at 10,000 staff walking everyone for each added up."""
        if who.nobody:
            return []
        by_id, by_dept = self._staff_index
        if who.ids is not None:
            rows = sorted(by_id[i] for i in who.ids if i in by_id)
        elif who.departments is not None:
            rows = sorted(r for d in who.departments for r in by_dept.get(d, ()))
        else:
            rows = range(len(self.staff))
        day = self.settings.horizon_start
        return [self.staff[r] for r in rows if who.matches(self.staff[r], day)]

    @cached_property
    def _staff_index(self) -> tuple[dict[str, int], dict[str, list[int]]]:
        """Row of each staff id, rows of each department (computed once per problem)."""
        by_dept: dict[str, list[int]] = {}
        for r, person in enumerate(self.staff):
            by_dept.setdefault(person.department, []).append(r)
        return {person.id: r for r, person in enumerate(self.staff)}, by_dept
