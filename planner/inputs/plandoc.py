"""Reading the plan settings document — ``plan.yaml`` or a workbook's ``plan`` (设置) sheet with
its ``slots``, ``quotas`` and ``rules`` sheets (时段, 学时要求, 全院规则) — into one nested mapping
that remembers the line (or sheet and row, and column) of every key, so a bad setting is
reported where the office typed it.

On the ``plan`` sheet a key is the dotted English key (``horizon.start``) or its Chinese name
(计划开始日期, :data:`planner.inputs.schema.PLAN_KEYS`). A list typed as YAML in one cell (the
older form) is still read; full-width punctuation in it (，：；（）) is read as half-width when
the cell does not read as it stands.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from planner.errors import Msg, msg
from planner.inputs import limits
from planner.inputs.cells import as_text
from planner.inputs.issues import Issues
from planner.inputs.schema import PLAN_KEYS, SETTING_TABLES
from planner.inputs.tables import Formula, decode_text, find_sheet, read_sheet, sheet_rows

# Settings whose value is plain text: taken literally from a sheet cell, never read as YAML
# (a hospital called "第二医院 #2" must not lose its "#2" to a YAML comment).
STRING_KEYS = frozenset({"hospital", "timezone", "language", "public_base_url"})
SHEET_HEADER = ("key", "value", "键", "设置", "设置项", "项目")
_KEYS_ZH = {name.casefold(): key for key, (name, _) in PLAN_KEYS.items()}

Path_ = tuple[str | int, ...]


@dataclass
class PlanDoc:
    label: str  # "plan.yaml" or "book.xlsx:plan"
    data: dict[str, Any]
    rows: dict[Path_, int] = field(default_factory=dict)  # key path → line / sheet row
    sheets: dict[Path_, str] = field(default_factory=dict)  # ("slots",) → "book.xlsx:时段"
    columns: dict[Path_, str] = field(default_factory=dict)  # ("slots", 0, "end") → "结束时间"
    keys: dict[Path_, str] = field(default_factory=dict)  # key path → the key as typed (中文)
    failed: set[str] = field(default_factory=set)  # settings that could not be read (reported)

    def where(self, path: Path_) -> int | None:
        """The line of the deepest known prefix of ``path`` (a list in one cell shares its row)."""
        for n in range(len(path), 0, -1):
            row = self.rows.get(tuple(path[:n]))
            if row is not None:
                return row
        return None

    def locate(self, path: Path_) -> tuple[str, int | None, str]:
        """(file or sheet, row, column) of a setting: a sheet row's column header, else the
        key as typed (dotted)."""
        label = next((self.sheets[path[:n]] for n in range(len(path), 0, -1)
                      if path[:n] in self.sheets), self.label)
        column = self.columns.get(path) or self.keys.get(path) or dotted(path)
        return label, self.where(path), column


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Refused(yaml.MarkedYAMLError):
    """Something the plan settings never need and an attacker would: an alias, deep nesting."""

    def __init__(self, mark: yaml.Mark, message: Msg):
        super().__init__(problem=message.render("en"), problem_mark=mark)
        self.message = message


class PlanLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` with three changes for settings typed by hand:

    * aliases (``*name``) are refused: plan settings never need them, and a few lines of them
      expand to billions of values (the "billion laughs" that took 6 GB);
    * lists and mappings nest at most :data:`limits.MAX_YAML_DEPTH` deep (100,000 ``[`` ended
      in a RecursionError);
    * a date that does not exist (``2027-02-30``) stays text, so the setting that holds it
      reports it at its line instead of the whole file failing.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 — PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(event.start_mark, msg("yaml.alias", anchor=event.anchor))
        self._depth += 1
        try:
            if self._depth > limits.MAX_YAML_DEPTH:
                mark = self.peek_event().start_mark
                raise _Refused(mark, msg("yaml.depth", most=limits.MAX_YAML_DEPTH))
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node, deep=False):  # noqa: ANN001, ANN201
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:  # e.g. !!int "x"
            raise yaml.constructor.ConstructorError(
                None, None, f"a value that cannot be read ({exc})", node.start_mark) from None

    def construct_yaml_timestamp(self, node):  # noqa: ANN001, ANN201
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


PlanLoader.add_constructor("tag:yaml.org,2002:timestamp", PlanLoader.construct_yaml_timestamp)


def load_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (with line marks) and the value of one YAML document, read once with
    :class:`PlanLoader`. Raises ``yaml.YAMLError`` for anything it cannot read."""
    loader = PlanLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        try:
            return node, loader.construct_document(node)
        except (ValueError, TypeError, OverflowError) as exc:  # e.g. !!int "x"
            raise yaml.YAMLError(f"a value that cannot be read ({exc})") from None
    finally:
        loader.dispose()


