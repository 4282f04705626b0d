"""The validated inputs as one canonical JSON file, and back.

``planner plan`` writes ``inputs.snapshot.json`` beside the plan and ``planner publish`` keeps it
with the version, so a later re-plan can compare the inputs a published plan was made from with
today's and say *which* change moved an event (a speaker's new leave, a closed room, …).

The snapshot is the :class:`~planner.domain.Problem` itself — already normalised by the loader
(ids resolved, fractions turned into head counts, defaults filled) — written with sorted keys,
sets sorted, dates ISO, so the same inputs give the same bytes whatever their file format.
Loading rebuilds the dataclasses from their type hints, so a field added to the domain model is
carried without touching this module; a field missing from an older snapshot takes its default.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from dataclasses import MISSING, fields, is_dataclass
from functools import cache
from typing import Any

from planner.domain import Problem
from planner.errors import PlannerError

SNAPSHOT_FILE = "inputs.snapshot.json"
FORMAT = 1


def problem_snapshot(problem: Problem) -> bytes:
    """Canonical bytes: the same problem always gives the same snapshot."""
    data = {"format": FORMAT, "problem": _encode(problem)}
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def load_snapshot(raw: bytes, label: str = SNAPSHOT_FILE) -> Problem:
    """The :class:`Problem` a snapshot was written from."""
    try:
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format') if isinstance(data, dict) else '?'}")
        problem = _decode(Problem, data["problem"])
    except (ValueError, KeyError, TypeError) as exc:
        raise PlannerError(f"{label}: not an inputs snapshot this planner can read ({exc})") \
            from None
    assert isinstance(problem, Problem)
    return problem


def _encode(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, enum.Enum):
        return _encode(value.value)
    if isinstance(value, (frozenset, set)):
        return sorted((_encode(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(tp: Any, value: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        if len(args) != 1:
            raise TypeError(f"cannot decode a value of {tp}")
        return _decode(args[0], value)
    if tp is Any:
        return value
    if isinstance(tp, type) and is_dataclass(tp):
        if not isinstance(value, dict):
            raise TypeError(f"{tp.__name__}: expected an object")
        hints = _hints(tp)
        kwargs = {}
        for f in fields(tp):
            if f.name in value:
                kwargs[f.name] = _decode(hints[f.name], value[f.name])
            elif f.default is MISSING and f.default_factory is MISSING:
                raise KeyError(f"{tp.__name__}.{f.name}")
        return tp(**kwargs)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        return tuple(_decode(a, v) for a, v in zip(args, value, strict=True))
    if origin in (frozenset, set):
        (arg,) = typing.get_args(tp)
        return frozenset(_decode(arg, v) for v in value)
    if origin is list:
        (arg,) = typing.get_args(tp)
        return [_decode(arg, v) for v in value]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(value)
    if tp is dt.datetime:
        return dt.datetime.fromisoformat(value)
    if tp is dt.date:
        return dt.date.fromisoformat(value)
    if tp is dt.time:
        return dt.time.fromisoformat(value)
    if tp is float:  # an int stays an int (equal as a number), so re-encoding gives the same bytes
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"expected a number, got {value!r}")
        return value
    if tp in (int, str, bool):
        if not isinstance(value, tp):
            raise TypeError(f"expected {tp.__name__}, got {value!r}")
        return value
    raise TypeError(f"cannot decode a value of {tp}")
