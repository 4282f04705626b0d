"""The link lists the office mail-merges: ``feeds.csv`` and ``feeds.xlsx``.

One row per feed — every person first (id, name, department, e-mail), then departments, rooms
and the whole hospital — with both link forms: ``webcal://`` subscribes on Apple devices,
``https://`` is what Google and Outlook on the web need. Both files hold the secret links, so
they are written readable by their owner only.

Spreadsheet safety: the CSV prefixes text that Excel would run as a formula with ``'``; the
workbook stores every text cell as a string (never a formula) and the links as real hyperlink
cells.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from planner.atomic import write_bytes
from planner.calendars import keys
from planner.calendars.labels import Labels
from planner.calendars.source import FeedSource
from planner.calendars.text import clean_text
from planner.errors import PlannerError

MAX_URL = 256  # Google Calendar refuses longer subscription URLs
HEADER = ["kind", "id", "name", "department", "email", "https_url", "webcal_url", "file"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass(frozen=True)
class FeedLink:
    kind: str
    id: str
    name: str
    department: str
    email: str
    https_url: str
    webcal_url: str
    file: str

    def row(self) -> list[str]:
        return [self.kind, self.id, self.name, self.department, self.email, self.https_url,
                self.webcal_url, self.file]


def feed_url(base: str, token: str) -> tuple[str, str]:
    """(https URL, webcal URL) of a token's feed under the public base URL."""
    if not base:
        return "", ""
    https = f"{base.rstrip('/')}/feeds/{token}.ics"
    webcal = "webcal://" + https.split("://", 1)[1]
    if len(https) > MAX_URL or len(webcal) > MAX_URL:
        raise PlannerError(
            f"public_base_url {base!r} makes feed links longer than {MAX_URL} characters, "
            "which Google Calendar refuses: use a shorter host name or path"
        )
    return https, webcal


def feed_links(source: FeedSource, tokens: dict[str, str],
               files: dict[str, str]) -> list[FeedLink]:
    rows: list[FeedLink] = []

    def add(feed_key: str, name: str, department: str = "", email: str = "") -> None:
        if feed_key not in tokens:
            return
        https, webcal = feed_url(source.public_base_url, tokens[feed_key])
        rows.append(FeedLink(keys.feed_kind(feed_key), keys.feed_id(feed_key), clean_text(name),
                             clean_text(department), clean_text(email), https, webcal,
                             files.get(feed_key, "")))

    for p in source.people:
        add(keys.person_feed(p.id), p.name, source.department_name(p.department), p.email)
    for d in source.departments:
        add(keys.department_feed(d.id), d.name)
    for r in source.rooms:
        add(keys.room_feed(r.id), r.name)
    add(keys.HOSPITAL, source.hospital)
    return rows


def _csv_safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def links_csv(links: list[FeedLink]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADER)
    for link in links:
        writer.writerow([_csv_safe(v) for v in link.row()])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def links_workbook(links: list[FeedLink], language: str = "zh") -> Workbook:
    """The link list as a workbook, its sheet, headings and kinds in the plan's language
    (English: the CSV's column names)."""
    t = Labels(language)
    wb = Workbook()
    ws = wb.active
    ws.title = t("feeds.sheet")
    ws.append([t(f"feeds.{h}") for h in HEADER])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    url_columns = {HEADER.index("https_url") + 1, HEADER.index("webcal_url") + 1}
    for r, link in enumerate(links, start=2):
        row = link.row()
        row[0] = t(f"feeds.kind.{link.kind}") if f"feeds.kind.{link.kind}" in t.table else link.kind
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            cell.value = value
            cell.data_type = "s"  # text, even when it looks like a formula
            if c in url_columns and value:
                cell.hyperlink = value
                cell.style = "Hyperlink"
    widths = [10, 12, 16, 16, 28, 72, 72, 30]
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A2"
    return wb


def write_link_lists(folder: Path, links: list[FeedLink], language: str = "zh") -> None:
    """``feeds.csv`` (English column names, for mail-merge templates) and ``feeds.xlsx`` (in
    the plan's ``language``) in ``folder``, owner-readable only (they hold secrets)."""
    from planner.inputs.export import save_workbook

    write_bytes(folder / "feeds.csv", links_csv(links))
    save_workbook(links_workbook(links, language), folder / "feeds.xlsx")
    for name in ("feeds.csv", "feeds.xlsx"):
        os.chmod(folder / name, 0o600)
