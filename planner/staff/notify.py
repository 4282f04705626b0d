"""``planner notify OUTPUTS``: each changed person's notice by e-mail, a summary to WeCom.

The messages are ``changes.csv`` as ``planner plan`` wrote it after a re-plan — one row per
person, their changes together, neutral causes (:mod:`planner.changes.personal`) — so what is
sent is exactly what the office could read before sending. Nothing else is composed here.

* **SMTP**: ``notify:`` in plan.yaml (kept in the outputs' inputs snapshot) gives host, port,
  security (``ssl`` / ``starttls`` / ``none``), user and sender; each can be overridden by the
  environment (``PLANNER_SMTP_HOST``, ``_PORT``, ``_SECURITY``, ``_USER``, ``_SENDER``); the
  password is read from ``PLANNER_SMTP_PASSWORD`` only, never from a file in the inputs.
* **Sent log** (``staff_sent`` in the state database): a notice is identified by the SHA-256 of
  person, subject and text, so a second run sends nobody the same notice twice; a failure is
  recorded with its error, listed, and tried again on the next run.
* **WeCom** (企业微信) group robot: one summary per changes.csv — how many people, per
  department; never a name or a cause — POSTed as JSON to ``notify: wecom_webhook`` (or
  ``PLANNER_WECOM_WEBHOOK``), logged like a message.
* ``--dry-run``: the messages as .eml files in ``OUTPUTS/notices/`` (written atomically; no Date
  or Message-ID, so the same changes give the same files); nothing sent, nothing logged.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import smtplib
import ssl
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from pathlib import Path

from planner.atomic import staged_dir, write_bytes
from planner.calendars.publish import open_for, read_draft
from planner.changes.notices import CSV_FILE
from planner.domain import NotifySettings
from planner.errors import Both, PlannerError
from planner.snapshot import SNAPSHOT_FILE, load_snapshot
from planner.staff import db as staffdb
from planner.staff.labels import TEXT, Labels, labels_for

NOTICES_DIR = "notices"
WECOM = "@wecom"  # the sent log's "person" for the group summary
_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")
_PORTS = {"ssl": 465, "starttls": 587, "none": 25}
TIMEOUT_S = 20.0
#: delivery setting → the environment variable that overrides it
ENVIRONMENT = {"smtp_host": "PLANNER_SMTP_HOST", "smtp_security": "PLANNER_SMTP_SECURITY",
               "smtp_user": "PLANNER_SMTP_USER", "sender": "PLANNER_SMTP_SENDER",
               "wecom_webhook": "PLANNER_WECOM_WEBHOOK"}


@dataclass(frozen=True)
class Notice:
    staff_id: str
    name: str
    department: str
    email: str
    subject: str
    body: str

    @property
    def digest(self) -> str:
        return hashlib.sha256("\n".join((self.staff_id, self.subject, self.body))
                              .encode("utf-8")).hexdigest()


@dataclass
class NotifyReport:
    """What a run did, for the command line to say."""

    language: str
    sent: list[Notice] = field(default_factory=list)
    already: list[Notice] = field(default_factory=list)
    no_email: list[Notice] = field(default_factory=list)
    failed: list[tuple[Notice, str]] = field(default_factory=list)
    written: Path | None = None  # --dry-run: the folder of .eml files
    wecom: str = ""  # "sent", "failed: <error>", or "" (none configured, or sent before)

    def lines(self) -> list[str]:
        t = labels_for(self.language)
        if self.written is not None:
            out = [t("notify.dry_run", count=len(self.sent), folder=self.written)]
        else:
            out = [t("notify.sent", sent=len(self.sent))]
        if self.already:
            out.append(t("notify.already", count=len(self.already)))
        if self.no_email:
            out.append(t("notify.no_email", count=len(self.no_email),
                         names=t("list.sep").join(n.name for n in self.no_email)))
        if self.failed:
            out.append(t("notify.failed", count=len(self.failed)))
            out += [t("notify.failure", name=n.name, address=n.email, error=e)
                    for n, e in self.failed]
        if self.wecom == "sent":
            out.append(t("notify.wecom_sent"))
        elif self.wecom:
            out.append(t("notify.wecom_failed", error=self.wecom.removeprefix("failed: ")))
        return out


def _both(key: str, **values: object) -> Both:
    zh, en = TEXT[key]
    return Both(zh.format(**values), en.format(**values))


def _plain(cell: str) -> str:
    """A cell as written before ``changes.csv`` neutralised it for spreadsheets (a leading
    apostrophe before ``=``, ``+``, ``-``, ``@``)."""
    if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return cell[1:]
    return cell


def read_notices(outputs: Path) -> list[Notice]:
    path = outputs / CSV_FILE
    if not path.is_file():
        raise PlannerError(_both("notify.no_changes", outputs=outputs))
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    need = ("staff_id", "name", "department", "email", "subject", "notice")
    header = rows[0].keys() if rows else need
    for column in need:
        if column not in header:
            raise PlannerError(_both("notify.bad_csv", path=path, column=column))
    return [Notice(*(_plain(r[c] or "") for c in need)) for r in rows]


def _settings(outputs: Path, env: Mapping[str, str]) -> tuple[NotifySettings, str, str, str]:
    """(delivery settings with the environment applied, hospital, language, password)."""
    source = read_draft(outputs).source
    snapshot = outputs / SNAPSHOT_FILE
    settings = load_snapshot(snapshot.read_bytes()).settings.notify \
        if snapshot.is_file() else NotifySettings()
    overrides: dict[str, object] = {}
    for name, variable in ENVIRONMENT.items():
        value = env.get(variable, "").strip()
        if value:
            overrides[name] = value.casefold() if name == "smtp_security" else value
    if overrides.get("smtp_security", "starttls") not in _PORTS:
        raise PlannerError(_both("notify.bad_security", value=overrides["smtp_security"]))
    port = env.get("PLANNER_SMTP_PORT")
    if port:
        if not port.strip().isdigit() or not 0 < int(port) < 65536:
            raise PlannerError(_both("notify.bad_port", value=port))
        overrides["smtp_port"] = int(port)
    return replace(settings, **overrides), source.hospital, source.language, \
        env.get("PLANNER_SMTP_PASSWORD", "")


def message(notice: Notice, sender: str, *, stamped: bool = True) -> EmailMessage:
    """The e-mail of one notice (plain text, UTF-8; headers encoded by the library, which
    refuses line breaks in them)."""
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = notice.email
    msg["Subject"] = notice.subject
    if stamped:
        msg["Date"] = formatdate(usegmt=True)
        msg["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip(" >") or None)
    msg.set_content(notice.body)
    return msg


def _safe_name(staff_id: str, index: int) -> str:
    return f"{index:04d}-{re.sub(r'[^A-Za-z0-9_-]', '_', staff_id)[:40]}.eml"


def _connect(settings: NotifySettings, user: str, password: str) -> smtplib.SMTP:
    security = settings.smtp_security
    port = settings.smtp_port or _PORTS.get(security, 587)
    if security == "ssl":
        conn: smtplib.SMTP = smtplib.SMTP_SSL(settings.smtp_host, port, timeout=TIMEOUT_S,
                                              context=ssl.create_default_context())
    else:
        conn = smtplib.SMTP(settings.smtp_host, port, timeout=TIMEOUT_S)
        if security == "starttls":
            conn.starttls(context=ssl.create_default_context())
    if user:
        conn.login(user, password)
    return conn


def wecom_text(notices: list[Notice], hospital: str, t: Labels) -> str:
    """How many people, per department — no names, no causes (the group is many people)."""
    by_dep: dict[str, int] = {}
    for n in notices:
        by_dep[n.department or "—"] = by_dep.get(n.department or "—", 0) + 1
    listed = t("list.sep").join(t("notify.wecom_department", department=d, count=c)
                                for d, c in sorted(by_dep.items()))
    return t("notify.wecom_text", hospital=hospital, people=len(notices),
             departments=t("notify.wecom_departments", list=listed) if listed else "")


def post_wecom(url: str, text: str) -> None:
    """POST the robot's text message; raise OSError with the robot's answer when refused."""
    if not url.startswith(("https://", "http://")):
        raise OSError("webhook is not an http(s) address")
    body = json.dumps({"msgtype": "text", "text": {"content": text}},
                      ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310
        answer = response.read(10_000)
    try:
        code = json.loads(answer).get("errcode", 0)
    except (ValueError, AttributeError):
        code = 0
    if code:
        raise OSError(f"errcode {code}: {answer[:200].decode('utf-8', 'replace')}")


def notify(outputs: Path, *, state_root: Path | None = None, dry_run: bool = False,
           env: Mapping[str, str] | None = None) -> NotifyReport:
    env = os.environ if env is None else env
    notices = read_notices(outputs)
    settings, hospital, language, password = _settings(outputs, env)
    t = labels_for(language)
    report = NotifyReport(language)
    deliverable = []
    for n in notices:
        (deliverable if n.email and _ADDRESS.fullmatch(n.email) else report.no_email).append(n)
    if dry_run:
        sender = settings.sender or "cme@localhost"
        target = outputs / NOTICES_DIR
        with staged_dir(target) as stage:
            for i, n in enumerate(deliverable, 1):
                write_bytes(stage / _safe_name(n.staff_id, i),
                            message(n, sender, stamped=False).as_bytes())
        report.sent, report.written = deliverable, target
        return report
    if not settings.smtp_host and deliverable:
        raise PlannerError(_both("notify.no_server"))
    if not settings.sender and deliverable:
        raise PlannerError(_both("notify.no_sender"))
    db = open_for(outputs, state_root)
    try:
        log = staffdb.sent_log(db)
        todo = []
        for n in deliverable:
            seen = log.get((n.staff_id, n.digest))
            (report.already if seen and seen.status == staffdb.SENT else todo).append(n)
        if todo:
            _send_all(db, todo, settings, password, report)
        if settings.wecom_webhook and notices:
            text = wecom_text(notices, hospital, t)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            seen = log.get((WECOM, digest))
            if not (seen and seen.status == staffdb.SENT):
                try:
                    post_wecom(settings.wecom_webhook, text)
                except (OSError, urllib.error.URLError, ValueError) as e:
                    report.wecom = f"failed: {e}"
                    staffdb.record_sent(db, WECOM, digest, "wecom", str(e) or type(e).__name__)
                else:
                    report.wecom = "sent"
                    staffdb.record_sent(db, WECOM, digest, "wecom")
    finally:
        db.close()
    return report


def _send_all(db: staffdb.StateDB, todo: list[Notice], settings: NotifySettings,
              password: str, report: NotifyReport) -> None:
    try:
        conn = _connect(settings, settings.smtp_user, password)
    except (OSError, smtplib.SMTPException) as e:
        for n in todo:
            error = str(e) or type(e).__name__
            report.failed.append((n, error))
            staffdb.record_sent(db, n.staff_id, n.digest, n.email, error)
        return
    try:
        for n in todo:
            try:
                refused = conn.send_message(message(n, settings.sender))
            except (OSError, smtplib.SMTPException, ValueError) as e:
                error = _smtp_error(e)
            else:
                error = "; ".join(_smtp_error(v) for v in refused.values()) if refused else ""
            if error:
                report.failed.append((n, error))
            else:
                report.sent.append(n)
            staffdb.record_sent(db, n.staff_id, n.digest, n.email, error)
    finally:
        try:
            conn.quit()
        except (OSError, smtplib.SMTPException):
            conn.close()


def _smtp_error(e: object) -> str:
    if isinstance(e, smtplib.SMTPRecipientsRefused):
        return "; ".join(_smtp_error(v) for v in e.recipients.values())
    if isinstance(e, smtplib.SMTPResponseException):
        return f"{e.smtp_code} {e.smtp_error.decode('utf-8', 'replace')}"
    if isinstance(e, tuple) and len(e) == 2:
        code, text = e
        return f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"
    return str(e) or type(e).__name__
