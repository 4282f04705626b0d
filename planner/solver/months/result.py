"""What phase 0 decided, as plain data the later phases read (no solver objects)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner.domain import ExternalSeat, Programme


@dataclass(frozen=True)
class Stay:
    """A participant in ``dept`` for months ``first … last`` (grid indices) of a programme block."""

    pid: str
    programme: Programme
    block: int
    dept: str
    first: int
    last: int
    start: dt.date  # first day of the first month
    end: dt.date  # last day of the last month


@dataclass(frozen=True)
class Away:
    """A placement on an external-study seat (dates inclusive)."""

    pid: str
    seat: ExternalSeat
    start: dt.date
    end: dt.date


@dataclass
class MonthsResult:
    status: str  # OPTIMAL, FEASIBLE, or "EMPTY" when there was nothing to plan
    stays: list[Stay] = field(default_factory=list)
    placements: list[Away] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # shortfalls and limits, in words
    explanation: list[str] = field(default_factory=list)  # why there is no result at all
    #: the rules that clash when required blocks cannot all be planned (:mod:`.diagnose`)
    findings: list = field(default_factory=list)
    stats: dict[str, float] = field(default_factory=dict)
    objective: dict[str, float] = field(default_factory=dict)
    #: what each warning of a block or seat left unplanned says, as data (:class:`.explain.Gap`)
    gaps: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE", "EMPTY")

    def host(self, pid: str, day: dt.date) -> str | None:
        """The department a person rotates in on ``day``, if they are in a block then."""
        for s in self.stays:
            if s.pid == pid and s.start <= day <= s.end:
                return s.dept
        return None
