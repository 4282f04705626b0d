"""How the office and the staff read the sessions the planner adds itself — exit exams (出科考核)
and teach-back lectures (回院汇报) — and a course's parts: by name, never by their internal
ids (``exit:NK:2027-03``, ``teach-back:JX1:S013``).

The summary (:mod:`planner.report`) and the calendars (:mod:`planner.calendars`) both name
sessions through :class:`SessionNames`, so the page and the feed say the same thing:
``出科考核（内科，2027年3月）``, ``进修汇报（闫月月，省人民医院）``, ``医德医风专题讲座 第3讲``.
The person who conducts an exit exam is its examiner (考官), not its speaker.

The words of both languages sit side by side in :data:`TEXT`; a test fails on a key missing one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planner.domain import EXIT_PREFIX, TEACH_BACK_PREFIX

#: key → (Chinese, English)
TEXT: dict[str, tuple[str, str]] = {
    "exit": ("出科考核（{department}，{month}）", "Exit exam ({department}, {month})"),
    "teach_back": ("进修汇报（{person}，{partner}）", "Teach-back ({person}, {partner})"),
    "teach_back.alone": ("进修汇报（{person}）", "Teach-back ({person})"),
    "part": ("{title} 第{part}讲", "{title}, part {part}"),
    "month": ("{year}年{month}月", "{month_name} {year}"),
    "examiner": ("考官", "examiner"),
    "speaker": ("主讲", "speaker"),
}

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def is_exit_exam(course_id: str) -> bool:
    return course_id.startswith(EXIT_PREFIX)


def is_teach_back(course_id: str) -> bool:
    return course_id.startswith(TEACH_BACK_PREFIX)


def exit_exam_parts(course_id: str) -> tuple[str, int, int] | None:
    """(department id, year, month) of ``exit:NK:2027-03``; ``None`` for any other id."""
    if not is_exit_exam(course_id):
        return None
    dept, _, month = course_id[len(EXIT_PREFIX):].rpartition(":")
    year, _, mon = month.partition("-")
    if not (dept and year.isdigit() and mon.isdigit() and 1 <= int(mon) <= 12):
        return None
    return dept, int(year), int(mon)


def teach_back_parts(course_id: str) -> tuple[str, str] | None:
    """(seat id, staff id) of ``teach-back:JX1:S013``; ``None`` for any other id."""
    if not is_teach_back(course_id):
        return None
    seat, _, staff = course_id[len(TEACH_BACK_PREFIX):].rpartition(":")
    return (seat, staff) if seat and staff else None


@dataclass(frozen=True)
class SessionNames:
    """Names of courses and sessions in one language. The lookups turn ids into what the office
    typed: ``person`` a staff id into a name, ``department`` a department id into its name,
    ``partner`` (seat id, staff id) into the partner hospital of that placement (or "")."""

    lang: str
    course_title: Callable[[str], str | None]
    person: Callable[[str], str]
    department: Callable[[str], str]
    partner: Callable[[str, str], str]

    def __call__(self, key: str, **values: object) -> str:
        return TEXT[key][0 if self.lang == "zh" else 1].format(**values)

    def month(self, year: int, month: int) -> str:
        return self("month", year=year, month=month, month_name=_MONTHS_EN[month - 1])

    def synthetic(self, course_id: str) -> str | None:
        """The name of an exit exam or teach-back course; ``None`` for the office's courses."""
        exit_exam = exit_exam_parts(course_id)
        if exit_exam is not None:
            dept, year, month = exit_exam
            return self("exit", department=self.department(dept), month=self.month(year, month))
        teach_back = teach_back_parts(course_id)
        if teach_back is not None:
            seat, staff = teach_back
            partner = self.partner(seat, staff)
            person = self.person(staff) or staff
            return (self("teach_back", person=person, partner=partner) if partner
                    else self("teach_back.alone", person=person))
        return None

    def course(self, course_id: str, title: str = "") -> str:
        """A course by name: the planner's own by what they are, the office's by their title
        (``title`` when given, e.g. a session's own title)."""
        return (self.synthetic(course_id) or title or self.course_title(course_id)
                or course_id)

    def part(self, course_id: str, part: int, parts: int | None = None,
             title: str = "") -> str:
        """A part of a course: ``医德医风专题讲座 第3讲``; a one-part course (and the planner's
        own sessions) by its name alone. ``parts``: how many the course has, when known."""
        name = self.course(course_id, title)
        if self.synthetic(course_id) is not None or parts == 1:
            return name
        return self("part", title=name, part=part)

    def leader(self, course_id: str) -> str:
        """What the person who leads a session is called: 考官 at an exit exam, else 主讲."""
        return self("examiner" if is_exit_exam(course_id) else "speaker")


def no_course_titles(course_id: str) -> str | None:  # noqa: ARG001 — a SessionNames default
    return None
