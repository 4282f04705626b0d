"""The bundled example's calendars, as ``planner plan`` writes them: three parsers, raw bytes,
calendar properties, size, and a byte-identical rebuild."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import icalendar
import openpyxl
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream

from planner.calendars import write_calendars
from planner.calendars.links import MAX_URL
from planner.inputs import load_problem
from planner.plan import read_plan

from ..conftest import EXAMPLE
from .conftest import prop, unfolded, vevents
from .test_injection import check_raw


@pytest.fixture(scope="module")
def calendars(planned_example: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((planned_example / "calendars").glob("*.ics"))}


def test_one_file_per_person_room_department_and_the_hospital(
        calendars: dict[str, bytes]) -> None:
    kinds = [name.split("-")[0].removesuffix(".ics") for name in calendars]
    assert (kinds.count("person"), kinds.count("room"), kinds.count("department"),
            kinds.count("hospital")) == (150, 5, 11, 1)


def test_every_file_parses_with_icalendar_ical_and_vobject(calendars: dict[str, bytes]) -> None:
    """Every file with icalendar; with ical and vobject too, every hospital, department and room
    feed and every fifth person's plus the largest (all are written by the same code, and the
    two parsers on all ~300 files took 10 s of the suite's five minutes)."""
    people = sorted(n for n in calendars if n.startswith("person-"))
    largest = max(people, key=lambda n: len(calendars[n]))
    sample = {n for n in calendars if not n.startswith("person-")} | set(people[::5]) | {largest}
    for name, body in calendars.items():
        n = body.count(b"BEGIN:VEVENT")
        assert len(icalendar.Calendar.from_ical(body).events) == n, name
        if name not in sample:
            continue
        assert len(IcsCalendarStream.calendar_from_ics(body.decode()).events) == n, name
        cal = vobject.readOne(body.decode())
        assert len(cal.contents.get("vevent", [])) == n, name


def test_raw_bytes_fold_at_75_octets_with_crlf_and_valid_utf8(calendars: dict[str, bytes]) -> None:
    for body in calendars.values():
        check_raw(body)
        assert len(body) < 1_000_000


def test_calendar_properties_and_timezones(calendars: dict[str, bytes]) -> None:
    uids = set()
    for body in calendars.values():
        head = body.split(b"BEGIN:VTIMEZONE")[0]
        assert prop(head, "REFRESH-INTERVAL") == ["PT6H"]
        assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in head
        assert prop(head, "X-PUBLISHED-TTL") == ["PT6H"]
        assert prop(head, "X-WR-TIMEZONE") == ["Asia/Shanghai"]
        assert prop(head, "NAME") == prop(head, "X-WR-CALNAME") != [""]
        assert prop(head, "PRODID") and prop(head, "VERSION") == ["2.0"]
        assert len(prop(head, "UID")) == 1
        uids.add(prop(head, "UID")[0])
        used = {m for line in unfolded(body) for m in re.findall(r";TZID=([^;:]+)", line)}
        defined = set(prop(body, "TZID"))
        assert used <= defined == {"Asia/Shanghai"}
        for line in (x for v in vevents(body) for x in unfolded(v)):
            if line.startswith(("DTSTART", "DTEND")):  # never floating
                assert ";TZID=" in line or ";VALUE=DATE:" in line or line.endswith("Z"), line
            if line.startswith(("DTSTAMP", "LAST-MODIFIED")):
                assert re.fullmatch(r"[A-Z-]+:\d{8}T\d{6}Z", line), line
    assert len(uids) == len(calendars)


def test_hospital_feed_carries_every_session_and_nothing_else(
        planned_example: Path, calendars: dict[str, bytes]) -> None:
    plan = read_plan(planned_example / "plan")
    events = vevents(calendars["hospital.ics"])
    assert len(events) == len(plan.sessions)
    assert all(prop(v, "TRANSP") == ["OPAQUE"] for v in events)


def test_uids_reveal_no_staff_id_or_name(planned_example: Path,
                                         calendars: dict[str, bytes]) -> None:
    uid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
    for body in calendars.values():
        for v in vevents(body):
            assert uid.fullmatch(prop(v, "UID")[0])
    assert not any(re.search(r"S\d{3}", name) for name in calendars)


