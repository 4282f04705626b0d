"""What ``planner plan`` writes for calendars into the staging folder of a run.

``calendars/*.ics`` (the draft feeds: one per person, department, room and the whole hospital),
``calendars/source.json`` (what ``publish`` rebuilds them from) and the link lists
``feeds.csv`` / ``feeds.xlsx``. A draft is never served: subscribers see a plan only once
``planner publish`` has recorded it in the state database.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from planner.atomic import write_bytes
from planner.calendars.hospital import build_draft
from planner.calendars.links import feed_links, write_link_lists
from planner.calendars.source import feed_source
from planner.cli_labels import labels_for
from planner.domain import Problem
from planner.plan import Plan
from planner.state import open_state, state_dir

SOURCE_FILE = "source.json"


def write_feed_files(folder: Path, files: dict[str, bytes]) -> None:
    """Plain writes: ``folder`` is inside a run's staging folder, which replaces the outputs
    as a whole, so a per-file temporary name and rename (thousands of them) would buy nothing."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        with open(folder / name, "wb") as f:
            f.write(body)


def write_calendars(problem: Problem, plan: Plan, stage: Path,
                    console: Console | None = None) -> list[str]:
    """Write the calendar outputs into ``stage``; returns warnings (also printed)."""
    source = feed_source(problem)
    db = open_state(state_dir(problem.name))
    try:
        draft = build_draft(plan, source, db)
    finally:
        db.close()
    folder = stage / "calendars"
    write_feed_files(folder, {draft.files[k]: body for k, body in draft.bundle.feeds.items()})
    write_bytes(folder / SOURCE_FILE, source.to_json())
    write_link_lists(stage, feed_links(source, draft.tokens, draft.files), source.language)
    t = labels_for(source.language)
    warnings = list(draft.bundle.warnings)
    if not source.public_base_url:
        warnings.append(t("run.no_base_url"))
    if console is not None:
        console.print(t("run.calendars", feeds=len(draft.bundle.feeds),
                        events=draft.bundle.vevents), markup=False)
        for warning in warnings:
            console.print(t("warning", text=warning), markup=False)
    return warnings
