"""Fixtures of the web app's tests: the example as a workbook (whole, broken, with a formula),
a fresh hospital state with an office clerk and a department head, and logging in."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from starlette.testclient import TestClient

from planner.inputs.export import write_workbook
from planner.web.auth import add_user
from planner.web.db import open_web
from tests.conftest import EXAMPLE

CLERK = ("clerk", "correct horse battery")
HEAD = ("head", "internal medicine 1")  # head of 内科 (NK)
HEAD_DEPT = "NK"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture(scope="session", autouse=True)
def cheap_hashes() -> None:
    """argon2id with one pass over 8 MiB: the same code and checks, a tenth of the time of the
    production parameters on a loaded 2-core machine (each login hashes once)."""
    from argon2 import PasswordHasher

    from planner.web import auth

    assert (auth._hasher.time_cost, auth._hasher.memory_cost) == (3, 65536)  # production's
    auth.use_hasher(PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1))


@pytest.fixture(scope="session")
def example_book(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """inputs/example as one workbook, exported as the office would get it."""
    path = tmp_path_factory.mktemp("book") / "example.xlsx"
    write_workbook(EXAMPLE, path)
    return path.read_bytes()


def edited(book: bytes, sheet: str, row: int, column: str, value: object) -> bytes:
    """``book`` with one cell of ``sheet`` (found by its header) changed."""
    wb = openpyxl.load_workbook(io.BytesIO(book))
    ws = wb[sheet]
    index = next(c.column for c in ws[1] if c.value == column)
    ws.cell(row=row, column=index).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture(scope="session")
def broken_book(example_book: bytes) -> bytes:
    """The example with two mistakes a clerk makes: a department that does not exist and a
    birth date that is not a date."""
    book = edited(example_book, "staff", 3, "department", "心内科")
    return edited(book, "staff", 5, "birth_date", "1980-13-45")


def make_hospital(root: Path) -> Path:
    """``root/example`` with a clerk and the head of 内科."""
    folder = root / "example"
    db = open_web(folder)
    try:
        add_user(db, CLERK[0], CLERK[1], "office", None)
        add_user(db, HEAD[0], HEAD[1], "department", HEAD_DEPT)
    finally:
        db.close()
    return folder


def log_in(client: TestClient, who: tuple[str, str]) -> str:
    """Log ``who`` in; returns the session's CSRF token."""
    response = client.post("/login", data={"name": who[0], "password": who[1]})
    assert response.status_code == 200, response.text
    found = CSRF.search(response.text)
    assert found, response.text
    return found.group(1)
