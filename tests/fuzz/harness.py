"""Run one witness instance: write it, check the witness, plan it, judge the planner.

Verdicts (one per seed; every one but ``ok`` is a failure):

* ``ok`` — ``planner plan`` exited 0, so its own independent check passed;
* ``refused`` — exit 3, "no plan possible": false, since the witness is a plan;
* ``rejected`` — exit 4, the checker refused the planner's own plan;
* ``invalid-inputs`` — exit 2 on inputs the generator wrote (a generator or validation bug);
* ``crash`` — any other exit, or a traceback; ``timeout`` — no answer within the per-run limit;
* ``witness-rejected`` — ``planner check`` refused the witness (a generator or checker bug); the
  planner still runs and its exit is recorded;
* ``gen-error`` — the generator itself failed (it wrote inputs that do not load, or crashed).

Beside the verdict, each plan's quota attainment (:func:`planner.summary.quota_attainment`, the
same figure for the witness and the planner's plan, both quota tables being the checker's
recomputation) and its rotation blocks and placements are compared with the witness's. A plan
that reaches less than the witness while its status says OPTIMAL is flagged: "optimal" is a
claim the witness disproves.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from tests.fuzz.witness import Instance, make_instance

FAILURES = ("refused", "rejected", "invalid-inputs", "crash", "timeout", "witness-rejected",
            "gen-error")
EXIT_VERDICT = {0: "ok", 2: "invalid-inputs", 3: "refused", 4: "rejected"}
#: Attainment figures closer than this (percentage points) are the same.
ATTAINMENT_EPS = 0.01


@dataclass
class Outcome:
    seed: int
    verdict: str
    exit_code: int | None = None
    message: str = ""  # the first lines of what went wrong
    status: str = ""  # the planner's plan status
    witness_attainment: float | None = None
    planner_attainment: float | None = None
    witness_months: tuple[int, int] = (0, 0)  # rotation blocks, placements
    planner_months: tuple[int, int] = (0, 0)
    flags: list[str] = field(default_factory=list)
    features: dict[str, object] = field(default_factory=dict)
    seconds: float = 0.0
    folder: str = ""

    @property
    def failed(self) -> bool:
        return self.verdict in FAILURES

    @property
    def failure_class(self) -> str:
        return failure_class(self.verdict, self.message, self.features) if self.failed else ""


#: (verdict, words in the message, class) — the first match names a failure's class. These are
#: hints read off the planner's and checker's words; tests/fuzz/FINDINGS.md has the diagnoses.
CLASSES = (
    ("witness-rejected", ("no speaker",), "speakerless exam: checker wants a speaker"),
    ("refused", ("exit exam", "away every such day"), "exit exam: finisher on leave"),
    ("refused", ("exit exam", "no examiner free"), "exit exam: examiners on leave"),
    ("refused", ("exit exam", "no working-day slot"), "exit exam: no slot in last week"),
    ("refused", ("no eligible speaker",), "no eligible speaker"),
    ("refused", ("外出专家回院",), "squeezed speaker: _spread_window"),
    ("refused", ("min-per-",), "hospital rule vs fixed runs"),
    ("refused", ("cannot be placed at all", "回院汇报"), "teach-back: no time for returnee"),
    ("refused", ("cannot be placed at all",), "no candidate time for a run"),
    ("refused", ("must take place",), "timetable: runs fixed / room list"),
    ("refused", ("no smaller explanation",), "refused without naming a rule"),
    ("rejected", ("already completed in an earlier year",), "rotation history w/o programme"),
    ("rejected", ("does not sit the exam",), "exit exam missed (coverage)"),
    ("rejected", ("hospital rules",), "hospital rule counts exit exams/teach-backs"),
    ("rejected", ("quota figures disagree",), "teach-back counted as taken"),
    ("rejected", ("gives no teach-back lecture",), "teach-back dropped (returnee on leave)"),
    ("rejected", ("is pinned but not in the plan",), "pin on a run never created"),
)


def failure_class(verdict: str, message: str, features: dict[str, object] | None = None) -> str:
    features = features or {}
    if verdict == "refused" and "exit exam" in message:
        if features.get("exam_longer_than_slots"):
            return "exit exam longer than every slot"  # the message blames leave (vacuously)
        if features.get("exam_week_without_slot"):
            return "exit exam: no slot in last week"  # likewise
    for v, words, label in CLASSES:
        if v == verdict and all(w in message for w in words):
            return label
    return f"{verdict}: other"


def exam_weeks_without_slot(inputs: Path, message: str) -> bool:
    """Whether an exit exam the planner could not hold had no slot of its length at all in its
    last week (holidays, short slots) — the planner's message then blames everyone's leave."""
    import datetime as dt
    import re

    from planner.inputs import load_problem
    from planner.workdays import build_calendar

    weeks = re.findall(r"no working-day slot of ([\d.]+) h in (\S+)\.\.(\S+) when", message)
    if not weeks:
        return False
    problem = load_problem(inputs)
    calendar = build_calendar(problem.settings, problem.holidays)
    for hours, a, b in weeks:
        points = calendar.time_points(problem.settings.slots, dt.date.fromisoformat(a),
                                      dt.date.fromisoformat(b))
        if not any(t.slot.hours + 1e-9 >= float(hours) for t in points):
            return True
    return False


def first_lines(text: str, n: int = 12, width: int = 300) -> str:
    lines = [ln.rstrip()[:width] for ln in text.strip().splitlines() if ln.strip()]
    return "\n".join(lines[:n])


def _explanation(stdout: str, stderr: str, code: int) -> str:
    """The part of the planner's output that says why it stopped."""
    text = stdout + ("\n" + stderr if stderr.strip() else "")
    if "Traceback" in text:
        return first_lines(text[text.index("Traceback"):], 4) + "\n…\n" + "\n".join(
            text.strip().splitlines()[-3:])
    for marker in ("no plan", "排不出计划", "Independent check:", "problem(s) in the inputs",
                   "输入中有", "error:", "错误："):
        if marker in text:
            return first_lines(text[text.index(marker):])
    return first_lines(text)


