"""The web app over HTTP (Starlette's test client on the real app, real SQLite, the real
loader): logging in and out, the login limit, CSRF and cross-site posts, what a department head
may not see or do, uploads refused at the door or failing the checks changing nothing, a server
restart failing the run it interrupted, one run at a time, cancelling, publishing twice at once.
"""

from __future__ import annotations

import io
import os
import shutil
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from planner.calendars.publish import publish
from planner.state import now_utc, utc_text
from planner.web import jobs
from planner.web.app import create_app
from planner.web.db import open_web
from planner.web.uploads import Checked, record_upload
from tests.conftest import EXAMPLE
from tests.web.conftest import CLERK, HEAD, HEAD_DEPT, edited, log_in, make_hospital


@pytest.fixture(scope="module")
def hospital(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_hospital(tmp_path_factory.mktemp("web-state"))


@pytest.fixture
def client(hospital: Path) -> Iterator[TestClient]:
    with TestClient(create_app(hospital), base_url="http://testserver") as c:
        yield c


def uploads_count(folder: Path) -> tuple[int, int | None]:
    """(uploads recorded, the current input set's upload id)."""
    db = open_web(folder)
    try:
        count = db.conn.execute("SELECT count(*) FROM web_uploads").fetchone()[0]
        current = db.conn.execute("SELECT max(id) FROM web_uploads WHERE result = 'ok'"
                                  ).fetchone()[0]
        return count, current
    finally:
        db.close()


def send(client: TestClient, csrf: str, name: str, data: bytes) -> httpx.Response:
    return client.post("/uploads", data={"csrf": csrf}, files={"file": (name, data)})


# ----------------------------------------------------------------------------- logging in

def test_pages_need_a_login_and_the_session_cookie_is_guarded(client: TestClient) -> None:
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"
    assert client.head("/", follow_redirects=False).headers["location"] == "/login"
    wrong = client.post("/login", data={"name": CLERK[0], "password": "not it"})
    assert wrong.status_code == 401 and "用户名或密码不对" in wrong.text
    nobody = client.post("/login", data={"name": "nobody", "password": "not it"})
    assert nobody.status_code == 401 and "用户名或密码不对" in nobody.text  # the same words
    response = client.post("/login", data={"name": CLERK[0], "password": CLERK[1]},
                           follow_redirects=False)
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" not in cookie
    page = client.get("/")
    assert "上传输入工作簿" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["referrer-policy"] == "same-origin"
    csrf = log_in(client, CLERK)
    out = client.post("/logout", data={"csrf": csrf})
    assert "已退出登录" in out.text
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"


def test_behind_https_the_cookie_is_secure(hospital: Path) -> None:
    with TestClient(create_app(hospital), base_url="https://testserver") as c:
        response = c.post("/login", data={"name": CLERK[0], "password": CLERK[1]},
                          follow_redirects=False)
    assert "secure" in response.headers["set-cookie"].lower()


def test_failed_logins_are_limited_per_name(hospital: Path, client: TestClient) -> None:
    db = open_web(hospital)
    from planner.web.auth import add_user

    add_user(db, "guessed", "the right password", "office", None)
    db.close()
    for _ in range(5):
        assert client.post("/login", data={"name": "guessed", "password": "wrong"}
                           ).status_code == 401
    refused = client.post("/login", data={"name": "guessed", "password": "the right password"})
    assert refused.status_code == 429
    assert "登录失败次数太多" in refused.text and "分钟后再试" in refused.text
    assert "planner_session" not in refused.headers.get("set-cookie", "")
    log_in(client, CLERK)  # another name is not held up


# ----------------------------------------------------------------------------- CSRF

def test_a_post_without_the_forms_token_or_from_another_site_is_refused(
        hospital: Path, client: TestClient, example_book: bytes) -> None:
    csrf = log_in(client, CLERK)
    before = uploads_count(hospital)
    missing = client.post("/uploads", files={"file": ("example.xlsx", example_book)})
    wrong = send(client, "x" * 43, "example.xlsx", example_book)
    foreign = client.post("/uploads", data={"csrf": csrf},
                          files={"file": ("example.xlsx", example_book)},
                          headers={"Origin": "https://evil.example"})
    for response in (missing, wrong, foreign):
        assert response.status_code == 403 and "表单已过期" in response.text
    assert uploads_count(hospital) == before
    logged_out = TestClient(create_app(hospital))
    assert logged_out.post("/logout", data={"csrf": csrf}).status_code == 403


# ----------------------------------------------------------------------------- uploads

def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_a_zipped_csv_folder_is_checked_like_a_workbook(hospital: Path,
                                                        client: TestClient) -> None:
    csrf = log_in(client, CLERK)
    folder = {f"example/{p.name}": p.read_bytes() for p in EXAMPLE.iterdir() if p.is_file()}
    response = send(client, csrf, "example.zip", zipped(folder))
    assert response.status_code == 200 and "输入检查通过" in response.text


def bomb(megabytes: int = 120) -> bytes:
    """A zipped CSV folder whose staff.csv unpacks to ``megabytes`` of zeros (a few hundred kB
    zipped)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("plan.yaml", b"language: zh\n")
        with z.open("staff.csv", "w") as member:
            zeros = bytes(1 << 20)
            for _ in range(megabytes):
                member.write(zeros)
    return buffer.getvalue()


@pytest.mark.parametrize("case", ["garbage", "huge", "bomb", "climb", "formula", "empty"])
def test_bad_uploads_get_a_clear_message_and_change_nothing(
        case: str, hospital: Path, client: TestClient, example_book: bytes,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    csrf = log_in(client, CLERK)
    send(client, csrf, "example.xlsx", example_book)  # the current inputs, checked
    count, current = uploads_count(hospital)
    if case == "garbage":
        data, expected = os.urandom(20 * 1024 * 1024), "只接受 .xlsx 工作簿或 CSV 文件夹的 .zip"
    elif case == "huge":  # refused by its Content-Length, before a byte of it is read
        data, expected = bytes(26_000_000), "文件太大（上限 25 MB）"
    elif case == "bomb":
        data, expected = bomb(), "压缩包解开后超过 100 MB"
    elif case == "climb":
        data, expected = zipped({"example/plan.yaml": b"language: zh\n",
                                 "../../escaped.csv": b"id\n"}), "不安全"
    elif case == "formula":
        data = edited(example_book, "staff", 2, "name", "=HYPERLINK(\"http://x\",\"潘萍琴\")")
        expected = "不能是公式"
    else:
        data, expected = b"", "没有选择文件"
    monkeypatch.chdir(tmp_path)  # where a path climbing out of an unpacked folder would land
    response = send(client, csrf, "upload.xlsx", data)
    assert expected in response.text
    assert "Traceback" not in response.text
    after_count, after_current = uploads_count(hospital)
    assert after_current == current  # the current inputs are as they were
    assert after_count == count + (case != "huge")  # the attempt is on record, if read
    assert not list(tmp_path.rglob("escaped.csv"))
    if case == "formula":  # the checks ran: the table says where
        page = client.get(response.url.path)
        assert "staff" in page.text and "<td>2</td>" in page.text and "name" in page.text
    else:
        assert response.status_code == (413 if case == "huge" else 400)
        assert "当前输入和已发布的计划都未作改动" in response.text
        db = open_web(hospital)
        kept = db.conn.execute("SELECT data FROM web_uploads ORDER BY id DESC LIMIT 1"
                               ).fetchone()[0]
        db.close()
        assert kept is None or case == "huge"  # refused bytes are not kept


# ----------------------------------------------------------------------------- jobs

def add_job(folder: Path, status: str, pid: int | None = None) -> int:
    """A job row as a run would leave it, for an upload that passed (one is recorded first
    when there is none)."""
    db = open_web(folder)
    try:
        user = db.conn.execute("SELECT id FROM web_users WHERE name = ?", (CLERK[0],)
                               ).fetchone()[0]
        if db.conn.execute("SELECT max(id) FROM web_uploads WHERE result = 'ok'"
                           ).fetchone()[0] is None:
            record_upload(db, user, "example.xlsx", b"PK", Checked("xlsx", "ok"))
        with db.write() as conn:
            upload = conn.execute("SELECT max(id) FROM web_uploads WHERE result = 'ok'"
                                  ).fetchone()[0]
            return int(conn.execute(
                "INSERT INTO web_jobs(upload_id, user_id, status, created_at, finished_at, pid) "
                "VALUES (?, ?, ?, ?, ?, ?)", (upload, user, status, utc_text(now_utc()),
                                              utc_text(now_utc()), pid)).lastrowid or 0)
    finally:
        db.close()


def test_a_server_restart_fails_the_run_it_interrupted(hospital: Path,
                                                       example_book: bytes) -> None:
    with TestClient(create_app(hospital)) as c:
        send(c, log_in(c, CLERK), "example.xlsx", example_book)
    job = add_job(hospital, "running", pid=2**22 + 12345)  # no such worker any more
    with TestClient(create_app(hospital)) as c:  # the server starts again
        log_in(c, CLERK)
        page = c.get(f"/jobs/{job}")
        assert 'data-status="failed"' in page.text
        assert "服务在编排过程中重新启动" in page.text and "未发布任何内容" in page.text
        assert c.get(f"/jobs/{job}/publish").status_code == 404  # nothing to publish


def test_one_run_at_a_time_and_a_run_can_be_cancelled(hospital: Path, client: TestClient,
                                                     example_book: bytes) -> None:
    csrf = log_in(client, CLERK)
    upload = send(client, csrf, "example.xlsx", example_book).url.path
    started = client.post(f"{upload}/plan", data={"csrf": csrf})
    job = int(started.url.path.rsplit("/", 1)[1])
    second = client.post(f"{upload}/plan", data={"csrf": csrf})
    assert second.status_code == 409 and f"第 {job} 次" in second.text
    db = open_web(hospital)
    pid = jobs.get_job(db, job).pid
    db.close()
    cancelled = client.post(f"/jobs/{job}/cancel", data={"csrf": csrf})
    assert 'data-status="cancelled"' in cancelled.text
    assert gone(pid)  # the worker's process group was told to stop


def gone(pid: int) -> bool:
    """The process has ended (waited for: its end is what is tested, not how soon)."""
    for _ in range(1200):
        if not Path(f"/proc/{pid}").exists():
            return True
        time.sleep(0.05)
    return False


def test_a_restart_stops_the_running_worker_and_offers_nothing(hospital: Path,
                                                             example_book: bytes) -> None:
    with TestClient(create_app(hospital)) as c:
        csrf = log_in(c, CLERK)
        upload = send(c, csrf, "example.xlsx", example_book).url.path
        job = int(c.post(f"{upload}/plan", data={"csrf": csrf}).url.path.rsplit("/", 1)[1])
    db = open_web(hospital)
    pid = jobs.get_job(db, job).pid
    db.close()
    with TestClient(create_app(hospital)) as c:  # the server starts again mid-run
        log_in(c, CLERK)
        assert 'data-status="failed"' in c.get(f"/jobs/{job}").text
        assert c.get(f"/jobs/{job}/publish").status_code == 404
        assert c.get(f"/jobs/{job}/feeds.xlsx").status_code == 404
    assert gone(pid)


@pytest.fixture(scope="module")
def published(hospital: Path, planned_example: Path) -> int:
    """A finished run whose outputs are the session's planned example (no second solve)."""
    job = add_job(hospital, "done")
    shutil.copytree(planned_example, jobs.job_dir(hospital, job) / "outputs")
    return job


def test_two_clerks_publishing_at_once_queue(hospital: Path, published: int) -> None:
    answers: list[str] = []

    def clerk() -> None:
        with TestClient(create_app(hospital)) as c:
            csrf = log_in(c, CLERK)
            answers.append(c.post(f"/jobs/{published}/publish", data={"csrf": csrf}).text)

    threads = [threading.Thread(target=clerk) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    db = open_web(hospital)
    assert db.version_numbers() == [1]
    db.close()
    assert sum("已发布第 1 版" in a for a in answers) == 1
    assert sum("与已发布的第 1 版相同" in a for a in answers) == 1
    with TestClient(create_app(hospital)) as c:  # rolling back to what is published already
        csrf = log_in(c, CLERK)
        same = c.post("/versions/1/rollback", data={"csrf": csrf})
        assert same.status_code == 409 and "无需回退" in same.text
        assert "没有这一已发布版本" in c.post("/versions/9/rollback", data={"csrf": csrf}).text


# ----------------------------------------------------------------------------- roles

def test_a_department_head_reads_their_department_only(hospital: Path, published: int,
                                                       planned_example: Path) -> None:
    if not open_web(hospital).version_numbers():
        publish(planned_example, state_root=hospital.parent)
    with TestClient(create_app(hospital)) as c:
        csrf = log_in(c, HEAD)
        assert c.get("/", follow_redirects=False).headers["location"] == \
            f"/departments/{HEAD_DEPT}"
        own = c.get(f"/departments/{HEAD_DEPT}")
        assert own.status_code == 200 and "闫月月" in own.text and "赵静" not in own.text
        for path in ("/departments/WK", "/versions", f"/jobs/{published}",
                     f"/jobs/{published}/events",
                     f"/jobs/{published}/feeds.xlsx", f"/jobs/{published}/summary.html",
                     "/uploads/1"):
            response = c.get(path)
            assert response.status_code == 403, path
            assert "赵静" not in response.text and "您没有查看或操作此页面的权限" in response.text
        for path in ("/uploads/1/plan", f"/jobs/{published}/publish", "/versions/1/rollback"):
            assert c.post(path, data={"csrf": csrf}).status_code == 403, path
        db = open_web(hospital)
        running = db.conn.execute("SELECT count(*) FROM web_jobs WHERE status IN "
                                  "('queued', 'running')").fetchone()[0]
        db.close()
        assert running == 0


def test_users_add_on_the_command_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner, Result

    from planner.cli import app
    from planner.web.auth import find_user

    def add(*args: str, password: str) -> Result:
        return CliRunner().invoke(app, ["users", "add", *args, "--hospital", "h1",
                                        "--password-stdin", "--state", str(tmp_path)],
                                  input=password + "\n")

    assert add("wang", "--role", "department", "--dept", "NK",
               password="a long password").exit_code == 0
    short = add("li", password="short")
    assert short.exit_code == 1 and "密码至少 8 个字符" in short.output
    no_dept = add("zhao", "--role", "department", password="a long password")
    assert no_dept.exit_code == 1 and "--dept" in no_dept.output
    db = open_web(tmp_path / "h1")
    user = find_user(db, "wang")
    db.close()
    assert user is not None and user.role == "department" and user.department == "NK"
