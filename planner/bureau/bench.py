"""``python -m planner.bureau.bench``: a bureau of 10, 30 or 100 synthetic hospitals (150–3,000
staff each, sizes spread evenly on a log scale), planned once one after another and once on a
local Ray runtime, with the same seed; prints wall times, the slowest task, the speed-up on this
machine's cores and — from the per-task times of the sequential run — an estimate for 8 and 32
workers (tasks handed out in order to the first free worker, the survey and the plans as two
rounds, plus the run's serial part: reading, the master, writing).

    python -m planner.bureau.bench --hospitals 10 30 --workers 2 --time-limit 10
"""

from __future__ import annotations

import argparse
import heapq
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console

SHARED_SEATS = """id,partner,specialty,start_earliest,start_latest,months,seats,candidates,hospitals,teach_back_weeks,min_years
SRM-XN,SRM,心血管内科,2026-03-01,2026-04-30,3,{n},role=doctor; title>=intermediate; dept=NK,,4,2
SZX-QK,SZX,全科医学,2026-09-01,2026-09-30,3,{n},role=doctor; title>=intermediate; dept=JZ,,4,0
"""
TRAININGS = """id,title,category,hours,credits,credit_class,audience,hospitals,cohort_size,venue,dates
CPR-DS,全市心肺复苏导师培训班,skills,6,2,II,"role=doctor,nurse; title>=associate",,40,JJZX,"{dates}"
"""


def sizes(count: int, low: int = 150, high: int = 3000) -> list[int]:
    if count == 1:
        return [low]
    return [round(low * (high / low) ** (i / (count - 1))) for i in range(count)]


