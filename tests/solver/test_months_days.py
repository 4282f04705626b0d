"""The months respect what the sessions they bring need (:mod:`planner.solver.months.days`,
``leave``, ``exams``, the teach-back part of ``seats``): one rule a test, on the tiny hospitals of
``months_builders`` (horizon 2026-01..2026-06; H: 6 juniors, minimum 3; A, B: 4 intermediates,
minimum 2; C: 2, minimum 1; slots Tue 16:30–18:00, Fri 15:30–17:30).

The last 7 days of January 2026 hold Tue 27 (1.5 h) and Fri 30 (2 h); of February Tue 24 and
Fri 27. A one-month block of ``P`` (exit exams of 1.5 h) starts in January when nothing stands in
the way (earliest start), so each rule shows as the block moving to February or later. Each case
is planned twice — by the search and by the constructive plan (:mod:`.greedy`), which must keep
the same rules — and the constructive plan is checked to be a complete, feasible hint.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.domain import (
    DayKind,
    Grade,
    HolidayRow,
    Problem,
    Slot,
    Unavailability,
)
from planner.solver.months import build, greedy, solve_months
from planner.solver.months.derive import derive
from planner.solver.months.result import MonthsResult, Stay
from planner.solver.replan.past import PastWork
from planner.plan import RotationBlock
from planner.solver.solve import solve
from planner.workdays import build_calendar
from tests.solver.months_builders import (
    CONFIG,
    D,
    block,
    departments,
    hospital,
    person,
    programme,
    seat,
    staff,
    who_ids,
)
from tests.solver.test_months_greedy import assert_hint_is_a_solution


def leave(pid: str, start: dt.date, end: dt.date) -> Unavailability:
    return Unavailability("staff", pid, start, end, "假")


def calendar(p: Problem):  # noqa: ANN201
    return build_calendar(p.settings, p.holidays, estimate=False)


def both(p: Problem) -> list[list[tuple[str, str, int, int]]]:
    """The (person, department, first, last month) stays of the search's plan and of the
    constructive plan (whose hint must be complete and feasible)."""
    cal = calendar(p)
    r = solve_months(p, CONFIG, None, cal)
    assert r.ok, r.explanation
    mm = build(p, None, cal)
    g = greedy.construct(mm)
    assert g.valid
    assert_hint_is_a_solution(mm, g)
    found = sorted((s.pid, s.dept, s.first, s.last) for s in r.stays)
    built = sorted((o.pid, o.dept, g.stays[o.present.index][0],
                    sum(g.stays[o.present.index]) - 1)
                   for o in mm.options if o.present.index in g.stays)
    return [found, built]


def one_block(**kw) -> Problem:  # noqa: ANN003
    """H0 needs one month in A (exit exam 1.5 h)."""
    kw.setdefault("programmes", (programme(participants=who_ids("H0")),))
    return hospital(blocks=(block(1, "A"),), **kw)


def test_without_anything_in_the_way_the_block_takes_january() -> None:
    assert both(one_block()) == [[("H0", "A", 0, 0)]] * 2


# --- leave months (issue 13, item 5) ------------------------------------------------------------


def test_no_block_in_a_month_its_rotator_is_mostly_on_leave() -> None:
    # One person, one 1-month block, January–March, leave January–February: March.
    p = one_block(programmes=(programme(participants=who_ids("H0"), start=D(2026, 1, 1),
                                        end=D(2026, 3, 31)),),
                  unavailability=(leave("H0", D(2026, 1, 1), D(2026, 2, 28)),))
    assert both(p) == [[("H0", "A", 2, 2)]] * 2


def test_a_few_days_of_leave_inside_a_block_are_fine() -> None:
    # 5 of January's 21 working days: still January.
    p = one_block(unavailability=(leave("H0", D(2026, 1, 5), D(2026, 1, 9)),))
    assert both(p) == [[("H0", "A", 0, 0)]] * 2


def test_a_block_inside_a_whole_leave_is_not_planned_and_says_so() -> None:
    p = one_block(unavailability=(leave("H0", D(2026, 1, 1), D(2026, 6, 30)),))
    r = solve_months(p, CONFIG, None, calendar(p))
    assert r.stays == []
    assert any("H0" in w and "on leave for more than half of the working days "
               "of 2026-01..2026-06" in w for w in r.warnings)


# --- exit exams: what the calendar and leave tell -----------------------------------------------


def test_a_block_does_not_end_while_its_rotator_is_away_the_whole_last_week() -> None:
    # 4a: H0 on leave 01-26..01-31 (both exam days of January).
    p = one_block(unavailability=(leave("H0", D(2026, 1, 26), D(2026, 1, 31)),))
    assert both(p) == [[("H0", "A", 1, 1)]] * 2


def test_a_block_does_not_end_while_every_examiner_is_away() -> None:
    # 4b: all four of A (intermediate) at a conference in January's last week.
    away = tuple(leave(f"A{i}", D(2026, 1, 26), D(2026, 1, 30)) for i in range(4))
    assert both(one_block(unavailability=away)) == [[("H0", "A", 1, 1)]] * 2


def test_a_block_does_not_end_in_a_week_without_a_slot_long_enough() -> None:
    # 4c: a 2 h exam needs the Friday slot; Friday 01-30 is a holiday.
    two_hours = replace(programme(participants=who_ids("H0")), exam_hours=2.0)
    p = one_block(programmes=(two_hours,),
                  holidays=(HolidayRow(D(2026, 1, 30), DayKind.HOLIDAY, "院庆"),))
    assert both(p) == [[("H0", "A", 1, 1)]] * 2


def test_a_longer_block_ends_where_its_exam_can_be_held() -> None:
    # 1–2 months from January: January's exam is impossible, so the block runs January–
    # February rather than waiting (the earliest start, at the shortest length that ends well).
    p = hospital(programmes=(programme(participants=who_ids("H0")),),
                 blocks=(block(1, "A", lo=1, hi=2),),
                 unavailability=(leave("H0", D(2026, 1, 26), D(2026, 1, 31)),))
    assert both(p) == [[("H0", "A", 0, 1)]] * 2


# --- exit exams: what the plan decides ----------------------------------------------------------


def test_an_examiner_away_on_external_study_cannot_examine() -> None:
    # A's only intermediate is A0, who holds seat S1 January–February (the seat is filled
    # first): H0's block in A cannot end in January or February.
    people = tuple(p for p in staff() if p.department != "A") + (
        person("A0", "A"), *(person(f"A{i}", "A", Grade.JUNIOR) for i in (1, 2, 3)))
    p = one_block(staff=people, seats=(seat(candidates=who_ids("A0"),
                                            start_earliest=D(2026, 1, 1),
                                            start_latest=D(2026, 1, 1), months=2),))
    assert both(p) == [[("H0", "A", 2, 2)]] * 2


def test_an_examiner_in_a_rotation_block_cannot_examine() -> None:
    # A0, A's only examiner, must rotate in B in January: H0's block in A ends in February.
    people = tuple(p for p in staff() if p.department != "A") + (
        person("A0", "A"), *(person(f"A{i}", "A", Grade.JUNIOR) for i in (1, 2, 3)))
    q = programme("Q", participants=who_ids("A0"), start=D(2026, 1, 1), end=D(2026, 1, 31),
                  exit_exam=False)
    p = hospital(staff=people, programmes=(programme(participants=who_ids("H0")), q),
                 blocks=(block(1, "A"), block(1, "B", programme_id="Q")))
    found, built = both(p)
    assert found == [("A0", "B", 0, 0), ("H0", "A", 1, 1)]
    # The constructive plan takes H0 first (programme order) and then keeps A0 home rather than
    # take January's examiner: fewer blocks, the same rule.
    assert built == [("H0", "A", 0, 0)]


def test_the_ward_can_spare_the_examiner_and_the_finisher() -> None:
    # 4d: A (minimum 3; rotators count) has 4 + H0 on duty, but A1 is on leave in January's last
    # week: 4 on duty, less the examiner and H0 is 2 < 3. In February nobody is away.
    p = one_block(departments=tuple(replace(d, min_on_duty=3) if d.id == "A" else d
                                    for d in departments()),
                  unavailability=(leave("A1", D(2026, 1, 26), D(2026, 1, 31)),))
    assert both(p) == [[("H0", "A", 1, 1)]] * 2


def test_finishers_sitting_one_exam_need_a_common_day() -> None:
    # H0 is free only on Tue 01-27, H1 only on Fri 01-30: they cannot both finish in A in
    # January (one exam for both); one does, the other in February.
    p = hospital(programmes=(programme(),), blocks=(block(1, "A"),),
                 departments=departments(cap_a=2),
                 unavailability=(leave("H0", D(2026, 1, 30), D(2026, 1, 30)),
                                 leave("H1", D(2026, 1, 27), D(2026, 1, 27))))
    for stays in both(p):
        assert sorted(s[2] for s in stays) == [0, 1], stays


def test_two_departments_exams_do_not_share_a_weeks_only_slot() -> None:
    # One slot a week (Friday) and one room: H0 finishing in A and H1 finishing in B cannot both
    # end in January (one exam on Fri 01-30 at most); one does, the other in February.
    friday = (Slot("fri", 4, dt.time(15, 30), dt.time(17, 30)),)
    p = hospital(programmes=(programme(participants=who_ids("H0")),
                             programme("Q", participants=who_ids("H1"))),
                 blocks=(block(1, "A"), block(1, "B", programme_id="Q")),
                 settings={"slots": friday})
    for stays in both(p):
        assert sorted((s[1], s[2]) for s in stays) in ([("A", 0), ("B", 1)],
                                                       [("A", 1), ("B", 0)]), stays
    roomy = replace(p, rooms=(*p.rooms, replace(p.rooms[0], id="R2")))
    assert both(roomy) == [[("H0", "A", 0, 0), ("H1", "B", 0, 0)]] * 2  # two rooms: both


# --- teach-back ---------------------------------------------------------------------------------


def test_a_seat_is_not_given_to_someone_on_leave_through_the_teach_back_window() -> None:
    # 4e: February–April, teach-back within 4 weeks (May 1–28); A0, first in staff-id order, is
    # on leave all May: A1 goes instead.
    p = hospital(seats=(seat(),), unavailability=(leave("A0", D(2026, 5, 1), D(2026, 5, 31)),))
    cal = calendar(p)
    r = solve_months(p, CONFIG, None, cal)
    assert [(a.pid, a.start) for a in r.placements] == [("A1", D(2026, 2, 1))]
    g = greedy.construct(build(p, None, cal))
    assert g.valid and len(g.held) == 1
    without = solve_months(replace(p, unavailability=()), CONFIG, None, cal)
    assert [a.pid for a in without.placements] == ["A0"]


def test_a_teach_back_window_past_the_horizon_asks_for_nothing() -> None:
    # April–June: the window lies after the horizon; A0's leave in late June changes nothing.
    p = hospital(seats=(seat(start_earliest=D(2026, 4, 1), start_latest=D(2026, 4, 1)),),
                 unavailability=(leave("A0", D(2026, 6, 20), D(2026, 6, 30)),))
    r = solve_months(p, CONFIG, None, calendar(p))
    assert [a.pid for a in r.placements] == ["A0"]


# --- derive's words (class 8) ------------------------------------------------------------------


def test_an_exam_no_slot_can_hold_is_named_as_such_not_as_leave() -> None:
    # A block (as a re-plan may keep one) ending in a week whose slots are all shorter than the
    # exam: the words name the slot, not anyone's leave.
    long_exam = replace(programme(participants=who_ids("H0")), exam_hours=2.5)
    p = one_block(programmes=(long_exam,))
    stay = Stay("H0", long_exam, 1, "A", 0, 0, D(2026, 1, 1), D(2026, 1, 31))
    out = derive(p, calendar(p), MonthsResult("FEASIBLE", stays=[stay]))
    [(cid, _, why)] = out.unplanned_exams
    assert cid == "exit:A:2026-01"
    assert why == ("exit exam of 甲科 (A) for 2026-01 (H0 名H0): no working-day slot of 2.5 h "
                   "with a room open in 2026-01-25..2026-01-31; no exam planned")


def test_exam_dates_are_the_days_the_ward_can_spare_the_examiner_and_finisher() -> None:
    # A (minimum 3) with A1 on leave on Tue 01-27 only: the exam may be on Fri 01-30 only.
    p = one_block(departments=tuple(replace(d, min_on_duty=3) if d.id == "A" else d
                                    for d in departments()),
                  unavailability=(leave("A1", D(2026, 1, 27), D(2026, 1, 27)),))
    cal = calendar(p)
    r = solve_months(p, CONFIG, None, cal)
    assert [(s.pid, s.first) for s in r.stays] == [("H0", 0)]
    exam = next(c for c in derive(p, cal, r).problem.courses if c.id == "exit:A:2026-01")
    assert exam.dates == (D(2026, 1, 30),)


# --- re-planning: facts stay facts --------------------------------------------------------------


def test_a_begun_block_over_new_leave_is_kept_and_its_impossible_exam_named() -> None:
    # Published: H0 in A January–February, begun before the 02-01 freeze. H0 is now on leave from
    # 02-16 to the end of February: the block is a fact (kept whatever the leave), and its exam
    # has no day — the plan is refused with the cause in words.
    p = hospital(programmes=(programme(participants=who_ids("H0")),),
                 blocks=(block(1, "A", lo=2, hi=2),),
                 unavailability=(leave("H0", D(2026, 2, 16), D(2026, 2, 28)),))
    past = PastWork(freeze_until=D(2026, 2, 1),
                    rotations=[RotationBlock("H0", "P", 1, "A", "2026-01-01", "2026-02-28")])
    cal = calendar(p)
    r = solve_months(p, CONFIG, past, cal)
    assert [(s.pid, s.first, s.last) for s in r.stays] == [("H0", 0, 1)]
    result = solve(p, cal, CONFIG, past=past)
    assert result.status == "INFEASIBLE"
    assert ("  - exit exam of 甲科 (A) for 2026-02 (H0 名H0): on leave on every working day "
            "with a slot of 1.5 h in 2026-02-22..2026-02-28: H0 名H0; no exam planned"
            in result.explanation)


def test_a_programme_without_exit_exams_ignores_exam_days() -> None:
    p = one_block(programmes=(programme(participants=who_ids("H0"), exit_exam=False),),
                  unavailability=(leave("H0", D(2026, 1, 26), D(2026, 1, 31)),))
    assert both(p) == [[("H0", "A", 0, 0)]] * 2
