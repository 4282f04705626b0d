"""The constructive plan of phase 0 (:mod:`planner.solver.months.greedy`), alone and as CP-SAT's
hint and fallback, on the tiny hospitals of ``months_builders`` (horizon 2026-01..2026-06, months
0..5; H: 6 staff, minimum 3; A, B: 4 staff, minimum 2; C: 2 staff, minimum 1).

The rules are re-checked here from the inputs (conventions §1–3), not from the greedy's own
ledger, so a bookkeeping slip in the greedy shows up as a broken rule."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from ortools.sat.python import cp_model

import planner.solver.months as months
from planner.domain import HistoryRow, Problem, Who
from planner.generate import generate
from planner.inputs import load_problem
from planner.plan import Placement, RotationBlock
from planner.solver.months import explain, greedy, objective
from planner.solver.config import SolverConfig
from planner.solver.months.model import MonthsModel
from planner.solver.replan.past import PastWork
from planner.workdays import build_calendar
from tests.conftest import EXAMPLE
from tests.solver.months_builders import (
    CONFIG,
    D,
    block,
    departments,
    hospital,
    person,
    programme,
    seat,
    staff,
    who_ids,
)


def construct(problem: Problem, past: PastWork | None = None):  # noqa: ANN201
    mm = months.build(problem, past)
    return mm, greedy.construct(mm)


def stays(mm: MonthsModel, plan: greedy.Assignment) -> list[tuple[str, int, str, int, int]]:
    """(person, block, department, first month, last month), by person then first month."""
    out = []
    for o in mm.options:
        if o.present.index in plan.stays:
            first, length = plan.stays[o.present.index]
            out.append((o.pid, o.block.block, o.dept, first, first + length - 1))
    return sorted(out, key=lambda s: (s[0], s[3]))


def held(mm: MonthsModel, plan: greedy.Assignment) -> list[tuple[str, str, dt.date]]:
    return sorted((so.pid, so.seat.id, so.start) for so in mm.seat_options
                  if so.var.index in plan.held)


def assert_rules_hold(mm: MonthsModel, plan: greedy.Assignment) -> None:
    away = [(so.pid, so.months) for so in mm.seat_options if so.var.index in plan.held]
    check_months(mm.problem, len(mm.grid), stays(mm, plan), away)


def check_months(problem: Problem, n_months: int, got: list[tuple[str, int, str, int, int]],
                 away: list[tuple[str, range]]) -> None:
    """Capacity, coverage (conventions §3) and one place per person, from the inputs alone."""
    home = {s.id: s.department for s in problem.staff}
    heads = Counter(home.values())
    inside: Counter[tuple[str, int]] = Counter()  # rotators in a department
    guests: Counter[tuple[str, int]] = Counter()  # ... who come from another department
    out: Counter[tuple[str, int]] = Counter()  # own staff rotating elsewhere or away
    busy: Counter[tuple[str, int]] = Counter()
    for pid, _, dept, first, last in got:
        for k in range(first, last + 1):
            inside[dept, k] += 1
            busy[pid, k] += 1
            if dept != home[pid]:
                guests[dept, k] += 1
                out[home[pid], k] += 1
    for pid, touched in away:
        for k in touched:
            out[home[pid], k] += 1
            busy[pid, k] += 1
    assert all(n <= 1 for n in busy.values()), busy
    assert len({pid for pid, _ in away}) == len(away)  # one placement per person
    for d in problem.departments:
        for k in range(n_months):
            assert inside[d.id, k] <= d.rotator_capacity, (d.id, k)
            on_duty = heads[d.id] - out[d.id, k] + (guests[d.id, k] if d.rotators_count_on_duty
                                                    else 0)
            # A department already short by headcount sends nobody (the model's max(0, …)).
            assert on_duty >= min(d.min_on_duty, heads[d.id]) or not out[d.id, k], (d.id, k)


def assert_hint_is_a_solution(mm: MonthsModel, plan: greedy.Assignment) -> None:
    """Every variable hinted, and CP-SAT with every variable fixed to its hint finds it feasible
    with the objective the greedy's tiers give."""
    assert plan.unset == 0
    plan.hint(mm)
    assert len(mm.model.proto.solution_hint.vars) == len(mm.model.proto.variables)
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    assert solver.solve(mm.model) == cp_model.OPTIMAL
    tiers = objective.tier_values(mm, plan.value)
    assert solver.objective_value == sum(mm.weights[t] * v for t, v in tiers.items())
    assert [solver.value(v) for v in (o.present for o in mm.options)] == \
        [plan.value(o.present) for o in mm.options]


