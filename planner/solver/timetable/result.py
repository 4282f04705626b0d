"""Phase 1's outcome: when each session takes place, in which room and with which speaker.
Later phases take it as fixed."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Schedule:
    time: dict[int, int]  # run → time point
    room: dict[int, str]
    speaker: dict[int, str]
    _at: dict[int, list[int]] | None = field(default=None, init=False, repr=False,
                                             compare=False)

    def runs_at(self) -> dict[int, list[int]]:
        """Time point → the runs placed then (built once: the schedule is fixed once made)."""
        if self._at is None:
            at: dict[int, list[int]] = {}
            for r, t in self.time.items():
                at.setdefault(t, []).append(r)
            self._at = at
        return self._at
