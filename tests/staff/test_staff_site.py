"""A person's page and QR sign-in on the real feed server (uvicorn in a thread, a clock the test
sets), spoken to over HTTP with httpx and seen in Debian's Chromium at a phone's size
(screenshots in tests/artifacts/staff-*.png)."""

from __future__ import annotations

import csv
import datetime as dt
import http.client
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from planner.calendars.publish import publish
from planner.calendars.server import FeedStore, create_app
from planner.calendars.source import feed_source
from planner.plan import QuotaRow
from planner.staff import db as staffdb
from planner.staff.labels import labels_for
from planner.staff.routes import render
from planner.staff.sheets import write_sheets
from planner.staff.view import build_view
from planner.state import open_state, state_dir, state_dir_override
from tests.calendars import builders
from tests.calendars.conftest import write_outputs
from tests.conftest import run_cli
from tests.staff.test_notify import free_port

CST = dt.timezone(dt.timedelta(hours=8))
T1 = dt.datetime(2027, 2, 1, 9, 0, tzinfo=dt.timezone.utc)
#: QY#1.1 runs 16:30–18:00 on 2027-03-02 (builders); sign-in stays open 30 minutes after
DURING = dt.datetime(2027, 3, 2, 17, 0, tzinfo=CST)
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PHONE = {"width": 390, "height": 844}


@dataclass
class Site:
    base: str
    outputs: Path
    state: Path
    clock: list[dt.datetime]

    def token(self, ident: str, kind: str = "person") -> str:
        with open(self.outputs / "feeds.csv", encoding="utf-8-sig") as f:
            row = next(r for r in csv.DictReader(f) if r["id"] == ident and r["kind"] == kind)
        return row["https_url"].rsplit("/", 1)[1].removesuffix(".ics")

    def sign_in_path(self, session: str) -> str:
        """The path of the session's QR link, as printed on its sheet."""
        path, _ = write_sheets(self.outputs, sessions=[session], state_root=self.state,
                               target=self.outputs / f"sheet-{session}.html")
        url = re.search(r'https://cme\.example\.cn(/sign-in/[^"<\s]+)',
                        path.read_text("utf-8"))
        assert url is not None, "the sheet carries its link"
        return url.group(1)


def plan_with_quotas():  # noqa: ANN201
    """builders' plan with a quota table, as the solver would write it."""
    return replace(builders.plan(), quotas=[
        QuotaRow("S002", "lecture", 6.0, 1.5, 4.5, 0.0),
        QuotaRow("S002", "ethics", 24.0, 0.0, 6.0, 18.0, "capacity"),
        QuotaRow("S002", "credits-total", 25.0, 3.0, 2.5, 19.5, "capacity"),
    ])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("staff-site")
    state = root / "state"
    reset = state_dir_override.set(state)
    try:
        outputs = write_outputs(root / "outputs", builders.problem(), plan_with_quotas())
    finally:
        state_dir_override.reset(reset)
    publish(outputs, state_root=state, at=T1)
    clock = [DURING]
    store = FeedStore(state_dir("tiny", state))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store, clock=lambda: clock[0]),
                                           host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.05)
    try:
        yield Site(base, outputs, state, clock)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


@pytest.fixture()
def now(site: Site) -> Iterator[list[dt.datetime]]:
    yield site.clock
    site.clock[0] = DURING


def raw_get(site: Site, path: str) -> int:
    conn = http.client.HTTPConnection(site.base.removeprefix("http://"), timeout=10)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


def sign_ins(site: Site) -> list[tuple[str, str, str]]:
    db = open_state(state_dir("tiny", site.state), create=False)
    try:
        return staffdb.sign_ins(db)
    finally:
        db.close()


# --- the page -------------------------------------------------------------------------------------

def test_the_token_opens_its_own_page_and_nothing_else(site: Site) -> None:
    page = httpx.get(f"{site.base}/me/{site.token('S002')}")
    assert page.status_code == 200
    text = page.text
    assert "李娜（内科）" in text and "截至 2027-03-02" in text
    assert "全院业务学习 — 急性胸痛的规范化诊治" in text and "主讲：王建国" in text
    assert "网络课程截止：医德医风网络课程" in text
    # the quota table split at today: history 1.5 h done; today's session and the rest planned
    assert "已完成 1.5 / 已安排 4.5 / 要求 6 学时" in text
    assert "已完成 3 / 已安排 2.5 / 要求 25 学分" in text
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "no-store" in page.headers["cache-control"]
    assert "default-src 'none'" in page.headers["content-security-policy"]
    # the subscribe buttons point at this person's own feed
    token = site.token("S002")
    assert f'href="webcal://cme.example.cn/feeds/{token}.ics"' in text
    assert "calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fcme.example.cn%2Ffeeds%2F" \
        in text
    assert ("outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Fcme.example.cn"
            f"%2Ffeeds%2F{token}") in text
    # nobody else's page: a room's token, a made-up one, a traversal, an encoded form (sent
    # as typed: an HTTP client would normalise them)
    for path in (f"/me/{site.token('R1', 'room')}", "/me/" + "A" * 32, "/me/../feeds",
                 f"/me/{token}/../x", f"/me%2F{token}", f"/me/{token}%2Fcertificate",
                 f"/me/{token}/certificate/", f"/me/{token}x"):
        assert raw_get(site, path) == 404, path
    # other people appear only as the speaker of a session (刘洋's teach-back), never as
    # fellow attendees (张伟 attends QY#1.1 too)
    assert "主讲：刘洋" in text and "张伟" not in text


