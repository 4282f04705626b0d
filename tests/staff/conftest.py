"""Staff tests share the calendar tests' private state folder per test, and the re-planning
tests' example planned and published once per session."""

from tests.calendars.conftest import state_root
from tests.replan.conftest import published_example

__all__ = ["published_example", "state_root"]
