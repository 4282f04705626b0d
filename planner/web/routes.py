"""The pages of the web app, one function per route (wired in :func:`planner.web.app.create_app`).

Each handler is wrapped by :func:`guarded`, which opens the state database, finds the session,
refuses what the role may not do and checks the CSRF token of every POST — so no handler can
forget one of them.
"""

from __future__ import annotations

import asyncio
import functools
import json
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response, StreamingResponse

from planner.errors import PlannerError
from planner.state import StateDB, now_utc, parse_utc, utc_text
from planner.web import auth, jobs, uploads
from planner.web.app import (
    COOKIE,
    ENVELOPE,
    SUMMARY_CSP,
    TooLarge,
    Web,
    cookie_secure,
    error_page,
    read_form,
    render,
    same_origin,
    session_of,
    stream_json,
)

Handler = Callable[..., Awaitable[Response]]
#: How often the progress stream looks at the job's row.
POLL_S = 0.4


def guarded(*, office: bool = True, max_body: int = ENVELOPE,
            ) -> Callable[[Handler], Callable[[Request], Awaitable[Response]]]:
    """Log-in, role and CSRF checks around a handler ``(request, web, db, session, form)``.

    ``office``: only the education office may use the route (a department head gets 403);
    ``max_body``: a POST's largest body, refused unread beyond it."""

    def wrap(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        @functools.wraps(handler)
        async def route(request: Request) -> Response:
            web: Web = request.app.state.web
            db = web.db()
            try:
                session = session_of(request, db)
                if session is None:
                    if request.method in ("GET", "HEAD"):
                        return RedirectResponse("/login", status_code=303)
                    return error_page(request, web.t("error.csrf"), 403)
                if office and not session.user.office:
                    return error_page(request, web.t("error.forbidden"), 403, session)
                form = None
                if request.method == "POST":
                    try:
                        form = await read_form(request, max_body)
                    except TooLarge:
                        return render(request, "refused.html", 413, session, message=web.t(
                            "refused.too_big", most=uploads.MAX_UPLOAD_BYTES // 1_000_000))
                    if not (same_origin(request) and auth.csrf_ok(session, form.get("csrf"))):
                        return error_page(request, web.t("error.csrf"), 403, session)
                return await handler(request, web, db, session, form)
            finally:
                db.close()

        return route

    return wrap


# ----------------------------------------------------------------------------- log in / out

async def login_page(request: Request) -> Response:
    return render(request, "login.html")


async def login(request: Request) -> Response:
    web: Web = request.app.state.web
    try:
        form = await read_form(request)
    except TooLarge:
        return render(request, "login.html", 413, error=web.t("login.failed"))
    if not same_origin(request):
        return error_page(request, web.t("error.csrf"), 403)
    name = str(form.get("name") or "")[:64]
    password = str(form.get("password") or "")[:1024]
    address = request.client.host if request.client else "-"
    db = web.db()
    try:
        wait = auth.throttled(db, name, address)
        if wait:
            return render(request, "login.html", 429, error=web.t("login.throttled",
                                                                  minutes=wait), name=name)
        done = await run_in_threadpool(auth.log_in, db, name, password, address)
    finally:
        db.close()
    if done is None:
        return render(request, "login.html", 401, error=web.t("login.failed"), name=name)
    token, user = done
    where = "/" if user.office else f"/departments/{user.department}"
    response = RedirectResponse(where, status_code=303)
    response.set_cookie(COOKIE, token, max_age=auth.SESSION_HOURS * 3600, httponly=True,
                        samesite="strict", secure=cookie_secure(request), path="/")
    return response


@guarded(office=False)
async def logout(request: Request, web: Web, db: StateDB, session: auth.Session,
                 form: Any) -> Response:
    auth.log_out(db, request.cookies.get(COOKIE))
    response = render(request, "login.html", notice=web.t("login.out"))
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict",
                           secure=cookie_secure(request))
    return response


# ----------------------------------------------------------------------------- home

@guarded(office=False)
async def home(request: Request, web: Web, db: StateDB, session: auth.Session,
               form: Any) -> Response:
    if not session.user.office:
        return RedirectResponse(f"/departments/{session.user.department}", status_code=303)
    rows = db.conn.execute(
        "SELECT up.id, up.filename, us.name, up.uploaded_at, up.result, up.issues_json "
        "FROM web_uploads up JOIN web_users us ON us.id = up.user_id "
        "ORDER BY up.id DESC LIMIT 20").fetchall()
    listed = [{"id": r[0], "file": r[1], "who": r[2], "at": _when(r[3]), "result": r[4],
               "count": len(json.loads(r[5]).get("issues", []))} for r in rows]
    current = _current_upload(db)
    published = db.current_version()
    departments, name = [], web.hospital  # the input set's name until a plan names the hospital
    if published is not None:
        source = json.loads(published.source_json)
        departments = [(d["id"], d["name"]) for d in source.get("departments", [])]
        name = source.get("hospital") or name
    return render(request, "home.html", session=session, uploads=listed, current=current,
                  hospital_name=name,
                  jobs=jobs.list_jobs(db), published=published, departments=departments,
                  when=_when, published_at="" if published is None
                  else _when(utc_text(published.published_at)))


def _current_upload(db: StateDB) -> dict[str, object] | None:
    row = db.conn.execute(
        "SELECT up.id, up.filename, us.name, up.uploaded_at FROM web_uploads up "
        "JOIN web_users us ON us.id = up.user_id WHERE up.result = 'ok' "
        "ORDER BY up.id DESC LIMIT 1").fetchone()
    return None if row is None else {"id": row[0], "file": row[1], "who": row[2],
                                     "at": _when(row[3])}


def _when(text: str | None) -> str:
    """A stored UTC time as the office reads it: local (Asia/Shanghai) to the minute."""
    if not text:
        return ""
    moment = parse_utc(text).astimezone(ZoneInfo("Asia/Shanghai"))
    return moment.strftime("%Y-%m-%d %H:%M")


# ----------------------------------------------------------------------------- uploads

@guarded(max_body=uploads.MAX_UPLOAD_BYTES + ENVELOPE)
async def upload(request: Request, web: Web, db: StateDB, session: auth.Session,
                 form: Any) -> Response:
    sent = form.get("file")
    filename, data = "", b""
    if isinstance(sent, UploadFile):
        filename = sent.filename or ""
        data = await sent.read(uploads.MAX_UPLOAD_BYTES + 1)
    checked = await run_in_threadpool(uploads.check_upload, data, web.hospital, web.t)
    upload_id = uploads.record_upload(db, session.user.id, filename, data, checked)
    if checked.result == "refused":
        return render(request, "refused.html", 400, session, message=checked.refused)
    return RedirectResponse(f"/uploads/{upload_id}", status_code=303)


def _upload_row(db: StateDB, upload_id: int) -> dict[str, Any] | None:
    row = db.conn.execute(
        "SELECT up.id, up.filename, us.name, up.uploaded_at, up.result, up.issues_json, up.kind "
        "FROM web_uploads up JOIN web_users us ON us.id = up.user_id WHERE up.id = ?",
        (upload_id,)).fetchone()
    if row is None:
        return None
    details = json.loads(row[5])
    return {"id": row[0], "file": row[1], "who": row[2], "at": _when(row[3]), "result": row[4],
            "issues": details.get("issues", []), "summary": details.get("summary", ""),
            "refused": details.get("refused", ""), "kind": row[6]}


@guarded()
async def upload_page(request: Request, web: Web, db: StateDB, session: auth.Session,
                      form: Any) -> Response:
    found = _upload_row(db, request.path_params["upload"])
    if found is None:
        return error_page(request, web.t("error.not_found"), 404, session)
    return render(request, "upload.html", session=session, upload=found)


@guarded()
async def marked_workbook(request: Request, web: Web, db: StateDB, session: auth.Session,
                          form: Any) -> Response:
    from planner.web.marking import marked

    upload_id = request.path_params["upload"]
    found = _upload_row(db, upload_id)
    row = db.conn.execute("SELECT data FROM web_uploads WHERE id = ?", (upload_id,)).fetchone()
    if found is None or found["kind"] != "xlsx" or not row or row[0] is None:
        return error_page(request, web.t("error.not_found"), 404, session)
    body = await run_in_threadpool(marked, row[0], found["issues"])
    return Response(body, media_type="application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet", headers={
                        "Content-Disposition": f'attachment; filename="marked-{upload_id}.xlsx"'})


# ----------------------------------------------------------------------------- jobs

@guarded()
async def plan(request: Request, web: Web, db: StateDB, session: auth.Session,
               form: Any) -> Response:
    found = _upload_row(db, request.path_params["upload"])
    if found is None:
        return error_page(request, web.t("error.not_found"), 404, session)
    if found["result"] != "ok":
        return error_page(request, web.t("job.not_valid"), 409, session)
    try:
        job_id = jobs.start_job(db, web.folder, found["id"], session.user.id,
                                time_limit=web.time_limit, lang=web.t.lang)
    except jobs.Busy as busy:
        return error_page(request, web.t("job.busy", id=busy.args[0]), 409, session)
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)


def _progress(web: Web, db: StateDB, job: jobs.Job) -> dict[str, object]:
    """The job's state in the office's words (the page and the event stream both show it)."""
    t = web.t
    from planner.cli_labels import TEXT as CLI_TEXT
    from planner.cli_labels import labels_for as cli_labels

    if job.step and job.k:
        key = f"step.{job.step}"
        what = cli_labels(t.lang)(key) if key in CLI_TEXT else job.step
        line = t("job.step", k=job.k, n=job.n, what=what)
    else:
        line = t("job.waiting")
    estimate = jobs.estimate_seconds(db)
    return {
        "status": job.status,
        "status_text": t(f"job.status.{job.status}"),
        "line": line,
        "percent": 0 if not job.k or not job.n else round(100 * (job.k - 1) / job.n),
        "quota": "" if job.quota is None else t("job.quota", percent=f"{job.quota:.0f}"),
        "elapsed": t("job.elapsed", seconds=f"{_seconds(job):.0f}"),
        "estimate": (t("job.no_estimate") if estimate is None
                     else t("job.estimate", seconds=f"{estimate:.0f}")),
        "final": not job.active,
    }


def _seconds(job: jobs.Job) -> float:
    """Wall-clock seconds from the request to plan until the end (or now): what the office
    waited, reading the inputs and starting the process included."""
    end = parse_utc(job.finished_at) if job.finished_at else now_utc()
    return max(0.0, (end - parse_utc(job.created_at)).total_seconds())


def _job_or_404(db: StateDB, request: Request) -> jobs.Job | None:
    return jobs.get_job(db, request.path_params["job"])


@guarded()
async def job_page(request: Request, web: Web, db: StateDB, session: auth.Session,
                   form: Any) -> Response:
    job = _job_or_404(db, request)
    if job is None:
        return error_page(request, web.t("error.not_found"), 404, session)
    outputs = jobs.job_dir(web.folder, job.id) / "outputs"
    changes = outputs / "changes.md"
    why = ""
    if job.status == "failed":
        why = (web.t(f"job.why.{job.message}") if job.message in ("restart", "crash", "check")
               else web.t("job.why.error", message=job.message or ""))
    return render(request, "job.html", session=session, job=job,
                  progress=_progress(web, db, job), why=why,
                  changes=changes.read_text("utf-8") if job.status == "done"
                  and changes.is_file() else "",
                  took=web.t("job.took", seconds=f"{_seconds(job):.0f}"),
                  when=_when)


@guarded()
async def job_events(request: Request, web: Web, db: StateDB, session: auth.Session,
                     form: Any) -> Response:
    job_id = request.path_params["job"]
    if jobs.get_job(db, job_id) is None:
        return error_page(request, web.t("error.not_found"), 404, session)

    async def events():
        own = web.db()  # the stream outlives the request's database handle
        try:
            last = None
            while True:
                job = jobs.get_job(own, job_id)
                assert job is not None
                payload = _progress(web, own, job)
                if payload != last:
                    yield stream_json(payload)
                    last = payload
                if job.status in jobs.FINAL:
                    yield "event: end\ndata: {}\n\n"
                    return
                if await request.is_disconnected():
                    return
                await asyncio.sleep(POLL_S)
        finally:
            own.close()

    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"X-Accel-Buffering": "no"})


