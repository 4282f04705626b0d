"""Rotations (轮转): blocks match the programme, whole months, in order, within capacity."""

from __future__ import annotations

from dataclasses import replace

from planner.domain import Department, Discipline, HistoryRow, ProgrammeBlock, RotationPlaces
from planner.plan import Missed

from . import rotation_builders as rb
from .builders import D, drop, messages

EXIT = f"{rb.EXIT}#1.1"
BOTH_TAKE_ROTATORS = (Department("NK", "内科", 1, rotator_capacity=1),
                      Department("WK", "外科", 1, rotator_capacity=1))
NO_HISTORY = rb.problem().history[:-1]  # block 1 (内科) not done last year


def with_blocks(*blocks):  # type: ignore[no-untyped-def]
    return replace(rb.valid_plan(), rotations=list(blocks))


def test_valid_rotation_plan_keeps_every_rotation_rule() -> None:
    assert messages(rb.problem(), rb.valid_plan(), "rotations") == []


def test_block_for_someone_outside_the_programme() -> None:
    plan = with_blocks(rb.block(), rb.block(staff="S006", exit_exam=EXIT))
    assert ("S006 (赵磊, 外科): 住院医师轮转 (ROT) block 2 in 外科 (WK) 2026-04-01..2026-04-30: "
            "S006 does not take part in the programme (participants: id=S003)"
            in messages(rb.problem(), plan, "rotations"))


def test_participant_without_blocks_is_reported_unless_the_plan_says_why() -> None:
    plan = drop(with_blocks(), EXIT)
    assert messages(rb.problem(), plan, "rotations") == [
        "S003 (张伟, 内科) in 住院医师轮转 (ROT): block 2 (外科 (WK), 1 month) is not planned, and "
        "the plan does not say why (no warning names them)",
    ]
    warned = replace(plan, warnings=["住院医师轮转 ROT: S003 (张伟) block 2 外科 does not fit: "
                                     "外科 is full in 2026-04"])
    assert messages(rb.problem(), warned, "rotations") == []
    missed = replace(plan, missed=[Missed("S003", "ROT", 2, "capacity")])
    assert messages(rb.problem(), missed, "rotations") == []
    other = replace(plan, warnings=["S0031 ROT: something else"])  # a different person
    assert len(messages(rb.problem(), other, "rotations")) == 1


def test_blocks_run_whole_calendar_months() -> None:
    plan = with_blocks(rb.block(start="2026-04-02"))
    assert messages(rb.problem(), plan, "rotations") == [
        "S003 (张伟, 内科): 住院医师轮转 (ROT) block 2 in 外科 (WK) 2026-04-02..2026-04-30: does "
        "not run whole calendar months (it must start on the 1st and end on the last day of a "
        "month)",
    ]


def test_block_length_within_its_minimum_and_maximum() -> None:
    plan = with_blocks(rb.block(start="2026-03-01"))
    assert ("S003 (张伟, 内科): 住院医师轮转 (ROT) block 2 in 外科 (WK) 2026-03-01..2026-04-30: "
            "lasts 2 month(s), block 2 (外科 (WK), 1 month) takes 1 month"
            in messages(rb.problem(), plan, "rotations"))


def test_block_inside_the_programme_window() -> None:
    p = rb.problem(programmes=(replace(rb.ROT, end=D(2026, 3, 31)),))
    assert messages(p, rb.valid_plan(), "rotations") == [
        "S003 (张伟, 内科): 住院医师轮转 (ROT) block 2 in 外科 (WK) 2026-04-01..2026-04-30: "
        "outside the programme's window 2026-03-01..2026-03-31",
    ]


def test_block_department_must_be_one_the_block_lists() -> None:
    p = rb.problem(departments=BOTH_TAKE_ROTATORS, history=NO_HISTORY)
    plan = with_blocks(rb.block(block=1, department="WK", start="2026-03-01", end="2026-03-31",
                                exit_exam="exit:WK:2026-03#1.1"), rb.block())
    assert ("S003 (张伟, 内科): 住院医师轮转 (ROT) block 1 in 外科 (WK) 2026-03-01..2026-03-31: "
            "外科 (WK) is not a department of block 1 (内科 (NK), 1–2 months)"
            in messages(p, plan, "rotations"))


