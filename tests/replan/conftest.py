"""Re-planning test helpers: a private state folder per test, and outputs written like
``planner plan`` writes them (plan, inputs snapshot, calendars) — no solver involved. Shared with
the calendar tests."""

from tests.calendars.conftest import state_root, write_outputs

__all__ = ["state_root", "write_outputs"]