@guarded()
async def cancel(request: Request, web: Web, db: StateDB, session: auth.Session,
                 form: Any) -> Response:
    job_id = request.path_params["job"]
    jobs.cancel_job(db, job_id)
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)


def _job_file(web: Web, db: StateDB, request: Request, name: str) -> Path | None:
    job = _job_or_404(db, request)
    if job is None or job.status != "done":
        return None
    path = jobs.job_dir(web.folder, job.id) / "outputs" / name
    return path if path.is_file() else None


@guarded()
async def summary(request: Request, web: Web, db: StateDB, session: auth.Session,
                  form: Any) -> Response:
    path = _job_file(web, db, request, "summary.html")
    if path is None:
        return error_page(request, web.t("error.not_found"), 404, session)
    return FileResponse(path, media_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": SUMMARY_CSP})


@guarded()
async def feeds_workbook(request: Request, web: Web, db: StateDB, session: auth.Session,
                         form: Any) -> Response:
    path = _job_file(web, db, request, "feeds.xlsx")
    if path is None:
        return error_page(request, web.t("error.not_found"), 404, session)
    return FileResponse(path, filename="feeds.xlsx", media_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))


# ----------------------------------------------------------------------------- publish

def _sessions_in(outputs: Path) -> int:
    from planner.plan import read_plan

    try:
        return len(read_plan(outputs / "plan").sessions)
    except (OSError, ValueError, KeyError):
        return 0