def test_unknown_block_number() -> None:
    plan = with_blocks(rb.block(block=7))
    assert ("S003 (张伟, 内科): 住院医师轮转 (ROT) block 7 in 外科 (WK) 2026-04-01..2026-04-30: "
            "the programme has no block 7 (its blocks: 1, 2)"
            in messages(rb.problem(), plan, "rotations"))


def test_block_completed_in_history_is_not_planned_again() -> None:
    p = rb.problem(departments=BOTH_TAKE_ROTATORS)
    plan = with_blocks(rb.block(block=1, department="NK", start="2026-03-01", end="2026-03-31",
                                exit_exam="exit:NK:2026-03#1.1"), rb.block())
    assert messages(p, plan, "rotations") == [
        "S003 (张伟, 内科): 住院医师轮转 (ROT) block 1 in 内科 (NK) 2026-03-01..2026-03-31: 内科 "
        "(NK) was already completed in an earlier year (history table) and is planned again",
    ]


def test_fixed_order_is_kept() -> None:
    p = rb.problem(departments=BOTH_TAKE_ROTATORS, history=NO_HISTORY)
    plan = with_blocks(rb.block(block=1, department="NK", start="2026-04-01", end="2026-04-30",
                                exit_exam="exit:NK:2026-04#1.1"),
                       rb.block(start="2026-03-01", end="2026-03-31",
                                exit_exam="exit:WK:2026-03#1.1"))
    assert ("S003 (张伟, 内科) in 住院医师轮转 (ROT): block 2 starts 2026-03-01, before block 1 ends "
            "2026-04-30, but the programme's order is fixed" in messages(p, plan, "rotations"))


def test_fixed_order_block_planned_without_the_one_before() -> None:
    p = rb.problem(history=NO_HISTORY)
    assert messages(p, rb.valid_plan(), "rotations") == [
        "S003 (张伟, 内科) in 住院医师轮转 (ROT): block 1 (内科 (NK), 1–2 months) is not planned, and "
        "the plan does not say why (no warning names them)",
        "S003 (张伟, 内科) in 住院医师轮转 (ROT): block 2 is planned but block 1, which comes before "
        "it in the fixed order, is neither completed nor planned",
    ]


def test_prerequisite_of_a_free_order_programme() -> None:
    p = rb.problem(programmes=(replace(rb.ROT, ordered=False),), history=NO_HISTORY,
                   departments=BOTH_TAKE_ROTATORS)
    plan = with_blocks(rb.block(block=1, department="NK", start="2026-04-01", end="2026-04-30",
                                exit_exam="exit:NK:2026-04#1.1"),
                       rb.block(start="2026-03-01", end="2026-03-31",
                                exit_exam="exit:WK:2026-03#1.1"))
    assert ("S003 (张伟, 内科) in 住院医师轮转 (ROT): block 2 starts 2026-03-01, before its "
            "prerequisite block 1 ends 2026-04-30" in messages(p, plan, "rotations"))
    alone = with_blocks(rb.block())
    assert ("S003 (张伟, 内科) in 住院医师轮转 (ROT): block 2 is planned but its prerequisite block "
            "1 is neither completed nor planned" in messages(p, alone, "rotations"))


def test_free_order_without_prerequisites_takes_any_order() -> None:
    blocks = (rb.BLOCKS[0], replace(rb.BLOCKS[1], after=()))
    p = rb.problem(programmes=(replace(rb.ROT, ordered=False),), blocks=blocks,
                   history=NO_HISTORY, departments=BOTH_TAKE_ROTATORS)
    plan = with_blocks(rb.block(block=1, department="NK", start="2026-04-01", end="2026-04-30",
                                exit_exam="exit:NK:2026-04#1.1"),
                       rb.block(start="2026-03-01", end="2026-03-31",
                                exit_exam="exit:WK:2026-03#1.1"))
    assert messages(p, plan, "rotations") == []


def test_elective_block_takes_k_of_n_departments() -> None:
    # block 2 becomes "2 of 外科, 内科": 内科 was done last year, so only 外科 is still needed …
    elective = (rb.BLOCKS[0], ProgrammeBlock("ROT", 2, ("WK", "NK"), 2, 1, 1, after=(1,)))
    assert messages(rb.problem(blocks=elective), rb.valid_plan(), "rotations") == []
    # … and without that history row both are, one a month.
    p = rb.problem(blocks=(ProgrammeBlock("ROT", 2, ("WK", "NK"), 2, 1, 1),), history=NO_HISTORY)
    assert messages(p, rb.valid_plan(), "rotations") == [
        "S003 (张伟, 内科) in 住院医师轮转 (ROT): block 2 (2 of 外科 (WK), 内科 (NK); 1 month each) "
        "has 1 of its 2 departments planned, and the plan does not say why (no warning names "
        "them)",
    ]


