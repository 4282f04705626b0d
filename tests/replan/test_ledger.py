"""The ledger: what counts as attended before the freeze date, and the hours and credits."""

from __future__ import annotations

import datetime as dt

from planner.domain import AttendanceRecord
from planner.ledger import ledger

from tests.calendars import builders

FREEZE = dt.date(2027, 4, 1)  # QY#1.1 (03-02), QY#1.2 (03-04), QY#2.1 (03-16) are before it


def test_attendees_of_sessions_before_the_freeze_date_count_as_attended() -> None:
    done = ledger(builders.plan(), (), FREEZE)
    assert done.attendees() == {"QY#1.1": ("S002", "S003", "S004"), "QY#1.2": ("S002",),
                                "QY#2.1": ("S001", "S002", "S003")}
    assert done.attended("S002") == ("QY#1.1", "QY#1.2", "QY#2.1")
    assert "EX#1.1" not in done.attendees()  # 2027-04-29: after the freeze date


def test_the_freeze_date_itself_is_not_in_the_past() -> None:
    done = ledger(builders.plan(), (), dt.date(2027, 3, 2))
    assert done.attendees() == {}


def test_hours_per_category_and_credits_per_class() -> None:
    done = ledger(builders.plan(), (), FREEZE)
    # S002 attended three 1.5-hour lectures worth 0.5 Class II credits each
    assert done.hours()[("S002", "lecture")] == 4.5
    assert done.credits()[("S002", "II")] == 1.5
    # S001 attended QY#2.1 (0.5) and taught QY#1.1 and QY#1.2 (2 speaker credits each)
    assert done.credits()[("S001", "II")] == 4.5
    assert done.hours()[("S001", "lecture")] == 1.5  # without audiences teaching earns no hours


def test_teaching_counts_as_taking_the_part_once_when_the_speaker_is_in_the_audience() -> None:
    audiences = {"QY": frozenset({"S001", "S002", "S003", "S004"})}
    done = ledger(builders.plan(), (), FREEZE, audiences=audiences)
    # QY#1.1 and QY#1.2 are two runs of part 1: the hours count once; QY#2.1 attended
    assert done.hours()[("S001", "lecture")] == 3.0


def test_a_record_saying_no_removes_the_person() -> None:
    records = [AttendanceRecord("S003", "QY", 1, 1, attended=False, note="病假")]
    done = ledger(builders.plan(), records, FREEZE)
    assert done.attendees()["QY#1.1"] == ("S002", "S004")
    assert done.hours()[("S003", "lecture")] == 1.5  # QY#2.1 only


def test_a_record_saying_yes_counts_even_if_the_plan_did_not_list_them() -> None:
    records = [AttendanceRecord("S004", "QY", 1, 2)]
    done = ledger(builders.plan(), records, FREEZE)
    assert done.attendees()["QY#1.2"] == ("S002", "S004")
    sources = {(e.staff, e.session): e.source for e in done.entries}
    assert sources[("S004", "QY#1.2")] == "record"
    # The plan had S004 at the other run of part 1, QY#1.1; they signed in at QY#1.2, so that
    # is where they were. Counting both made them take part 1 twice, and the re-plan failed its
    # own check (found by fuzzing sign-in records).
    assert ("S004", "QY#1.1") not in sources
    assert done.attendees()["QY#1.1"] == ("S002", "S003")
    assert done.hours()[("S004", "lecture")] == 1.5


def test_signing_in_at_two_runs_of_a_part_keeps_both_records() -> None:
    # What the sheets say stands, even twice; only what the plan assumed gives way.
    records = [AttendanceRecord("S004", "QY", 1, 1), AttendanceRecord("S004", "QY", 1, 2)]
    done = ledger(builders.plan(), records, FREEZE)
    assert "S004" in done.attendees()["QY#1.1"] and "S004" in done.attendees()["QY#1.2"]


def test_records_by_course_and_part() -> None:
    records = [AttendanceRecord("S002", "QY", 1, 0, attended=False),  # both runs of part 1
               AttendanceRecord("S001", "QY", 1, 0),  # not listed: the earliest run
               AttendanceRecord("S003", "QY", 2, 0)]  # already listed: nothing changes
    done = ledger(builders.plan(), records, FREEZE)
    assert done.attendees()["QY#1.1"] == ("S001", "S003", "S004")
    assert "QY#1.2" not in done.attendees()
    assert done.attendees()["QY#2.1"] == ("S001", "S002", "S003")


def test_records_after_the_freeze_date_or_about_unknown_sessions_are_ignored_with_a_reason(
) -> None:
    records = [AttendanceRecord("S002", "EX", 1, 1), AttendanceRecord("S002", "QY", 9, 1),
               AttendanceRecord("S002", "TB", 1, 0)]
    done = ledger(builders.plan(), records, FREEZE)
    assert [why.en for _, why in done.ignored] == [
        "EX#1.1 is on 2027-04-29, not before the freeze date 2027-04-01",
        "no session QY#9.1 in the plan",
        "no session of TB part 1 before the freeze date 2027-04-01",
    ]
    assert [why.zh for _, why in done.ignored] == [
        "EX#1.1 在 2027-04-29，不早于冻结日期 2027-04-01",
        "计划中没有场次 QY#9.1",
        "冻结日期 2027-04-01 之前没有 TB 第1讲的场次",
    ]
    assert done.attendees() == ledger(builders.plan(), (), FREEZE).attendees()


def test_history_rows_per_person_category_and_credit_class() -> None:
    rows = ledger(builders.plan(), (), FREEZE).history_rows({"QY": False}, note="term 1")
    s002 = [(r.kind, r.category, r.amount, r.hospital_run) for r in rows if r.staff_id == "S002"]
    assert s002 == [("credits", "II", 1.5, False), ("hours", "lecture", 4.5, False)]
    assert {r.note for r in rows} == {"term 1"}