@guarded()
async def publish_page(request: Request, web: Web, db: StateDB, session: auth.Session,
                       form: Any) -> Response:
    job = _job_or_404(db, request)
    if job is None or job.status != "done":
        return error_page(request, web.t("publish.not_ready"), 404, session)
    outputs = jobs.job_dir(web.folder, job.id) / "outputs"
    changes = outputs / "changes.md"
    current = db.current_version()
    return render(request, "publish.html", session=session, job=job, current=current,
                  changes=changes.read_text("utf-8") if changes.is_file() else "",
                  sessions=_sessions_in(outputs))


@guarded()
async def publish(request: Request, web: Web, db: StateDB, session: auth.Session,
                  form: Any) -> Response:
    from planner.calendars.publish import publish as do_publish

    job = _job_or_404(db, request)
    if job is None or job.status != "done":
        return error_page(request, web.t("publish.not_ready"), 409, session)
    outputs = jobs.job_dir(web.folder, job.id) / "outputs"

    def one_at_a_time():
        with web.publishing:
            return do_publish(outputs, state_root=web.folder.parent)

    try:
        result = await run_in_threadpool(one_at_a_time)
    except PlannerError as e:
        return error_page(request, e.text(web.t.lang), 409, session)
    with db.write() as conn:
        conn.execute("UPDATE web_jobs SET published_version = ? WHERE id = ?",
                     (result.version, job.id))
    if result.unchanged:
        notice = web.t("publish.unchanged", version=result.version)
    else:
        notice = web.t("publish.done", version=result.version, new=result.new,
                       moved=result.moved, removed=result.removed, feeds=result.feeds)
    return _versions(request, web, db, session, notice=notice, job=jobs.get_job(db, job.id))