# --- sequences -------------------------------------------------------------------------------


def test_fixed_order_takes_earliest_months_at_minimum_length_and_drops_the_tail() -> None:
    # A takes one rotator a month. H0: A Jan–Feb, B Mar, C Apr; H1 waits for A: Mar–Apr, B May,
    # C Jun; H2 gets A May–Jun and nothing after it (block 2 would start after the horizon, and
    # block 3 never comes before block 2).
    three = who_ids("H0", "H1", "H2")
    mm, plan = construct(hospital(
        programmes=(programme(participants=three),),
        blocks=(block(1, "A", lo=2, hi=3), block(2, "B", lo=1, hi=2), block(3, "C"))))
    assert stays(mm, plan) == [
        ("H0", 1, "A", 0, 1), ("H0", 2, "B", 2, 2), ("H0", 3, "C", 3, 3),
        ("H1", 1, "A", 2, 3), ("H1", 2, "B", 4, 4), ("H1", 3, "C", 5, 5),
        ("H2", 1, "A", 4, 5)]
    assert plan.valid
    lines = explain.unplanned(mm, plan.value)
    assert len(lines) == 2 and all("H2" in line for line in lines)
    assert any("block 3 not planned" in line and "after block 2" in line for line in lines)
    assert_rules_hold(mm, plan)
    assert_hint_is_a_solution(mm, plan)


def test_free_order_starts_with_whichever_block_is_free_first() -> None:
    mm, plan = construct(hospital(programmes=(programme(ordered=False),),
                                  blocks=(block(1, "A", lo=3, hi=3), block(2, "B", lo=3, hi=3))))
    assert stays(mm, plan) == [("H0", 1, "A", 0, 2), ("H0", 2, "B", 3, 5),
                               ("H1", 2, "B", 0, 2), ("H1", 1, "A", 3, 5)]
    assert_hint_is_a_solution(mm, plan)


def test_prerequisite_waits_even_when_its_successor_could_start_earlier() -> None:
    mm, plan = construct(hospital(
        programmes=(programme(ordered=False),),
        blocks=(block(1, "A", lo=2, hi=2), block(2, "B", lo=2, hi=2, after=(1,)))))
    assert stays(mm, plan) == [("H0", 1, "A", 0, 1), ("H0", 2, "B", 2, 3),
                               ("H1", 1, "A", 2, 3), ("H1", 2, "B", 4, 5)]
    assert_hint_is_a_solution(mm, plan)


def test_elective_takes_preferred_departments_and_skips_full_ones() -> None:
    mm, plan = construct(hospital(
        programmes=(programme(),),
        blocks=(block(1, "A", "B", "C", choose=2, lo=1, hi=2, preference=("C", "A")),),
        departments=departments(cap_a=2, cap_b=2, cap_c=2)))
    assert [(s[0], s[2]) for s in stays(mm, plan)] == [("H0", "C"), ("H0", "A"),
                                                      ("H1", "C"), ("H1", "A")]
    mm, plan = construct(hospital(
        programmes=(programme(),),
        blocks=(block(1, "A", "B", "C", choose=2, lo=1, hi=1, preference=("C", "A")),),
        departments=departments(cap_a=2, cap_b=2, cap_c=0)))
    assert sorted((s[0], s[2]) for s in stays(mm, plan)) == [("H0", "A"), ("H0", "B"),
                                                            ("H1", "A"), ("H1", "B")]
    assert_hint_is_a_solution(mm, plan)


