"""The office's web app: pages and routes (Starlette, Jinja2 with autoescape).

One app serves one hospital — the state folder ``state/<name>/`` whose database holds the
published versions, the feed tokens and the web tables (:mod:`planner.web.db`). Pages are
rendered on the server; the only script is ``static/progress.js`` (live progress over
server-sent events), served by the app itself. Every response forbids framing by other sites and
scripts from anywhere else, and sends no referrer to another site (feed links are secrets;
``same-origin`` rather than ``no-referrer``, under which Chromium posts forms with
``Origin: null``).

Who may do what (:func:`_guard`): the office does everything; a department head reads only
their own department's page. Every POST carries the session's CSRF token and, when the browser
sends an ``Origin``, it must be this site.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from planner.state import StateDB
from planner.web import auth, jobs
from planner.web.db import open_web
from planner.web.labels import Labels, labels_for

HERE = Path(__file__).resolve().parent
COOKIE = "planner_session"
#: The largest form without a file, and the multipart envelope around an upload's file.
ENVELOPE = 64 * 1024
_PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
             "frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'; "
             "object-src 'none'")
#: summary.html carries its own inline script and styles; it runs sandboxed (no cookies, no
#: access to the app) and may load nothing.
SUMMARY_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                "img-src data:; frame-ancestors 'self'; sandbox allow-scripts")


class Web:
    """What every request needs: the hospital's folder, the language, the templates."""

    def __init__(self, folder: Path, lang: str, time_limit: float | None):
        self.folder = folder
        self.hospital = folder.name
        self.t: Labels = labels_for(lang)
        self.time_limit = time_limit
        self.publishing = threading.Lock()  # one publish at a time within this server
        self.env = Environment(loader=FileSystemLoader(HERE / "templates"),
                               autoescape=select_autoescape(default=True, default_for_string=True))

    def db(self) -> StateDB:
        return open_web(self.folder)


def create_app(folder: Path, *, lang: str = "zh",
               time_limit: float | None = None) -> SecurityHeaders:
    """The app for the hospital whose state is in ``folder``; jobs a previous server left
    running are failed now (their outputs are never offered for publishing)."""
    web = Web(folder, lang, time_limit)
    db = web.db()
    try:
        jobs.recover_after_restart(db)
    finally:
        db.close()
    from planner.web import routes

    app = Starlette(routes=[
        Route("/", routes.home, methods=["GET"]),
        Route("/login", routes.login_page, methods=["GET"]),
        Route("/login", routes.login, methods=["POST"]),
        Route("/logout", routes.logout, methods=["POST"]),
        Route("/uploads", routes.upload, methods=["POST"]),
        Route("/uploads/{upload:int}", routes.upload_page, methods=["GET"]),
        Route("/uploads/{upload:int}/marked.xlsx", routes.marked_workbook, methods=["GET"]),
        Route("/uploads/{upload:int}/plan", routes.plan, methods=["POST"]),
        Route("/jobs/{job:int}", routes.job_page, methods=["GET"]),
        Route("/jobs/{job:int}/events", routes.job_events, methods=["GET"]),
        Route("/jobs/{job:int}/cancel", routes.cancel, methods=["POST"]),
        Route("/jobs/{job:int}/summary.html", routes.summary, methods=["GET"]),
        Route("/jobs/{job:int}/feeds.xlsx", routes.feeds_workbook, methods=["GET"]),
        Route("/jobs/{job:int}/publish", routes.publish_page, methods=["GET"]),
        Route("/jobs/{job:int}/publish", routes.publish, methods=["POST"]),
        Route("/versions", routes.versions, methods=["GET"]),
        Route("/versions/{version:int}/rollback", routes.rollback, methods=["POST"]),
        Route("/departments/{dept}", routes.department, methods=["GET"]),
        Route("/healthz", lambda r: PlainTextResponse("ok\n"), methods=["GET"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ], exception_handlers={404: _not_found, 405: _not_found})
    app.state.web = web
    return SecurityHeaders(app)


async def _not_found(request: Request, exc: Exception) -> Response:
    web: Web = request.app.state.web
    return error_page(request, web.t("error.not_found"), 404)


class SecurityHeaders:
    """ASGI middleware: the headers every response of the app carries."""

    def __init__(self, app: Starlette):
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for name, value in ((b"content-security-policy", _PAGE_CSP.encode()),
                                    (b"x-content-type-options", b"nosniff"),
                                    (b"referrer-policy", b"same-origin"),
                                    (b"x-frame-options", b"SAMEORIGIN"),
                                    (b"cache-control", b"no-store")):
                    if name not in present:
                        headers.append((name, value))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


# ----------------------------------------------------------------------------- helpers

def render(request: Request, template: str, status: int = 200,
           session: auth.Session | None = None, **context: object) -> HTMLResponse:
    web: Web = request.app.state.web
    page = web.env.get_template(template).render(
        t=web.t, lang=web.t.lang, hospital=web.hospital, session=session,
        csrf=session.csrf if session else "", **context)
    return HTMLResponse(page, status_code=status)


def error_page(request: Request, text: str, status: int,
               session: auth.Session | None = None) -> HTMLResponse:
    return render(request, "error.html", status, session, message=text)


def session_of(request: Request, db: StateDB) -> auth.Session | None:
    return auth.session_for(db, request.cookies.get(COOKIE))


def same_origin(request: Request) -> bool:
    """A cross-site form post says where it came from; a browser always sends ``Origin`` on a
    POST, and it must be this site (behind a proxy, the ``Host`` it forwards)."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


async def read_form(request: Request, max_size: int = ENVELOPE) -> Any:
    """The posted form, refusing a body larger than ``max_size`` before reading it."""
    length = request.headers.get("content-length")
    if length is None or not length.isdigit() or int(length) > max_size:
        raise TooLarge()
    return await request.form(max_files=1, max_fields=8, max_part_size=64 * 1024)


class TooLarge(Exception):
    pass


def cookie_secure(request: Request) -> bool:
    return request.url.scheme == "https"


def stream_json(payload: dict[str, object]) -> str:
    return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"



def serve(folder: Path, host: str = "127.0.0.1", port: int = 8090, *, lang: str = "zh",
          time_limit: float | None = None) -> None:
    """Run until interrupted. Behind the hospital's HTTPS proxy on the same machine, the
    proxy's ``X-Forwarded-Proto`` is trusted from loopback only, so cookies get ``Secure``."""
    import uvicorn

    app = create_app(folder, lang=lang, time_limit=time_limit)
    print(f"planner web: http://{host}:{port}/ ({folder})", flush=True)
    uvicorn.run(app, host=host, port=port, proxy_headers=True, forwarded_allow_ips="127.0.0.1",
                server_header=False, log_level="warning", lifespan="off", access_log=False)
