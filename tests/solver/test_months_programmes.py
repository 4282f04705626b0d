"""Rotation programmes as residency offices write them (issue 18), rule by rule, on the tiny
hospitals of ``months_builders`` (horizon 2026-01..2026-06, participants H0 and H1 from H):
disciplines counted once, prerequisites inside a block, required blocks, places and minimums
month by month, and the wishes — each with the case that plans, the one that cannot, and an
allowed alternative."""

from __future__ import annotations

from planner.domain import Discipline, RotationPlaces, Wish, WishKind
from planner.solver.months import solve_months
from tests.solver.months_builders import CONFIG, D, block, hospital, programme, who_ids

EVERYONE = who_ids("H0", "H1")
A_THEN_B = ((("A",), ("B",)),)
#: A and B teach one discipline (内科学) at two hosts, C another (外科学) at the first
TAUGHT = (Discipline("A", "内科学", "本院"), Discipline("B", "内科学", "分院"),
          Discipline("C", "外科学", "本院"))


def months(**kw):  # noqa: ANN003, ANN201
    kw.setdefault("programmes", (programme(ordered=False, exit_exam=False),))
    return solve_months(hospital(**kw), CONFIG)


def wish(who: str, kind: WishKind, value: str = "", weight: int = 0) -> Wish:
    return Wish(who_ids(*who.split(",")), kind, value, weight)


def where(result) -> dict[str, list[tuple[str, int, int]]]:  # noqa: ANN001
    out: dict[str, list[tuple[str, int, int]]] = {}
    for s in sorted(result.stays, key=lambda s: (s.pid, s.first)):
        out.setdefault(s.pid, []).append((s.dept, s.first, s.last))
    return out


def places(dept: str, first: int, last: int, capacity: int | None = None,
           minimum: int = 0) -> RotationPlaces:
    return RotationPlaces(dept, D(2026, first, 1), D(2026, last, 28), capacity, minimum)


# --- disciplines ------------------------------------------------------------------------------

def test_an_elective_takes_different_disciplines_whichever_host() -> None:
    # choose 2 of A, B, C: A and B teach one discipline, so each takes C and one of A/B.
    r = months(blocks=(block(1, "A", "B", "C", choose=2),), disciplines=TAUGHT)
    assert r.ok
    for pid, stays in where(r).items():
        depts = sorted(d for d, _, _ in stays)
        assert depts in (["A", "C"], ["B", "C"]), pid


def test_a_discipline_done_in_one_block_is_not_planned_again_in_another() -> None:
    # block 1 in A (内科学); block 2 offers B (内科学 too) or C: only C is possible.
    fixed = (programme(exit_exam=False),)
    r = months(blocks=(block(1, "A"), block(2, "B", "C")), disciplines=TAUGHT, programmes=fixed)
    assert all(sorted(d for d, _, _ in s) == ["A", "C"] for s in where(r).values())
    # with B alone, block 2 cannot be planned, and says so
    r = months(blocks=(block(1, "A"), block(2, "B")), disciplines=TAUGHT, programmes=fixed)
    assert all([d for d, _, _ in s] == ["A"] for s in where(r).values())
    assert any("block 2 not planned" in w for w in r.warnings)


# --- prerequisites inside a block ---------------------------------------------------------------

def test_a_prerequisite_comes_first_and_only_with_what_needs_it() -> None:
    # choose 2 of A, B, C; B only after A. H0 and H1 want B most: both get A, then B.
    r = months(blocks=(block(1, "A", "B", "C", choose=2, prerequisites=A_THEN_B),),
               wishes=(wish("H0,H1", WishKind.DEPARTMENT, "B", 5),))
    for pid, stays in where(r).items():
        (a, a0, a1), (b, b0, b1) = stays
        assert (a, b) == ("A", "B") and a1 < b0, pid


def test_without_its_prerequisite_a_department_is_not_chosen() -> None:
    # A takes nobody: B (which needs A) cannot be chosen either, and C alone is not two.
    r = months(blocks=(block(1, "A", "B", "C", choose=2, prerequisites=A_THEN_B),),
               rotation_places=(places("A", 1, 6, capacity=0),))
    assert where(r) == {}
    assert any("block 1 not planned" in w for w in r.warnings)


# --- required blocks ----------------------------------------------------------------------------

