"""Parsing "who" filters: one spreadsheet cell describing a set of staff.

Grammar (docs/inputs.md): ``everyone`` | ``nobody`` | clauses separated by ``;`` that must all
hold; each clause is ``key op values`` where the comma-separated values are alternatives.
Keys: role, title (on the shared grade scale), dept/department, age, id — and their Chinese names.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from planner.domain import Grade, Role, Who
from planner.errors import Both, Msg, msg
from planner.inputs import enums


class WhoSyntaxError(ValueError):
    """The filter text cannot be read; ``message`` says why, in the office's terms (its
    English text is the exception's)."""

    def __init__(self, message: Msg):
        super().__init__(message.render("en"))
        self.message = message


EVERYONE = {"everyone", "all", "*", "全体", "所有人", "全院", "全员"}
NOBODY = {"nobody", "none", "无", "无人"}

_KEYS = {
    "role": "role",
    "角色": "role",
    "岗位": "role",
    "title": "title",
    "grade": "title",
    "职称": "title",
    "dept": "dept",
    "department": "dept",
    "科室": "dept",
    "age": "age",
    "年龄": "age",
    "id": "id",
    "工号": "id",
    "staff": "id",
}
_ZH_KEYS = {"role": "角色", "title": "职称", "dept": "科室", "age": "年龄", "id": "工号"}
_OPERATORS = {
    "role": {"=", "!="},
    "dept": {"=", "!="},
    "id": {"=", "!="},
    "title": {"=", "<", "<=", ">", ">="},
    "age": {"=", "<", "<=", ">", ">="},
}
_CLAUSE = re.compile(r"\s*([^=!<>]+?)\s*(<=|>=|!=|=|<|>)\s*(.*?)\s*")
_WIDE = str.maketrans({"＝": "=", "：": "=", "！": "!", "＜": "<", "＞": ">", "≤": "<=", "≥": ">=",
                       "≠": "!="})
_VALUES = re.compile(r"[,，、]")


def _values(text: str, key: str) -> list[str]:
    values = [v.strip() for v in _VALUES.split(text) if v.strip()]
    if not values:
        raise WhoSyntaxError(msg("who.value_after", key=key))
    return values


def _roles(values: list[str]) -> frozenset[Role]:
    found = set()
    for v in values:
        role = enums.lookup(enums.ROLES, v)
        if role is None:
            raise WhoSyntaxError(msg("who.role", value=v))
        found.add(role)
    return frozenset(found)


def _grade(value: str) -> Grade:
    grade = enums.lookup(enums.TITLES, value)
    if grade is None:
        raise WhoSyntaxError(msg("who.title", value=value))
    return grade


def _age(value: str) -> int:
    if not value.isdigit():
        raise WhoSyntaxError(msg("who.age", value=value))
    return int(value)


def _bounds(op: str, value: int, what: str) -> tuple[int | None, int | None]:
    return {
        "=": (value, value),
        "<": (None, value - 1),
        "<=": (None, value),
        ">": (value + 1, None),
        ">=": (value, None),
    }[op]