def test_a_leave_request_lands_in_the_offices_queue_and_stays_private(site: Site) -> None:
    token = site.token("S003")
    sent = httpx.post(f"{site.base}/me/{token}/leave",
                      data={"start": "2027-04-01", "end": "2027-04-03",
                            "reason": "<b>胃镜检查</b>"})
    assert sent.status_code == 200
    assert "已提交：2027-04-01 至 2027-04-03，等待科教科处理。" in sent.text
    assert "&lt;b&gt;胃镜检查&lt;/b&gt;" in sent.text and "<b>胃镜" not in sent.text
    db = open_state(state_dir("tiny", site.state), create=False)
    try:
        queue = staffdb.leave_requests(db)
    finally:
        db.close()
    assert [(r.staff_id, r.start, r.end, r.reason, r.status) for r in queue] == [
        ("S003", "2027-04-01", "2027-04-03", "<b>胃镜检查</b>", "open")]
    assert "胃镜" not in httpx.get(f"{site.base}/me/{site.token('S002')}").text
    # the office answers; the person's page shows it
    db = open_state(state_dir("tiny", site.state), create=False)
    try:
        assert staffdb.set_leave_status(db, queue[0].id, "accepted")
    finally:
        db.close()
    assert "2027-04-01 至 2027-04-03 · &lt;b&gt;胃镜检查&lt;/b&gt; · 已接受" in \
        httpx.get(f"{site.base}/me/{token}").text
    bad = httpx.post(f"{site.base}/me/{token}/leave", data={"start": "2027-04-05",
                                                           "end": "2027-04-01"})
    assert "请填写开始和结束日期" in bad.text
    assert httpx.get(f"{site.base}/me/{token}/leave").status_code == 405


# --- QR sign-in -------------------------------------------------------------------------------

def test_a_scan_signs_in_the_person_whose_page_the_phone_holds(site: Site, now) -> None:  # noqa: ANN001
    path = site.sign_in_path("QY#1.1")
    anonymous = httpx.get(site.base + path)
    assert anonymous.status_code == 403 and "请先在本手机上打开您的个人培训页面" in anonymous.text
    with httpx.Client(base_url=site.base) as phone:
        assert phone.get(f"/me/{site.token('S003')}").status_code == 200  # sets the cookie
        confirm = phone.get(path)
        assert confirm.status_code == 200 and "张伟，确认签到：" in confirm.text
        assert sign_ins(site) == []  # looking is not signing
        done = phone.post(path)
        assert done.status_code == 200 and "张伟，已签到：全院业务学习 — 急性胸痛的规范化诊治" \
            in done.text
        again = phone.post(path)
        assert "您已签到过" in again.text
    assert sign_ins(site) == [("S003", "QY#1.1", "2027-03-02")]


def test_forged_expired_early_and_other_session_codes_are_refused(site: Site, now) -> None:  # noqa: ANN001
    path = site.sign_in_path("QY#1.1")
    other = site.sign_in_path("QY#1.2")  # Thursday's session
    with httpx.Client(base_url=site.base) as phone:
        phone.get(f"/me/{site.token('S002')}")
        sid, version, expires, sig = path.removeprefix("/sign-in/").split(".")
        o_sid, _, o_expires, _ = other.removeprefix("/sign-in/").split(".")
        forged = [
            f"/sign-in/{sid}.{version}.{expires}.{'A' * 32}",  # a made-up signature
            f"/sign-in/{o_sid}.{version}.{expires}.{sig}",  # another session, this signature
            f"/sign-in/{sid}.{version}.{int(expires) + 86400}.{sig}",  # a later expiry
            f"/sign-in/{sid}.{int(version) + 1}.{expires}.{sig}",
            "/sign-in/garbage",
        ]
        for bad in forged:
            answer = phone.post(bad)
            assert answer.status_code == 403 and "这个签到码无效" in answer.text, bad
        early = phone.post(other)
        assert early.status_code == 403 and "签到尚未开始" in early.text
        now[0] = dt.datetime(2027, 3, 2, 18, 31, tzinfo=CST)  # the end plus 31 minutes
        late = phone.post(path)
        assert late.status_code == 403 and "本场签到已结束（2027-03-02 18:30 截止）" in late.text
    assert ("S002", "QY#1.1", "2027-03-02") not in sign_ins(site)


