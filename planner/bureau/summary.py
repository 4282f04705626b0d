"""The bureau's summary: per hospital its attainment, people short and seats used; per shared
seat and city training who was sent, from where and when — as ``summary.html`` (one page,
nothing fetched), ``summary.xlsx`` (one sheet a table, via :mod:`planner.report.xlsx`) and
``summary.md``, plus ``allocation.csv``. The same run gives the same bytes; no clock is read.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment

from planner.atomic import write_bytes
from planner.bureau.labels import words_for
from planner.report.table import DATE, INT, PERCENT, Column, Table, Value
from planner.report.xlsx import FORMULA_STARTS, write_xlsx

if TYPE_CHECKING:
    from planner.bureau.run import BureauRun


def tables(run: BureauRun) -> list[Table]:
    b = run.bureau
    w = words_for(b.language)
    seats_used: dict[str, int] = {}
    for place in run.allocation.seats:
        seats_used[place.hospital] = seats_used.get(place.hospital, 0) + 1
    trainees: dict[str, int] = {}
    for place in run.allocation.cohorts:
        trainees[place.hospital] = trainees.get(place.hospital, 0) + 1
    hospitals: list[tuple[Value, ...]] = []
    marks = []
    for key in b.hospitals:
        result = run.results.get(key)
        view = next((v for v in run.views if v.key == key), None)
        name = result.name if result else view.name if view else run.failures[key][0]
        ok = key not in run.failures
        hospitals.append((name, view.staff if view else None,
                          w("status.ok") if ok else w("status.failed"),
                          result.attainment if ok and result else None,
                          result.short if ok and result else None,
                          seats_used.get(key, 0), trainees.get(key, 0)))
        marks.append("" if ok else "short")
    names = {v.key: v.name for v in run.views}
    people = {k: r.people for k, r in run.results.items()}

    def placed(hospital: str, pid: str, seat: str) -> bool:
        result = run.results.get(hospital)
        return result is not None and result.code == 0 and any(
            row["staff_id"] == pid and (row["seat"] == seat or row["seat"].startswith(seat + "-"))
            for row in result.placements)

    seat_rows = []
    for p in run.allocation.seats:
        person = people.get(p.hospital, {}).get(p.pid, (p.pid, ""))
        seat_rows.append((p.seat.id, p.seat.partner, p.seat.specialty, names[p.hospital],
                          person[0], person[1], p.start, p.end,
                          w("yes") if placed(p.hospital, p.pid, p.seat.id) else w("no")))
    cohort_rows = []
    for c in run.allocation.cohorts:
        person = people.get(c.hospital, {}).get(c.pid, (c.pid, ""))
        cohort_rows.append((c.training.title, c.cohort, c.date, c.training.venue.name,
                            names[c.hospital], person[0], person[1]))
    offered = []
    for seat in b.seats:
        filled = sum(1 for p in run.allocation.seats if p.seat.id == seat.id)
        offered.append((w("col.seat"), seat.id, seat.partner, seat.specialty, seat.seats, filled))
    for t in b.trainings:
        filled = sum(1 for c in run.allocation.cohorts if c.training.id == t.id)
        offered.append((w("col.training"), t.title, t.venue.name, "",
                        t.cohort_size * len(t.dates), filled))
    failed = [(run.failures[k][0], run.failures[k][1]) for k in b.hospitals if k in run.failures]
    c = w
    return [
        Table("hospitals", c("sum.hospitals"), (
            Column(c("col.hospital"), width=24), Column(c("col.staff"), INT, 8),
            Column(c("col.status"), width=10), Column(c("col.attainment"), PERCENT, 12),
            Column(c("col.short"), INT, 10), Column(c("col.seats_used"), INT, 12),
            Column(c("col.trainees"), INT, 12)), tuple(hospitals), tuple(marks)),
        Table("offered", c("sum.offered"), (
            Column("", width=8), Column(c("col.seat"), width=24),
            Column(c("col.partner") + "/" + c("col.venue"), width=20),
            Column(c("col.specialty"), width=14), Column(c("col.offered"), INT, 8),
            Column(c("col.filled"), INT, 8)), tuple(offered)),
        Table("seats", c("sum.seats"), (
            Column(c("col.seat"), width=10), Column(c("col.partner"), width=16),
            Column(c("col.specialty"), width=14), Column(c("col.hospital"), width=22),
            Column(c("col.person"), width=10), Column(c("col.department"), width=12),
            Column(c("col.start"), DATE, 12), Column(c("col.end"), DATE, 12),
            Column(c("col.planned"), width=16)), tuple(seat_rows)),
        Table("trainings", c("sum.trainings"), (
            Column(c("col.training"), width=24), Column(c("col.cohort"), INT, 6),
            Column(c("col.date"), DATE, 12), Column(c("col.venue"), width=20),
            Column(c("col.hospital"), width=22), Column(c("col.person"), width=10),
            Column(c("col.department"), width=12)), tuple(cohort_rows)),
        Table("failed", c("sum.failed"), (
            Column(c("col.hospital"), width=24), Column(c("col.message"), width=80)),
            tuple(failed)),
    ]


def _text(value: Value, kind: str) -> str:
    if value is None:
        return "—"
    if kind == PERCENT and isinstance(value, float):
        return f"{value * 100:.1f}%"
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[union-attr]
    return str(value)


_PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:0 0 2em 0;font-size:14px}
th,td{border:1px solid #ccd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f4f6f8} tr.short td{background:#fff4e5} td.num{text-align:right}
td pre{margin:0;white-space:pre-wrap;font-family:inherit}
</style></head><body>
<h1>{{ title }}</h1><p>{{ horizon }}</p>
{% for t in tables %}<h2 id="{{ t.key }}">{{ t.title }}</h2>
{% if t.rows %}<table><thead><tr>{% for c in t.columns %}<th>{{ c.label }}</th>{% endfor %}</tr></thead>
<tbody>{% for row in t.rows %}<tr class="{{ t.marks[loop.index0] if t.marks else '' }}">
{% for cell in row %}<td{% if t.columns[loop.index0].kind in ('int','percent') %} class="num"{% endif %}><pre>{{ cell }}</pre></td>{% endfor %}</tr>
{% endfor %}</tbody></table>{% else %}<p>{{ empty }}</p>{% endif %}
{% endfor %}</body></html>
"""


