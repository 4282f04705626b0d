"""No speaker gives two sessions at once; nobody speaks on a day they are on leave or their ward
cannot spare them (:meth:`~planner.solver.instance.Instance.speaker_free`); and speakers from
one ward teaching at one time never take more of it than the ward can release.

Fixed speakers (定人定题) are pools of one; an outside expert is a pool of one that only exists on
the course's dates; an exam without examiners needs nobody. Like rooms, stated per clashing time
as Hall's condition over the pools; the speaker of each session is chosen afterwards by
matching, balancing teaching load."""

from __future__ import annotations

from collections import defaultdict

from planner.solver.findings import Finding
from planner.solver.timetable.model import Choice, TimetableModel
from planner.solver.timetable.rules.rooms import hall


def free_speakers(tm: TimetableModel, c: Choice) -> frozenset[str]:
    """The choice's pool less who cannot speak that day (cached per pool and day: every time
    and room of a day offers the same pool)."""
    day = tm.inst.time_points[c.t].date
    pool = tm.pool(c)
    key = (pool, day)
    known = tm.speakers_free_by_day.get(key)
    if known is None:
        known = tm.speakers_free_by_day[key] = frozenset(
            p for p in pool if tm.inst.speaker_free(p, day))
    return known


def add(tm: TimetableModel) -> None:
    inst = tm.inst
    m = tm.model
    for c in tm.choices:
        if tm.pool(c) and not free_speakers(tm, c):
            m.add(c.var == 0)
    for points in inst.instants:
        entries = [(free_speakers(tm, c), c.var) for t in points for c in tm.at(t)
                   if tm.pool(c)]
        if len(entries) < 2:
            continue
        day = inst.time_points[points[0]].date
        hall(tm, "speakers", entries, lambda s, day=day: (
            f"speakers {','.join(sorted(s)[:6])}{'…' if len(s) > 6 else ''} on "
            f"{day:%Y-%m-%d}: one session each"),
            lambda s, day=day: Finding("speakers", day=day, people=tuple(sorted(s))))
        _wards(tm, entries, day)


def _wards(tm: TimetableModel, entries: list[tuple[frozenset[str], object]], day) -> None:  # noqa: ANN001
    """Runs whose speakers all come from one ward take at most what the ward can release."""
    inst = tm.inst
    per: dict[str, list] = defaultdict(list)
    for speakers, v in entries:
        wards = {inst.dept_on(p, day) for p in speakers if not p.startswith("ext:")
                 and p in inst.staff}
        if len(wards) == 1 and all(p in inst.staff for p in speakers):
            ward = wards.pop()
            if all(p in inst.ward(ward, day)[0] for p in speakers):
                per[ward].append(v)
    for ward, vs in sorted(per.items()):
        spare = max(0, inst.ward(ward, day)[1])
        if len(vs) > spare:
            lit = tm.guard("speakers", f"{ward} on {day:%Y-%m-%d}: at most {spare} of its "
                                       f"people away teaching at one time",
                           Finding("ward", day=day, dept=ward, count=spare))
            tm.model.add(sum(vs) <= spare).only_enforce_if(lit)
