"""The diagnosis from the solver, rule by rule: minimal, named in the office's words, the same
every time, and every relaxation it offers tried and found to work.

The inputs are folders of the impossible catalogue (``tests/impossible/``), loaded directly."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from planner.explain import Diagnosis, diagnose, explain_inputs, through_timetable
from planner.explain.relax import Relaxation, apply
from planner.inputs import load_problem
from planner.solver.config import SolverConfig
from planner.solver.findings import Finding
from planner.workdays import build_calendar

CATALOGUE = Path(__file__).resolve().parent.parent / "impossible"
CONFIG = SolverConfig(time_limit=2, workers=1)


def load(case: str):  # noqa: ANN201
    p = load_problem(CATALOGUE / case)
    return p, build_calendar(p.settings, p.holidays)


def test_a_clashing_set_is_minimal_two_pins_and_the_room() -> None:
    # Two pins in one room at one time: both pins and the room's one-at-a-time rule, nothing else
    # (the other rule instances of the model — each course's other runs, spreading — are out).
    problem, calendar = load("two-pins-one-room")
    outcome = through_timetable(problem, calendar, CONFIG)
    assert not outcome.ok and outcome.proven
    assert sorted(f.rule for f in outcome.findings) == ["pin", "pin", "rooms"]
    assert {f.course for f in outcome.findings if f.rule == "pin"} == {"YD-01", "GR-01"}
    room = next(f for f in outcome.findings if f.rule == "rooms")
    assert room.rooms == ("R1",) and str(room.day) == "2026-03-10"


def test_each_finding_of_the_set_is_needed() -> None:
    # Minimal: with any one pin gone the rest plans (the other one keeps R1).
    problem, calendar = load("two-pins-one-room")
    for course in ("YD-01", "GR-01"):
        without = replace(problem, pins=tuple(p for p in problem.pins if p.course != course))
        assert through_timetable(without, calendar, CONFIG).ok


def test_every_relaxation_offered_makes_a_plan_possible() -> None:
    for case in ("speakers-all-away", "hospital-rule-year-too-few-runs", "speaker-ward-at-minimum",
                 "two-pins-one-speaker"):
        problem, calendar = load(case)
        _, diagnosis = explain_inputs(problem, calendar, CONFIG)
        assert diagnosis is not None and diagnosis.fixes, case
        for r in diagnosis.fixes:
            assert through_timetable(apply(problem, r), calendar, CONFIG).ok, (case, r)


def test_a_numeric_relaxation_is_the_mildest_that_works() -> None:
    # 3 skills sessions a year, one course of one session: repeats 0 → 2 (not 1, not 3); the rule
    # 3 → 1 (2 would still be one too many).
    problem, calendar = load("hospital-rule-year-too-few-runs")
    _, diagnosis = explain_inputs(problem, calendar, CONFIG)
    assert diagnosis is not None
    assert Relaxation("repeats", course="CPR", old=0, new=2) in diagnosis.fixes
    assert Relaxation("rule-minimum", rule_index=0, old=3, new=1) in diagnosis.fixes
    bigger = apply(problem, Relaxation("repeats", course="CPR", old=0, new=1))
    assert not through_timetable(bigger, calendar, CONFIG).ok


def test_the_same_inputs_give_the_same_diagnosis() -> None:
    problem, calendar = load("topic-speaker-away-in-its-month")
    a = explain_inputs(problem, calendar, CONFIG)[1]
    b = explain_inputs(problem, calendar, CONFIG)[1]
    assert a is not None and b is not None
    assert a.findings == b.findings and a.fixes == b.fixes
    assert a.lines(problem) == b.lines(problem) and a.lines(problem, "en") == b.lines(problem, "en")


def test_sessions_without_a_time_are_separate_conflicts_and_a_change_may_lift_one() -> None:
    # Two courses, each without a time for its own reason: one's window is the Qingming weekend,
    # the other's only speaker is on leave all term. No single change plans both; widening the
    # window lifts the first conflict, the speaker's return the second — both are said so.
    import datetime as dt

    from planner.domain import Unavailability, Who

    problem, calendar = load("window-over-holiday")
    yd = problem.courses[0]
    other = replace(yd, id="YD-02", title="医德医风专题讲座（二）", window_start=None,
                    window_end=None, speakers=Who("id=S07", ids=frozenset({"S07"})))
    leave = Unavailability("staff", "S07", dt.date(2026, 3, 1), dt.date(2026, 5, 31), "病假")
    both = replace(problem, courses=(yd, other), unavailability=(leave,))
    outcome = through_timetable(both, calendar, CONFIG)
    assert not outcome.ok and {f.course for f in outcome.findings} == {"YD-01", "YD-02"}
    diagnosis = diagnose(both, calendar, CONFIG, outcome.findings)
    assert diagnosis.independent and not diagnosis.fixes
    kinds = {r.kind for r in diagnosis.partial}
    assert {"free", "window-end"} <= kinds, diagnosis.partial
    text = "\n".join(diagnosis.lines(both, "en"))
    assert "These changes lift one of the conflicts above (others remain):" in text
    assert "赵敏 (S07) available 2026-03-01..2026-05-31 (on leave now: 病假)" in text


def test_a_search_out_of_time_is_not_called_impossible() -> None:
    problem, _ = load("two-pins-one-room")
    d = Diagnosis([Finding("limit", text="timetable")])
    assert not d.proven
    lines = d.lines(problem, "en")
    assert lines[0].startswith("No plan was found within the time limit (this is not a proof")
    assert "Raise --time-limit" in lines[-1]
