"""Bench: the months phase on the published Medical Student Scheduling instances.

The instances of Akbarzadeh & Maenhout ("An exact branch-and-price approach for the medical
student scheduling problem", Computers & Operations Research 2021), as MiniZinc data files in the
GitHub repository ``eugeniazanazzo/MSS_Data`` (folder ``Instances/Akbarzadeh and Maenhout``; the
rules and the objective are ``Software/Minizinc/mss.mzn`` there). Each instance is

1. **read** from its ``.dzn`` file (:func:`read_dzn`);
2. **converted** into an input folder as an office would write it (:func:`convert`): a hospital
   ``h`` teaching discipline ``d`` is department ``H{h}-D{d}`` with discipline ``D{d}`` and host
   ``H{h}`` (``disciplines.csv``); each student is a staff member with a programme of their own
   whose blocks are the discipline groups — required, choose ``StudDiscGroup`` disciplines of
   those ``AllowedDisc`` allows, ``Duration`` months each, prerequisites from ``Precededby`` —;
   unavailable months are leave; ``MaxPosHosp``/``MinPosHosp`` are rotator capacities and
   minimums; the student's weights become ``rotation_wishes.csv`` rows (discipline
   ``W_disc × PrefStudDisc``, host ``W_hosp × PrefStudHosp``, host change ``W_change``, idle
   month ``W_wait``, the school's ``ManPref`` for everyone, fairness 1 for everyone);
3. **planned**: the input folder is loaded by the planner's own loader and its months phase is
   run (:func:`planner.solver.months.solve_months`), timed on the wall clock;
4. **checked** against the instance's own rules by this module's checker (:func:`violations`),
   which reads only the ``.dzn`` data and the months chosen — never the planner's rules — and
   computes the ``mss.mzn`` objective (:func:`mss_objective`): every student's discipline,
   hospital, change, waiting and school satisfaction, summed, plus the worst student's.

Printed per instance: students, hospitals, disciplines, months and the block length; seconds
(converting and loading, and the months phase); the phase's status; the objective; the bound the
phase proved (``gap`` = (bound − objective) / |objective|); the violations found.

    python -m planner.mss_bench PATH                 # PATH: the fetched repository or a folder
    python -m planner.mss_bench PATH --only L80,L84  # of .dzn files; instances by name
    python -m planner.mss_bench PATH --smallest 10   # ten instances, one of each size, smallest
                                                     # first

The 48-month instances need a horizon of four years, one more than the input format allows
(``planner.inputs.limits.HORIZON_DAYS``); the bench lifts that limit while it loads them.
``MaxDiscPerHosp`` (at most so many disciplines at one hospital) has no counterpart in the
input format: instances where it could bind are refused (in the published ones it never can).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

FOLDER = "Instances/Akbarzadeh and Maenhout"
START = dt.date(2021, 1, 1)  # month 1 of every instance (years chinesecalendar knows)


# --- reading ---------------------------------------------------------------------------------

def read_dzn(text: str) -> dict[str, object]:
    """The assignments of a MiniZinc data file: scalars, 1-d arrays, 2-d arrays (``[| … |]``)
    and ``array3d(…, […])`` (flat, row-major)."""
    text = re.sub(r"%[^\n]*", "", text)
    out: dict[str, object] = {}
    for stmt in text.split(";"):
        if "=" not in stmt:
            continue
        name, value = (x.strip() for x in stmt.split("=", 1))
        numbers = [int(x) for x in re.findall(r"-?\d+", value)]
        if value.startswith("array3d"):
            body = value[value.index("[") + 1:value.rindex("]")]
            out[name] = [int(x) for x in re.findall(r"-?\d+", body)]
        elif value.startswith("[|"):
            rows = [r for r in value[2:value.rindex("|]")].split("|") if r.strip()]
            out[name] = [[int(x) for x in re.findall(r"-?\d+", r)] for r in rows]
        elif value.startswith("["):
            out[name] = numbers
        elif numbers:
            out[name] = numbers[0]
    return out


@dataclass
class Instance:
    name: str
    students: int
    hospitals: int
    disciplines: int
    horizon: int
    duration: int
    groups: int
    max_per_hospital: int
    group_of: list[int]  # discipline → group (1-based)
    need: list[list[int]]  # student → group → disciplines to take
    allowed: list[list[int]]  # student → discipline → 0/1
    preceded_by: list[list[int]]  # [d][d1] = 1: d1 must come before d
    available: list[list[int]]  # student → month → 0/1
    able: list[int]  # [s, h, d] flat
    max_pos: list[int]  # [h, d, t] flat
    min_pos: list[int]
    weights: list[list[int]]  # student → (w_disc, w_hosp, w_change, w_wait)
    pref_disc: list[list[int]]
    pref_hosp: list[list[int]]
    school: list[int]  # ManPref

    @classmethod
    def parse(cls, name: str, text: str) -> Instance:
        v = read_dzn(text)
        return cls(name, v["Students"], v["Hospitals"], v["Disciplines"], v["Horizon"],
                   v["Duration"], v["Groups"], v["MaxDiscPerHosp"], v["DiscGroup"],
                   v["StudDiscGroup"], v["AllowedDisc"], v["Precededby"], v["Availability"],
                   v["Ability"], v["MaxPosHosp"], v["MinPosHosp"], v["WeightPref"],
                   v["PrefStudDisc"], v["PrefStudHosp"], v["ManPref"])  # type: ignore[arg-type]

    def can(self, s: int, h: int, d: int) -> bool:
        return bool(self.able[(s * self.hospitals + h) * self.disciplines + d])

    def most(self, h: int, d: int, t: int) -> int:
        return self.max_pos[(h * self.disciplines + d) * self.horizon + t]

    def least(self, h: int, d: int, t: int) -> int:
        return self.min_pos[(h * self.disciplines + d) * self.horizon + t]

    @property
    def size(self) -> tuple[int, int, int, int, int]:
        return self.students, self.hospitals, self.disciplines, self.horizon, self.duration


def instances(path: Path) -> dict[str, Path]:
    """Instance name (``Instance_10`` → ``10``, ``Instance_L80`` → ``L80``) → its file."""
    folder = path / FOLDER if (path / FOLDER).is_dir() else path
    return {f.stem.removeprefix("Instance_"): f for f in sorted(folder.glob("*.dzn"))}


# --- converting --------------------------------------------------------------------------------

def student(s: int) -> str:
    return f"S{s + 1:03d}"


def department(h: int, d: int) -> str:
    return f"H{h + 1}-D{d + 1:02d}"


def _month_last(t: int) -> dt.date:
    k = START.month - 1 + t + 1
    return dt.date(START.year + k // 12, k % 12 + 1, 1) - dt.timedelta(days=1)


def _month_first(t: int) -> dt.date:
    k = START.month - 1 + t
    return dt.date(START.year + k // 12, k % 12 + 1, 1)


def _write(folder: Path, name: str, header: list[str], rows: list[list[object]]) -> None:
    with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def _closure(inst: Instance, s: int, group: int) -> list[int]:
    """The disciplines of ``group`` the student may take: allowed, and with every prerequisite
    allowed too (one whose prerequisite is not allowed can never be taken)."""
    ok = {d for d in range(inst.disciplines)
          if inst.group_of[d] == group and inst.allowed[s][d]}
    changed = True
    while changed:
        changed = False
        for d in sorted(ok):
            if any(inst.preceded_by[d][d1] and d1 not in ok for d1 in range(inst.disciplines)):
                ok.discard(d)
                changed = True
    return sorted(ok)


def convert(inst: Instance, folder: Path) -> None:
    """Write ``inst`` as an input folder (see the module docstring)."""
    for d in range(inst.disciplines):
        for d1 in range(inst.disciplines):
            if inst.preceded_by[d][d1] and inst.group_of[d] != inst.group_of[d1]:
                raise ValueError(f"{inst.name}: a prerequisite across groups (D{d1 + 1} before "
                                 f"D{d + 1}) has no counterpart in the input format")
    most_taken = max(sum(r) for r in inst.need)
    if inst.max_per_hospital < most_taken:
        raise ValueError(f"{inst.name}: MaxDiscPerHosp {inst.max_per_hospital} could bind")
    folder.mkdir(parents=True, exist_ok=True)
    end = _month_last(inst.horizon - 1)
    (folder / "plan.yaml").write_text(
        f"hospital: MSS {inst.name}\nlanguage: en\n"
        f"horizon: {{start: {START.isoformat()}, end: {end.isoformat()}}}\n"
        "slots:\n  - {id: mon-pm, weekday: mon, start: \"16:00\", end: \"18:00\"}\n",
        encoding="utf-8")
    hosts = range(inst.hospitals)
    discs = range(inst.disciplines)
    months = range(inst.horizon)
    varying = {(h, d) for h in hosts for d in discs
               if len({inst.most(h, d, t) for t in months}) > 1}
    dept_rows: list[list[object]] = [["STU", "students", 0, 0]]
    dept_rows += [[department(h, d), f"hospital {h + 1} discipline {d + 1}", 0,
                   0 if (h, d) in varying else inst.most(h, d, 0)] for h in hosts for d in discs]
    _write(folder, "departments", ["id", "name", "min_on_duty", "rotator_capacity"], dept_rows)
    _write(folder, "staff", ["id", "name", "department", "role", "title", "age"],
           [[student(s), f"student {s + 1}", "STU", "doctor", "住院医师", 25]
            for s in range(inst.students)])
    _write(folder, "rooms", ["id", "name", "capacity"], [["R1", "room", 10]])
    _write(folder, "courses", ["id", "title", "category", "mode", "hours", "audience"],
           [["NONE", "nothing", "other", "online", 1, "nobody"]])
    _write(folder, "disciplines", ["department", "discipline", "host"],
           [[department(h, d), f"D{d + 1:02d}", f"H{h + 1}"] for h in hosts for d in discs])
    places = []
    for h in hosts:
        for d in discs:
            for t in months:
                most = inst.most(h, d, t) if (h, d) in varying else None
                least = inst.least(h, d, t)
                if most is not None or least:
                    places.append([department(h, d), _month_first(t), _month_last(t),
                                   "" if most is None else most, least or ""])
    _write(folder, "rotation_capacity", ["department", "from", "to", "capacity", "minimum"],
           places)
    programmes, blocks, leave, wishes = [], [], [], []
    for s in range(inst.students):
        pid = student(s)
        programmes.append([f"P{s + 1:03d}", f"programme of {pid}", "free", f"id={pid}",
                           "no", "yes"])
        for g in range(inst.groups):
            k = inst.need[s][g]
            if not k:
                continue
            ok = _closure(inst, s, g + 1)
            names = []
            for d in ok:
                if all(inst.can(s, h, d) for h in hosts):
                    names.append(f"D{d + 1:02d}")
                else:
                    names += [department(h, d) for h in hosts if inst.can(s, h, d)]
            pairs = [f"D{d1 + 1:02d}->D{d + 1:02d}" for d in ok for d1 in ok
                     if inst.preceded_by[d][d1]]
            blocks.append([f"P{s + 1:03d}", g + 1, ",".join(names), k, inst.duration,
                           inst.duration, ",".join(pairs)])
        for t in months:
            if not inst.available[s][t]:
                leave.append(["staff", pid, _month_first(t), _month_last(t), "unavailable"])
        w_disc, w_hosp, w_change, w_wait = inst.weights[s]
        for d in discs:
            if w_disc * inst.pref_disc[s][d]:
                wishes.append([f"id={pid}", "discipline", f"D{d + 1:02d}",
                               w_disc * inst.pref_disc[s][d]])
        for h in hosts:
            if w_hosp * inst.pref_hosp[s][h]:
                wishes.append([f"id={pid}", "host", f"H{h + 1}", w_hosp * inst.pref_hosp[s][h]])
        if w_change:
            wishes.append([f"id={pid}", "host-change", "", w_change])
        if w_wait:
            wishes.append([f"id={pid}", "idle-month", "", w_wait])
    for d in discs:
        if inst.school[d]:
            wishes.append(["everyone", "discipline", f"D{d + 1:02d}", inst.school[d]])
    wishes.append(["everyone", "fairness", "", 1])
    _write(folder, "programmes",
           ["id", "name", "order", "participants", "exit_exam", "required"], programmes)
    _write(folder, "programme_blocks", ["programme", "block", "departments", "choose",
                                        "min_months", "max_months", "prerequisites"], blocks)
    _write(folder, "unavailability", ["kind", "id", "from", "to", "reason"], leave)
    _write(folder, "rotation_wishes", ["who", "kind", "value", "weight"], wishes)


@contextmanager
def _long_horizon(months: int) -> Iterator[None]:
    """Lift the input format's three-year horizon limit for a longer instance."""
    from planner.inputs import limits

    saved = limits.HORIZON_DAYS
    if months > 36:
        limits.HORIZON_DAYS = 31 * months
    try:
        yield
    finally:
        limits.HORIZON_DAYS = saved


