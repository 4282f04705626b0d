"""``planner serve``: the feed server — published feeds only, by secret token.

Stack: Starlette (routing, responses) on uvicorn (HTTP/1.1 with httptools and uvloop). Run it
on loopback behind the hospital's HTTPS reverse proxy (see README, "Calendar feeds").

* ``GET``/``HEAD /feeds/<token>.ics`` → the feed of the *published* version:
  ``text/calendar; charset=utf-8``, a strong ETag (SHA-256 of the bytes), Last-Modified (when the
  feed's bytes last changed), ``If-None-Match`` / ``If-Modified-Since`` → 304. Never compressed
  (a gzip-encoded feed broke an Outlook subscription); ``Cache-Control: no-transform`` asks
  proxies not to either.
* Anything else — an unknown or revoked token, ``..``, percent-encoded characters (``%2F``,
  ``%2e%2e``), a directory — is a bare 404: the raw request path must match exactly
  ``/feeds/`` + 32 token characters + ``.ics``, before any decoding.
* Tokens are found by their SHA-256 (the database holds nothing else), so the comparison cannot
  leak a token through timing.
* The access log redacts every token-like path segment and escapes control characters (no
  forged lines); uvicorn's own access log is off.
* A request must arrive whole within 10 s with at most 16 kB of request line and headers
  (else 408 / 431 and the connection closes); idle keep-alive connections close after 5 s.
* ``/me/<token>`` (a person's own page) and ``/sign-in/<code>`` (QR sign-in) sit beside the
  feeds, with the same exact-path and hashed-token checks (:mod:`planner.staff.routes`).
* Feeds are rendered once into memory and served from there. The store notices a new publish or
  a token rotation (SQLite's ``data_version``) on the next request: token changes apply at once,
  a new version is rendered in a worker thread while the old one keeps being served.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from planner.calendars.hospital import published_bundle
from planner.calendars.publish import feed_etag
from planner.calendars.tokens import TokenStore, token_hash
from planner.state import open_state

FEED_PATH = re.compile(rb"/feeds/([A-Za-z0-9_-]{32})\.ics")
CONTENT_TYPE = "text/calendar; charset=utf-8"
_TOKENISH = re.compile(r"[A-Za-z0-9_-]{12,}")
access_log = logging.getLogger("planner.feeds.access")


@dataclass(frozen=True)
class ServedFeed:
    body: bytes
    etag: str
    last_modified: dt.datetime

    @property
    def http_date(self) -> str:
        return format_datetime(self.last_modified, usegmt=True)


@dataclass(frozen=True)
class Snapshot:
    version: int | None = None
    reference: dt.date | None = None
    tokens: dict[str, str] = field(default_factory=dict)  # token hash → feed key
    feeds: dict[str, ServedFeed] = field(default_factory=dict)  # feed key → feed


class FeedStore:
    """The published feeds in memory, refreshed when the state database changes."""

    def __init__(self, state_folder: Path):
        self.folder = state_folder
        self.db = open_state(state_folder, create=False)
        self.snapshot_now = self._load(None)
        self._seen = self.db.data_version()
        self._refreshing = False

    def _load(self, previous: Snapshot | None) -> Snapshot:
        db = open_state(self.folder, create=False)  # this thread's own connection
        try:
            with db.read():
                current = db.current_version()
                tokens = TokenStore(db).active_hashes()
                states = db.feed_states()
            if current is None:
                return Snapshot(tokens=tokens)
            if (previous is not None and previous.version == current.version
                    and previous.reference == current.feed_reference):
                feeds = previous.feeds
            else:
                published = published_bundle(db)
                assert published is not None
                feeds = {}
                for feed_key, body in published[1].feeds.items():
                    changed = states.get(feed_key, ("", current.published_at))[1]
                    feeds[feed_key] = ServedFeed(body, feed_etag(body), changed)
            return Snapshot(current.version, current.feed_reference, tokens, feeds)
        finally:
            db.close()

    async def snapshot(self) -> Snapshot:
        seen = self.db.data_version()
        if seen != self._seen and not self._refreshing:
            self._seen = seen
            self._refreshing = True
            try:
                self.snapshot_now = await asyncio.to_thread(self._load, self.snapshot_now)
            finally:
                self._refreshing = False
        return self.snapshot_now

    def close(self) -> None:
        self.db.close()


def _not_found() -> Response:
    return PlainTextResponse("Not Found\n", status_code=404)


def _not_modified(request: Request, feed: ServedFeed) -> bool:
    """RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since otherwise."""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
        return "*" in tags or feed.etag in tags
    since = request.headers.get("if-modified-since")
    if since:
        try:
            moment = parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.timezone.utc)
        return feed.last_modified <= moment
    return False


def create_app(store: FeedStore, clock: Callable[[], dt.datetime] | None = None) -> Starlette:
    """The feeds, and each person's page and QR sign-in (:mod:`planner.staff.routes`) with
    the same token checks; ``clock`` (UTC now) is for tests."""
    from planner.staff.routes import StaffSite

    staff = StaffSite(store, clock)

    async def feed(request: Request) -> Response:
        match = FEED_PATH.fullmatch(request.scope.get("raw_path") or b"")
        if match is None:
            return _not_found()
        snapshot = await store.snapshot()
        feed_key = snapshot.tokens.get(token_hash(match.group(1).decode("ascii")))
        served = snapshot.feeds.get(feed_key) if feed_key is not None else None
        if served is None:
            return _not_found()
        headers = {
            "ETag": served.etag,
            "Last-Modified": served.http_date,
            "Cache-Control": "private, no-transform, max-age=0",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        }
        if _not_modified(request, served):
            return Response(status_code=304, headers=headers)
        headers["Content-Type"] = CONTENT_TYPE
        if request.method == "HEAD":
            headers["Content-Length"] = str(len(served.body))
            return Response(b"", headers=headers)
        return Response(served.body, headers=headers)

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok\n")

    async def not_found(request: Request, exc: Exception) -> Response:
        return _not_found()

    app = Starlette(
        routes=[
            Route("/feeds/{name}", feed, methods=["GET", "HEAD"]),
            Route("/healthz", health, methods=["GET", "HEAD"]),
            *staff.routes(),
        ],
        exception_handlers={404: not_found},
    )
    app.router.redirect_slashes = False  # a redirect would echo the token in Location
    return app


def redact(path: str) -> str:
    """Every token-like run of characters becomes ``<redacted>``: tokens never reach a log."""
    return _TOKENISH.sub("<redacted>", path)


_MAX_LOGGED = 300  # characters of a path in the access log


def loggable(path: str) -> str:
    """The (decoded) request path as one log field: tokens redacted; control and other
    non-printable characters, quotes and backslashes written as ``\\xNN`` / ``\\uNNNN``, so no
    request can end the line and forge another (``%0d%0a``) or send terminal escapes (``%1b``)
    or NULs to whoever reads the log; long paths shortened."""
    text = redact(path)
    if len(text) > _MAX_LOGGED:
        text = text[:_MAX_LOGGED] + "..."
    return "".join(ch if ch.isprintable() and ch not in '"\\' else _escaped(ch) for ch in text)


def _escaped(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 \
        else f"\\U{code:08x}"


class RedactedAccessLog:
    """ASGI middleware: one access-log line per request, with the path redacted."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status, size = 0, 0

        async def recording_send(message: dict[str, Any]) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            client = scope.get("client") or ("-", 0)
            access_log.info('%s "%s %s" %d %d %.1fms', client[0], loggable(scope["method"]),
                            loggable(scope.get("path", "")), status, size,
                            (time.perf_counter() - started) * 1000)


