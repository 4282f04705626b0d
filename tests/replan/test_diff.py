"""Counting changes in two units: changed sessions and changed person-events."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.changes import diff_plans
from planner.plan import Placement, Plan, RotationBlock

from tests.calendars import builders


def with_session(plan: Plan, sid: str, **changes: object) -> Plan:
    return replace(plan, sessions=[replace(s, **changes) if s.id == sid else s
                                   for s in plan.sessions])


def test_identical_plans_have_no_changes() -> None:
    changes = diff_plans(builders.plan(), builders.plan())
    assert (changes.changed_sessions, changes.changed_person_events) == (0, 0)


def test_a_moved_session_is_one_session_and_one_person_event_per_person_who_sees_it() -> None:
    old = builders.plan()
    new = builders.moved(old, "QY#1.1", dt.date(2027, 3, 9))
    changes = diff_plans(old, new)
    assert [(c.key, c.change, c.fields) for c in changes.items] == [
        ("session:QY#1.1", "moved", ("time",))]
    # S001 teaches it; S002, S003, S004 attend it
    assert [(c.staff, c.change, c.role_after) for c in changes.people] == [
        ("S001", "moved", "teaches"), ("S002", "moved", "attends"),
        ("S003", "moved", "attends"), ("S004", "moved", "attends")]


def test_a_new_speaker_moves_the_event_for_attendees_and_swaps_it_between_speakers() -> None:
    old = builders.plan()
    new = with_session(old, "QY#1.2", speaker="S003")
    changes = diff_plans(old, new)
    assert [(c.key, c.fields) for c in changes.items] == [("session:QY#1.2", ("speaker",))]
    assert [(c.staff, c.change) for c in changes.people] == [
        ("S001", "removed"), ("S002", "moved"), ("S003", "added")]


def test_a_person_moved_from_cohort_3_to_cohort_5_is_two_person_events_and_no_session() -> None:
    old = builders.plan()
    cohorts = [builders.session(f"CPR#1.{run}", dt.date(2027, 5, run), "R2", "S001",
                                ("S002",) if run == 3 else ("S003",), title="心肺复苏",
                                category="skills") for run in (3, 5)]
    old = replace(old, sessions=old.sessions + cohorts)
    new = with_session(with_session(old, "CPR#1.3", attendees=()), "CPR#1.5",
                       attendees=("S002", "S003"))
    changes = diff_plans(old, new)
    assert changes.changed_sessions == 0
    assert [(c.staff, c.key, c.change) for c in changes.people] == [
        ("S002", "session:CPR#1.3", "removed"), ("S002", "session:CPR#1.5", "added")]
    assert changes.changed_person_events == 2


def test_attending_instead_of_teaching_is_a_moved_person_event() -> None:
    old = builders.plan()
    new = with_session(old, "QY#1.2", speaker="S003", attendees=("S002", "S001"))
    people = {(c.staff, c.change, c.role_before, c.role_after) for c in diff_plans(old, new).people}
    assert ("S001", "moved", "teaches", "attends") in people


def test_rotation_blocks_and_placements_changed_added_removed() -> None:
    old = builders.plan()
    new = replace(old, rotations=[
        RotationBlock("S003", "PROMO", 2, "WK", "2027-05-01", "2027-06-30", "EX#1.1"),
        RotationBlock("S002", "PROMO", 1, "WK", "2027-09-01", "2027-10-31"),
    ], placements=[])
    changes = diff_plans(old, new)
    assert [(c.key, c.change, c.fields) for c in changes.items] == [
        ("placement:S004:JX1", "removed", ()),
        ("rotation:S002:PROMO:1", "added", ()),
        ("rotation:S003:PROMO:2", "moved", ("time",)),
    ]
    assert [(c.staff, c.key, c.change) for c in changes.people] == [
        ("S002", "rotation:S002:PROMO:1", "added"),
        ("S003", "rotation:S003:PROMO:2", "moved"),
        ("S004", "placement:S004:JX1", "removed"),
    ]


def test_a_rotation_in_another_department_changes_its_place() -> None:
    old = builders.plan()
    new = replace(old, rotations=[replace(old.rotations[0], department="NK")],
                  placements=[replace(old.placements[0], partner="市医院")])
    assert {(c.key, c.fields) for c in diff_plans(old, new).items} == {
        ("rotation:S003:PROMO:2", ("department",)), ("placement:S004:JX1", ("partner",))}


def test_an_added_and_a_removed_session() -> None:
    old = builders.plan()
    extra = builders.session("QY#3.1", dt.date(2027, 6, 1), "R1", "ext:专家", ("S002",))
    new = replace(old, sessions=[s for s in old.sessions if s.id != "QY#1.2"] + [extra])
    changes = diff_plans(old, new)
    assert [(c.key, c.change) for c in changes.items] == [
        ("session:QY#1.2", "removed"), ("session:QY#3.1", "added")]
    # QY#1.2: S001 taught, S002 attended; QY#3.1: S002 attends (the speaker is external)
    assert sorted((c.staff, c.key, c.change) for c in changes.people) == [
        ("S001", "session:QY#1.2", "removed"), ("S002", "session:QY#1.2", "removed"),
        ("S002", "session:QY#3.1", "added")]


def test_placement_start_is_its_time() -> None:
    old = builders.plan()
    new = replace(old, placements=[Placement("S004", "JX1", "省人民医院", "心血管内科",
                                             "2027-06-01", "2027-08-31", "TB#1.1", 15.0)])
    assert [c.fields for c in diff_plans(old, new).items] == [("time",)]
