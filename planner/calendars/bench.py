"""Calendar benchmarks, for ``make bench`` (figures are printed, never asserted).

* :func:`bench_calendars` — seconds to build and write every feed of a plan, and their size
  (issue target: < 10 s for the 3,000-staff synthetic hospital).
* :func:`bench_server` — the real server in a subprocess, hammered on loopback by an asyncio
  HTTP client (aiohttp) over keep-alive connections for cached feeds: requests per second and
  latency percentiles (target ≥ 2,000 req/s; client and server share the machine's cores).

Both work on a throw-away state folder, so they never touch real tokens or published versions::

    python -m planner.calendars.bench outputs/example [--requests 20000] [--connections 8]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from planner.calendars.hospital import build_draft, feed_keys
from planner.calendars.links import feed_links, write_link_lists
from planner.calendars.outputs import write_feed_files
from planner.calendars.publish import publish, read_draft
from planner.calendars.source import FeedSource, feed_source
from planner.calendars.tokens import TokenStore
from planner.domain import Problem
from planner.plan import Plan
from planner.state import open_state, state_dir


def bench_calendars(problem: Problem | FeedSource, plan: Plan) -> dict[str, float]:
    """Build and write every calendar of ``plan`` (as ``planner plan`` does) into a temporary
    folder against a fresh state database."""
    source = problem if isinstance(problem, FeedSource) else feed_source(problem)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_state(state_dir(source.name, Path(tmp) / "state"))
        out = Path(tmp) / "out"
        try:
            started = time.perf_counter()
            draft = build_draft(plan, source, db)
            write_feed_files(out / "calendars",
                             {draft.files[k]: body for k, body in draft.bundle.feeds.items()})
            write_link_lists(out, feed_links(source, draft.tokens, draft.files), source.language)
            seconds = time.perf_counter() - started
        finally:
            db.close()
    sizes = [len(b) for b in draft.bundle.feeds.values()]
    return {
        "calendar_s": round(seconds, 3),
        "calendar_feeds": len(sizes),
        "calendar_events": draft.bundle.vevents,
        "calendar_mb": round(sum(sizes) / 1e6, 2),
        "calendar_largest_kb": round(max(sizes) / 1e3, 1),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_server(outputs: Path, *, requests: int = 20_000, connections: int = 8,
                 feeds: int = 200, time_limit: float = 120.0) -> dict[str, float]:
    """Publish ``outputs`` into a temporary state, serve it, and measure cached-feed GETs."""
    source = read_draft(outputs).source
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "state"
        publish(outputs, state_root=root)
        db = open_state(state_dir(source.name, root), create=False)
        try:
            people = [k for k in feed_keys(source) if k.startswith("person:")][:feeds]
            tokens = list(TokenStore(db).tokens(people or feed_keys(source)).values())
        finally:
            db.close()
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "planner", "serve", str(outputs), "--state", str(root),
             "--port", str(port), "--no-access-log"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            return asyncio.run(_load(base, tokens, requests, connections, time_limit))
        finally:
            server.terminate()
            server.wait(timeout=10)


async def _load(base: str, tokens: list[str], requests: int, connections: int,
                time_limit: float) -> dict[str, float]:
    import aiohttp

    async with aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=connections),
        auto_decompress=False,
    ) as session:
        deadline = time.monotonic() + 30
        while True:  # wait for the server
            try:
                async with session.get(f"{base}/healthz") as r:
                    if r.status == 200:
                        break
            except aiohttp.ClientError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.1)
        latencies: list[float] = []
        errors = 0
        sent = 0
        stop_at = time.monotonic() + time_limit

        async def worker() -> None:
            nonlocal errors, sent
            while sent < requests and time.monotonic() < stop_at:
                token = tokens[sent % len(tokens)]
                sent += 1
                t0 = time.perf_counter()
                try:
                    async with session.get(f"{base}/feeds/{token}.ics") as r:
                        await r.read()
                        ok = r.status == 200
                except aiohttp.ClientError:
                    ok = False
                latencies.append(time.perf_counter() - t0)
                errors += not ok

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "server_requests": len(latencies),
        "server_errors": errors,
        "server_req_per_s": round(len(latencies) / elapsed, 1),
        "server_p50_ms": round(statistics.median(latencies) * 1000, 2),
        "server_p99_ms": round(latencies[int(0.99 * (len(latencies) - 1))] * 1000, 2),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m planner.calendars.bench",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("outputs", type=Path, help="an outputs folder written by planner plan")
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args(argv)
    draft = read_draft(args.outputs)
    row: dict[str, object] = {"outputs": str(args.outputs)}
    row.update(bench_calendars(draft.source, draft.plan))
    row.update(bench_server(args.outputs, requests=args.requests,
                            connections=args.connections))
    print(json.dumps(row, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
