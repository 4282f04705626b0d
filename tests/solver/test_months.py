"""Phase 0 (months): rotation sequences, capacity, seats and monthly coverage, rule by rule, on
tiny hospitals (see ``months_builders``: horizon 2026-01..2026-06, participants from H)."""

from __future__ import annotations

from collections import Counter

import pytest

from planner.domain import Grade, HistoryRow, Who
from planner.solver.months import solve_months
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


def stays(problem):  # noqa: ANN001, ANN201
    r = solve_months(problem, CONFIG)
    assert r.ok, r.explanation
    return r


def by_person(result) -> dict[str, list]:  # noqa: ANN001
    out: dict[str, list] = {}
    for s in result.stays:
        out.setdefault(s.pid, []).append(s)
    return {k: sorted(v, key=lambda s: s.first) for k, v in out.items()}


def lengths(s) -> int:  # noqa: ANN001
    return s.last - s.first + 1


# --- sequences -------------------------------------------------------------------------------


def test_fixed_order_blocks_follow_block_numbers() -> None:
    # A takes one rotator a month, so H0 and H1 cannot both start in A; fixed order still puts
    # every participant's A block before their B block.
    r = stays(hospital(programmes=(programme(),),
                       blocks=(block(1, "A", lo=2, hi=2), block(2, "B", lo=1, hi=1))))
    seq = by_person(r)
    assert set(seq) == {"H0", "H1"}
    for pid, ss in seq.items():
        assert [s.dept for s in ss] == ["A", "B"], pid
        assert ss[0].last < ss[1].first
    assert r.warnings == []


def test_free_order_lets_participants_swap_blocks() -> None:
    # A and B each take one rotator a month; two participants need 3 months in each within six
    # months: only possible if one starts in A and the other in B.
    r = stays(hospital(programmes=(programme(ordered=False),),
                       blocks=(block(1, "A", lo=3, hi=3), block(2, "B", lo=3, hi=3))))
    seq = by_person(r)
    assert sorted(ss[0].dept for ss in seq.values()) == ["A", "B"]
    assert all(len(ss) == 2 for ss in seq.values())


def test_fixed_order_same_case_cannot_plan_everything_and_says_so() -> None:
    r = stays(hospital(programmes=(programme(),),
                       blocks=(block(1, "A", lo=3, hi=3), block(2, "B", lo=3, hi=3))))
    assert len(r.stays) == 3  # one participant gets only block 1
    assert any("programme P" in w and "block 2 not planned" in w for w in r.warnings)


def test_lengths_stay_within_min_max_and_ties_take_the_minimum() -> None:
    r = stays(hospital(programmes=(programme(),),
                       blocks=(block(1, "A", lo=2, hi=3), block(2, "B", lo=1, hi=2)),
                       departments=departments(cap_a=2, cap_b=2)))
    for s in r.stays:
        lo, hi = (2, 3) if s.dept == "A" else (1, 2)
        assert lo <= lengths(s) <= hi
        assert lengths(s) == lo  # shorter stays break ties (and leave room for others)
        assert s.start.day == 1 and (s.end.month, s.end.day) in {
            (m, d) for m, d in ((1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30))}


def test_length_minimum_beyond_the_window_is_not_planned() -> None:
    p = programme(start=D(2026, 1, 1), end=D(2026, 2, 28))
    r = stays(hospital(programmes=(p,), blocks=(block(1, "A", lo=3, hi=3),),
                       departments=departments(cap_a=2)))
    assert r.stays == []
    assert any("between 2026-01 and 2026-02" in w for w in r.warnings)


def test_k_of_n_elective_takes_the_preferred_departments() -> None:
    # choose 2 of A, B, C; preference C then A: both participants get C and A (capacity 2 each).
    r = stays(hospital(programmes=(programme(),),
                       blocks=(block(1, "A", "B", "C", choose=2, lo=1, hi=2,
                                     preference=("C", "A")),),
                       departments=departments(cap_a=2, cap_b=2, cap_c=2)))
    for pid, ss in by_person(r).items():
        assert sorted(s.dept for s in ss) == ["A", "C"], pid
        assert {s.block for s in ss} == {1}


def test_k_of_n_falls_back_when_the_preferred_department_takes_nobody() -> None:
    r = stays(hospital(programmes=(programme(),),
                       blocks=(block(1, "A", "B", "C", choose=2, lo=1, hi=1,
                                     preference=("C", "A")),),
                       departments=departments(cap_a=2, cap_b=2, cap_c=0)))
    for ss in by_person(r).values():
        assert sorted(s.dept for s in ss) == ["A", "B"]


