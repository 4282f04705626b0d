"""Synthetic hospitals in the public input format, for benchmarks and scale tests.

A generated hospital carries, per person, the same kinds of obligations as the bundled example
(``inputs/example``): every quota category, the monthly whole-hospital lecture, cohort skills
trainings, the theory exam, leave, rotations and external study. Courses, runs, speakers,
rooms and slots grow with the head count, so a larger hospital is a genuinely harder problem
rather than the small one repeated.

The numbers are chosen so that the requirements are *achievable*: each course allows enough
repeats that every department can send its people while keeping its minimum on duty, rooms are
big enough for one cohort, and every course fits in a slot. A benchmark that is infeasible by
construction would measure nothing.

Everything is drawn from ``random.Random(seed)`` and written in a fixed order, so the same
arguments give byte-identical files. The modules follow the data as it flows:

- :mod:`~planner.generate.staff` — departments and their staff (:mod:`~planner.generate.people`: names, titles, ages);
- :mod:`~planner.generate.rooms` — rooms and weekly slots;
- :mod:`~planner.generate.courses` — courses and their series;
- :mod:`~planner.generate.rotations` — rotation programmes;
- :mod:`~planner.generate.seats` — external-study seats;
- :mod:`~planner.generate.history` — what was earned before the horizon;
- :mod:`~planner.generate.leave` — leave and room closures;
- :mod:`~planner.generate.writing` — the tables, plan.yaml, and the folder written atomically.
"""

from __future__ import annotations

from pathlib import Path

from planner.generate.courses import COURSE_COLUMNS, build_class1_project, build_courses
from planner.generate.dates import HOLIDAYS_2027, add_months, holiday_rows, month_end
from planner.generate.history import build_history
from planner.generate.hospital import Hospital
from planner.generate.leave import build_leave
from planner.generate.people import NameMaker, Person, make_person
from planner.generate.rooms import build_rooms_and_slots
from planner.generate.rotations import build_nurse_programme, build_programme
from planner.generate.seats import build_seats
from planner.generate.staff import MAX_DEPARTMENTS, MIN_DEPARTMENTS, build_staff
from planner.generate.writing import csv_text, plan_yaml, tables, write_atomically


def generate(
    out_dir: Path, staff: int, departments: int, rooms: int, months: int, seed: int
) -> None:
    """Write a synthetic hospital (plan.yaml + CSV tables) to ``out_dir``, replacing it atomically.

    ``staff`` people in ``departments`` departments (10 ≤ … ≤ 42, at least 8 people each), using
    ``rooms`` rooms (≥ 4), over ``months`` months from 2026-01-01.
    """
    if not MIN_DEPARTMENTS <= departments <= MAX_DEPARTMENTS:
        raise ValueError(f"departments must be between {MIN_DEPARTMENTS} and {MAX_DEPARTMENTS}")
    if staff < 8 * departments:
        raise ValueError("staff must be at least 8 per department")
    if rooms < 4:
        raise ValueError("rooms must be at least 4 (hall, skills lab, computer room, meeting room)")
    if not 1 <= months <= 36:
        raise ValueError("months must be between 1 and 36")
    write_atomically(Path(out_dir), build(staff, departments, rooms, months, seed))


def build(staff: int, departments: int, rooms: int, months: int, seed: int) -> dict[str, str]:
    """The hospital's files, by name, as text (arguments already checked)."""
    h = Hospital(staff, departments, rooms, months, seed)
    build_staff(h)
    build_rooms_and_slots(h)
    build_courses(h)
    prog, blocks, rotators = build_programme(h)
    nurse_prog, nurse_blocks = build_nurse_programme(h, len(rotators))
    prog, blocks = prog + nurse_prog, blocks + nurse_blocks
    seats = build_seats(h)
    history, without_class1 = build_history(h, rotators)
    build_class1_project(h, without_class1)
    leave = build_leave(h, h.busy)
    return tables(h, prog, blocks, seats, history, leave)


__all__ = [
    "COURSE_COLUMNS", "HOLIDAYS_2027", "MAX_DEPARTMENTS", "NameMaker", "Person",
    "add_months", "build", "csv_text", "generate", "holiday_rows", "make_person", "month_end",
    "plan_yaml", "write_atomically",
]