def test_rebuilding_the_example_is_byte_identical(planned_example: Path, tmp_path: Path,
                                                  calendars: dict[str, bytes]) -> None:
    problem = load_problem(EXAMPLE)
    write_calendars(problem, read_plan(planned_example / "plan"), tmp_path)
    again = {p.name: p.read_bytes() for p in sorted((tmp_path / "calendars").glob("*.ics"))}
    assert again == calendars
    for name in ("feeds.csv", "feeds.xlsx", "calendars/source.json"):
        assert (tmp_path / name).read_bytes() == (planned_example / name).read_bytes(), name


def test_link_lists_for_mail_merge(planned_example: Path) -> None:
    raw = (planned_example / "feeds.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert (planned_example / "feeds.csv").stat().st_mode & 0o077 == 0  # holds secrets
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    people = [r for r in rows if r["kind"] == "person"]
    assert len(people) == 150 and people[0]["email"].endswith("@xrmyy.example.cn")
    for r in rows:
        assert r["https_url"].startswith("https://cme.example-hospital.cn/feeds/")
        assert r["webcal_url"] == "webcal://" + r["https_url"].removeprefix("https://")
        assert len(r["https_url"]) <= MAX_URL and len(r["webcal_url"]) <= MAX_URL
    wb = openpyxl.load_workbook(planned_example / "feeds.xlsx")
    ws = wb["订阅链接"]  # the plan's language; feeds.csv keeps English names for mail-merge
    header = [c.value for c in ws[1]]
    assert header == ["类型", "编号", "名称", "科室", "电子邮箱", "订阅链接（https：谷歌日历、Outlook）",
                      "订阅链接（webcal：苹果手机和电脑）", "日历文件"]
    assert ws.cell(row=2, column=1).value == "个人"
    cell = ws.cell(row=2, column=header.index("订阅链接（https：谷歌日历、Outlook）") + 1)
    assert cell.hyperlink is not None and cell.hyperlink.target == cell.value == people[0][
        "https_url"]
    assert cell.data_type == "s"


def _person_files(planned_example: Path) -> dict[str, str]:
    with (planned_example / "feeds.csv").open(encoding="utf-8-sig") as f:
        return {r["id"]: r["file"] for r in csv.DictReader(f) if r["kind"] == "person"}


def test_rotation_blocks_and_placements_are_in_each_persons_feed(planned_example: Path) -> None:
    """Every planned rotation block and external-study period shows in its person's feed as an
    all-day event (DTEND exclusive): on its last day, not on the day after."""
    import datetime as dt

    import recurring_ical_events

    plan = read_plan(planned_example / "plan")
    assert plan.rotations and plan.placements  # the example plans both
    files = _person_files(planned_example)
    periods = [(b.staff, b.start, b.end) for b in plan.rotations]
    periods += [(p.staff, p.start, p.end) for p in plan.placements]
    for staff, start, end in periods:
        body = (planned_example / "calendars" / files[staff]).read_bytes()
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        after = last + dt.timedelta(days=1)
        assert any(f"DTSTART;VALUE=DATE:{first:%Y%m%d}\r\n".encode() in e
                   and f"DTEND;VALUE=DATE:{after:%Y%m%d}\r\n".encode() in e
                   for e in vevents(body)), (staff, start, end)
        query = recurring_ical_events.of(icalendar.Calendar.from_ical(body))

        def spans(day: dt.date) -> bool:
            return any(e.get("DTSTART").dt == first for e in query.at(day))  # noqa: B023

        assert spans(last) and not spans(after), (staff, start, end)


def test_exit_exams_and_teach_backs_are_named_and_the_examiner_is_an_examiner(
        planned_example: Path) -> None:
    """Issue 14: 出科考核（内科，2027年3月） and 进修汇报（闫月月，省人民医院） by name, never their ids;
    the person who conducts an exit exam is its examiner (考官), not its speaker (主讲)."""
    from icalendar import Calendar

    cal = Calendar.from_ical((planned_example / "calendars" / "hospital.ics").read_bytes())
    events = [e for e in cal.walk("VEVENT")]
    exams = [e for e in events if str(e["SUMMARY"]).startswith("出科考核（")]
    talks = [e for e in events if str(e["SUMMARY"]).startswith("进修汇报（")]
    assert exams and talks
    for e in exams:
        text = str(e["DESCRIPTION"])
        assert "考官：" in text and "主讲：" not in text, text
    assert any("（闫月月，省人民医院）" in str(e["SUMMARY"]) for e in talks)
    raw = (planned_example / "calendars" / "hospital.ics").read_text("utf-8")
    assert "exit:" not in raw and "teach-back:" not in raw