def test_prerequisite_comes_first_in_a_free_order_programme() -> None:
    # Block 2 (B) must come after block 1 (A); with capacity 1 each, H1 waits for A rather than
    # starting in B.
    r = stays(hospital(programmes=(programme(ordered=False),),
                       blocks=(block(1, "A", lo=2, hi=2), block(2, "B", lo=2, hi=2, after=(1,)))))
    for pid, ss in by_person(r).items():
        a = next(s for s in ss if s.dept == "A")
        b = next(s for s in ss if s.dept == "B")
        assert a.last < b.first, pid


def test_capacity_per_month_is_never_exceeded() -> None:
    everyone = who_ids("H0", "H1", "H2")
    r = stays(hospital(programmes=(programme(participants=everyone),),
                       blocks=(block(1, "A", lo=2, hi=2),)))
    per_month = Counter(k for s in r.stays for k in range(s.first, s.last + 1))
    assert len(r.stays) == 3 and max(per_month.values()) == 1


def test_history_completed_block_is_skipped() -> None:
    done = HistoryRow("H0", "rotation", "A", 2, programme="P")
    r = stays(hospital(programmes=(programme(),),
                       blocks=(block(1, "A", lo=2, hi=2), block(2, "B", lo=1, hi=1)),
                       history=(done,)))
    seq = by_person(r)
    assert [s.dept for s in seq["H0"]] == ["B"]
    assert [s.dept for s in seq["H1"]] == ["A", "B"]


def test_a_rotation_history_row_without_a_programme_counts_for_every_programme() -> None:
    # No programme on the row: A was rotated through, whatever the programme (docs/inputs.md);
    # the checker counts it so too. H1 has no such row and still rotates.
    done = HistoryRow("H0", "rotation", "A", 1)
    r = stays(hospital(programmes=(programme(),), blocks=(block(1, "A"),),
                       departments=departments(cap_a=2), history=(done,)))
    assert [(s.pid, s.dept) for s in r.stays] == [("H1", "A")]
    other = HistoryRow("H0", "rotation", "A", 1, programme="OTHER")  # another programme's
    r = stays(hospital(programmes=(programme(),), blocks=(block(1, "A"),),
                       departments=departments(cap_a=2), history=(other,)))
    assert sorted(s.pid for s in r.stays) == ["H0", "H1"]


def test_a_department_without_rotator_capacity_takes_nobody() -> None:
    r = stays(hospital(programmes=(programme(),), blocks=(block(1, "C", lo=1, hi=1),),
                       departments=departments(cap_c=0)))
    assert r.stays == []
    assert any("C takes at most 0 rotator(s) a month" in w for w in r.warnings)


# --- too little capacity, in words -------------------------------------------------------------


def test_too_little_capacity_is_reported_naming_programme_department_and_months() -> None:
    # Four participants need 2 months each in A (one rotator a month) within six months: three
    # fit, the fourth is reported.
    four = who_ids("H0", "H1", "H2", "H3")
    p = hospital(programmes=(programme("PROMO", participants=four),),
                 blocks=(block(1, "A", lo=2, hi=3, programme_id="PROMO"),),
                 departments=departments(cap_a=1, **{"cap_h": 0}))
    r = stays(p)
    assert len(r.stays) == 3
    [line] = r.warnings
    assert line.startswith("programme PROMO: 4 participant(s) need 2–3 month(s) each in "
                           "甲科 (A) between 2026-01 and 2026-06, but A takes at most 1 "
                           "rotator(s) a month; block 1 not planned for 1: ")
    assert "A full (1 rotator(s) a month) in 2026-01..2026-06" in line


# --- seats -----------------------------------------------------------------------------------


def test_seat_is_filled_by_an_eligible_candidate_only() -> None:
    people = staff() + (person("A9", "A", Grade.JUNIOR),)
    r = stays(hospital(staff=people, seats=(seat(candidates=Who(
        "dept=A; title>=intermediate", departments=frozenset({"A"}),
        grade_min=Grade.INTERMEDIATE)),)))
    [a] = r.placements
    assert a.pid in {"A0", "A1", "A2", "A3"}
    assert (a.start, a.end) == (D(2026, 2, 1), D(2026, 4, 30))


def test_seat_min_years_excludes_newcomers_but_not_unknown_service() -> None:
    people = tuple(p for p in staff() if p.department != "A") + (
        person("A0", "A", employed_since=D(2025, 7, 1)),  # half a year: too new
        person("A1", "A"),  # employed_since unknown: eligible
        person("A2", "A", employed_since=D(2025, 7, 1)),
    )
    r = stays(hospital(staff=people, seats=(seat(min_years=3),)))
    assert [a.pid for a in r.placements] == ["A1"]


