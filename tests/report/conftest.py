"""Fixtures: the hand-made plan summarised once per session, and the bundled example's summary
as ``planner plan`` wrote it (the session-wide ``planned_example``; never planned again here)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from planner.domain import Problem
from planner.inputs import load_problem
from planner.plan import Plan, read_plan
from planner.report import write_summary
from planner.workdays import WorkCalendar, build_calendar
from tests.conftest import EXAMPLE
from tests.report import builders


@dataclass(frozen=True)
class Case:
    problem: Problem
    calendar: WorkCalendar
    plan: Plan
    folder: Path  # where summary.html / .xlsx / .md are


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Case:
    p = builders.problem()
    folder = tmp_path_factory.mktemp("tiny-summary")
    case = Case(p, builders.calendar(p), builders.plan(), folder)
    write_summary(case.problem, case.calendar, case.plan, folder, violations=0)
    return case


@pytest.fixture(scope="session")
def tiny_en(tiny: Case, tmp_path_factory: pytest.TempPathFactory) -> Case:
    folder = tmp_path_factory.mktemp("tiny-summary-en")
    write_summary(tiny.problem, tiny.calendar, tiny.plan, folder, violations=0, lang="en")
    return Case(tiny.problem, tiny.calendar, tiny.plan, folder)


@pytest.fixture(scope="session")
def example(planned_example: Path) -> Case:
    p = load_problem(EXAMPLE)
    return Case(p, build_calendar(p.settings, p.holidays), read_plan(planned_example / "plan"),
                planned_example)
