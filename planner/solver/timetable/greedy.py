"""A constructive timetable, as a careful office would fill its calendar by hand.

Two passes (when re-planning, after the published sessions, kept where they still fit). First
every part gets one run — the most constrained courses first (an exit
exam's week, a teach-back's weeks, fixed dates), the runs of a series at the middle of each
topic's even share of the window — so that no topic goes without a session because repeats of
others took the hall. Then each part takes as many more runs as its audience needs (the places
its runs offer, :mod:`.rules.supply`, and its tightest ward's run count), spread evenly between
the previous topic's last run and the next topic's first. Each run takes the free time nearest
its position, preferring its share of the window and times no other session uses, in the
largest room level with a room and a speaker free.

It is the timetable model's starting point (completed and checked by the model, so the search
starts from a solution) and, should the search find nothing better in its budget, the answer;
with :mod:`planner.solver.attendance.greedy` it is also the benchmark's yardstick.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from planner.solver.timetable.model import Choice, TimetableModel
from planner.solver.timetable.parts import Part
from planner.solver.timetable.rules.keep_times import published_choices, run_caps


class _Board:
    """What is taken so far: rooms, speakers and courses per instant."""

    def __init__(self, tm: TimetableModel):
        self.tm = tm
        self.room_busy: set[tuple[str, int]] = set()
        self.speaker_busy: set[tuple[str, int]] = set()
        self.course_busy: set[tuple[str, int]] = set()
        self.used: set[int] = set()
        self.chosen: list[Choice] = []
        self.times: dict[int, list[int]] = defaultdict(list)  # part → its runs' time points

    def take(self, c: Choice) -> bool:
        inst = self.tm.inst
        day = inst.time_points[c.t].date
        course = self.tm.parts[c.part].course.id
        ins = inst.point_instants[c.t]
        if any((course, i) in self.course_busy for i in ins):
            return False
        room = next((r for r in self.tm.level(c).rooms if day not in inst.room_off.get(r, ())
                     and not any((r, i) in self.room_busy for i in ins)), None)
        pool = self.tm.pool(c)
        speaker = next((s for s in pool if inst.speaker_free(s, day)
                        and not any((s, i) in self.speaker_busy for i in ins)), None)
        if room is None or (pool and speaker is None):
            return False
        for i in ins:
            self.room_busy.add((room, i))
            self.course_busy.add((course, i))
            self.used.add(i)
            if speaker is not None:
                self.speaker_busy.add((speaker, i))
        self.chosen.append(c)
        self.times[c.part].append(c.t)
        return True


def greedy_choices(tm: TimetableModel) -> list[Choice]:
    board = _Board(tm)
    by_key = {(c.part, c.t, c.level, c.pin): c for c in tm.choices}
    series: dict[str, list[Part]] = defaultdict(list)
    for p in tm.parts:
        series[p.course.id].append(p)
    for parts in series.values():
        parts.sort(key=lambda p: p.part)
    tight = {cid: min(len(p.candidates) for p in parts) for cid, parts in series.items()}
    order = sorted(series, key=lambda cid: (tight[cid], cid))
    # re-planning: a part of an unchanged course keeps its published number of runs
    caps = run_caps(tm)
    most = {p.index: min(p.max_runs, caps.get(p.index, p.max_runs)) for p in tm.parts}
    for cid in order:  # the office's pins before anything else
        for p in series[cid]:
            for pin in p.pinned:
                for t in pin.candidates:
                    c = by_key.get((p.index, t, None, pin.run))
                    if c is not None and board.take(c):
                        break
    # re-planning: then the published sessions, where they still can be
    for _key, choices in sorted(published_choices(tm).items()):
        for c in choices:
            if board.take(c):
                break
    for cid in order:  # pass 1: one run of every part
        for i, p in enumerate(series[cid]):
            if board.times[p.index] or most[p.index] == 0:
                continue
            lo, hi = _bounds(board, series[cid], i)
            middle = p.core[0] + (p.core[1] - p.core[0]) / 2
            _place(tm, board, by_key, p, [middle], lo, hi, most[p.index])
    offers: dict[int, list[int]] = defaultdict(list)
    for c, o in tm.offers.items():
        if c.level == 0:
            offers[c.part].append(o)
    offer = {(c.part, c.t, c.level, c.pin): o for c, o in tm.offers.items()}
    for cid in order:  # pass 2: the runs each part still needs
        for i, p in enumerate(series[cid]):
            lo, hi = _bounds(board, series[cid], i)
            mine = [c for c in board.chosen if c.part == p.index]
            while True:  # smaller rooms than hoped for ask for another round
                have = len(mine)
                places = sum(offer.get((c.part, c.t, c.level, c.pin), 0) for c in mine)
                each = places / have if have and places else max(1, p.levels[0].seats)
                want = max(_target(tm, p, sorted(offers[p.index])) - have,
                           -(-(p.demand - places) // max(1, int(each))))
                want = min(want, most[p.index] - have)
                if want <= 0:
                    break
                _place(tm, board, by_key, p, _positions(p.core[0], p.core[1], want), lo, hi,
                       most[p.index])
                mine = [c for c in board.chosen if c.part == p.index]
                if len(mine) == have:
                    break  # nowhere left
    return board.chosen


def _bounds(board: _Board, parts: list[Part], i: int) -> tuple[int, int]:
    """Time points a run of ``parts[i]`` may take: after every run of the topic before, before
    every run of the topic after (a series with fixed dates is not ordered)."""
    p = parts[i]
    if p.fixed_date:
        return -1, 10**9
    lo = max((t for q in parts[:i] if not q.fixed_date for t in board.times[q.index]),
             default=-1)
    hi = min((t for q in parts[i + 1:] if not q.fixed_date for t in board.times[q.index]),
             default=10**9)
    return lo, hi


def _place(tm: TimetableModel, board: _Board, by_key: dict, p: Part,  # noqa: ANN001
           goals: list[dt.date], lo: int, hi: int, most: int) -> None:
    tps = tm.inst.time_points
    instants = tm.inst.point_instants
    cands = [t for t in p.candidates if lo < t < hi]
    core_lo, core_hi = p.core
    for goal in goals:
        if len(board.times[p.index]) >= most:
            return
        mine = set(board.times[p.index])
        for t in sorted(cands, key=lambda t: (not core_lo <= tps[t].date <= core_hi,
                                              any(i in board.used for i in instants[t]),
                                              abs((tps[t].date - goal).days), t)):
            if t in mine:
                continue
            c = next((by_key[k] for k in ((p.index, t, ell, None)
                                         for ell in range(len(p.levels)))
                      if k in by_key and board.take(by_key[k])), None)
            if c is not None:
                break


def _target(tm: TimetableModel, p: Part, offers: list[int]) -> int:
    """How many runs the part should get: what its tightest ward needs, and enough for its
    places at the largest level's typical offer (``offers``: the level's offers, sorted)."""
    typical = offers[len(offers) // 2] if offers else max(1, p.levels[0].seats)
    by_places = -(-p.demand // max(1, typical)) if p.demand else 1
    return max(1, min(p.max_runs, max(p.min_runs, tm.run_target.get(p.index, 0), by_places)))


def _positions(lo: dt.date, hi: dt.date, n: int) -> list[dt.date]:
    """``n`` days spread evenly over ``lo … hi``."""
    days = (hi - lo).days
    return [lo + dt.timedelta(days=int((i + 0.5) * days / max(1, n))) for i in range(max(1, n))]
