"""Where the hospital tasks run: in this process one after another, or on Ray — embedded on
this machine by default (nothing to start), or on a cluster at ``address``.

Both run the same functions on the same arguments and return results in the order asked, so
the outputs are the same byte for byte. On Ray a task whose worker process dies (a killed
process, a lost machine) is run again up to :data:`MAX_RETRIES` times; one that still cannot
finish comes back as ``None`` and is reported by the hospital's name.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from planner.errors import Both, PlannerError

MAX_RETRIES = 3


@dataclass
class Engine:
    kind: str  # "sequential" or "ray"
    address: str | None = None
    cpus: int = 1
    _started: bool = False
    #: seconds each task took where it ran, by function name, in call order (for the bench)
    task_seconds: dict[str, list[float]] = field(default_factory=dict)

    def map(self, fn: Callable[..., Any], calls: Sequence[tuple]) -> list[Any]:
        """``fn(*args)`` for every ``args`` in ``calls``; ``None`` for a task lost for good."""
        if self.kind == "sequential":
            timed = [_timed(fn, *args) for args in calls]
        else:
            import ray
            from ray.exceptions import RayError

            remote = ray.remote(num_cpus=1, max_retries=MAX_RETRIES,
                                retry_exceptions=False)(_timed)
            refs = [remote.remote(fn, *args) for args in calls]
            timed = []
            for ref in refs:
                try:
                    timed.append(ray.get(ref))
                except RayError:
                    timed.append((0.0, None))
        self.task_seconds.setdefault(fn.__name__, []).extend(t for t, _ in timed)
        return [result for _, result in timed]

    def close(self) -> None:
        if self._started:
            import ray

            ray.shutdown()
            self._started = False


def _timed(fn: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - started, result


def start(sequential: bool, address: str | None, workers: int | None) -> Engine:
    """The engine the options ask for; Ray is started here only when nobody started it."""
    if sequential or workers == 0:
        return Engine("sequential")
    try:
        import ray
    except ImportError:
        raise PlannerError(_both("run.ray_missing")) from None
    started = False
    if not ray.is_initialized():
        try:
            if address:
                ray.init(address=address, log_to_driver=False, logging_level="ERROR")
            else:
                ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
                         logging_level="ERROR")
        except (ConnectionError, RuntimeError, ValueError) as e:
            raise PlannerError(_both("run.ray_connect", address=address or "local",
                                     error=e)) from None
        started = True
    cpus = int(ray.cluster_resources().get("CPU", 1))
    return Engine("ray", address, cpus, started)


def _both(key: str, **values: object) -> Both:
    from planner.bureau.labels import words_for

    return Both(words_for("zh")(key, **values), words_for("en")(key, **values))
