"""Assembling a :class:`planner.domain.Problem` from an input folder or workbook.

Tables are read in dependency order (departments → staff → rooms → courses → topics → …) so each
one can check its references against what came before; every issue from every table is collected
and raised together at the end. Nothing here raises anything but :class:`InputError` on user data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from planner.domain import Mode, Problem, Settings
from planner.errors import InputError
from planner.inputs.availability import read_history, read_holidays, read_unavailability
from planner.inputs.courses import (
    allowed_runs,
    check_fixed_days,
    finish_courses,
    read_courses,
    read_pins,
    read_topics,
)
from planner.inputs.issues import Issues
from planner.inputs.plandoc import PlanDoc, read_plan_sheet, read_plan_yaml
from planner.inputs.attendance import read_attendance_records
from planner.inputs.previous import read_previous_term
from planner.inputs.refs import Known
from planner.inputs.rotations import (
    check_programmes_have_blocks,
    read_blocks,
    read_programmes,
    read_seats,
)
from planner.inputs.schema import PLAN_SHEET, TABLES, TABLES_BY_NAME
from planner.inputs.settings import WhoCell, read_settings
from planner.inputs.staffing import read_departments, read_rooms, read_staff, resolve_min_on_duty
from planner.inputs.tables import (
    RawTable,
    find_sheet,
    open_workbook,
    read_folder_tables,
    read_workbook_tables,
)
from planner.inputs.who import unknown_references

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
PLAN_SHEET_NAMES = (PLAN_SHEET, "设置", "计划")


@dataclass
class Source:
    name: str
    tables: dict[str, RawTable] = field(default_factory=dict)
    plan: PlanDoc | None = None
    label: str = ""  # how a missing table is named: "{table}.csv" or "book.xlsx:{table}"
    base: Path | None = None  # the folder relative paths in the settings start from


def _plan_beside(path: Path, issues: Issues, expected: str) -> PlanDoc | None:
    for candidate in (path.with_suffix(".yaml"), path.with_suffix(".yml")):
        if candidate.is_file():
            return read_plan_yaml(candidate, issues)
    issues.add(path.name, None, None, None, expected)
    return None


def read_source(path: Path, issues: Issues) -> Source | None:
    """The raw tables and settings, or ``None`` when ``path`` is no input set at all."""
    if path.is_dir():
        name = path.resolve().name  # "." and ".." name the folder they stand for
        if not name:
            issues.add(str(path), None, None, None, "an input folder with a name (outputs go to "
                       "outputs/<name>/ and plan state to state/<name>/), not the root folder")
            return None
        source = Source(name, read_folder_tables(path, issues), label="{table}.csv", base=path)
        plan_file = next((p for p in (path / "plan.yaml", path / "plan.yml") if p.is_file()), None)
        if plan_file is None:
            issues.add(
                "plan.yaml",
                None,
                None,
                None,
                "a plan.yaml file with the plan settings (horizon, slots, …)",
            )
        else:
            source.plan = read_plan_yaml(plan_file, issues)
        return source
    if path.is_file() and path.suffix.lower() in WORKBOOK_SUFFIXES:
        source = Source(path.stem, label=f"{path.name}:{{table}}", base=path.parent)
        wb = open_workbook(path, issues)
        if wb is None:
            return None
        source.tables = read_workbook_tables(wb, path.name, issues)
        sheet = find_sheet(wb, PLAN_SHEET_NAMES)
        if sheet is not None:
            source.plan = read_plan_sheet(sheet, f"{path.name}:{sheet.title}", issues)  # type: ignore[attr-defined]
        else:
            source.plan = _plan_beside(
                path,
                issues,
                f"a sheet named '{PLAN_SHEET}' or a file {path.stem}.yaml beside the workbook",
            )
        return source
    what = "no such file or folder" if not path.exists() else "not a folder or an .xlsx workbook"
    issues.add(
        path.name or str(path), None, None, None, f"an input folder or an .xlsx workbook ({what})"
    )
    return None


def _check_required_tables(source: Source, issues: Issues) -> None:
    for spec in TABLES:
        table = source.tables.get(spec.name)
        if table is None and spec.required:
            issues.add(
                source.label.format(table=spec.name),
                None,
                None,
                None,
                f"a table '{spec.name}' ({spec.zh}): {spec.description}",
            )
        elif table is not None and spec.required and not table.broken and not table.rows:
            issues.add(
                table.source,
                2,
                None,
                None,
                f"at least one row of {spec.name} (the table has no rows)",
            )


def _check_settings_who(cells: list[WhoCell], known: Known, issues: Issues) -> None:
    for cell in cells:
        for problem in unknown_references(cell.who, known.departments, known.staff):
            issues.add(
                cell.file, cell.row, cell.column, cell.who.text, f"a who filter naming {problem}"
            )


def _check_slots_exist(
    settings: Settings | None, source: Source, courses: list, issues: Issues
) -> None:
    in_person = [c.course.id for c in courses if c.course.mode is Mode.IN_PERSON]
    if settings is not None and not settings.slots and in_person and source.plan is not None:
        issues.add(
            source.plan.label,
            source.plan.where(("slots",)),
            "slots",
            None,
            f"at least one lecture slot (in-person courses such as {in_person[0]} need one)",
        )


def assemble(source: Source, issues: Issues) -> Problem | None:
    tables = source.tables
    _check_required_tables(source, issues)
    settings, who_cells = (
        read_settings(source.plan, source.name, issues) if source.plan else (None, [])
    )
    known = Known(
        horizon=(settings.horizon_start, settings.horizon_end) if settings else None,
        slots={s.id: s for s in settings.slots} if settings else None,
    )
    drafts, known.departments = read_departments(tables.get("departments"), issues)
    staff = read_staff(tables.get("staff"), known, issues)
    known.staff = staff.ids
    known.staff_rows = staff.values() if staff.complete else None
    departments = resolve_min_on_duty(drafts, known.staff_rows)
    rooms = read_rooms(tables.get("rooms"), issues)
    known.rooms = rooms.ids
    _check_settings_who(who_cells, known, issues)
    course_drafts, known.courses = read_courses(tables.get("courses"), known, issues)
    _check_slots_exist(settings, source, course_drafts, issues)
    topics = read_topics(tables.get("topics"), known, issues)
    room_rows = tuple(rooms.drafts) if rooms.ids is not None else None
    courses = finish_courses(
        course_drafts,
        tuple(topics.drafts),
        room_rows,
        settings.slots if settings else None,
        known,
        issues,
    )
    known.course_parts = {c.id: c.parts for c in courses.values()}
    if known.staff_rows is not None and known.horizon is not None:
        known.course_runs = {c.id: allowed_runs(c, known.staff_rows, known.horizon[0])
                             for c in courses.values()}
    pins = read_pins(tables.get("pins"), known, issues)
    programmes = read_programmes(tables.get("programmes"), known, issues)
    known.programmes = programmes.ids
    blocks = read_blocks(tables.get("programme_blocks"), known, issues)
    check_programmes_have_blocks(programmes, tables.get("programme_blocks"),
                                 source.label.format(table="programme_blocks"), issues)
    seats = read_seats(tables.get("external_seats"), known, issues)
    unavailability = read_unavailability(tables.get("unavailability"), known, issues)
    holidays = read_holidays(tables.get("holidays"), issues)
    history = read_history(tables.get("history"), known, issues)
    records = read_attendance_records(tables.get("attendance_records"), known, issues)
    previous = read_previous_term(source.plan, source.base, settings, known, issues)
    if settings is not None and not holidays.failed:
        check_fixed_days(settings, holidays.values(), courses, topics, pins)
    if issues or settings is None:
        return None
    return Problem(
        name=source.name,
        settings=settings,
        staff=staff.values(),
        departments=departments.values(),
        rooms=rooms.values(),
        courses=courses.values(),
        topics=topics.values(),
        programmes=programmes.values(),
        blocks=blocks.values(),
        seats=seats.values(),
        pins=pins.values(),
        unavailability=unavailability.values(),
        holidays=holidays.values(),
        history=history.values() + previous,
        attendance_records=records.values(),
    )


def load_problem(path: Path) -> Problem:
    """Read and validate an input folder or workbook; raise :class:`InputError` with every issue."""
    path = Path(path)
    issues = Issues()
    try:
        source = read_source(path, issues)
        problem = assemble(source, issues) if source is not None else None
    except InputError:
        raise
    except Exception as exc:  # the office must never see a traceback for its own data
        issues.add(
            path.name,
            None,
            None,
            None,
            f"inputs the loader can read (it stopped with {type(exc).__name__}: {exc}; "
            "please report this)",
        )
        problem = None
    if problem is None and not issues:
        issues.add(path.name, None, None, None, "plan settings with a horizon")
    issues.raise_if_any()
    assert problem is not None
    return problem


__all__ = ["load_problem", "read_source", "assemble", "Source", "TABLES_BY_NAME"]
