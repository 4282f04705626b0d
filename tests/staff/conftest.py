"""Staff tests share the calendar tests' private state folder per test."""

from tests.calendars.conftest import state_root

__all__ = ["state_root"]
