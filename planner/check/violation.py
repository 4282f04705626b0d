"""The checker's unit of output: one broken rule, in words."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Violation:
    """``rule`` is the family (``sessions``, ``rooms``, ``speakers``, ``people``, ``coverage``,
    ``rotations``, ``exit exams``, ``external study``, ``teach-back``, ``monthly coverage``,
    ``hospital rules``, ``quotas``, ``pins``); ``message`` says what is wrong in the office's
    words, naming the session, date and time, room, person and department involved."""

    rule: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"
