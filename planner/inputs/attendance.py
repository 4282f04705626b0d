"""The ``attendance_records`` table: sign-in sheets, which the ledger of training done follows
over the plan (see :mod:`planner.ledger`).

A row names a session by its id (``CPR#1.3``, as in ``plan/sessions.csv``) or by course and
part (whichever run the person was in). Both are checked against the courses table here; whether
the session exists is a question for the plan the records are applied to.
"""

from __future__ import annotations

import re

from planner.domain import AttendanceRecord
from planner.errors import msg
from planner.inputs import limits
from planner.inputs.cells import RowReader, parse_bool, whole
from planner.inputs.issues import Issues
from planner.inputs.refs import Built, Known, ref, unique
from planner.inputs.staffing import rows
from planner.inputs.tables import RawTable

SESSION_ID = re.compile(r"(?P<course>.+)#(?P<part>[0-9]{1,6})\.(?P<run>[0-9]{1,6})")


def _session(r: RowReader) -> tuple[str, int, int] | None:
    """(course, part, run) from the session id, or from course and part (run 0); None after an
    issue."""
    text = r.text("session")
    course, part = r.text("course"), r.get("part", whole(*limits.SESSIONS))
    if text:
        m = SESSION_ID.fullmatch(text)
        if m is None or int(m["part"]) < 1 or int(m["run"]) < 1:
            r.issue("session", text, msg("record.session_id"))
            return None
        if course and course != m["course"]:
            r.issue("course", course, msg("record.course", session=text, course=m["course"]))
            return None
        if part is not None and part != int(m["part"]):
            r.issue("part", part, msg("record.part", session=text, part=m["part"]))
            return None
        return m["course"], int(m["part"]), int(m["run"])
    if not course:
        if r.ok:
            r.issue("session", None, msg("record.missing"))
        return None
    if part is None:
        if r.raw("part") is None:
            r.issue("part", None, msg("record.part_missing", course=course))
        return None
    return course, part, 0


def read_attendance_records(table: RawTable | None, known: Known,
                            issues: Issues) -> Built[AttendanceRecord]:
    built: Built[AttendanceRecord] = Built()
    seen: dict[object, int] = {}
    for r in rows(table, issues):
        staff_id = r.text("staff_id", required=True)
        ref(r, "staff_id", staff_id, known.staff, "staff")
        found = _session(r)
        attended = r.get("attended", parse_bool, True)
        if found is not None:
            course, part, run = found
            column = "session" if r.text("session") else "course"
            if ref(r, column, course, known.courses, "course") and known.course_parts:
                parts = known.course_parts.get(course)
                if parts is not None and part > parts:
                    r.issue("session" if run else "part", r.text("session") or part,
                            msg("record.part_range", parts=parts, course=course))
            unique(r, column, (staff_id, course, part, run), seen)
        if r.ok and found is not None:
            course, part, run = found
            built.items.append(
                (AttendanceRecord(staff_id, course, part, run, attended, r.text("note")), r.loc)
            )
    return built
