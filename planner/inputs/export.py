"""Converting an input set between its two forms: a CSV folder with ``plan.yaml`` and one workbook.

In the workbook the lists of the settings — slots, quotas, rules — are sheets of one row each;
in ``plan.yaml`` they are YAML lists.

Offices that prefer Excel get the example as a workbook; tests use the pair to show that both
forms load to the same problem. Cells of numeric and date columns become real numbers and dates
in the workbook (so Excel sorts and filters them properly); text that starts with ``=`` stays
text, never a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import yaml

from planner.atomic import write_bytes
from planner.inputs.cells import CellError, parse_date, parse_float, parse_int
from planner.inputs.issues import Issues
from planner.inputs.plandoc import (
    STRING_KEYS,
    flatten,
    read_plan_sheet,
    read_plan_yaml,
    read_setting_sheets,
)
from planner.inputs.problem import PLAN_SHEET_NAMES
from planner.inputs.schema import DATE, FLOAT, INT, PLAN_SHEET, SETTING_TABLES, TABLES, Table
from planner.inputs.tables import (
    Formula,
    find_sheet,
    open_workbook,
    read_csv_records,
    sheet_records,
)


def _typed(kind: str, text: str) -> object:
    """The cell value a workbook should hold for ``text`` in a column of ``kind``."""
    parse = {
        INT: lambda v: parse_int(v, None),
        FLOAT: lambda v: parse_float(v, None),
        DATE: parse_date,
    }.get(kind)
    if parse is not None:
        try:
            return parse(text)
        except CellError:
            pass
    return text


def _kinds(spec: Table, header: list[object]) -> list[str]:
    by_alias = {
        alias.strip().casefold(): col.kind for col in spec.columns for alias in col.aliases()
    }
    return [
        by_alias.get(str(h or "").strip().lstrip("\ufeff").casefold().replace(" ", "_"), "text")
        for h in header
    ]


def _put(ws: Any, row: int, column: int, value: object) -> None:
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text that merely looks like a formula
        cell.quotePrefix = True
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"


def _plan_value(key: str, value: object) -> object:
    """A plan value as a cell: text literally, lists as one-line YAML, scalars as themselves."""
    if isinstance(value, (list, dict)):
        return yaml.safe_dump(
            value, allow_unicode=True, default_flow_style=True, width=10_000, sort_keys=False
        ).strip()
    if (
        isinstance(value, str)
        and key.split(".")[-1] not in STRING_KEYS
        and not key.endswith("description")
    ):
        try:
            loaded = yaml.safe_load(value)
        except yaml.YAMLError:
            loaded = None
        if isinstance(loaded, (dt.date, int, float)) and not isinstance(loaded, bool):
            return loaded  # "2027-01-01" as a real date cell, "3" as a number
        if loaded != value:
            return yaml.safe_dump(value, allow_unicode=True).strip().removesuffix("...").strip()
    return value


def write_plan_sheet(ws: Any, data: dict[str, Any]) -> None:
    ws.append(["key", "value"])
    for key, value in flatten(data):
        row = ws.max_row + 1
        _put(ws, row, 1, key)
        _put(ws, row, 2, _plan_value(key, value))


def write_workbook(folder: Path, out_xlsx: Path) -> None:
    """CSV folder + ``plan.yaml`` → one workbook (tables as sheets, settings on ``plan``)."""
    import openpyxl

    issues = Issues()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for spec in TABLES:
        path = folder / f"{spec.name}.csv"
        if not path.is_file():
            continue
        records = read_csv_records(path, path.name, issues)
        if not records:
            continue
        ws = wb.create_sheet(spec.name)
        kinds = _kinds(spec, records[0])
        for r, record in enumerate(records, start=1):
            for c, text in enumerate(record, start=1):
                text = str(text).strip()
                if text:
                    _put(ws, r, c, text if r == 1 or c > len(kinds) else _typed(kinds[c - 1], text))
    plan = (
        read_plan_yaml(folder / "plan.yaml", issues) if (folder / "plan.yaml").is_file() else None
    )
    issues.raise_if_any()
    if plan is not None:
        data = dict(plan.data)
        lists = {spec: data.pop(spec.name) for spec in SETTING_TABLES
                 if _rows_of_mappings(data.get(spec.name))}
        write_plan_sheet(wb.create_sheet(PLAN_SHEET), data)
        for spec, items in lists.items():
            write_setting_sheet(wb.create_sheet(spec.name), spec, items)
    save_workbook(wb, out_xlsx)


def _rows_of_mappings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def write_setting_sheet(ws: Any, spec: Table, items: list[dict[str, Any]]) -> None:
    """A list of the settings (slots, quotas, rules) as a sheet of one row each."""
    columns = [c.name for c in spec.columns if any(c.name in item for item in items)]
    ws.append(columns)
    for r, item in enumerate(items, start=2):
        for c, name in enumerate(columns, start=1):
            value = item.get(name)
            if isinstance(value, int) and not isinstance(value, bool) and name in ("start", "end"):
                value = f"{value // 60:02d}:{value % 60:02d}"  # YAML 1.1 read 16:30 as minutes
            if value is not None:
                _put(ws, r, c, value)


def save_workbook(wb: Any, path: Path) -> None:
    """Save atomically with fixed document dates, so the same content gives the same bytes."""
    fixed = dt.datetime(2000, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    buffer = io.BytesIO()
    wb.save(buffer)
    write_bytes(Path(path), _fixed_zip_times(buffer.getvalue()))


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fixed_zip_times(data: bytes) -> bytes:
    """openpyxl stamps the zip members and the document's "modified" date with the current
    time whatever the properties say; fix both so that the same content gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            member = src.read(info)
            if info.filename == "docProps/core.xml":
                member = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", member)
            dst.writestr(fixed, member)
    return out.getvalue()


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Formula):
        return value.text
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _yaml_value(value: object) -> object:
    """A cell of a settings sheet as plan.yaml holds it (times as text, the rest as read)."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    return value


def write_folder(xlsx: Path, out_dir: Path) -> None:
    """Workbook → CSV folder (UTF-8 with BOM, which Chinese Excel opens cleanly) + ``plan.yaml``."""
    issues = Issues()
    wb = open_workbook(Path(xlsx), issues)
    issues.raise_if_any()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for spec in TABLES:
        ws = find_sheet(wb, (spec.name, spec.zh))
        if ws is None:
            continue
        records = sheet_records(ws)
        while records and all(v is None for v in records[-1]):
            records.pop()
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        for record in records:
            writer.writerow([_csv_text(v) for v in record])
        write_bytes(out_dir / f"{spec.name}.csv", buffer.getvalue().encode("utf-8-sig"))
    sheet = find_sheet(wb, PLAN_SHEET_NAMES)
    if sheet is not None:
        plan = read_plan_sheet(sheet, f"{Path(xlsx).name}:{sheet.title}", issues)  # type: ignore[attr-defined]
        if plan is not None:
            read_setting_sheets(wb, Path(xlsx).name, plan, issues)
        issues.raise_if_any()
        assert plan is not None
        data = {key: [{k: _yaml_value(v) for k, v in item.items()} for item in value]
                if any(key == spec.name for spec in SETTING_TABLES) and isinstance(value, list)
                else value for key, value in plan.data.items()}
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        write_bytes(out_dir / "plan.yaml", text.encode("utf-8"))