# ------------------------------------------------------------------------ request limits

#: The request line and headers together; a calendar client sends well under 1 kB, and
#: nginx's default buffers allow 8 kB a line.
MAX_REQUEST_BYTES = 16 * 1024
#: From a connection's opening (or a request's first byte) until the request is complete.
REQUEST_TIMEOUT_S = 10.0
#: An idle keep-alive connection waits this long for the next request.
KEEP_ALIVE_S = 5


def guarded_protocol(request_timeout: float = REQUEST_TIMEOUT_S) -> type:
    """uvicorn's httptools protocol with the limits it lacks: a request must arrive whole
    within ``request_timeout`` seconds (else 408 and the connection closes — a half-sent request
    used to stay open indefinitely), and its head may hold at most :data:`MAX_REQUEST_BYTES`
    (else 431 and close, before parsing: a 20 MB ``If-None-Match`` stalled every other client
    for seconds while it was parsed)."""
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class GuardedHttpToolsProtocol(HttpToolsProtocol):
        def connection_made(self, transport) -> None:  # noqa: ANN001
            super().connection_made(transport)
            self._received = 0
            self._deadline = None
            self._arm()

        def _arm(self) -> None:
            self._received = 0
            if self._deadline is None:
                self._deadline = self.loop.call_later(request_timeout, self._too_slow)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _refuse(self, status: bytes) -> None:
            self._disarm()
            if not self.transport.is_closing():
                self.transport.write(b"HTTP/1.1 " + status + b"\r\ncontent-length: 0\r\n"
                                     b"connection: close\r\n\r\n")
                self.transport.close()

        def _too_slow(self) -> None:
            self._deadline = None
            if self.cycle is None or self.cycle.response_complete:
                self._refuse(b"408 Request Timeout")
            elif not self.transport.is_closing():
                self.transport.close()

        def data_received(self, data: bytes) -> None:
            if self._deadline is not None:  # a request is arriving
                self._received += len(data)
                if self._received > MAX_REQUEST_BYTES:
                    self._refuse(b"431 Request Header Fields Too Large")
                    return
            super().data_received(data)

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._arm()

        def on_message_complete(self) -> None:
            self._disarm()
            super().on_message_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return GuardedHttpToolsProtocol


def serve(state_folder: Path, host: str = "127.0.0.1", port: int = 8080, *,
          log_requests: bool = True, request_timeout: float = REQUEST_TIMEOUT_S) -> None:
    """Run until interrupted."""
    import uvicorn

    store = FeedStore(state_folder)
    app: Any = create_app(store)
    if log_requests:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        access_log.addHandler(handler)
        access_log.setLevel(logging.INFO)
        access_log.propagate = False
        app = RedactedAccessLog(app)
    snap = store.snapshot_now
    if snap.version is None:
        print("nothing published yet: every feed answers 404 until 'planner publish'",
              flush=True)
    else:
        print(f"serving {len(snap.feeds)} feeds of published version {snap.version} on "
              f"http://{host}:{port}/feeds/<token>.ics", flush=True)
    config = uvicorn.Config(app, host=host, port=port, access_log=False, server_header=False,
                            log_level="warning", lifespan="off",
                            http=guarded_protocol(request_timeout),
                            timeout_keep_alive=KEEP_ALIVE_S)
    try:
        uvicorn.Server(config).run()
    finally:
        store.close()
