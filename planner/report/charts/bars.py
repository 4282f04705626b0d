"""Speaker load as horizontal bars, heaviest first: the distribution the office balances."""

from __future__ import annotations

from markupsafe import Markup

from planner.report.charts.colours import EXTERNAL, PALETTE
from planner.report.charts.svg import clip, document, rect, text, text_width
from planner.report.facts import Facts
from planner.report.labels import Labels
from planner.report.table import num

#: Beyond this many speakers the chart shows the heaviest; the workbook lists everyone.
MAX_BARS = 50
#: The printout draws this many (on one page); the screen and the workbook show the rest.
MAX_PRINT_BARS = 20
BAR_H, GAP, PAD, PLOT_W, MAX_LABEL_W = 16.0, 4.0, 6.0, 520.0, 180.0


def speaker_bars(f: Facts, t: Labels, most: int = MAX_BARS) -> Markup | None:
    loads = list(f.speakers[:most])
    if not loads:
        return None
    names = [f.speaker_name(s.speaker) for s in loads]
    left = min(MAX_LABEL_W, max(text_width(x) for x in names)) + 2 * PAD
    top = max(s.hours for s in loads) or 1.0
    width = left + PLOT_W + 150
    height = PAD + (BAR_H + GAP) * len(loads) + PAD
    body: list[Markup] = []
    for i, (s, name) in enumerate(zip(loads, names, strict=True)):
        y = PAD + (BAR_H + GAP) * i
        w = PLOT_W * s.hours / top
        figures = f"{num(s.hours)} {t['unit.hours']} · {s.sessions} {t['c.sessions']}"
        body.append(text(left - PAD, y + BAR_H - 4, clip(name, left - 2 * PAD), anchor="end"))
        body.append(rect(left, y, w, BAR_H, EXTERNAL if s.external else PALETTE[0],
                         tip=f"{name}: {figures}"))
        body.append(text(left + w + PAD, y + BAR_H - 4, figures))
    return document(width, height, t["sec.speakers"], body)
