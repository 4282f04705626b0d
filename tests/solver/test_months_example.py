"""The example hospital's rotations and external study (issue 4's "done when"): its four
rotating doctors each get a valid PROMO sequence with exit exams, both seats go to eligible
people who teach back in time, and the independent check passes (``planned_example`` only
exists when ``planner plan`` exited 0, i.e. with 0 violations)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.inputs import load_problem
from planner.plan import read_plan
from planner.solver.months.seats import eligible
from tests.conftest import EXAMPLE

LENGTHS = {"NK": (3, 4), "WK": (3, 4), "JZ": (2, 3)}
ORDER = ["NK", "WK", "JZ"]


@pytest.fixture(scope="module")
def plan(planned_example: Path):  # noqa: ANN201
    return read_plan(planned_example / "plan")


def _months(start: str, end: str) -> int:
    a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    return (b.year - a.year) * 12 + b.month - a.month + 1


def test_each_rotating_doctor_gets_a_valid_sequence_with_exit_exams(plan) -> None:  # noqa: ANN001
    sessions = {s.id: s for s in plan.sessions}
    by = {}
    for r in plan.rotations:
        by.setdefault(r.staff, []).append(r)
    assert sorted(by) == ["S081", "S095", "S108", "S119"]
    for pid, blocks in by.items():
        blocks.sort(key=lambda r: r.start)
        # S095 did internal medicine (NK) in 2026 (history): only WK and JZ remain.
        expected = ORDER[1:] if pid == "S095" else ORDER
        assert [r.department for r in blocks] == expected, pid
        for a, b in zip(blocks, blocks[1:]):
            assert a.end < b.start
        for r in blocks:
            lo, hi = LENGTHS[r.department]
            assert lo <= _months(r.start, r.end) <= hi
            assert r.start.endswith("-01") and "2027-01-01" <= r.start and r.end <= "2027-12-31"
            exam = sessions[r.exit_exam]
            assert exam.id == f"exit:{r.department}:{r.end[:7]}#1.1"
            assert pid in exam.attendees and exam.category == "exam" and exam.hours == 2
            end = dt.date.fromisoformat(r.end)
            assert end - dt.timedelta(days=6) <= dt.date.fromisoformat(exam.date) <= end


def test_both_seats_go_to_eligible_people_who_teach_back_in_time(plan) -> None:  # noqa: ANN001
    from planner.solver.months.grid import MonthGrid
    from planner.solver.months.model import MonthsModel

    problem = load_problem(EXAMPLE)
    mm = MonthsModel(problem, MonthGrid(problem.settings.horizon_start,
                                        problem.settings.horizon_end))
    seats = {s.id: s for s in problem.seats}
    sessions = {s.id: s for s in plan.sessions}
    assert sorted(p.seat for p in plan.placements) == ["JX1", "JX2"]
    for p in plan.placements:
        seat = seats[p.seat]
        assert p.staff in eligible(mm, seat)
        assert seat.start_earliest.isoformat() <= p.start <= seat.start_latest.isoformat()
        talk = sessions[p.teach_back]
        end = dt.date.fromisoformat(p.end)
        day = dt.date.fromisoformat(talk.date)
        assert end < day <= end + dt.timedelta(weeks=seat.teach_back_weeks)
        assert talk.speaker == p.staff
        away = [s for s in plan.sessions if p.start <= s.date <= p.end]
        assert all(p.staff not in s.attendees and s.speaker != p.staff for s in away)
    credits = {p.seat: p.credits for p in plan.placements}
    assert credits == {"JX1": 25.0, "JX2": 15.0}  # 6 months = the year's credits; 3 × 5


def test_rotations_and_placements_are_written_as_csv(planned_example: Path) -> None:
    for name in ("rotations.csv", "placements.csv"):
        raw = (planned_example / "plan" / name).read_bytes()
        assert raw.startswith("\ufeff".encode())
    text = (planned_example / "plan" / "rotations.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("staff_id,name,department,programme,block")
    assert len(text.splitlines()) == 1 + 11
