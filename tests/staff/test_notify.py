"""``planner notify``: notices through a real local SMTP server (aiosmtpd) and parsed back, the
sent log (nobody gets a notice twice; failures retried), ``--dry-run`` .eml files, and the WeCom
group summary through a local HTTP server."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from planner.calendars.publish import publish
from planner.changes import write_change_notices
from planner.domain import NotifySettings, Unavailability
from tests.calendars import builders
from tests.calendars.conftest import write_outputs
from tests.conftest import run_cli

SICK = Unavailability("staff", "S001", dt.date(2027, 3, 1), dt.date(2027, 3, 5), "病假（腰椎手术）")
SENDER = "科教科 <cme@example.cn>"


def body(message: email.message.EmailMessage) -> str:
    """The text as written (the wire's CRLF line ends read back as line breaks)."""
    return message.get_content().replace("\r\n", "\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Mailbox:
    """An aiosmtpd handler: keeps what it accepts, refuses the addresses in ``refuse``."""

    messages: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: ANN001, ANN201, N802
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def parsed(self) -> dict[str, email.message.EmailMessage]:
        return {rcpt[0]: email.message_from_bytes(raw, policy=email.policy.default)
                for _, rcpt, raw in self.messages}


@pytest.fixture(scope="module")
def smtp() -> Iterator[tuple[Mailbox, int]]:
    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


@dataclass
class Robot:
    """A WeCom group robot: records each POST, answers ``errcode``."""

    posts: list[dict] = field(default_factory=list)
    errcode: int = 0


@pytest.fixture(scope="module")
def robot() -> Iterator[tuple[Robot, str]]:
    state = Robot()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.posts.append(json.loads(body))
            answer = json.dumps({"errcode": state.errcode, "errmsg": "ok"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}/cgi-bin/webhook/send?key=k"
    finally:
        server.shutdown()
        server.server_close()


def outputs(folder: Path, state: Path, port: int, language: str = "zh") -> Path:
    """A re-plan's outputs (S001's sick leave moves QY#1.1), published state for the sent log;
    S001, S003 and S004 have addresses, S002's is not one."""
    old_inputs = builders.problem(language)
    staff = tuple(replace(s, email=f"{s.id.lower()}@example.cn") if s.id in ("S003", "S004")
                  else s for s in old_inputs.staff)
    old_inputs = replace(old_inputs, staff=staff)
    settings = replace(old_inputs.settings, notify=NotifySettings(
        smtp_host="127.0.0.1", smtp_port=port, smtp_security="none", sender=SENDER))
    new_inputs = replace(old_inputs, unavailability=(SICK,), settings=settings)
    old = builders.plan()
    new = builders.moved(old, "QY#1.1", dt.date(2027, 3, 9), room="R2")
    write_outputs(folder, new_inputs, new)
    write_change_notices(old, old_inputs, new_inputs, new, folder, version=1)
    publish(folder, state_root=state, at=dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc))
    return folder


@pytest.fixture()
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HOST", "PORT", "SECURITY", "USER", "SENDER", "PASSWORD"):
        monkeypatch.delenv(f"PLANNER_SMTP_{name}", raising=False)
    monkeypatch.delenv("PLANNER_WECOM_WEBHOOK", raising=False)


def test_notices_go_through_a_real_smtp_server_once(tmp_path: Path, smtp, clean_env) -> None:  # noqa: ANN001
    box, port = smtp
    box.messages.clear()
    out = outputs(tmp_path / "out", tmp_path / "state", port)
    result = run_cli("notify", out, "--state", tmp_path / "state")
    assert result.exit_code == 0, result.output
    assert "已发送 3 封通知" in result.output
    assert "1 人没有邮箱，未能通知：李娜" in result.output
    mail = box.parsed()
    assert set(mail) == {"s001@example.cn", "s003@example.cn", "s004@example.cn"}
    own = mail["s001@example.cn"]
    assert own["Subject"] == "【示例医院】培训安排变动通知（1 项）"
    assert own["From"] == SENDER and own["To"] == "s001@example.cn"
    assert body(own).startswith("王建国，您好：\n")
    assert "腰椎手术" in body(own)  # their own leave, to them
    for other in ("s003@example.cn", "s004@example.cn"):
        text = body(mail[other])
        assert "原因：时间调整、教室调整" in text
        assert "腰椎手术" not in text and "请假" not in text and "病假" not in text
    # again: nobody gets the same notice twice
    again = run_cli("notify", out, "--state", tmp_path / "state")
    assert again.exit_code == 0, again.output
    assert "已发送 0 封通知" in again.output and "3 人此前已收到同样的通知" in again.output
    assert len(box.messages) == 3


def test_a_refused_address_is_listed_and_retried_on_the_next_run(tmp_path: Path, smtp,  # noqa: ANN001
                                                                 clean_env) -> None:  # noqa: ANN001
    box, port = smtp
    box.messages.clear()
    out = outputs(tmp_path / "out", tmp_path / "state", port, language="en")
    box.refuse = {"s003@example.cn"}
    try:
        first = run_cli("notify", out, "--state", tmp_path / "state")
    finally:
        box.refuse = set()
    assert first.exit_code == 1
    assert "sent 2 notices" in first.output
    assert "1 notices could not be delivered (retried on the next 'planner notify'):" \
        in first.output
    assert "张伟 (s003@example.cn): 550 5.1.1 mailbox unavailable" in first.output
    second = run_cli("notify", out, "--state", tmp_path / "state")
    assert second.exit_code == 0, second.output
    assert "sent 1 notices" in second.output and "2 people already had this notice" \
        in second.output
    assert [rcpt for _, rcpt, _ in box.messages][-1] == ["s003@example.cn"]
    assert box.parsed()["s003@example.cn"]["Subject"] == \
        "示例医院: changes to your training schedule (1)"


def test_no_server_means_a_plain_message_and_nothing_sent(tmp_path: Path, clean_env,  # noqa: ANN001
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    out = outputs(tmp_path / "out", tmp_path / "state", 25)
    # the environment overrides plan.yaml: here it points at a port nobody listens on
    monkeypatch.setenv("PLANNER_SMTP_PORT", str(free_port()))
    result = run_cli("notify", out, "--state", tmp_path / "state")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "3 封未能送达" in result.output
    monkeypatch.setenv("PLANNER_SMTP_PORT", "many")
    result = run_cli("notify", out, "--state", tmp_path / "state")
    assert result.exit_code == 1
    assert "PLANNER_SMTP_PORT 应为 1–65535 的整数" in result.output


def test_dry_run_writes_eml_files_and_sends_nothing(tmp_path: Path, smtp, clean_env) -> None:  # noqa: ANN001
    box, port = smtp
    box.messages.clear()
    out = outputs(tmp_path / "out", tmp_path / "state", port)
    result = run_cli("notify", out, "--dry-run", "--state", tmp_path / "state")
    assert result.exit_code == 0, result.output
    assert "演练：3 封邮件写入" in result.output
    files = sorted((out / "notices").glob("*.eml"))
    assert [f.name for f in files] == ["0001-S001.eml", "0002-S003.eml", "0003-S004.eml"]
    first = {f.name: f.read_bytes() for f in files}
    parsed = email.message_from_bytes(first["0002-S003.eml"], policy=email.policy.default)
    assert parsed["To"] == "s003@example.cn" and "张伟，您好：" in body(parsed)
    run_cli("notify", out, "--dry-run", "--state", tmp_path / "state")
    assert {f.name: f.read_bytes() for f in (out / "notices").glob("*.eml")} == first
    assert box.messages == []
    # nothing logged: the real run sends all three
    assert "已发送 3 封通知" in run_cli("notify", out, "--state", tmp_path / "state").output


def test_one_wecom_summary_without_names_or_causes(tmp_path: Path, smtp, robot, clean_env,  # noqa: ANN001
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (_, port), (bot, url) = smtp, robot
    out = outputs(tmp_path / "out", tmp_path / "state", port)
    monkeypatch.setenv("PLANNER_WECOM_WEBHOOK", url)
    bot.errcode, bot.posts[:] = 93000, []
    failed = run_cli("notify", out, "--state", tmp_path / "state")
    assert failed.exit_code == 1 and "企业微信群汇总未能发送（下次重试）：errcode 93000" \
        in failed.output
    bot.errcode = 0
    result = run_cli("notify", out, "--state", tmp_path / "state")
    assert result.exit_code == 0, result.output
    assert "已发送企业微信群汇总" in result.output
    assert len(bot.posts) == 2 and bot.posts[-1]["msgtype"] == "text"
    text = bot.posts[-1]["text"]["content"]
    assert text == ("【示例医院】培训安排有变动：4 人的日程已调整，已逐一发送邮件通知。"
                    "涉及：内科 3 人、外科 1 人。已订阅的日历会自动更新。")
    run_cli("notify", out, "--state", tmp_path / "state")
    assert len(bot.posts) == 2  # the same summary is not posted twice
