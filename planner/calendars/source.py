"""What calendars are built from besides the plan: names, rooms, courses, settings.

``planner plan`` writes this snapshot next to the calendars (``calendars/source.json``) so that
``planner publish OUTPUTS`` and ``planner serve`` rebuild exactly the same feeds from the outputs
and the state database alone, without reading the inputs again. It carries only what a feed
shows (names, e-mail for the link list, room and department names, course titles), never ages,
titles or anything else in the staff table.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any

from planner.domain import Problem

FORMAT = 1


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    department: str
    email: str = ""


@dataclass(frozen=True)
class Named:
    id: str
    name: str


@dataclass(frozen=True)
class CourseInfo:
    id: str
    title: str
    category: str
    mode: str
    hours: float
    credits: float | None
    credit_class: str
    url: str = ""  # the recording's or online module's address


@dataclass(frozen=True)
class FeedSource:
    name: str
    hospital: str
    timezone: str
    language: str
    horizon_start: str
    horizon_end: str
    feed_window_days: int
    public_base_url: str
    inputs_hash: str
    people: tuple[Person, ...] = ()
    rooms: tuple[Named, ...] = ()
    departments: tuple[Named, ...] = ()
    courses: tuple[CourseInfo, ...] = ()
    programmes: tuple[Named, ...] = ()
    #: reminders in person feeds, minutes before the start (plan setting ``reminders``)
    reminders: tuple[int, ...] = ()
    _index: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, repr=False)

    def to_json(self) -> bytes:
        data = {f.name: getattr(self, f.name) for f in fields(self) if not f.name.startswith("_")}
        data = json.loads(json.dumps(data, default=asdict))
        return (json.dumps({"format": FORMAT, **data}, ensure_ascii=False, indent=1,
                           sort_keys=True) + "\n").encode()

    @classmethod
    def from_json(cls, raw: bytes) -> "FeedSource":
        data = json.loads(raw)
        data.pop("format", None)
        return cls(
            **{k: v for k, v in data.items() if k not in _TABLES},
            people=tuple(Person(**p) for p in data["people"]),
            rooms=tuple(Named(**r) for r in data["rooms"]),
            departments=tuple(Named(**d) for d in data["departments"]),
            courses=tuple(CourseInfo(**c) for c in data["courses"]),
            programmes=tuple(Named(**p) for p in data["programmes"]),
            reminders=tuple(data.get("reminders", ())),
        )

    # lookups, built once (the dataclass is frozen; the cache dict is not part of its value)
    def _lookup(self, table: str) -> dict[str, Any]:
        if table not in self._index:
            self._index[table] = {row.id: row for row in getattr(self, table)}
        return self._index[table]

    def person(self, pid: str) -> Person | None:
        return self._lookup("people").get(pid)

    def room_name(self, rid: str) -> str:
        room = self._lookup("rooms").get(rid)
        return room.name if room else rid

    def department_name(self, did: str) -> str:
        dep = self._lookup("departments").get(did)
        return dep.name if dep else did

    def course(self, cid: str) -> CourseInfo | None:
        return self._lookup("courses").get(cid)

    def programme_name(self, pid: str) -> str:
        prog = self._lookup("programmes").get(pid)
        return prog.name if prog else pid


_TABLES = {"people", "rooms", "departments", "courses", "programmes", "reminders"}


def feed_source(problem: Problem) -> FeedSource:
    s = problem.settings
    return FeedSource(
        name=problem.name,
        hospital=s.hospital,
        timezone=s.timezone,
        language=s.language,
        horizon_start=s.horizon_start.isoformat(),
        horizon_end=s.horizon_end.isoformat(),
        feed_window_days=s.feed_window_days,
        public_base_url=s.public_base_url,
        inputs_hash=inputs_hash(problem),
        people=tuple(Person(p.id, p.name, p.department, p.email) for p in problem.staff),
        rooms=tuple(Named(r.id, r.name) for r in problem.rooms),
        departments=tuple(Named(d.id, d.name) for d in problem.departments),
        courses=tuple(
            CourseInfo(c.id, c.title, c.category.value, c.mode.value, c.hours, c.credits,
                       c.credit_class.value, c.url)
            for c in problem.courses
        ),
        programmes=tuple(Named(p.id, p.name) for p in problem.programmes),
        reminders=s.reminders,
    )


def inputs_hash(problem: Problem) -> str:
    """SHA-256 of the validated inputs in a canonical form (sets sorted, dates ISO), so the same
    inputs hash the same whatever the file format or Python's hash seed."""
    raw = json.dumps(_canonical(problem), ensure_ascii=False, sort_keys=True,
                     separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()  # lone surrogates too


def _canonical(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, enum.Enum):
        return _canonical(value.value)
    if isinstance(value, (frozenset, set)):
        return sorted((_canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (dt.date, dt.time, dt.datetime)):
        return value.isoformat()
    return value
