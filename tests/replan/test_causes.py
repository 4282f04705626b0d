"""Naming the input change behind each move, one scenario per kind of change."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.changes import diff_plans, explain_causes
from planner.changes.causes import NO_SNAPSHOT, RE_OPTIMISED
from planner.domain import (
    Department,
    ExternalSeat,
    Grade,
    Problem,
    Role,
    Staff,
    Unavailability,
    Who,
)
from planner.plan import Plan

from tests.calendars import builders

D = dt.date


def with_session(plan: Plan, sid: str, **changes: object) -> Plan:
    return replace(plan, sessions=[replace(s, **changes) if s.id == sid else s
                                   for s in plan.sessions])


def causes(old_inputs: Problem | None, new_inputs: Problem, old: Plan, new: Plan):  # noqa: ANN201
    changes = explain_causes(old_inputs, new_inputs, diff_plans(old, new))
    return ({c.key: c.cause for c in changes.items},
            {(c.staff, c.key): c.cause for c in changes.people})


def test_speaker_on_leave() -> None:
    old_inputs = builders.problem()
    leave = Unavailability("staff", "S001", D(2027, 3, 1), D(2027, 3, 5), "病假")
    new_inputs = replace(old_inputs, unavailability=(leave,))
    old = builders.plan()
    new = with_session(builders.moved(old, "QY#1.1", D(2027, 3, 9)), "QY#1.2",
                       speaker="S003")
    items, people = causes(old_inputs, new_inputs, old, new)
    because = "speaker 王建国 on leave 2027-03-01–2027-03-05 (病假)"
    assert items == {"session:QY#1.1": because, "session:QY#1.2": because}
    assert people[("S002", "session:QY#1.1")] == because
    assert people[("S002", "session:QY#1.2")] == because  # new speaker: moved in S002's feed
    assert people[("S003", "session:QY#1.2")] == because  # now teaches it
    assert people[("S001", "session:QY#1.1")] == "王建国 on leave 2027-03-01–2027-03-05 (病假)"


def test_room_closed_for_a_month() -> None:
    old_inputs = builders.problem()
    closed = Unavailability("room", "R1", D(2027, 8, 1), D(2027, 8, 31))
    new_inputs = replace(old_inputs, unavailability=(closed,))
    old = builders.plan()
    new = with_session(old, "TB#1.1", room="R2")
    items, people = causes(old_inputs, new_inputs, old, new)
    because = "room 学术报告厅 closed 2027-08-01–2027-08-31"
    assert items == {"session:TB#1.1": because}
    assert set(people.values()) == {because}
    assert len(people) == 4  # S004 teaches, S001–S003 attend


def test_a_closure_that_does_not_cover_the_old_date_is_no_direct_cause() -> None:
    old_inputs = builders.problem()
    closed = Unavailability("room", "R1", D(2027, 9, 1), D(2027, 9, 30))
    new_inputs = replace(old_inputs, unavailability=(closed,))
    old = builders.plan()
    items, _ = causes(old_inputs, new_inputs, old, with_session(old, "TB#1.1", room="R2"))
    because = "knock-on of room 学术报告厅 closed 2027-09-01–2027-09-30"
    assert items == {"session:TB#1.1": because}


def test_new_staff_member_and_its_knock_on() -> None:
    old_inputs = builders.problem()
    newcomer = Staff("S005", "赵六", "NK", Role.NURSE, "护士", Grade.JUNIOR, D(2000, 1, 1))
    new_inputs = replace(old_inputs, staff=old_inputs.staff + (newcomer,))
    old = builders.plan()
    # the newcomer takes S002's seat in QY#1.2, S002 goes to QY#1.1 (which she attended anyway)
    new = with_session(old, "QY#1.2", attendees=("S005",))
    items, people = causes(old_inputs, new_inputs, old, new)
    assert items == {}
    assert people == {
        ("S005", "session:QY#1.2"): "new staff member 赵六 (内科)",
        ("S002", "session:QY#1.2"): "knock-on of new staff member 赵六 (内科)",
    }


def test_department_minimum_raised() -> None:
    old_inputs = builders.problem()
    new_inputs = replace(old_inputs, departments=(Department("NK", "内科", 3, 2),
                                                  Department("WK", "外科", 1, 2)))
    old = builders.plan()
    new = with_session(old, "QY#1.1", attendees=("S002", "S004"))  # S003 (内科) stays on duty
    new = replace(new, rotations=[replace(old.rotations[0], start="2027-05-01",
                                          end="2027-06-30")])
    items, people = causes(old_inputs, new_inputs, old, new)
    because = "department 内科 minimum on duty raised from 1 to 3"
    assert items == {"rotation:S003:PROMO:2": because}
    assert people == {("S003", "session:QY#1.1"): because,
                      ("S003", "rotation:S003:PROMO:2"): because}


def test_external_partner_cancels_a_seat() -> None:
    seat = ExternalSeat("JX1", "省人民医院", "心血管内科", D(2027, 5, 1), D(2027, 5, 31), 3, 1,
                        Who("everyone"))
    old_inputs = replace(builders.problem(), seats=(seat,))
    new_inputs = replace(old_inputs, seats=(replace(seat, seats=0),))
    old = builders.plan()
    new = replace(old, placements=[], sessions=[s for s in old.sessions if s.id != "TB#1.1"])
    items, people = causes(old_inputs, new_inputs, old, new)
    because = "external-study seat JX1 at 省人民医院 心血管内科 cancelled"
    assert items == {"placement:S004:JX1": because, "session:TB#1.1": f"knock-on of {because}"}
    assert people[("S004", "placement:S004:JX1")] == because
    assert people[("S004", "session:TB#1.1")] == f"knock-on of {because}"
    assert people[("S001", "session:TB#1.1")] == f"knock-on of {because}"


def test_no_input_change_means_re_optimised() -> None:
    inputs = builders.problem()
    old = builders.plan()
    new = builders.moved(old, "QY#1.2", D(2027, 3, 11))
    items, people = causes(inputs, inputs, old, new)
    assert set(items.values()) == set(people.values()) == {RE_OPTIMISED}


def test_without_a_snapshot_the_cause_is_said_to_be_unknown() -> None:
    old = builders.plan()
    items, people = causes(None, builders.problem(), old,
                           builders.moved(old, "QY#1.2", D(2027, 3, 11)))
    assert set(items.values()) == set(people.values()) == {NO_SNAPSHOT}