def test_elective_block_with_too_many_departments() -> None:
    p = rb.problem(blocks=(ProgrammeBlock("ROT", 2, ("WK", "NK"), 1, 1, 1),), history=NO_HISTORY,
                   departments=BOTH_TAKE_ROTATORS)
    plan = with_blocks(rb.block(department="NK", start="2026-03-01", end="2026-03-31",
                                exit_exam="exit:NK:2026-03#1.1"), rb.block())
    assert messages(p, plan, "rotations") == [
        "S003 (张伟, 内科) in 住院医师轮转 (ROT): 2 departments are planned for block 2 (1 of 外科 "
        "(WK), 内科 (NK); 1 month each), which needs 1",
    ]


def test_nobody_is_in_two_blocks_in_one_month() -> None:
    second = replace(rb.ROT, id="R2", name="第二轮转")
    p = rb.problem(programmes=(rb.ROT, second), departments=BOTH_TAKE_ROTATORS,
                   blocks=(*rb.BLOCKS, ProgrammeBlock("R2", 1, ("NK",), 1, 1, 1)))
    plan = with_blocks(rb.block(), rb.block(programme="R2", block=1, department="NK",
                                            exit_exam="exit:NK:2026-04#1.1"))
    assert messages(p, plan, "rotations") == [
        "S003 (张伟, 内科) is in two rotation blocks in 2026-04: ROT block 2 in 外科 (WK) and R2 "
        "block 1 in 内科 (NK)",
    ]


def test_department_takes_at_most_its_rotator_capacity() -> None:
    p = rb.problem(departments=(Department("NK", "内科", 1), Department("WK", "外科", 1)))
    assert messages(p, rb.valid_plan(), "rotations") == [
        "外科 (WK) takes 1 rotator(s) in 2026-04, more than its rotator capacity 0: S003 (张伟)",
    ]


def test_history_row_without_programme_counts_for_the_programme() -> None:
    row = HistoryRow("S003", "rotation", "NK", 2)
    p = rb.problem(history=(*NO_HISTORY, row))
    assert messages(p, rb.valid_plan(), "rotations") == []


# --- leave (issue 13, item 5) ------------------------------------------------------------------
# April 2026 has 21 working days (Qingming 04-04..04-06); S003's block in 外科 is April.


def _on_leave(start: str, end: str):  # type: ignore[no-untyped-def]
    from planner.domain import Unavailability

    base = rb.problem()
    away = Unavailability("staff", "S003", D.fromisoformat(start), D.fromisoformat(end), "病假")
    return replace(base, unavailability=(*base.unavailability, away))


def test_a_block_in_a_month_its_rotator_is_mostly_on_leave_is_reported() -> None:
    # 04-01..04-16: 11 of the 21 working days.
    assert messages(_on_leave("2026-04-01", "2026-04-16"), rb.valid_plan(), "rotations") == [
        "S003 (张伟, 内科): 住院医师轮转 (ROT) block 2 in 外科 (WK) 2026-04-01..2026-04-30: "
        "S003 (张伟) is on leave 11 of the 21 working days of 2026-04; a rotator is in a block "
        "only in months they are on leave for at most half the working days",
    ]


def test_leave_for_half_the_working_days_of_a_block_month_is_allowed() -> None:
    # 04-01..04-15: 10 of 21 — at most half; leave over weekends and holidays does not count.
    assert messages(_on_leave("2026-04-01", "2026-04-15"), rb.valid_plan(), "rotations") == []
    assert messages(_on_leave("2026-04-04", "2026-04-06"), rb.valid_plan(), "rotations") == []


def test_a_block_begun_before_the_freeze_date_is_not_judged_against_leave() -> None:
    from planner.check import check_plan
    from planner.workdays import build_calendar

    p = _on_leave("2026-04-01", "2026-04-30")
    found = check_plan(p, build_calendar(p.settings, p.holidays), rb.valid_plan(),
                       held_before=D(2026, 4, 2))
    assert [v.message for v in found if v.rule == "rotations"] == []


# --- issue 18: disciplines, prerequisites inside a block, required blocks, places by month -------

