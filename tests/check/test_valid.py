"""The hand-made plan of :mod:`builders` keeps every rule, also after a trip through plan.json."""

from __future__ import annotations

from planner.plan import Plan

from .builders import check, drop, edit, problem, valid_plan


def test_valid_plan_has_no_violations() -> None:
    assert check(problem(), valid_plan()) == []


def test_valid_plan_read_back_from_plan_json_has_no_violations() -> None:
    plan = Plan.from_json(valid_plan().to_json())
    assert check(problem(), plan) == []


def test_violations_are_sorted_by_family_then_message_without_repeats() -> None:
    # One edit breaks rules of seven families: CPR dropped (sessions, hospital rules, people) and
    # QY#1.1 given another room and speaker (rooms, pins, speakers, and the credits it moves; S003
    # then both teaches and attends session 1, counted twice).
    plan = edit(drop(valid_plan(), "CPR#1.1"), "QY#1.1", room="R9", speaker="S003")
    found = check(problem(), plan)
    assert found == sorted(set(found))
    assert [v.rule for v in found] == (
        ["hospital rules"] + ["people"] * 3 + ["pins"] * 2 + ["quotas"] * 6
        + ["rooms", "sessions", "speakers"]
    )


def test_valid_plan_with_rotations_and_external_study_has_no_violations() -> None:
    from . import rotation_builders as rb

    plan = rb.valid_plan()
    assert plan.rotations and plan.placements
    assert check(rb.problem(), plan) == []
    assert check(rb.problem(), Plan.from_json(plan.to_json())) == []
