"""Phase 3: name the people behind phase 2's head counts, then place whoever is still missing
a part wherever a seat, their ward and their own time allow.

Inside a group everyone is interchangeable for the model except for their *exceptions* (a day of
leave, a session they teach, a part already done: :mod:`planner.solver.attendance.model`). So
naming is a matching per group and part — the part's seats (the runs' head counts) to the
members who must follow it, may attend that run and are not in another session then:

* parts are matched tightest first (most seats per member who needs them), each as a maximum
  matching found by augmenting paths, members taken furthest-behind first (their quota
  deficit), so that a group total that meets the quota meets it for each member; when
  re-planning, a published attendee is offered their published run first;
* recordings go to the members still missing the part, furthest behind first.

The counts come from a relaxation, so now and then a seat cannot be given to anyone (a member
free only at times another part already took). :func:`fill` then gives every person still
missing a part the first run of it that has a seat left, that their ward can still release
them to and that they are free for — using seats and ward places the counts left over too — and
records, for each part that stays missed, the first reason that applies at every run.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field

from planner.solver.attendance.model import AttendanceModel, Group, Kept, Terms, may_watch
from planner.solver.attendance.rules.coverage import away_from_wards, person_duty_dept, ward_spare
from planner.solver.instance import Instance
from planner.solver.months.derive import EXTERNAL_STUDY
from planner.solver.timetable.result import Schedule

Part = tuple[str, int]


@dataclass
class Attendance:
    live: dict[int, list[str]]  # run → staff ids
    recording: list[tuple[str, str, int]]  # (staff, course, part)
    missed: list[tuple[str, str, int]]  # (staff, course, part)
    unplaced: int  # head counts no member could take (their seats went to :func:`fill`)
    #: (staff, course, part) → (reason, detail) of each missed part (:func:`fill`)
    reasons: dict[tuple[str, str, int], tuple[str, str]] = field(default_factory=dict)
    filled: int = 0  # places :func:`fill` gave beyond the counts


def assign_people(am: AttendanceModel, counts: dict[tuple[int, int], int],
                  rec_counts: dict[tuple[int, str, int], int],
                  terms: dict[str, Terms]) -> Attendance:
    """Name the people of every group; then :func:`fill`."""
    live: dict[int, list[str]] = defaultdict(list)
    recording: list[tuple[str, str, int]] = []
    unplaced = 0
    for g in am.groups:
        u = _name_group(am, g, counts, rec_counts, terms, live, recording)
        unplaced += u
    out = Attendance({r: sorted(v) for r, v in live.items()}, sorted(recording), [], unplaced)
    fill(am, out, terms)
    return out


def with_kept(named: Attendance, kept: Kept) -> Attendance:
    """The attendance of the people modelled, joined by the attendance a re-plan keeps."""
    if not kept.people:
        return named
    live = {r: list(v) for r, v in named.live.items()}
    for r, people in kept.live.items():
        live.setdefault(r, []).extend(people)
    return Attendance({r: sorted(v) for r, v in sorted(live.items())},
                      sorted(named.recording + list(kept.recording)),
                      sorted(named.missed + list(kept.missed)), named.unplaced,
                      dict(named.reasons), named.filled)


def kept_attendance(inst: Instance, schedule: Schedule, named: Attendance,
                    exclude: frozenset[str]) -> Kept:
    """Everyone's attendance in ``named`` except ``exclude``'s, as a :class:`Kept` a model of
    ``exclude`` alone works around: their seats taken, their absences from the wards counted."""
    live = {r: tuple(p for p in people if p not in exclude) for r, people in named.live.items()}
    live = {r: v for r, v in live.items() if v}
    people = {p for v in live.values() for p in v}
    recording = tuple(x for x in named.recording if x[0] not in exclude)
    missed = tuple(x for x in named.missed if x[0] not in exclude)
    people |= {x[0] for x in recording} | {x[0] for x in missed}
    off_ward = {k: len(v) for k, v in away_from_wards(inst, schedule, live).items()}
    return Kept(frozenset(people), live, recording, missed, off_ward)


# --- one group --------------------------------------------------------------------------------

class _Person:
    """What naming tracks about one member: what they may attend, what is left to follow, the
    times they are taken, and their hours by category (hundredths): live, by recording, and
    what their quota still asks after history."""

    __slots__ = ("pid", "may", "todo", "busy", "live", "rec", "need", "cap", "fixed", "watched")

    def __init__(self, pid: str, terms: Terms):
        self.pid = pid
        self.may = set(terms.may)
        self.todo = set(terms.must)
        self.busy: set[int] = set()
        self.live: dict[str, int] = defaultdict(int)
        self.rec: dict[str, int] = defaultdict(int)
        self.need = {cat: need for cat, need, _ in terms.needs.hours}
        self.cap = {cat: cap for cat, _, cap in terms.needs.hours}
        self.fixed = dict(terms.needs.fixed_online)
        self.watched: set[Part] = set()

    def counted(self, category: str) -> int:
        """Hours that count toward the category's quota (online ones up to the cap)."""
        cap = self.cap.get(category, 0)
        online = min(cap, self.rec[category] + min(self.fixed.get(category, 0), cap))
        return self.live[category] + online

    def deficit(self, category: str) -> int:
        return self.need.get(category, 0) - self.counted(category)