TAUGHT = (Discipline("NK", "综合内科", "本院"), Discipline("WK", "综合内科", "分院"))


def test_a_required_block_is_not_excused_by_a_warning() -> None:
    required = (rb.BLOCKS[0], replace(rb.BLOCKS[1], required=True))
    plan = replace(drop(with_blocks(), EXIT), warnings=["住院医师轮转 ROT: S003 (张伟) block 2 "
                                                         "外科 does not fit"])
    assert messages(rb.problem(blocks=required), plan, "rotations") == [
        "S003 (张伟, 内科) in 住院医师轮转 (ROT): block 2 (外科 (WK), 1 month) is not planned, and "
        "it is required (a plan without it is no plan)",
    ]
    assert messages(rb.problem(), plan, "rotations") == []  # optional: the warning says why


def test_a_discipline_counts_once_whichever_department_hosts_it() -> None:
    # NK and WK teach one discipline: NK done last year, so WK (block 2) is that discipline again
    assert messages(rb.problem(disciplines=TAUGHT), rb.valid_plan(), "rotations") == [
        "S003 (张伟, 内科): 住院医师轮转 (ROT) block 2 in 外科 (WK) 2026-04-01..2026-04-30: its "
        "discipline 综合内科 was already completed in an earlier year (history table) and is "
        "planned again",
    ]
    # planned twice in one programme (no history): both blocks hold the discipline
    p = rb.problem(disciplines=TAUGHT, history=NO_HISTORY, departments=BOTH_TAKE_ROTATORS)
    plan = with_blocks(rb.block(block=1, department="NK", start="2026-03-01", end="2026-03-31",
                                exit_exam="exit:NK:2026-03#1.1"), rb.block())
    assert ("S003 (张伟, 内科) in 住院医师轮转 (ROT): discipline 综合内科 is planned 2 times (内科 "
            "(NK) 2026-03-01..2026-03-31, 外科 (WK) 2026-04-01..2026-04-30); a discipline counts "
            "once, whichever department hosts it" in messages(p, plan, "rotations"))


def test_a_prerequisite_inside_a_block_comes_first() -> None:
    # block 2: 2 of 外科, 内科, with 内科 -> 外科
    p = rb.problem(history=NO_HISTORY, departments=BOTH_TAKE_ROTATORS, blocks=(ProgrammeBlock(
        "ROT", 2, ("WK", "NK"), 2, 1, 1, prerequisites=((("NK",), ("WK",)),)),))
    early = rb.block(department="NK", start="2026-03-01", end="2026-03-31",
                     exit_exam="exit:NK:2026-03#1.1")
    assert messages(p, with_blocks(early, rb.block()), "rotations") == []
    swapped = with_blocks(rb.block(department="NK", exit_exam="exit:NK:2026-04#1.1"),
                          rb.block(start="2026-03-01", end="2026-03-31",
                                   exit_exam="exit:WK:2026-03#1.1"))
    assert messages(p, swapped, "rotations") == [
        "S003 (张伟, 内科) in 住院医师轮转 (ROT): 外科 (WK) starts 2026-03-01, before its "
        "prerequisite 内科 (NK) ends 2026-04-30",
    ]
    lone = replace(p, blocks=(replace(p.blocks[0], choose=1),))
    assert messages(lone, with_blocks(rb.block()), "rotations") == [
        "S003 (张伟, 内科) in 住院医师轮转 (ROT): 外科 (WK) is planned in block 2 without its "
        "prerequisite 内科 (NK)",
    ]


def test_places_and_minimums_month_by_month() -> None:
    none_in_april = RotationPlaces("WK", D(2026, 4, 1), D(2026, 4, 30), capacity=0)
    assert messages(rb.problem(rotation_places=(none_in_april,)), rb.valid_plan(),
                    "rotations") == [
        "外科 (WK) takes 1 rotator(s) in 2026-04, more than its capacity that month "
        "(rotation_capacity) 0: S003 (张伟)",
    ]
    two_in_march = RotationPlaces("WK", D(2026, 3, 1), D(2026, 3, 31), capacity=2, minimum=2)
    assert messages(rb.problem(rotation_places=(two_in_march,)), rb.valid_plan(),
                    "rotations") == [
        "外科 (WK) takes 0 rotator(s) in 2026-03, fewer than its minimum 2 (rotation_capacity)",
    ]
