"""The issue's re-planning scenarios, end to end through the real CLI on the bundled example.

The example is planned and published once for the module (version 1, published 2027-01-01);
each scenario copies the inputs and the state folder, changes one input, and re-plans with
``--freeze-until 2027-05-01``. Each then checks, independently of :mod:`planner.changes`:

* the run and ``planner check --held-before <freeze date>`` pass (sessions held before the
  freeze date are facts, counted but not judged against today's inputs);
* every session dated before the freeze date is in the new plan.json exactly as published
  (the example has no attendance records, so attendees too);
* the changed sessions are the ones the change touches, and every notice names the change;
* ``changes-office.csv`` lists exactly the people whose calendars changed, one row per changed
  entry, computed here from the two plan.json files; ``changes.csv`` one row for each of them;
* changed person-events stay within 2 × the lower bound where the bound sees the whole change.
  The bound counts published sessions whose time, room or speaker the new inputs forbid,
  published blocks and placements they rule out (with their exit exams and teach-backs), and
  sessions whose speaker the ward can no longer spare; a new person is invisible to it, and of a
  raised minimum or a cancelled seat it sees only those sessions, not the attendance the change
  moves — there the test bounds the changes by what the change concerns instead (see each test).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from tests.conftest import check_passed, run_cli
from tests.replan.conftest import ENGINE, Baseline, append_row, edit_rows

FREEZE = dt.date(2027, 5, 1)


@pytest.fixture
def baseline(published_example: Baseline) -> Baseline:
    """The example planned and published once (version 1, published 2027-01-01)."""
    return published_example


@dataclass
class Replan:
    old: dict  # the published plan.json
    new: dict  # the re-planned plan.json
    output: str  # what `planner plan` printed
    out: Path
    inputs: Path
    state: Path
    rows: list[dict[str, str]]  # changes-office.csv (one row per person-event, full cause)
    md: str  # changes.md
    log: dict  # run.log
    people: list[dict[str, str]]  # changes.csv (one row per person, what they read)

    @property
    def bound(self) -> tuple[int, int]:
        sessions, events = self.log["replan"]["lower_bound"]
        return sessions, events


def _csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))


def replan(baseline: Baseline, tmp_path: Path, change: Callable[[Path], None],
           freeze: dt.date = FREEZE, extra: tuple[str, ...] = ()) -> Replan:
    """Copy inputs and state, apply ``change`` to the inputs, re-plan, check."""
    inputs, state, out = tmp_path / "inputs" / "example", tmp_path / "state", tmp_path / "v2"
    shutil.copytree(baseline.inputs, inputs)
    shutil.copytree(baseline.state, state)
    change(inputs)
    result = run_cli("plan", inputs, "-o", out, *ENGINE, "--state", state,
                     "--freeze-until", freeze.isoformat(), *extra)
    assert result.exit_code == 0, result.output
    assert "变更（对照已发布的第 1 版）：" in result.output
    assert check_passed(result.output), result.output
    checked = run_cli("check", inputs, out, "--held-before", freeze.isoformat())
    assert checked.exit_code == 0, checked.output
    recorded = run_cli("check", inputs, out)  # the freeze date is recorded in plan.json
    assert recorded.exit_code == 0, recorded.output
    assert f"{freeze.isoformat()} 之前的讲座视为已举行" in recorded.output
    return Replan(
        old=json.loads((baseline.outputs / "plan" / "plan.json").read_text("utf-8")),
        new=json.loads((out / "plan" / "plan.json").read_text("utf-8")),
        output=result.output, out=out, inputs=inputs, state=state,
        rows=_csv_rows(out / "changes-office.csv"),
        people=_csv_rows(out / "changes.csv"),
        md=(out / "changes.md").read_text("utf-8"),
        log=json.loads((out / "run.log").read_text("utf-8")),
    )


# --- an independent account of each person's calendar ------------------------------------------

def calendars(plan: dict) -> dict[str, dict[str, tuple]]:
    """Person → entry key → what their feed shows of it: each session they attend or teach
    (id, date, start, end, room, speaker, role), each rotation block and placement."""
    out: dict[str, dict[str, tuple]] = {}
    for s in plan["sessions"]:
        shown = (s["date"], s["start"], s["end"], s["room"], s["speaker"])
        for pid in s["attendees"]:
            out.setdefault(pid, {})[f"session:{s['id']}"] = (*shown, "attends")
        if s["speaker"] and not s["speaker"].startswith("ext:"):
            out.setdefault(s["speaker"], {})[f"session:{s['id']}"] = (*shown, "teaches")
    for b in plan["rotations"]:
        out.setdefault(b["staff"], {})[f"rotation:{b['programme']}:{b['block']}"] = (
            b["department"], b["start"], b["end"])
    for p in plan["placements"]:
        out.setdefault(p["staff"], {})[f"placement:{p['seat']}"] = (
            p["partner"], p["start"], p["end"])
    # a recording to watch shows on the day of the part's last run; an online module's
    # deadline on its latest due date
    last: dict[tuple[str, int], dict] = {}
    for s in plan["sessions"]:
        known = last.get((s["course"], s["part"]))
        if known is None or (s["start"], s["id"]) > (known["start"], known["id"]):
            last[s["course"], s["part"]] = s
    for o in plan["offsite"]:
        if o["mode"] == "recording" and (o["course"], o["part"]) in last:
            out.setdefault(o["staff"], {})[f"recording:{o['course']}#{o['part']}"] = (
                last[o["course"], o["part"]]["date"],)
        elif o["mode"] == "online":
            mine = out.setdefault(o["staff"], {})
            due = o.get("due") or plan["horizon_end"]
            mine[f"deadline:{o['course']}"] = (max(due, mine.get(f"deadline:{o['course']}",
                                                                 (due,))[0]),)
    return out


def changed_entries(old: dict, new: dict) -> dict[str, set[str]]:
    """Person → keys of their feed entries that appeared, left or changed."""
    a, b = calendars(old), calendars(new)
    out = {}
    for pid in set(a) | set(b):
        mine_a, mine_b = a.get(pid, {}), b.get(pid, {})
        keys = {k for k in set(mine_a) | set(mine_b) if mine_a.get(k) != mine_b.get(k)}
        if keys:
            out[pid] = keys
    return out


def changed_sessions(old: dict, new: dict) -> set[str]:
    """Session ids whose time, room or speaker differ, or that appeared or left."""
    def placing(plan: dict) -> dict[str, tuple]:
        return {s["id"]: (s["start"], s["end"], s["room"], s["speaker"]) for s in plan["sessions"]}

    a, b = placing(old), placing(new)
    return {k for k in set(a) | set(b) if a.get(k) != b.get(k)}


def session_dump(plan: dict, before: dt.date) -> list[str]:
    return [json.dumps(s, ensure_ascii=False, sort_keys=True) for s in plan["sessions"]
            if dt.date.fromisoformat(s["date"]) < before]


def staff_name(inputs: Path, pid: str) -> str:
    rows = csv.DictReader(io.StringIO((inputs / "staff.csv").read_text("utf-8-sig")))
    return next(r["name"] for r in rows if r["id"] == pid)


def assert_sound(r: Replan) -> dict[str, set[str]]:
    """What every scenario must show; returns the independent per-person changes."""
    # the past is pinned, byte for byte
    past_old, past_new = session_dump(r.old, FREEZE), session_dump(r.new, FREEZE)
    assert past_old and past_new == past_old
    # the notices list exactly the people whose calendars changed, one row per entry
    mine = changed_entries(r.old, r.new)
    assert {row["staff_id"] for row in r.rows} == set(mine)
    per_person: dict[str, int] = {}
    for row in r.rows:
        per_person[row["staff_id"]] = per_person.get(row["staff_id"], 0) + 1
    assert per_person == {pid: len(keys) for pid, keys in mine.items()}
    assert sorted(row["staff_id"] for row in r.people) == sorted(mine)
    # the counts printed and written agree with the independent ones
    events = sum(len(k) for k in mine.values())
    sessions = len(changed_sessions(r.old, r.new))
    # (changes.md is in the example's language, Chinese: 变更人次 = changed person-events,
    # 变更场次 = changed sessions, 下限 = lower bound; so is the console)
    assert f"- 变更人次：**{events}**（下限 {r.bound[1]}）" in r.md
    assert f"- 变更场次：**{sessions + _items(r)}**（下限 {r.bound[0]}）" in r.md
    assert f"变更人次 {events}，" in r.output
    # nothing is explained away as re-optimisation (重新优化): every move traces to an input change
    assert all(row["cause"] and row["cause"] != "重新优化" for row in r.rows), r.rows
    return mine


def _items(r: Replan) -> int:
    """Changed rotation blocks and placements (the other half of "changed sessions")."""
    def rows(plan: dict) -> set[str]:
        return {json.dumps(x, sort_keys=True) for x in plan["rotations"]} | \
            {json.dumps({k: v for k, v in x.items() if k != "teach_back"}, sort_keys=True)
             for x in plan["placements"]}

    def keys(plan: dict) -> dict[str, str]:
        out = {f"r:{x['staff']}:{x['programme']}:{x['block']}":
               json.dumps([x["department"], x["start"], x["end"]]) for x in plan["rotations"]}
        out |= {f"p:{x['staff']}:{x['seat']}": json.dumps([x["partner"], x["start"], x["end"]])
                for x in plan["placements"]}
        return out

    a, b = keys(r.old), keys(r.new)
    return sum(1 for k in set(a) | set(b) if a.get(k) != b.get(k))


# --- the scenarios -------------------------------------------------------------------------------

def test_a_speakers_sudden_leave_moves_only_their_sessions(baseline: Baseline,
                                                            tmp_path: Path) -> None:
    leave = (dt.date(2027, 6, 1), dt.date(2027, 6, 30))
    r = replan(baseline, tmp_path, lambda d: append_row(
        d / "unavailability.csv", "staff,S005,2027-06-01,2027-06-30,病假"))
    mine = assert_sound(r)
    theirs = {s["id"] for s in r.old["sessions"] if s["speaker"] == "S005"
              and leave[0] <= dt.date.fromisoformat(s["date"]) <= leave[1]}
    assert theirs, "the scenario needs S005 to teach in June"
    # exactly their June sessions change (a new speaker, or a new time), nothing else
    assert changed_sessions(r.old, r.new) == theirs
    assert r.bound[0] == len(theirs)
    assert all(s["speaker"] != "S005" for s in r.new["sessions"] if s["id"] in theirs)
    events = sum(len(k) for k in mine.values())
    assert r.bound[1] <= events <= 2 * r.bound[1]
    name = staff_name(r.inputs, "S005")
    assert all(name in row["cause"] and "请假" in row["cause"] for row in r.rows)
    assert f"- {name} 2027-06-01 至 2027-06-30 请假（病假）" in r.md
    # what the people read (changes.csv) names the leave to S005 alone
    assert r.people and all(("病假" in row["notice"]) == (row["staff_id"] == "S005")
                            for row in r.people)
    # leave is not a month input: the published rotations and placements stand without a search
    assert r.log["model"]["months_kept_published"] == 1


def test_a_room_closed_for_a_month_moves_only_its_sessions(baseline: Baseline,
                                                            tmp_path: Path) -> None:
    # The room the published plan uses least in June but at least once besides the hall (the
    # example's only room for whole-hospital lectures): closing it moves what it held.
    june = [x for x in _old_plan(baseline)["sessions"] if x["date"].startswith("2027-06")]
    used: dict[str, int] = {}
    for x in june:
        if x["room"] != "R1":
            used[x["room"]] = used.get(x["room"], 0) + 1
    room = min(sorted(used), key=lambda k: used[k])
    names = {row["id"]: row["name"] for row in csv.DictReader(
        io.StringIO((baseline.inputs / "rooms.csv").read_text("utf-8-sig")))}
    r = replan(baseline, tmp_path, lambda d: append_row(
        d / "unavailability.csv", f"room,{room},2027-06-01,2027-06-30,装修"))
    mine = assert_sound(r)
    in_it = {s["id"] for s in r.old["sessions"] if s["room"] == room
             and s["date"].startswith("2027-06")}
    assert in_it
    assert changed_sessions(r.old, r.new) == in_it
    assert r.bound[0] == len(in_it)
    assert not any(s["room"] == room and s["date"].startswith("2027-06")
                   for s in r.new["sessions"])
    events = sum(len(k) for k in mine.values())
    assert r.bound[1] <= events <= 2 * r.bound[1]
    assert all(f"{names[room]} 2027-06-01 至 2027-06-30 停用" in row["cause"] for row in r.rows)


def test_a_new_staff_member_gets_a_calendar_and_barely_moves_anyone_else(
        baseline: Baseline, tmp_path: Path) -> None:
    r = replan(baseline, tmp_path, lambda d: append_row(
        d / "staff.csv",
        "S151,林新,NK,doctor,住院医师,1999-03-02,s151@xrmyy.example.cn,内科学,2027-05-01,"))
    mine = assert_sound(r)
    # The lower bound is 0 (nothing published becomes impossible), so the 2× rule cannot apply:
    # the newcomer's own entries are all new, and what they force — a seat they take in a
    # session that was full, a colleague their department can no longer release at that time —
    # stays small beside them.
    assert r.bound == (0, 0)
    assert "S151" in mine
    assert all(row["change"] == "新增" for row in r.rows if row["staff_id"] == "S151")
    assert not changed_sessions(r.old, r.new) - _added(r)
    others = sum(len(k) for pid, k in mine.items() if pid != "S151")
    assert others <= len(mine["S151"]), mine
    # NK's minimum is 70 %: one more member raises it from 20 to 21 people, and the notices say
    # so — both input changes come from the one new row.
    assert "- 新职工林新（内科）" in r.md
    assert "- 内科最少在岗人数由 20 人提高至 21 人" in r.md
    assert all("新职工林新" in row["cause"] or "内科最少在岗人数由 20 人提高至 21 人"
               in row["cause"] for row in r.rows)
    assert all(row["cause"] == "新职工林新（内科）"
               for row in r.rows if row["staff_id"] == "S151")
    # the staff table is a month input, but every block is still planned with every published
    # one kept: nothing for a months search to improve
    assert r.log["model"]["months_kept_published"] == 1
    # the newcomer attends only sessions after the freeze date
    assert all(dt.date.fromisoformat(s["date"]) >= FREEZE
               for s in r.new["sessions"] if "S151" in s["attendees"])


def test_a_department_minimum_raised_moves_only_that_departments_people(
        baseline: Baseline, tmp_path: Path) -> None:
    def raise_icu(row: dict[str, str]) -> dict[str, str]:
        if row["id"] == "ICU":
            row["min_on_duty"] = "80%"
        return row

    r = replan(baseline, tmp_path, lambda d: edit_rows(d / "departments.csv", raise_icu))
    mine = assert_sound(r)
    # What must change is bounded by the department: only ICU staff can lose a session to the
    # new minimum; others move only where an ICU member's place is given to them. A session's
    # time, room or speaker changes only where its ICU speaker can no longer be spared from the
    # ward that day (teaching takes the speaker off duty; worked out independently here from the
    # roster). The lower bound sees those sessions (their attendees and speaker); the attendance
    # moves the new minimum forces elsewhere depend on who attends what, and it does not.
    icu = _department(r.inputs, "ICU")
    forced = _unsparable_speakers(r, "ICU")
    assert r.bound == (len(forced), sum(len(_session(r.old, sid)["attendees"]) + 1
                                        for sid in forced))
    assert changed_sessions(r.old, r.new) == forced
    for sid in forced:  # moved, or given by someone the ward can spare
        assert _session(r.new, sid)["speaker"] != _session(r.old, sid)["speaker"] or \
            _session(r.new, sid)["date"] != _session(r.old, sid)["date"]
    assert mine and set(mine) & icu
    assert all("重症医学科最少在岗人数由" in row["cause"] and "提高至" in row["cause"]
               for row in r.rows)
    icu_events = sum(len(k) for pid, k in mine.items() if pid in icu)
    others = sum(1 for pid, keys in mine.items() if pid not in icu for k in keys
                 if k.removeprefix("session:") not in forced)  # beyond seeing a new speaker
    assert others <= icu_events
    # and the new minimum holds at every session time after the freeze date (the checker
    # passed; this names the rule the scenario is about)
    assert "coverage" not in r.output.split("校核通过")[-1]


def test_an_external_partner_cancelling_a_seat_removes_the_placement_and_its_teach_back(
        baseline: Baseline, tmp_path: Path) -> None:
    placed = [p for p in _old_plan(baseline)["placements"] if p["seat"] == "JX2"]
    assert len(placed) == 1 and placed[0]["start"] >= FREEZE.isoformat()
    person, talk = placed[0]["staff"], placed[0]["teach_back"]
    # The loader requires seats ≥ 1 (see the test below), so the office cancels a seat by
    # deleting its row.
    r = replan(baseline, tmp_path, lambda d: edit_rows(
        d / "external_seats.csv", lambda row: None if row["id"] == "JX2" else row))
    mine = assert_sound(r)
    assert not [p for p in r.new["placements"] if p["seat"] == "JX2"]
    assert talk not in {s["id"] for s in r.new["sessions"]}
    # What must change: the placement, the teach-back session (every attendee and its
    # speaker) — the lower bound counts these two — and the person, now home for three months,
    # joining sessions they were away for. Every other change must be a seat taken or given up.
    assert r.bound == (2, 1 + len(_session(r.old, talk)["attendees"]) + 1)
    assert changed_sessions(r.old, r.new) == {talk}
    talk_people = {pid for pid in mine if f"session:{talk}" in mine[pid]}
    assert person in mine and "placement:JX2" in mine[person]
    assert len(talk_people) == len(_session(r.old, talk)["attendees"]) + 1
    assert all("进修名额 JX2" in row["cause"] for row in r.rows)
    # no plan can keep the placement (its seat is gone); every other block and placement is
    # kept, every block planned and the other seat filled: nothing for a months search to do
    assert r.log["model"]["months_kept_published"] == 1


def test_a_seat_count_of_zero_is_rejected_with_the_file_row_and_column(
        baseline: Baseline, tmp_path: Path) -> None:
    inputs = tmp_path / "example"
    shutil.copytree(baseline.inputs, inputs)

    def zero(row: dict[str, str]) -> dict[str, str]:
        if row["id"] == "JX2":
            row["seats"] = "0"
        return row

    edit_rows(inputs / "external_seats.csv", zero)
    result = run_cli("validate", inputs)
    assert result.exit_code == 2
    assert "external_seats" in result.output and "seats" in result.output


def _unsparable_speakers(r: Replan, dept: str) -> set[str]:
    """Published future sessions whose speaker works on ``dept``'s ward that day when the ward,
    under the new inputs, cannot spare them: its roster (own staff not in a rotation block
    elsewhere, plus rotators placed there when its rotators count on duty), less those on leave
    or away on external study, less the speaker, is below its new minimum. Rotations and
    placements as the new plan has them (none of the example's move in this scenario)."""
    from planner.inputs import load_problem

    problem = load_problem(r.inputs)
    d = next(x for x in problem.departments if x.id == dept)
    home = {p.id: p.department for p in problem.staff}
    leave = [(u.id, u.start, u.end) for u in problem.unavailability if u.kind == "staff"]
    leave += [(p["staff"], dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"]))
              for p in r.new["placements"]]

    def ward(pid: str, day: dt.date) -> str:
        for b in r.new["rotations"]:
            if b["staff"] == pid and b["start"] <= day.isoformat() <= b["end"]:
                return b["department"]
        return home[pid]

    out = set()
    for s in r.old["sessions"]:
        day = dt.date.fromisoformat(s["date"])
        if day < FREEZE or s["speaker"] not in home or ward(s["speaker"], day) != dept:
            continue
        roster = {p for p in home if (home[p] == dept or d.rotators_count_on_duty)
                  and ward(p, day) == dept}
        off = {p for p, a, b in leave if p in roster and a <= day <= b}
        if len(roster) - len(off) - 1 < d.min_on_duty:
            out.add(s["id"])
    return out


def _added(r: Replan) -> set[str]:
    old = {s["id"] for s in r.old["sessions"]}
    return {s["id"] for s in r.new["sessions"] if s["id"] not in old}


def _department(inputs: Path, dept: str) -> set[str]:
    rows = csv.DictReader(io.StringIO((inputs / "staff.csv").read_text("utf-8-sig")))
    return {r["id"] for r in rows if r["department"] == dept}


def _old_plan(baseline: Baseline) -> dict:
    return json.loads((baseline.outputs / "plan" / "plan.json").read_text("utf-8"))


def _session(plan: dict, sid: str) -> dict:
    return next(s for s in plan["sessions"] if s["id"] == sid)


# --- the issue's "Done when", and a re-plan of unchanged inputs ----------------------------------

def _feeds(state: Path) -> tuple[int, dict[str, dict[str, bytes]]]:
    """The published version and its person feeds: staff id → UID → raw VEVENT."""
    from planner.calendars.hospital import published_bundle
    from planner.state import open_state

    from tests.calendars.conftest import prop, vevents

    db = open_state(state / "example", create=False)
    try:
        found = published_bundle(db)
    finally:
        db.close()
    assert found is not None
    version, bundle = found
    out = {}
    for key, body in bundle.feeds.items():
        if key.startswith("person:"):
            out[key.removeprefix("person:")] = {prop(v, "UID")[0]: v for v in vevents(body)}
    return version.version, out


def _start(vevent: bytes) -> dt.date:
    from tests.calendars.conftest import prop

    value = prop(vevent, "DTSTART")[0]
    return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))


