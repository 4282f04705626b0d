"""Who cannot attend which session (:func:`planner.solver.attendance.model.blocked_runs`),
against its definition tested run by run: on leave that day, teaching at a clashing time, or a
rotator away from a department whose audience they are in only while there."""

from __future__ import annotations

from planner.inputs import load_problem
from planner.solver.attendance.model import blocked_runs
from planner.solver.instance import build_instance
from planner.solver.months import solve_months
from planner.solver.months.derive import derive
from planner.solver.config import SolverConfig
from planner.solver.timetable.result import Schedule
from planner.workdays import build_calendar
from tests.conftest import EXAMPLE


def test_blocked_runs_match_their_definition_run_by_run() -> None:
    problem = load_problem(EXAMPLE)
    calendar = build_calendar(problem.settings, problem.holidays)
    months = solve_months(problem, SolverConfig(time_limit=2, seed=1, workers=1), None, calendar)
    derived = derive(problem, calendar, months)
    inst = build_instance(derived.problem, calendar, derived.hosts)
    staff = sorted(inst.staff)
    # Any timetable will do: runs spread over the time points, every third one taught by
    # somebody (so that teaching clashes occur), with several runs sharing a time.
    n = len(inst.time_points)
    schedule = Schedule(time={r.index: (r.index * 7) % n for r in inst.runs},
                        room={r.index: "" for r in inst.runs},
                        speaker={r.index: staff[r.index % len(staff)]
                                 for r in inst.runs if r.index % 3 == 0})
    got = blocked_runs(inst, schedule)
    instants = inst.tp_instants()
    teaching: dict[str, set[int]] = {}
    for r, p in schedule.speaker.items():
        teaching.setdefault(p, set()).update(instants[schedule.time[r]])
    assert inst.hosts and any(inst.person_off.values())
    for pid in inst.staff:
        expected = set()
        for r, t in schedule.time.items():
            day = inst.time_points[t].date
            if day in inst.person_off.get(pid, ()) or teaching.get(pid, set()) & set(instants[t]):
                expected.add(r)
            elif (pid in inst.hosts and pid in inst.audience_set[inst.runs[r].course.id]
                  and not inst.in_audience(inst.runs[r].course, pid, day)):
                expected.add(r)
        assert got[pid] == expected, pid
