"""Rule instances the phases cannot keep, as data — the words come later.

When a phase finds no plan it returns :class:`Finding` objects: which rule (``rule``), and the
course, part, run, day, month, rooms, people and department that instance of the rule is about,
with the :class:`Cause` objects that ruled out every way to keep it. Nothing here is worded:
:mod:`planner.explain.words` says it in the plan's language, with people and departments by
name, and :mod:`planner.explain.relax` reads the same fields to try changes to the inputs that
would lift the conflict. Keeping the two apart is what lets ``planner plan`` and ``planner
explain`` print the same words in Chinese or English from one diagnosis.

Rules (``Finding.rule``):

============== ==================================================================================
``part``        a session (part ``part`` of ``course``) must take place
``pin``         a pinned run (pins.csv) must take place
``runs``        a part has at most ``count`` runs (the course's repeats, or its cohorts)
``order``       the sessions of a series follow each other: ``part`` before ``other_part``
``rooms``       the rooms ``rooms`` hold one session at a time on ``day``
``speakers``    the speakers ``people`` give one session at a time on ``day``
``ward``        department ``dept`` lets at most ``count`` of its people teach at once on ``day``
``year-rule``   hospital rule ``rule_index``: at least ``count`` sessions a year (``held`` held)
``month-rule``  hospital rule ``rule_index``: at least ``count`` sessions in ``month``
``no-time``     a part has no possible time at all (``causes`` say why)
``pin-no-time`` a pinned run has no possible time at all (``causes`` say why)
``no-speaker``  a part has nobody who may give it
``no-room``     a course needs a room feature no room has
``exam``        an exit exam (出科考核) of ``dept`` in ``month`` for ``people`` has no day
``unexplained`` the rules cannot all hold, but no set of them was found within the budget
``limit``       the search ran out of time (``text`` says which phase) — not a proof
============== ==================================================================================

Causes (``Cause.kind``):

============== ==================================================================================
``span``        the days a part may take: ``lo`` … ``hi`` (``text``: its frequency, ``days``: the
                course's fixed dates), ``count`` of them with a slot of ``hours`` h — none when
                ``count`` is 0
``period``      the part's ``text`` period starts ``lo``, after the course window ends ``hi``
``options``     the ``count`` days a part (or pinned run) of a clashing set may take: ``days``
``speakers``    no speaker of ``people`` is free on ``days``; each speaker's reasons follow as
                ``leave`` and ``ward`` causes
``leave``       ``people[0]`` is on leave ``lo`` … ``hi`` (``text``: the reason typed; a row the
                office did not type is the plan's own external study); for an exit exam, with
                ``hours`` set: the finishers ``people`` on leave every possible exam day
``ward``        ``people[0]`` cannot leave department ``dept`` on ``days``: ``size`` on its
                roster, at least ``count`` on duty; ``people[1:]`` are its own staff rotating
                elsewhere then
``rooms``       every room of ``rooms`` is closed on ``days``; each closure follows as a
                ``closed`` cause: ``rooms[0]`` closed ``lo`` … ``hi``, ``text`` the reason
``pin``         the pin: date ``lo``, slot ``text``, room ``rooms``, speaker ``people``
``pin-day``     the pin's date and slot are not among the ``count`` days the session may take
                in ``lo`` … ``hi`` (its window, period, dates and slots of ``hours`` h)
``no-slot``     an exit exam: no working day with a slot of ``hours`` h in ``lo`` … ``hi``
``examiner``    an exit exam: no examiner of ``dept`` free in ``lo`` … ``hi`` (on ``days``)
``spare``       an exit exam: ``dept`` cannot spare the examiner and those finishing on
                ``days`` (minimum on duty ``count``)
============== ==================================================================================
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Cause:
    """One reason a rule instance could not be kept (see the module docstring)."""

    kind: str
    lo: dt.date | None = None
    hi: dt.date | None = None
    days: tuple[dt.date, ...] = ()
    hours: float = 0.0
    people: tuple[str, ...] = ()
    rooms: tuple[str, ...] = ()
    dept: str = ""
    count: int = 0
    size: int = 0
    text: str = ""


@dataclass(frozen=True)
class Finding:
    """A rule instance that cannot hold (see the module docstring for ``rule``)."""

    rule: str
    course: str = ""
    part: int = 0
    run: int = 0
    other_part: int = 0
    day: dt.date | None = None
    month: dt.date | None = None  # the month's first day
    rooms: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    dept: str = ""
    count: int = 0
    held: int = 0
    rule_index: int = -1
    causes: tuple[Cause, ...] = ()
    text: str = ""  # English, for logs and the rare case without words of its own

    @property
    def key(self) -> tuple[object, ...]:
        """What the finding is about, without the causes (two diagnoses of one input compare
        equal on it)."""
        return (self.rule, self.course, self.part, self.run, self.other_part, self.day,
                self.month, self.rooms, self.people, self.dept, self.rule_index)