def witness_violations(inst: Instance, inputs: Path, witness_out: Path) -> str:
    """What ``planner check INPUTS WITNESS_OUT`` prints when it refuses the witness ('' when it
    accepts): the check command's own steps, in process."""
    from planner.check import check_plan, format_violations
    from planner.inputs import load_problem
    from planner.plan import read_plan
    from planner.workdays import build_calendar

    if inst.check_files and inst.check_files != inst.files:
        # The probe of an exam longer than every slot: the inputs are rightly invalid; the
        # witness (which holds no such exam) is checked with the exam hours cut to a slot.
        import tempfile

        with tempfile.TemporaryDirectory(prefix="witness-check-") as tmp:
            problem = load_problem(inst.write_check_inputs(Path(tmp) / inst.name))
    else:
        problem = load_problem(inputs)
    calendar = build_calendar(problem.settings, problem.holidays)
    found = check_plan(problem, calendar, read_plan(witness_out / "plan"))
    return format_violations(found) if found else ""


def _months(plan) -> tuple[int, int]:  # noqa: ANN001 — a Plan
    return (len({(r.staff, r.programme, r.block, r.department) for r in plan.rotations}),
            len(plan.placements))


def _plan_subprocess(inputs: Path, out: Path, state: Path, time_limit: float,
                     timeout: float) -> tuple[int | None, str, str]:
    cmd = [sys.executable, "-m", "planner", "plan", str(inputs), "-o", str(out),
           "--time-limit", str(time_limit), "--workers", "1", "--state", str(state)]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as e:
        out_text = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        return None, out_text, ""
    return p.returncode, p.stdout, p.stderr


def _plan_in_process(inputs: Path, out: Path, state: Path,
                     time_limit: float) -> tuple[int | None, str, str]:
    """The same as the subprocess, without paying for a fresh interpreter (used by the test
    suite; no per-run timeout there)."""
    from rich.console import Console

    from planner.errors import PlannerError
    from planner.inputs import load_problem
    from planner.pipeline import run_plan
    from planner.state import state_dir_override
    from planner.workdays import build_calendar

    buf = io.StringIO()
    console = Console(file=buf, width=200, highlight=False, soft_wrap=True)
    reset = state_dir_override.set(state)
    try:
        problem = load_problem(inputs)
        calendar = build_calendar(problem.settings, problem.holidays)
        code = run_plan(problem, calendar, out, time_limit=time_limit, seed=None, workers=1,
                        console=console, interactive=False)
    except PlannerError as e:
        return e.exit_code, buf.getvalue(), f"error: {e}"
    except Exception:  # noqa: BLE001 — a traceback is a verdict here
        return 1, buf.getvalue(), traceback.format_exc()
    finally:
        state_dir_override.reset(reset)
    return code, buf.getvalue(), ""


