"""The changes offered for what the months left unplanned (:mod:`planner.explain.months`): each
one tried, mildest first, the trials bounded — and a large hospital's trials on the constructive
plan, keeping what the run planned.

The inputs are folders of the warned catalogue (``tests/warned/``), loaded directly."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from planner.domain import RotationPlaces, Unavailability
from planner.explain import months as advice
from planner.explain.relax import Relaxation, apply
from planner.inputs import load_problem
from planner.solver.config import SolverConfig
from planner.solver.months import solve_months
from planner.solver.months.avoid import Avoid
from planner.solver.months.result import MonthsResult
from planner.workdays import build_calendar

WARNED = Path(__file__).resolve().parent.parent / "warned"
CONFIG = SolverConfig(time_limit=2, workers=1)


def advise(case: str, lang: str | None = None):  # noqa: ANN201
    problem = load_problem(WARNED / case)
    calendar = build_calendar(problem.settings, problem.holidays)
    months = solve_months(problem, CONFIG, None, calendar)
    out = advice.advise(problem, calendar, CONFIG, months)
    return problem, months, out, out.words(problem, lang)


def test_a_full_ward_is_offered_one_more_rotator_and_it_plans_the_block() -> None:
    problem, months, out, words = advise("rotation-capacity", "en")
    [gap] = months.gaps
    assert gap.needs == (("S03", "PROMO", 1),) and gap.full == ("JZ",)
    [offer] = out.offers
    assert offer.relaxation == Relaxation("capacity", dept="JZ", old=1, new=2)
    assert words == {gap.warning: ["raise 急诊科's rotator capacity from 1 to 2 a month"]}
    assert out.tried == 1  # the mildest candidate worked: nothing else tried
    calendar = build_calendar(problem.settings, problem.holidays)
    again = solve_months(apply(problem, offer.relaxation), CONFIG, None, calendar)
    assert not again.gaps and {s.pid for s in again.stays} == {"S03", "S09"}


def test_a_long_leave_is_shortened_by_the_months_the_block_needs() -> None:
    _, _, out, words = advise("leave-every-month")
    [offer] = out.offers
    r = offer.relaxation
    assert (r.kind, r.person, r.lo, r.hi, r.old) == (
        "shorten-leave", "S03", dt.date(2026, 3, 1), dt.date(2026, 3, 31),
        (dt.date(2026, 3, 1), dt.date(2026, 5, 31)))
    assert list(words.values()) == [
        ["张伟（S03）在 2026-03-01 至 2026-03-31 能到岗（原为 2026-03-01 至 2026-05-31 请假：产假）"]]


def test_shortening_a_leave_in_its_middle_leaves_two_rows() -> None:
    problem = load_problem(WARNED / "leave-every-month")
    r = Relaxation("shorten-leave", person="S03", lo=dt.date(2026, 4, 1),
                   hi=dt.date(2026, 4, 30), old=(dt.date(2026, 3, 1), dt.date(2026, 5, 31)))
    assert [(u.start, u.end, u.reason) for u in apply(problem, r).unavailability] == [
        (dt.date(2026, 3, 1), dt.date(2026, 3, 31), "产假"),
        (dt.date(2026, 5, 1), dt.date(2026, 5, 31), "产假")]
    other = replace(problem, unavailability=(*problem.unavailability, Unavailability(
        "staff", "S04", dt.date(2026, 3, 1), dt.date(2026, 5, 31))))
    assert len(apply(other, r).unavailability) == 3  # another person's leave is left alone


def test_the_trials_stop_at_the_plans_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two changes work for the finisher on leave (lift the leave, or no exit exam): with one
    # trial allowed, only the mildest is tried and offered.
    _, _, out, _ = advise("exit-exam-finisher-on-leave")
    assert out.tried == 2 and [o.relaxation.kind for o in out.offers] == ["free", "exit-exam"]
    monkeypatch.setattr(advice, "MAX_TRIALS", 1)
    _, _, out, _ = advise("exit-exam-finisher-on-leave")
    assert out.tried == 1 and [o.relaxation.kind for o in out.offers] == ["free"]


def test_a_large_hospital_gets_fewer_trials_and_none_at_ten_thousand_staff() -> None:
    def size(n: int) -> MonthsResult:
        return MonthsResult("FEASIBLE", stats={"months_variables": n})

    assert advice.budget(size(291)) == advice.MAX_TRIALS  # the example's size
    assert advice.budget(size(32_432)) == 12  # 1,000 staff
    assert advice.budget(size(103_433)) == 3  # 3,000 staff
    assert advice.budget(size(914_000)) == 0  # 10,000 staff
    around = Avoid(everything=True)  # each trial would run the timetable too
    assert advice.budget(size(291), around) == advice.MAX_TIMETABLE_TRIALS
    assert advice.budget(size(32_432), around) == 0


def test_on_a_large_model_a_trial_is_the_constructive_plan_keeping_the_runs_months(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Forced down the large-model path: the same change found, on the constructive plan that
    # keeps S09's block first (it still fits) and then places S03.
    monkeypatch.setattr(advice, "SEARCH_COMPLETE_MAX_VARIABLES", 0)
    _, _, out, words = advise("rotation-capacity")
    assert [o.relaxation for o in out.offers] == [Relaxation("capacity", dept="JZ", old=1, new=2)]
    assert list(words.values()) == [["把急诊科每月可接收的轮转人员从 1 名增至 2 名"]]


def test_nothing_unplanned_costs_no_trial() -> None:
    _, months, out, words = advise("series-order-leave")
    assert not months.gaps and out.tried == 0 and words == {}


def test_a_ward_whose_places_are_set_month_by_month_is_offered_more_places() -> None:
    # rotation_capacity.csv gives 急诊科 one place a month over the horizon (its own capacity
    # says five): the places are raised, not the capacity the rows override.
    problem = load_problem(WARNED / "rotation-capacity")
    problem = replace(
        problem,
        departments=tuple(replace(d, rotator_capacity=5) if d.id == "JZ" else d
                          for d in problem.departments),
        rotation_places=(RotationPlaces("JZ", dt.date(2026, 3, 1), dt.date(2026, 5, 31),
                                        capacity=1),))
    calendar = build_calendar(problem.settings, problem.holidays)
    months = solve_months(problem, CONFIG, None, calendar)
    [warning] = months.warnings  # full by its places (it once said the search had stopped)
    assert "急诊科每月最多接收 1 名轮转人员" in warning and "急诊科 2026-03 至 2026-04 已满" in warning
    out = advice.advise(problem, calendar, CONFIG, months)
    assert [o.relaxation.kind for o in out.offers] == ["rotation-capacity"]
    assert list(out.words(problem).values()) == [
        ["把急诊科在 2026-03-01 至 2026-05-31 的轮转容量从每月 1 人增至 2 人"]]