def test_done_when_leave_republish_bumps_sequence_on_exactly_the_changed_events(
        baseline: Baseline, tmp_path: Path) -> None:
    from tests.calendars.conftest import prop

    r = replan(baseline, tmp_path, lambda d: append_row(
        d / "unavailability.csv", "staff,S005,2027-06-01,2027-06-30,病假"))
    mine = assert_sound(r)
    v1, before = _feeds(r.state)
    assert v1 == 1
    published = run_cli("publish", r.out, "--state", r.state, "--today", "2027-05-01")
    assert published.exit_code == 0, published.output
    v2, after = _feeds(r.state)
    assert v2 == 2

    # Publishing on 2027-05-01 moves the feed window (60 days): events that ended before
    # 2027-03-02 leave every feed. Everything from the freeze date on is in both versions.
    seen: dict[str, int] = {}
    for pid in set(before) | set(after):
        old, new = before.get(pid, {}), after.get(pid, {})
        changed = 0
        for uid in set(old) | set(new):
            if uid in old and uid in new:
                if old[uid] == new[uid]:
                    continue  # unchanged: byte-identical
                assert int(prop(new[uid], "SEQUENCE")[0]) == \
                    int(prop(old[uid], "SEQUENCE")[0]) + 1, (pid, uid)
                assert _start(new[uid]) >= FREEZE and _start(old[uid]) >= FREEZE
                changed += 1
            elif uid in old:
                if _start(old[uid]) < FREEZE:
                    continue  # left with the feed window, not a change
                changed += 1  # removed from this person's feed
            else:
                assert _start(new[uid]) >= FREEZE
                changed += 1  # new in this person's feed
        if changed:
            seen[pid] = changed
    assert seen == {pid: len(keys) for pid, keys in mine.items()}

    # changes.md names every affected person under their own heading
    for pid in mine:
        assert f"（{pid}）— " in r.md
    assert staff_name(r.inputs, "S005") in r.md

    # hours already done stay counted: each person's history + planned covers, per category,
    # the hours of the sessions they attended before the freeze date
    done: dict[tuple[str, str], float] = {}
    for s in r.old["sessions"]:
        if dt.date.fromisoformat(s["date"]) < FREEZE:
            for pid in s["attendees"]:
                done[pid, s["category"]] = done.get((pid, s["category"]), 0.0) + s["hours"]
    counted = {(q["staff"], q["category"]): q["history"] + q["planned"] for q in r.new["quotas"]}
    checked = 0
    for key, hours in done.items():
        if key in counted:
            assert counted[key] >= hours - 1e-9, key
            checked += 1
    assert checked > 100


