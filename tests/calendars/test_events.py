"""What each feed shows, on the tiny hand-made hospital (see builders.py for the plan)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
import recurring_ical_events

from planner.calendars import keys
from planner.calendars.events import build_events
from planner.calendars.feeds import render_feeds
from planner.calendars.hospital import build_draft
from planner.calendars.labels import EN, ZH
from planner.calendars.source import feed_source
from planner.state import open_state, state_dir

from . import builders
from .conftest import prop, vevents, write_outputs


def draft_feeds(problem=None, plan=None) -> dict[str, bytes]:  # noqa: ANN001
    problem = problem or builders.problem()
    db = open_state(state_dir(problem.name))
    try:
        return build_draft(plan or builders.plan(), feed_source(problem), db).bundle.feeds
    finally:
        db.close()


def summaries(body: bytes) -> list[str]:
    return [prop(v, "SUMMARY")[0] for v in vevents(body)]


def test_a_person_sees_sessions_taught_attended_rotation_and_deadline(state_root: Path) -> None:
    feeds = draft_feeds()
    assert summaries(feeds["person:S001"]) == [
        "【主讲】全院业务学习：急性胸痛的规范化诊治",  # QY#1.1, taught
        "【主讲】全院业务学习：急性胸痛的规范化诊治",  # QY#1.2, taught
        "全院业务学习：院感防控",  # QY#2.1, attended
        "【截止】医德医风网络课程",
        "回院汇报讲课：进修见闻",
    ]
    assert summaries(feeds["person:S003"]) == [
        "轮转：外科",
        "全院业务学习：急性胸痛的规范化诊治",
        "全院业务学习：院感防控",
        "出科考核（外科）",
        "回院汇报讲课：进修见闻",
    ]
    assert summaries(feeds["person:S004"]) == [
        "全院业务学习：急性胸痛的规范化诊治",
        "【录像】全院业务学习：院感防控",
        "【主讲】出科考核（外科）",
        "进修：省人民医院 心血管内科",
        "【主讲】回院汇报讲课：进修见闻",
    ]


def test_session_description_has_category_hours_credits_room_and_speaker(state_root: Path) -> None:
    body = draft_feeds()["person:S002"]
    first = vevents(body)[0]
    description = icalendar.Event.from_ical(first)["DESCRIPTION"]
    assert description.splitlines() == [
        "类别：全院业务学习", "主题：急性胸痛的规范化诊治", "学时：1.5", "学分：0.5（II类）",
        "主讲：王建国", "地点：学术报告厅", "课程：QY 第1讲 第1场",
    ]
    assert prop(first, "LOCATION") == ["学术报告厅"]
    assert prop(first, "CATEGORIES") == ["全院业务学习"]
    assert prop(first, "DTSTART") == ["20270302T163000"]
    assert b"DTSTART;TZID=Asia/Shanghai:20270302T163000\r\n" in first


def test_rotation_and_external_study_are_all_day_with_exclusive_end(state_root: Path) -> None:
    feeds = draft_feeds()
    rotation = vevents(feeds["person:S003"])[0]
    assert b"DTSTART;VALUE=DATE:20270301\r\n" in rotation
    assert b"DTEND;VALUE=DATE:20270501\r\n" in rotation  # block ends 2027-04-30 inclusive
    assert b"TRANSP:TRANSPARENT\r\n" in rotation
    placement = [v for v in vevents(feeds["person:S004"]) if b"DTSTART;VALUE=DATE:20270501" in v]
    assert len(placement) == 1 and b"DTEND;VALUE=DATE:20270801\r\n" in placement[0]


def test_recurring_ical_events_finds_the_rotation_on_its_last_day_not_after(
        state_root: Path) -> None:
    cal = icalendar.Calendar.from_ical(draft_feeds()["person:S003"])
    query = recurring_ical_events.of(cal)

    def on(day: dt.date) -> list[str]:
        return [str(e["SUMMARY"]) for e in query.at(day)]

    assert "轮转：外科" in on(dt.date(2027, 3, 1))
    assert "轮转：外科" in on(dt.date(2027, 4, 30))
    assert "轮转：外科" not in on(dt.date(2027, 5, 1))
    assert "轮转：外科" not in on(dt.date(2027, 2, 28))


def test_deadline_and_recording_are_one_day_all_day_events(state_root: Path) -> None:
    feeds = draft_feeds()
    deadline = [v for v in vevents(feeds["person:S002"]) if "截止" in prop(v, "SUMMARY")[0]][0]
    assert b"DTSTART;VALUE=DATE:20270630\r\nDTEND;VALUE=DATE:20270701\r\n" in deadline
    recording = [v for v in vevents(feeds["person:S004"]) if "录像" in prop(v, "SUMMARY")[0]][0]
    assert b"DTSTART;VALUE=DATE:20270316\r\nDTEND;VALUE=DATE:20270317\r\n" in recording


def test_hospital_feed_carries_sessions_only_and_rooms_their_sessions(state_root: Path) -> None:
    feeds = draft_feeds()
    hospital = vevents(feeds[keys.HOSPITAL])
    assert len(hospital) == 5
    assert all(b"VALUE=DATE" not in v for v in hospital)
    assert len(vevents(feeds["room:R2"])) == 2  # QY#1.2 and the exit exam


def test_department_feed_says_who_is_away(state_root: Path) -> None:
    nk = draft_feeds()["department:NK"]
    assert "轮转：张伟（内科 → 外科）" in summaries(nk)
    wk = draft_feeds()["department:WK"]
    assert "进修：刘洋 → 省人民医院 心血管内科" in summaries(wk)
    assert "轮转：张伟（内科 → 外科）" in summaries(wk)  # the rotator arriving
    qy = [v for v in vevents(nk) if prop(v, "SUMMARY")[0].endswith("（本科室 2 人）")][0]
    assert "本科室参加（2 人）：李娜、张伟" in icalendar.Event.from_ical(qy)["DESCRIPTION"]


def test_each_rendition_is_serialised_once_and_shared_across_feeds(state_root: Path) -> None:
    feeds = draft_feeds()
    qy = [v for v in vevents(feeds["person:S002"]) if b"20270302T163000" in v][0]
    assert qy in vevents(feeds["person:S003"])
    # the same bytes, but only person feeds carry the reminders (a room's calendar never rings)
    shared = re.sub(rb"BEGIN:VALARM\r\n.*?END:VALARM\r\n", b"", qy, flags=re.S)
    assert shared != qy and shared in vevents(feeds["room:R1"])
    assert shared in vevents(feeds[keys.HOSPITAL])
    assert b"VALARM" not in feeds["room:R1"] + feeds[keys.HOSPITAL] + feeds["department:NK"]
    taught = [v for v in vevents(feeds["person:S001"]) if b"20270302T163000" in v][0]
    assert prop(taught, "UID") == prop(qy, "UID")  # the speaker's view of the same event


def test_events_older_than_the_window_leave_the_feed(state_root: Path) -> None:
    problem = builders.problem(window=30)
    source = feed_source(problem)
    calendars = build_events(builders.plan(), source)
    db = open_state(state_dir(problem.name))
    try:
        draft = build_draft(builders.plan(), source, db)
        body = render_feeds(calendars, source, db.uid_namespace, draft.revisions,
                            reference=dt.date(2027, 5, 1)).feeds["person:S003"]
    finally:
        db.close()
    # cutoff 2027-04-01: the March sessions leave, the rotation (ends 04-30) stays
    assert summaries(body) == ["轮转：外科", "出科考核（外科）", "回院汇报讲课：进修见闻"]


def test_a_feed_over_the_size_limit_keeps_its_earliest_events(state_root: Path) -> None:
    problem = builders.problem()
    source = feed_source(problem)
    db = open_state(state_dir(problem.name))
    try:
        draft = build_draft(builders.plan(), source, db)
        full = draft.bundle.feeds[keys.HOSPITAL]
        bundle = render_feeds(draft.calendars, source, db.uid_namespace, draft.revisions,
                              dt.date(2027, 1, 1), max_bytes=len(full) - 10)
    finally:
        db.close()
    assert len(bundle.feeds[keys.HOSPITAL]) < len(full)
    assert len(vevents(bundle.feeds[keys.HOSPITAL])) == 4
    assert any(w.startswith("订阅 hospital 超过") and "最后 " in w for w in bundle.warnings), \
        bundle.warnings


def test_english_calendars_are_complete(state_root: Path) -> None:
    assert ZH.keys() == EN.keys()
    problem = builders.problem("en", person="Wang Jianguo", room="Lecture hall",
                               department="Internal medicine", hospital="Example Hospital",
                               course="Hospital lecture")
    p = builders.plan(topic="Chest pain")
    for s in p.sessions:
        object.__setattr__(s, "title", "Hospital lecture")
        object.__setattr__(s, "topic", "Chest pain")
    feeds = draft_feeds(problem, p)
    body = feeds["person:S001"]
    assert "[Speaker] Hospital lecture: Chest pain" in summaries(body)
    # Chinese may come only from the data the test left in Chinese (names, partner, programme)
    data = ["李娜", "张伟", "刘洋", "外科", "示教室", "医德医风网络课程", "省人民医院",
            "心血管内科", "晋升前轮转", "出科考核（外科）", "回院汇报讲课", "市医院 刘专家"]
    for body in feeds.values():
        text = body.decode().replace("\r\n ", "")
        for word in data:
            text = text.replace(word, "")
        assert not re.search(r"[\u3000-\u9fff\uff00-\uffef]", text), text


def test_files_are_named_without_staff_ids(state_root: Path, tmp_path: Path) -> None:
    out = write_outputs(tmp_path / "out", builders.problem(), builders.plan())
    names = sorted(p.name for p in (out / "calendars").glob("*.ics"))
    assert "hospital.ics" in names and "room-R1.ics" in names and "department-NK.ics" in names
    people = [n for n in names if n.startswith("person-")]
    assert len(people) == 4
    assert not any("S00" in n for n in people)
