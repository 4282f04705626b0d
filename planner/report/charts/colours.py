"""Colours: one per department (stable, in input order) and the scales the heatmaps use."""

from __future__ import annotations

#: A qualitative palette that stays distinguishable in print; departments beyond it cycle.
PALETTE = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#86bcb6", "#d37295", "#a0cbe8", "#8cd17d", "#f1ce63", "#499894", "#bab0ac",
)
EXTERNAL = "#555555"
EMPTY = "#f3f3f3"


def department_colours(department_ids: list[str]) -> dict[str, str]:
    return {d: PALETTE[i % len(PALETTE)] for i, d in enumerate(department_ids)}


def blend(a: str, b: str, share: float) -> str:
    """The colour ``share`` of the way from ``a`` to ``b`` (hex ``#rrggbb``)."""
    share = min(max(share, 0.0), 1.0)
    ca = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(ca, cb, strict=True))


def ink_on(fill: str) -> str:
    """Black or white text, whichever reads better on ``fill``."""
    r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return "#111111" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def slack_colour(slack: int, share_at_minimum: float = 1.0) -> str:
    """Department cover: red below the minimum (the checker forbids it); at the minimum, light to
    deep orange as more of the month's session starts sit on it; then yellow and green as the
    margin grows."""
    if slack < 0:
        return "#c62828"
    if slack == 0:
        return blend("#fcd9b0", "#e8590c", share_at_minimum)
    return "#edc948" if slack == 1 else "#8cd17d"


def share_colour(share: float) -> str:
    """Room utilisation: white at 0 %, deep blue at 100 % and above."""
    return blend("#ffffff", "#1f4e8c", share)