def _versions(request: Request, web: Web, db: StateDB, session: auth.Session,
              notice: str = "", job: jobs.Job | None = None) -> Response:
    rows = db.conn.execute("SELECT version, published_at, rollback_of FROM versions "
                           "ORDER BY version DESC").fetchall()
    current = db.meta("current_version")
    listed = [{"version": r[0], "at": _when(r[1]), "rollback_of": r[2],
               "current": str(r[0]) == current} for r in rows]
    return render(request, "versions.html", session=session, versions=listed, notice=notice,
                  job=job)


@guarded()
async def versions(request: Request, web: Web, db: StateDB, session: auth.Session,
                   form: Any) -> Response:
    return _versions(request, web, db, session)


@guarded()
async def rollback(request: Request, web: Web, db: StateDB, session: auth.Session,
                   form: Any) -> Response:
    from planner.calendars.publish import rollback as do_rollback

    row = db.conn.execute("SELECT id FROM web_jobs WHERE status = 'done' "
                          "ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return error_page(request, web.t("versions.none"), 409, session)
    outputs = jobs.job_dir(web.folder, row[0]) / "outputs"
    version = request.path_params["version"]

    def one_at_a_time():
        with web.publishing:
            return do_rollback(outputs, version, state_root=web.folder.parent)

    try:
        result = await run_in_threadpool(one_at_a_time)
    except PlannerError as e:
        return error_page(request, e.text(web.t.lang), 409, session)
    return _versions(request, web, db, session, notice=web.t(
        "versions.rolled_back", of=result.rollback_of or version, version=result.version))


# ----------------------------------------------------------------------------- departments

@guarded(office=False)
async def department(request: Request, web: Web, db: StateDB, session: auth.Session,
                     form: Any) -> Response:
    """A department's people, what the published plan gives them, and their feed links: for
    the office, and for that department's head only."""
    dept = request.path_params["dept"]
    if not session.user.office and session.user.department != dept:
        return error_page(request, web.t("error.forbidden"), 403, session)
    published = db.current_version()
    if published is None:
        return render(request, "department.html", session=session, name=dept, people=[],
                      feed=None, published=False)
    from planner.plan import Plan

    source = json.loads(published.source_json)
    names = {d["id"]: d["name"] for d in source.get("departments", [])}
    if dept not in names:
        return error_page(request, web.t("error.not_found"), 404, session)
    people = [p for p in source.get("people", []) if p.get("department") == dept]
    ids = {p["id"] for p in people}
    plan = Plan.from_json(published.plan_json)
    attends: Counter[str] = Counter()
    teaches: Counter[str] = Counter()
    for s in plan.sessions:
        teaches[s.speaker] += 1
        for a in s.attendees:
            if a in ids:
                attends[a] += 1
    rotations: dict[str, list[str]] = {}
    for r in plan.rotations:
        if r.staff in ids:
            rotations.setdefault(r.staff, []).append(
                f"{names.get(r.department, r.department)} {r.start[:7]}–{r.end[:7]}")
    links = _feed_links(web, db)
    rows = [{"name": p["name"], "attends": attends[p["id"]], "teaches": teaches[p["id"]],
             "rotations": "；".join(rotations.get(p["id"], [])),
             "link": links.get(("person", p["id"]), "")} for p in people]
    return render(request, "department.html", session=session, name=names[dept], people=rows,
                  feed=links.get(("department", dept), ""), published=True)


def _feed_links(web: Web, db: StateDB) -> dict[tuple[str, str], str]:
    """(kind, id) → https link, from the link list of the last published run (the links are
    kept only there: the database holds the tokens' hashes)."""
    import csv

    row = db.conn.execute("SELECT id FROM web_jobs WHERE published_version IS NOT NULL "
                          "ORDER BY published_version DESC LIMIT 1").fetchone()
    if row is None:
        return {}
    path = jobs.job_dir(web.folder, row[0]) / "outputs" / "feeds.csv"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        return {(r["kind"], r["id"]): r["https_url"] or r["file"] for r in csv.DictReader(f)}