class _Builder:
    """Accumulates clauses; repeated keys narrow the set (clauses are ANDed)."""

    def __init__(self) -> None:
        self.roles: frozenset[Role] | None = None
        self.depts: frozenset[str] | None = None
        self.not_depts: set[str] = set()
        self.ids: frozenset[str] | None = None
        self.not_ids: set[str] = set()
        self.grade: list[int | None] = [None, None]
        self.age: list[int | None] = [None, None]

    @staticmethod
    def _narrow(current: frozenset[Any] | None, new: frozenset[Any]) -> frozenset[Any]:
        return new if current is None else current & new

    @staticmethod
    def _tighten(bounds: list[int | None], low: int | None, high: int | None) -> None:
        if low is not None:
            bounds[0] = low if bounds[0] is None else max(bounds[0], low)
        if high is not None:
            bounds[1] = high if bounds[1] is None else min(bounds[1], high)

    def add(self, key: str, op: str, values: list[str]) -> None:
        if key == "role":
            roles = _roles(values)
            self.roles = self._narrow(self.roles, roles if op == "=" else frozenset(Role) - roles)
        elif key in ("dept", "id"):
            if op == "=":
                if key == "dept":
                    self.depts = self._narrow(self.depts, frozenset(values))
                else:
                    self.ids = self._narrow(self.ids, frozenset(values))
            else:
                (self.not_depts if key == "dept" else self.not_ids).update(values)
        elif key == "title":
            grades = sorted({int(_grade(v)) for v in values})
            if op != "=" and len(grades) > 1:
                raise WhoSyntaxError(msg("who.one_title", op=op))
            if op == "=" and grades != list(range(grades[0], grades[-1] + 1)):
                raise WhoSyntaxError(msg("who.neighbour_titles"))
            low, high = _bounds(op, grades[0], "title") if op != "=" else (grades[0], grades[-1])
            self._tighten(self.grade, low, high)
        else:  # age
            if len(values) > 1:
                raise WhoSyntaxError(msg("who.one_age"))
            self._tighten(self.age, *_bounds(op, _age(values[0]), "age"))

    def build(self, text: str) -> Who:
        low, high = self.grade
        return Who(
            text=text,
            roles=self.roles,
            departments=self.depts,
            not_departments=frozenset(self.not_depts),
            ids=self.ids,
            not_ids=frozenset(self.not_ids),
            grade_min=None if low is None else Grade(max(0, min(4, low))),
            grade_max=None if high is None else Grade(max(0, min(4, high))),
            age_min=self.age[0],
            age_max=self.age[1],
            nobody=(low is not None and (low > 4 or (high is not None and low > high)))
            or (high is not None and high < 0)
            or (self.age[0] is not None and self.age[1] is not None and self.age[0] > self.age[1]),
        )


def parse_who(text: str) -> Who:
    """Parse one filter cell; raises :class:`WhoSyntaxError` with a message for the office."""
    text = text.strip()
    if not text:
        raise WhoSyntaxError(msg("who.empty"))
    word = text.casefold()
    if word in EVERYONE:
        return Who(text=text)
    if word in NOBODY:
        return Who(text=text, nobody=True)
    builder = _Builder()
    for clause in re.split(r"[;；]", text.translate(_WIDE)):
        if not clause.strip():
            continue
        m = _CLAUSE.fullmatch(clause)
        if m is None:
            raise WhoSyntaxError(msg("who.clause", clause=clause.strip()))
        raw_key, op, rest = m.groups()
        key = _KEYS.get(raw_key.strip().casefold())
        if key is None:
            raise WhoSyntaxError(msg("who.key", key=raw_key.strip()))
        if op not in _OPERATORS[key]:
            raise WhoSyntaxError(msg("who.operator", op=op, key=Both(_ZH_KEYS[key], key),
                                     ops=", ".join(sorted(_OPERATORS[key]))))
        builder.add(key, op, _values(rest, raw_key.strip()))
    return builder.build(text)


def unknown_references(
    who: Who, departments: Collection[str] | None, staff: Collection[str] | None
) -> list[tuple[Msg, Msg | None]]:
    """Departments and staff a filter names that do not exist (``None`` = do not check): for
    each kind, what was expected and "did you mean …"."""
    from planner.inputs.names import suggestion

    problems: list[tuple[Msg, Msg | None]] = []
    for kind, known, named in (
            ("department", departments, (who.departments or frozenset()) | who.not_departments),
            ("staff", staff, (who.ids or frozenset()) | who.not_ids)):
        if known is None:
            continue
        missing = sorted(d for d in named if d not in known)
        if missing:
            problems.append((msg(f"who.unknown.{kind}", missing=", ".join(missing)),
                             suggestion(missing, known)))
    return problems
