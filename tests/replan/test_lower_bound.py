"""The re-plan's lower bound on the bundled example: what it sees, and that it stays a bound.

The example is planned and published once for the module (version 1, published 2027-01-01, as
in :mod:`tests.replan.test_scenarios`). Each case copies its inputs, changes one thing and asks
:func:`planner.solver.replan.bound.lower_bound` directly, with the published plan split at the freeze
date as ``planner plan`` splits it; the expected numbers are worked out here from the published
plan. A few cases then re-plan through the real CLI and check that what the re-plan changed is
never below the bound it reported.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from planner.changes.diff import diff_plans
from planner.domain import Problem
from planner.inputs import load_problem
from planner.ledger import ledger
from planner.plan import Plan, PlannedSession
from planner.solver.replan.bound import LowerBound, lower_bound
from planner.solver.replan.past import past_work

from tests.conftest import run_cli
from tests.replan.conftest import ENGINE, Baseline
from tests.replan.conftest import edit_rows as rewrite_rows

FREEZE = dt.date(2027, 5, 1)


@dataclass
class Published:
    inputs: Path  # a copy of the example, named "example" like the state folder
    state: Path
    plan: Plan


@pytest.fixture
def published(published_example: Baseline) -> Published:
    out = published_example.outputs
    return Published(published_example.inputs, published_example.state,
                     Plan.from_json((out / "plan" / "plan.json").read_bytes()))


# --- helpers ----------------------------------------------------------------------------------

Change = Callable[[Path], None]


def edit_rows(name: str, edit: Callable[[dict[str, str]], dict[str, str] | None]) -> Change:
    """A change rewriting one CSV table row by row (``edit`` returns None to drop a row)."""
    def change(inputs: Path) -> None:
        rewrite_rows(inputs / name, edit)
    return change


def min_on_duty(dept: str, value: str) -> Change:
    def edit(row: dict[str, str]) -> dict[str, str]:
        if row["id"] == dept:
            row["min_on_duty"] = value
        return row
    return edit_rows("departments.csv", edit)


def both(*changes: Change) -> Change:
    def change(inputs: Path) -> None:
        for c in changes:
            c(inputs)
    return change


def drop_seat(seat: str) -> Change:
    return edit_rows("external_seats.csv", lambda r: None if r["id"] == seat else r)


def leave_programme(pid: str) -> Change:
    def edit(row: dict[str, str]) -> dict[str, str]:
        ids = row["participants"].removeprefix("id=").split(",")
        assert pid in ids
        row["participants"] = "id=" + ",".join(i for i in ids if i != pid)
        return row
    return edit_rows("programmes.csv", edit)


def changed_inputs(published: Published, tmp_path: Path, change: Change) -> Path:
    inputs = tmp_path / "inputs" / "example"
    shutil.copytree(published.inputs, inputs)
    change(inputs)
    return inputs


def bound_of(published: Published, problem: Problem) -> LowerBound:
    """The bound as ``planner plan`` computes it (:func:`planner.pipeline._past`)."""
    audiences = {c.id: frozenset(p.id for p in problem.audience(c.audience))
                 for c in problem.courses}
    done = ledger(published.plan, problem.attendance_records, FREEZE, audiences=audiences)
    hospital_run = {c.id: c.hospital_run for c in problem.courses}
    work = past_work(published.plan, done.attendees(), FREEZE, done.history_rows(hospital_run))
    return lower_bound(work, problem)


def bound_for(published: Published, tmp_path: Path, change: Change) -> LowerBound:
    return bound_of(published, load_problem(changed_inputs(published, tmp_path, change)))


def session(plan: Plan, sid: str) -> PlannedSession:
    return next(s for s in plan.sessions if s.id == sid)


def seen_by(s: PlannedSession) -> int:
    """Everyone whose calendar shows a session: its attendees and its speaker (staff only)."""
    return len(s.attendees) + (0 if s.speaker.startswith("ext:") else 1)


def future(plan: Plan) -> list[PlannedSession]:
    return [s for s in plan.sessions if dt.date.fromisoformat(s.date) >= FREEZE]


def staff_rows(inputs: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((inputs / "staff.csv").read_text("utf-8-sig"))))


# --- what the bound sees ----------------------------------------------------------------------

def test_unchanged_inputs_force_nothing(published: Published, tmp_path: Path) -> None:
    bound = bound_for(published, tmp_path, lambda d: None)
    assert (bound.sessions, bound.person_events, bound.reasons) == (0, 0, ())


def test_a_cancelled_seat_forces_its_placement_and_teach_back(published: Published,
                                                               tmp_path: Path) -> None:
    placed = [p for p in published.plan.placements if p.seat == "JX2"]
    assert len(placed) == 1 and dt.date.fromisoformat(placed[0].start) >= FREEZE
    talk = session(published.plan, placed[0].teach_back)
    assert dt.date.fromisoformat(talk.date) >= FREEZE and talk.speaker == placed[0].staff
    bound = bound_for(published, tmp_path, drop_seat("JX2"))
    # the placement: one item in one calendar; its teach-back: one session, everyone who sees it
    assert (bound.sessions, bound.person_events) == (1 + 1, 1 + seen_by(talk))
    assert bound.reasons == (
        f"placement {placed[0].staff} at seat JX2 ({placed[0].start}..{placed[0].end}): "
        f"seat JX2 removed",
        f"{talk.id}: teach-back of {placed[0].staff}'s placement at seat JX2, which must go "
        f"(seat JX2 removed)")


def test_a_seat_that_began_before_the_freeze_is_a_fact(published: Published,
                                                       tmp_path: Path) -> None:
    began = [p for p in published.plan.placements if p.seat == "JX1"]
    assert len(began) == 1 and dt.date.fromisoformat(began[0].start) < FREEZE
    bound = bound_for(published, tmp_path, drop_seat("JX1"))
    assert (bound.sessions, bound.person_events) == (0, 0)


def test_a_placed_person_leaving_counts_each_session_once(published: Published,
                                                          tmp_path: Path) -> None:
    """S066 (on seat JX2 from September) leaves: the placement goes, the teach-back (S066
    speaks) and every other session S066 teaches must change — each counted once, the
    teach-back under its speaker — and S066 drops out of the sessions they attend."""
    pid = "S066"
    placed = next(p for p in published.plan.placements if p.staff == pid)
    bound = bound_for(published, tmp_path, both(
        edit_rows("staff.csv", lambda r: None if r["id"] == pid else r),
        edit_rows("history.csv", lambda r: None if r["staff_id"] == pid else r)))
    taught = [s for s in future(published.plan) if s.speaker == pid]
    attends = [s for s in future(published.plan) if pid in s.attendees and s.speaker != pid]
    assert placed.teach_back in {s.id for s in taught}
    assert bound.sessions == 1 + len(taught)
    assert bound.person_events == 1 + sum(seen_by(s) for s in taught) + len(attends)
    assert bound.reasons[0].endswith(f"{pid} left the staff")
    assert f"{placed.teach_back}: speaker {pid} unavailable on " in "\n".join(bound.reasons)
    assert len(bound.reasons) == 1 + len(taught)


def test_an_icu_minimum_raised_to_80_percent_forces_the_speakers_it_cannot_spare(
        published: Published, tmp_path: Path) -> None:
    # ICU's minimum raised to 80 % of its 12 people: 10 on duty. On a day when only 10 of them
    # are on the ward (the rest on leave, or away in a rotation block begun before the freeze
    # date — a fact), none may leave it to teach: each future session a non-rotating ICU member
    # teaches on such a day must change, and the bound names exactly those, with the roster.
    inputs = changed_inputs(published, tmp_path, min_on_duty("ICU", "80%"))
    problem = load_problem(inputs)
    icu = {r["id"] for r in staff_rows(inputs) if r["department"] == "ICU"}
    assert len(icu) == 12
    minimum = next(d for d in problem.departments if d.id == "ICU").min_on_duty
    assert minimum == math.ceil(9.6)
    rotators = {b.staff for b in published.plan.rotations}
    away = {(u.id, u.start, u.end) for u in problem.unavailability if u.kind == "staff"}

    def roster(day: str) -> int:
        d = dt.date.fromisoformat(day)
        gone = {pid for pid, a, b in away if pid in icu and a <= d <= b}
        gone |= {b.staff for b in published.plan.rotations
                 if b.staff in icu and b.department != "ICU" and b.start <= day <= b.end
                 and dt.date.fromisoformat(b.start) < FREEZE}
        return len(icu - gone)

    forced = sorted(s.id for s in published.plan.sessions
                    if s.date >= FREEZE.isoformat() and s.speaker in icu
                    and s.speaker not in rotators and roster(s.date) <= minimum)
    bound = bound_of(published, problem)
    assert sorted(r.split(":")[0] for r in bound.reasons) == forced
    for reason in bound.reasons:
        m = re.fullmatch(r"(\S+): speaker (S\d+) cannot be spared by ICU on (\d{4}-\d\d-\d\d) "
                         r"\((\d+) on its roster that day, minimum on duty 10\)", reason)
        assert m, reason
        assert session(published.plan, m.group(1)).speaker == m.group(2)
        assert int(m.group(4)) == roster(m.group(3))
    assert (bound.sessions, bound.person_events) == (
        len(forced), sum(seen_by(session(published.plan, k)) for k in forced))


def test_a_block_no_longer_kept_leaves_its_person_on_the_roster(published: Published,
                                                                tmp_path: Path) -> None:
    """S108 taken out of the rotation programme: their begun 外科 block is then no fact (the
    months phase has no option to keep it), so S108 may be back on the ICU ward and CPR#1.3 is
    not forced; their July block in 急诊科 must go, and with it their place in its exit exam,
    which S081 still takes."""
    bound = bound_for(published, tmp_path, both(min_on_duty("ICU", "80%"),
                                                leave_programme("S108")))
    later = [b for b in published.plan.rotations
             if b.staff == "S108" and dt.date.fromisoformat(b.start) >= FREEZE]
    assert len(later) == 1 and later[0].exit_exam
    exam = session(published.plan, later[0].exit_exam)
    assert "S108" in exam.attendees and len(exam.attendees) > 1  # S081 stays
    assert (bound.sessions, bound.person_events) == (1, 1 + 1)
    assert not any("CPR#1.3" in r for r in bound.reasons)
    assert bound.reasons == (
        f"rotation block S108 PROMO#{later[0].block} in {later[0].department} "
        f"({later[0].start}..{later[0].end}): S108 no longer takes part in programme PROMO",
        f"{exam.id}: S108 loses this exit exam with their rotation block")


def test_a_rotator_leaving_the_programme_takes_their_later_blocks_and_lone_exit_exams(
        published: Published, tmp_path: Path) -> None:
    """S119 taken out of the rotation programme: each of their blocks from the freeze date on
    must go, and so must each exit exam no one else's block ends at (everyone sees it leave);
    the block begun before the freeze date is not counted."""
    pid = "S119"
    later = [b for b in published.plan.rotations
             if b.staff == pid and dt.date.fromisoformat(b.start) >= FREEZE]
    assert len(later) >= 2
    assert any(b.staff == pid and dt.date.fromisoformat(b.start) < FREEZE
               for b in published.plan.rotations)
    lone = [session(published.plan, b.exit_exam) for b in later
            if b.exit_exam and not any(
                x.staff != pid and (x.department, x.end[:7]) == (b.department, b.end[:7])
                for x in published.plan.rotations)]
    assert lone and all(s.attendees == (pid,) for s in lone)
    bound = bound_for(published, tmp_path, leave_programme(pid))
    assert (bound.sessions, bound.person_events) == (
        len(later) + len(lone), len(later) + sum(seen_by(s) for s in lone))
    assert bound.reasons[:len(later)] == tuple(
        f"rotation block {pid} PROMO#{b.block} in {b.department} ({b.start}..{b.end}): "
        f"{pid} no longer takes part in programme PROMO" for b in later)
    assert bound.reasons[len(later):] == tuple(
        f"{s.id}: exit exam of {pid}, whose rotation blocks must go"
        for s in sorted(lone, key=lambda s: s.id))


def test_a_department_that_can_spare_nobody_forces_every_session_its_people_teach(
        published: Published, tmp_path: Path) -> None:
    """儿科 (no rotators come in) at 100 %: every later session an EK member teaches must
    change — except those of S095, a rotator, whose ward a re-plan could change."""
    inputs = changed_inputs(published, tmp_path, min_on_duty("EK", "100%"))
    ek = {r["id"] for r in staff_rows(inputs) if r["department"] == "EK"}
    rotators = {b.staff for b in published.plan.rotations}
    taught = [s for s in future(published.plan) if s.speaker in ek]
    assert taught and any(s.speaker not in rotators for s in taught)
    expected = [s for s in taught if s.speaker not in rotators]
    bound = bound_of(published, load_problem(inputs))
    assert (bound.sessions, bound.person_events) == (len(expected),
                                                     sum(seen_by(s) for s in expected))
    assert all("cannot be spared by EK" in r for r in bound.reasons)


def test_a_department_rotators_come_into_is_not_judged(published: Published,
                                                       tmp_path: Path) -> None:
    """外科 takes rotators, who count on duty there: whatever its minimum, a re-plan might bring
    one in, so its speakers are never forced by it."""
    inputs = changed_inputs(published, tmp_path, min_on_duty("WK", "100%"))
    wk = {r["id"] for r in staff_rows(inputs) if r["department"] == "WK"}
    assert any(s.speaker in wk for s in future(published.plan))
    bound = bound_of(published, load_problem(inputs))
    assert (bound.sessions, bound.person_events) == (0, 0)


# --- a bound, by the real re-plan ---------------------------------------------------------------

def replan(published: Published, tmp_path: Path, change: Change) -> tuple[dict, str, Plan]:
    inputs = changed_inputs(published, tmp_path, change)
    state, out = tmp_path / "state", tmp_path / "v2"
    shutil.copytree(published.state, state)
    result = run_cli("plan", inputs, "-o", out, *ENGINE, "--state", state,
                     "--freeze-until", FREEZE.isoformat())
    assert result.exit_code == 0, result.output
    return (json.loads((out / "run.log").read_text("utf-8")),
            (out / "changes.md").read_text("utf-8"),
            Plan.from_json((out / "plan" / "plan.json").read_bytes()))


@pytest.mark.parametrize("change", [
    drop_seat("JX2"),
    both(min_on_duty("ICU", "80%"), leave_programme("S108")),
    leave_programme("S119"),
], ids=["seat-cancelled", "icu-80-and-s108-leaves-the-programme",
        "s119-leaves-the-programme"])
def test_a_re_plan_changes_at_least_the_bound(published: Published, tmp_path: Path,
                                              change: Change) -> None:
    expected = bound_for(published, tmp_path / "direct", change)
    assert expected.sessions > 0
    log, md, new = replan(published, tmp_path, change)
    assert log["violations"] == 0
    assert log["replan"]["lower_bound"] == [expected.sessions, expected.person_events]
    assert log["replan"]["forced"] == list(expected.reasons)
    # what the re-plan changed, counted as changes.md counts it, is never below the bound
    changed = diff_plans(published.plan, new)
    assert changed.changed_sessions >= expected.sessions
    assert changed.changed_person_events >= expected.person_events
    # changes.md shows each count beside its bound (in either language: "**N** (lower bound
    # M)" or "**N**（下限 M）")
    shown = re.findall(r"\*\*(\d+)\*\*\D{0,20}?(\d+)", md)[:2]
    assert shown == [(str(changed.changed_sessions), str(expected.sessions)),
                     (str(changed.changed_person_events), str(expected.person_events))], md
