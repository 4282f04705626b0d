"""Single mutations of the bundled example, run through ``planner plan`` one by one (``make fuzz``).

Each mutation changes one thing in a fresh copy of ``inputs/example`` — a cell, a row, a column,
a file, a setting — in the CSV folder or in the workbook made from it, and says what it is:

* ``nonsense``: no hospital means it (a birth date in 2030, a capacity of 10^12, a YAML alias
  bomb). It must be refused: exit 2 (or exit 3, "no plan possible", naming the rule).
* ``valid``: a real office might type it (another seed, a GBK file, a leave row). It must plan
  (exit 0) or, if the rules then clash, say so (exit 3).
* ``either``: could go both ways (an optional table removed); any clear outcome will do.

Every run gets a fresh state folder and a fresh working folder and a time limit, then gets one
verdict:

* ``exit 2 naming file, row and column`` / ``exit 2, whole-file error`` / ``exit 3 naming the
  rule`` / ``accepted`` (exit 0) — the outcomes that are fine when they match the mutation;
* ``traceback`` (exit 1, or a Python traceback, or "please report this"), ``hang`` (the time
  limit passed), ``write on refusal`` (a refused run left outputs, state or files in its working
  folder — one that finds no plan possible writes its diagnosis and nothing else), ``silent nonsense`` (nonsense accepted), ``valid input refused``, ``exit 4`` (the
  planner's own check failed) and ``exit 3 unexplained`` — failures: any of them makes the run
  exit 1.

    python -m tests.fuzz.mutations                 # all, 2 at a time, table on stdout
    python -m tests.fuzz.mutations --jobs 1 --only staff --json /tmp/fuzz.json --keep
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "inputs" / "example"
NAME = "example"

NONSENSE, VALID, EITHER = "nonsense", "valid", "either"

# Verdicts: fine outcomes first, then failures.
ROW_COLUMN = "exit 2 naming file, row and column"  # (a YAML line: the column is in the text)
WHOLE_FILE = "exit 2, whole-file error"
NO_PLAN = "exit 3 naming the rule"
ACCEPTED = "accepted (exit 0)"
TRACEBACK = "traceback"
HANG = "hang"
WROTE = "write on refusal"
#: What a run that finds no plan possible (exit 3) writes, and nothing else: its diagnosis.
DIAGNOSIS = ("out/diagnosis.html", "out/diagnosis.md")
SILENT = "silent nonsense"
REFUSED_VALID = "valid input refused"
CHECK_FAILED = "exit 4 (own check failed)"
UNEXPLAINED = "exit 3 unexplained"
FINE = (ROW_COLUMN, WHOLE_FILE, NO_PLAN, ACCEPTED)
FAILURES = (TRACEBACK, HANG, WROTE, SILENT, REFUSED_VALID, CHECK_FAILED, UNEXPLAINED)

Edit = Callable[[Path], None]  # changes the input folder in place


@dataclass(frozen=True)
class Mutation:
    id: str
    expect: str  # NONSENSE, VALID or EITHER
    edit: Edit  # applied to the CSV folder
    workbook: bool = False  # run on the workbook made from the edited folder instead
    book_edit: Callable[[Path], None] | None = None  # then applied to the workbook

    @property
    def form(self) -> str:
        return "xlsx" if self.workbook else "csv"


# ------------------------------------------------------------------------ editing CSV files

def read_rows(path: Path) -> list[list[str]]:
    return [list(r) for r in csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"),
                                                    newline=""))]


def write_rows(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def cell(table: str, row: int, column: str, value: str) -> Edit:
    """Set ``column`` of data row ``row`` (0 = the first row under the header)."""
    def edit(folder: Path) -> None:
        path = folder / f"{table}.csv"
        rows = read_rows(path)
        header = rows[0]
        if column not in header:
            header.append(column)
            for r in rows[1:]:
                r.append("")
        index = header.index(column)
        target = rows[1 + row]
        target.extend([""] * (len(header) - len(target)))
        target[index] = value
        write_rows(path, rows)
    return edit


def cells(*edits: Edit) -> Edit:
    def edit(folder: Path) -> None:
        for e in edits:
            e(folder)
    return edit


def add_row(table: str, values: dict[str, str]) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / f"{table}.csv"
        rows = read_rows(path)
        rows.append([values.get(h, "") for h in rows[0]])
        write_rows(path, rows)
    return edit


def duplicate_row(table: str, row: int = 0) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / f"{table}.csv"
        rows = read_rows(path)
        rows.append(list(rows[1 + row]))
        write_rows(path, rows)
    return edit


def drop_row(table: str, row: int) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / f"{table}.csv"
        rows = read_rows(path)
        del rows[1 + row]
        write_rows(path, rows)
    return edit


def keep_rows(table: str, keep: Callable[[dict[str, str]], bool]) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / f"{table}.csv"
        rows = read_rows(path)
        header = rows[0]
        write_rows(path, [header] + [r for r in rows[1:] if keep(dict(zip(header, r)))])
    return edit


def drop_column(table: str, column: str) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / f"{table}.csv"
        rows = read_rows(path)
        index = rows[0].index(column)
        write_rows(path, [r[:index] + r[index + 1:] for r in rows])
    return edit


def rename_column(table: str, column: str, new: str) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / f"{table}.csv"
        rows = read_rows(path)
        rows[0][rows[0].index(column)] = new
        write_rows(path, rows)
    return edit


def file_bytes(name: str, data: bytes) -> Edit:
    def edit(folder: Path) -> None:
        (folder / name).write_bytes(data)
    return edit


def delete_file(name: str) -> Edit:
    def edit(folder: Path) -> None:
        (folder / name).unlink()
    return edit


def header_only(table: str) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / f"{table}.csv"
        write_rows(path, read_rows(path)[:1])
    return edit


def reencode(table: str, encoding: str) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / f"{table}.csv"
        write_rows(path, read_rows(path), encoding)
    return edit


def reverse_rows(table: str) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / f"{table}.csv"
        rows = read_rows(path)
        write_rows(path, rows[:1] + rows[:0:-1])
    return edit


def blank_rows(table: str) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / f"{table}.csv"
        rows = read_rows(path)
        write_rows(path, [rows[0], [], *rows[1:2], [""] * len(rows[0]), *rows[2:]])
    return edit


def chinese_headers(table: str) -> Edit:
    from planner.inputs.schema import TABLES_BY_NAME

    def edit(folder: Path) -> None:
        spec = TABLES_BY_NAME[table]
        names = {c.name: c.zh for c in spec.columns if c.zh}
        path = folder / f"{table}.csv"
        rows = read_rows(path)
        rows[0] = [names.get(h, h) for h in rows[0]]
        write_rows(path, rows)
    return edit


# ------------------------------------------------------------------------ editing plan.yaml

def yaml_replace(old: str, new: str) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / "plan.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def yaml_append(text: str) -> Edit:
    def edit(folder: Path) -> None:
        with open(folder / "plan.yaml", "a", encoding="utf-8") as f:
            f.write(text)
    return edit


def yaml_drop_line(prefix: str) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / "plan.yaml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(x for x in lines if not x.startswith(prefix)), encoding="utf-8")
    return edit


def solver(**values: object) -> Edit:
    text = ", ".join(f"{k}: {v}" for k, v in {"time_limit": 60, "seed": 1, "workers": 2,
                                               **values}.items())
    return yaml_replace("solver: {time_limit: 60, seed: 1, workers: 2}", f"solver: {{{text}}}")


FLOW_BOMB = "[" + ", ".join(
    f"&a{k} [{', '.join([f'*a{k - 1}'] * 9) if k else ', '.join(['lol'] * 9)}]"
    for k in range(9)) + "]"
BOMB = "".join(f"a{k}: &a{k} [{','.join([f'*a{k - 1}'] * 9) if k else ','.join(['lol'] * 9)}]\n"
               for k in range(9))


# ------------------------------------------------------------------------ editing workbooks

def book_cell(sheet: str, ref: str, value: object) -> Callable[[Path], None]:
    def edit(book: Path) -> None:
        import openpyxl

        wb = openpyxl.load_workbook(book)
        wb[sheet][ref] = value
        wb.save(book)
    return edit


def book_plan(key: str, value: object) -> Callable[[Path], None]:
    """Set the plan sheet's value for ``key`` (a new row when the key is not there)."""
    def edit(book: Path) -> None:
        import openpyxl

        wb = openpyxl.load_workbook(book)
        ws = wb["plan"]
        row = next((c.row for c in ws["A"] if c.value == key), ws.max_row + 1)
        ws.cell(row, 1).value = key
        ws.cell(row, 2).value = value
        wb.save(book)
    return edit