# --- planning ----------------------------------------------------------------------------------

Schedule = dict[tuple[int, int], tuple[int, int]]  # (student, month) → (hospital, discipline)


@dataclass
class Outcome:
    load_s: float
    months_s: float
    status: str
    schedule: Schedule
    bound: float | None
    stats: dict[str, float]
    warnings: list[str]


def plan(inst: Instance, folder: Path, time_limit: float = 60.0, workers: int = 2) -> Outcome:
    """Convert, load and plan the months of ``inst`` (in ``folder``)."""
    from planner.inputs import load_problem
    from planner.solver.config import SolverConfig
    from planner.solver.months import solve_months
    from planner.workdays import build_calendar

    t0 = time.perf_counter()
    convert(inst, folder)
    with _long_horizon(inst.horizon):
        problem = load_problem(folder)
    calendar = build_calendar(problem.settings, problem.holidays)
    t1 = time.perf_counter()
    result = solve_months(problem, SolverConfig(time_limit=time_limit, workers=workers),
                          calendar=calendar)
    t2 = time.perf_counter()
    schedule: Schedule = {}
    pattern = re.compile(r"H(\d+)-D(\d+)")
    for stay in result.stays:
        s = int(stay.pid[1:]) - 1
        found = pattern.fullmatch(stay.dept)
        assert found is not None, stay.dept
        h, d = int(found[1]) - 1, int(found[2]) - 1
        for t in range(stay.first, stay.last + 1):
            if (s, t) in schedule:
                schedule[s, t] = (-1, -1)  # two places in one month: a violation below
            else:
                schedule[s, t] = (h, d)
    return Outcome(t1 - t0, t2 - t1, result.status, schedule,
                   result.objective.get("months_satisfaction_bound"), result.stats,
                   result.warnings)