def test_a_required_block_that_cannot_fit_means_no_plan_and_says_which_rules_clash() -> None:
    r = months(blocks=(block(1, "A", lo=2, hi=2, required=True),),
               rotation_places=(places("A", 2, 5, capacity=0),))
    assert not r.ok and r.status == "INFEASIBLE"
    rules = {(f.rule, f.people, f.dept, f.count) for f in r.findings}
    assert ("rotation-capacity", (), "A", 0) in rules
    assert {f.rule for f in r.findings} == {"rotation-block", "rotation-capacity"}


def test_an_optional_block_in_the_same_case_is_left_out_with_a_warning() -> None:
    r = months(blocks=(block(1, "A", lo=2, hi=2),),
               rotation_places=(places("A", 2, 5, capacity=0),))
    assert r.ok and where(r) == {}
    assert any("block 1 not planned" in w for w in r.warnings)


# --- places and minimums month by month ---------------------------------------------------------

def test_a_month_without_places_is_skipped_and_a_minimum_is_met() -> None:
    # A takes nobody in January–March; C must take someone in May although both prefer A.
    r = months(blocks=(block(1, "A", "C", preference=("A",)),),
               rotation_places=(places("A", 1, 3, capacity=0), places("C", 5, 5, minimum=1)))
    stays = [s for ss in where(r).values() for s in ss]
    assert all(first >= 3 for d, first, _ in stays if d == "A")  # month 3 = April
    assert any(d == "C" and first <= 4 <= last for d, first, last in stays)  # 4 = May


# --- wishes -------------------------------------------------------------------------------------

def test_wishes_choose_discipline_and_host_and_keep_one_host() -> None:
    # block 1: one of A (本院) or B (分院), both 内科学; block 2: C (外科学, 本院). H0 gives
    # 分院 4 points a block, and a change of host costs them 3: B then C (4 − 3 = 1) beats A
    # and C (0). H1 wishes nothing but also pays for changes: A and C, one host.
    r = months(blocks=(block(1, "A", "B", required=True), block(2, "C", required=True)),
               disciplines=TAUGHT, wishes=(wish("H0", WishKind.HOST, "分院", 4),
                                           wish("H0,H1", WishKind.HOST_CHANGE, weight=-3)))
    got = where(r)
    assert sorted(d for d, _, _ in got["H0"]) == ["B", "C"]
    assert sorted(d for d, _, _ in got["H1"]) == ["A", "C"]
    assert r.status == "OPTIMAL"
    assert r.objective["months_satisfaction"] == 1 == r.objective["months_satisfaction_bound"]


def test_fairness_raises_the_least_satisfied_rotator() -> None:
    # A takes one rotator, in January only; choose 1 of A, B. H0: A +10, B 0; H1: A +4, B −3.
    # The sum alone gives A to H0 (10 − 3 = 7, the least −3); with fairness weight 2 the least
    # counts twice more: A to H1 (0 + 4, least 0 → 4 + 0 > 7 − 6).
    base = dict(blocks=(block(1, "A", "B"),),
                rotation_places=(places("A", 1, 1, capacity=1), places("A", 2, 6, capacity=0)))
    wishes = (wish("H0", WishKind.DEPARTMENT, "A", 10), wish("H1", WishKind.DEPARTMENT, "A", 4),
              wish("H1", WishKind.DEPARTMENT, "B", -3))
    r = months(**base, wishes=wishes)
    assert [d for d, _, _ in where(r)["H0"]] == ["A"]
    r = months(**base, wishes=(*wishes, Wish(EVERYONE, WishKind.FAIRNESS, "", 2)))
    assert [d for d, _, _ in where(r)["H1"]] == ["A"]
    assert r.objective["months_satisfaction"] == 0 + 4 + 2 * 0


def test_idle_months_are_counted_from_the_programme_start() -> None:
    # A then B, one month each, one place each: H1 waits a month for A — one idle month, −5.
    r = months(blocks=(block(1, "A"), block(2, "B")), programmes=(programme(exit_exam=False),),
               wishes=(wish("H0,H1", WishKind.IDLE_MONTH, weight=-5),))
    got = where(r)
    for pid, ((_, a0, a1), (_, b0, _)) in got.items():
        assert b0 == a1 + 1, pid  # no idle month between the blocks
    assert sorted(stays[0][1] for stays in got.values()) == [0, 1]
    assert r.objective["months_satisfaction"] == -5
