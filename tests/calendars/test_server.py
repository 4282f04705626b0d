"""The real feed server (uvicorn + Starlette) in a subprocess on a free loopback port, spoken to
with real HTTP clients (httpx; http.client for paths a client would normalise)."""

from __future__ import annotations

import csv
import datetime as dt
import http.client
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from planner.calendars.publish import publish
from planner.calendars.token_rotation import rotate
from planner.state import state_dir_override

from . import builders
from .conftest import write_outputs

T1 = dt.datetime(2027, 2, 1, 9, 0, tzinfo=dt.timezone.utc)
T2 = dt.datetime(2027, 2, 8, 9, 0, tzinfo=dt.timezone.utc)
REQUEST_TIMEOUT = 2.0  # seconds a request may take to arrive (10 by default), kept short here


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    base: str
    port: int
    outputs: Path
    state: Path
    static: Path
    log: Path
    process: subprocess.Popen  # type: ignore[type-arg]

    def token(self, ident: str, kind: str = "person") -> str:
        with open(self.outputs / "feeds.csv", encoding="utf-8-sig") as f:
            row = next(r for r in csv.DictReader(f) if r["id"] == ident and r["kind"] == kind)
        return row["https_url"].rsplit("/", 1)[1].removesuffix(".ics")

    def url(self, token: str) -> str:
        return f"{self.base}/feeds/{token}.ics"

    def raw_get(self, path: str) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path)
            return conn.getresponse().status
        finally:
            conn.close()


def start_server(outputs: Path, state: Path, log: Path, static: Path,
                 *options: str) -> Server:
    port = free_port()
    with open(log, "wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "planner", "serve", str(outputs), "--state", str(state),
             "--host", "127.0.0.1", "--port", str(port), *options],
            stdout=sink, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return Server(base, port, outputs, state, static, log, process)
        except httpx.TransportError:
            time.sleep(0.1)
        assert process.poll() is None, log.read_text()
    process.kill()
    raise AssertionError("the server did not start: " + log.read_text())


def stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


def draft(folder: Path, state: Path, plan=None) -> Path:  # noqa: ANN001
    reset = state_dir_override.set(state)
    try:
        return write_outputs(folder, builders.problem(), plan or builders.plan())
    finally:
        state_dir_override.reset(reset)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("served")
    state, static = root / "state", root / "static"
    outputs = draft(root / "outputs", state)
    publish(outputs, state_root=state, at=T1, export_to=static)
    running = start_server(outputs, state, root / "server.log", static,
                           "--request-timeout", str(REQUEST_TIMEOUT))
    yield running
    stop(running)