def book_rename_key(key: str, new: str) -> Callable[[Path], None]:
    def edit(book: Path) -> None:
        import openpyxl

        wb = openpyxl.load_workbook(book)
        ws = wb["plan"]
        next(c for c in ws["A"] if c.value == key).value = new
        wb.save(book)
    return edit


def book_sheets(change: Callable[[object], None]) -> Callable[[Path], None]:
    def edit(book: Path) -> None:
        import openpyxl

        wb = openpyxl.load_workbook(book)
        change(wb)
        wb.save(book)
    return edit


def book_bytes(data: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def edit(book: Path) -> None:
        book.write_bytes(data(book.read_bytes()))
    return edit


def zip_bomb(book: Path) -> None:
    import zipfile

    with zipfile.ZipFile(book, "a", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("xl/media/filler.bin", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(520):  # 520 MB unpacked, about 0.5 MB packed
                member.write(block)


# ------------------------------------------------------------------------ the mutations

def _staff_cases() -> list[tuple[str, str, Edit]]:
    s = "staff"
    return [
        ("staff id empty", NONSENSE, cell(s, 0, "id", "")),
        ("staff id duplicated", NONSENSE, cell(s, 1, "id", "S001")),
        ("staff id of 200 characters", NONSENSE, cell(s, 0, "id", "S" * 200)),
        ("staff name empty", NONSENSE, cell(s, 3, "name", "")),
        ("staff name of 32,767 characters", NONSENSE, cell(s, 12, "name", "名" * 32767)),
        ("staff name with markup", VALID, cell(s, 3, "name", "<script>alert(1)</script>")),
        ("staff name with a line break", VALID, cell(s, 4, "name", "王\r\n建国")),
        ("staff name starting with =", VALID, cell(s, 5, "name", "=HYPERLINK(\"x\")")),
        ("staff unknown department", NONSENSE, cell(s, 6, "department", "XX")),
        ("staff department empty", NONSENSE, cell(s, 6, "department", "")),
        ("staff role unknown", NONSENSE, cell(s, 7, "role", "wizard")),
        ("staff role in Chinese", VALID, cell(s, 7, "role", "医生")),
        ("staff title unknown", NONSENSE, cell(s, 8, "title", "大夫")),
        ("staff title as a grade", VALID, cell(s, 8, "title", "中级")),
        ("birth date 2030", NONSENSE, cell(s, 9, "birth_date", "2030-01-01")),
        ("birth date 1800", NONSENSE, cell(s, 9, "birth_date", "1800-01-01")),
        ("birth date 9999", NONSENSE, cell(s, 9, "birth_date", "9999-12-31")),
        ("birth date 1920", NONSENSE, cell(s, 9, "birth_date", "1920-01-01")),
        ("birth date 2027-02-30", NONSENSE, cell(s, 9, "birth_date", "2027-02-30")),
        ("birth date as text", NONSENSE, cell(s, 9, "birth_date", "last spring")),
        ("birth date with slashes", VALID, cell(s, 9, "birth_date", "1973/09/01")),
        ("birth date in Chinese", VALID, cell(s, 9, "birth_date", "1973年9月1日")),
        ("birth date empty", NONSENSE, cell(s, 10, "birth_date", "")),
        ("age given beside birth date", NONSENSE, cell(s, 10, "age", "40")),
        ("age 0 instead of birth date", NONSENSE, cells(cell(s, 10, "birth_date", ""),
                                                        cell(s, 10, "age", "0"))),
        ("age 200", NONSENSE, cells(cell(s, 10, "birth_date", ""), cell(s, 10, "age", "200"))),
        ("age -5", NONSENSE, cells(cell(s, 10, "birth_date", ""), cell(s, 10, "age", "-5"))),
        ("age 1e300", NONSENSE, cells(cell(s, 10, "birth_date", ""),
                                      cell(s, 10, "age", "1e300"))),
        ("age 35 instead of birth date", VALID, cells(cell(s, 10, "birth_date", ""),
                                                      cell(s, 10, "age", "35"))),
        ("e-mail without @", NONSENSE, cell(s, 11, "email", "wang at example")),
        ("e-mail of 300 characters", NONSENSE, cell(s, 11, "email", "a" * 300 + "@x.cn")),
        ("employed before birth", NONSENSE, cell(s, 13, "employed_since", "1950-01-01")),
        ("employed at age 5", NONSENSE, cell(s, 0, "employed_since", "1985-09-01")),
        ("employed after the horizon", NONSENSE, cell(s, 13, "employed_since", "2031-01-01")),
        ("employed_since as text", NONSENSE, cell(s, 13, "employed_since", "long ago")),
        ("employed_since empty", VALID, cell(s, 13, "employed_since", "")),
        ("employed last month", VALID, cell(s, 14, "employed_since", "2026-12-01")),
        ("specialty of 32,767 characters", NONSENSE, cell(s, 15, "specialty", "专" * 32767)),
        ("staff row duplicated", NONSENSE, duplicate_row(s, 20)),
        ("staff row removed", VALID, drop_row(s, 11)),  # S012, named nowhere else
        ("staff new person", VALID, add_row(s, {"id": "S999", "name": "新同事", "department": "NK",
                                                "role": "nurse", "title": "护士",
                                                "birth_date": "2001-05-04"})),
        ("staff column name dropped", NONSENSE, drop_column(s, "name")),
        ("staff column birth_date dropped", NONSENSE, drop_column(s, "birth_date")),
        ("staff column email dropped", VALID, drop_column(s, "email")),
        ("staff column renamed to a typo", NONSENSE, rename_column(s, "department", "deparment")),
        ("staff column repeated", NONSENSE, rename_column(s, "email", "name")),
        ("staff headers in Chinese", VALID, chinese_headers(s)),
        ("staff in GBK", VALID, reencode(s, "gbk")),
        ("staff without BOM", VALID, reencode(s, "utf-8")),
        ("staff rows reversed", VALID, reverse_rows(s)),
        ("staff with blank rows", VALID, blank_rows(s)),
    ]


def _department_room_cases() -> list[tuple[str, str, Edit]]:
    d, r = "departments", "rooms"
    return [
        ("department id duplicated", NONSENSE, cell(d, 1, "id", "XZ")),
        ("min_on_duty 1e300", NONSENSE, cell(d, 1, "min_on_duty", "1e300")),
        ("min_on_duty -1", NONSENSE, cell(d, 1, "min_on_duty", "-1")),
        ("min_on_duty 150%", NONSENSE, cell(d, 1, "min_on_duty", "150%")),
        ("min_on_duty lots", NONSENSE, cell(d, 1, "min_on_duty", "lots")),
        ("min_on_duty 999 heads", NONSENSE, cell(d, 1, "min_on_duty", "999")),
        ("min_on_duty 0", VALID, cell(d, 1, "min_on_duty", "0")),
        ("min_on_duty 50%", VALID, cell(d, 1, "min_on_duty", "50%")),
        ("min_on_duty 100%", EITHER, cell(d, 4, "min_on_duty", "100%")),
        ("rotator_capacity -1", NONSENSE, cell(d, 1, "rotator_capacity", "-1")),
        ("rotator_capacity 10^12", NONSENSE, cell(d, 1, "rotator_capacity", "1000000000000")),
        ("rotator_capacity 1.5", NONSENSE, cell(d, 1, "rotator_capacity", "1.5")),
        ("rotator_capacity 0 where residents rotate", EITHER, cell(d, 2, "rotator_capacity", "0")),
        ("rotators_count_on_duty maybe", NONSENSE, cell(d, 1, "rotators_count_on_duty", "maybe")),
        ("rotators_count_on_duty no", VALID, cell(d, 1, "rotators_count_on_duty", "no")),
        ("department name empty", NONSENSE, cell(d, 3, "name", "")),
        ("department without staff", VALID, add_row(d, {"id": "KF", "name": "康复科",
                                                        "min_on_duty": "0"})),
        ("departments header only", NONSENSE, header_only(d)),
        ("departments deleted", NONSENSE, delete_file(f"{d}.csv")),
        ("room capacity 0", NONSENSE, cell(r, 3, "capacity", "0")),
        ("room capacity -5", NONSENSE, cell(r, 3, "capacity", "-5")),
        ("room capacity 10^12", NONSENSE, cell(r, 0, "capacity", "1000000000000")),
        ("room capacity 1e300", NONSENSE, cell(r, 0, "capacity", "1e300")),
        ("room capacity 9 * 5000 digits", NONSENSE, cell(r, 0, "capacity", "9" * 5000)),
        ("room capacity big", NONSENSE, cell(r, 0, "capacity", "big")),
        ("room capacity 150", VALID, cell(r, 0, "capacity", "150")),
        ("room capacity with thousands separator", VALID, cell(r, 0, "capacity", "1,000")),
        ("room id duplicated", NONSENSE, cell(r, 1, "id", "R1")),
        ("skills lab loses its feature", NONSENSE, cell(r, 2, "features", "projector")),
        ("room features with Chinese commas", VALID, cell(r, 0, "features", "projector，recording")),
        ("room added", VALID, add_row(r, {"id": "R6", "name": "小会议室", "capacity": "12",
                                          "features": "projector"})),
        ("rooms header only", NONSENSE, header_only(r)),
        ("rooms deleted", NONSENSE, delete_file(f"{r}.csv")),
    ]


def _course_cases() -> list[tuple[str, str, Edit]]:
    c = "courses"
    qy, ydon, yd, gr, fl, cpr, jj, ks, dcf, xm = 0, 1, 3, 4, 5, 6, 7, 8, 9, 10
    return [
        ("course id duplicated", NONSENSE, cell(c, yd, "id", "QY-XX")),
        ("course id reserved exit:", NONSENSE, cell(c, xm, "id", "exit:XM")),
        ("course title empty", NONSENSE, cell(c, yd, "title", "")),
        ("course title of 32,767 characters", NONSENSE, cell(c, yd, "title", "课" * 32767)),
        ("course title with markup", VALID, cell(c, yd, "title", "<b>医德</b> & 医风")),
        ("category unknown", NONSENSE, cell(c, yd, "category", "fun")),
        ("category in Chinese", VALID, cell(c, yd, "category", "职业道德")),
        ("mode unknown", NONSENSE, cell(c, yd, "mode", "hybrid")),
        ("hours 0 in person", NONSENSE, cell(c, yd, "hours", "0")),
        ("hours -1", NONSENSE, cell(c, yd, "hours", "-1")),
        ("hours 1e300", NONSENSE, cell(c, yd, "hours", "1e300")),
        ("hours 3, longer than any slot", NONSENSE, cell(c, yd, "hours", "3")),
        ("hours with a comma", NONSENSE, cell(c, yd, "hours", "1,5")),
        ("hours 1", VALID, cell(c, yd, "hours", "1")),
        ("online hours 1e9", NONSENSE, cell(c, ydon, "hours", "1000000000")),
        ("online hours 20", VALID, cell(c, ydon, "hours", "20")),
        ("sessions 0", NONSENSE, cell(c, yd, "sessions", "0")),
        ("sessions 100000", NONSENSE, cell(c, yd, "sessions", "100000")),
        ("sessions 5 against 12 topics", NONSENSE, cell(c, qy, "sessions", "5")),
        ("sessions 8", VALID, cell(c, dcf, "sessions", "8")),
        ("cohort_size 0", NONSENSE, cell(c, cpr, "cohort_size", "0")),
        ("cohort_size 10^12", NONSENSE, cell(c, cpr, "cohort_size", "1000000000000")),
        ("cohort_size above the skills lab", NONSENSE, cell(c, cpr, "cohort_size", "500")),
        ("cohort_size 20", VALID, cell(c, cpr, "cohort_size", "20")),
        ("credits 1e300", NONSENSE, cell(c, yd, "credits", "1e300")),
        ("credits -1", NONSENSE, cell(c, yd, "credits", "-1")),
        ("credits 1000", NONSENSE, cell(c, yd, "credits", "1000")),
        ("credits 1", VALID, cell(c, yd, "credits", "1")),
        ("speaker_credits 1e300", NONSENSE, cell(c, yd, "speaker_credits", "1e300")),
        ("credit_class X", NONSENSE, cell(c, yd, "credit_class", "X")),
        ("credit_class I", VALID, cell(c, yd, "credit_class", "I")),
        ("audience bad syntax", NONSENSE, cell(c, yd, "audience", "doctors please")),
        ("audience unknown role", NONSENSE, cell(c, yd, "audience", "role=chef")),
        ("audience unknown department", NONSENSE, cell(c, yd, "audience", "dept=XX")),
        ("audience of 20,000 characters", NONSENSE, cell(c, yd, "audience",
                                                         "id=" + ",".join(["S001"] * 4000))),
        ("audience nurses only", VALID, cell(c, yd, "audience", "role=nurse")),
        ("speakers unknown id", NONSENSE, cell(c, yd, "speakers", "S999")),
        ("speakers external without a name", NONSENSE, cell(c, fl, "speakers", "external:")),
        ("speakers empty", NONSENSE, cell(c, yd, "speakers", "")),
        ("speakers as a filter", VALID, cell(c, yd, "speakers", "title>=associate")),
        ("room_feature nobody offers", NONSENSE, cell(c, yd, "room_feature", "hyperbaric")),
        ("window reversed", NONSENSE, cells(cell(c, cpr, "window_start", "2027-11-30"),
                                            cell(c, cpr, "window_end", "2027-03-01"))),
        ("window outside the horizon", NONSENSE, cells(cell(c, jj, "window_start", "2029-01-01"),
                                                       cell(c, jj, "window_end", "2029-06-30"))),
        ("window_start garbage", NONSENSE, cell(c, cpr, "window_start", "spring")),
        ("window_end in December", VALID, cell(c, cpr, "window_end", "2027-12-10")),
        ("frequency unknown", NONSENSE, cell(c, dcf, "frequency", "fortnightly-ish")),
        ("dates garbage", NONSENSE, cell(c, fl, "dates", "soon, later")),
        ("dates all on holidays", NONSENSE, cell(c, fl, "dates", "2027-10-01,2027-10-04")),
        ("dates one more day", VALID, cell(c, fl, "dates", "2027-03-16,2027-03-18,2027-04-13,"
                                                          "2027-04-15,2027-09-07,2027-09-09,"
                                                          "2027-11-16,2027-11-18,2027-12-07")),
        ("online due before the horizon", NONSENSE, cell(c, ydon, "due", "2026-06-30")),
        ("online due garbage", NONSENSE, cell(c, ydon, "due", "June")),
        ("online due in November", VALID, cell(c, ydon, "due", "2027-11-30")),
        ("repeats 1000000", NONSENSE, cell(c, yd, "repeats", "1000000")),
        ("repeats -1", NONSENSE, cell(c, yd, "repeats", "-1")),
        ("repeats 2", VALID, cell(c, yd, "repeats", "2")),
        ("recording maybe", NONSENSE, cell(c, qy, "recording", "maybe")),
        ("hospital_run 否", VALID, cell(c, qy, "hospital_run", "否")),
        ("course row duplicated", NONSENSE, duplicate_row(c, gr)),
        ("course removed with its topics", VALID, cells(drop_row(c, dcf))),
        ("course hours column dropped", NONSENSE, drop_column(c, "hours")),
        ("courses header only", NONSENSE, header_only(c)),
        ("courses bytes 0-255", NONSENSE, file_bytes(f"{c}.csv", bytes(range(256)) * 40)),
        ("courses not UTF-8 nor GBK", NONSENSE, file_bytes(f"{c}.csv", b"id,title\n\xff\xfe\x80")),
        ("courses unbalanced quote", NONSENSE, file_bytes(f"{c}.csv", b'id,title\n"QY,"x\n')),
        ("courses deleted", NONSENSE, delete_file(f"{c}.csv")),
        ("courses in GBK", VALID, reencode(c, "gb18030")),
    ]


def _topic_pin_cases() -> list[tuple[str, str, Edit]]:
    t, p = "topics", "pins"
    return [
        ("topic session 0", NONSENSE, cell(t, 0, "session", "0")),
        ("topic session 99", NONSENSE, cell(t, 3, "session", "99")),
        ("topic session twice", NONSENSE, cell(t, 3, "session", "3")),
        ("topic unknown course", NONSENSE, cell(t, 2, "course", "NOPE")),
        ("topic unknown speaker", NONSENSE, cell(t, 2, "speaker", "S999")),
        ("topic empty", NONSENSE, cell(t, 2, "topic", "")),
        ("topic date on National Day", NONSENSE, cell(t, 9, "date", "2027-10-05")),
        ("topic date on a Sunday", NONSENSE, cell(t, 2, "date", "2027-03-14")),
        ("topic date outside the horizon", NONSENSE, cell(t, 2, "date", "2028-03-14")),
        ("topic date on a Tuesday", VALID, cell(t, 2, "date", "2027-03-16")),
        ("topic speaker changed", VALID, cell(t, 4, "speaker", "S001")),
        ("topics deleted", NONSENSE, delete_file(f"{t}.csv")),
        ("pin on run 9", NONSENSE, cell(p, 0, "run", "9")),
        ("pin on run 0", NONSENSE, cell(p, 0, "run", "0")),
        ("pin on run 10^30", NONSENSE, cell(p, 0, "run", "1" + "0" * 30)),
        ("pin on session 99", NONSENSE, cell(p, 0, "session", "99")),
        ("pin on a holiday", NONSENSE, cells(cell(p, 0, "date", "2027-10-05"))),
        ("pin on a Saturday", NONSENSE, cells(cell(p, 0, "date", "2027-01-16"),
                                              cell(p, 0, "slot", ""))),
        ("pin slot on another weekday", NONSENSE, cell(p, 0, "date", "2027-01-14")),
        ("pin unknown slot", NONSENSE, cell(p, 0, "slot", "wed-am")),
        ("pin unknown room", NONSENSE, cell(p, 0, "room", "R9")),
        ("pin unknown speaker", NONSENSE, cell(p, 0, "speaker", "S999")),
        ("pin unknown course", NONSENSE, cell(p, 0, "course", "NOPE")),
        ("pin date outside the horizon", NONSENSE, cell(p, 0, "date", "2026-12-29")),
        ("pin duplicated", NONSENSE, duplicate_row(p, 1)),
        ("pin on run 2 of a repeated course", VALID, add_row(p, {"course": "YD-01",
                                                                 "session": "2", "run": "2"})),
        ("pin without a date", VALID, cell(p, 1, "date", "")),
        ("pins deleted", VALID, delete_file(f"{p}.csv")),
        ("pins header only", VALID, header_only(p)),
    ]


def _rotation_seat_cases() -> list[tuple[str, str, Edit]]:
    pr, b, x = "programmes", "programme_blocks", "external_seats"
    return [
        ("programme participants unknown id", NONSENSE, cell(pr, 0, "participants", "id=S999")),
        ("programme participants bad filter", NONSENSE, cell(pr, 0, "participants", "residents")),
        ("programme start after end", NONSENSE, cells(cell(pr, 0, "start", "2027-12-31"),
                                                      cell(pr, 0, "end", "2027-01-01"))),
        ("programme order unknown", NONSENSE, cell(pr, 0, "order", "random")),
        ("programme exam_hours 1e300", NONSENSE, cell(pr, 0, "exam_hours", "1e300")),
        ("programme exit_exam maybe", NONSENSE, cell(pr, 0, "exit_exam", "maybe")),
        ("programme order free", VALID, cell(pr, 0, "order", "free")),
        ("programmes deleted", NONSENSE, delete_file(f"{pr}.csv")),
        ("programme_blocks deleted", NONSENSE, delete_file(f"{b}.csv")),
        ("programme_blocks header only", NONSENSE, header_only(b)),
        ("programme and blocks deleted", VALID, cells(delete_file(f"{pr}.csv"),
                                                      delete_file(f"{b}.csv"),
                                                      keep_rows("history", lambda r: r["kind"]
                                                                != "rotation"))),
        ("blocks in a cycle", NONSENSE, cell(b, 0, "after", "3")),
        ("block after itself", NONSENSE, cell(b, 1, "after", "2")),
        ("block after an unknown block", NONSENSE, cell(b, 1, "after", "7")),
        ("block min_months > max_months", NONSENSE, cell(b, 0, "min_months", "5")),
        ("block min_months 0", NONSENSE, cell(b, 0, "min_months", "0")),
        ("block max_months 1000", NONSENSE, cell(b, 0, "max_months", "1000")),
        ("block number 10^6", NONSENSE, cell(b, 2, "block", "1000000")),
        ("block choose 5 of 1", NONSENSE, cell(b, 0, "choose", "5")),
        ("block unknown department", NONSENSE, cell(b, 0, "departments", "XX")),
        ("block preference not listed", NONSENSE, cell(b, 0, "preference", "WK")),
        ("block elective", VALID, cells(cell(b, 2, "departments", "JZ,ICU"),
                                        cell(b, 2, "preference", "JZ"))),
        ("seat months 0", NONSENSE, cell(x, 0, "months", "0")),
        ("seat months 1000", NONSENSE, cell(x, 0, "months", "1000")),
        ("seat places 0", NONSENSE, cell(x, 0, "seats", "0")),
        ("seat places 10^6", NONSENSE, cell(x, 0, "seats", "1000000")),
        ("seat min_years 100", NONSENSE, cell(x, 0, "min_years", "100")),
        ("seat min_years 40: nobody qualifies (a warning)", VALID, cell(x, 0, "min_years", "40")),
        ("seat candidates match nobody", NONSENSE, cell(x, 0, "candidates", "role=pharmacist; "
                                                                           "dept=NK")),
        ("seat candidates nobody", NONSENSE, cell(x, 0, "candidates", "nobody")),
        ("seat start window reversed", NONSENSE, cell(x, 0, "start_latest", "2027-02-01")),
        ("seat start window outside the horizon", EITHER, cells(
            cell(x, 0, "start_earliest", "2029-03-01"), cell(x, 0, "start_latest", "2029-03-31"))),
        ("seat teach_back_weeks 10^6", NONSENSE, cell(x, 0, "teach_back_weeks", "1000000")),
        ("seat max_away_per_specialty 0", NONSENSE, cell(x, 0, "max_away_per_specialty", "0")),
        ("seat department_priority unknown", NONSENSE, cell(x, 0, "department_priority", "XX")),
        ("seat places 2", VALID, cell(x, 0, "seats", "2")),
        ("seat id duplicated", NONSENSE, cell(x, 1, "id", "JX1")),
        ("external_seats deleted", VALID, delete_file(f"{x}.csv")),
    ]


def _availability_cases() -> list[tuple[str, str, Edit]]:
    u, h, y = "unavailability", "holidays", "history"
    return [
        ("leave kind unknown", NONSENSE, cell(u, 0, "kind", "vacation")),
        ("leave unknown person", NONSENSE, cell(u, 1, "id", "S999")),
        ("leave from after to", NONSENSE, cell(u, 1, "from", "2027-05-01")),
        ("leave to 9999-12-31", NONSENSE, cell(u, 1, "to", "9999-12-31")),
        ("leave overlapping another", NONSENSE, add_row(u, {"kind": "staff", "id": "S044",
                                                            "from": "2027-03-20",
                                                            "to": "2027-04-10"})),
        ("room closed all year", EITHER, add_row(u, {"kind": "room", "id": "R4",
                                                     "from": "2027-01-01", "to": "2027-12-31"})),
        ("a speaker's month of leave", VALID, add_row(u, {"kind": "staff", "id": "S001",
                                                          "from": "2027-06-01",
                                                          "to": "2027-06-30", "reason": "病假"})),
        ("leave reason with markup", VALID, cell(u, 2, "reason", "<script>x</script>")),
        ("unavailability deleted", VALID, delete_file(f"{u}.csv")),
        ("holiday date garbage", NONSENSE, cell(h, 0, "date", "New Year")),
        ("holiday kind unknown", NONSENSE, cell(h, 0, "kind", "party")),
        ("holiday date twice", NONSENSE, cell(h, 1, "date", "2027-01-01")),
        ("holidays deleted (2027 unknown to chinesecalendar)", EITHER, delete_file(f"{h}.csv")),
        ("an extra holiday", VALID, add_row(h, {"date": "2027-07-01", "kind": "holiday",
                                                "name": "院庆"})),
        ("history unknown staff", NONSENSE, cell(y, 0, "staff_id", "S999")),
        ("history kind unknown", NONSENSE, cell(y, 0, "kind", "gift")),
        ("history amount 1e300", NONSENSE, cell(y, 0, "amount", "1e300")),
        ("history amount -1", NONSENSE, cell(y, 0, "amount", "-1")),
        ("history credits class none", NONSENSE, cell(y, 0, "category", "none")),
        ("history unknown programme", NONSENSE, cell(y, 163, "programme", "NOPE")),
        ("history amount 2", VALID, cell(y, 0, "amount", "2")),
        ("history deleted", VALID, delete_file(f"{y}.csv")),
        ("sign-in record unknown session id", NONSENSE, file_bytes(
            "attendance_records.csv", "staff_id,session,attended\r\nS001,QY-XX#x.1,yes\r\n"
            .encode())),
        ("sign-in record part 10^30", NONSENSE, file_bytes(
            "attendance_records.csv", f"staff_id,course,part\r\nS001,QY-XX,{10**30}\r\n"
            .encode())),
        ("sign-in record session 5,000 digits", NONSENSE, file_bytes(
            "attendance_records.csv", f"staff_id,session\r\nS001,QY-XX#{'9' * 5000}.1\r\n"
            .encode())),
        ("a sign-in record", VALID, file_bytes(
            "attendance_records.csv", "staff_id,course,part,attended\r\nS002,QY-XX,1,yes\r\n"
            .encode())),
    ]


def _plan_cases() -> list[tuple[str, str, Edit]]:
    return [
        ("plan.yaml deleted", NONSENSE, delete_file("plan.yaml")),
        ("plan.yaml empty", NONSENSE, file_bytes("plan.yaml", b"")),
        ("plan.yaml binary", NONSENSE, file_bytes("plan.yaml", bytes(range(256)))),
        ("plan.yaml a list", NONSENSE, file_bytes("plan.yaml", b"- a\n- b\n")),
        ("YAML syntax error", NONSENSE, yaml_replace("slots:\n", "slots: [\n")),
        ("YAML tab indentation", NONSENSE, yaml_replace("  who: role", "\twho: role")),
        ("duplicate key", NONSENSE, yaml_append("language: en\n")),
        ("billion laughs", NONSENSE, yaml_append(BOMB)),
        ("quotas: *a8", NONSENSE, cells(yaml_drop_line("quotas:"), yaml_drop_line("- {who: "),
                                        yaml_append(BOMB + "quotas: *a8\n"))),
        ("100,000 nested [", NONSENSE, yaml_append("x: " + "[" * 100_000 + "\n")),
        ("plan.yaml of 2 MB", NONSENSE, yaml_append("# " + "x" * 2_000_000 + "\n")),
        ("python tag", NONSENSE, yaml_append("x: !!python/object/apply:os.system [ls]\n")),
        ("bad int tag", NONSENSE, yaml_append("feed_window_days: !!int x\n")),
        ("horizon 2027-02-30", NONSENSE, yaml_replace("start: 2027-01-01", "start: 2027-02-30")),
        ("horizon reversed", NONSENSE, yaml_replace("end: 2027-12-31", "end: 2026-12-31")),
        ("horizon ten years", NONSENSE, yaml_replace("end: 2027-12-31", "end: 2036-12-31")),
        ("horizon year 9999", NONSENSE, yaml_replace("end: 2027-12-31", "end: 9999-12-31")),
        ("horizon missing", NONSENSE, yaml_drop_line("horizon:")),
        ("horizon half year, other tables still naming later dates", EITHER,
         yaml_replace("end: 2027-12-31", "end: 2027-06-30")),
        ("horizon a week shorter", VALID, yaml_replace("end: 2027-12-31", "end: 2027-12-24")),
        ("unknown setting", NONSENSE, yaml_append("horizn: 1\n")),
        ("hospital as a list", NONSENSE, yaml_replace("hospital: 示例县人民医院", "hospital: [a, b]")),
        ("hospital of 32,767 characters", NONSENSE, yaml_replace(
            "hospital: 示例县人民医院", "hospital: " + "院" * 32767)),
        ("hospital renamed", VALID, yaml_replace("hospital: 示例县人民医院", "hospital: 第二医院 #2")),
        ("timezone unknown", NONSENSE, yaml_replace("timezone: Asia/Shanghai", "timezone: Mars/Base")),
        ("timezone path", NONSENSE, yaml_replace("timezone: Asia/Shanghai",
                                                 "timezone: ../../etc/passwd")),
        ("timezone Asia/Urumqi", VALID, yaml_replace("timezone: Asia/Shanghai",
                                                     "timezone: Asia/Urumqi")),
        ("language fr", NONSENSE, yaml_replace("language: zh", "language: fr")),
        ("language en", VALID, yaml_replace("language: zh", "language: en")),
        ("base URL with markup", NONSENSE, yaml_replace(
            "public_base_url: https://cme.example-hospital.cn",
            "public_base_url: 'https://x\"><script>'")),
        ("base URL with a space", NONSENSE, yaml_replace(
            "public_base_url: https://cme.example-hospital.cn",
            "public_base_url: https://cme.example hospital.cn")),
        ("base URL of 300 characters", NONSENSE, yaml_replace(
            "public_base_url: https://cme.example-hospital.cn",
            "public_base_url: https://cme.example-hospital.cn/" + "a" * 260)),
        ("base URL ftp", NONSENSE, yaml_replace("public_base_url: https://",
                                                "public_base_url: ftp://")),
        ("base URL with a path", VALID, yaml_replace(
            "public_base_url: https://cme.example-hospital.cn",
            "public_base_url: https://www.example-hospital.cn/cme/")),
        ("base URL removed", VALID, yaml_drop_line("public_base_url:")),
        ("slots empty", NONSENSE, yaml_replace("slots:\n", "slots: []\nx_slots:\n")),
        ("slot weekday funday", NONSENSE, yaml_replace("weekday: tue", "weekday: funday")),
        ("slot ends before it starts", NONSENSE, yaml_replace("end: '18:00'}", "end: '15:00'}")),
        ("slot time 25:00", NONSENSE, yaml_replace("start: '16:30'", "start: '25:00'")),
        ("slot id twice", NONSENSE, yaml_replace("id: thu-pm", "id: tue-pm")),
        ("slot on Wednesday", VALID, yaml_replace("- {id: thu-pm, weekday: thu",
                                                  "- {id: wed-pm, weekday: wed, start: '16:30', "
                                                  "end: '18:00'}\n- {id: thu-pm, weekday: thu")),
        ("quota min_hours 1e300", NONSENSE, yaml_replace("min_hours: 24", "min_hours: 1e300")),
        ("quota min_hours -1", NONSENSE, yaml_replace("min_hours: 24", "min_hours: -1")),
        ("quota online share 2", NONSENSE, yaml_replace("online_share_max: 0.5}",
                                                        "online_share_max: 2}")),
        ("quota category unknown", NONSENSE, yaml_replace("category: ethics", "category: fun")),
        ("quota who unknown department", NONSENSE, yaml_replace("{who: everyone",
                                                                "{who: dept=XX")),
        ("quota min_hours 30", VALID, yaml_replace("min_hours: 24", "min_hours: 30")),
        ("credits class1 min > max", NONSENSE, yaml_replace("class1: {min: 5, max: 10}",
                                                            "class1: {min: 12, max: 10}")),
        ("credits total_min 1e300", NONSENSE, yaml_replace("total_min: 25", "total_min: 1e300")),
        ("credits total_min 20", VALID, yaml_replace("total_min: 25", "total_min: 20")),
        ("rate 1e300", NONSENSE, yaml_replace("lecture_attendee: 0.5", "lecture_attendee: 1e300")),
        ("rate as text", NONSENSE, yaml_replace("lecture_attendee: 0.5", "lecture_attendee: half")),
        ("full-year months 10^6", NONSENSE, yaml_replace("external_full_year_months: 6",
                                                         "external_full_year_months: 1000000")),
        ("rate 1", VALID, yaml_replace("lecture_attendee: 0.5", "lecture_attendee: 1")),
        ("rule minimum 10^9", NONSENSE, yaml_replace("minimum: 5", "minimum: 1000000000")),
        ("rule kind unknown", NONSENSE, yaml_replace("kind: min-per-year", "kind: max-per-year")),
        ("rule minimum 6", EITHER, yaml_replace("minimum: 5", "minimum: 6")),
        ("seed 10^30", NONSENSE, solver(seed=10**30)),
        ("seed -1", NONSENSE, solver(seed=-1)),
        ("seed 7", VALID, solver(seed=7)),
        ("workers 0", NONSENSE, solver(workers=0)),
        ("workers 10^6", NONSENSE, solver(workers=10**6)),
        ("time_limit 0", NONSENSE, solver(time_limit=0)),
        ("time_limit 1e300", NONSENSE, solver(time_limit="1e300")),
        ("time_limit .inf", NONSENSE, solver(time_limit=".inf")),
        ("engine unknown", NONSENSE, solver(engine="gurobi")),
        ("engine cp-sat", VALID, solver(engine="cp-sat")),
        ("replan_scope unknown", NONSENSE, solver(replan_scope="nearby")),
        ("feed_window_days 10^20", NONSENSE, yaml_append(f"feed_window_days: {10**20}\n")),
        ("feed_window_days 0", NONSENSE, yaml_append("feed_window_days: 0\n")),
        ("feed_window_days 30", VALID, yaml_append("feed_window_days: 30\n")),
        ("previous_term missing", NONSENSE, yaml_append("previous_term: ../nowhere\n")),
        ("previous_term a file that is no plan", NONSENSE, yaml_append("previous_term: "
                                                                       "staff.csv\n")),
    ]


def _whole_file_cases() -> list[tuple[str, str, Edit]]:
    out = []
    for table in ("staff", "departments", "rooms", "courses", "topics", "pins", "programmes",
                  "programme_blocks", "external_seats", "unavailability", "holidays", "history"):
        required = table in ("staff", "departments", "rooms", "courses")
        out += [
            (f"{table} empty file", NONSENSE, file_bytes(f"{table}.csv", b"")),
            (f"{table} binary", NONSENSE, file_bytes(f"{table}.csv", b"PK\x03\x04" + b"\0" * 64)),
            (f"{table} first column header dropped", NONSENSE,
             rename_column(table, read_rows(EXAMPLE / f"{table}.csv")[0][0], "")),
        ]
        if not required and table not in ("pins", "programme_blocks"):  # both are above
            out.append((f"{table} header only", EITHER, header_only(table)))
    return out


def _workbook_cases() -> list[Mutation]:
    """Workbook forms: edits made with openpyxl to the workbook of the example."""
    def wb(id_: str, expect: str, book_edit: Callable[[Path], None]) -> Mutation:
        return Mutation(f"xlsx: {id_}", expect, lambda folder: None, True, book_edit)

    def remove(name: str) -> Callable[[object], None]:
        return lambda book: book.remove(book[name])  # type: ignore[attr-defined]

    def rename(name: str, new: str) -> Callable[[object], None]:
        def change(book: object) -> None:
            book[name].title = new  # type: ignore[index]
        return change

    return [
        wb("stray cell at staff!XFD1048576", VALID, book_cell("staff", "XFD1048576", "x")),
        wb("stray cell at plan!C1048576", VALID, book_cell("plan", "C1048576", "x")),
        wb("stray id at rooms!A1048576", NONSENSE, book_cell("rooms", "A1048576", "R9")),
        wb("formula in a capacity", NONSENSE, book_cell("rooms", "C2", "=100+100")),
        wb("capacity 10^12 as a number", NONSENSE, book_cell("rooms", "C2", 10**12)),
        wb("capacity 1e300 as a number", NONSENSE, book_cell("rooms", "C2", 1e300)),
        wb("capacity as a date", NONSENSE, book_cell("rooms", "C2", dt.datetime(2027, 1, 1))),
        wb("capacity as a bool", NONSENSE, book_cell("rooms", "C2", True)),
        wb("birth date 1800 as a date cell", NONSENSE, book_cell("staff", "F3",
                                                                  dt.datetime(1800, 1, 1))),
        wb("birth date as a date cell", VALID, book_cell("staff", "F3", dt.datetime(1985, 7, 1))),
        wb("name of 32,767 characters", NONSENSE, book_cell("staff", "B4", "名" * 32767)),
        wb("capacity typed as text", VALID, book_cell("rooms", "C2", "200")),
        wb("staff sheet removed", NONSENSE, book_sheets(remove("staff"))),
        wb("programmes sheet removed", NONSENSE, book_sheets(remove("programmes"))),
        wb("pins sheet removed", VALID, book_sheets(remove("pins"))),
        wb("staff sheet named in Chinese", VALID, book_sheets(rename("staff", "人员"))),
        wb("plan sheet removed", NONSENSE, book_sheets(remove("plan"))),
        wb("an extra sheet of notes", VALID, book_sheets(
            lambda book: book.create_sheet("备注")["A1"].__setattr__("value", "x"))),
        wb("plan key horizn.start", NONSENSE, book_rename_key("horizon.start", "horizn.start")),
        wb("plan key repeated", NONSENSE, book_plan("language ", "en")),
        wb("plan horizon.start 2027-02-30 as text", NONSENSE, book_plan("horizon.start",
                                                                        "2027-02-30")),
        wb("plan seed 10^30", NONSENSE, book_plan("solver.seed", str(10**30))),
        wb("plan seed as a number 1e20", NONSENSE, book_plan("solver.seed", 1e20)),
        wb("plan feed_window_days 10^20", NONSENSE, book_plan("feed_window_days", str(10**20))),
        wb("plan quotas alias bomb", NONSENSE, book_plan("quotas", FLOW_BOMB)),
        wb("plan quotas aliases", NONSENSE, book_plan(
            "quotas", "[&a {who: everyone, category: ethics, min_hours: 24}, *a]")),
        wb("plan quotas nested 10,000 deep", NONSENSE, book_plan("quotas", "[" * 10_000)),
        wb("plan quotas not YAML", NONSENSE, book_plan("quotas", "[{who: everyone")),
        wb("plan public_base_url with markup", NONSENSE, book_plan(
            "public_base_url", "https://x\"><script>")),
        wb("plan hospital of 32,767 characters", NONSENSE, book_plan("hospital", "院" * 32767)),
        wb("plan formula", NONSENSE, book_plan("solver.seed", "=1+1")),
        wb("plan language en", VALID, book_plan("language", "en")),
        wb("plan seed 3", VALID, book_plan("solver.seed", 3)),
        wb("truncated file", NONSENSE, book_bytes(lambda data: data[: len(data) // 2])),
        wb("not a zip at all", NONSENSE, book_bytes(lambda data: b"id,name\n" * 100)),
        wb("zip bomb (520 MB unpacked)", NONSENSE, zip_bomb),
    ]


def _workbook_twins() -> list[tuple[str, str, Edit]]:
    """Cell-level mutations also run through the workbook (the folder made into a workbook)."""
    s, c, r = "staff", "courses", "rooms"
    return [
        ("birth date 2030", NONSENSE, cell(s, 9, "birth_date", "2030-01-01")),
        ("age 0", NONSENSE, cells(cell(s, 10, "birth_date", ""), cell(s, 10, "age", "0"))),
        ("employed before birth", NONSENSE, cell(s, 13, "employed_since", "1950-01-01")),
        ("staff unknown department", NONSENSE, cell(s, 6, "department", "XX")),
        ("room capacity 10^12", NONSENSE, cell(r, 0, "capacity", "1000000000000")),
        ("credits 1e300", NONSENSE, cell(c, 3, "credits", "1e300")),
        ("online due before the horizon", NONSENSE, cell(c, 1, "due", "2026-06-30")),
        ("repeats 1000000", NONSENSE, cell(c, 3, "repeats", "1000000")),
        ("pin on run 9", NONSENSE, cell("pins", 0, "run", "9")),
        ("pin on a holiday", NONSENSE, cell("pins", 0, "date", "2027-10-05")),
        ("blocks in a cycle", NONSENSE, cell("programme_blocks", 0, "after", "3")),
        ("seat min_years 100", NONSENSE, cell("external_seats", 0, "min_years", "100")),
        ("programme_blocks deleted", NONSENSE, delete_file("programme_blocks.csv")),
        ("leave to 9999-12-31", NONSENSE, cell("unavailability", 1, "to", "9999-12-31")),
        ("history amount 1e300", NONSENSE, cell("history", 0, "amount", "1e300")),
        ("staff name with markup", VALID, cell(s, 3, "name", "<script>alert(1)</script>")),
        ("a speaker's month of leave", VALID, add_row("unavailability", {
            "kind": "staff", "id": "S001", "from": "2027-06-01", "to": "2027-06-30"})),
        ("seat min_years 40: nobody qualifies (a warning)", VALID,
         cell("external_seats", 0, "min_years", "40")),
    ]


def all_mutations() -> list[Mutation]:
    folder_cases = (_staff_cases() + _department_room_cases() + _course_cases()
                    + _topic_pin_cases() + _rotation_seat_cases() + _availability_cases()
                    + _plan_cases() + _whole_file_cases())
    mutations = [Mutation(f"csv: {name}", expect, edit) for name, expect, edit in folder_cases]
    mutations += [Mutation(f"xlsx: {name}", expect, edit, workbook=True)
                  for name, expect, edit in _workbook_twins()]
    mutations += _workbook_cases()
    ids = [m.id for m in mutations]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    return mutations


# ------------------------------------------------------------------------ running one

@dataclass
class Outcome:
    id: str
    form: str
    expect: str
    verdict: str
    exit: int | None
    seconds: float
    detail: str = ""


#: one problem line, in English ("staff.csv, row 2, column 'age': got '0' — expected …") or
#: Chinese ("staff.csv，第 2 行，“age”列：填的是“0”——应为…"), the plan's language
_ISSUE = re.compile(r"^  - (?P<where>[^\n]*?)(?: — expected |——)", re.M)
_ROW = re.compile(r", row \d|，第 \d+ 行")


def prepare(mutation: Mutation, run: Path) -> Path:
    """The mutated input set inside ``run``; returns the path to give ``planner plan``."""
    folder = run / "src" / NAME
    shutil.copytree(EXAMPLE, folder)
    mutation.edit(folder)
    if not mutation.workbook:
        return folder
    from planner.inputs.export import write_workbook

    book = run / "src" / f"{NAME}.xlsx"
    write_workbook(folder, book)
    shutil.rmtree(folder)
    if mutation.book_edit is not None:
        mutation.book_edit(book)
    return book


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def classify(mutation: Mutation, code: int | None, output: str, wrote: list[str]) -> tuple[str, str]:
    """(verdict, detail) of one run."""
    if code is None:
        return HANG, ""
    if "Traceback (most recent call last)" in output or "please report this" in output \
            or "请报告这个问题" in output \
            or code not in (0, 2, 3, 4):
        line = next((x for x in output.splitlines()[::-1] if x.strip()), "")
        return TRACEBACK, line[:300]
    if code != 0 and [w for w in wrote if code != 3 or w not in DIAGNOSIS]:
        return WROTE, ", ".join(wrote[:5])
    if code == 4:
        return CHECK_FAILED, _first_lines(output)
    if code == 3:
        # in either language: the plan's (Chinese by default) or English
        said = r"(?:no plan — no plan files were written:|排不出计划，未写出计划文件：)"
        explained = re.search(said + r"\n\S", output) or re.search(said + r"\n.+\n", output)
        if not explained or sorted(wrote) != sorted(DIAGNOSIS):  # said, and written beside
            return UNEXPLAINED, _first_lines(output)
        return NO_PLAN, _first_lines(output)
    if code == 2:
        wheres = _ISSUE.findall(output)
        verdict = ROW_COLUMN if any(_ROW.search(w) for w in wheres) else WHOLE_FILE
        if mutation.expect == VALID:
            return REFUSED_VALID, _first_lines(output)
        return verdict, _first_lines(output)
    if mutation.expect == NONSENSE:
        return SILENT, ""
    return ACCEPTED, ""


def _first_lines(output: str, n: int = 3) -> str:
    lines = [x.strip() for x in output.splitlines() if x.strip()]
    keep = [x for x in lines if x.startswith("- ") or x.startswith("error:")][:n] or lines[:n]
    return " | ".join(x[:240] for x in keep)


def run_one(mutation: Mutation, scratch: Path, timeout: float, time_limit: str,
            keep: bool = False) -> Outcome:
    run = Path(tempfile.mkdtemp(prefix="m-", dir=scratch))
    try:
        try:
            source = prepare(mutation, run)
        except Exception as exc:  # a broken mutation is the fuzzer's bug, not the planner's
            return Outcome(mutation.id, mutation.form, mutation.expect, TRACEBACK, None, 0.0,
                           f"mutation could not be applied: {type(exc).__name__}: {exc}")
        work, state, out = run / "work", run / "state", run / "out"
        work.mkdir()
        state.mkdir()
        env = dict(os.environ, PLANNER_STATE_DIR=str(state), PYTHONHASHSEED="0")
        command = [sys.executable, "-m", "planner", "plan", str(source), "-o", str(out),
                   "--state", str(state), "--time-limit", time_limit]
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=work, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        try:
            raw, _ = process.communicate(timeout=timeout)
            code: int | None = process.returncode
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raw, _ = process.communicate()
            code = None
        seconds = time.monotonic() - started
        output = raw.decode("utf-8", "replace")
        wrote = [f"out/{x}" for x in _files(out)] + [f"state/{x}" for x in _files(state)] + \
            [f"work/{x}" for x in _files(work)]
        verdict, detail = classify(mutation, code, output, wrote)
        if keep and verdict in FAILURES:
            (run / "output.txt").write_text(output, encoding="utf-8")
            detail += f" [kept in {run}]"
        return Outcome(mutation.id, mutation.form, mutation.expect, verdict, code, seconds,
                       detail)
    finally:
        if not keep:
            shutil.rmtree(run, ignore_errors=True)


# ------------------------------------------------------------------------ the table

def table(outcomes: list[Outcome]) -> str:
    counts = Counter((o.verdict, o.form) for o in outcomes)
    width = max(len(v) for v in FINE + FAILURES) + 2
    lines = [f"{'verdict':<{width}}{'csv':>6}{'xlsx':>6}{'total':>7}",
             "-" * (width + 19)]

    def row(verdict: str) -> str:
        csv_n, xlsx_n = counts[(verdict, "csv")], counts[(verdict, "xlsx")]
        return f"{verdict:<{width}}{csv_n:>6}{xlsx_n:>6}{csv_n + xlsx_n:>7}"

    lines += [row(v) for v in FINE]
    lines.append("-" * (width + 19))
    lines += [row(v) for v in FAILURES]
    lines.append("-" * (width + 19))
    total_csv = sum(1 for o in outcomes if o.form == "csv")
    lines.append(f"{'mutations':<{width}}{total_csv:>6}{len(outcomes) - total_csv:>6}"
                 f"{len(outcomes):>7}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("FUZZ_JOBS", "2")))
    parser.add_argument("--timeout", type=float, default=180.0,
                        help="seconds a run may take before it counts as a hang")
    parser.add_argument("--time-limit", default="8", help="planner --time-limit per run")
    parser.add_argument("--only", default="", help="run only mutations whose id contains this")
    parser.add_argument("--json", type=Path, help="write every outcome here")
    parser.add_argument("--keep", action="store_true", help="keep the folders of failed runs")
    args = parser.parse_args(argv)

    mutations = [m for m in all_mutations() if args.only in m.id]
    scratch = Path(tempfile.mkdtemp(prefix="planner-fuzz-"))
    print(f"{len(mutations)} mutations of {EXAMPLE.relative_to(ROOT)} "
          f"({sum(not m.workbook for m in mutations)} CSV, {sum(m.workbook for m in mutations)} "
          f"workbook), {args.jobs} at a time, {args.timeout:g} s per run", flush=True)
    outcomes: list[Outcome] = []
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(run_one, m, scratch, args.timeout, args.time_limit, args.keep): m
                   for m in mutations}
        for future in concurrent.futures.as_completed(futures):
            outcome = future.result()
            outcomes.append(outcome)
            mark = "FAIL" if outcome.verdict in FAILURES else "ok  "
            print(f"[{len(outcomes):3}/{len(mutations)}] {mark} {outcome.verdict:<34} "
                  f"{outcome.seconds:5.1f}s  {outcome.id}"
                  + (f"\n        {outcome.detail}" if outcome.verdict in FAILURES else ""),
                  flush=True)
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)
    outcomes.sort(key=lambda o: [m.id for m in mutations].index(o.id))
    print()
    print(table(outcomes))
    print(f"\n{time.monotonic() - started:.0f} s in all")
    if args.json:
        args.json.write_text(json.dumps([o.__dict__ for o in outcomes], ensure_ascii=False,
                                        indent=1), encoding="utf-8")
    failed = [o for o in outcomes if o.verdict in FAILURES]
    for o in failed:
        print(f"FAILED {o.verdict}: {o.id} — {o.detail}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