def _html(run: BureauRun, shown: list[dict]) -> bytes:
    b = run.bureau
    w = words_for(b.language)
    env = Environment(autoescape=True)
    page = env.from_string(_PAGE).render(
        lang="zh-CN" if b.language == "zh" else "en", title=w("sum.title", bureau=b.title),
        horizon=w("sum.horizon", start=b.horizon_start, end=b.horizon_end), tables=shown,
        empty=w("sum.empty"))
    return page.encode("utf-8")


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def _markdown(run: BureauRun, shown: list[dict]) -> bytes:
    b = run.bureau
    w = words_for(b.language)
    lines = [f"# {w('sum.title', bureau=b.title)}", "",
             w("sum.horizon", start=b.horizon_start, end=b.horizon_end), ""]
    for t in shown:
        lines += [f"## {t['title']}", ""]
        if not t["rows"]:
            lines += [w("sum.empty"), ""]
            continue
        lines.append("| " + " | ".join(_md_cell(c["label"]) for c in t["columns"]) + " |")
        lines.append("|" + "---|" * len(t["columns"]))
        for row in t["rows"]:
            lines.append("| " + " | ".join(_md_cell(cell) for cell in row) + " |")
        lines.append("")
    return ("\n".join(lines)).encode("utf-8")


def _allocation_csv(run: BureauRun) -> bytes:
    names = {v.key: v.name for v in run.views}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["kind", "id", "hospital", "hospital_folder", "staff_id", "name", "start",
                     "end", "cohort", "where"])

    def safe(text: str) -> str:
        return "'" + text if text.startswith(FORMULA_STARTS) else text

    for p in run.allocation.seats:
        person = run.results.get(p.hospital)
        name = person.people.get(p.pid, ("", ""))[0] if person else ""
        writer.writerow(["seat", p.seat.id, safe(names[p.hospital]), p.hospital, p.pid,
                         safe(name), p.start, p.end, "", safe(p.seat.partner)])
    for c in run.allocation.cohorts:
        person = run.results.get(c.hospital)
        name = person.people.get(c.pid, ("", ""))[0] if person else ""
        writer.writerow(["training", c.training.id, safe(names[c.hospital]), c.hospital, c.pid,
                         safe(name), c.date, c.date, c.cohort, safe(c.training.venue.name)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_summary(run: BureauRun, target: Path) -> None:
    all_tables = tables(run)
    shown = [{"key": t.key, "title": t.title, "marks": t.marks,
              "columns": [{"label": c.label, "kind": c.kind} for c in t.columns],
              "rows": [[_text(v, c.kind) for v, c in zip(row, t.columns)] for row in t.rows]}
             for t in all_tables]
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target, prefix=".summary-") as tmp:
        book = Path(tmp) / "summary.xlsx"
        write_xlsx(all_tables, book)
        xlsx = book.read_bytes()
    write_bytes(target / "allocation.csv", _allocation_csv(run))
    write_bytes(target / "summary.xlsx", xlsx)
    write_bytes(target / "summary.md", _markdown(run, shown))
    write_bytes(target / "summary.html", _html(run, shown))