def test_elective_that_cannot_take_all_its_departments_is_left_out_whole() -> None:
    # choose 2 of A, C but C takes nobody: planning A alone would be half a block.
    mm, plan = construct(hospital(
        programmes=(programme(participants=who_ids("H0")),),
        blocks=(block(1, "A", "C", choose=2),), departments=departments(cap_c=0)))
    assert stays(mm, plan) == []
    assert_hint_is_a_solution(mm, plan)


def test_history_completed_block_and_programme_window() -> None:
    done = HistoryRow("H0", "rotation", "A", 2, programme="P")
    late = programme(start=D(2026, 3, 1), end=D(2026, 6, 30))
    mm, plan = construct(hospital(
        programmes=(late,), blocks=(block(1, "A", lo=2, hi=2), block(2, "B")),
        history=(done,)))
    # H0 did A before: only B, from March; H1 does A Mar–Apr, then B May.
    assert stays(mm, plan) == [("H0", 2, "B", 2, 2), ("H1", 1, "A", 2, 3),
                               ("H1", 2, "B", 4, 4)]
    assert_hint_is_a_solution(mm, plan)


# --- capacity and coverage -------------------------------------------------------------------


def test_capacity_and_coverage_hold_with_everyone_rotating() -> None:
    # All six of H rotate one month each in A, B and C (capacities 2, 2, 1): H may send only 3
    # away a month (6 staff, minimum 3), and rotators placed in H do not count here.
    everyone = who_ids(*(f"H{i}" for i in range(6)))
    mm, plan = construct(hospital(
        programmes=(programme(ordered=False, participants=everyone),),
        blocks=(block(1, "A"), block(2, "B"), block(3, "C")),
        departments=departments(cap_a=2, cap_b=2, cap_c=1, count_h=False)))
    got = stays(mm, plan)
    per_month = Counter(k for _, _, _, f, la in got for k in range(f, la + 1))
    assert max(per_month.values()) == 3  # coverage binds, not capacity (5)
    # 6 × 3 blocks fill the 18 person-months H can spare, C (one a month) in every month: the
    # scarcest department goes first among equal starts.
    assert len(got) == 18 and Counter(s[2] for s in got)["C"] == 6
    assert_rules_hold(mm, plan)
    assert_hint_is_a_solution(mm, plan)


def test_a_rotator_placed_later_lets_a_second_person_leave() -> None:
    # H has 4 staff, minimum 3: one may be out in January. P (H0, H1 to A) comes before Q (A0
    # into H) in the order; the second round sends H1 once A0 covers for them in H.
    people = tuple(p for p in staff() if p.department != "H") + tuple(
        person(f"H{i}", "H") for i in range(4))
    jan = dict(start=D(2026, 1, 1), end=D(2026, 1, 31))
    mm, plan = construct(hospital(
        staff=people,
        programmes=(programme("P", participants=who_ids("H0", "H1"), **jan),
                    programme("Q", participants=who_ids("A0"), **jan)),
        blocks=(block(1, "A", programme_id="P"), block(1, "H", programme_id="Q")),
        departments=departments(cap_a=2, cap_h=1, count_h=True)))
    assert sorted((s[0], s[2]) for s in stays(mm, plan)) == [("A0", "H"), ("H0", "A"),
                                                            ("H1", "A")]
    assert_hint_is_a_solution(mm, plan)


def test_too_little_capacity_leaves_the_last_participant_out_with_reasons() -> None:
    four = who_ids("H0", "H1", "H2", "H3")
    mm, plan = construct(hospital(
        programmes=(programme("PROMO", participants=four),),
        blocks=(block(1, "A", lo=2, hi=3, programme_id="PROMO"),)))
    assert [(s[0], s[3]) for s in stays(mm, plan)] == [("H0", 0), ("H1", 2), ("H2", 4)]
    [line] = explain.unplanned(mm, plan.value)
    assert "block 1 not planned for 1: H3 名H3 (A full (1 rotator(s) a month) in " \
           "2026-01..2026-06)" in line
    assert objective.tier_values(mm, plan.value)["main"] == 3
    assert_hint_is_a_solution(mm, plan)


