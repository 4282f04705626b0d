"""Rooms and speakers for sessions whose times are fixed: bipartite matching per clashing time.

Rooms go smallest-first (small groups in small rooms); speakers go least-loaded-first over the
horizon (teaching load balanced), ties broken by id so the result is deterministic. When a
matching is impossible the set of sessions that caused it (a Hall violator) is returned as a cut
for the timetable model.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from planner.solver.findings import Finding
from planner.solver.instance import Instance


@dataclass(frozen=True)
class Cut:
    """At most ``bound`` of ``runs`` may take a time in ``points`` (one clashing time)."""

    family: str
    runs: tuple[int, ...]
    points: tuple[int, ...]
    bound: int
    text: str
    finding: Finding


@dataclass
class Resources:
    rooms: dict[int, str]
    speakers: dict[int, str]
    cuts: list[Cut]


def _kuhn(
    left: list[int], options: dict[int, list[str]]
) -> tuple[dict[int, str], list[tuple[set[int], set[str]]]]:
    match_right: dict[str, int] = {}
    violators: list[tuple[set[int], set[str]]] = []

    def augment(u: int, seen: set[str], reached: set[int]) -> bool:
        reached.add(u)
        for v in options[u]:
            if v in seen:
                continue
            seen.add(v)
            if v not in match_right or augment(match_right[v], seen, reached):
                match_right[v] = u
                return True
        return False

    for u in left:
        seen: set[str] = set()
        reached: set[int] = set()
        if not augment(u, seen, reached):
            violators.append((reached, seen))
    return {u: v for v, u in match_right.items()}, violators


def assign_resources(inst: Instance, chosen: dict[int, int]) -> Resources:
    """Match every placed session to a room and a speaker; return cuts where impossible."""
    rooms: dict[int, str] = {}
    speakers: dict[int, str] = {}
    cuts: list[Cut] = []
    load: dict[str, float] = defaultdict(float)
    at_point: dict[int, list[int]] = defaultdict(list)
    for r, t in chosen.items():
        at_point[t].append(r)
    for points in inst.instants:
        runs = sorted({r for t in points for r in at_point.get(t, ())})
        if not runs:
            continue
        day = inst.time_points[points[0]].date

        def room_options(r: int) -> list[str]:
            if r in rooms:
                return [rooms[r]]
            free = [x for x in inst.runs[r].rooms if day not in inst.room_off.get(x, ())]
            return _published_first(free, r, "room")

        def speaker_options(r: int) -> list[str]:
            if r in speakers:
                return [speakers[r]]
            return free_speakers(r)

        def free_speakers(r: int) -> list[str]:
            pool = [p for p in inst.runs[r].pool if inst.speaker_free(p, day)]
            return _published_first(sorted(pool, key=lambda p: (load[p], p)), r, "speaker")

        def _published_first(options: list[str], r: int, what: str) -> list[str]:
            """Re-planning: the published room or speaker is tried first (the matching keeps
            the first option that leads to a complete match)."""
            mine = _published(r, what)
            return sorted(options, key=lambda x: x != mine) if mine in options else options

        def _published(r: int, what: str) -> str | None:
            published = inst.past.future.get(inst.runs[r].key) if inst.past else None
            return getattr(published, what, None)

        # runs whose speaker an earlier overlapping time already fixed keep it
        fixed = {r for r in runs if r in speakers}
        for r in runs:
            if not inst.runs[r].pool:  # an exam without examiners: nobody to match
                speakers[r] = ""
        for family, options_of, target in (
            ("rooms", room_options, rooms),
            ("speakers", speaker_options, speakers),
        ):
            result = None
            if inst.past is not None:
                # Re-planning: first every session that may keep its published room (speaker)
                # keeps it, the others matched around them — an augmenting path would otherwise
                # hand a kept session's room to a new one and move the kept one to its second
                # choice. Only when that leaves no complete match is everyone matched freely.
                what = family[:-1]

                def kept_first(r: int, options_of=options_of, what=what) -> list[str]:  # noqa: ANN001
                    options = options_of(r)
                    mine = _published(r, what)
                    return [mine] if mine in options else options

                trial: list[Cut] = []
                result = _match_at(inst, runs, points, family, kept_first, trial)
                if trial:
                    result = None
            if result is None:
                result = _match_at(inst, runs, points, family, options_of, cuts)
            target.update(result)
        # the ward check may move a session to another free speaker of its pool: it sees the
        # whole pool, not just the speaker the matching gave (a cut from the matched speaker
        # alone forbade plans that a speaker of another ward made possible)
        _ward_budget(inst, runs, points, day, speakers,
                     lambda r, fixed=fixed: [speakers[r]] if r in fixed else free_speakers(r),
                     cuts)
        for r in runs:
            if r in speakers:
                load[speakers[r]] += inst.runs[r].course.hours
    return Resources(rooms, speakers, cuts)


def _match_at(
    inst: Instance,
    runs: list[int],
    points: tuple[int, ...],
    family: str,
    options_of: Callable[[int], list[str]],
    cuts: list[Cut],
) -> dict[int, str]:
    if family == "speakers":
        runs = [r for r in runs if inst.runs[r].pool]
    options = {r: options_of(r) for r in runs}
    order = sorted(runs, key=lambda r: (len(options[r]), r))
    matched, violators = _kuhn(order, options)
    day = inst.time_points[points[0]].date
    for reached, neighbours in violators:
        names = ", ".join(inst.runs[r].label for r in sorted(reached))
        cuts.append(
            Cut(
                family=family,
                runs=tuple(sorted(reached)),
                points=points,
                bound=len(neighbours),
                text=f"{family} on {day:%Y-%m-%d}: {names} share {len(neighbours)}",
                finding=(Finding("rooms", day=day, rooms=tuple(sorted(neighbours)))
                         if family == "rooms" else
                         Finding("speakers", day=day, people=tuple(sorted(neighbours)))),
            )
        )
    return matched


def _ward_budget(inst: Instance, runs: list[int], points: tuple[int, ...], day,  # noqa: ANN001
                 speakers: dict[int, str], options_of: Callable[[int], list[str]],
                 cuts: list[Cut]) -> None:
    """Teaching takes a speaker off their ward: at one time, no ward may lose more speakers than
    it can release. Where the matching took too many from one ward, a session moves to a free
    speaker of another ward; where none is free, a cut asks the timetable to spread them."""
    def ward_of(p: str) -> str | None:
        if not p or p.startswith("ext:") or p not in inst.staff:
            return None
        ward = inst.dept_on(p, day)
        return ward if p in inst.ward(ward, day)[0] else None

    used = {speakers[r] for r in runs if speakers.get(r)}
    for _ in range(len(runs)):
        load: dict[str, list[int]] = defaultdict(list)
        for r in runs:
            w = ward_of(speakers.get(r, ""))
            if w is not None:
                load[w].append(r)
        over = sorted((w for w, rs in load.items() if len(rs) > max(0, inst.ward(w, day)[1])))
        if not over:
            return
        w = over[0]
        moved = False
        for r in sorted(load[w]):
            for p in options_of(r):
                if p in used or ward_of(p) == w:
                    continue
                w2 = ward_of(p)
                if w2 is not None and len(load.get(w2, ())) + 1 > inst.ward(w2, day)[1]:
                    continue
                used.discard(speakers[r])
                speakers[r] = p
                used.add(p)
                moved = True
                break
            if moved:
                break
        if not moved:
            # A valid cut: the runs whose every free speaker that day is of this ward.
            spare = max(0, inst.ward(w, day)[1])
            bound = [r for r in runs if inst.runs[r].pool
                     and all(ward_of(p) == w for p in options_of(r))]
            if len(bound) > spare:
                names = ", ".join(inst.runs[r].label for r in sorted(bound))
                cuts.append(Cut("speakers", tuple(sorted(bound)), points, spare,
                                f"{w} on {day:%Y-%m-%d}: {names} — at most {spare} of its "
                                f"people away teaching at once",
                                Finding("ward", day=day, dept=w, count=spare)))
            return
