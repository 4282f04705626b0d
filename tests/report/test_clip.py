"""Chart labels are clipped in one pass: a 32,767-character speaker name used to measure every
shorter prefix anew (quadratic), holding ``planner plan`` for minutes in ``speaker_bars``."""

from __future__ import annotations

import pytest

from planner.report.charts import svg


def test_clip_measures_each_character_a_bounded_number_of_times(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    width_of = svg.unicodedata.east_asian_width

    def counting(ch: str) -> str:
        nonlocal calls
        calls += 1
        return width_of(ch)

    monkeypatch.setattr(svg.unicodedata, "east_asian_width", counting)
    name = "王" * 32_767
    assert svg.clip(name, 100.0) == "王" * 8 + "…"  # 8 × 11 + 6.6 ≤ 100
    assert calls <= 3 * len(name)


@pytest.mark.parametrize("text, width, clipped", [
    ("心内科", 100.0, "心内科"),        # fits
    ("心血管内科主任医师", 50.0, "心血管…"),  # 3 × 11 + 6.6 ≤ 50 < 4 × 11 + 6.6
    ("abc", 5.0, ""),                    # not even one character and the ellipsis
    ("", 0.0, ""),
])
def test_clip_keeps_the_longest_prefix_that_fits_with_the_ellipsis(
        text: str, width: float, clipped: str) -> None:
    assert svg.clip(text, width) == clipped