# --- seats -----------------------------------------------------------------------------------


def test_seats_go_by_department_priority_then_staff_id_within_coverage() -> None:
    # Candidates from A and B, B first; B (4 staff, minimum 2) spares two, then A's first.
    both = Who("dept=A,B", departments=frozenset({"A", "B"}))
    mm, plan = construct(hospital(seats=(seat(candidates=both, seats=3,
                                              department_priority=("B",)),)))
    assert [h[0] for h in held(mm, plan)] == ["A0", "B0", "B1"]
    assert {h[2] for h in held(mm, plan)} == {D(2026, 2, 1)}
    assert_rules_hold(mm, plan)
    assert_hint_is_a_solution(mm, plan)


def test_seat_takes_the_earliest_start_that_fits() -> None:
    # S0 (one month in February) takes A1 and A2: A (4 staff, minimum 2) can spare nobody else
    # in February, so S1's only candidate A0 starts in March, the later of its two starts.
    mm, plan = construct(hospital(seats=(
        seat("S0", candidates=who_ids("A1", "A2"), seats=2, months=1),
        seat("S1", candidates=who_ids("A0"), start_latest=D(2026, 3, 31)))))
    assert held(mm, plan) == [("A0", "S1", D(2026, 3, 1)), ("A1", "S0", D(2026, 2, 1)),
                              ("A2", "S0", D(2026, 2, 1))]
    assert_rules_hold(mm, plan)
    assert_hint_is_a_solution(mm, plan)


def test_specialty_cap_and_one_placement_per_person() -> None:
    spec = tuple(person(f"A{i}", "A", specialty="心内") for i in range(4))
    people = tuple(p for p in staff() if p.department != "A") + spec
    capped = (seat("S1", max_away_per_specialty=1), seat("S2", max_away_per_specialty=1))
    mm, plan = construct(hospital(staff=people, seats=capped))
    assert held(mm, plan) == [("A0", "S1", D(2026, 2, 1))]
    only = who_ids("A0")
    mm, plan = construct(hospital(seats=(
        seat("S1", candidates=only),
        seat("S2", candidates=only, start_earliest=D(2026, 5, 1), start_latest=D(2026, 5, 1),
             months=1))))
    assert held(mm, plan) == [("A0", "S1", D(2026, 2, 1))]
    lines = explain.unfilled_seats(mm, plan.value)
    assert len(lines) == 1 and lines[0].startswith("seat S2")
    assert_hint_is_a_solution(mm, plan)


# --- re-planning -----------------------------------------------------------------------------


def _past(rotations=(), placements=(), freeze=D(2026, 3, 1)) -> PastWork:  # noqa: ANN001
    return PastWork(freeze_until=freeze, rotations=list(rotations), placements=list(placements))


def test_begun_blocks_are_placed_first_and_later_ones_kept_where_they_fit() -> None:
    # Published: H1 in A Feb–Mar (begun before the March freeze) and H1 in B May (later). The
    # greedy would have put H0 first in A; it keeps H1's begun block and works around it: H0 in
    # A from April (January alone is too short), then B in June.
    p = hospital(programmes=(programme(),),
                 blocks=(block(1, "A", lo=2, hi=2), block(2, "B")))
    past = _past([RotationBlock("H1", "P", 1, "A", "2026-02-01", "2026-03-31"),
                  RotationBlock("H1", "P", 2, "B", "2026-05-01", "2026-05-31")])
    mm, plan = construct(p, past)
    assert stays(mm, plan) == [("H0", 1, "A", 3, 4), ("H0", 2, "B", 5, 5),
                               ("H1", 1, "A", 1, 2), ("H1", 2, "B", 4, 4)]
    assert objective.tier_values(mm, plan.value)["keep"] == 1
    assert_hint_is_a_solution(mm, plan)


