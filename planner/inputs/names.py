"""Names as references: a department, a room or a person may be named by their name where a
table asks for their id, and every unknown reference says what was probably meant.

The office types 内科 where the departments table says ``NK``, 王建国 where the staff table says
``S001``. Before a table is read, :func:`rename` turns the names in its reference columns (the
columns whose :attr:`~planner.inputs.schema.Column.refers` is set, and a few that depend on
another cell of the row) into ids, so every reader downstream sees ids only:

* an id is always itself (an id wins over a name that happens to be spelled like it);
* a name standing for one department, room or person becomes their id; a person's name may
  carry their department in brackets, half- or full-width — ``张伟（外科）``, ``张伟(WK)`` — to
  tell two people of one name apart;
* a name standing for several is reported here, with every candidate's id and department, and
  the row is left out without a second message (:class:`~planner.inputs.cells.Reported`);
* anything else is left as typed, for the reader to report as unknown — with the names and ids
  closest to it (:func:`suggestion`, from :mod:`difflib`) and the ones known.

Who filters (``dept=内科; title>=中级``, ``id=王建国,张伟``) are resolved the same way, once parsed
(:func:`resolve_who`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace

from planner.domain import Who
from planner.errors import Both, Msg, msg
from planner.inputs import enums
from planner.inputs.cells import Reported, as_text, parse_list
from planner.inputs.issues import Issues
from planner.inputs.tables import Formula, RawRow, RawTable

KINDS = ("department", "room", "staff")
_QUALIFIED = re.compile(r"(.+?)\s*[(（]\s*([^()（）]+?)\s*[)）]")
MAX_KNOWN = 10  # known ids listed in one message


def norm(text: str) -> str:
    """How names are compared: width (NFKC), case and spaces do not matter."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


class Ids(set[str]):
    """The ids of one table known so far, with the name of each (and a person's department),
    so that an unknown reference can say what was probably meant."""

    def __init__(self, items: Iterable[str] = (), names: dict[str, str] | None = None,
                 notes: dict[str, str] | None = None):
        super().__init__(items)
        self.names: dict[str, str] = dict(names or {})
        self.notes: dict[str, str] = dict(notes or {})  # a person's department name


@dataclass
class Directory:
    """What the names in the departments, rooms and staff tables stand for."""

    ids: dict[str, Ids] = field(default_factory=lambda: {k: Ids() for k in KINDS})
    by_name: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: {k: {} for k in KINDS})
    departments_of: dict[str, str] = field(default_factory=dict)  # staff id → department id

    def add(self, kind: str, ident: str, name: str, department: str = "") -> None:
        known = self.ids[kind]
        if not ident or ident in known:
            return
        known.add(ident)
        if name:
            known.names[ident] = name
            self.by_name[kind].setdefault(norm(name), []).append(ident)
        if department:
            self.departments_of[ident] = department
            known.notes[ident] = self.ids["department"].names.get(department, department)

    def resolve(self, kind: str, text: str) -> str | tuple[str, ...] | None:
        """The id ``text`` stands for; every candidate when it names several; ``None`` when
        it names none."""
        known = self.ids[kind]
        if text in known:
            return text
        found = self.by_name[kind].get(norm(text), [])
        if not found and kind == "staff" and (m := _QUALIFIED.fullmatch(text)):
            where = m[2]
            department = self.resolve("department", where)
            found = [i for i in self.by_name[kind].get(norm(m[1]), [])
                     if self.departments_of.get(i) in (where, department)]
        if len(found) == 1:
            return found[0]
        return tuple(found) if found else None

    def label(self, kind: str, ident: str) -> Both:
        """``内科（NK）`` / ``内科 (NK)``; a person with their department."""
        return _label(self.ids[kind], ident)


def _label(known: Collection[str], ident: str) -> Both:
    """An id with its name (and a person's department) where they are known."""
    if isinstance(known, Ids) and known.names.get(ident):
        name, note = known.names[ident], known.notes.get(ident, "")
        if note:
            return Both(f"{name}（{ident}，{note}）", f"{name} ({ident}, {note})")
        return Both(f"{name}（{ident}）", f"{name} ({ident})")
    return Both(ident, ident)


#: unknown references that get "did you mean …" per table: past it (a file of thousands of wrong
#: ids), the message lists the known ids only, so that reporting stays quick
MAX_SUGGESTED = 200


def _spellings(known: Collection[str]) -> dict[str, str]:
    """Every id and name of ``known`` (normalised) → its id; kept on an :class:`Ids`."""
    cached = getattr(known, "_spellings", None)
    if cached is not None:
        return cached
    spellings: dict[str, str] = {}
    for ident in sorted(known):
        spellings.setdefault(norm(ident), ident)
        if isinstance(known, Ids) and known.names.get(ident):
            spellings.setdefault(norm(known.names[ident]), ident)
    if isinstance(known, Ids):
        known._spellings = spellings  # type: ignore[attr-defined]
    return spellings


def close_to(text: str, known: Collection[str], most: int = 3) -> list[str]:
    """The known ids whose id or name is closest to ``text`` (``difflib``), best first: only
    the best and those nearly as good (王建 → 王建国, not also 王帆)."""
    spellings = _spellings(known)
    wanted = norm(text)
    matches = difflib.get_close_matches(wanted, list(spellings), n=most * 3, cutoff=0.5)
    if not matches:
        return []
    scored = sorted(((difflib.SequenceMatcher(None, wanted, m).ratio(), m) for m in matches),
                    key=lambda x: (-x[0], x[1]))
    out: list[str] = []
    for score, spelling in scored:
        if score < scored[0][0] - 0.1 or len(out) == most:
            break
        if spellings[spelling] not in out:
            out.append(spellings[spelling])
    return out