# --- the instance's own rules (mss.mzn), independent of the planner ------------------------------

def _blocks(inst: Instance, sched: Schedule, s: int) -> list[tuple[int, int, int, int]]:
    """A student's runs of consecutive months in one (hospital, discipline): (first, last, h, d)."""
    out: list[tuple[int, int, int, int]] = []
    for t in range(inst.horizon):
        here = sched.get((s, t))
        if here is None:
            continue
        if out and out[-1][1] == t - 1 and out[-1][2:] == here:
            out[-1] = (out[-1][0], t, *here)
        else:
            out.append((t, t, *here))
    return out


def violations(inst: Instance, sched: Schedule) -> list[str]:
    """Every rule of ``mss.mzn`` the schedule breaks, in words."""
    out: list[str] = []
    counts: dict[tuple[int, int, int], int] = defaultdict(int)
    for (s, t), (h, d) in sched.items():
        if h < 0:
            out.append(f"student {s + 1} is in two places in month {t + 1}")
            continue
        counts[h, d, t] += 1
        if not inst.available[s][t]:
            out.append(f"student {s + 1} works in month {t + 1}, unavailable")
        if not inst.can(s, h, d):
            out.append(f"student {s + 1} in hospital {h + 1} discipline {d + 1} without ability")
    for s in range(inst.students):
        runs = [b for b in _blocks(inst, sched, s) if b[2] >= 0]
        taken: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
        for b in runs:
            taken[b[3]].append(b)
        for d, bs in taken.items():
            months = sum(b[1] - b[0] + 1 for b in bs)
            if len(bs) > 1 or months != inst.duration:
                out.append(f"student {s + 1}: discipline {d + 1} is {months} month(s) in "
                           f"{len(bs)} run(s), not one run of {inst.duration}")
            if not inst.allowed[s][d]:
                out.append(f"student {s + 1}: discipline {d + 1} is not allowed")
            first = min(b[0] for b in bs)
            for d1 in range(inst.disciplines):
                if inst.preceded_by[d][d1] and not any(
                        b[0] < first for b in taken.get(d1, [])):
                    out.append(f"student {s + 1}: discipline {d + 1} starts in month "
                               f"{first + 1} without discipline {d1 + 1} before it")
        for g in range(inst.groups):
            got = sum(1 for d in taken if inst.group_of[d] == g + 1)
            if got != inst.need[s][g]:
                out.append(f"student {s + 1}: {got} discipline(s) of group {g + 1}, needs "
                           f"{inst.need[s][g]}")
        per_hospital: dict[int, int] = defaultdict(int)
        for b in runs:
            per_hospital[b[2]] += 1
        for h, n in per_hospital.items():
            if n > inst.max_per_hospital:
                out.append(f"student {s + 1}: {n} disciplines at hospital {h + 1}")
    for h in range(inst.hospitals):
        for d in range(inst.disciplines):
            for t in range(inst.horizon):
                n = counts.get((h, d, t), 0)
                if n > inst.most(h, d, t):
                    out.append(f"hospital {h + 1} discipline {d + 1} month {t + 1}: {n} students, "
                               f"at most {inst.most(h, d, t)}")
                if n < inst.least(h, d, t):
                    out.append(f"hospital {h + 1} discipline {d + 1} month {t + 1}: {n} students, "
                               f"at least {inst.least(h, d, t)}")
    return out


