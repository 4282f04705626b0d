"""UID, SEQUENCE and stamps across re-runs, re-plans and publishes (RFC 5545 §3.8.4.7, §3.8.7)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from planner.calendars.publish import publish
from planner.state import open_state, state_dir

from . import builders
from .conftest import prop, vevents, write_outputs

T1 = dt.datetime(2027, 2, 1, 9, 0, tzinfo=dt.timezone.utc)
T2 = dt.datetime(2027, 2, 8, 9, 0, tzinfo=dt.timezone.utc)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "calendars").glob("*.ics"))}


def person_file(folder: Path, pid: str) -> bytes:
    import csv

    with open(folder / "feeds.csv", encoding="utf-8-sig") as f:
        row = next(r for r in csv.DictReader(f) if r["id"] == pid and r["kind"] == "person")
    return (folder / "calendars" / row["file"]).read_bytes()


def event_at(body: bytes, stamp: bytes) -> bytes:
    return next(v for v in vevents(body) if stamp in v)


def test_rebuilding_an_unchanged_plan_is_byte_identical(state_root: Path, tmp_path: Path) -> None:
    a = write_outputs(tmp_path / "a", builders.problem(), builders.plan())
    b = write_outputs(tmp_path / "b", builders.problem(), builders.plan())
    assert files(a) == files(b)
    assert (a / "feeds.csv").read_bytes() == (b / "feeds.csv").read_bytes()
    assert (a / "feeds.xlsx").read_bytes() == (b / "feeds.xlsx").read_bytes()


def test_drafts_carry_sequence_0_and_the_horizon_start_as_stamp(state_root: Path,
                                                                tmp_path: Path) -> None:
    out = write_outputs(tmp_path / "out", builders.problem(), builders.plan())
    for body in files(out).values():
        for v in vevents(body):
            assert prop(v, "SEQUENCE") == ["0"]
            assert prop(v, "DTSTAMP") == prop(v, "LAST-MODIFIED") == ["20270101T000000Z"]


def test_uids_are_opaque_uuids_and_stable_across_runs(state_root: Path, tmp_path: Path) -> None:
    out = write_outputs(tmp_path / "a", builders.problem(), builders.plan())
    uids = {u for body in files(out).values() for v in vevents(body) for u in prop(v, "UID")}
    assert all(UUID.fullmatch(u) for u in uids)
    again = write_outputs(tmp_path / "b", builders.problem(), builders.plan())
    assert uids == {u for body in files(again).values() for v in vevents(body)
                    for u in prop(v, "UID")}


def test_a_moved_session_keeps_its_uid_and_its_sequence_rises_after_publish(
        state_root: Path, tmp_path: Path) -> None:
    problem = builders.problem()
    first = write_outputs(tmp_path / "v1", problem, builders.plan())
    before = event_at(person_file(first, "S002"), b"20270302T163000")
    publish(first, at=T1)

    same = write_outputs(tmp_path / "v1-again", problem, builders.plan())
    published = event_at(person_file(same, "S002"), b"20270302T163000")
    assert prop(published, "SEQUENCE") == ["0"]
    assert prop(published, "DTSTAMP") == ["20270201T090000Z"]  # the publish time

    moved_plan = builders.moved(builders.plan(), "QY#1.1", dt.date(2027, 3, 9))
    second = write_outputs(tmp_path / "v2", problem, moved_plan)
    after = event_at(person_file(second, "S002"), b"20270309T163000")
    assert prop(after, "UID") == prop(before, "UID")
    assert prop(after, "SEQUENCE") == ["1"]
    untouched = event_at(person_file(second, "S002"), b"20270304T163000")
    assert untouched == event_at(person_file(same, "S002"), b"20270304T163000")

    result = publish(second, at=T2)
    assert (result.version, result.new, result.moved, result.removed) == (2, 0, 1, 0)
    third = write_outputs(tmp_path / "v2-again", problem, moved_plan)
    final = event_at(person_file(third, "S002"), b"20270309T163000")
    assert prop(final, "SEQUENCE") == ["1"]
    assert prop(final, "DTSTAMP") == prop(final, "LAST-MODIFIED") == ["20270208T090000Z"]
    # an event that did not change keeps its first publish time
    kept = event_at(person_file(third, "S002"), b"20270304T163000")
    assert prop(kept, "DTSTAMP") == ["20270201T090000Z"]


def test_a_person_moved_to_another_cohort_loses_one_event_and_gains_another(
        state_root: Path, tmp_path: Path) -> None:
    from dataclasses import replace

    problem = builders.problem()
    plan = builders.plan()
    first = write_outputs(tmp_path / "v1", problem, plan)
    publish(first, at=T1)
    cohorts = {"QY#1.1": ("S002", "S003"), "QY#1.2": ("S002", "S004")}  # S004: run 1 → run 2
    sessions = [replace(s, attendees=cohorts.get(s.id, s.attendees)) for s in plan.sessions]
    second = write_outputs(tmp_path / "v2", problem, replace(plan, sessions=sessions))
    run1 = prop(event_at(person_file(first, "S003"), b"20270302T163000"), "UID")
    run2 = prop(event_at(person_file(first, "S002"), b"20270304T163000"), "UID")
    uids = [prop(v, "UID") for v in vevents(person_file(second, "S004"))]
    assert run1 not in uids and run2 in uids
    # the sessions themselves did not change: byte-identical, as published, in other feeds
    published = publish(first, at=T2)
    assert published.unchanged
    assert event_at(person_file(second, "S003"), b"20270302T163000") == event_at(
        person_file(write_outputs(tmp_path / "v1-again", problem, plan), "S003"),
        b"20270302T163000")


def test_publishing_an_unchanged_draft_adds_no_version(state_root: Path, tmp_path: Path) -> None:
    out = write_outputs(tmp_path / "out", builders.problem(), builders.plan())
    assert publish(out, at=T1).version == 1
    again = publish(out, at=T2)
    assert again.unchanged and again.version == 1
    db = open_state(state_dir("tiny"))
    try:
        assert db.conn.execute("SELECT COUNT(*) FROM versions").fetchone()[0] == 1
        assert db.current_version().feed_reference == dt.date(2027, 2, 8)  # window moved
    finally:
        db.close()


def test_removed_events_leave_the_feed_and_come_back_with_a_higher_sequence(
        state_root: Path, tmp_path: Path) -> None:
    from dataclasses import replace

    problem = builders.problem()
    plan = builders.plan()
    publish(write_outputs(tmp_path / "v1", problem, plan), at=T1)
    without = replace(plan, sessions=[s for s in plan.sessions if s.id != "QY#1.2"])
    v2 = write_outputs(tmp_path / "v2", problem, without)
    assert not any(b"20270304T163000" in v for v in vevents(person_file(v2, "S002")))
    assert publish(v2, at=T2).removed == 1
    v3 = write_outputs(tmp_path / "v3", problem, plan)
    back = event_at(person_file(v3, "S002"), b"20270304T163000")
    assert prop(back, "SEQUENCE") == ["1"]