def _name_group(am: AttendanceModel, g: Group, counts, rec_counts, terms: dict[str, Terms],  # noqa: ANN001
                live: dict[int, list[str]], recording: list[tuple[str, str, int]]) -> int:
    inst = am.inst
    people = [_Person(p, terms[p]) for p in g.members]
    seats: dict[Part, list[int]] = defaultdict(list)
    for r in g.runs:
        if counts.get((g.index, r), 0) > 0:
            run = inst.runs[r]
            seats[run.course.id, run.part].append(r)
    demand = g.demand

    def tightness(part: Part) -> tuple:
        total = sum(counts[g.index, r] for r in seats[part])
        return (-total / max(1, demand.get(part, 1)), part)

    unplaced = 0
    held: dict[int, list[str]] = defaultdict(list)  # run → this group's members in it
    for part in sorted(seats, key=tightness):
        runs = sorted(seats[part], key=lambda r: (am.point(r), r))
        cap = {r: counts[g.index, r] for r in runs}
        unplaced += sum(cap.values()) - _match_part(am, part, runs, cap, people, held)
    for course_id, part in g.parts:
        k = rec_counts.get((g.index, course_id, part), 0)
        if k <= 0:
            continue
        course = am.course(course_id)
        category = course.category.value
        waiting = sorted((p for p in people if (course_id, part) in p.todo),
                         key=lambda p: (-p.deficit(category), p.pid))
        for p in waiting[:k]:
            p.todo.discard((course_id, part))
            p.watched.add((course_id, part))
            p.rec[category] += _hundredths(course.hours)
    _rebalance(am, people, held)
    for r, members in held.items():
        live[r].extend(members)
    for p in people:
        recording.extend((p.pid, c, part) for c, part in sorted(p.watched))
    return unplaced


def _rebalance(am: AttendanceModel, people: list[_Person], held: dict[int, list[str]]) -> None:
    """The model counts a group's hours together, so naming may leave one member short while
    another has more than their quota asks. Hand a seat from such a colleague to the member
    short of that category — when the short one may attend it, is free then and has not had
    the part live — as long as the colleague still meets their quota (they watch the part's
    recording if the course has one, else miss it: a miss costs far less than a shortfall)."""
    inst = am.inst
    by_id = {p.pid: p for p in people}
    runs_of: dict[str, list[int]] = defaultdict(list)  # category → runs the group holds
    for r in sorted(held, key=lambda r: (am.point(r), r)):
        runs_of[inst.runs[r].course.category.value].append(r)
    for p in sorted(people, key=lambda p: p.pid):
        for category in sorted(p.need):
            for r in runs_of.get(category, ()):
                if p.deficit(category) <= 0:
                    break
                run = inst.runs[r]
                part = (run.course.id, run.part)
                instants = set(inst.point_instants[am.point(r)])
                if (r not in p.may or (part not in p.todo and part not in p.watched)
                        or p.busy & instants):
                    continue
                hours = _hundredths(run.course.hours)
                donor = next((q for q in (by_id[x] for x in held[r])
                              if q.deficit(category) + hours <= 0), None)
                if donor is None:
                    continue
                held[r].remove(donor.pid)
                donor.live[category] -= hours
                donor.busy -= instants
                if run.course.recording and may_watch(inst, donor.pid, run.course):
                    donor.watched.add(part)
                    donor.rec[category] += hours
                else:
                    donor.todo.add(part)
                held[r].append(p.pid)
                p.live[category] += hours
                p.busy |= instants
                if part in p.watched:
                    p.watched.discard(part)
                    p.rec[category] -= hours
                p.todo.discard(part)


