"""Heatmaps (rows × months): department cover and room utilisation.

One generic grid drawer and the two charts built on it; each cell carries its figure as text,
its colour, a tooltip, and whether it is emphasised (the department's tightest month).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from planner.report.charts.colours import EMPTY, ink_on, share_colour, slack_colour
from planner.report.charts.svg import FONT_SIZE, clip, document, rect, text, text_width
from planner.report.facts import Facts
from planner.report.labels import Labels
from planner.report.table import num

CELL_W, CELL_H, HEAD_H, PAD = 58.0, 24.0, 22.0, 6.0
MAX_LABEL_W = 160.0


@dataclass(frozen=True)
class HeatCell:
    text: str
    fill: str
    tip: str
    emphasis: bool = False


def heatmap(label: str, rows: list[str], columns: list[str],
            cells: list[list[HeatCell | None]], cell_w: float = CELL_W) -> Markup:
    left = min(MAX_LABEL_W, max((text_width(r) for r in rows), default=40.0)) + 2 * PAD
    width = left + cell_w * len(columns) + PAD
    height = HEAD_H + CELL_H * len(rows) + PAD
    body = [text(left + cell_w * (j + 0.5), HEAD_H - 7, c, anchor="middle")
            for j, c in enumerate(columns)]
    for i, row in enumerate(rows):
        y = HEAD_H + CELL_H * i
        body.append(text(left - PAD, y + CELL_H / 2 + 4, clip(row, left - 2 * PAD), anchor="end"))
        for j, cell in enumerate(cells[i]):
            x = left + cell_w * j
            if cell is None:
                body.append(rect(x + 1, y + 1, cell_w - 2, CELL_H - 2, EMPTY))
                continue
            body.append(rect(x + 1, y + 1, cell_w - 2, CELL_H - 2, cell.fill, tip=cell.tip,
                             stroke="#111111" if cell.emphasis else "", stroke_width=2.5))
            body.append(text(x + cell_w / 2, y + CELL_H / 2 + 4, cell.text, anchor="middle",
                             fill=ink_on(cell.fill), bold=cell.emphasis, size=FONT_SIZE - 1))
    return document(width, height, label, body)


def coverage_heatmap(f: Facts, t: Labels) -> Markup:
    """Department × month: fewest on duty / minimum, coloured by slack."""
    departments = [d.id for d in f.problem.departments]
    by_key = {(c.department, c.month): c for c in f.coverage}
    cells: list[list[HeatCell | None]] = []
    for d in departments:
        row: list[HeatCell | None] = []
        for m in f.months:
            c = by_key.get((d, m))
            if c is None or c.on_duty is None or c.slack is None:
                row.append(None)
                continue
            at = c.at.strftime("%Y-%m-%d %H:%M") if c.at else ""
            tip = (f"{f.department_name(d)} {t.month(*m)}: {t['c.on_duty']} {c.on_duty}, "
                   f"{t['c.minimum']} {c.minimum} ({at}); {t['c.busy']} {c.busy}, "
                   f"{t['c.leave']} {c.leave}, {t['c.away']} {c.away}")
            label = f"{c.on_duty}/{c.minimum}"
            if c.at_minimum:
                label += f" ×{c.at_minimum}"
            tip += f"; {t['c.at_minimum']} {c.at_minimum}/{c.instants}"
            share = c.at_minimum / c.instants if c.instants else 1.0
            row.append(HeatCell(label, slack_colour(c.slack, share), tip, c.tightest))
        cells.append(row)
    return heatmap(t["sec.coverage"], [f.department_name(d) for d in departments],
                   [t.month_short(*m) for m in f.months], cells, cell_w=70.0)


def room_heatmap(f: Facts, t: Labels) -> Markup:
    """Room × month: share of the available slot hours booked."""
    rooms = [r.id for r in f.problem.rooms]
    by_key = {(r.room, r.month): r for r in f.rooms}
    cells: list[list[HeatCell | None]] = []
    for rid in rooms:
        row: list[HeatCell | None] = []
        for m in f.months:
            r = by_key.get((rid, m))
            if r is None or r.share is None:
                row.append(None)
                continue
            tip = (f"{f.room_name(rid)} {t.month(*m)}: {num(r.used_hours)} / "
                   f"{num(r.available_hours)} {t['unit.hours']}, {r.sessions} {t['c.sessions']}")
            row.append(HeatCell(f"{100 * r.share:.0f}%", share_colour(r.share), tip))
        cells.append(row)
    return heatmap(t["sec.rooms"], [f.room_name(r) for r in rooms],
                   [t.month_short(*m) for m in f.months], cells)
