"""Plan history: inputs snapshots kept per version, the baseline a re-plan reads, migration of
older state databases, rollback, and transactions under two processes and under a kill."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from planner.calendars import keys
from planner.calendars.hospital import published_bundle
from planner.calendars.publish import HOLD_ENV, publish, rollback
from planner.domain import Unavailability
from planner.errors import PlannerError
from planner.history import published_baseline, version_history
from planner.snapshot import load_snapshot, problem_snapshot
from planner.state import SCHEMA_VERSION, open_state, state_dir

from tests.calendars import builders
from tests.calendars.conftest import prop, vevents

from .conftest import write_outputs

T1 = dt.datetime(2027, 2, 1, 9, 0, tzinfo=dt.timezone.utc)
T2 = dt.datetime(2027, 2, 8, 9, 0, tzinfo=dt.timezone.utc)
T3 = dt.datetime(2027, 2, 15, 9, 0, tzinfo=dt.timezone.utc)
LEAVE = Unavailability("staff", "S001", dt.date(2027, 3, 1), dt.date(2027, 3, 5))
MOVED_DAY = dt.date(2027, 3, 9)


def two_drafts(tmp_path: Path) -> tuple[Path, Path]:
    first = write_outputs(tmp_path / "v1", builders.problem(), builders.plan())
    second = write_outputs(tmp_path / "v2", replace(builders.problem(), unavailability=(LEAVE,)),
                           builders.moved(builders.plan(), "QY#1.1", MOVED_DAY))
    return first, second


def sequences(db_path: Path) -> dict[str, int]:
    conn = sqlite3.connect(db_path)
    try:
        return dict(conn.execute("SELECT key, sequence FROM events"))
    finally:
        conn.close()


def test_the_snapshot_loads_back_into_the_same_problem() -> None:
    problem = replace(builders.problem(), unavailability=(LEAVE,))
    raw = problem_snapshot(problem)
    assert load_snapshot(raw) == problem
    assert problem_snapshot(load_snapshot(raw)) == raw


def test_a_damaged_snapshot_is_a_clear_error() -> None:
    with pytest.raises(PlannerError, match="not an inputs snapshot"):
        load_snapshot(b'{"format": 1, "problem": {"name": "x"}}')


def test_nothing_published_means_no_baseline(state_root: Path) -> None:
    assert published_baseline("tiny") is None
    assert not state_dir("tiny").exists()  # and asking created nothing


def test_publish_keeps_the_inputs_snapshot_and_the_baseline_reads_it(state_root: Path,
                                                                     tmp_path: Path) -> None:
    first, second = two_drafts(tmp_path)
    publish(first, at=T1)
    publish(second, at=T2)
    baseline = published_baseline("tiny")
    assert baseline is not None
    assert baseline.version == 2 and baseline.published_at == T2
    assert baseline.plan == builders.moved(builders.plan(), "QY#1.1", MOVED_DAY)
    assert baseline.inputs == replace(builders.problem(), unavailability=(LEAVE,))
    db = open_state(state_dir("tiny"))
    try:
        assert db.version(1).inputs_json == (first / "inputs.snapshot.json").read_bytes()
        assert [v.version for v in version_history(db)] == [1, 2]
    finally:
        db.close()


def test_a_schema_1_database_is_migrated_and_its_versions_stay_readable(
        state_root: Path, tmp_path: Path) -> None:
    out = write_outputs(tmp_path / "v1", builders.problem(), builders.plan())
    old_root = tmp_path / "old-state"  # the drafts' state has schema 2 already
    folder = state_dir("tiny", old_root)
    folder.mkdir(parents=True)
    conn = sqlite3.connect(folder / "planner.sqlite")
    conn.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE versions (version INTEGER PRIMARY KEY, published_at TEXT NOT NULL,
            feed_reference TEXT NOT NULL, inputs_hash TEXT NOT NULL, plan_json BLOB NOT NULL,
            source_json BLOB NOT NULL);
        INSERT INTO meta VALUES ('schema_version', '1'),
            ('uid_namespace', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), ('current_version', '1');
    """)
    conn.execute("INSERT INTO versions VALUES (1, '2027-02-01T09:00:00Z', '2027-02-01', 'h', ?, ?)",
                 ((out / "plan" / "plan.json").read_bytes(),
                  (out / "calendars" / "source.json").read_bytes()))
    conn.commit()
    conn.close()
    baseline = published_baseline("tiny", old_root)
    assert baseline is not None and baseline.version == 1
    assert baseline.inputs is None and baseline.plan == builders.plan()
    db = open_state(folder)
    try:
        assert db.meta("schema_version") == str(SCHEMA_VERSION)
        assert db.version(1).plan_json == (out / "plan" / "plan.json").read_bytes()
    finally:
        db.close()
    result = publish(write_outputs(tmp_path / "v2", builders.problem(),
                                   builders.moved(builders.plan(), "QY#1.1", MOVED_DAY)),
                     state_root=old_root, at=T2)
    assert result.version == 2
    assert published_baseline("tiny", old_root).inputs == builders.problem()