def _match_part(am: AttendanceModel, part: Part, runs: list[int], cap: dict[int, int],
                people: list[_Person], held: dict[int, list[str]]) -> int:
    """A maximum matching of the part's seats to the members who need it; members furthest
    behind are matched first and stay matched (each augmenting path keeps everyone already
    placed), so among maximum matchings this one favours them. Returns the seats filled."""
    inst = am.inst
    course = am.course(part[0])
    category = course.category.value
    instants = {r: set(inst.point_instants[am.point(r)]) for r in runs}
    published = {r: _published(am, r) for r in runs}
    candidates = [p for p in people if part in p.todo]
    options: dict[str, list[int]] = {}
    for p in candidates:
        opts = [r for r in runs if r in p.may and not (p.busy & instants[r])]
        opts.sort(key=lambda r: (p.pid not in published[r], am.point(r), r))
        options[p.pid] = opts
    holders: dict[int, list[str]] = {r: [] for r in runs}
    seat_of: dict[str, int] = {}

    def augment(pid: str, seen: set[int]) -> bool:
        """Seat ``pid``, moving holders along an augmenting path if need be."""
        for r in options[pid]:
            if r in seen:
                continue
            seen.add(r)
            if len(holders[r]) < cap[r]:
                holders[r].append(pid)
                seat_of[pid] = r
                return True
            for q in list(holders[r]):
                if augment(q, seen):  # q found a seat in another run
                    holders[r].remove(q)
                    holders[r].append(pid)
                    seat_of[pid] = r
                    return True
        return False

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(runs) + 1000))
    try:
        # When re-planning, the part's published attendees first: they keep their places
        # where the counts allow (a re-plan of unchanged inputs changes nobody's calendar).
        was_here = set().union(*published.values()) if published else set()
        for p in sorted(candidates, key=lambda p: (p.pid not in was_here, -p.deficit(category),
                                                    p.pid)):
            if options[p.pid]:
                augment(p.pid, set())
    finally:
        sys.setrecursionlimit(limit)
    by_id = {p.pid: p for p in candidates}
    hours = _hundredths(course.hours)
    for pid, r in seat_of.items():
        p = by_id[pid]
        held[r].append(pid)
        p.todo.discard(part)
        p.busy |= instants[r]
        p.live[category] += hours
    return len(seat_of)


def _published(am: AttendanceModel, r: int) -> frozenset[str]:
    """Re-planning: who attended run ``r`` in the published plan (offered it first)."""
    inst = am.inst
    p = inst.past.future.get(inst.runs[r].key) if inst.past is not None else None
    return p.attendees if p is not None else frozenset()


def _hundredths(hours: float) -> int:
    return int(round(hours * 100))


# --- filling what the counts left -------------------------------------------------------------

def fill(am: AttendanceModel, att: Attendance, terms: dict[str, Terms]) -> None:
    """Give every modelled person still missing a part a seat where one is left (exit exams
    first, then those furthest behind); a recording where the course has one; else record the
    part as missed, with its reason. Kept people (a local re-plan) are left as they are."""
    inst = am.inst
    schedule = am.schedule
    modelled = [p for g in am.groups for p in g.members]
    live = {r: list(v) for r, v in att.live.items()}
    for r, kept in am.kept.live.items():
        live.setdefault(r, []).extend(kept)
    seated = {r: len(v) for r, v in live.items()}
    day_of = {r: inst.time_points[t].date for r, t in schedule.time.items()}
    instants = {r: inst.point_instants[t] for r, t in schedule.time.items()}
    off_ward: dict[tuple[str, int], int] = defaultdict(int)
    busy: dict[str, set[int]] = defaultdict(set)
    done: set[tuple[str, str, int]] = set()
    for r, people in live.items():
        run = inst.runs[r]
        for pid in people:
            busy[pid].update(instants[r])
            done.add((pid, run.course.id, run.part))
            dept = person_duty_dept(inst, pid, day_of[r])
            if dept is not None:
                for i in instants[r]:
                    off_ward[dept, i] += 1
    for pid, course_id, part in att.recording:
        done.add((pid, course_id, part))
    spare_cache: dict[tuple[str, int], int] = {}

    def ward_room(dept: str, i: int) -> int:
        if (dept, i) not in spare_cache:
            spare_cache[dept, i] = ward_spare(inst, schedule, dept, inst.instants[i])
        return spare_cache[dept, i] - off_ward[dept, i] - am.kept.off_ward.get((dept, i), 0)

    runs_of = inst.part_runs
    hours_got: dict[tuple[str, str], int] = defaultdict(int)
    for r, people in live.items():
        c = inst.runs[r].course
        for pid in people:
            hours_got[pid, c.category.value] += _hundredths(c.hours)
    waiting = []
    for pid in modelled:
        need = {cat: n for cat, n, _ in terms[pid].needs.hours}
        for course_id, part in terms[pid].must:
            if (pid, course_id, part) in done:
                continue
            cat = am.course(course_id).category.value
            exam = course_id.startswith("exit:")
            waiting.append((not exam, -(need.get(cat, 0) - hours_got[pid, cat]), pid,
                            course_id, part))
    recording = list(att.recording)
    missed: list[tuple[str, str, int]] = []
    reasons: dict[tuple[str, str, int], tuple[str, str]] = {}
    filled = 0
    for _, _, pid, course_id, part in sorted(waiting):
        may = set(terms[pid].may)
        placed = False
        for run in sorted(runs_of.get((course_id, part), ()), key=lambda x: (
                schedule.time.get(x.index, -1), x.index)):
            r = run.index
            if r not in schedule.time or r not in may:
                continue
            if seated.get(r, 0) >= am.run_capacity(r):
                continue
            if busy[pid] & set(instants[r]):
                continue
            dept = person_duty_dept(inst, pid, day_of[r])
            if dept is not None and any(ward_room(dept, i) <= 0 for i in instants[r]):
                continue
            live.setdefault(r, []).append(pid)
            seated[r] = seated.get(r, 0) + 1
            busy[pid].update(instants[r])
            if dept is not None:
                for i in instants[r]:
                    off_ward[dept, i] += 1
            placed = True
            filled += 1
            break
        if placed:
            continue
        course = am.course(course_id)
        if course.recording and may_watch(inst, pid, course):
            recording.append((pid, course_id, part))
            continue
        missed.append((pid, course_id, part))
        reasons[pid, course_id, part] = _why(am, pid, course_id, part, may, busy[pid], seated,
                                             ward_room)
    for r, kept in am.kept.live.items():  # the kept stay in Kept, joined later by with_kept
        for pid in kept:
            live[r].remove(pid)
    att.live = {r: sorted(v) for r, v in sorted(live.items()) if v}
    att.recording = sorted(recording)
    att.missed = sorted(missed)
    att.reasons = reasons
    att.filled = filled


