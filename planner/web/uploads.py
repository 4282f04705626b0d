"""Uploaded input sets: refused at the door, or checked by the planner's own loader and kept.

Every upload is recorded with who and when. What is refused before the loader sees it — too
large, not an .xlsx or a zip at all, a zip that unpacks to far more than any input set (a zip
bomb), a zip with a path that could climb out of its folder (``..``, ``/etc/…``, ``\\``) — is
recorded without its bytes. Everything else is checked exactly as ``planner validate`` checks
it (:func:`planner.inputs.load_problem` on a copy named after the hospital) and kept with its
bytes, so a version can be planned later; only an upload that passes becomes the hospital's
current inputs. Nothing a refused or failing upload holds changes anything else.

A zip is unpacked member by member with a running count of the bytes actually written: the
sizes a zip declares may lie.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from planner.errors import InputError, PlannerError
from planner.state import StateDB, now_utc, utc_text
from planner.web.labels import Labels

MAX_UPLOAD_BYTES = 25_000_000  # a 3,000-staff hospital's workbook is some 2 MB
MAX_UNPACKED_BYTES = 100_000_000
MAX_MEMBERS = 200
_CHUNK = 1 << 16


@dataclass
class Checked:
    """The outcome of one upload's checks, as stored in ``web_uploads``."""

    kind: str  # "xlsx", "zip" or "unknown"
    result: str  # "ok", "invalid", "refused"
    issues: list[dict[str, object]] = field(default_factory=list)
    summary: str = ""
    refused: str = ""  # the message of a refused upload

    def as_json(self) -> str:
        return json.dumps({"issues": self.issues, "summary": self.summary,
                           "refused": self.refused}, ensure_ascii=False)


class Refused(Exception):
    """The upload is not an input set the loader should see; the message says why."""


def kind_of(data: bytes, t: Labels) -> tuple[str, zipfile.ZipFile]:
    """("xlsx" | "zip", the open archive), or :class:`Refused`."""
    if not data.startswith(b"PK\x03\x04"):
        raise Refused(t("refused.kind"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Refused(t("refused.zip")) from None
    if len(members) > MAX_MEMBERS:
        raise Refused(t("refused.members", most=MAX_MEMBERS))
    for info in members:
        if not _safe_name(info.filename):
            raise Refused(t("refused.path", path=info.filename[:200]))
    if sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
        raise Refused(t("refused.bomb", most=MAX_UNPACKED_BYTES // 1_000_000))
    names = {info.filename for info in members}
    if "xl/workbook.xml" in names:
        return "xlsx", archive
    if any(PurePosixPath(n).name == "plan.yaml" for n in names):
        return "zip", archive
    raise Refused(t("refused.no_plan_yaml"))


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (bool(name) and "\\" not in name and "\x00" not in name and not path.is_absolute()
            and ".." not in path.parts and ":" not in path.parts[0])


def materialise(data: bytes, kind: str, folder: Path, hospital: str, t: Labels) -> Path:
    """Write the input set into ``folder`` under the hospital's name (the loader names a plan
    after its file or folder) and return its path."""
    if kind == "xlsx":
        path = folder / f"{hospital}.xlsx"
        path.write_bytes(data)
        return path
    _, archive = kind_of(data, t)
    yaml_dirs = sorted({str(PurePosixPath(i.filename).parent) for i in archive.infolist()
                        if PurePosixPath(i.filename).name == "plan.yaml"}, key=len)
    root = PurePosixPath(yaml_dirs[0])  # the folder the CSV tables sit in
    target = folder / hospital
    target.mkdir()
    written = 0
    for info in archive.infolist():
        member = PurePosixPath(info.filename)
        if info.is_dir() or member.parent != root:
            continue  # only the files of the input folder itself
        with archive.open(info) as src, open(target / member.name, "wb") as dst:
            while chunk := src.read(_CHUNK):
                written += len(chunk)
                if written > MAX_UNPACKED_BYTES:
                    raise Refused(t("refused.bomb", most=MAX_UNPACKED_BYTES // 1_000_000))
                dst.write(chunk)
    return target


def check_upload(data: bytes, hospital: str, t: Labels) -> Checked:
    """Refuse, or run the planner's own checks on ``data``."""
    from planner.inputs import load_problem
    from planner.summary import input_summary
    from planner.workdays import build_calendar

    if not data:
        return Checked("unknown", "refused", refused=t("refused.empty"))
    if len(data) > MAX_UPLOAD_BYTES:
        return Checked("unknown", "refused",
                       refused=t("refused.too_big", most=MAX_UPLOAD_BYTES // 1_000_000))
    try:
        kind, _ = kind_of(data, t)
    except Refused as e:
        return Checked("unknown", "refused", refused=str(e))
    work = Path(tempfile.mkdtemp(prefix="planner-web-check-"))
    try:
        try:
            path = materialise(data, kind, work, hospital, t)
        except Refused as e:
            return Checked(kind, "refused", refused=str(e))
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):  # RuntimeError: encrypted
            return Checked(kind, "refused", refused=t("refused.zip"))
        try:
            problem = load_problem(path, language=t.lang)
            calendar = build_calendar(problem.settings, problem.holidays)
        except InputError as e:
            return Checked(kind, "invalid", issues=[_issue_row(i, t.lang) for i in e.issues])
        except PlannerError as e:
            return Checked(kind, "invalid", issues=[{
                "file": path.name, "row": None, "column": None, "value": None,
                "expected": e.text(t.lang), "fix": ""}])
        return Checked(kind, "ok", summary=input_summary(problem, calendar))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _issue_row(issue, lang: str) -> dict[str, object]:
    from planner.inputs.words import hint_of, render

    hint = hint_of(issue)
    message = issue.message if isinstance(issue.message, str) else render(issue.message, lang)
    return {"file": issue.file, "row": issue.row, "column": issue.column, "value": issue.value,
            "expected": message, "fix": "" if hint is None else render(hint, lang)}


def record_upload(db: StateDB, user_id: int, filename: str, data: bytes,
                  checked: Checked) -> int:
    """The upload as a new row; its bytes only when they are an input set at all."""
    keep = None if checked.result == "refused" else data
    with db.write() as conn:
        cursor = conn.execute(
            "INSERT INTO web_uploads(user_id, uploaded_at, filename, kind, size, sha256, data, "
            "result, issues_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (user_id, utc_text(now_utc()), _shown_name(filename), checked.kind, len(data),
             hashlib.sha256(data).hexdigest(), keep, checked.result, checked.as_json()))
        return int(cursor.lastrowid or 0)


def _shown_name(filename: str) -> str:
    """The file's own name, without any folder a browser sent, shortened."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip() or "upload"
    return name[:120]
