"""Rotation Gantt chart: one row per person, time across, each rotation block coloured by the
department it is in, external study (进修) hatched. A department head sees at a glance who is
away when; the office sees a block that overruns a month boundary it did not intend."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from planner.report.charts.colours import EXTERNAL, department_colours, ink_on
from planner.report.charts.svg import clip, document, line, rect, text, text_width
from planner.report.facts import Facts
from planner.report.labels import Labels
from planner.report.presence import EXTERNAL as EXTERNAL_KIND

ROW_H, BAR_H, HEAD_H, PAD, PLOT_W, MAX_LABEL_W = 20.0, 14.0, 22.0, 6.0, 780.0, 170.0
LEGEND_ROW = 18.0
EXTERNAL_STRIPE = "#9a9a9a"  # light enough for a dark caption on top

HATCH = Markup(
    '<defs><pattern id="ext-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ececec"/>'
    '<rect width="2" height="6" fill="{}"/></pattern></defs>'
).format(EXTERNAL_STRIPE)


def rotation_gantt(f: Facts, t: Labels) -> Markup | None:
    """``None`` when the plan has neither rotations nor external study."""
    if not f.away:
        return None
    home = {p.id: p.department for p in f.problem.staff}
    order = {d.id: i for i, d in enumerate(f.problem.departments)}
    people = sorted({a.staff for a in f.away},
                    key=lambda p: (order.get(home.get(p, ""), len(order)), p))
    colours = department_colours([d.id for d in f.problem.departments])
    labels = [f"{f.person_name(p) or p} · {f.person_department(p)}" for p in people]
    left = min(MAX_LABEL_W, max(text_width(x) for x in labels)) + 2 * PAD
    first, last = f.months[0].first, f.months[-1].last
    days = (last - first).days + 1

    def x(day: dt.date) -> float:
        return left + PLOT_W * (day - first).days / days

    body: list[Markup] = [rect(left, HEAD_H + ROW_H * i, PLOT_W, ROW_H, "#f6f7f9")
                          for i in range(1, len(people), 2)]
    for m in f.months:
        body.append(line(x(m.first), HEAD_H - 4, x(m.first), HEAD_H + ROW_H * len(people)))
        body.append(text((x(m.first) + x(m.last + dt.timedelta(days=1))) / 2, HEAD_H - 8,
                         t.month_short(*m), anchor="middle"))
    row_of = {p: i for i, p in enumerate(people)}
    for i, label in enumerate(labels):
        body.append(text(left - PAD, HEAD_H + ROW_H * i + ROW_H / 2 + 4,
                         clip(label, left - 2 * PAD), anchor="end"))
    used: list[str] = []
    for a in f.away:
        lo, hi = max(a.start, first), min(a.end, last)
        if lo > hi:
            continue
        x0, x1 = x(lo), x(hi + dt.timedelta(days=1))
        y = HEAD_H + ROW_H * row_of[a.staff] + (ROW_H - BAR_H) / 2
        name = f.person_name(a.staff) or a.staff
        if a.kind == EXTERNAL_KIND:
            fill, ink, caption = "url(#ext-hatch)", "#111111", a.label
            tip = f"{name}: {t['kind.external']} {a.label}, {a.start}–{a.end}"
        else:
            fill = colours.get(a.department, EXTERNAL)
            ink, caption = ink_on(fill), f.department_name(a.department)
            tip = f"{name}: {caption} ({a.label}), {a.start}–{a.end}"
            if a.department not in used:
                used.append(a.department)
        body.append(rect(x0, y, x1 - x0, BAR_H, fill, tip=tip, stroke="#333333",
                         stroke_width=0.5))
        short = clip(caption, x1 - x0 - 4, 10)
        if short:
            body.append(text((x0 + x1) / 2, y + BAR_H - 3.5, short, anchor="middle", size=10,
                             fill=ink, halo="#ffffff" if a.kind == EXTERNAL_KIND else ""))
    legend_y = HEAD_H + ROW_H * len(people) + PAD + 4
    lx = left
    entries = [(colours.get(d, EXTERNAL), f.department_name(d)) for d in
               sorted(used, key=lambda d: order.get(d, len(order)))]
    if any(a.kind == EXTERNAL_KIND for a in f.away):
        entries.append(("url(#ext-hatch)", t["legend.external"]))
    rows = 1
    for fill, caption in entries:
        w = 16 + text_width(caption) + 14
        if lx + w > left + PLOT_W:
            lx, rows = left, rows + 1
        y = legend_y + LEGEND_ROW * (rows - 1)
        body.append(rect(lx, y, 12, 12, fill, stroke="#333333", stroke_width=0.5))
        body.append(text(lx + 16, y + 10, caption))
        lx += w
    height = legend_y + LEGEND_ROW * rows + PAD
    return document(left + PLOT_W + PAD, height, t["sec.rotations"], body, defs=HATCH)