def test_seat_count_caps_placements_and_coverage_caps_the_rest() -> None:
    # Three places, A may spare two people (4 staff, minimum 2): two placements, one reported.
    r = stays(hospital(seats=(seat(seats=3),)))
    assert len(r.placements) == 2
    assert any(w.startswith("seat S1 (省医院 心内, 3 month(s) from 2026-02-01..2026-02-28): 1 of 3")
               for w in r.warnings)
    r2 = stays(hospital(seats=(seat(seats=1),)))
    assert len(r2.placements) == 1


def test_one_placement_per_person() -> None:
    only = Who("id=A0", ids=frozenset({"A0"}))
    r = stays(hospital(seats=(seat("S1", candidates=only),
                              seat("S2", candidates=only, start_earliest=D(2026, 5, 1),
                                   start_latest=D(2026, 5, 1), months=1))))
    assert len(r.placements) == 1


def test_specialty_cap_limits_people_of_one_specialty_away_at_once() -> None:
    spec = tuple(person(f"A{i}", "A", specialty="心内") for i in range(4))
    people = tuple(p for p in staff() if p.department != "A") + spec
    seats = (seat("S1", max_away_per_specialty=1), seat("S2", max_away_per_specialty=1))
    r = stays(hospital(staff=people, seats=seats, departments=departments()))
    assert len(r.placements) == 1
    r2 = stays(hospital(staff=people, seats=(seat("S1"), seat("S2"))))
    assert len(r2.placements) == 2  # without the cap both go (A can spare two)


def test_department_priority_prefers_the_listed_department() -> None:
    both = Who("dept=A,B", departments=frozenset({"A", "B"}))
    r = stays(hospital(seats=(seat(candidates=both, department_priority=("B",)),)))
    assert [a.pid[0] for a in r.placements] == ["B"]


def test_no_rotation_while_away() -> None:
    # H0 is the only candidate of a Feb–Apr seat and a participant needing 2 months in A:
    # the block goes round the placement.
    only = Who("id=H0", ids=frozenset({"H0"}))
    r = stays(hospital(programmes=(programme(participants=who_ids("H0")),),
                       blocks=(block(1, "A", lo=2, hi=2),), seats=(seat(candidates=only),)))
    [a] = r.placements
    [s] = r.stays
    assert s.end < a.start or s.start > a.end


# --- monthly coverage ------------------------------------------------------------------------


def _coverage_case(count_h: bool):  # noqa: ANN202
    # H has 4 staff, minimum 3: one may be out a month. H0 and H1 need January in A; A0 needs
    # January in H. Only if rotators count in H can both H0 and H1 go.
    people = tuple(p for p in staff() if p.department != "H") + tuple(
        person(f"H{i}", "H") for i in range(4))
    jan = dict(start=D(2026, 1, 1), end=D(2026, 1, 31))
    programmes = (programme("P", participants=who_ids("H0", "H1"), **jan),
                  programme("Q", participants=who_ids("A0"), **jan))
    blocks = (block(1, "A", programme_id="P"), block(1, "H", programme_id="Q"))
    return stays(hospital(staff=people, programmes=programmes, blocks=blocks,
                          departments=departments(cap_a=2, cap_h=1, count_h=count_h)))


def test_monthly_coverage_counts_rotators_placed_in_the_department() -> None:
    r = _coverage_case(count_h=True)
    assert sorted((s.pid, s.dept) for s in r.stays) == [("A0", "H"), ("H0", "A"), ("H1", "A")]


def test_monthly_coverage_without_counting_rotators_keeps_one_home() -> None:
    r = _coverage_case(count_h=False)
    assert sorted(s.pid for s in r.stays if s.dept == "A") in (["H0"], ["H1"])
    assert any("home department 本科 (H) at its minimum on duty in 2026-01" in w
               for w in r.warnings)


def test_months_phase_is_deterministic() -> None:
    p = hospital(programmes=(programme(ordered=False, participants=who_ids("H0", "H1", "H2")),),
                 blocks=(block(1, "A", lo=1, hi=2), block(2, "B", lo=1, hi=2)),
                 seats=(seat(),))
    a, b = solve_months(p, CONFIG), solve_months(p, CONFIG)
    assert a.stays == b.stays and a.placements == b.placements and a.warnings == b.warnings


@pytest.mark.parametrize("n", [0])
def test_nothing_to_plan_is_empty(n: int) -> None:
    assert solve_months(hospital(), CONFIG).status == "EMPTY"
