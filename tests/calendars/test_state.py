"""The plan-state database and feed tokens: hashed at rest, rotated, revoked, transactional."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from planner.calendars.publish import publish
from planner.calendars.source import feed_source
from planner.calendars.token_rotation import resolve_feed, rotate
from planner.calendars.tokens import KEY_FILE, TOKEN_PATTERN, TokenStore, token_hash
from planner.errors import PlannerError
from planner.state import open_state, state_dir

from . import builders
from .conftest import write_outputs

T1 = dt.datetime(2027, 2, 1, 9, 0, tzinfo=dt.timezone.utc)


def links(folder: Path) -> dict[str, dict[str, str]]:
    with open(folder / "feeds.csv", encoding="utf-8-sig") as f:
        return {f"{r['kind']}:{r['id']}": r for r in csv.DictReader(f)}


def token_of(row: dict[str, str]) -> str:
    return row["https_url"].rsplit("/", 1)[1].removesuffix(".ics")


def test_tokens_have_192_bits_and_only_their_hashes_are_stored(state_root: Path,
                                                              tmp_path: Path) -> None:
    out = write_outputs(tmp_path / "out", builders.problem(), builders.plan())
    tokens = [token_of(r) for r in links(out).values()]
    assert len(tokens) == len(set(tokens)) == 4 + 2 + 2 + 1
    assert all(TOKEN_PATTERN.fullmatch(t) for t in tokens)
    folder = state_dir("tiny")
    raw = (folder / "planner.sqlite").read_bytes()
    assert not any(t.encode() in raw for t in tokens)
    db = open_state(folder)
    try:
        assert set(TokenStore(db).active_hashes()) == {token_hash(t) for t in tokens}
    finally:
        db.close()
    assert (folder / KEY_FILE).stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o077 == 0


def test_link_lists_are_reproducible_and_formula_text_is_neutralised(
        state_root: Path, tmp_path: Path) -> None:
    a = write_outputs(tmp_path / "a", builders.problem(), builders.plan())
    b = write_outputs(tmp_path / "b", builders.problem(), builders.plan())
    assert links(a) == links(b)
    assert links(a)["person:S002"]["email"] == "'=HYPERLINK(\"http://evil\")"
    ws = openpyxl.load_workbook(a / "feeds.xlsx")["订阅链接"]
    email = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "S002")[4]
    assert email.data_type == "s" and email.value == "=HYPERLINK(\"http://evil\")"


def test_urls_longer_than_256_characters_are_refused(state_root: Path, tmp_path: Path) -> None:
    problem = builders.problem(base_url="https://cme.example.cn/" + "x" * 220)
    with pytest.raises(PlannerError, match="longer than 256"):
        write_outputs(tmp_path / "out", problem, builders.plan())


def test_rotation_revokes_one_feed_and_rewrites_the_link_lists(state_root: Path,
                                                               tmp_path: Path) -> None:
    out = write_outputs(tmp_path / "out", builders.problem(), builders.plan())
    before = links(out)
    rotated = rotate(out, "S001", state_root)
    after = links(out)
    assert rotated.feed_key == "person:S001"
    assert token_of(after["person:S001"]) != token_of(before["person:S001"])
    assert {k: v for k, v in after.items() if k != "person:S001"} == {
        k: v for k, v in before.items() if k != "person:S001"}
    db = open_state(state_dir("tiny"))
    try:
        active = TokenStore(db).active_hashes()
    finally:
        db.close()
    assert token_hash(token_of(before["person:S001"])) not in active
    assert token_hash(token_of(after["person:S001"])) in active
    # and a re-run of the plan keeps the new token
    assert links(write_outputs(tmp_path / "again", builders.problem(), builders.plan())) == after


def test_feed_ids_resolve_and_ambiguity_is_refused() -> None:
    source = feed_source(builders.problem())
    assert resolve_feed(source, "S001") == "person:S001"
    assert resolve_feed(source, "R1") == "room:R1"
    assert resolve_feed(source, "department:NK") == "department:NK"
    assert resolve_feed(source, "hospital") == "hospital"
    with pytest.raises(PlannerError, match="no staff member"):
        resolve_feed(source, "S999")


def test_people_who_left_lose_their_feed_at_publish(state_root: Path, tmp_path: Path) -> None:
    out = write_outputs(tmp_path / "v1", builders.problem(), builders.plan())
    publish(out, at=T1)
    gone = token_hash(token_of(links(out)["person:S002"]))
    smaller = builders.problem(staff_ids=("S001", "S003", "S004"))
    plan = builders.plan()
    from dataclasses import replace

    plan = replace(plan, sessions=[replace(s, attendees=tuple(a for a in s.attendees
                                                               if a != "S002"))
                                   for s in plan.sessions],
                   offsite=[o for o in plan.offsite if o.staff != "S002"])
    out2 = write_outputs(tmp_path / "v2", smaller, plan)
    assert "person:S002" not in links(out2)
    db = open_state(state_dir("tiny"))
    try:
        assert gone in TokenStore(db).active_hashes()  # still live until the next publish
    finally:
        db.close()
    result = publish(out2, at=T1 + dt.timedelta(days=1))
    assert result.revoked == ["person:S002"]
    db = open_state(state_dir("tiny"))
    try:
        assert gone not in TokenStore(db).active_hashes()
    finally:
        db.close()


def test_a_failed_write_leaves_the_state_as_it_was(state_root: Path, tmp_path: Path) -> None:
    out = write_outputs(tmp_path / "out", builders.problem(), builders.plan())
    publish(out, at=T1)
    db = open_state(state_dir("tiny"))
    try:
        with pytest.raises(RuntimeError), db.write() as conn:
            conn.execute("DELETE FROM events")
            conn.execute("UPDATE meta SET value = '99' WHERE key = 'current_version'")
            raise RuntimeError("killed midway")
        assert db.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] > 0
        assert db.current_version().version == 1
    finally:
        db.close()


def test_two_publishes_at_once_serialise(state_root: Path, tmp_path: Path) -> None:
    out = write_outputs(tmp_path / "out", builders.problem(), builders.plan())
    moved = write_outputs(tmp_path / "moved", builders.problem(),
                          builders.moved(builders.plan(), "QY#1.1", dt.date(2027, 3, 9)))
    script = ("import sys, pathlib; from planner.calendars.publish import publish; "
              "publish(pathlib.Path(sys.argv[1]), state_root=pathlib.Path(sys.argv[2]))")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(folder), str(state_root)])
             for folder in (out, moved)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    conn = sqlite3.connect(state_dir("tiny") / "planner.sqlite")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        versions = [r[0] for r in conn.execute("SELECT version FROM versions ORDER BY version")]
        assert versions == [1, 2]
        sequences = dict(conn.execute("SELECT key, sequence FROM events"))
        assert sequences["session:QY#1.1"] == 1  # whichever came second moved it
    finally:
        conn.close()
