"""The hospital tasks on a real Ray runtime give the same bytes as one after another; a worker
killed mid-task is retried; a cluster of a head and a worker process on this machine plans the
same bureau the same way."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.bureau.conftest import tree

ray = pytest.importorskip("ray")
VENV_BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def local_ray():
    """One small embedded runtime for the module (2 CPUs, no dashboard)."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield
    ray.shutdown()


def test_ray_equals_sequential_and_a_killed_worker_is_retried(
        local_ray, bureau_inputs, bureau_state, sequential_run, tmp_path):
    from rich.console import Console

    from planner.bureau.command import plan_command

    seq_out, _, seq_code = sequential_run
    out = tmp_path / "city"
    marker = tmp_path / "killed-jia"
    # a previous run's files: a planned hospital's folder is replaced whole; an impossible
    # one keeps its previous plan, its diagnosis written beside it
    (out / "hospitals" / "jia").mkdir(parents=True)
    (out / "hospitals" / "jia" / "stale.txt").write_text("old", "utf-8")
    (out / "hospitals" / "ding" / "plan").mkdir(parents=True)
    (out / "hospitals" / "ding" / "plan" / "plan.json").write_text("{}", "utf-8")
    console = Console(file=open(os.devnull, "w"), highlight=False)  # noqa: SIM115
    code = plan_command(bureau_inputs, output=out, state=bureau_state, console=console,
                        faults={"jia": f"die-once:{marker}"})
    assert marker.exists()  # jia's first worker died mid-task …
    assert code == seq_code == 3  # … and was retried; the bad and impossible ones reported
    assert not (out / "hospitals" / "jia" / "stale.txt").exists()
    assert (out / "hospitals" / "ding" / "plan" / "plan.json").read_text("utf-8") == "{}"
    (out / "hospitals" / "ding" / "plan" / "plan.json").unlink()
    (out / "hospitals" / "ding" / "plan").rmdir()
    assert tree(out) == tree(seq_out)  # every plan, feed and summary byte for byte


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(*args: str, env: dict[str, str]) -> int:
    """``ray start …`` in a session of its own; the daemons it leaves keep that process group,
    whose id is returned (to stop exactly them, and nothing else on the machine)."""
    proc = subprocess.Popen([str(VENV_BIN / "ray"), "start", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    assert proc.wait(timeout=300) == 0
    return proc.pid


def _stop(group: int) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(group, sig)
        except ProcessLookupError:
            return
        for _ in range(50):
            time.sleep(0.1)
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                return


CLUSTER_TEST = "PLANNER_RAY_CLUSTER_TEST"


@pytest.mark.skipif(os.environ.get(CLUSTER_TEST) != "1",
                    reason=f"about 45 s on 2 cores: `make test-bureau-cluster` ({CLUSTER_TEST}=1)")
def test_head_and_worker_processes_plan_the_same(bureau_inputs, bureau_state, sequential_run):
    """``ray start --head`` and ``ray start --address`` (one CPU each, token authentication),
    then ``planner bureau plan --ray-address`` in a third process; stopped whatever happens."""
    if ray.is_initialized():
        ray.shutdown()
    seq_out, _, _ = sequential_run
    port = _free_port()
    short = Path(tempfile.mkdtemp(prefix="rt", dir="/tmp"))  # sockets: paths under 108 bytes
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_TMPDIR": str(short),
           "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32)}
    head = f"127.0.0.1:{port}"
    groups = []
    try:
        groups.append(_start("--head", f"--port={port}", "--node-ip-address=127.0.0.1",
                             "--num-cpus=1", "--include-dashboard=false",
                             "--disable-usage-stats", env=env))
        groups.append(_start(f"--address={head}", "--node-ip-address=127.0.0.1",
                             "--num-cpus=1", "--disable-usage-stats", env=env))
        out = short / "city"
        done = subprocess.run([str(VENV_BIN / "planner"), "bureau", "plan", str(bureau_inputs),
                               "-o", str(out), "--state", str(bureau_state),
                               "--ray-address", head],
                              check=False, env=env, capture_output=True, text=True,
                              timeout=600)
        assert done.returncode == 3, done.stdout + done.stderr
        assert "Ray 集群" in done.stdout and "2 个 CPU" in done.stdout
        assert tree(out) == tree(seq_out)
    finally:
        for group in reversed(groups):
            _stop(group)
        shutil.rmtree(short, ignore_errors=True)
