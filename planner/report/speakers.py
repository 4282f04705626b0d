"""Teaching load per speaker: the office balances it, so the summary shows who carries most."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from planner.plan import Plan

EXTERNAL_PREFIX = "ext:"


@dataclass(frozen=True)
class SpeakerLoad:
    speaker: str  # staff id, or "ext:<name>" for an outside expert
    sessions: int
    hours: float
    courses: int

    @property
    def external(self) -> bool:
        return self.speaker.startswith(EXTERNAL_PREFIX)


def speaker_load(plan: Plan) -> list[SpeakerLoad]:
    """Every speaker of the plan, most teaching hours first (ties by id, for a stable order)."""
    sessions: dict[str, int] = defaultdict(int)
    hours: dict[str, float] = defaultdict(float)
    courses: dict[str, set[str]] = defaultdict(set)
    for s in plan.sessions:
        sessions[s.speaker] += 1
        hours[s.speaker] += s.hours
        courses[s.speaker].add(s.course)
    loads = [SpeakerLoad(k, sessions[k], round(hours[k], 2), len(courses[k])) for k in sessions]
    return sorted(loads, key=lambda x: (-x.hours, -x.sessions, x.speaker))