def satisfaction(inst: Instance, sched: Schedule, s: int) -> int:
    """``SatTot[s]`` of mss.mzn: disciplines, hospitals, school, changes of hospital, waiting."""
    w_disc, w_hosp, w_change, w_wait = inst.weights[s]
    runs = _blocks(inst, sched, s)
    taken = {b[3] for b in runs}
    total = sum(w_disc * inst.pref_disc[s][d] + inst.school[d] for d in taken)
    total += sum(w_hosp * inst.pref_hosp[s][h] for (ss, _t), (h, _d) in sched.items()
                 if ss == s) // max(1, inst.duration)
    attending = [(s, t) in sched for t in range(inst.horizon)]
    hosp = [sched[s, t][0] if (s, t) in sched else None for t in range(inst.horizon)]
    last = None
    carried: list[int | None] = []
    for t in range(inst.horizon):
        last = hosp[t] if hosp[t] is not None else last
        carried.append(last)
    changes = sum(1 for t in range(inst.horizon - 1)
                  if carried[t] is not None and carried[t] != carried[t + 1])
    waiting = sum(1 for t in range(inst.horizon - 1)
                  if not attending[t] and any(attending[t + 1:]))
    return total + w_change * changes + w_wait * waiting


def mss_objective(inst: Instance, sched: Schedule) -> int:
    """``c`` of mss.mzn: every student's satisfaction, plus the worst student's."""
    sats = [satisfaction(inst, sched, s) for s in range(inst.students)]
    return sum(sats) + min(sats)


