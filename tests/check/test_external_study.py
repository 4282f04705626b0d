"""External study (进修): seats, eligibility, dates, caps — and away means away."""

from __future__ import annotations

from dataclasses import replace

from planner.domain import Staff
from planner.plan import Placement, Plan

from . import rotation_builders as rb
from .builders import D, STAFF, drop, edit, messages

TB = f"{rb.TEACH_BACK}#1.1"
AT = "S005 (陈静, 外科) on external study at seat JX 2026-03-01..2026-03-31"


def staff_with(pid: str, **fields: object) -> tuple[Staff, ...]:
    return tuple(replace(s, **fields) if s.id == pid else s  # type: ignore[arg-type]
                 for s in STAFF)


def with_placements(*placements: Placement, drop_teach_back: bool = False,
                    **fields: object) -> Plan:
    plan = rb.valid_plan()
    if drop_teach_back:
        plan = drop(plan, TB)
    return replace(plan, placements=list(placements), **fields)  # type: ignore[arg-type]


def test_valid_plan_keeps_every_external_study_rule() -> None:
    assert messages(rb.problem(), rb.valid_plan(), "external study") == []


def test_seat_must_exist() -> None:
    plan = with_placements(rb.placement(seat="JY"))
    assert ("S005 (陈静, 外科) on external study at seat JY 2026-03-01..2026-03-31: seat JY does "
            "not exist" in messages(rb.problem(), plan, "external study"))


def test_partner_and_specialty_copied_from_the_seat() -> None:
    plan = with_placements(rb.placement(partner="市人民医院"))
    assert messages(rb.problem(), plan, "external study") == [
        f"{AT}: the plan says 市人民医院, 护理; the seat is at 省人民医院, 护理",
    ]


def test_person_must_be_a_candidate() -> None:
    plan = with_placements(rb.placement(staff="S004", teach_back=""), drop_teach_back=True,
                           warnings=["S004 JX"])
    assert ("S004 (刘洋, 外科) on external study at seat JX 2026-03-01..2026-03-31: not a candidate "
            "for seat JX (省人民医院, 护理) (role=nurse)"
            in messages(rb.problem(), plan, "external study"))


def test_minimum_years_of_service_when_known() -> None:
    recent = rb.problem(staff=staff_with("S005", employed_since=D(2025, 9, 1)))
    assert messages(recent, rb.valid_plan(), "external study") == [
        f"{AT}: 0 year(s) of service on 2026-03-01, seat JX (省人民医院, 护理) asks for at least 1",
    ]
    served = rb.problem(staff=staff_with("S005", employed_since=D(2025, 3, 1)))
    assert messages(served, rb.valid_plan(), "external study") == []


def test_start_on_the_first_of_a_month_inside_the_window() -> None:
    plan = with_placements(rb.placement(start="2026-03-02", end="2026-04-01"))
    assert ("S005 (陈静, 外科) on external study at seat JX 2026-03-02..2026-04-01: starts on "
            "2026-03-02, not on the first day of a month inside the seat's start window "
            "2026-03-01..2026-03-31" in messages(rb.problem(), plan, "external study"))


def test_start_on_the_earliest_day_when_the_window_holds_no_first_of_a_month() -> None:
    seat = replace(rb.SEAT, start_earliest=D(2026, 3, 2), start_latest=D(2026, 3, 20))
    p = rb.problem(seats=(seat,))
    late = with_placements(rb.placement(start="2026-03-09", end="2026-04-08"))
    assert ("S005 (陈静, 外科) on external study at seat JX 2026-03-09..2026-04-08: starts on "
            "2026-03-09; the seat's start window 2026-03-02..2026-03-20 holds no first of a "
            "month, so it starts on 2026-03-02" in messages(p, late, "external study"))
    assert (f"{AT}: starts outside the seat's start window 2026-03-02..2026-03-20"
            in messages(p, rb.valid_plan(), "external study"))


def test_end_follows_from_the_start_and_the_seat_length() -> None:
    plan = with_placements(rb.placement(end="2026-03-30"))
    assert ("S005 (陈静, 外科) on external study at seat JX 2026-03-01..2026-03-30: ends on "
            "2026-03-30, but 1 month(s) from 2026-03-01 end on 2026-03-31"
            in messages(rb.problem(), plan, "external study"))


