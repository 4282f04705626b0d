"""Reading raw tables from a CSV folder or an .xlsx workbook, before any typing.

Both sources end up as the same :class:`RawTable` (cells keyed by the canonical column name,
rows numbered as the spreadsheet shows them), so everything downstream is source-agnostic.
Problems with the files themselves (unreadable, binary, empty, missing columns, formulas) become
issues here; the table is then marked ``broken`` so that later checks do not pile up noise.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from planner.errors import Msg, msg
from planner.inputs import limits
from planner.inputs.issues import Issues
from planner.inputs.schema import TABLES, Table

Numbered = Iterable[tuple[int, list[object]]]  # (spreadsheet row number, cells from column A)


@dataclass(frozen=True)
class Formula:
    """An Excel cell holding a formula; the loader reports it instead of guessing its value."""

    text: str


@dataclass
class RawRow:
    number: int  # 1-based spreadsheet row; the header is row 1
    cells: dict[str, object]  # canonical column → str / int / float / date / time / bool / Formula


@dataclass
class RawTable:
    spec: Table
    source: str  # "staff.csv" or "book.xlsx:staff"
    headers: dict[str, str] = field(default_factory=dict)  # canonical column → header as written
    rows: list[RawRow] = field(default_factory=list)
    broken: bool = False  # unreadable file or a required column missing

    def has(self, column: str) -> bool:
        return column in self.headers


def _norm(header: str) -> str:
    return header.strip().lstrip("\ufeff").strip().casefold().replace(" ", "_").replace("-", "_")


def _alias_map(spec: Table) -> dict[str, str]:
    return {_norm(alias): col.name for col in spec.columns for alias in col.aliases()}


def _clean(value: object) -> object:
    """Strip text, turn empty text into None; keep typed Excel values as they are."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def build_table(
    spec: Table, source: str, records: Iterable[list[object]] | Numbered, issues: Issues,
    numbered: bool = False,
) -> RawTable:
    """Map the header to canonical columns and keep non-empty rows with their row numbers.

    ``records`` are the rows from row 1 on, or (``numbered``) ``(row number, cells)`` pairs of
    the rows that hold anything, row 1 being the header."""
    table = RawTable(spec, source)
    it = iter(records) if numbered else enumerate(records, start=1)  # type: ignore[arg-type]
    first = next(it, None)
    header = first[1] if first is not None and first[0] == 1 else None  # row 1 is the header
    if header is None or all(_clean(h) is None for h in header):
        issues.add(source, None, None, None, msg("table.header", table=spec.name, zh=spec.zh))
        table.broken = True
        return table
    aliases = _alias_map(spec)
    positions: dict[str, int] = {}
    for index, raw in enumerate(header):
        text = _clean(raw)
        if not isinstance(text, str):
            continue
        canonical = aliases.get(_norm(text))
        if canonical is None:
            continue  # unknown columns are the office's own notes
        if canonical in positions:
            issues.add(source, 1, text, text, msg("table.column_once", column=canonical))
            continue
        positions[canonical] = index
        table.headers[canonical] = text
    for col in spec.columns:
        if col.required and col.name not in positions:
            issues.add(source, 1, col.name, None,
                       msg("table.column_missing", column=col.name, zh=col.zh or col.name))
            table.broken = True
    for number, record in it:
        cells = {
            name: _clean(record[i]) if i < len(record) else None for name, i in positions.items()
        }
        if any(v is not None for v in cells.values()):
            if len(table.rows) == limits.MAX_ROWS:
                issues.add(source, number, None, None, msg("table.rows", most=limits.MAX_ROWS))
                table.broken = True
                return table
            table.rows.append(RawRow(number, cells))
    return table


# --------------------------------------------------------------------------------- CSV folders


def decode_text(data: bytes) -> str | None:
    """UTF-8 (with or without BOM) first, then GB18030, a superset of the GBK that Chinese Excel
    writes; ``None`` when neither decodes."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read_csv_records(path: Path, label: str, issues: Issues) -> list[list[object]] | None:
    """The records of one CSV file, or ``None`` (with an issue) when it cannot be read as text."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        issues.add(label, None, None, None, msg("file.readable", error=str(exc.strerror or exc)))
        return None
    if not data.strip():
        issues.add(label, None, None, None, msg("csv.empty"))
        return None
    if len(data) > limits.MAX_TABLE_BYTES:
        issues.add(label, None, None, None,
                   msg("csv.size", most=limits.MAX_TABLE_BYTES // 1_000_000,
                       size=f"{len(data) / 1e6:,.0f}"))
        return None
    if b"\x00" in data or data.startswith(b"PK\x03\x04"):
        issues.add(label, None, None, None, msg("csv.binary"))
        return None
    text = decode_text(data)
    if text is None:
        issues.add(label, None, None, None, msg("csv.encoding"))
        return None
    try:
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as exc:
        issues.add(label, None, None, None, msg("csv.malformed", error=str(exc)))
        return None


def _find_file(folder: Path, spec: Table) -> Path | None:
    for stem in (spec.name, spec.zh):
        for candidate in (folder / f"{stem}.csv", folder / f"{stem}.CSV"):
            if candidate.is_file():
                return candidate
    return None