# --- the table ---------------------------------------------------------------------------------

def _order(names: list[str], files: dict[str, Path]) -> list[str]:
    def key(name: str) -> tuple[int, ...]:
        text = files[name].read_text()
        v = read_dzn(text)
        return (v["Students"] * v["Horizon"] * v["Disciplines"] * v["Hospitals"],  # type: ignore[operator]
                int(name.removeprefix("L")), name.startswith("L"))

    return sorted(names, key=key)


def smallest(files: dict[str, Path], count: int) -> list[str]:
    """``count`` instances from smallest to largest, one of each shape first."""
    shapes: dict[tuple[int, ...], list[str]] = defaultdict(list)
    for name in _order(list(files), files):
        v = read_dzn(files[name].read_text())
        shapes[v["Students"], v["Hospitals"], v["Disciplines"], v["Horizon"],
               v["Duration"]].append(name)  # type: ignore[index]
    picked: list[str] = []
    depth = 0
    while len(picked) < count and depth < max(len(v) for v in shapes.values()):
        for names in shapes.values():
            if depth < len(names) and len(picked) < count:
                picked.append(names[depth])
        depth += 1
    return _order(picked, files)


HEADER = ("instance", "S×H×D×T/len", "load s", "months s", "status", "objective", "bound",
          "gap", "violations")


def row(name: str, inst: Instance, out: Outcome) -> tuple[str, ...]:
    objective = mss_objective(inst, out.schedule)
    broken = violations(inst, out.schedule)
    gap = ("—" if out.bound is None else
           f"{100 * (out.bound - objective) / max(1, abs(objective)):.2f}%")
    s, h, d, t, dur = inst.size
    return (name, f"{s}×{h}×{d}×{t}/{dur}", f"{out.load_s:.1f}", f"{out.months_s:.1f}",
            out.status, str(objective), "—" if out.bound is None else f"{out.bound:g}", gap,
            str(len(broken)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path, help="the fetched MSS_Data repository, or a folder of "
                                             ".dzn files")
    ap.add_argument("--only", default="", help="instance names, comma separated (10, L80, …)")
    ap.add_argument("--smallest", type=int, default=0,
                    help="this many instances, one of each shape, smallest first")
    ap.add_argument("--time-limit", type=float, default=60.0,
                    help="deterministic seconds of the plan's budget (as planner plan)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--verbose", action="store_true", help="print every violation")
    args = ap.parse_args(argv)
    files = instances(args.path)
    if not files:
        print(f"no .dzn file in {args.path}", file=sys.stderr)
        return 2
    names = ([n.strip() for n in args.only.split(",") if n.strip()] if args.only
             else smallest(files, args.smallest) if args.smallest else _order(list(files), files))
    print(" | ".join(HEADER))
    bad = 0
    for name in names:
        inst = Instance.parse(name, files[name].read_text())
        with tempfile.TemporaryDirectory() as tmp:
            out = plan(inst, Path(tmp) / f"mss-{name}", args.time_limit, args.workers)
        cells = row(name, inst, out)
        print(" | ".join(cells), flush=True)
        broken = violations(inst, out.schedule)
        bad += bool(broken)
        if args.verbose:
            for line in broken:
                print(f"    {line}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
