"""A QR sign-in reaches the next plan: the re-plan's ledger counts it, and the person's hours in
the new plan's quota table (``plan/quotas.csv``) grow by the session's hours. The bundled
example as planned once for the whole test session (``planned_example``), published into a
private state folder and re-planned once here."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from planner.calendars.publish import publish
from planner.ledger import ledger
from planner.plan import Plan
from planner.staff import db as staffdb
from planner.state import open_state, state_dir
from tests.conftest import EXAMPLE, TEST_TIME_LIMIT, run_cli

FREEZE = dt.date(2027, 5, 1)


def quotas(out: Path) -> dict[tuple[str, str], dict[str, str]]:
    rows = csv.DictReader(io.StringIO((out / "plan" / "quotas.csv").read_text("utf-8-sig")))
    return {(r["staff_id"], r["category"]): r for r in rows}


def test_a_sign_in_moves_the_persons_hours_in_the_next_plans_quota_table(
        planned_example: Path, tmp_path: Path) -> None:
    state = tmp_path / "state"
    publish(planned_example, state_root=state, at=dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc))
    old = Plan.from_json((planned_example / "plan" / "plan.json").read_bytes())
    table = quotas(planned_example)
    # a session held before the freeze date, and someone with a quota in its category who is
    # at no run of that part and teaches none: the sign-in is the only reason to count it
    runs: dict[tuple[str, int], set[str]] = {}
    for s in old.sessions:
        runs.setdefault((s.course, s.part), set()).update({*s.attendees, s.speaker})
    session, person = next(
        (s, pid) for s in sorted(old.sessions, key=lambda s: (s.start, s.id))
        if s.date < FREEZE.isoformat() and s.hours
        for (pid, cat) in sorted(table) if cat == s.category
        and pid not in runs[s.course, s.part])
    db = open_state(state_dir("example", state), create=False)
    try:
        staffdb.record_sign_in(db, person, session.id, session.date,
                               dt.datetime.fromisoformat(session.start))
    finally:
        db.close()
    out = tmp_path / "v2"
    result = run_cli("plan", EXAMPLE, "-o", out, "--time-limit", TEST_TIME_LIMIT,
                     "--state", state, "--freeze-until", FREEZE.isoformat())
    assert result.exit_code == 0, result.output
    # what the ledger counts without the sign-in, independently of the re-plan
    without = ledger(old, (), FREEZE, sign_ins=[]).hours().get((person, session.category), 0.0)
    with_it = ledger(old, (), FREEZE, sign_ins=[(person, session.id, session.date)]).hours()
    assert with_it[person, session.category] == without + session.hours
    # the re-plan keeps the held session with the signed-in person among its attendees, and
    # their row of the quota table counts its hours (held sessions count in "planned", beside
    # the history carried in from the inputs)
    new = Plan.from_json((out / "plan" / "plan.json").read_bytes())
    held = next(s for s in new.sessions if s.id == session.id)
    assert person in held.attendees and person not in session.attendees
    before, after = table[person, session.category], quotas(out)[person, session.category]
    assert float(after["planned"]) - float(before["planned"]) == session.hours
    assert after["history"] == before["history"]
    log = json.loads((out / "run.log").read_text("utf-8"))
    assert log["replan"]["baseline_version"] == 1
