"""Phase 1's outcome: when each session takes place, in which room and with which speaker.
Later phases take it as fixed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Schedule:
    time: dict[int, int]  # run → time point
    room: dict[int, str]
    speaker: dict[int, str]
