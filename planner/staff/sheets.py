"""Sign-in sheets to print: per session its title, time, room, speaker, the attendees' names
with a column to sign, and the QR code of its signed sign-in link (:mod:`planner.staff.signin`).

The sheets are made from the *published* plan (the link names the published version) and need
the plan's ``public_base_url``: a phone must reach the server the link points to. The paper
sheet still works as before: the office types the signatures into ``attendance_records.csv``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import segno
from markupsafe import Markup

from planner.atomic import write_bytes
from planner.calendars.publish import open_for
from planner.calendars.source import FeedSource
from planner.errors import Both, PlannerError
from planner.plan import Plan
from planner.snapshot import load_snapshot
from planner.staff import db as staffdb
from planner.staff import signin
from planner.staff.labels import TEXT, labels_for
from planner.staff.routes import render

SHEETS_FILE = "sign-in-sheets.html"


def _both(key: str, **values: object) -> Both:
    zh, en = TEXT[key]
    return Both(zh.format(**values), en.format(**values))


def write_sheets(outputs: Path, *, sessions: list[str] | None = None, since: dt.date | None = None,
                 target: Path | None = None, state_root: Path | None = None) -> tuple[Path, int]:
    """One sheet per session (those named, else every session on or after ``since``, by
    default all), written as one HTML file to print; returns (path, sheets)."""
    db = open_for(outputs, state_root)
    try:
        with db.read():
            current = db.current_version()
        if current is None:
            raise PlannerError(Both("尚未发布计划：签到表只能按已发布的计划打印",
                                    "nothing published yet: sign-in sheets follow the "
                                    "published plan"))
        key = staffdb.signing_key(db)
    finally:
        db.close()
    plan, source = Plan.from_json(current.plan_json), FeedSource.from_json(current.source_json)
    minutes = load_snapshot(current.inputs_json).settings.sign_in_minutes \
        if current.inputs_json else 30
    t = labels_for(source.language)
    if not source.public_base_url:
        raise PlannerError(_both("sheet.no_base"))
    chosen = [s for s in plan.sessions if (s.id in sessions if sessions else
                                           since is None or s.date >= since.isoformat())]
    if sessions and len(chosen) < len(set(sessions)):
        missing = sorted(set(sessions) - {s.id for s in chosen})
        raise PlannerError(_both("sheet.none", ids=", ".join(missing)))
    tz = ZoneInfo(source.timezone)
    sheets = []
    for s in sorted(chosen, key=lambda s: (s.start, s.id)):
        code = signin.make_code(key, s, current.version, minutes)
        url = f"{source.public_base_url}/sign-in/{code}"
        opens, closes = signin.window(s, minutes)
        start = dt.datetime.fromisoformat(s.start).astimezone(tz)
        end = dt.datetime.fromisoformat(s.end).astimezone(tz)
        people = []
        for pid in s.attendees:
            p = source.person(pid)
            people.append((p.name, source.department_name(p.department)) if p else (pid, ""))
        speaker = s.speaker[4:] if s.speaker.startswith("ext:") else \
            (source.person(s.speaker).name if source.person(s.speaker) else "")
        sheets.append({
            "title": f"{s.title} — {s.topic}" if s.topic and s.topic != s.title else s.title,
            "when": f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}", "room": source.room_name(s.room),
            "speaker": speaker, "people": people, "url": url,
            "opens": f"{opens.astimezone(tz):%H:%M}", "closes": f"{closes.astimezone(tz):%H:%M}",
            # segno's SVG of our own URL: markup we made, not text from the inputs
            "qr": Markup(segno.make(url, error="m").svg_inline(scale=4)),
        })
    path = target or outputs / SHEETS_FILE
    write_bytes(path, render("sheets.html", t=t, lang=t.lang, sheets=sheets).encode("utf-8"))
    return path, len(sheets)
