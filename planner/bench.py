"""``make bench``: plan synthetic hospitals of growing size and print one table.

Each size runs in its own process so that peak memory is that run's alone. For each size the
CP-SAT planner and the greedy baseline (first come, first served, as an office fills slots by
hand) are measured on the same generated inputs; the independent checker counts violations of
both. Wall-clock figures are printed, never asserted: the machines are shared and noisy.

    python -m planner.bench                 # the three standard sizes
    python -m planner.bench --sizes 150     # one size
    python -m planner.bench --sizes 150 --engines highs --repeat 5   # medians of five runs
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = {  # staff: (departments, rooms, months)
    150: (10, 5, 12),
    1000: (15, 12, 12),
    3000: (40, 30, 12),
}


def measure(staff: int, engine: str, time_limit: float, seed: int) -> dict[str, object]:
    from planner.check import check_plan
    from planner.generate import generate
    from planner.inputs import load_problem
    from planner.plan import Plan
    from planner.solver.config import SolverConfig
    from planner.summary import quota_attainment
    from planner.workdays import build_calendar

    depts, rooms, months = SIZES.get(staff, (max(2, staff // 75), max(2, staff // 100), 12))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / f"synthetic-{staff}"
        generate(folder, staff=staff, departments=depts, rooms=rooms, months=months, seed=seed)
        t0 = time.perf_counter()
        problem = load_problem(folder)
        calendar = build_calendar(problem.settings, problem.holidays, estimate=True)
        load_s = time.perf_counter() - t0
        config = SolverConfig(time_limit=time_limit, seed=seed, workers=2,
                              engine=engine if engine != "greedy" else "cp-sat")
        row: dict[str, object] = {"staff": staff, "engine": engine, "load_s": load_s}
        if engine == "greedy":
            plan, stats, timings = _greedy(problem, calendar)
            row["status"] = "GREEDY"
        else:
            from planner.solver.solve import solve

            result = solve(problem, calendar, config)
            plan, stats, timings = result.plan, result.stats, result.timings
            row["status"] = result.status
        row.update(stats)
        row["build_s"] = sum(v for k, v in timings.items() if k.startswith("build"))
        row["solve_s"] = sum(v for k, v in timings.items() if k.startswith("solve"))
        row["first_s"] = sum(v for k, v in timings.items() if k.endswith("first_solution"))
        if plan is None:
            row["status"] = row.get("status", "NO PLAN")
        else:
            assert isinstance(plan, Plan)
            row["attainment"] = quota_attainment(plan)
            online = sum(q.planned for q in plan.quotas if not q.category.startswith("credits"))
            row["online_share"] = _online_share(problem, plan, online)
            row["violations"] = len(check_plan(problem, calendar, Plan.from_json(plan.to_json())))
            if engine != "greedy":
                from planner.calendars.bench import bench_calendars

                row["calendars_s"] = bench_calendars(problem, plan)["calendar_s"]
    row["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return row


def _online_share(problem, plan, planned_total: float) -> float:  # noqa: ANN001
    hours = {c.id: c.hours for c in problem.courses}
    online = sum(hours[o.course] for o in plan.offsite)
    live = sum(s.hours * len(s.attendees) for s in plan.sessions)
    return 0.0 if online + live == 0 else 100.0 * online / (online + live)


def _greedy(problem, calendar):  # noqa: ANN001, ANN202
    from planner.solver.attendance.model import AttendanceModel, blocked_runs, build_groups
    from planner.solver.extract import build_plan
    from planner.solver.attendance.greedy import greedy_attendance
    from planner.solver.timetable.greedy import greedy_schedule
    from planner.solver.instance import build_instance

    t0 = time.perf_counter()
    inst = build_instance(problem, calendar)
    schedule = greedy_schedule(inst)
    if schedule is None:
        return None, {"sessions": len(inst.runs)}, {"solve": time.perf_counter() - t0}
    blocked = blocked_runs(inst, schedule)
    am = AttendanceModel(inst, schedule, build_groups(inst, schedule, blocked), blocked)
    people = greedy_attendance(am)
    plan = build_plan(inst, schedule, am, people, "GREEDY", {})
    return plan, {"sessions": len(inst.runs)}, {"solve": time.perf_counter() - t0}


COLUMNS = [
    ("staff", "staff", "{}"), ("engine", "engine", "{}"), ("status", "status", "{}"),
    ("sessions", "sessions", "{}"), ("timetable_variables", "tt vars", "{}"),
    ("attendance_variables", "att vars", "{}"), ("groups", "groups", "{}"),
    ("build_s", "build s", "{:.1f}"), ("solve_s", "solve s", "{:.1f}"),
    ("first_s", "1st feas s", "{:.1f}"), ("attainment", "quota %", "{:.2f}"),
    ("online_share", "online %", "{:.1f}"), ("violations", "violations", "{}"),
    ("calendars_s", "ics s", "{:.1f}"),
    ("peak_mb", "peak MB", "{:.0f}"), ("wall_s", "wall s", "{:.1f}"),
]


def table(rows: list[dict[str, object]]) -> str:
    head = [c[1] for c in COLUMNS]
    body = []
    for r in rows:
        body.append([_cell(r.get(k), fmt) for k, _, fmt in COLUMNS])
    widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(head)]
    lines = [" | ".join(h.rjust(w) for h, w in zip(head, widths))]
    lines.append("-|-".join("-" * w for w in widths))
    lines.extend(" | ".join(c.rjust(w) for c, w in zip(b, widths)) for b in body)
    return "\n".join(lines)


def _cell(value: object, fmt: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and fmt == "{}":
        return f"{value:g}"
    try:
        return fmt.format(value)
    except (ValueError, TypeError):
        return str(value)


ENGINES = ("greedy", "cp-sat", "highs")


def median_row(runs: list[dict[str, object]]) -> dict[str, object]:
    """One row per (size, engine): the median of every figure over the repeats; text taken from
    the first run (a status that differs between repeats is reported as such)."""
    row: dict[str, object] = dict(runs[0])
    for key in row:
        values = [r.get(key) for r in runs]
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            row[key] = statistics.median(values)  # type: ignore[arg-type]
        elif len({str(v) for v in values}) > 1:
            row[key] = "/".join(sorted({str(v) for v in values}))
    row["repeats"] = len(runs)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    ap.add_argument("--engines", nargs="*", default=list(ENGINES), choices=ENGINES)
    ap.add_argument("--repeat", type=int, default=1, help="runs per cell; the table shows medians")
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--one", nargs=2, metavar=("STAFF", "ENGINE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        row = measure(int(args.one[0]), args.one[1], args.time_limit, args.seed)
        print(json.dumps(row, default=str))
        return
    rows = []
    for staff in args.sizes:
        for engine in args.engines:
            runs = [r for r in (_run_one(staff, engine, args) for _ in range(args.repeat)) if r]
            if not runs:
                rows.append({"staff": staff, "engine": engine, "status": "ERROR"})
                continue
            rows.append(median_row(runs))
    print(table(rows))


def _run_one(staff: int, engine: str, args: argparse.Namespace) -> dict[str, object] | None:
    cmd = [sys.executable, "-m", "planner.bench", "--one", str(staff), engine,
           "--time-limit", str(args.time_limit), "--seed", str(args.seed)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
        return None
    row = json.loads(proc.stdout.strip().splitlines()[-1])
    row["wall_s"] = time.perf_counter() - t0
    print(f"  {staff} staff, {engine}: done in {row['wall_s']:.1f}s", file=sys.stderr)
    return row


if __name__ == "__main__":
    main()
