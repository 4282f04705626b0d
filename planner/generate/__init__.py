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

- :mod:`~planner.generate.staff` — departments (wards of big departments beyond the first 42)
  and their staff (:mod:`~planner.generate.people`: names, titles, ages);
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

from planner.errors import Both, PlannerError
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

#: People per department, at least.
MIN_DEPARTMENT_SIZE = 8
MIN_ROOMS = 4
MAX_MONTHS = 36


class GenerateError(PlannerError, ValueError):
    """Arguments no synthetic hospital can be built from; the message says what is expected."""

    exit_code = 2


def generate(
    out_dir: Path, staff: int, departments: int, rooms: int, months: int, seed: int
) -> None:
    """Write a synthetic hospital (plan.yaml + CSV tables) to ``out_dir``, replacing it atomically.

    ``staff`` people in ``departments`` departments (10 ≤ … ≤ :data:`MAX_DEPARTMENTS`, at least
    8 people each), using ``rooms`` rooms (≥ 4), over ``months`` months (1–36) from 2026-01-01.
    Raises :class:`GenerateError` (a :class:`~planner.errors.PlannerError`) on other arguments.
    """
    check_arguments(staff, departments, rooms, months)
    files = build(staff, departments, rooms, months, seed)
    try:
        write_atomically(Path(out_dir), files)
    except OSError as e:
        where = f" ({e.filename})" if e.filename else ""
        raise GenerateError(Both(f"无法把医院写入 {out_dir}：{e.strerror or e}{where}",
                                 f"cannot write the hospital to {out_dir}: "
                                 f"{e.strerror or e}{where}")) from None


def check_arguments(staff: int, departments: int, rooms: int, months: int) -> None:
    """Every problem with the arguments at once, as one :class:`GenerateError` (both
    languages: the command prints the one it speaks)."""
    problems: list[tuple[str, str]] = []
    if not MIN_DEPARTMENTS <= departments <= MAX_DEPARTMENTS:
        problems.append((f"科室数应在 {MIN_DEPARTMENTS} 到 {MAX_DEPARTMENTS} 之间（写的是 {departments}）",
                         f"departments must be between {MIN_DEPARTMENTS} and {MAX_DEPARTMENTS} "
                         f"(got {departments})"))
    if staff < MIN_DEPARTMENT_SIZE * departments:
        least = MIN_DEPARTMENT_SIZE * max(departments, MIN_DEPARTMENTS)
        problems.append((f"每个科室至少 {MIN_DEPARTMENT_SIZE} 人：{departments} 个科室要 {least} 人"
                         f"或更多（写的是 {staff}）",
                         f"staff must be at least {MIN_DEPARTMENT_SIZE} per department: "
                         f"{least} or more for {departments} departments (got {staff})"))
    if rooms < MIN_ROOMS:
        problems.append((f"教室至少 {MIN_ROOMS} 间（大厅、技能室、机房、会议室；写的是 {rooms}）",
                         f"rooms must be at least {MIN_ROOMS} (hall, skills lab, computer room, "
                         f"meeting room; got {rooms})"))
    if not 1 <= months <= MAX_MONTHS:
        problems.append((f"月数应在 1 到 {MAX_MONTHS} 之间（写的是 {months}）",
                         f"months must be between 1 and {MAX_MONTHS} (got {months})"))
    if problems:
        raise GenerateError(Both("无法生成这家医院：" + "；".join(zh for zh, _ in problems),
                                 "cannot generate this hospital: "
                                 + "; ".join(en for _, en in problems)))


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
    "COURSE_COLUMNS",
    "HOLIDAYS_2027",
    "MAX_DEPARTMENTS",
    "GenerateError",
    "NameMaker",
    "Person",
    "add_months",
    "build",
    "csv_text",
    "generate",
    "holiday_rows",
    "make_person",
    "month_end",
    "plan_yaml",
    "write_atomically",
]
