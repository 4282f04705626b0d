"""summary.html in a real headless Chromium (Debian's ``chromium``, driven by Playwright): the
charts render, the script runs without a console error, nothing is fetched from the network, the
filters work, and screenshots are kept in tests/artifacts/ for a person to look at."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.report.builders import EXPECTED
from tests.report.conftest import Case

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed and could not be installed with apt "
                    "(`make test` tries `apt-get install chromium`)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def open_page(browser: Any, html: Path) -> tuple[Any, list[str], list[str]]:
    """The page, its console errors, and every URL it requested."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(html.as_uri(), wait_until="load")
    return page, errors, requests


def chart_sizes(page: Any) -> list[dict[str, float]]:
    """The charts on screen (the printout's shorter speaker chart is hidden there)."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('svg.chart'))
        .filter(s => s.getClientRects().length).map(s => {
        const r = s.getBoundingClientRect();
        return {w: r.width, h: r.height, shapes: s.querySelectorAll('rect, text').length};
    })""")


def save(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def test_example_summary_renders(browser: Any, example: Case) -> None:
    page, errors, requests = open_page(browser, example.folder / "summary.html")
    charts = chart_sizes(page)
    assert len(charts) == 4  # rotation Gantt, coverage, rooms, speakers
    assert all(c["w"] > 100 and c["h"] > 30 and c["shapes"] > 5 for c in charts), charts
    assert errors == []
    assert [u for u in requests if not u.startswith("file://")] == []
    assert save(page, "summary.png").stat().st_size > 10_000
    page.close()


def test_tiny_summary_renders_filters_and_prints(browser: Any, tiny: Case) -> None:
    page, errors, requests = open_page(browser, tiny.folder / "summary.html")
    charts = chart_sizes(page)
    assert len(charts) == 4  # the Gantt chart too
    assert all(c["w"] > 100 and c["h"] > 30 and c["shapes"] > 5 for c in charts), charts
    assert errors == []
    assert [u for u in requests if not u.startswith("file://")] == []
    # the hostile name is on the page as text, and it did not run
    assert page.evaluate("() => document.querySelectorAll('script').length") == 1
    assert "<script>alert(1)</script>" in page.inner_text("#quota-table")

    visible = "() => document.querySelectorAll('#quota-table tbody tr:not([hidden])').length"
    page.check("#quotas input[type=checkbox]")
    assert page.evaluate(visible) == EXPECTED["short_lines"]
    page.fill("#quotas input[type=search]", "S007")
    assert page.evaluate(visible) == 2
    assert page.inner_text("#quotas .count") == "2"
    page.uncheck("#quotas input[type=checkbox]")
    page.fill("#quotas input[type=search]", "")
    page.click("#quota-table th:nth-child(9)")  # shortfall, ascending
    page.click("#quota-table th:nth-child(9)")  # descending: the largest first
    assert page.inner_text("#quota-table tbody tr:first-child td:nth-child(9)") == "6"

    save(page, "summary-tiny.png")
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "summary-tiny.pdf"), format="A4", landscape=True,
             print_background=True)
    assert (ARTIFACTS / "summary-tiny.pdf").stat().st_size > 10_000
    page.close()



#: The example's summary prints on at most this many A4 pages (issue 14; it took 26 before the
#: print layout: a page per calendar month, the unmet list one row per person).
MAX_PRINTED_PAGES = 12


def pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF Chromium wrote (its page objects are plain dictionaries)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_example_prints_on_few_pages(browser: Any, example: Case) -> None:
    """Printed as the page asks (``@page { size: A4 landscape }``) — the calendar as a list by
    date, missed sessions counted per session, the busiest speakers, holidays as spans."""
    page, errors, _ = open_page(browser, example.folder / "summary.html")
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    page.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "summary.pdf").write_bytes(pdf)
    assert errors == []
    assert 3 <= pdf_pages(pdf) <= MAX_PRINTED_PAGES, pdf_pages(pdf)
