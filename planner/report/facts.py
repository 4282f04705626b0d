"""Everything the summary shows, computed once from the inputs and the plan.

The three renderers (HTML, Excel, Markdown) only lay these facts out; none of them computes a
figure of its own, so the same number cannot come out differently in two files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner.domain import Course, Department, Problem, Room, Staff
from planner.names import SessionNames
from planner.plan import Plan
from planner.report.coverage import CoverageCell, department_cover
from planner.report.headline import Headline, build_headline
from planner.report.holidays import HolidayNotes, holiday_notes
from planner.report.months import Month, months_between
from planner.report.presence import AwayPeriod, away_periods
from planner.report.rooms import RoomMonth, room_utilisation
from planner.report.speakers import EXTERNAL_PREFIX, SpeakerLoad, speaker_load
from planner.report.unmet import UnmetItem, unmet_items
from planner.workdays import WorkCalendar


@dataclass(frozen=True)
class Facts:
    problem: Problem
    calendar: WorkCalendar
    plan: Plan
    headline: Headline
    months: tuple[Month, ...]
    coverage: tuple[CoverageCell, ...]
    rooms: tuple[RoomMonth, ...]
    speakers: tuple[SpeakerLoad, ...]
    unmet: tuple[UnmetItem, ...]
    away: tuple[AwayPeriod, ...]
    holidays: HolidayNotes
    _staff: dict[str, Staff] = field(init=False, repr=False, compare=False)
    _departments: dict[str, Department] = field(init=False, repr=False, compare=False)
    _rooms: dict[str, Room] = field(init=False, repr=False, compare=False)
    _courses: dict[str, Course] = field(init=False, repr=False, compare=False)

    # -- names for ids: the plan stores ids, the office reads names ----------------------------

    def person_name(self, pid: str) -> str:
        p = self._staff.get(pid)
        return p.name if p else ""

    def person_department(self, pid: str) -> str:
        p = self._staff.get(pid)
        return self.department_name(p.department) if p else ""

    def department_name(self, did: str) -> str:
        d = self._departments.get(did)
        return d.name if d else did

    def room_name(self, rid: str) -> str:
        r = self._rooms.get(rid)
        return r.name if r else rid

    def course_title(self, cid: str) -> str:
        c = self._courses.get(cid)
        return c.title if c else cid

    def speaker_name(self, sid: str) -> str:
        if sid.startswith(EXTERNAL_PREFIX):
            return sid[len(EXTERNAL_PREFIX):]
        return self.person_name(sid) or sid

    def names(self, lang: str) -> SessionNames:
        """Courses and sessions by name in ``lang`` (exit exams and teach-backs included)."""
        partners = {(p.seat, p.staff): p.partner for p in self.plan.placements}
        return SessionNames(
            lang,
            course_title=lambda cid: self._courses[cid].title if cid in self._courses else None,
            person=self.person_name, department=self.department_name,
            partner=lambda seat, staff: partners.get((seat, staff), ""))

    def course_parts(self, cid: str) -> int | None:
        c = self._courses.get(cid)
        return c.parts if c else None

    def __post_init__(self) -> None:
        object.__setattr__(self, "_staff", self.problem.staff_by_id())
        object.__setattr__(self, "_departments", {d.id: d for d in self.problem.departments})
        object.__setattr__(self, "_rooms", {r.id: r for r in self.problem.rooms})
        object.__setattr__(self, "_courses", {c.id: c for c in self.problem.courses})


def build_facts(problem: Problem, calendar: WorkCalendar, plan: Plan, violations: int) -> Facts:
    """All figures of the summary; ``violations`` is the independent checker's count."""
    return Facts(
        problem=problem,
        calendar=calendar,
        plan=plan,
        headline=build_headline(problem, plan, violations, tuple(calendar.notes)),
        months=tuple(months_between(dt.date.fromisoformat(plan.horizon_start),
                                    dt.date.fromisoformat(plan.horizon_end))),
        coverage=tuple(department_cover(problem, plan)),
        rooms=tuple(room_utilisation(problem, calendar, plan)),
        speakers=tuple(speaker_load(plan)),
        unmet=tuple(unmet_items(plan)),
        away=tuple(away_periods(plan)),
        holidays=holiday_notes(calendar, plan),
    )
