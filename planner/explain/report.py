"""``diagnosis.html`` and ``diagnosis.md``: why no plan is possible, written where the plan would
have gone.

``planner plan`` exits 3 without a plan; the office still needs to read — and forward — what to
change. The files hold the very lines ``planner explain`` prints (the rules that clash, then the
changes tried that would make a plan possible), as a page and as Markdown. Each is written
atomically (:func:`planner.atomic.write_bytes`) into the output folder, beside whatever a previous
successful run left there, which stays untouched (the next successful run replaces the folder as
a whole, these files with it).
"""

from __future__ import annotations

import html
from pathlib import Path

from planner.atomic import recover, write_bytes
from planner.domain import Problem
from planner.explain.labels import labels_for
from planner.report.markdown import md_escape

FILES = ("diagnosis.html", "diagnosis.md")
#: A line of the diagnosis that is an item of the list above it (see :meth:`Diagnosis.lines`).
ITEM = "  - "

_STYLE = ("body{margin:24px auto;max-width:60em;padding:0 16px;color:#1d2330;"
          "font:15px/1.6 'Noto Sans CJK SC','Source Han Sans SC','PingFang SC',"
          "'Microsoft YaHei',Arial,sans-serif}h1{font-size:20px}"
          "p.note{color:#667085}li{margin:4px 0}")


def _blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """The lines as paragraphs, each with the items listed under it."""
    out: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith(ITEM) and out:
            out[-1][1].append(line[len(ITEM):])
        else:
            out.append((line.strip(), []))
    return out


def render_markdown(title: str, lines: list[str], note: str = "") -> bytes:
    md = [f"# {md_escape(title)}", ""]
    if note:
        md += [f"*{md_escape(note)}*", ""]
    for text, items in _blocks(lines):
        md.append(md_escape(text))
        md.append("")
        if items:
            md += [f"- {md_escape(item)}" for item in items]
            md.append("")
    return "\n".join(md).encode("utf-8")


def render_html(title: str, lines: list[str], lang: str, note: str = "") -> bytes:
    e = html.escape
    body = [f"<h1>{e(title)}</h1>"]
    if note:
        body.append(f'<p class="note">{e(note)}</p>')
    for text, items in _blocks(lines):
        body.append(f"<p>{e(text)}</p>")
        if items:
            body.append("<ul>" + "".join(f"<li>{e(item)}</li>" for item in items) + "</ul>")
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body) + "\n</body>\n</html>\n")
    return page.encode("utf-8")


def write_diagnosis(problem: Problem, lines: list[str], folder: Path) -> tuple[Path, Path]:
    """Write the diagnosis ``lines`` (as printed) into ``folder``; returns the two paths."""
    t = labels_for(problem.settings.language)
    folder = Path(folder)
    recover(folder)  # a killed run's set-aside outputs come back first, then stay untouched
    note = t("diag.kept") if (folder / "plan" / "plan.json").exists() else ""
    title = t("diag.title", hospital=problem.settings.hospital or problem.name,
              name=problem.name)
    folder.mkdir(parents=True, exist_ok=True)
    page, text = folder / FILES[0], folder / FILES[1]
    write_bytes(page, render_html(title, lines, t.lang, note))
    write_bytes(text, render_markdown(title, lines, note))
    return page, text


__all__ = ["FILES", "write_diagnosis"]