def test_the_certificate_lists_what_the_ledger_records(site: Site, now) -> None:  # noqa: ANN001
    now[0] = dt.datetime(2027, 3, 20, 9, 0, tzinfo=CST)
    page = httpx.get(f"{site.base}/me/{site.token('S003')}/certificate")
    assert page.status_code == 200
    text = page.text
    assert "继续医学教育学分证明" in text
    assert "兹证明 张伟（内科）截至 2027-03-20 在示例医院参加继续医学教育情况如下：" in text
    rows = re.findall(r'<tr class="entry"><td>([^<]+)</td><td>([^<]+)</td><td>([^<]+)</td>'
                      r'<td>([^<]+)</td><td>([^<]+)</td><td>([^<]*)</td></tr>', text)
    assert rows == [
        ("2027-03-02", "全院业务学习 — 急性胸痛的规范化诊治", "参加", "1.5", "0.5", "II"),
        ("2027-03-16", "全院业务学习 — 院感防控", "参加", "1.5", "0.5", "II")]
    assert "合计：3 学时，1 学分" in text


# --- in a browser, at a phone's size ---------------------------------------------------------

@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def test_the_page_on_a_phone(site: Site, browser: Any, now) -> None:  # noqa: ANN001
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: None if r.url.startswith(site.base) else outside.append(r.url))
    page.goto(f"{site.base}/me/{site.token('S002')}", wait_until="load")
    # fits the phone: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    bars = page.locator(".quota .bar .done")
    assert bars.count() == 3
    widths = [bars.nth(i).bounding_box()["width"] for i in range(3)]
    assert widths[0] > 0 and widths[1] == 0  # lecture half done, ethics not begun
    assert page.locator("#webcal").is_visible() and page.locator("#google").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "staff-page.png"), full_page=True)
    now[0] = dt.datetime(2027, 3, 20, 9, 0, tzinfo=CST)  # three of hers held by then
    page.click("#certificate")
    page.wait_for_load_state("load")
    assert "学分证明" in page.title() and page.locator("tr.entry").count() == 3
    page.screenshot(path=str(ARTIFACTS / "staff-certificate.png"), full_page=True)
    now[0] = DURING
    # the sign-in, as the phone does it: the page has set the cookie
    page.goto(site.base + site.sign_in_path("QY#1.1"), wait_until="load")
    assert "李娜，确认签到：" in page.content()
    page.screenshot(path=str(ARTIFACTS / "staff-sign-in.png"), full_page=True)
    page.click("#sign")
    page.wait_for_load_state("load")
    assert "李娜，已签到" in page.content()
    assert errors == [] and outside == []
    context.close()


def test_planner_sheets_prints_the_published_sessions(site: Site) -> None:
    target = site.outputs / "sheets.html"
    result = run_cli("sheets", site.outputs, "--since", "2027-03-04", "--to", target,
                     "--state", site.state)
    assert result.exit_code == 0, result.output
    assert f"已写出 4 张签到表：{target}" in result.output
    html = target.read_text("utf-8")
    assert html.count('<section class="sheet">') == 4 and html.count("<svg") == 4
    assert "签到表：全院业务学习 — 急性胸痛的规范化诊治" in html and "<td>李娜</td>" in html
    missing = run_cli("sheets", site.outputs, "--session", "XX#9.9", "--state", site.state)
    assert missing.exit_code == 1 and "已发布的计划中没有这些场次：XX#9.9" in missing.output


def test_the_page_in_english(site: Site) -> None:
    problem = builders.problem("en")
    t = labels_for("en")
    view = build_view("S002", plan_with_quotas(), feed_source(problem), problem, [],
                      dt.date(2027, 3, 2), t)
    links = {k: "#" for k in ("webcal", "google", "outlook", "certificate", "leave")}
    html = render("staff.html", v=view, t=t, message="", requests=[], links=links)
    for words in ("Coming up", "Hours and credits", "done 1.5 / planned 4.5 / required 6 h",
                  "Subscribe", "Leave request", "speaker 王建国"):
        assert words in html, words
    assert not re.search(r"接下来|学时与学分|订阅日历|请假申请", html)
