"""Witness-based fuzzing from the command line (``make fuzz-witness``).

    python -m tests.fuzz.run_witness --count 300 --seed0 0 --jobs 2 --timeout 300

Generates ``count`` hospitals with a plan that keeps every hard rule (seeds ``seed0`` …),
checks each witness with the independent checker, plans each with ``planner plan`` in its own
process (fresh state, ``--time-limit`` deterministic seconds, one worker), and prints a verdict
table, the flags (the planner's quota attainment below the witness's while it says OPTIMAL,
fewer rotation blocks or placements than the witness) and every failure's seed, exit code and
the first lines of its message. Exits 1 when any seed failed. The folders of failed and flagged
seeds stay under ``--workdir`` (inputs, witness, the planner's outputs, outcome.json) for
``planner check`` and ``planner plan`` by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.fuzz.harness import FAILURES, Outcome, run_seed

ORDER = ("ok",) + FAILURES


def table(outcomes: list[Outcome]) -> str:
    counts = Counter(o.verdict for o in outcomes)
    flags = Counter(f for o in outcomes for f in o.flags)
    statuses = Counter(o.status for o in outcomes if o.verdict == "ok")
    lines = [f"{'verdict':<18}{'count':>6}", "-" * 24]
    lines += [f"{v:<18}{counts[v]:>6}" for v in ORDER if counts[v] or v in ("ok", "refused")]
    lines += ["-" * 24, f"{'total':<18}{len(outcomes):>6}", ""]
    classes = Counter(o.failure_class for o in outcomes if o.failed)
    if classes:
        lines.append("failure classes (hints from the messages; see tests/fuzz/FINDINGS.md):")
        lines += [f"  {n:>4}  {k}" for k, n in sorted(classes.items(), key=lambda kv: -kv[1])]
    if statuses:
        lines.append("planner status of ok plans: " + ", ".join(
            f"{k} {v}" for k, v in sorted(statuses.items())))
    if flags:
        lines.append("flags: " + ", ".join(f"{k} {v}" for k, v in sorted(flags.items())))
    return "\n".join(lines)


def details(outcomes: list[Outcome]) -> str:
    out = []
    for o in sorted(outcomes, key=lambda o: (ORDER.index(o.verdict), o.seed)):
        if not o.failed and not o.flags:
            continue
        head = f"seed {o.seed}: {o.verdict}" + (f" [{o.failure_class}]" if o.failed else "")
        if o.exit_code is not None:
            head += f" (exit {o.exit_code})"
        if o.flags:
            head += (f" flags {','.join(o.flags)}; attainment planner "
                     f"{o.planner_attainment:.2f}% vs witness {o.witness_attainment:.2f}%, "
                     f"status {o.status}; blocks/placements planner {o.planner_months} vs "
                     f"witness {o.witness_months}")
        out.append(head + f"  [{o.folder}]")
        if o.message:
            out.extend("    " + ln for ln in o.message.splitlines())
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed0", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=300, help="seconds per planner run")
    ap.add_argument("--time-limit", type=float, default=10,
                    help="planner --time-limit (deterministic seconds)")
    ap.add_argument("--workdir", type=Path, default=None,
                    help="where seed folders go (default: a new temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep every seed's folder")
    ap.add_argument("--json", type=Path, default=None, help="write every outcome here")
    args = ap.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="witness-fuzz-"))
    workdir.mkdir(parents=True, exist_ok=True)
    seeds = range(args.seed0, args.seed0 + args.count)
    print(f"witness fuzzing: seeds {seeds.start}..{seeds.stop - 1}, {args.jobs} job(s), "
          f"--time-limit {args.time_limit:g}, timeout {args.timeout:g} s, in {workdir}",
          flush=True)
    t0 = time.perf_counter()
    outcomes: list[Outcome] = []

    def one(seed: int) -> Outcome:
        return run_seed(seed, workdir, time_limit=args.time_limit, timeout=args.timeout,
                        keep=args.keep)

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for o in pool.map(one, seeds):
            outcomes.append(o)
            mark = "." if not o.failed and not o.flags else ("F" if o.failed else "f")
            print(f"{mark} seed {o.seed} {o.verdict} {o.seconds:.1f}s"
                  + (f" {','.join(o.flags)}" if o.flags else ""), flush=True)
    print()
    print(table(outcomes))
    print(f"wall time {time.perf_counter() - t0:.0f} s")
    text = details(outcomes)
    if text:
        print()
        print(text)
    if args.json:
        args.json.write_text(json.dumps([{**o.__dict__, "failure_class": o.failure_class} for o in outcomes], ensure_ascii=False,
                                        indent=1, default=str) + "\n", encoding="utf-8")
    return 1 if any(o.failed for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