def suggestion(texts: Iterable[str], known: Collection[str]) -> Msg | None:
    """"Did you mean …? Known: …" for unknown references ``texts`` into ``known``."""
    if not known:
        return msg("ref.none_known")
    asked = getattr(known, "_asked", 0)
    close: list[str] = []
    if asked < MAX_SUGGESTED:
        for text in texts:
            close += [i for i in close_to(text, known) if i not in close]
        if isinstance(known, Ids):
            known._asked = asked + 1  # type: ignore[attr-defined]
    first = getattr(known, "_first", None)
    if first is None:
        first = tuple(_label(known, i) for i in sorted(known)[:MAX_KNOWN])
        if isinstance(known, Ids):
            known._first = first  # type: ignore[attr-defined]
    more = len(known) - len(first)
    known_words = msg("ref.known.more", known=first, count=len(known)) if more > 0 \
        else msg("ref.known", known=first)
    if close and more > 0:  # a long table: what comes closest is enough
        return msg("ref.suggest.only", close=tuple(_label(known, i) for i in close))
    if close:
        return msg("ref.suggest", close=tuple(_label(known, i) for i in close),
                   known=known_words)
    return known_words


def ambiguous(kind: str, text: str, candidates: tuple[str, ...],
              directory: Directory) -> tuple[Msg, Msg]:
    """The message and hint for a name that stands for several."""
    listed = tuple(directory.label(kind, i) for i in candidates)
    first = candidates[0]
    where = directory.ids["staff"].notes.get(first, "") if kind == "staff" else ""
    fix = msg(f"ref.ambiguous.{kind}.fix", example=first,
              qualified=Both(f"{text}（{where}）", f"{text}({where})"))
    return (msg(f"ref.ambiguous.{kind}", name=text, count=len(candidates), candidates=listed),
            fix)


# ------------------------------------------------------------------------- building the directory


def _cell(row: RawRow, column: str) -> str:
    value = row.cells.get(column)
    if value is None or isinstance(value, Formula):
        return ""
    return as_text(value)


def add_table(directory: Directory, kind: str, table: RawTable | None) -> None:
    """Every row of the departments, rooms or staff table with an id (even rows with other
    problems: a name that stands for them is not "unknown")."""
    for row in table.rows if table is not None else ():
        ident = _cell(row, "id")
        department = _cell(row, "department") if kind == "staff" else ""
        directory.add(kind, ident, _cell(row, "name"), department)


# ------------------------------------------------------------------------- rewriting cells

#: columns naming a department, a room or a person only on some rows: the kind from the row
CONDITIONAL: dict[tuple[str, str], Callable[[RawRow], str | None]] = {
    ("unavailability", "id"): lambda row: enums.lookup(
        enums.UNAVAILABLE_KINDS, _cell(row, "kind")),
    ("history", "category"): lambda row: "department" if enums.lookup(
        enums.HISTORY_KINDS, _cell(row, "kind")) == "rotation" else None,
}


def _always(kind: str) -> Callable[[RawRow], str | None]:
    return lambda row: kind


def rename(table: RawTable | None, directory: Directory, issues: Issues) -> None:
    """Names in ``table``'s reference columns become ids, in place (see the module docstring).
    ``courses.speakers`` is left to its reader: it may hold a who filter or an outside expert."""
    if table is None:
        return
    columns: dict[str, Callable[[RawRow], str | None]] = {}
    for column in table.spec.columns:
        if column.refers in KINDS and table.has(column.name) and column.kind != "who":
            columns[column.name] = _always(column.refers)
    for (name, column_name), kind_of in CONDITIONAL.items():
        if name == table.spec.name and table.has(column_name):
            columns[column_name] = kind_of
    listed = {c.name for c in table.spec.columns if c.kind == "list"}
    for row in table.rows:
        for column, kind_of in columns.items():
            value = row.cells.get(column)
            kind = kind_of(row)
            if value is None or isinstance(value, Formula) or kind not in KINDS:
                continue
            text = as_text(value)
            items = parse_list(text) if column in listed else (text,)
            ids: list[str] = []
            for item in items:
                found = directory.resolve(kind, item)
                if isinstance(found, tuple):
                    expected, hint = ambiguous(kind, item, found, directory)
                    issues.add(table.source, row.number, table.headers.get(column, column),
                               text, expected, hint)
                    row.cells[column] = Reported(text)
                    break
                ids.append(found if found is not None else item)
            else:
                if ids != list(items):
                    row.cells[column] = ",".join(ids)


# ------------------------------------------------------------------------- who filters


def resolve_who(who: Who, directory: Directory | None) -> tuple[Who, list[tuple[Msg, Msg | None]]]:
    """``who`` with the department and person names it holds turned into ids, and a message
    (with its hint) for every name standing for several."""
    if directory is None:
        return who, []
    problems: list[tuple[Msg, Msg | None]] = []

    def ids(kind: str, values: frozenset[str] | None) -> frozenset[str] | None:
        if values is None:
            return None
        out = set()
        for value in sorted(values):
            found = directory.resolve(kind, value)
            if isinstance(found, tuple):
                problems.append(ambiguous(kind, value, found, directory))
                out.add(value)
            else:
                out.add(found if found is not None else value)
        return frozenset(out)

    resolved = replace(
        who,
        departments=ids("department", who.departments),
        not_departments=ids("department", who.not_departments) or frozenset(),
        ids=ids("staff", who.ids),
        not_ids=ids("staff", who.not_ids) or frozenset(),
    )
    return resolved, problems
