"""Exit exams (出科考核): one per department and month where rotators finish, scheduled like any
session (working day, slot, room, examiner free and eligible)."""

from __future__ import annotations

from dataclasses import replace

from planner.domain import Programme

from . import rotation_builders as rb
from .builders import D, add, drop, edit, messages, move

EXIT = f"{rb.EXIT}#1.1"
WHAT = "exit exam (出科考核) of 外科 (WK) for 2026-04"
AT = "exit:WK:2026-04#1.1 (出科考核 外科 2026-04) on 2026-04-28 16:30"


def test_missing_exit_exam() -> None:
    assert messages(rb.problem(), drop(rb.valid_plan(), EXIT), "exit exams") == [
        "no exit exam (出科考核) of 外科 (WK) for 2026-04: S003 (张伟, 内科) finish(es) a block "
        "there; expected session exit:WK:2026-04#1.1",
    ]


def test_rotator_must_sit_the_exam() -> None:
    plan = edit(rb.valid_plan(), EXIT, attendees=())
    assert messages(rb.problem(), plan, "exit exams") == [
        f"exit:WK:2026-04#1.1 ({WHAT}): S003 (张伟, 内科) finishes a block there but does not sit "
        f"the exam",
    ]


def test_only_the_finishing_rotators_sit_it() -> None:
    plan = edit(rb.valid_plan(), EXIT, attendees=("S003", "S005"))
    assert messages(rb.problem(), plan, "people") == [
        f"{AT}: S005 (陈静, 外科) attends but is not in the course's audience (rotators finishing "
        f"a block in 外科 (WK) in 2026-04)",
    ]


def test_exam_in_the_last_seven_days_of_the_block() -> None:
    plan = move(rb.valid_plan(), EXIT, D(2026, 4, 21), "tue-pm")
    assert messages(rb.problem(), plan, "exit exams") == [
        f"exit:WK:2026-04#1.1 ({WHAT}) on 2026-04-21: not in the last 7 days of S003 (张伟)'s "
        f"block 2026-04-24..2026-04-30",
    ]


def test_examiner_from_the_department_at_intermediate_title_or_above() -> None:
    junior = edit(rb.valid_plan(), EXIT, speaker="S005")  # 护师, 外科
    assert messages(rb.problem(), junior, "speakers") == [
        f"{AT}: speaker S005 (陈静, 外科) is not eligible (eligible: staff of 外科 (WK) at "
        f"intermediate title (中级) or above)",
    ]
    elsewhere = edit(rb.valid_plan(), EXIT, speaker="S002")  # 主管护师, 内科
    assert messages(rb.problem(), elsewhere, "speakers") == [
        f"{AT}: speaker S002 (李娜, 内科) is not eligible (eligible: staff of 外科 (WK) at "
        f"intermediate title (中级) or above)",
    ]


def test_examiner_is_not_a_rotator_that_month() -> None:
    # S006 (主治医师, 外科) also takes part and rotates in 内科 in April.
    p = rb.problem(programmes=(replace(rb.ROT, participants=rb.b.who_ids("S003", "S006")),),
                   departments=(replace(rb.DEPARTMENTS[0], min_on_duty=0, rotator_capacity=1),
                                rb.DEPARTMENTS[1]))
    plan = replace(rb.valid_plan(), rotations=[
        rb.block(), rb.block(staff="S006", block=1, department="NK",
                             exit_exam="exit:NK:2026-04#1.1")])
    assert (f"exit:WK:2026-04#1.1 ({WHAT}): the examiner S006 (赵磊, 外科) is in a rotation "
            f"block (ROT block 1 in 内科 (NK)) that month" in messages(p, plan, "exit exams"))


def test_examiner_not_away_on_external_study() -> None:
    # the seat moves to April and S006 is sent: they cannot examine on 2026-04-28.
    seat = replace(rb.SEAT, start_earliest=D(2026, 4, 1), start_latest=D(2026, 4, 1),
                   candidates=rb.b.EVERYONE)
    plan = replace(drop(rb.valid_plan(), f"{rb.TEACH_BACK}#1.1"), placements=[
        rb.placement(staff="S006", start="2026-04-01", end="2026-04-30", teach_back="")])
    assert (f"{AT}: S006 (赵磊, 外科) teaches it while away on external study at 省人民医院 "
            f"(2026-04-01..2026-04-30)" in messages(rb.problem(seats=(seat,)), plan,
                                                    "external study"))


