"""The staff page and QR sign-in on the feed server, beside ``/feeds/<token>.ics``.

* ``GET /me/<token>`` — the person's own page (:mod:`planner.staff.view`), reached from their
  feed link's token; ``GET /me/<token>/certificate`` — their printable 学分证明;
  ``POST /me/<token>/leave`` — a leave request into the office's queue (``staff_leave_requests``).
  Only a *person* feed's token opens a page (a room's or department's gives 404), and as with
  feeds, the raw path must match exactly, before any decoding; tokens are looked up by their
  SHA-256, as the feed server does (:mod:`planner.calendars.tokens`).
* ``GET``/``POST /sign-in/<code>`` — QR sign-in (:mod:`planner.staff.signin`): the page asks to
  confirm, the POST records. Whose sign-in it is comes from a cookie the person's own page sets
  (HttpOnly, SameSite=Lax, sent only to ``/sign-in/``), holding their feed token.

Every page is HTML rendered with Jinja2 autoescaping (names cannot inject markup), sent with a
strict Content-Security-Policy, ``Referrer-Policy: no-referrer`` (the token is in the URL) and
``Cache-Control: no-store``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from planner.calendars.source import FeedSource
from planner.calendars.tokens import token_hash
from planner.domain import Problem
from planner.plan import Plan
from planner.snapshot import load_snapshot
from planner.staff import db as staffdb
from planner.staff import signin
from planner.staff.labels import Labels, labels_for
from planner.staff.view import build_view
from planner.state import now_utc, open_state

ME_PATH = re.compile(rb"/me/([A-Za-z0-9_-]{32})(/certificate|/leave)?")
SIGN_PATH = re.compile(rb"/sign-in/([A-Za-z0-9_.-]{1,300})")
COOKIE = "cme_me"
MAX_FORM_BYTES = 4096
MAX_LEAVE_DAYS = 366
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                               "script-src 'unsafe-inline'; img-src data:; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


def _template(name: str) -> str:
    return (resources.files("planner.staff") / "templates" / name).read_text(encoding="utf-8")


_ENV = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
_CSS = _template("base.css")


def render(name: str, **values: Any) -> str:
    return _ENV.from_string(_template(name)).render(css=_CSS, num=lambda x: f"{x:g}", **values)


@dataclass(frozen=True)
class Published:
    version: int
    plan: Plan
    source: FeedSource
    inputs: Problem | None


def _not_found() -> Response:
    return PlainTextResponse("Not Found\n", status_code=404)


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=HEADERS)


class StaffSite:
    """The routes, the published version they read (cached per version), and the clock."""

    def __init__(self, store: Any, clock: Callable[[], dt.datetime] | None = None):
        self.store = store
        self.clock = clock or now_utc
        self._published: Published | None = None

    # -- what is published --------------------------------------------------------------------

    def _load(self, version: int) -> Published | None:
        if self._published is not None and self._published.version == version:
            return self._published
        db = open_state(self.store.folder, create=False)
        try:
            with db.read():
                current = db.current_version()
        finally:
            db.close()
        if current is None:
            return None
        inputs = load_snapshot(current.inputs_json) if current.inputs_json else None
        self._published = Published(current.version, Plan.from_json(current.plan_json),
                                    FeedSource.from_json(current.source_json), inputs)
        return self._published

    async def _person(self, token: str) -> tuple[str, Published] | None:
        snapshot = await self.store.snapshot()
        feed_key = snapshot.tokens.get(token_hash(token))
        if feed_key is None or not feed_key.startswith("person:") or snapshot.version is None:
            return None
        published = await asyncio.to_thread(self._load, snapshot.version)
        if published is None or published.source.person(feed_key[7:]) is None:
            return None
        return feed_key[7:], published

    def _with_db(self, work: Callable[[staffdb.StateDB], Any]) -> Any:
        db = open_state(self.store.folder, create=False)
        try:
            return work(db)
        finally:
            db.close()

    # -- the staff page -----------------------------------------------------------------------

    async def me(self, request: Request) -> Response:
        match = ME_PATH.fullmatch(request.scope.get("raw_path") or b"")
        if match is None:
            return _not_found()
        token, tail = match.group(1).decode("ascii"), match.group(2) or b""
        found = await self._person(token)
        if found is None:
            return _not_found()
        pid, published = found
        if (request.method == "POST") != (tail == b"/leave"):
            return PlainTextResponse("Method Not Allowed\n", status_code=405)
        t = labels_for(published.source.language)
        message = ""
        if tail == b"/leave":
            message = await self._leave(request, pid, t)
        page = await asyncio.to_thread(self._page, token, pid, published, t, request, message,
                                       tail == b"/certificate")
        response = _html(page)
        if tail != b"/certificate":
            response.set_cookie(COOKIE, token, max_age=400 * 86400, path="/sign-in/",
                                httponly=True, samesite="lax",
                                secure=_https(request, published.source))
        return response

    def _page(self, token: str, pid: str, published: Published, t: Labels, request: Request,
              message: str, certificate: bool) -> str:
        source = published.source
        today = self.clock().astimezone(ZoneInfo(source.timezone)).date()
        sign_ins = self._with_db(staffdb.sign_ins)
        view = build_view(pid, published.plan, source, published.inputs, sign_ins, today, t)
        if certificate:
            return render("certificate.html", v=view, t=t)
        requests = self._with_db(lambda db: staffdb.leave_requests(db, pid))
        return render("staff.html", v=view, t=t, message=message, requests=requests,
                      links=_links(request, source, token, t, view.name))

    async def _leave(self, request: Request, pid: str, t: Labels) -> str:
        body = await request.body()
        form = urllib.parse.parse_qs(body[:MAX_FORM_BYTES].decode("utf-8", "replace"))

        def field(name: str) -> str:
            return (form.get(name) or [""])[0].strip()

        try:
            start = dt.date.fromisoformat(field("start"))
            end = dt.date.fromisoformat(field("end"))
        except ValueError:
            return t("page.leave_bad")
        reason = " ".join("".join(ch for ch in field("reason") if ch.isprintable()).split())
        if len(body) > MAX_FORM_BYTES or not start <= end or \
                (end - start).days >= MAX_LEAVE_DAYS or len(reason) > 200:
            return t("page.leave_bad")
        await asyncio.to_thread(self._with_db, lambda db: staffdb.add_leave_request(
            db, pid, start, end, reason))
        return t("page.leave_sent", start=start.isoformat(), end=end.isoformat())

    # -- QR sign-in ---------------------------------------------------------------------------

    async def sign_in(self, request: Request) -> Response:
        match = SIGN_PATH.fullmatch(request.scope.get("raw_path") or b"")
        snapshot = await self.store.snapshot()
        if match is None or snapshot.version is None:
            return _not_found()
        published = await asyncio.to_thread(self._load, snapshot.version)
        if published is None:
            return _not_found()
        source = published.source
        t = labels_for(source.language)
        minutes = published.inputs.settings.sign_in_minutes if published.inputs else 30
        key = await asyncio.to_thread(self._with_db, staffdb.signing_key)
        now = self.clock()
        verdict = signin.verify(key, match.group(1).decode("ascii"), published.plan, minutes,
                                now)
        tz = ZoneInfo(source.timezone)

        def page(message: str, status: int, confirm: dict[str, str] | None = None) -> Response:
            return _html(render("sign_in.html", t=t, lang=t.lang, message=message,
                                confirm=confirm), status)

        if verdict.status in (signin.FORGED, signin.UNKNOWN) or verdict.session is None:
            return page(t("sign.refused"), 403)
        session = verdict.session
        opens, closes = signin.window(session, minutes)
        if verdict.status == signin.EXPIRED:
            return page(t("sign.expired", until=f"{closes.astimezone(tz):%Y-%m-%d %H:%M}"), 403)
        if verdict.status == signin.EARLY:
            return page(t("sign.early", from_=f"{opens.astimezone(tz):%Y-%m-%d %H:%M}"), 403)
        token = request.cookies.get(COOKIE, "")
        feed_key = snapshot.tokens.get(token_hash(token)) if token else None
        person = source.person(feed_key[7:]) if feed_key and feed_key.startswith("person:") \
            else None
        if person is None:
            return page(t("sign.who"), 403)
        title = f"{session.title} — {session.topic}" \
            if session.topic and session.topic != session.title else session.title
        if request.method == "POST":
            first = await asyncio.to_thread(self._with_db, lambda db: staffdb.record_sign_in(
                db, person.id, session.id, session.date, now))
            return page(t("sign.done" if first else "sign.again", name=person.name,
                          title=title), 200)
        start = dt.datetime.fromisoformat(session.start).astimezone(tz)
        end = dt.datetime.fromisoformat(session.end).astimezone(tz)
        return page(t("sign.confirm", name=person.name), 200, {
            "when": f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}", "title": title,
            "place": source.room_name(session.room)})

    def routes(self) -> list[Route]:
        return [Route("/me/{rest:path}", self.me, methods=["GET", "POST"]),
                Route("/sign-in/{code}", self.sign_in, methods=["GET", "POST"])]


def _https(request: Request, source: FeedSource) -> bool:
    """Behind the hospital's HTTPS proxy uvicorn reports the scheme the phone used
    (``X-Forwarded-Proto`` from a trusted local proxy): the cookie is then Secure."""
    return request.url.scheme == "https"


def _links(request: Request, source: FeedSource, token: str, t: Labels,
           name: str) -> dict[str, str]:
    base = source.public_base_url or str(request.base_url).rstrip("/")
    https = f"{base}/feeds/{token}.ics"
    webcal = "webcal://" + https.split("://", 1)[1]
    return {
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/render?"
                  + urllib.parse.urlencode({"cid": webcal}),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?"
                   + urllib.parse.urlencode({"url": https, "name": t("page.title", name=name)}),
        "certificate": f"/me/{token}/certificate",
        "leave": f"/me/{token}/leave",
    }
