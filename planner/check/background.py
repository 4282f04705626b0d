"""The independent check of a written plan, run beside the writing of its summary and calendars.

At hospital scale the check takes as long as the summary or the calendars (some 15 s each at
10,000 staff) and none of them needs another's result: outputs are kept only when the check
finds nothing, and the staging folder is thrown away otherwise. So ``planner plan`` starts the
check in a child process and writes the summary and calendars meanwhile, on the second core.

The child is *forked*: it shares the inputs already in memory (nothing is pickled but the
violations it sends back), reads the plan from the files just written — as ``planner check``
would — and leaves by ``os._exit`` without running the parent's exit handlers. Where a platform
cannot fork, or the child dies without an answer, the check runs here instead: a plan is never
kept unchecked.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import traceback
from collections.abc import Callable
from pathlib import Path

from planner.check import check_plan
from planner.check.violation import Violation
from planner.domain import Problem
from planner.plan import read_plan
from planner.workdays import WorkCalendar


def start_check(problem: Problem, calendar: WorkCalendar, plan_dir: Path, *,
                held_before: dt.date | None = None,
                background: bool = True) -> Callable[[], list[Violation]]:
    """Start checking the plan in ``plan_dir``; the returned function waits for the violations
    (the check runs at once, here, when ``background`` is off or forking is not possible)."""

    def check() -> list[Violation]:
        return check_plan(problem, calendar, read_plan(plan_dir), held_before=held_before)

    if not background or "fork" not in multiprocessing.get_all_start_methods():
        found = check()
        return lambda: found
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        try:
            answer: tuple[str, object] = ("violations", check())
        except BaseException:  # noqa: BLE001 — told to the parent, which raises it
            answer = ("error", traceback.format_exc())
        send.send(answer)

    process = context.Process(target=child, name="planner-check", daemon=True)
    process.start()
    send.close()

    def wait() -> list[Violation]:
        try:
            kind, value = receive.recv()
        except EOFError:  # the child died without an answer (killed, out of memory)
            kind, value = "lost", None
        finally:
            receive.close()
            process.join()
        if kind == "violations":
            return value  # type: ignore[return-value]
        if kind == "error":
            raise RuntimeError(f"the independent check failed:\n{value}")
        return check()

    return wait