def run_seed(seed: int, workdir: Path, *, time_limit: float = 10, timeout: float = 300,
             keep: bool = False, in_process: bool = False) -> Outcome:
    """Generate, check the witness, plan, judge. The seed's folder is removed unless it failed
    or ``keep`` is set."""
    from planner.plan import read_plan
    from planner.summary import quota_attainment

    t0 = time.perf_counter()
    folder = workdir / f"seed-{seed:05d}"
    shutil.rmtree(folder, ignore_errors=True)
    try:
        inst = make_instance(seed)
    except Exception as e:  # noqa: BLE001
        return Outcome(seed, "gen-error", message=first_lines(f"{type(e).__name__}: {e}"),
                       seconds=time.perf_counter() - t0, folder=str(folder))
    inputs = inst.write_inputs(folder / "inputs" / inst.name)
    witness_out = inst.write_witness(folder / "witness")
    outcome = Outcome(seed, "ok", features=dict(inst.features), folder=str(folder),
                      witness_attainment=quota_attainment(inst.plan),
                      witness_months=_months(inst.plan))
    try:
        rejected = witness_violations(inst, inputs, witness_out)
    except Exception as e:  # noqa: BLE001
        rejected = f"the witness could not be checked: {type(e).__name__}: {e}"
    out = folder / "planned"
    state = folder / "state"
    if in_process:
        code, stdout, stderr = _plan_in_process(inputs, out, state, time_limit)
    else:
        code, stdout, stderr = _plan_subprocess(inputs, out, state, time_limit, timeout)
    outcome.exit_code = code
    if code is None:
        outcome.verdict, outcome.message = "timeout", f"no answer within {timeout:g} s"
    elif code == 2 and inst.features.get("exam_longer_than_slots") and "exam" in stdout + stderr:
        # An exit exam longer than every slot may fairly be called bad input (exit 2) instead
        # of leaving the blocks unplanned with a warning; either answer is honest.
        outcome.verdict, outcome.status = "ok", "INPUT ERROR (exam longer than every slot)"
    elif code in EXIT_VERDICT and "Traceback" not in stdout + stderr:
        outcome.verdict = EXIT_VERDICT[code]
        if code != 0:
            outcome.message = _explanation(stdout, stderr, code)
    else:
        outcome.verdict, outcome.message = "crash", _explanation(stdout, stderr, code)
    if outcome.verdict == "ok" and code == 0:
        plan = read_plan(out / "plan")
        outcome.status = plan.status
        outcome.planner_attainment = quota_attainment(plan)
        outcome.planner_months = _months(plan)
        worse = outcome.planner_attainment < outcome.witness_attainment - ATTAINMENT_EPS
        if worse:
            outcome.flags.append("quota<witness" + ("@OPTIMAL" if plan.status == "OPTIMAL"
                                                    else ""))
        if outcome.planner_months[0] < outcome.witness_months[0]:
            outcome.flags.append("fewer-blocks")
        if outcome.planner_months[1] < outcome.witness_months[1]:
            outcome.flags.append("fewer-placements")
    if outcome.verdict == "refused" and "exit exam" in outcome.message:
        try:
            if exam_weeks_without_slot(inputs, outcome.message):
                outcome.features["exam_week_without_slot"] = True
        except Exception:  # noqa: BLE001 — a hint only
            pass
    if rejected:
        planner = outcome.verdict if code != 0 else "plan ok"
        outcome.message = (first_lines(rejected) + f"\n(planner: exit {code}, {planner}"
                           + (f": {outcome.message.splitlines()[0]}" if outcome.message
                              and code != 0 else "") + ")")
        outcome.verdict = "witness-rejected"
    outcome.seconds = time.perf_counter() - t0
    (folder / "outcome.json").write_text(json.dumps(
        {**outcome.__dict__, "failure_class": outcome.failure_class}, ensure_ascii=False, indent=1,
        default=str) + "\n", encoding="utf-8")
    if not outcome.failed and not outcome.flags and not keep:
        shutil.rmtree(folder, ignore_errors=True)
    return outcome