def wait_for(check, seconds: float = 10.0) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def test_get_serves_the_published_feed_with_validators(server: Server) -> None:
    token = server.token("S002")
    r = httpx.get(server.url(token), headers={"Accept-Encoding": "gzip, br"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "content-encoding" not in r.headers  # never compressed
    assert r.headers["etag"].startswith('"') and not r.headers["etag"].startswith("W/")
    assert r.headers["last-modified"].endswith(" GMT")
    assert r.content == (server.static / "feeds" / f"{token}.ics").read_bytes()
    assert r.content.startswith(b"BEGIN:VCALENDAR\r\n")


def test_conditional_get_answers_304(server: Server) -> None:
    url = server.url(server.token("S002"))
    first = httpx.get(url)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert httpx.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert httpx.get(url, headers={"If-None-Match": f'"x", {etag}'}).status_code == 304
    assert httpx.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    not_modified = httpx.get(url, headers={"If-Modified-Since": modified})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified.headers["etag"] == etag
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert httpx.get(url, headers={"If-Modified-Since": old}).status_code == 200


def test_head_gives_the_headers_without_the_body(server: Server) -> None:
    url = server.url(server.token("S002"))
    body = httpx.get(url).content
    head = httpx.head(url)
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == len(body)
    assert head.headers["etag"] == httpx.get(url).headers["etag"]


@pytest.mark.parametrize("path", [
    "/feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics",  # unknown token
    "/feeds/", "/feeds", "/", "/calendars/", "/feeds/../feeds/",
    "/feeds/../x", "/feeds/%2e%2e/x", "/feeds/%2E%2E%2Fstate.ics", "/feeds/a%2Fb.ics",
    "/feeds/..%2f..%2fetc%2fpasswd", "/feeds/....//x.ics", "/state/tiny/planner.sqlite",
])
def test_unknown_and_traversal_paths_are_plain_404(server: Server, path: str) -> None:
    assert server.raw_get(path) == 404


def test_a_valid_token_in_a_decorated_path_is_still_404(server: Server) -> None:
    token = server.token("S002")
    for path in (f"/feeds/{token}.ics/", f"/feeds/{token}", f"/feeds/{token}.ICS",
                 f"/feeds/%2e%2e/feeds/{token}.ics", f"/feeds/x/../{token}.ics",
                 f"/feeds/{token[:-1]}%{ord(token[-1]):02X}.ics", f"//feeds/{token}.ics"):
        assert server.raw_get(path) == 404, path
    assert server.raw_get(f"/feeds/{token}.ics") == 200


def test_tokens_never_reach_the_log(server: Server) -> None:
    token = server.token("S002")
    httpx.get(server.url(token))
    httpx.get(f"{server.base}/feeds/{token}.ics/x")
    assert wait_for(lambda: "<redacted>" in server.log.read_text())
    log = server.log.read_text()
    assert token not in log and token[:12] not in log


def test_a_rotated_token_stops_working_and_its_successor_works(server: Server) -> None:
    old = server.token("S003")
    assert httpx.get(server.url(old)).status_code == 200
    rotated = rotate(server.outputs, "S003", server.state)
    new = server.token("S003")
    assert new != old and rotated.https_url.endswith(f"/feeds/{new}.ics")
    assert wait_for(lambda: httpx.get(server.url(old)).status_code == 404)
    assert httpx.get(server.url(new)).status_code == 200
    assert not (server.static / "feeds" / f"{old}.ics").exists()  # static export refreshed


def test_a_draft_is_served_only_once_published(server: Server) -> None:
    token = server.token("S002")
    assert b"20270302T163000" in httpx.get(server.url(token)).content
    moved = builders.moved(builders.plan(), "QY#1.1", dt.date(2027, 3, 9))
    draft(server.outputs, server.state, moved)  # planner plan: a new draft, not published
    time.sleep(0.3)
    body = httpx.get(server.url(token)).content
    assert b"20270302T163000" in body and b"20270309T163000" not in body
    publish(server.outputs, state_root=server.state, at=T2)
    assert wait_for(lambda: b"20270309T163000" in httpx.get(server.url(token)).content)
    body = httpx.get(server.url(token)).content
    assert b"SEQUENCE:1\r\n" in body


def test_nothing_is_served_before_the_first_publish(tmp_path: Path) -> None:
    outputs = draft(tmp_path / "outputs", tmp_path / "state")
    running = start_server(outputs, tmp_path / "state", tmp_path / "server.log",
                           tmp_path / "static")
    try:
        for ident, kind in (("S001", "person"), ("S002", "person"), ("R1", "room"),
                            ("NK", "department")):
            assert httpx.get(running.url(running.token(ident, kind))).status_code == 404
    finally:
        stop(running)


def test_bounded_load_2000_requests_over_8_connections(server: Server) -> None:
    tokens = [server.token(i) for i in ("S001", "S002", "S004")] + [server.token("R1", "room")]
    errors: list[str] = []
    done = [0]
    lock = threading.Lock()

    def worker(n: int) -> None:
        with httpx.Client(timeout=10) as client:  # one keep-alive connection each
            for i in range(250):
                try:
                    r = client.get(server.url(tokens[(n + i) % len(tokens)]))
                    ok = r.status_code == 200 and r.content.endswith(b"END:VCALENDAR\r\n")
                except httpx.HTTPError as exc:
                    ok, r = False, exc  # type: ignore[assignment]
                with lock:
                    done[0] += 1
                    if not ok:
                        errors.append(repr(r))

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    elapsed = time.monotonic() - started
    assert done[0] == 2000 and errors == []
    assert elapsed < 60, f"2,000 requests took {elapsed:.1f} s"


# ------------------------------------------------------------------------ issue 19, items 7 and 13

def raw_exchange(server: Server, data: bytes, read_for: float = 10.0) -> bytes:
    """Send ``data`` on a fresh connection and read until the server closes it."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=read_for) as sock:
        sock.sendall(data)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except (ConnectionResetError, TimeoutError):
            pass
        return b"".join(chunks)


@pytest.mark.parametrize("n, encoded", list(enumerate(["%0d%0a", "%0a", "%1b%5b31m", "%00",
                                                       "%e2%80%a8"])))
def test_control_characters_in_a_path_cannot_forge_or_colour_log_lines(
        server: Server, n: int, encoded: str) -> None:
    from urllib.parse import quote

    marker = f"fake.{n}"  # short: 12 token characters in a row would be redacted
    fake = quote(f'127.0.0.1 "GET /{marker} HTTP/1.1" 200 0 1.0ms')
    raw_exchange(server, f"GET /feeds/x{encoded}{fake} HTTP/1.1\r\nHost: x\r\n"
                         f"Connection: close\r\n\r\n".encode())
    assert wait_for(lambda: marker in server.log.read_text(errors="replace"))
    log = server.log.read_bytes()
    line = next(x for x in log.split(b"\n") if marker.encode() in x)
    assert line.count(b" 404 ") == 1 and b"\x1b" not in line and b"\x00" not in line
    assert b"\r" not in line and "\u2028".encode() not in line
    assert not any(x.lstrip().startswith(b"127.0.0.1 \"GET /fake") for x in log.split(b"\n"))


def test_a_half_sent_request_is_closed_after_the_request_timeout(server: Server) -> None:
    started = time.monotonic()
    answer = raw_exchange(server, b"GET /feeds/abc HTTP/1.1\r\nHost: x\r\n", read_for=30)
    waited = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert waited >= REQUEST_TIMEOUT * 0.9  # closed by the deadline, not at once


def test_a_silent_connection_is_closed_too(server: Server) -> None:
    assert raw_exchange(server, b"", read_for=30).startswith(b"HTTP/1.1 408 ")


def test_an_oversized_header_is_refused_and_other_clients_are_served(server: Server) -> None:
    url = server.url(server.token("S002"))
    statuses: list[int] = []

    def other_client() -> None:
        with httpx.Client(timeout=10) as client:
            statuses.extend(client.get(url).status_code for _ in range(20))

    head = b"GET /feeds/abc.ics HTTP/1.1\r\nHost: x\r\nIf-None-Match: \""
    answer = b""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(head)
        helper = threading.Thread(target=other_client)
        helper.start()
        try:
            for _ in range(20 * 16):  # up to 20 MB, 64 kB at a time
                sock.sendall(b"x" * 65536)
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused: the server closed the connection
        try:
            answer = sock.recv(65536)
        except (ConnectionResetError, TimeoutError):
            pass
        helper.join(timeout=30)
    assert answer == b"" or answer.startswith(b"HTTP/1.1 431 ")
    assert statuses == [200] * 20


def test_a_normal_request_still_keeps_its_connection_alive(server: Server) -> None:
    with httpx.Client(timeout=10) as client:
        first = client.get(server.url(server.token("S002")))
        second = client.get(server.url(server.token("S002")), headers={"If-None-Match":
                                                                       first.headers["etag"]})
    assert (first.status_code, second.status_code) == (200, 304)
