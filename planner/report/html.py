"""``summary.html``: one self-contained page — styles, script and charts inline, nothing fetched.

Rendered with Jinja2 and autoescaping on, so every name and title is text, never markup; the
charts are SVG built in Python (see :mod:`planner.report.charts`). A Content-Security-Policy
allows no network at all and only the page's own script (by its hash), so even text that
slipped through could not run. Same facts ⇒ same bytes.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from planner.plan import PlannedSession
from planner.report.charts.bars import MAX_PRINT_BARS, speaker_bars
from planner.report.charts.gantt import rotation_gantt
from planner.report.charts.heatmap import coverage_heatmap, room_heatmap
from planner.report.facts import Facts
from planner.report.holidays import HOLIDAY
from planner.report.labels import Labels
from planner.report.month_grid import month_grids
from planner.report.months import Month
from planner.report.table import INT, NUM, PERCENT, Column, Table, Value, num
from planner.report.tables import (
    holiday_table,
    missed_by_part_table,
    quota_table,
    speaker_cell,
    unmet_table,
)


def _asset(name: str) -> str:
    return (resources.files("planner.report") / "templates" / name).read_text(encoding="utf-8")


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("planner.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["num"] = lambda x: "" if x is None else num(x)
    return env


def cell_text(value: Value, column: Column, t: Labels) -> str:
    """How a table cell reads on the page."""
    if value is None:
        return ""
    if isinstance(value, Month):
        return t.month(*value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and column.kind == PERCENT:
        return f"{100 * value:.1f}%"
    if isinstance(value, float):
        return num(value)
    return str(value)


def cell_sort_key(value: Value) -> str:
    """The ``data-v`` the page's script sorts by: numbers as numbers, dates in ISO order."""
    if value is None:
        return ""
    if isinstance(value, Month):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def numeric(column: Column) -> bool:
    return column.kind in (INT, NUM, PERCENT)


def table_body(table: Table, t: Labels) -> Markup:
    """A data table's rows (``<tr>`` … ``</tr>``, one line per cell), every text escaped.

    Written here rather than as a template loop: a 10,000-staff hospital's tables hold some
    600,000 cells, and three template calls per cell made them most of the page's time."""
    heads = []
    for c in table.columns:
        head = '<td class="n"' if numeric(c) else "<td"
        heads.append((head, c, c.kind != "text"))
    out: list[str] = []
    for i, row in enumerate(table.rows):
        mark = table.mark(i)
        out.append(f'<tr class="{escape(mark)}">\n' if mark else "<tr>\n")
        for v, (head, c, keyed) in zip(row, heads, strict=True):
            if keyed:
                out.append(f'{head} data-v="{escape(cell_sort_key(v))}">'
                           f"{escape(cell_text(v, c, t))}</td>\n")
            else:
                out.append(f"{head}>{escape(cell_text(v, c, t))}</td>\n")
        out.append("</tr>\n")
    return Markup("".join(out))


def holiday_spans(f: Facts, t: Labels) -> list[str]:
    """The holidays and make-up workdays in a few lines for the printout: a run of days of one
    holiday as one line (``2027-02-05 至 2027-02-13 春节（9 天）``)."""
    spans: list[list] = []
    for d in f.holidays.days:
        last = spans[-1] if spans else None
        if (last and last[0].kind == d.kind == HOLIDAY and last[0].name == d.name
                and (d.date - last[-1].date).days == 1):
            last.append(d)
        else:
            spans.append([d])
    lines = []
    for span in spans:
        first, end = span[0], span[-1]
        est = t["day.estimated"] if any(d.estimated for d in span) else ""
        if first.kind == HOLIDAY and len(span) > 1:
            lines.append(t["hol.span"].format(start=first.date, end=end.date, name=first.name,
                                              n=len(span), estimated=est))
        else:
            kind = first.name if first.kind == HOLIDAY and first.name else t[
                "day.holiday" if first.kind == HOLIDAY else "day.makeup"]
            lines.append(t["hol.day"].format(date=first.date, weekday=t.weekday(first.date),
                                             name=kind, estimated=est))
    return lines


def render_html(f: Facts, t: Labels) -> bytes:
    names = f.names(t.lang)

    def session_title(s: PlannedSession) -> str:
        return names.course(s.course, s.title)

    def session_speaker(s: PlannedSession) -> str:
        return speaker_cell(f, t, s.course, s.speaker)

    script = _asset("summary.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    page = _environment().get_template("summary.html.j2").render(
        f=f, h=f.headline, t=t,
        css=Markup(_asset("summary.css")),
        script=Markup(script),
        csp=f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
            "img-src data:; base-uri 'none'; form-action 'none'",
        quotas=quota_table(f, t), unmet=unmet_table(f, t), holidays=holiday_table(f, t),
        grids=month_grids(f),
        gantt=rotation_gantt(f, t), coverage=coverage_heatmap(f, t), rooms=room_heatmap(f, t),
        speakers=speaker_bars(f, t),
        speakers_print=(speaker_bars(f, t, MAX_PRINT_BARS) if len(f.speakers) > MAX_PRINT_BARS
                        else None),
        print_speakers=MAX_PRINT_BARS, missed_by_part=missed_by_part_table(f, t),
        session_title=session_title, session_speaker=session_speaker,
        holiday_spans=holiday_spans(f, t),
        on_estimated=[f"{x.date} {session_title(x)}" for x in f.plan.sessions
                      if x.id in set(f.holidays.sessions_on_estimated)],
        cell_text=cell_text, cell_sort_key=cell_sort_key, numeric=numeric, table_body=table_body,
    )
    return page.encode("utf-8")