def test_rollback_serves_the_earlier_content_as_a_new_version_with_higher_sequence(
        state_root: Path, tmp_path: Path) -> None:
    first, second = two_drafts(tmp_path)
    publish(first, at=T1)
    publish(second, at=T2)
    result = rollback(second, 1, at=T3)
    assert (result.version, result.rollback_of, result.moved) == (3, 1, 1)
    db = open_state(state_dir("tiny"))
    try:
        current = db.current_version()
        assert current.version == 3 and current.rollback_of == 1
        assert current.plan_json == db.version(1).plan_json
        assert current.inputs_json == db.version(1).inputs_json
        _, bundle = published_bundle(db)
    finally:
        db.close()
    feed = bundle.feeds[keys.person_feed("S002")]
    back = next(v for v in vevents(feed) if b"20270302T163000" in v)  # QY#1.1 where it was
    assert prop(back, "SEQUENCE") == ["2"]  # 0 at v1, 1 when moved, 2 when moved back
    assert prop(back, "DTSTAMP") == ["20270215T090000Z"]
    untouched = next(v for v in vevents(feed) if b"20270304T163000" in v)
    assert prop(untouched, "SEQUENCE") == ["0"]
    assert prop(untouched, "DTSTAMP") == ["20270201T090000Z"]
    assert not any(b"20270309T163000" in v for v in vevents(feed))
    baseline = published_baseline("tiny")
    assert baseline.version == 3 and baseline.plan == builders.plan()
    assert baseline.inputs == builders.problem()


def test_rollback_refuses_unknown_versions_and_the_content_already_published(
        state_root: Path, tmp_path: Path) -> None:
    first, second = two_drafts(tmp_path)
    publish(first, at=T1)
    with pytest.raises(PlannerError,
                       match=r"--rollback 7: no such published version \(versions 1–1\)"):
        rollback(first, 7, at=T2)
    with pytest.raises(PlannerError, match="already the published one"):
        rollback(first, 1, at=T2)


def test_rollback_through_the_command_line(state_root: Path, tmp_path: Path) -> None:
    from tests.conftest import run_cli

    first, second = two_drafts(tmp_path)
    assert run_cli("publish", first, "--today", "2027-02-01").exit_code == 0
    assert run_cli("publish", second, "--today", "2027-02-08").exit_code == 0
    result = run_cli("publish", second, "--rollback", "1", "--today", "2027-02-15")
    assert result.exit_code == 0, result.output
    assert "已发布第 3 版 = 第 1 版的内容" in result.output
    bad = run_cli("publish", second, "--rollback", "9")
    assert bad.exit_code == 1 and "--rollback 9：没有这一已发布版本（现有第 1–3 版）" in bad.output


def test_two_publishes_at_once_leave_a_consistent_history(state_root: Path,
                                                          tmp_path: Path) -> None:
    drafts = two_drafts(tmp_path)
    script = ("import sys, pathlib; from planner.calendars.publish import publish; "
              "publish(pathlib.Path(sys.argv[1]), state_root=pathlib.Path(sys.argv[2]))")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(d), str(state_root)])
             for d in drafts]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    db_path = state_dir("tiny") / "planner.sqlite"
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT version, plan_json, inputs_json FROM versions "
                            "ORDER BY version").fetchall()
        assert [r[0] for r in rows] == [1, 2]
        plans = {(d / "plan" / "plan.json").read_bytes() for d in drafts}
        assert {r[1] for r in rows} == plans  # both versions present, each one whole
        assert all(r[2] is not None for r in rows)
        current = conn.execute("SELECT value FROM meta WHERE key='current_version'").fetchone()
        assert current == ("2",)
        last = {k for (k,) in conn.execute("SELECT key FROM events WHERE last_version = 2")}
        assert "session:QY#1.1" in last
    finally:
        conn.close()
    assert sequences(db_path)["session:QY#1.1"] == 1  # whichever came second moved it


def test_a_publish_killed_midway_leaves_the_previous_state_and_the_next_one_works(
        state_root: Path, tmp_path: Path) -> None:
    first, second = two_drafts(tmp_path)
    publish(first, at=T1)
    db_path = state_dir("tiny") / "planner.sqlite"
    before = sequences(db_path)
    marker = tmp_path / "inside-transaction"
    script = ("import sys, pathlib; from planner.calendars.publish import publish; "
              "publish(pathlib.Path(sys.argv[1]), state_root=pathlib.Path(sys.argv[2]))")
    proc = subprocess.Popen([sys.executable, "-c", script, str(second), str(state_root)],
                            env={**os.environ, HOLD_ENV: str(marker)})
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, "the publish ended before reaching its transaction"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [r[0] for r in conn.execute("SELECT version FROM versions")] == [1]
        assert conn.execute("SELECT value FROM meta WHERE key='current_version'").fetchone() \
            == ("1",)
    finally:
        conn.close()
    assert sequences(db_path) == before
    assert published_baseline("tiny").plan == builders.plan()

    result = publish(second, at=T2)
    assert (result.version, result.moved) == (2, 1)
    assert sequences(db_path)["session:QY#1.1"] == 1
