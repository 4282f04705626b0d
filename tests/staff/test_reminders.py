"""Reminders (VALARM) in person feeds — a day and an hour before by default, a plan setting can
turn them off — and the recording's or online module's link when the course gives one. Read
back with the three parsers the calendar tests use (icalendar, ical, vobject)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import replace
from pathlib import Path

import icalendar
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream

from planner.calendars.hospital import build_draft
from planner.calendars.source import feed_source
from planner.domain import Problem
from planner.inputs.problem import load_problem
from planner.state import open_state, state_dir
from tests.calendars import builders
from tests.conftest import EXAMPLE, run_cli

ALARMS = re.compile(rb"BEGIN:VALARM\r\n.*?END:VALARM\r\n", re.S)


def feeds(problem: Problem) -> dict[str, bytes]:
    db = open_state(state_dir(problem.name))
    try:
        return build_draft(builders.plan(), feed_source(problem), db).bundle.feeds
    finally:
        db.close()


def with_links(problem: Problem) -> Problem:
    courses = tuple(replace(c, url=f"https://cme.example.cn/v/{c.id}?t=1&x=2")
                    if c.id in ("QY", "YD-ON") else c for c in problem.courses)
    return replace(problem, courses=courses)


def triggers(event: icalendar.Event) -> list[dt.timedelta]:
    return [a["TRIGGER"].dt for a in event.walk("VALARM")]


def test_a_person_feed_reminds_a_day_and_an_hour_before_a_session(state_root: Path) -> None:
    body = feeds(builders.problem())["person:S002"]
    cal = icalendar.Calendar.from_ical(body)
    by_summary = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    lecture = by_summary["全院业务学习：急性胸痛的规范化诊治"]
    assert triggers(lecture) == [-dt.timedelta(days=1), -dt.timedelta(hours=1)]
    assert [str(a["ACTION"]) for a in lecture.walk("VALARM")] == ["DISPLAY", "DISPLAY"]
    # an all-day entry (the online module's deadline) only the day before
    deadline = next(e for s, e in by_summary.items() if "医德医风网络课程" in s)
    assert triggers(deadline) == [-dt.timedelta(days=1)]
    # the strict and the lenient parser read the same alarms
    strict = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    assert sorted(len(e.alarm) for e in strict.events) == \
        sorted(len(triggers(e)) for e in cal.walk("VEVENT"))
    assert all(a.trigger in (-dt.timedelta(days=1), -dt.timedelta(hours=1))
               for e in strict.events for a in e.alarm)
    lenient = vobject.readOne(body.decode("utf-8"))
    assert sum(len(e.contents.get("valarm", [])) for e in lenient.vevent_list) == \
        sum(len(triggers(e)) for e in cal.walk("VEVENT")) > 0


def test_reminders_off_leave_the_feeds_as_they_were(state_root: Path) -> None:
    on = feeds(builders.problem())
    problem = builders.problem()
    off = feeds(replace(problem, settings=replace(problem.settings, reminders=())))
    assert set(on) == set(off)
    for key, body in on.items():
        assert b"VALARM" not in off[key]
        # byte-stable apart from the alarms: nothing else in any feed moves
        assert ALARMS.sub(b"", body) == off[key]
        assert (b"VALARM" in body) == key.startswith("person:")


def test_a_setting_of_thirty_minutes_rings_once(state_root: Path) -> None:
    problem = builders.problem()
    body = feeds(replace(problem, settings=replace(problem.settings, reminders=(30,))))
    cal = icalendar.Calendar.from_ical(body["person:S001"])
    timed = [e for e in cal.walk("VEVENT") if isinstance(e["DTSTART"].dt, dt.datetime)]
    assert timed and all(triggers(e) == [-dt.timedelta(minutes=30)] for e in timed)
    assert all(triggers(e) == [] for e in cal.walk("VEVENT") if e not in timed)


def test_recordings_and_online_modules_carry_their_link(state_root: Path) -> None:
    problem = with_links(builders.problem())
    body = feeds(problem)
    s004 = icalendar.Calendar.from_ical(body["person:S004"])
    recording = next(e for e in s004.walk("VEVENT") if str(e["SUMMARY"]).startswith("【录像】"))
    assert "链接：https://cme.example.cn/v/QY?t=1&x=2" in str(recording["DESCRIPTION"])
    s001 = vobject.readOne(body["person:S001"].decode("utf-8"))
    deadline = next(e for e in s001.vevent_list if "网络课程" in e.summary.value)
    assert "链接：https://cme.example.cn/v/YD-ON?t=1&x=2" in deadline.description.value
    # sessions held in person show no link
    assert b"cme.example.cn/v/" not in body["room:R1"]


@pytest.mark.parametrize(("value", "minutes"), [
    ("[1天, 1小时]", (1440, 60)), ("[2h, 1d]", (1440, 120)), ("off", ()), ("[]", ()),
    ("[30m]", (30,)),
])
def test_the_plan_setting(tmp_path: Path, value: str, minutes: tuple[int, ...]) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "x")
    with (tmp_path / "x" / "plan.yaml").open("a", encoding="utf-8") as f:
        f.write(f"\nreminders: {value}\n")
    assert load_problem(tmp_path / "x").settings.reminders == minutes


def test_a_bad_reminder_is_named_in_plan_yaml(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "x")
    with (tmp_path / "x" / "plan.yaml").open("a", encoding="utf-8") as f:
        f.write("\nreminders: [soon]\n")
    result = run_cli("validate", tmp_path / "x")
    assert result.exit_code != 0
    assert "plan.yaml" in result.output and "reminders" in result.output
    assert "[1d, 1h]" in result.output and "Traceback" not in result.output