def make_bureau(folder: Path, count: int, seed: int) -> list[int]:
    """Write a bureau of ``count`` synthetic hospitals to ``folder``; returns their sizes."""
    from planner.atomic import write_bytes
    from planner.bench import _generate

    staff = sizes(count)
    for i, n in enumerate(staff):
        _generate(folder / "hospitals" / f"h{i + 1:03d}", n, seed + i)
    write_bytes(folder / "bureau.yaml", (
        "bureau: 合成市卫生健康委员会\nlanguage: zh\n"
        "horizon: {start: 2026-01-01, end: 2026-12-31}\n"
        "partners:\n- {id: SRM, name: 省人民医院}\n- {id: SZX, name: 市中心医院}\n"
        f"solver: {{seed: {seed}}}\n").encode())
    write_bytes(folder / "shared_seats.csv",
                ("\ufeff" + SHARED_SEATS.format(n=max(2, count // 2))).encode("utf-8"))
    write_bytes(folder / "city_venues.csv",
                "\ufeffid,name,capacity,address\nJJZX,市急救中心培训楼,40,\n".encode("utf-8"))
    cohorts = max(2, count // 5)
    dates = ",".join(f"2026-{m:02d}-{d:02d}" for m, d in
                     [(4 + k % 6, 14 + k // 6) for k in range(cohorts)])
    write_bytes(folder / "city_trainings.csv",
                ("\ufeff" + TRAININGS.format(dates=dates)).encode("utf-8"))
    return staff


def estimate(serial: float, rounds: list[list[float]], workers: int) -> float:
    """Wall time with ``workers`` workers: the serial part plus each round's makespan when the
    tasks are handed out in order to whichever worker frees first."""
    total = serial
    for tasks in rounds:
        free = [0.0] * workers
        for t in tasks:
            heapq.heappush(free, heapq.heappop(free) + t)
        total += max(free) if tasks else 0.0
    return total


def one(folder: Path, out: Path, state: Path, sequential: bool, workers: int,
        time_limit: float) -> dict[str, object]:
    from planner.bureau.engine import start
    from planner.bureau.inputs import load_bureau
    from planner.bureau.run import plan_bureau

    bureau = load_bureau(folder)
    quiet = Console(file=open(os.devnull, "w"))  # noqa: SIM115
    began = time.perf_counter()
    engine = start(sequential, None, workers)
    ready = time.perf_counter()
    try:
        run = plan_bureau(bureau, out, state, engine, quiet, time_limit)
    finally:
        engine.close()
    wall = time.perf_counter() - began
    survey = engine.task_seconds.get("survey_task", [])
    plans = engine.task_seconds.get("plan_task", [])
    return {"wall": wall, "startup": ready - began, "survey": survey, "plans": plans,
            "failed": len(run.failures), "seats": len(run.allocation.seats),
            "trainees": len(run.allocation.cohorts), "wall_net": _wall_net(out)}


def _wall_net(out: Path) -> int:
    """Hospitals one of whose searches stopped on the wall-clock safety net rather than its
    deterministic budget (a busy machine): only those may differ from run to run."""
    import json

    hit = 0
    for log in sorted(out.glob("hospitals/*/run.log")):
        model = json.loads(log.read_text("utf-8")).get("model") or {}
        hit += any(k.endswith("_wall_limit_hit") and v for k, v in model.items())
    return hit


def _same(a: Path, b: Path) -> bool:
    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
                if p.is_file() and p.name != "run.log"}
    return files(a) == files(b)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hospitals", type=int, nargs="+", default=[10, 30, 100])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=10.0,
                        help="each hospital's deterministic time limit (seconds)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the bureaus and outputs here")
    args = parser.parse_args(argv)
    rows = []
    work = Path(tempfile.mkdtemp(prefix="bureau-bench-")) if args.keep is None else args.keep
    try:
        for count in args.hospitals:
            folder = work / f"city{count}"
            if not (folder / "bureau.yaml").exists():
                staff = make_bureau(folder, count, args.seed)
            else:
                staff = sizes(count)
            state = work / f"state{count}"  # shared: the feeds' UIDs come from the state
            seq = one(folder, work / f"out{count}-seq", state, True, 0, args.time_limit)
            par = one(folder, work / f"out{count}-ray", state, False, args.workers,
                      args.time_limit)
            same = _same(work / f"out{count}-seq", work / f"out{count}-ray")
            tasks = seq["survey"] + seq["plans"]  # type: ignore[operator]
            serial = float(seq["wall"]) - sum(tasks)  # type: ignore[arg-type]
            rounds = [seq["survey"], seq["plans"]]
            rows.append({
                "hospitals": count, "staff": sum(staff), "largest": max(staff),
                "sequential": seq["wall"], "ray": par["wall"], "ray_startup": par["startup"],
                "speedup": float(seq["wall"]) / float(par["wall"]),  # type: ignore[arg-type]
                "slowest": max(tasks), "serial": serial,
                "est8": estimate(serial, rounds, 8),  # type: ignore[arg-type]
                "est32": estimate(serial, rounds, 32),  # type: ignore[arg-type]
                "failed": seq["failed"], "seats": seq["seats"], "trainees": seq["trainees"],
                "same": same, "wall_net": f"{seq['wall_net']}/{par['wall_net']}"})
            print(table(rows, args.workers, args.time_limit), flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def table(rows: list[dict[str, object]], workers: int, time_limit: float) -> str:
    head = (f"| hospitals | staff (largest) | sequential s | Ray ×{workers} s (start-up) | speed-up | "
            "slowest task s | serial s | est. 8 workers s | est. 32 workers s | seats, "
            "trainees | failed | identical (wall-clock net hit seq/Ray) |")
    lines = [f"bureau bench: per-hospital time limit {time_limit:g} s (deterministic), "
             f"{os.cpu_count()} CPU(s), Python {sys.version.split()[0]}", "", head,
             "|" + "---|" * 12]
    for r in rows:
        lines.append(
            f"| {r['hospitals']} | {r['staff']:,} ({r['largest']:,}) | {r['sequential']:.1f} | "
            f"{r['ray']:.1f} ({r['ray_startup']:.1f}) | {r['speedup']:.2f}× | "
            f"{r['slowest']:.1f} | {r['serial']:.1f} | {r['est8']:.1f} | {r['est32']:.1f} | "
            f"{r['seats']}, {r['trainees']} | {r['failed']} | "
            f"{'yes' if r['same'] else 'NO'} ({r['wall_net']}) |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
