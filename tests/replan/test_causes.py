"""Naming the input change behind each move, one scenario per kind of change — each worded in
English and in Chinese (the plan's language decides; the cause named is the same in both)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.changes import diff_plans, explain_causes
from planner.changes.causes import InputChange, input_changes
from planner.changes.labels import labels_for
from planner.domain import (
    Department,
    ExternalSeat,
    Grade,
    Problem,
    Role,
    Staff,
    Unavailability,
    Who,
)
from planner.plan import Plan

from tests.calendars import builders

D = dt.date


def with_session(plan: Plan, sid: str, **changes: object) -> Plan:
    return replace(plan, sessions=[replace(s, **changes) if s.id == sid else s
                                   for s in plan.sessions])


def causes(old_inputs: Problem | None, new_inputs: Problem, old: Plan, new: Plan,  # noqa: ANN201
           language: str = "en"):
    changes = explain_causes(old_inputs, new_inputs, diff_plans(old, new), language=language)
    return ({c.key: c.cause for c in changes.items},
            {(c.staff, c.key): c.cause for c in changes.people})


def in_chinese(old_inputs: Problem | None, new_inputs: Problem, old: Plan, new: Plan,
               english: dict) -> dict:  # type: ignore[type-arg]
    """The Chinese causes of the same re-plan, checked to name, event by event, the same cause
    as the English ones: one Chinese wording per English wording and back."""
    items, people = causes(old_inputs, new_inputs, old, new, language="zh")
    zh = items | people
    assert zh.keys() == english.keys()
    pairs = {(english[k], zh[k]) for k in zh}
    assert len(pairs) == len({e for e, _ in pairs}) == len({z for _, z in pairs})
    return zh


def test_speaker_on_leave() -> None:
    old_inputs = builders.problem()
    leave = Unavailability("staff", "S001", D(2027, 3, 1), D(2027, 3, 5), "病假")
    new_inputs = replace(old_inputs, unavailability=(leave,))
    old = builders.plan()
    new = with_session(builders.moved(old, "QY#1.1", D(2027, 3, 9)), "QY#1.2",
                       speaker="S003")
    items, people = causes(old_inputs, new_inputs, old, new)
    because = "speaker 王建国 on leave 2027-03-01–2027-03-05 (病假)"
    assert items == {"session:QY#1.1": because, "session:QY#1.2": because}
    assert people[("S002", "session:QY#1.1")] == because
    assert people[("S002", "session:QY#1.2")] == because  # new speaker: moved in S002's feed
    assert people[("S003", "session:QY#1.2")] == because  # now teaches it
    assert people[("S001", "session:QY#1.1")] == "王建国 on leave 2027-03-01–2027-03-05 (病假)"
    zh = in_chinese(old_inputs, new_inputs, old, new, items | people)
    assert zh["session:QY#1.1"] == zh["S002", "session:QY#1.1"] == \
        "主讲人王建国 2027-03-01 至 2027-03-05 请假（病假）"
    assert zh["S001", "session:QY#1.1"] == "王建国 2027-03-01 至 2027-03-05 请假（病假）"


def test_room_closed_for_a_month() -> None:
    old_inputs = builders.problem()
    closed = Unavailability("room", "R1", D(2027, 8, 1), D(2027, 8, 31))
    new_inputs = replace(old_inputs, unavailability=(closed,))
    old = builders.plan()
    new = with_session(old, "TB#1.1", room="R2")
    items, people = causes(old_inputs, new_inputs, old, new)
    because = "room 学术报告厅 closed 2027-08-01–2027-08-31"
    assert items == {"session:TB#1.1": because}
    assert set(people.values()) == {because}
    assert len(people) == 4  # S004 teaches, S001–S003 attend
    zh = in_chinese(old_inputs, new_inputs, old, new, items | people)
    assert set(zh.values()) == {"学术报告厅 2027-08-01 至 2027-08-31 停用"}


def test_a_closure_that_does_not_cover_the_old_date_is_no_direct_cause() -> None:
    old_inputs = builders.problem()
    closed = Unavailability("room", "R1", D(2027, 9, 1), D(2027, 9, 30))
    new_inputs = replace(old_inputs, unavailability=(closed,))
    old = builders.plan()
    items, _ = causes(old_inputs, new_inputs, old, with_session(old, "TB#1.1", room="R2"))
    because = "knock-on of room 学术报告厅 closed 2027-09-01–2027-09-30"
    assert items == {"session:TB#1.1": because}
    zh, _ = causes(old_inputs, new_inputs, old, with_session(old, "TB#1.1", room="R2"), "zh")
    assert zh == {"session:TB#1.1": "连带影响：学术报告厅 2027-09-01 至 2027-09-30 停用"}


def test_new_staff_member_and_its_knock_on() -> None:
    old_inputs = builders.problem()
    newcomer = Staff("S005", "赵六", "NK", Role.NURSE, "护士", Grade.JUNIOR, D(2000, 1, 1))
    new_inputs = replace(old_inputs, staff=old_inputs.staff + (newcomer,))
    old = builders.plan()
    # the newcomer takes S002's seat in QY#1.2, S002 goes to QY#1.1 (which she attended anyway)
    new = with_session(old, "QY#1.2", attendees=("S005",))
    items, people = causes(old_inputs, new_inputs, old, new)
    assert items == {}
    assert people == {
        ("S005", "session:QY#1.2"): "new staff member 赵六 (内科)",
        ("S002", "session:QY#1.2"): "knock-on of new staff member 赵六 (内科)",
    }
    assert in_chinese(old_inputs, new_inputs, old, new, items | people) == {
        ("S005", "session:QY#1.2"): "新职工赵六（内科）",
        ("S002", "session:QY#1.2"): "连带影响：新职工赵六（内科）",
    }


def test_department_minimum_raised() -> None:
    old_inputs = builders.problem()
    new_inputs = replace(old_inputs, departments=(Department("NK", "内科", 3, 2),
                                                  Department("WK", "外科", 1, 2)))
    old = builders.plan()
    new = with_session(old, "QY#1.1", attendees=("S002", "S004"))  # S003 (内科) stays on duty
    new = replace(new, rotations=[replace(old.rotations[0], start="2027-05-01",
                                          end="2027-06-30")])
    items, people = causes(old_inputs, new_inputs, old, new)
    because = "department 内科 minimum on duty raised from 1 to 3"
    assert items == {"rotation:S003:PROMO:2": because}
    assert people == {("S003", "session:QY#1.1"): because,
                      ("S003", "rotation:S003:PROMO:2"): because}
    zh = in_chinese(old_inputs, new_inputs, old, new, items | people)
    assert set(zh.values()) == {"内科最少在岗人数由 1 人提高至 3 人"}


def test_external_partner_cancels_a_seat() -> None:
    seat = ExternalSeat("JX1", "省人民医院", "心血管内科", D(2027, 5, 1), D(2027, 5, 31), 3, 1,
                        Who("everyone"))
    old_inputs = replace(builders.problem(), seats=(seat,))
    new_inputs = replace(old_inputs, seats=(replace(seat, seats=0),))
    old = builders.plan()
    new = replace(old, placements=[], sessions=[s for s in old.sessions if s.id != "TB#1.1"])
    items, people = causes(old_inputs, new_inputs, old, new)
    because = "external-study seat JX1 at 省人民医院 心血管内科 cancelled"
    assert items == {"placement:S004:JX1": because, "session:TB#1.1": f"knock-on of {because}"}
    assert people[("S004", "placement:S004:JX1")] == because
    assert people[("S004", "session:TB#1.1")] == f"knock-on of {because}"
    assert people[("S001", "session:TB#1.1")] == f"knock-on of {because}"
    zh = in_chinese(old_inputs, new_inputs, old, new, items | people)
    assert zh["placement:S004:JX1"] == "进修名额 JX1（省人民医院 心血管内科）已取消"
    assert zh["S001", "session:TB#1.1"] == "连带影响：进修名额 JX1（省人民医院 心血管内科）已取消"


def test_no_input_change_means_re_optimised() -> None:
    inputs = builders.problem()
    old = builders.plan()
    new = builders.moved(old, "QY#1.2", D(2027, 3, 11))
    items, people = causes(inputs, inputs, old, new)
    assert set(items.values()) == set(people.values()) == {"re-optimised"}
    items, people = causes(inputs, inputs, old, new, language="zh")
    assert set(items.values()) == set(people.values()) == {"重新优化"}


def test_without_a_snapshot_the_cause_is_said_to_be_unknown() -> None:
    old = builders.plan()
    new = builders.moved(old, "QY#1.2", D(2027, 3, 11))
    items, people = causes(None, builders.problem(), old, new)
    assert set(items.values()) == set(people.values()) == {
        "cause unknown (the published version has no inputs snapshot)"}
    items, people = causes(None, builders.problem(), old, new, language="zh")
    assert set(items.values()) == set(people.values()) == {"原因不明（已发布版本未保存输入快照）"}


def test_the_plans_language_is_the_default() -> None:
    leave = Unavailability("staff", "S001", D(2027, 3, 1), D(2027, 3, 5), "病假")
    old = builders.plan()
    new = builders.moved(old, "QY#1.1", D(2027, 3, 9))
    for language, because in (("zh", "主讲人王建国 2027-03-01 至 2027-03-05 请假（病假）"),
                              ("en", "speaker 王建国 on leave 2027-03-01–2027-03-05 (病假)")):
        old_inputs = builders.problem(language)
        new_inputs = replace(old_inputs, unavailability=(leave,))
        changes = explain_causes(old_inputs, new_inputs, diff_plans(old, new))
        assert {c.cause for c in changes.items} == {because}


def test_every_input_change_reads_in_both_languages() -> None:
    """One input set changed in every way the notices name, worded in Chinese and English:
    reasons, names and numbers as typed, no English left in the Chinese."""
    seat = ExternalSeat("JX1", "省人民医院", "心血管内科", D(2027, 5, 1), D(2027, 5, 31), 3, 2,
                        Who("everyone"))
    closed = Unavailability("room", "R1", D(2027, 8, 1), D(2027, 8, 1), "装修")
    away = Unavailability("staff", "S003", D(2027, 2, 1), D(2027, 2, 5))
    old = replace(builders.problem(), seats=(seat,), unavailability=(away,))
    newcomer = Staff("S005", "赵六", "NK", Role.NURSE, "护士", Grade.JUNIOR, D(2000, 1, 1))
    staff = tuple(replace(s, department="WK") if s.id == "S002" else s
                  for s in old.staff if s.id != "S004") + (newcomer,)
    leave = Unavailability("staff", "S001", D(2027, 3, 1), D(2027, 3, 5), "病假")
    new = replace(old, staff=staff, seats=(replace(seat, seats=1),),
                  unavailability=(leave, closed),
                  departments=(Department("NK", "内科", 3, 1), Department("WK", "外科", 1, 2)),
                  rooms=tuple(replace(r, capacity=r.capacity - 1) for r in old.rooms))
    found = input_changes(old, new)
    zh = [c.say(labels_for("zh")) for c in found]
    en = [c.say(labels_for("en")) for c in found]
    assert en == [c.text for c in found]
    assert zh == [
        "王建国 2027-03-01 至 2027-03-05 请假（病假）",
        "学术报告厅 2027-08-01 停用（装修）",
        "张伟 2027-02-01 至 2027-02-05 的请假已撤销",
        "新职工赵六（内科）",
        "刘洋已不在人员表中",
        "李娜由内科调至外科",
        *(f"{r.name}容量由 {r.capacity} 人减至 {r.capacity - 1} 人" for r in old.rooms),
        "内科最少在岗人数由 1 人提高至 3 人",
        "内科轮转容量由 2 人减至 1 人",
        "进修名额 JX1（省人民医院 心血管内科）由 2 个减至 1 个",
    ], zh
    assert en[:3] == ["王建国 on leave 2027-03-01–2027-03-05 (病假)",
                      "room 学术报告厅 closed 2027-08-01 (装修)",
                      "张伟: unavailability 2027-02-01–2027-02-05 withdrawn"]
    assert all(not any("a" <= ch.lower() <= "z" for ch in text.replace("JX1", ""))
               for text in zh), zh
    assert all(isinstance(c, InputChange) for c in found)


def test_the_outputs_language_and_feed_links_are_not_input_changes() -> None:
    # Re-planning with --lang en (or a feed address set) moves no event: nothing to name.
    old = builders.problem()
    new = replace(old, settings=replace(old.settings, language="en", feed_window_days=30,
                                        public_base_url="https://cme.example.cn/feeds"))
    assert input_changes(old, new) == []
    raised = replace(old, settings=replace(old.settings, horizon_end=D(2027, 11, 30)))
    assert [c.text for c in input_changes(old, raised)] == ["plan settings changed"]
