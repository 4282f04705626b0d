"""The few SVG primitives the charts need, each escaping what it is given.

``Markup.format`` escapes every argument that is not already markup, so user text (names,
titles) is always safe; numbers are formatted here with one decimal so the output is stable.
"""

from __future__ import annotations

import unicodedata

from markupsafe import Markup

FONT_SIZE = 11.0


def n(x: float) -> str:
    """A coordinate: one decimal, no trailing ``.0``."""
    return f"{x:.1f}".removesuffix(".0")


def _char_width(ch: str, size: float) -> float:
    return size if unicodedata.east_asian_width(ch) in "WF" else 0.6 * size


def text_width(s: str, size: float = FONT_SIZE) -> float:
    """A fair estimate of rendered width: wide (CJK) characters take 1 em, others about 0.6."""
    return sum(_char_width(ch, size) for ch in s)


def clip(s: str, width: float, size: float = FONT_SIZE) -> str:
    """``s`` shortened with an ellipsis so that it fits ``width``: the longest prefix that fits
    with the ellipsis, found in one pass (measuring every shorter prefix anew was quadratic in
    the length, and a 32,767-character name held the summary for minutes)."""
    if text_width(s, size) <= width:
        return s
    ellipsis = _char_width("…", size)
    kept, total = 0, 0.0
    for ch in s:
        total += _char_width(ch, size)
        if total + ellipsis > width:
            break
        kept += 1
    return s[:kept] + "…" if kept else ""


NOTHING = Markup("")


def document(width: float, height: float, label: str, body: list[Markup],
             defs: Markup = NOTHING) -> Markup:
    return (
        Markup('<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
               'width="{0}" height="{1}" viewBox="0 0 {0} {1}" aria-label="{2}">'
               '<title>{2}</title>').format(n(width), n(height), label)
        + defs + NOTHING.join(body) + Markup("</svg>")
    )


def rect(x: float, y: float, w: float, h: float, fill: str, *, tip: str = "",
         stroke: str = "", stroke_width: float = 1.0, cls: str = "") -> Markup:
    attrs = Markup(' x="{}" y="{}" width="{}" height="{}" fill="{}"').format(
        n(x), n(y), n(max(w, 0.0)), n(max(h, 0.0)), fill)
    if stroke:
        attrs += Markup(' stroke="{}" stroke-width="{}"').format(stroke, n(stroke_width))
    if cls:
        attrs += Markup(' class="{}"').format(cls)
    if tip:
        return Markup("<rect{}><title>{}</title></rect>").format(attrs, tip)
    return Markup("<rect{}/>").format(attrs)


def text(x: float, y: float, s: str, *, anchor: str = "start", size: float = FONT_SIZE,
         fill: str = "#222", bold: bool = False, halo: str = "") -> Markup:
    """``halo`` paints an outline of that colour behind the letters, for text over a pattern."""
    extra = Markup(' font-weight="bold"') if bold else Markup("")
    if halo:
        extra += Markup(' stroke="{}" stroke-width="3" paint-order="stroke"').format(halo)
    return Markup('<text x="{}" y="{}" font-size="{}" text-anchor="{}" fill="{}"{}>{}</text>'
                  ).format(n(x), n(y), n(size), anchor, fill, extra, s)


def line(x1: float, y1: float, x2: float, y2: float, stroke: str = "#ccc",
         width: float = 1.0) -> Markup:
    return Markup('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>').format(
        n(x1), n(y1), n(x2), n(y2), stroke, n(width))
