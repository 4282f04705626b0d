"""The staff parts' words: every key in both languages, with the same fields, and the Chinese
free of English words (field names and the office's own terms aside)."""

from __future__ import annotations

import string

from planner.staff.labels import LANGUAGES, TEXT, labels_for

#: English that belongs in the Chinese too: names of settings, protocols and files
ALLOWED = ("plan.yaml", "notify", "smtp_host", "sender", "PLANNER_SMTP_HOST", "PLANNER_SMTP_PORT",
           "PLANNER_SMTP_SENDER", "PLANNER_SMTP_SECURITY", "ssl", "starttls", "none",
           "changes.csv", "planner notify", "planner plan", "dry-run", "Google", "Outlook",
           "Apple", "webcal", "QR", "HTTPS", "https", "II", "I", "public_base_url")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages_with_the_same_fields() -> None:
    assert LANGUAGES == ("zh", "en")
    assert [k for k, v in TEXT.items() if len(v) != 2 or not all(v)] == []
    assert [k for k, (zh, en) in TEXT.items() if fields(zh) != fields(en)] == []


def test_the_chinese_has_no_english_words_left() -> None:
    def english(zh: str) -> bool:
        text = string.Formatter().vformat(zh, (), {f: "" for f in fields(zh)})
        for word in sorted(ALLOWED, key=len, reverse=True):
            text = text.replace(word, "")
        return any("a" <= ch.lower() <= "z" for ch in text)

    assert [k for k, (zh, _) in TEXT.items() if english(zh)] == []


def test_anything_but_english_is_chinese() -> None:
    assert labels_for("fr").lang == labels_for(None).lang == "zh"
    assert labels_for("en")("notify.sent", sent=2) == "sent 2 notices"