def read_folder_tables(folder: Path, issues: Issues) -> dict[str, RawTable]:
    tables: dict[str, RawTable] = {}
    for spec in TABLES:
        path = _find_file(folder, spec)
        if path is None:
            continue
        records = read_csv_records(path, path.name, issues)
        if records is None:
            tables[spec.name] = RawTable(spec, path.name, broken=True)
        else:
            tables[spec.name] = build_table(spec, path.name, records, issues)
    return tables


# --------------------------------------------------------------------------------- workbooks


def _cell_value(cell: object) -> object:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f" or (
        value is not None and not isinstance(value, (str, int, float, dt.date, dt.time, bool))
    ):
        return Formula(str(getattr(value, "text", value)))
    return value


def sheet_rows(ws: object) -> list[tuple[int, list[object]]]:
    """The rows of a worksheet that hold a cell, as ``(row number, values from column A)``, in
    order; at most :data:`limits.MAX_COLUMNS` columns are read.

    Only the cells the file stores are visited: one stray cell at ``XFD1048576`` must not make
    the loader walk the 17 billion empty cells of the rectangle up to it (``iter_rows`` does)."""
    cells = getattr(ws, "_cells", None)
    if not isinstance(cells, dict):  # not openpyxl's in-memory worksheet: walk it, bounded
        rows = ws.iter_rows(min_row=1, max_col=limits.MAX_COLUMNS,  # type: ignore[attr-defined]
                            max_row=limits.MAX_ROWS + 1)
        return [(n, [_cell_value(c) for c in row]) for n, row in enumerate(rows, start=1)]
    by_row: dict[int, dict[int, object]] = {}
    for (row, column), cell in cells.items():
        if column <= limits.MAX_COLUMNS:
            by_row.setdefault(row, {})[column] = cell
    out = []
    for row in sorted(by_row):
        present = by_row[row]
        values: list[object] = [None] * max(present)
        for column, cell in present.items():
            values[column - 1] = _cell_value(cell)
        out.append((row, values))
    return out


def sheet_records(ws: object) -> list[list[object]]:
    """All rows of a worksheet as lists of values, row 1 first (empty rows kept for numbering)."""
    rows = sheet_rows(ws)
    dense: list[list[object]] = [[] for _ in range(rows[-1][0])] if rows else []
    for number, values in rows:
        dense[number - 1] = values
    return dense


_MAX_UNPACKED = 10 * limits.MAX_TABLE_BYTES  # the XML inside a workbook, unpacked


def _workbook_too_big(path: Path) -> Msg | None:
    """Why the workbook is refused before opening it (``None``: it is not): too large a file,
    or a zip whose members unpack to far more than a real workbook holds (a zip bomb)."""
    import zipfile

    size = path.stat().st_size
    if size > limits.MAX_TABLE_BYTES:
        return msg("workbook.size", most=limits.MAX_TABLE_BYTES // 1_000_000,
                   size=f"{size / 1e6:,.0f}")
    try:
        with zipfile.ZipFile(path) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # openpyxl says what is wrong with it
    if unpacked > _MAX_UNPACKED:
        return msg("workbook.unpacked", most=_MAX_UNPACKED // 1_000_000,
                   size=f"{unpacked / 1e6:,.0f}")
    return None


def open_workbook(path: Path, issues: Issues) -> object | None:
    import openpyxl

    try:
        refused = _workbook_too_big(path)
    except OSError as exc:
        issues.add(path.name, None, None, None,
                   msg("file.readable", error=str(exc.strerror or exc)))
        return None
    if refused is not None:
        issues.add(path.name, None, None, None, refused)
        return None
    try:
        return openpyxl.load_workbook(path, data_only=False)
    except Exception as exc:  # any damage inside the zip shows up as a different exception type
        issues.add(path.name, None, None, None,
                   msg("workbook.bad", error=f"{type(exc).__name__}: {exc}"))
        return None


def find_sheet(wb: object, names: Iterable[str]) -> object | None:
    wanted = {n.strip().casefold() for n in names if n}
    for ws in wb.worksheets:  # type: ignore[attr-defined]
        if ws.title.strip().casefold() in wanted:
            return ws
    return None


def read_sheet(wb: object, spec: Table, book: str, issues: Issues) -> RawTable | None:
    """The sheet of ``wb`` for ``spec`` (its English or Chinese name), read into a table —
    broken, with the reason among ``issues``, when the sheet cannot be read; ``None`` when the
    workbook has no such sheet."""
    ws = find_sheet(wb, (spec.name, spec.zh))
    if ws is None:
        return None
    label = f"{book}:{ws.title}"  # type: ignore[attr-defined]
    try:
        records = sheet_rows(ws)
    except Exception as exc:  # a damaged sheet must not end in a traceback
        issues.add(label, None, None, None,
                   msg("sheet.readable", error=f"{type(exc).__name__}: {exc}"))
        return RawTable(spec, label, broken=True)
    return build_table(spec, label, records, issues, numbered=True)


def read_workbook_tables(wb: object, book: str, issues: Issues) -> dict[str, RawTable]:
    tables: dict[str, RawTable] = {}
    for spec in TABLES:
        table = read_sheet(wb, spec, book, issues)
        if table is not None:
            tables[spec.name] = table
    return tables