def _node_lines(node: yaml.Node, path: Path_, rows: dict[Path_, int],
                repeated: list[tuple[Path_, int, int]]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            sub = (*path, str(key_node.value))
            line = key_node.start_mark.line + 1
            if sub in rows:
                repeated.append((sub, line, rows[sub]))
            else:
                rows[sub] = line
            _node_lines(value_node, sub, rows, repeated)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            sub = (*path, index)
            rows[sub] = item.start_mark.line + 1
            _node_lines(item, sub, rows, repeated)


def _yaml_issue(
    label: str,
    exc: yaml.YAMLError,
    issues: Issues,
    row: int | None = None,
    column: str | None = None,
    value: object = None,
) -> None:
    mark = getattr(exc, "problem_mark", None)
    problem: object = getattr(exc, "message", None) or getattr(exc, "problem", None) or str(exc)
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None and row is None else row
    where: object = ""
    if mark is not None and context and context_mark is not None:
        where = msg("yaml.at.context", line=mark.line + 1, column=mark.column + 1,
                    context=context, begin=context_mark.line + 1)
    elif mark is not None:
        where = msg("yaml.at", line=mark.line + 1, column=mark.column + 1)
    hint = msg("yaml.cell.fix") if row is not None else msg("yaml.fix")
    issues.add(label, line, column, value, msg("yaml.valid", problem=problem, where=where), hint)


def read_plan_yaml(path: Path, issues: Issues) -> PlanDoc | None:
    label = path.name
    try:
        size = path.stat().st_size
        if size > limits.MAX_PLAN_BYTES:
            issues.add(label, None, None, None,
                       msg("plan.size", most=limits.MAX_PLAN_BYTES // 1000,
                           size=f"{size / 1000:,.0f}"))
            return None
        data = path.read_bytes()
    except OSError as exc:
        issues.add(label, None, None, None, msg("file.readable", error=str(exc.strerror or exc)))
        return None
    text = decode_text(data) if b"\x00" not in data else None
    if text is None:
        issues.add(label, None, None, None, msg("plan.yaml_text"))
        return None
    try:
        node, loaded = load_yaml(text)
    except yaml.YAMLError as exc:
        _yaml_issue(label, exc, issues)
        return None
    if not isinstance(loaded, dict):
        issues.add(label, None, None, None, msg("plan.mapping"))
        return None
    rows: dict[Path_, int] = {}
    repeated: list[tuple[Path_, int, int]] = []
    if node is not None:
        _node_lines(node, (), rows, repeated)
    for key, line, first in repeated:
        issues.add(label, line, dotted(key), None,
                   msg("plan.repeated", key=dotted(key), line=first))
    if repeated:
        return None
    return PlanDoc(label, {str(k): v for k, v in loaded.items()}, rows)


def _sheet_value(
    key: str, value: object, label: str, row: int, issues: Issues
) -> tuple[bool, object]:
    """A value cell: text keys literally, other text as YAML (lists, numbers), typed cells as is."""
    if isinstance(value, Formula):
        issues.add(label, row, key, value.text, msg("cell.formula"), msg("cell.formula.fix"))
        return False, None
    if isinstance(value, dt.datetime):
        return True, value.date() if value.time() == dt.time() else value
    if (
        not isinstance(value, str)
        or key.split(".")[-1] in STRING_KEYS
        or key.endswith("description")
    ):
        return True, value if not isinstance(value, str) else value.strip()
    narrow = half_width(value)
    if narrow != value:  # typed with a Chinese input method
        try:
            return True, load_yaml(narrow)[1]
        except yaml.YAMLError:
            pass
    try:
        return True, load_yaml(value)[1]
    except yaml.YAMLError as exc:
        _yaml_issue(label, exc, issues, row, key, value)
        return False, None


#: full-width punctuation that YAML reads as structure when typed next to half-width text
#: (``{id：a，weekday：tue}``); between Chinese characters (每月一次，全院) it is text and stays
_STRUCTURE = {"，": ",", "、": ",", "：": ":", "；": ";", "【": "[", "】": "]", "｛": "{",
              "｝": "}", "［": "[", "］": "]"}
_WIDE = re.compile("|".join(re.escape(c) for c in _STRUCTURE))


def half_width(text: str) -> str:
    """YAML typed with a Chinese input method: full-width punctuation next to half-width text as
    half-width (a colon gets the space YAML wants after it, except between digits: 16：30)."""
    def narrow(m: re.Match[str]) -> str:
        i, char = m.start(), m.group(0)
        before = text[i - 1] if i > 0 else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if not (before.isascii() and before.strip()) and not (after.isascii() and after.strip()):
            return char
        if char == "：":
            return ":" if before.isdigit() and after.isdigit() else ": "
        return _STRUCTURE[char]
    return _WIDE.sub(narrow, text)


def read_plan_sheet(ws: object, label: str, issues: Issues) -> PlanDoc | None:
    """``key | value`` rows with dotted keys (``horizon.start``) rebuilt into nested settings."""
    try:
        records = sheet_rows(ws)
    except Exception as exc:  # a damaged sheet must not end in a traceback
        issues.add(label, None, None, None,
                   msg("sheet.readable", error=f"{type(exc).__name__}: {exc}"))
        return None
    data: dict[str, Any] = {}
    rows: dict[Path_, int] = {}
    typed: dict[Path_, str] = {}
    failed: set[str] = set()
    for number, record in records:
        cells = (list(record) + [None, None])[:2]
        raw_key, raw_value = cells
        if isinstance(raw_key, Formula):
            issues.add(label, number, "key", raw_key.text, msg("cell.formula"),
                       msg("cell.formula.fix"))
            continue
        written = as_text(raw_key) if raw_key is not None else ""
        if not written or (number == 1 and written.casefold() in SHEET_HEADER):
            continue
        key = _KEYS_ZH.get(written.casefold(), written)
        if raw_value is None or (isinstance(raw_value, str) and not raw_value.strip()):
            continue  # a key left blank keeps its default
        ok, value = _sheet_value(key, raw_value, label, number, issues)
        if not ok:
            failed.add(key.split(".")[0])
            continue
        parts = tuple(p.strip() for p in key.split("."))
        if not _insert(data, parts, value):
            issues.add(label, number, written, written, msg("plan.repeated.sheet"))
            continue
        rows[parts] = number
        if written != key:
            typed[parts] = written
        for n in range(1, len(parts)):  # "horizn.start": an unknown "horizn" is on this row
            rows.setdefault(parts[:n], number)
    return PlanDoc(label, data, rows, keys=typed, failed=failed)


def read_setting_sheets(wb: object, book: str, doc: PlanDoc, issues: Issues) -> None:
    """The ``slots``, ``quotas`` and ``rules`` sheets (时段, 学时要求, 全院规则), one row each,
    into ``doc`` — where the same list on the ``plan`` sheet would clash with them."""
    for spec in SETTING_TABLES:
        table = read_sheet(wb, spec, book, issues)
        if table is None or table.broken:
            continue
        label = table.source
        ws = find_sheet(wb, (spec.name, spec.zh))
        if spec.name in doc.data:
            issues.add(doc.label, doc.where((spec.name,)), doc.keys.get((spec.name,), spec.name),
                       None, msg("plan.sheet_and_cell", key=spec.name, sheet=ws.title),  # type: ignore[attr-defined]
                       msg("plan.sheet_and_cell.fix", sheet=ws.title))  # type: ignore[attr-defined]
            continue
        items: list[dict[str, object]] = []
        key = spec.name
        doc.sheets[(key,)] = label
        doc.rows[(key,)] = 2
        for index, row in enumerate(table.rows):
            items.append({column: value for column, value in row.cells.items()
                          if value is not None})
            doc.rows[(key, index)] = row.number
            for column in row.cells:
                doc.rows[(key, index, column)] = row.number
                doc.columns[(key, index, column)] = table.headers[column]
        doc.data[key] = items


def _insert(data: dict[str, Any], parts: tuple[str, ...], value: object) -> bool:
    node = data
    for part in parts[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            return False
        node = child
    if parts[-1] in node:
        return False
    node[parts[-1]] = value
    return True


def flatten(data: dict[str, Any], prefix: str = "") -> list[tuple[str, object]]:
    """Nested settings as dotted ``(key, value)`` rows; lists stay whole (YAML in one cell)."""
    rows: list[tuple[str, object]] = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            rows.extend(flatten(value, name + "."))
        else:
            rows.append((name, value))
    return rows