def test_a_re_plan_of_unchanged_inputs_changes_nothing(baseline: Baseline,
                                                        tmp_path: Path) -> None:
    r = replan(baseline, tmp_path, lambda d: None)
    assert_sound(r)
    assert r.bound == (0, 0)
    assert r.rows == []
    assert r.log["model"]["months_kept_published"] == 1
    assert "变更场次 0，变更人次 0，" in r.output
    # The plan is the published one: sessions (with attendees), rotations, placements, quotas,
    # recordings and online modules are identical, and so are their CSV files. Two things may
    # differ, neither shown to anyone in a calendar: the solver's objective figures and statuses
    # (the months phase counts kept blocks; the kept past leaves the timetable model, which a
    # smaller search may then prove optimal), and the *reason*
    # given for a missed session whose runs were partly held before the freeze date (the
    # re-plan explains it from the future runs only) — the same people miss the same sessions.
    # And the re-plan records its freeze date.
    assert (r.old["held_before"], r.new["held_before"]) == ("", "2027-05-01")
    for key in r.old:
        if key not in ("missed", "objective", "held_before", "status", "phases"):
            assert r.new[key] == r.old[key], key
    missed = {(m["staff"], m["course"], m["part"]) for m in r.old["missed"]}
    assert {(m["staff"], m["course"], m["part"]) for m in r.new["missed"]} == missed
    for name in ("sessions.csv", "attendance.csv", "quotas.csv", "rotations.csv",
                 "placements.csv"):
        assert (r.out / "plan" / name).read_bytes() == \
            (baseline.outputs / "plan" / name).read_bytes(), name
    # publishing it changes no subscriber's feed
    _, before = _feeds(r.state)
    published = run_cli("publish", r.out, "--state", r.state, "--today", "2027-01-01")
    assert published.exit_code == 0, published.output
    _, after = _feeds(r.state)
    assert after == before
