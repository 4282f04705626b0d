"""``summary.md``: the headline, each person's quota shortfalls with reasons, and the unmet
list — the part of the summary that fits in an e-mail or a ticket.

Cell text is escaped for Markdown *and* HTML (most Markdown viewers pass HTML through), so a name
like ``<script>`` or ``|`` shows as written and never breaks a table.
"""

from __future__ import annotations

import html
import re

from planner.report.facts import Facts
from planner.report.labels import Labels
from planner.report.table import Table, num
from planner.report.tables import headline_table, unmet_table
from planner.report.unmet import MISSED, SHORTFALL

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_escape(text: str) -> str:
    """``text`` as literal Markdown inline text: HTML-escaped, specials backslashed, one line."""
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\s*[\r\n\t]+\s*", " ", text)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return num(value)
    return md_escape(str(value))


def md_table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(md_escape(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def _headline_lines(table: Table, t: Labels) -> list[str]:
    """The headline as a list; a change that would plan what a warning left out sits under
    that warning."""
    return [("  " if k == t["h.relaxation"] else "") + f"- **{md_escape(str(k))}**: {_cell(v)}"
            for k, v in table.rows]


def render_markdown(f: Facts, t: Labels) -> bytes:
    h = f.headline
    lines = [f"# {md_escape(h.hospital)} · {md_escape(t['title'])}", "",
             f"## {md_escape(t['sec.headline'])}", ""]
    lines += _headline_lines(headline_table(f, t), t)
    lines += [""]

    lines += [f"## {md_escape(t['md.shortfalls'])}", ""]
    short = [q for q in sorted(f.plan.quotas, key=lambda q: (q.staff, q.category))
             if q.shortfall > 0]
    if short:
        lines += md_table(
            [t["c.staff_id"], t["c.name"], t["c.department"], t["c.category"], t["c.required"],
             t["c.history"], t["c.planned"], t["c.shortfall"], t["c.reason"]],
            [[q.staff, f.person_name(q.staff), f.person_department(q.staff),
              f"{t.category(q.category)} ({t.unit(q.category)})", float(q.required),
              float(q.history), float(q.planned), float(q.shortfall), t.reason(q.reason)]
             for q in short])
    else:
        lines.append(t["no_unmet"])
    lines += ["", f"## {md_escape(t['sec.unmet'])}", ""]
    unmet = unmet_table(f, t)
    if unmet.rows:
        lines += md_table([c.label for c in unmet.columns], [list(r) for r in unmet.rows])
    else:
        lines.append(t["no_unmet"])
    kinds = {SHORTFALL: 0, MISSED: 0}
    for u in f.unmet:
        kinds[u.kind] += 1
    counts = f"{t['kind.shortfall']}: {kinds[SHORTFALL]} · {t['kind.missed']}: {kinds[MISSED]}"
    lines += ["", counts, "", md_escape(t["md.more"]), ""]
    return "\n".join(lines).encode("utf-8")