def _why(am: AttendanceModel, pid: str, course_id: str, part: int, may: set[int],
         busy: set[int], seated: dict[int, int], ward_room) -> tuple[str, str]:  # noqa: ANN001
    """Why a part stays missed: the first reason, in the documented order, that holds at every
    run of it — away (on leave, teaching or rotating elsewhere), capacity (full), coverage
    (the ward at its minimum), clash (in another session then)."""
    inst = am.inst
    schedule = am.schedule
    runs = [r for r in inst.part_runs.get((course_id, part), ()) if r.index in schedule.time]
    if not runs:
        return "no session in window", ""
    away: list[tuple[str, object]] = []
    found: dict[str, list[str]] = defaultdict(list)
    for run in runs:
        r = run.index
        t = schedule.time[r]
        day = inst.time_points[t].date
        if r not in may:
            away.append((where_instead(am, pid, r, day), day))
        elif seated.get(r, 0) >= am.run_capacity(r):
            found["capacity"].append(day.isoformat())
        elif busy & set(inst.point_instants[t]):
            found["clash"].append(day.isoformat())
        else:
            dept = person_duty_dept(inst, pid, day)
            found["coverage"].append(f"{dept} {day.isoformat()}")
    if not found:
        return "away", away_detail(away)
    # each run open to the person fails for one of these; name the first that explains all
    covered = 0
    for reason in ("capacity", "coverage", "clash"):
        covered += len(found.get(reason, ()))
        if covered == len(runs) - len(away):
            return reason, ", ".join(sorted(set(found[reason]))[:6])
    return "clash", ""  # not reached: every open run is full, at its minimum or a clash


def where_instead(am: AttendanceModel, pid: str, r: int, day) -> str:  # noqa: ANN001 — a date
    """Where a person is instead of at run ``r``: on external study (and where), on leave (the
    reason is theirs and is not repeated), rotating in another department, or teaching."""
    inst = am.inst
    if day in inst.person_off.get(pid, ()):
        for u in inst.problem.unavailability:
            if u.kind == "staff" and u.id == pid and u.start <= day <= u.end \
                    and u.reason.startswith(EXTERNAL_STUDY):
                return u.reason
        return "on leave"
    if pid in inst.hosts and not inst.in_audience(inst.runs[r].course, pid, day):
        return f"rotating in {inst.dept_on(pid, day)}"
    return "teaching"


def away_detail(where: list[tuple[str, object]]) -> str:
    """``(where, day)`` pairs in a line: each place once, with the dates of the runs missed."""
    days: dict[str, list[str]] = defaultdict(list)
    for what, day in where:
        days[what].append(day.isoformat())  # type: ignore[attr-defined]
    return "; ".join(f"{what}: {', '.join(sorted(set(d)))}" for what, d in sorted(days.items()))