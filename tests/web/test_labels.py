"""The web app's words: both languages complete, every key the pages and routes ask for
present, and the pages in English when the app is started with ``--lang en``."""

from __future__ import annotations

import re
import string
from pathlib import Path

from starlette.testclient import TestClient

from planner.web import jobs
from planner.web.app import create_app
from planner.web.labels import TEXT

WEB = Path(__file__).resolve().parents[2] / "planner" / "web"
ASKED = re.compile(r"""\bt\(\s*["']([a-z_.]+[a-z_])["']""")  # "job.status." ~ x: below


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages_with_the_same_fields() -> None:
    for key, (zh, en) in TEXT.items():
        assert zh and en, key
        assert fields(zh) == fields(en), key


def test_every_word_the_pages_ask_for_is_in_the_table() -> None:
    asked = set()
    for path in [*WEB.glob("*.py"), *(WEB / "templates").glob("*.html")]:
        asked |= set(ASKED.findall(path.read_text("utf-8")))
    assert asked and asked <= set(TEXT), asked - set(TEXT)
    for status in (*jobs.FINAL, "queued", "running"):  # asked for as "job.status." ~ status
        assert f"job.status.{status}" in TEXT
    for role in ("office", "department"):
        assert f"role.{role}" in TEXT
    for why in ("restart", "crash", "check", "error"):
        assert f"job.why.{why}" in TEXT


def test_the_pages_speak_english_on_request(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "example", lang="en")) as client:
        page = client.get("/login")
        assert '<html lang="en">' in page.text and "User name" in page.text
        assert "用户名" not in page.text
        wrong = client.post("/login", data={"name": "x", "password": "y"})
        assert "Wrong user name or password." in wrong.text
