"""Reading the written summaries back the way a reader would: HTML tables by id, figures by
id, visible text; workbook sheets as typed rows."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any


class _Tables(HTMLParser):
    """Collects ``<table id=…>`` bodies as (row class, [cell text]) and ``id="fig-…"`` texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[tuple[str, list[str]]]] = {}
        self.figures: dict[str, str] = {}
        self._table: str | None = None
        self._in_body = False
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._figure: str | None = None
        self._text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        table_id = a.get("id")
        if tag == "table" and table_id:
            self._table = table_id
            self.tables[table_id] = []
        elif tag == "tbody" and self._table:
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._row = []
            self._row_class = a.get("class") or ""
        elif tag == "td" and self._row is not None:
            self._cell = []
        if (a.get("id") or "").startswith("fig-"):
            self._figure = a["id"]
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "td" and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table:
            self.tables[self._table].append((self._row_class, self._row))
            self._row = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "table":
            self._table = None
        elif tag == "div" and self._figure:
            self.figures[self._figure] = "".join(self._text)
            self._figure = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._figure:
            self._text.append(data)


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.parts.extend(v for k, v in attrs if k in ("title", "placeholder", "aria-label") and v)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def read_html(path: Path) -> tuple[dict[str, list[tuple[str, list[str]]]], dict[str, str]]:
    p = _Tables()
    p.feed(path.read_text(encoding="utf-8"))
    return p.tables, p.figures


def visible_text(path: Path) -> str:
    p = _VisibleText()
    p.feed(path.read_text(encoding="utf-8"))
    return "\n".join(p.parts)


def sheet_rows(ws: Any) -> list[list[Any]]:
    """A worksheet's rows below the header, as values."""
    return [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
