"""The solver's view of a re-plan: what the freeze date keeps, and the lower bound on changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.domain import ExternalSeat, Unavailability, Who
from planner.solver.replan.bound import lower_bound
from planner.solver.replan.past import past_work

from tests.calendars import builders

D = dt.date


def tiny():  # noqa: ANN201
    """The tiny hospital with the seat its plan places S004 at (JX1, May–July 2027): without
    it the lower bound rightly counts that placement and its teach-back as forced to go."""
    seat = ExternalSeat("JX1", "省人民医院", "心血管内科", D(2027, 5, 1), D(2027, 5, 1), 3, 1,
                        Who("everyone"))
    return replace(builders.problem(), seats=(seat,))


def attended(plan):  # noqa: ANN001, ANN201 — the ledger's view when nobody signed otherwise
    return {s.id: s.attendees for s in plan.sessions}


def test_sessions_before_the_freeze_date_are_kept_with_the_ledgers_attendees() -> None:
    plan = builders.plan()
    ledger = attended(plan) | {"QY#1.1": ("S002", "S004")}  # S003 signed as absent
    work = past_work(plan, ledger, D(2027, 3, 10))
    assert [s.id for s in work.sessions] == ["QY#1.1", "QY#1.2"]
    assert work.sessions[0].attendees == ("S002", "S004")
    assert work.done["S002"] == {("QY", 1)}
    assert "S003" not in work.done  # absent: QY part 1 is still asked of S003
    assert work.runs_done == {("QY", 1): {1, 2}}
    assert work.closed_parts == {("QY", 1)}  # both runs held: no new run of part 1
    assert sorted(work.future) == ["EX#1.1", "QY#2.1", "TB#1.1"]
    assert work.future["QY#2.1"].date == D(2027, 3, 16) and work.future["QY#2.1"].room == "R1"


def test_a_part_with_runs_on_both_sides_of_the_freeze_stays_open() -> None:
    work = past_work(builders.plan(), attended(builders.plan()), D(2027, 3, 3))
    assert [s.id for s in work.sessions] == ["QY#1.1"]
    assert work.runs_done == {("QY", 1): {1}}
    assert work.closed_parts == frozenset()


def test_hospital_rules_count_sessions_held() -> None:
    work = past_work(builders.plan(), attended(builders.plan()), D(2027, 5, 1))
    assert work.held("lecture") == 3
    assert work.held("lecture", 2027, 3) == 3 and work.held("lecture", 2027, 4) == 0


def test_no_change_forced_when_the_inputs_did_not_change() -> None:
    work = past_work(builders.plan(), attended(builders.plan()), D(2027, 3, 10))
    bound = lower_bound(work, tiny())
    assert (bound.sessions, bound.person_events) == (0, 0)


def test_a_speakers_leave_forces_their_session_to_change_for_everyone_who_sees_it() -> None:
    problem = tiny()
    problem = replace(problem, unavailability=(
        Unavailability("staff", "S004", D(2027, 8, 1), D(2027, 8, 31), "病假"),))
    work = past_work(builders.plan(), attended(builders.plan()), D(2027, 3, 10))
    bound = lower_bound(work, problem)
    # EX#1.1 (29 April) is outside the leave; TB#1.1 on 10 August: speaker + 3 attendees
    assert (bound.sessions, bound.person_events) == (1, 4)
    assert bound.reasons == ("TB#1.1: speaker S004 unavailable on 2027-08-10",)


def test_a_closed_room_and_an_attendee_on_leave_are_counted() -> None:
    problem = tiny()
    problem = replace(problem, unavailability=(
        Unavailability("room", "R1", D(2027, 3, 1), D(2027, 3, 31), "装修"),
        Unavailability("staff", "S003", D(2027, 4, 29), D(2027, 4, 29), "事假"),
    ))
    work = past_work(builders.plan(), attended(builders.plan()), D(2027, 3, 10))
    bound = lower_bound(work, problem)
    # QY#2.1 in R1 on 16 March: 3 attendees (the speaker is external) see it change; EX#1.1
    # may stay where it is, but S003, away that day, loses it
    assert (bound.sessions, bound.person_events) == (1, 4)


def test_sessions_before_the_freeze_never_count_as_forced() -> None:
    problem = replace(tiny(), unavailability=(
        Unavailability("room", "R1", D(2027, 3, 1), D(2027, 3, 31), "装修"),))
    work = past_work(builders.plan(), attended(builders.plan()), D(2027, 4, 1))
    assert lower_bound(work, problem).sessions == 0
