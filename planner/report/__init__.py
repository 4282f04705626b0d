"""The plan summary an education office reads before publishing: ``summary.html`` (charts,
prints well), ``summary.xlsx`` (one sheet per table, to filter) and ``summary.md`` (headline,
shortfalls, unmet items).

Flow: :func:`~planner.report.facts.build_facts` computes every figure once from the inputs and
the plan; :mod:`~planner.report.tables` lays them out as localised tables; the three renderers
only format. Wall-clock figures are deliberately absent (they live in ``run.log``), so the three
files are byte-identical for the same plan.
"""

from __future__ import annotations

from pathlib import Path

from planner.atomic import write_bytes
from planner.domain import Problem
from planner.plan import Plan
from planner.report.facts import Facts, build_facts
from planner.report.html import render_html
from planner.report.labels import labels_for
from planner.report.markdown import render_markdown
from planner.report.tables import all_tables
from planner.report.xlsx import write_xlsx
from planner.workdays import WorkCalendar

SUMMARY_FILES = ("summary.html", "summary.xlsx", "summary.md")


def write_summary(problem: Problem, calendar: WorkCalendar, plan: Plan, folder: Path, *,
                  violations: int, lang: str | None = None) -> None:
    """Write the three summaries into ``folder``.

    ``violations`` is the independent checker's count (the report does not re-run it); ``lang``
    is ``"zh"`` or ``"en"`` and defaults to the plan settings' language.
    """
    t = labels_for(lang or problem.settings.language)
    facts = build_facts(problem, calendar, plan, violations)
    folder = Path(folder)
    write_bytes(folder / "summary.html", render_html(facts, t))
    write_bytes(folder / "summary.md", render_markdown(facts, t))
    write_xlsx(all_tables(facts, t), folder / "summary.xlsx")


__all__ = ["SUMMARY_FILES", "Facts", "build_facts", "write_summary"]