def test_at_most_the_seat_number_of_people() -> None:
    seat = replace(rb.SEAT, candidates=rb.b.EVERYONE)
    plan = with_placements(rb.placement(), rb.placement(staff="S001", teach_back=""),
                           warnings=["S001 JX"])
    assert ("seat JX (省人民医院, 护理) has 1 place(s) but 2 people hold it: S001 (王建国, 内科), "
            "S005 (陈静, 外科)" in messages(rb.problem(seats=(seat,)), plan, "external study"))


def test_one_placement_per_person() -> None:
    other = replace(rb.SEAT, id="JY", start_earliest=D(2026, 4, 1), start_latest=D(2026, 4, 1))
    plan = with_placements(rb.placement(), rb.placement(seat="JY", start="2026-04-01",
                                                        end="2026-04-30", teach_back=""))
    assert ("S005 (陈静, 外科) holds 2 external-study placements; one at most"
            in messages(rb.problem(seats=(rb.SEAT, other)), plan, "external study"))


def test_unfilled_seat_needs_a_warning() -> None:
    plan = with_placements(drop_teach_back=True)
    assert messages(rb.problem(), plan, "external study") == [
        "seat JX (省人民医院, 护理): 0 of 1 place(s) filled, and no warning of the plan says why",
    ]
    warned = replace(plan, warnings=["seat JX (省人民医院 护理): no eligible candidate is free"])
    assert messages(rb.problem(), warned, "external study") == []


def test_no_rotation_block_in_a_month_the_placement_touches() -> None:
    seat = replace(rb.SEAT, candidates=rb.b.EVERYONE, start_earliest=D(2026, 4, 1),
                   start_latest=D(2026, 4, 1))
    plan = with_placements(rb.placement(staff="S003", start="2026-04-01", end="2026-04-30",
                                        teach_back=""), drop_teach_back=True,
                           warnings=["S003 JX: teach-back after the horizon"])
    assert ("S003 (张伟, 内科) on external study at seat JX 2026-04-01..2026-04-30: also in ROT "
            "block 2 in 外科 (WK) in 2026-04" in messages(rb.problem(seats=(seat,)), plan,
                                                         "external study"))


def test_at_most_k_of_one_specialty_away_at_once() -> None:
    seat = replace(rb.SEAT, seats=2, max_away_per_specialty=1)
    staff = tuple(replace(s, specialty="护理") if s.id in ("S002", "S005") else s for s in STAFF)
    p = rb.problem(seats=(seat,), staff=staff)
    plan = with_placements(rb.placement(), rb.placement(staff="S002", teach_back=""),
                           warnings=["S002 JX"])
    assert ("2 people of specialty 护理 are away on external study on 2026-03-01, seat JX (省人民医院, "
            "护理) allows at most 1: S002 (李娜, 内科), S005 (陈静, 外科)"
            in messages(p, plan, "external study"))
    # without a specialty the department stands in: 内科 and 外科 differ, so no cap is reached
    assert not any("specialty" in m for m in messages(rb.problem(seats=(seat,)), plan,
                                                       "external study"))


def test_placement_credit_figure() -> None:
    plan = with_placements(rb.placement(credits=25.0))
    assert messages(rb.problem(), plan, "external study") == [
        f"{AT}: carries 25 credits, expected 5 (5 a month inside the horizon)",
    ]


def test_away_means_away_attending() -> None:
    plan = edit(rb.valid_plan(), "QY#1.1", attendees=("S002", "S004", "S005"))
    assert messages(rb.problem(), plan, "external study") == [
        "QY#1.1 (全院业务学习) on 2026-03-03 16:30: S005 (陈静, 外科) attends it while away on "
        "external study at 省人民医院 (2026-03-01..2026-03-31)",
    ]


def test_away_means_away_teaching() -> None:
    seat = replace(rb.SEAT, candidates=rb.b.EVERYONE)
    plan = with_placements(rb.placement(staff="S001", teach_back=""), warnings=["S001 JX"])
    found = messages(rb.problem(seats=(seat,)), plan, "external study")
    assert ("QY#1.1 (全院业务学习) on 2026-03-03 16:30: S001 (王建国, 内科) teaches it while away "
            "on external study at 省人民医院 (2026-03-01..2026-03-31)" in found)


def test_online_modules_and_recordings_stay_allowed_while_away() -> None:
    # the valid plan gives S005 the online module and QY session 1 by recording
    assert messages(rb.problem(), rb.valid_plan(), "people") == []
