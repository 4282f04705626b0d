"""Both languages complete: every word of a diagnosis has a Chinese and an English text taking
the same values, and every rule and relaxation the planner can report has its words."""

from __future__ import annotations

import re
import string
from pathlib import Path

from planner.explain import labels
from planner.explain.labels import TEXT, labels_for


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages_with_the_same_fields() -> None:
    for key, (zh, en) in TEXT.items():
        assert zh and en, key
        assert fields(zh) == fields(en), key


def test_every_finding_rule_and_relaxation_kind_has_words() -> None:
    from planner.explain import relax, words

    source = " ".join(Path(m.__file__).read_text(encoding="utf-8") for m in (relax, words))
    kinds = set(re.findall(r'Relaxation\("([a-z-]+)"', source))
    assert kinds and all(f"r.{k}" in TEXT for k in kinds), kinds - {
        k[2:] for k in TEXT if k.startswith("r.")}
    for rule in ("part", "pin", "runs", "order", "rooms", "speakers", "ward", "year-rule",
                 "month-rule", "no-time", "pin-no-time", "no-speaker", "no-room", "exam",
                 "unexplained", "limit"):
        assert f"f.{rule}" in TEXT, rule


def test_no_solver_term_reaches_the_office() -> None:
    for zh, en in TEXT.values():
        for word in ("guard", "assumption", "INFEASIBLE", "literal", "CP-SAT", "core"):
            assert word not in zh and word not in en


def test_default_is_chinese_and_english_on_request() -> None:
    import datetime as dt

    assert labels_for("zh")("head.one") == "无法排出计划："
    assert labels_for("fr")("head.one") == "无法排出计划："
    assert labels_for("en")("head.one") == "No plan is possible:"
    march = dt.date(2026, 3, 1)
    assert labels_for("zh").month(march) == "2026年3月"
    assert labels_for("en").month(march) == "Mar 2026"
    assert labels.labels_for("en").span(march, march) == "2026-03-01"