def test_exam_is_a_session_like_any_other() -> None:
    weekend = move(rb.valid_plan(), EXIT, D(2026, 4, 25), "tue-pm")
    assert ("exit:WK:2026-04#1.1 (出科考核 外科 2026-04) on 2026-04-25 16:30: not a working day "
            "(weekend)" in messages(rb.problem(), weekend, "sessions"))
    short = edit(rb.valid_plan(), EXIT, hours=1.0)
    assert messages(rb.problem(), short, "sessions") == [
        f"{AT}: lasts 1 h, the course's sessions last 1.5 h",
    ]
    mislabelled = edit(rb.valid_plan(), EXIT, category="exit-exam", credits=0.5)
    assert messages(rb.problem(), mislabelled, "sessions") == [
        f"{AT}: attendee credits are 0.5, expected 0",
        f"{AT}: category is exit-exam, the course's is exam",
    ]


def test_exam_room_and_examiner_clashes_are_caught() -> None:
    # moved onto CPR#1.1 (2026-04-14, R2, S006 teaching)
    plan = move(rb.valid_plan(), EXIT, D(2026, 4, 14), "tue-pm", room="R2")
    assert messages(rb.problem(), plan, "rooms") == [
        "room R2 (技能培训中心) holds CPR#1.1 and exit:WK:2026-04#1.1 at the same time on "
        "2026-04-14 16:30",
    ]
    assert messages(rb.problem(), plan, "speakers") == [
        "S006 (赵磊, 外科) teaches CPR#1.1 and exit:WK:2026-04#1.1 at the same time on "
        "2026-04-14 16:30",
    ]


def test_exam_room_capacity() -> None:
    p = rb.problem(rooms=(rb.b.problem().rooms[0], replace(rb.b.problem().rooms[1], capacity=0)))
    plan = edit(rb.valid_plan(), EXIT, room="R2")
    assert f"{AT}: room R2 (技能培训中心) seats 0, but 1 attend" in messages(p, plan, "rooms")


def test_exit_sessions_are_not_unknown_courses() -> None:
    assert messages(rb.problem(), rb.valid_plan(), "sessions") == []


def test_exam_nobody_calls_for() -> None:
    stray = rb.own_session("exit:NK:2026-03", D(2026, 3, 26), "thu-pm", "R1", "S001", (), "exam")
    assert messages(rb.problem(), add(rb.valid_plan(), stray), "exit exams") == [
        "exit:NK:2026-03#1.1: exit exam (出科考核) of 内科 (NK) for 2026-03 is planned, but no "
        "rotator finishes a block there that month",
    ]


def test_malformed_exit_exam_ids() -> None:
    bad = rb.own_session("exit:NK", D(2026, 3, 26), "thu-pm", "R1", "S001", (), "exam")
    unknown = rb.own_session("exit:XX:2026-03", D(2026, 3, 26), "thu-pm", "R1", "S001", (),
                             "exam")
    second = replace(rb.exit_exam(), id=f"{rb.EXIT}#1.2", run=2)
    plan = add(add(add(rb.valid_plan(), bad), unknown), second)
    assert messages(rb.problem(), plan, "exit exams") == [
        "exit:NK#1.1: not an exit exam id (expected exit:<department>:<YYYY-MM>#1.1)",
        "exit:WK:2026-04#1.2: an exit exam is one session, its id should be exit:WK:2026-04#1.1 "
        "(part 1, run 1)",
        "exit:XX:2026-03#1.1: department XX does not exist",
    ]


def test_blocks_name_their_exit_exam() -> None:
    plan = replace(rb.valid_plan(), rotations=[rb.block(exit_exam="")])
    assert messages(rb.problem(), plan, "exit exams") == [
        "S003 (张伟, 内科): ROT block 2 in 外科 (WK) 2026-04-01..2026-04-30: names no exit exam, "
        "expected exit:WK:2026-04#1.1",
    ]


def test_programme_without_exit_exams() -> None:
    p = rb.problem(programmes=(Programme("ROT", "住院医师轮转", True, rb.b.who_ids("S003"),
                                         exit_exam=False),))
    plan = replace(drop(rb.valid_plan(), EXIT), rotations=[rb.block(exit_exam="")])
    assert messages(p, plan, "exit exams") == []
    assert messages(p, rb.valid_plan(), "exit exams") == [
        "S003 (张伟, 内科): ROT block 2 in 外科 (WK) 2026-04-01..2026-04-30: names exit exam "
        "exit:WK:2026-04#1.1, expected none (the programme has no exit exams)",
        "exit:WK:2026-04#1.1: exit exam (出科考核) of 外科 (WK) for 2026-04 is planned, but no "
        "rotator finishes a block there that month",
    ]