def test_a_later_published_block_that_no_longer_fits_is_planned_afresh() -> None:
    # H0's published A block (May–June, after the freeze) now clashes with a begun placement of
    # H0 from April: it is not kept, and A comes earliest instead (January–February).
    only = who_ids("H0")
    p = hospital(programmes=(programme(participants=only),), blocks=(block(1, "A", lo=2, hi=2),),
                 seats=(seat(candidates=only, start_earliest=D(2026, 4, 1),
                             start_latest=D(2026, 4, 1)),))
    past = _past([RotationBlock("H0", "P", 1, "A", "2026-05-01", "2026-06-30")],
                 [Placement("H0", "S1", "省医院", "心内", "2026-04-01", "2026-06-30")],
                 freeze=D(2026, 4, 15))
    mm, plan = construct(p, past)
    assert held(mm, plan) == [("H0", "S1", D(2026, 4, 1))]
    assert stays(mm, plan) == [("H0", 1, "A", 0, 1)]
    assert objective.tier_values(mm, plan.value)["keep"] == 0
    assert_hint_is_a_solution(mm, plan)


def test_begun_placement_is_kept() -> None:
    both = Who("dept=A,B", departments=frozenset({"A", "B"}))
    past = _past(placements=[Placement("B3", "S1", "省医院", "心内", "2026-02-01",
                                       "2026-04-30")])
    mm, plan = construct(hospital(seats=(seat(candidates=both),)), past)
    assert held(mm, plan) == [("B3", "S1", D(2026, 2, 1))]
    assert_hint_is_a_solution(mm, plan)


def test_a_begun_block_that_breaks_a_rule_makes_the_plan_invalid() -> None:
    # C now takes nobody, but H0 began a block there: the months model has no solution, and the
    # constructive plan says it breaks a rule rather than pass for an answer.
    p = hospital(programmes=(programme(participants=who_ids("H0")),), blocks=(block(1, "C"),),
                 departments=departments(cap_c=0))
    past = _past([RotationBlock("H0", "P", 1, "C", "2026-01-01", "2026-01-31")])
    mm, plan = construct(p, past)
    assert not plan.valid and "no longer fits" in plan.broken[0]
    r = months.solve_months(p, CONFIG, past)
    assert r.status == "INFEASIBLE" and not r.ok


# --- in solve_months ---------------------------------------------------------------------------


def test_the_example_hint_is_complete_and_feasible() -> None:
    problem = load_problem(EXAMPLE)
    mm, plan = construct(problem)
    assert len(stays(mm, plan)) == 11 and len(held(mm, plan)) == 2
    assert_rules_hold(mm, plan)
    assert_hint_is_a_solution(mm, plan)


def test_solve_months_falls_back_to_the_constructive_plan_when_the_search_has_none(
        monkeypatch: pytest.MonkeyPatch) -> None:
    p = hospital(programmes=(programme(ordered=False),),
                 blocks=(block(1, "A", lo=3, hi=3), block(2, "B", lo=3, hi=3)),
                 seats=(seat(),))
    # The search stops right after presolve, with no solution (as at 3,000 staff on a normal
    # budget): UNKNOWN.
    apply = SolverConfig.apply

    def stop_early(self, parameters, share=1.0) -> None:  # noqa: ANN001
        apply(self, parameters, share)
        parameters.stop_after_presolve = True

    monkeypatch.setattr(SolverConfig, "apply", stop_early)
    r = months.solve_months(p, CONFIG)
    assert r.ok and r.status == "FEASIBLE" and r.stats["months_constructive"] == 1
    assert [(s.pid, s.dept, s.first) for s in r.stays] == [
        ("H0", "A", 0), ("H0", "B", 3), ("H1", "B", 0), ("H1", "A", 3)]
    assert [(a.pid, a.seat.id) for a in r.placements] == [("A0", "S1")]
    assert r.objective["months_main"] == 5


def test_solve_months_keeps_the_search_answer_when_it_is_at_least_as_good() -> None:
    p = hospital(programmes=(programme(ordered=False, participants=who_ids("H0", "H1", "H2")),),
                 blocks=(block(1, "A", lo=1, hi=2), block(2, "B", lo=1, hi=2)), seats=(seat(),))
    r = months.solve_months(p, CONFIG)
    assert r.status == "OPTIMAL" and "months_constructive" not in r.stats
    assert r.stats["months_hint_unset"] == 0


