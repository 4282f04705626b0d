"""Sign-in codes without a server: what verifies, what is refused, and how the ledger reads a
sign-in (the office's own record, read after it, corrects it)."""

from __future__ import annotations

import datetime as dt

from planner.domain import AttendanceRecord
from planner.ledger import ledger
from planner.staff import signin
from tests.calendars import builders

KEY = bytes(range(32))
CST = dt.timezone(dt.timedelta(hours=8))


def session(sid: str):  # noqa: ANN201
    return next(s for s in builders.plan().sessions if s.id == sid)


def at(hour: int, minute: int = 0, day: int = 2) -> dt.datetime:
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=CST)


def test_a_code_opens_at_the_start_and_closes_the_set_time_after_the_end() -> None:
    plan = builders.plan()
    code = signin.make_code(KEY, session("QY#1.1"), 1, 30)  # 16:30–18:00
    assert signin.verify(KEY, code, plan, 30, at(16, 29)).status == signin.EARLY
    assert signin.verify(KEY, code, plan, 30, at(16, 30)).status == signin.OK
    assert signin.verify(KEY, code, plan, 30, at(18, 30)).status == signin.OK
    assert signin.verify(KEY, code, plan, 30, at(18, 31)).status == signin.EXPIRED
    # a shorter window in the settings closes it sooner, whatever the code says
    assert signin.verify(KEY, code, plan, 10, at(18, 20)).status == signin.EXPIRED


def test_forged_and_other_session_codes_are_refused() -> None:
    plan = builders.plan()
    code = signin.make_code(KEY, session("QY#1.1"), 1, 30)
    other = signin.make_code(KEY, session("QY#1.2"), 1, 30)
    sid, version, expires, sig = code.split(".")
    o_sid = other.split(".")[0]
    for bad in (signin.make_code(bytes(32), session("QY#1.1"), 1, 30),  # another key
                f"{o_sid}.{version}.{expires}.{sig}", f"{sid}.{version}.{expires}9.{sig}",
                f"{sid}.2.{expires}.{sig}", code[:-1], code + "A", "", "a.b.c.d",
                f"{sid}.{version}.{expires}.{sig}\n"):
        assert signin.verify(KEY, bad, plan, 30, at(17)).status == signin.FORGED, bad
    # another session's own code is valid only in that session's window (Thursday)
    assert signin.verify(KEY, other, plan, 30, at(17)).status == signin.EARLY
    assert signin.verify(KEY, other, plan, 30, at(17, day=4)).status == signin.OK
    assert signin.verify(KEY, other, plan, 30, at(17, day=4)).session.id == "QY#1.2"


def test_the_ledger_counts_a_sign_in_and_the_offices_record_corrects_it() -> None:
    plan = builders.plan()
    freeze = dt.date(2027, 4, 1)
    # S004 was not listed at QY#2.1 (16 March) but signed in there
    signed = ledger(plan, (), freeze, sign_ins=[("S004", "QY#2.1", "2027-03-16")])
    assert "QY#2.1" in signed.attended("S004")
    assert any(e.session == "QY#2.1" and e.staff == "S004" and e.source == "record"
               for e in signed.entries)
    corrected = ledger(plan, (AttendanceRecord("S004", "QY", 2, 1, attended=False),), freeze,
                       sign_ins=[("S004", "QY#2.1", "2027-03-16")])
    assert "QY#2.1" not in corrected.attended("S004")
    # a sign-in of another term's session with the same id counts for nothing here
    other_term = ledger(plan, (), freeze, sign_ins=[("S004", "QY#2.1", "2026-03-17")])
    assert "QY#2.1" not in other_term.attended("S004")
    # nothing stored for this plan's name: the default reads no sign-in
    assert "QY#2.1" not in ledger(plan, (), freeze).attended("S004")
