"""Assembling a :class:`planner.domain.Problem` from an input folder or workbook.

Tables are read in dependency order (departments → staff → rooms → courses → topics → …) so each
one can check its references against what came before; every issue from every table is collected
and raised together at the end. Nothing here raises anything but :class:`InputError` on user data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from planner.domain import Mode, Problem, Settings
from planner.errors import InputError, language_of, msg
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
from planner.inputs.names import Directory, add_table, rename, resolve_who
from planner.inputs.plandoc import PlanDoc, read_plan_sheet, read_plan_yaml, read_setting_sheets
from planner.inputs.attendance import read_attendance_records
from planner.inputs.previous import read_previous_term
from planner.inputs.refs import Known, is_list, resolve_list
from planner.inputs.rotations import (
    check_programmes_have_blocks,
    read_blocks,
    read_disciplines,
    read_programmes,
    read_rotation_capacity,
    read_seats,
    read_wishes,
)
from planner.inputs.schema import PLAN_SHEET, PLAN_SHEET_ZH, TABLES, TABLES_BY_NAME
from planner.inputs.settings import LANGUAGES, WhoCell, read_settings
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
PLAN_SHEET_NAMES = (PLAN_SHEET, PLAN_SHEET_ZH, "计划")


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
    issues.add(path.name, None, None, None, expected, msg("plan.missing.fix"))
    return None


def read_source(path: Path, issues: Issues) -> Source | None:
    """The raw tables and settings, or ``None`` when ``path`` is no input set at all."""
    if path.is_dir():
        name = path.resolve().name  # "." and ".." name the folder they stand for
        if not name:
            issues.add(str(path), None, None, None, msg("source.root"))
            return None
        source = Source(name, read_folder_tables(path, issues), label="{table}.csv", base=path)
        plan_file = next((p for p in (path / "plan.yaml", path / "plan.yml") if p.is_file()), None)
        if plan_file is None:
            issues.add("plan.yaml", None, None, None, msg("plan.missing.yaml"),
                       msg("plan.missing.fix"))
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
            source.plan = _plan_beside(path, issues, msg("plan.missing.sheet", stem=path.stem))
        if source.plan is not None:
            read_setting_sheets(wb, path.name, source.plan, issues)
        return source
    what = "missing" if not path.exists() else "kind"
    issues.add(path.name or str(path), None, None, None, msg(f"source.{what}"))
    return None


def _check_required_tables(source: Source, issues: Issues) -> None:
    for spec in TABLES:
        table = source.tables.get(spec.name)
        if table is None and spec.required:
            issues.add(source.label.format(table=spec.name), None, None, None,
                       msg("table.missing", table=spec.name, zh=spec.zh))
        elif table is not None and spec.required and not table.broken and not table.rows:
            issues.add(table.source, 2, None, None,
                       msg("table.no_rows", table=spec.name, zh=spec.zh))


def _resolve_settings_who(settings: Settings | None, cells: list[WhoCell], known: Known,
                          issues: Issues) -> Settings | None:
    """The who filters of the settings (quotas, credits) with names turned into ids, and their
    references checked; ``settings`` with the resolved filters."""
    from dataclasses import replace

    resolved = {}
    for cell in cells:
        if is_list(cell.who.text):  # a plain list of people or departments
            listed, problems = resolve_list(cell.who.text, known)
            for expected, hint in problems[:1]:
                issues.add(cell.file, cell.row, cell.column, cell.who.text, expected, hint)
            resolved[id(cell.who)] = listed or cell.who
            continue
        who, ambiguous = resolve_who(cell.who, known.names)
        for expected, hint in ambiguous:
            issues.add(cell.file, cell.row, cell.column, cell.who.text, expected, hint)
        for problem, hint in unknown_references(who, known.departments, known.staff):
            issues.add(cell.file, cell.row, cell.column, cell.who.text,
                       msg("who.naming", problem=problem), hint)
        resolved[id(cell.who)] = who
    if settings is None:
        return None

    def new(who):  # noqa: ANN001, ANN202
        return resolved.get(id(who), who)

    credits = settings.credits
    return replace(
        settings,
        quotas=tuple(replace(q, who=new(q.who)) for q in settings.quotas),
        credits=None if credits is None else replace(credits, who=new(credits.who)),
    )


def _check_slots_exist(
    settings: Settings | None, source: Source, courses: list, issues: Issues
) -> None:
    in_person = [c.course.id for c in courses if c.course.mode is Mode.IN_PERSON]
    if (settings is not None and not settings.slots and in_person and source.plan is not None
            and "slots" not in source.plan.failed):
        issues.add(*source.plan.locate(("slots",)), None,
                   msg("slots.none", course=in_person[0]), msg("slots.none.fix"))


def assemble(source: Source, issues: Issues) -> Problem | None:
    tables = source.tables
    _check_required_tables(source, issues)
    settings, who_cells = (
        read_settings(source.plan, source.name, issues) if source.plan else (None, [])
    )
    names = Directory()
    known = Known(
        horizon=(settings.horizon_start, settings.horizon_end) if settings else None,
        slots={s.id: s for s in settings.slots} if settings else None,
        names=names,
    )
    drafts, department_ids = read_departments(tables.get("departments"), issues)
    add_table(names, "department", tables.get("departments"))
    known.departments = names.ids["department"] if department_ids is not None else None
    rename(tables.get("staff"), names, issues)
    staff = read_staff(tables.get("staff"), known, issues)
    add_table(names, "staff", tables.get("staff"))
    known.staff = names.ids["staff"] if staff.ids is not None else None
    known.staff_rows = staff.values() if staff.complete else None
    departments = resolve_min_on_duty(drafts, known.staff_rows)
    rooms = read_rooms(tables.get("rooms"), issues)
    add_table(names, "room", tables.get("rooms"))
    known.rooms = names.ids["room"] if rooms.ids is not None else None
    for name in TABLES_BY_NAME:
        if name not in ("staff", "departments", "rooms"):
            rename(tables.get(name), names, issues)
    settings = _resolve_settings_who(settings, who_cells, known, issues)
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
    disciplines = read_disciplines(tables.get("disciplines"), known, issues)
    blocks = read_blocks(tables.get("programme_blocks"), known, issues, disciplines, programmes)
    places = read_rotation_capacity(tables.get("rotation_capacity"), known, issues)
    wishes = read_wishes(tables.get("rotation_wishes"), known, issues, disciplines)
    check_programmes_have_blocks(programmes, tables.get("programme_blocks"),
                                 source.label.format(table="programme_blocks"), issues)
    seats = read_seats(tables.get("external_seats"), known, issues)
    unavailability = read_unavailability(tables.get("unavailability"), known, issues)
    holidays = read_holidays(tables.get("holidays"), issues)
    history = read_history(tables.get("history"), known, issues)
    records = read_attendance_records(tables.get("attendance_records"), known, issues)
    previous = read_previous_term(source.plan, source.base, settings, known, issues)
    slots_read = source.plan is not None and "slots" not in source.plan.failed
    if settings is not None and not holidays.failed and slots_read:
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
        disciplines=disciplines.values(),
        rotation_places=places.values(),
        wishes=wishes.values(),
    )


def plan_language(source: Source | None) -> str:
    """The language the plan settings ask for, read leniently (``zh`` when they cannot be
    read or do not say)."""
    data = source.plan.data if source is not None and source.plan is not None else {}
    value = data.get("language")
    return language_of(LANGUAGES.get(str(value).strip().casefold()) if value else None)


def load_problem(path: Path, language: str | None = None) -> Problem:
    """Read and validate an input folder or workbook; raise :class:`InputError` with every
    issue, in ``language`` (default: the plan's, else Chinese)."""
    path = Path(path)
    issues = Issues()
    source = None
    try:
        source = read_source(path, issues)
        problem = assemble(source, issues) if source is not None else None
    except InputError:
        raise
    except Exception as exc:  # the office must never see a traceback for its own data
        issues.add(path.name, None, None, None,
                   msg("loader.crash", error=f"{type(exc).__name__}: {exc}"))
        problem = None
    if problem is None and not issues:
        issues.add(path.name, None, None, None, msg("plan.horizon"))
    issues.raise_if_any(language or plan_language(source))
    assert problem is not None
    return problem


__all__ = ["load_problem", "read_source", "assemble", "Source", "TABLES_BY_NAME"]