def test_a_generated_hospital_the_search_alone_left_without_months_gets_them(
        tmp_path) -> None:  # noqa: ANN001
    # 320 staff in 40 departments (17-way electives): before the constructive plan, CP-SAT ended
    # UNKNOWN here even at the normal budget (--time-limit 60, 6 deterministic s) — no rotation
    # and no external study for anyone. A small budget keeps this test quick.
    generate(tmp_path / "h", staff=320, departments=40, rooms=30, months=12, seed=1)
    problem = load_problem(tmp_path / "h")
    mm = months.build(problem)
    needed = sum(n.choose for n in mm.needs)
    offered = sum(s.seats for s in problem.seats
                  if any(o.seat.id == s.id for o in mm.seat_options))
    r = months.solve_months(problem, SolverConfig(time_limit=5, seed=1, workers=2))
    assert r.ok and r.explanation == []
    assert (len(r.stays), len(r.placements)) == (needed, offered) == (95, 6)
    check_months(problem, len(mm.grid),
                 [(s.pid, s.block, s.dept, s.first, s.last) for s in r.stays],
                 [(a.pid, mm.grid.touched(a.start, a.end)) for a in r.placements])
    again = months.solve_months(problem, SolverConfig(time_limit=5, seed=1, workers=2))
    assert (again.stays, again.placements) == (r.stays, r.placements)


# --- the light model (no month variables, no rule stated) -------------------------------------


def _light_and_whole(problem: Problem, calendar=None):  # noqa: ANN001, ANN202
    light = months.build(problem, calendar=calendar, light=True)
    whole = months.build(problem, calendar=calendar)
    return (light, greedy.construct(light)), (whole, greedy.construct(whole))


def test_the_light_model_gives_the_constructive_plan_and_words_of_the_whole_model() -> None:
    four = who_ids("H0", "H1", "H2", "H3")
    tight = hospital(programmes=(programme("PROMO", participants=four),),
                     blocks=(block(1, "A", lo=2, hi=3, programme_id="PROMO"),))
    example = load_problem(EXAMPLE)
    calendar = build_calendar(example.settings, example.holidays)
    for problem, cal in ((tight, None), (example, calendar)):
        (light, lp), (whole, wp) = _light_and_whole(problem, cal)
        assert len(light.model.proto.variables) < len(whole.model.proto.variables)
        assert len(light.model.proto.constraints) < len(whole.model.proto.constraints)
        assert stays(light, lp) == stays(whole, wp) and held(light, lp) == held(whole, wp)
        assert explain.unplanned(light, lp.value) == explain.unplanned(whole, wp.value)
        assert objective.tiers(light, lp.value) == objective.tiers(whole, wp.value)
    assert len(stays(light, lp)) == 11  # the example


def test_a_model_too_large_to_search_is_never_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above the size no search runs at, the answer comes from the light model alone: the whole
    model is not built (at 10,000 staff it took 50 s for nothing)."""
    problem = load_problem(EXAMPLE)
    calendar = build_calendar(problem.settings, problem.holidays)
    whole = months.build(problem, calendar=calendar)
    plan = greedy.construct(whole)
    monkeypatch.setattr(months, "SEARCH_COMPLETE_MAX_VARIABLES", 0)
    monkeypatch.setattr(months, "SEARCH_MAX_VARIABLES", 0)
    built = []
    real = months.build
    monkeypatch.setattr(months, "build", lambda *a, **k: built.append(k) or real(*a, **k))
    r = months.solve_months(problem, CONFIG, calendar=calendar)
    assert built == [{"light": True}]
    assert r.status == "FEASIBLE" and r.stats["months_search_skipped"] == 1
    assert 0 < r.stats["months_variables"] <= len(whole.model.proto.variables)
    assert sorted((s.pid, s.block, s.dept, s.first, s.last) for s in r.stays) == \
        sorted((pid, b, dept, first, last) for pid, b, dept, first, last in stays(whole, plan))
