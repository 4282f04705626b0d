"""Re-planning the timetable: a part that gains a run (more people to seat) does not push the
rest of its series back (:mod:`planner.solver.timetable.rules.sessions`: in a re-plan each topic's
first run precedes the next topic's), and a kept session keeps its room when a new one shares
its time (:func:`planner.solver.timetable.matching.assign_resources`)."""

from __future__ import annotations

import datetime as dt

from planner.solver.config import SolverConfig
from planner.solver.replan.past import past_work
from planner.solver.solve import solve
from planner.workdays import build_calendar
from tests.solver.builders import course, problem, who_ids

D = dt.date
CONFIG = SolverConfig(time_limit=5, workers=1)


def _problem(repeats: int):  # noqa: ANN202
    # Two parts in a window of exactly four slots: Tue 3 Mar, Thu 5 Mar, Tue 10, Thu 12.
    return problem(courses=(course("L", parts=2, repeats=repeats, window_start=D(2026, 3, 3),
                                   window_end=D(2026, 3, 12)),))


def _plan(repeats: int, past=None):  # noqa: ANN001, ANN202
    p = _problem(repeats)
    result = solve(p, build_calendar(p.settings, p.holidays), CONFIG, past=past)
    assert result.ok, result.explanation
    return result.plan


def _times(plan) -> dict[str, tuple[str, str]]:  # noqa: ANN001
    return {s.id: (s.date, s.slot) for s in plan.sessions}


def test_a_run_a_part_gains_follows_its_part_but_not_the_series() -> None:
    published = _plan(repeats=0)
    before = _times(published)
    assert set(before) == {"L#1.1", "L#2.1"}
    past = past_work(published, {}, D(2026, 3, 2))
    past.inputs = _problem(0)  # what was published: the course now allows a repeat
    after = _times(_plan(repeats=1, past=past))  # one more run of each part allowed now
    assert {k: after[k] for k in before} == before  # the published sessions stay
    added = sorted(set(after) - set(before))
    assert added  # a part gained a run: the audience has more places now
    for key in added:  # a make-up run follows its part's published run …
        assert after[key] > after[key.split(".")[0] + ".1"]
    assert len(set(after.values())) == len(after)  # … and no two sessions of L at one time


def test_a_kept_session_keeps_its_room_when_a_new_one_shares_its_time() -> None:
    from planner.domain import Room

    rooms = (Room("R1", "大厅", 20, frozenset({"projector"})),
             Room("R2", "小室", 5, frozenset({"projector"})))  # seats half of the 8: may stand in
    one_day = dict(window_start=D(2026, 3, 3), window_end=D(2026, 3, 3), room_feature="projector")
    first = problem(rooms=rooms, courses=(course("L", **one_day),))
    calendar = build_calendar(first.settings, first.holidays)
    published = solve(first, calendar, CONFIG).plan
    assert [(s.id, s.date, s.room) for s in published.sessions] == [("L#1.1", "2026-03-03", "R1")]
    # a new course is fixed on the same afternoon and wants the hall as well
    second = problem(rooms=rooms, courses=(course("L", **one_day), course(
        "M", speakers=who_ids("A1"), dates=(D(2026, 3, 3),), room_feature="projector")))
    result = solve(second, calendar, CONFIG, past=past_work(published, {}, D(2026, 3, 2)))
    assert result.ok, result.explanation
    rooms_now = {s.id: s.room for s in result.plan.sessions}
    assert rooms_now == {"L#1.1": "R1", "M#1.1": "R2"}


def test_held_sessions_of_a_removed_course_do_not_count_for_hospital_rules() -> None:
    # Rule: at least 2 lectures a year. Course L held one session before the freeze date and is
    # then removed; the session leaves the plan with its course (a warning says so), so it may
    # not count toward the rule, and M's one session is not enough: the re-plan must say so.
    # The solver used to count it, and its plan then failed the independent check.
    from planner.domain import HospitalRule

    rule = (HospitalRule("min-per-year", course("x").category, 2, "每年至少两次讲座"),)
    both = problem(settings={"rules": rule}, courses=(
        course("L", window_start=D(2026, 3, 3), window_end=D(2026, 3, 3)),
        course("M", speakers=who_ids("A1"), window_start=D(2026, 3, 10),
               window_end=D(2026, 3, 31))))
    calendar = build_calendar(both.settings, both.holidays)
    published = solve(both, calendar, CONFIG).plan
    assert published is not None and len(published.sessions) == 2
    past = past_work(published, {}, D(2026, 3, 4))  # L#1.1 on 03-03 was held
    assert past.held("lecture") == 1
    without_l = problem(settings={"rules": rule}, courses=both.courses[1:])
    result = solve(without_l, calendar, CONFIG, past=past)
    assert not result.ok and result.status == "INFEASIBLE"
    assert any("每年至少两次讲座: at least 2 a year, none held" in line
               for line in result.explanation), result.explanation
    # with L still in the inputs its held session counts, and M's one session completes it
    assert solve(both, calendar, CONFIG, past=past).ok
