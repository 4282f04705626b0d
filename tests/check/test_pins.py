"""Pins: a session the office fixed is in the plan as fixed."""

from __future__ import annotations

from planner.domain import Pin

from .builders import D, edit, messages, move, problem, valid_plan


def test_pinned_session_on_another_date() -> None:
    plan = move(valid_plan(), "QY#1.1", D(2026, 3, 17), "tue-pm")
    assert messages(problem(), plan) == [
        "QY#1.1 (全院业务学习) is pinned to 2026-03-03, planned on 2026-03-17",
    ]


def test_pinned_session_missing_from_the_plan() -> None:
    p = problem(pins=(Pin("QY", 1, 3, date=D(2026, 3, 3)),))
    assert messages(p, valid_plan()) == ["QY#1.3 (全院业务学习) is pinned but not in the plan"]


def test_pinned_slot_and_room() -> None:
    p = problem(pins=(Pin("QY", 2, 2, slot="tue-pm", room="R2"),))
    assert messages(p, valid_plan()) == [
        "QY#2.2 (全院业务学习) is pinned to room R2, planned in room R1",
        "QY#2.2 (全院业务学习) is pinned to slot tue-pm, planned in slot thu-pm",
    ]


def test_pinned_speaker_overrides_the_topic_row() -> None:
    # The topic row names S001 for session 1, but the office pinned S004 for run 1: S001 is then
    # neither the pinned speaker nor, for this run, an eligible one.
    p = problem(pins=(Pin("QY", 1, 1, date=D(2026, 3, 3), speaker="S004"),))
    assert messages(p, valid_plan()) == [
        "QY#1.1 (全院业务学习) is pinned to speaker S004 (刘洋), planned with S001 (王建国)",
        "QY#1.1 (全院业务学习) on 2026-03-03 16:30: speaker S001 (王建国, 内科) is not eligible "
        "(the pinned speaker is S004 (刘洋))",
    ]


def test_pin_with_only_some_fields_is_kept() -> None:
    p = problem(pins=(Pin("QY", 2, 1, room="R1"), Pin("CPR", 1, 1, date=D(2026, 3, 24))))
    assert messages(p, edit(valid_plan(), "QY#2.2", room="R1")) == []
