"""Errors that reach the user as messages, never as tracebacks.

Input problems are collected (all of them, not only the first) as :class:`InputIssue` rows that
name the file or sheet, the row and column, the bad value and what was expected — in words kept
in both languages (:class:`Msg`, a key of :data:`planner.inputs.words.TEXT`), so that the office
reads them in the plan's language (``language`` in plan.yaml, Chinese by default).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Both:
    """A value that differs by language (a weekday, a list of spellings): Chinese, English."""

    zh: str
    en: str

    def __str__(self) -> str:
        return self.en


@dataclass(frozen=True)
class Items:
    """Values shown as a list joined by the words of key ``sep`` (a plain tuple: ``list.sep``)."""

    values: tuple[object, ...]
    sep: str = "list.sep"


@dataclass(frozen=True)
class Msg:
    """Words for the office in both languages: a key of :data:`planner.inputs.words.TEXT` and
    the values its ``{fields}`` take (text, numbers, another :class:`Msg`, a :class:`Both`, or a
    tuple of them, which is shown as a list in the language's own way)."""

    key: str
    args: tuple[tuple[str, object], ...] = ()

    def render(self, lang: str = "en") -> str:
        from planner.inputs.words import render

        return render(self, lang)

    def __str__(self) -> str:
        return self.render("en")


def msg(key: str, /, **values: object) -> Msg:
    """``msg("cell.date")``, ``msg("ref.unknown.room")``; lists become
    tuples so that a message stays hashable."""
    return Msg(key, tuple((k, tuple(v) if isinstance(v, list) else v)
                          for k, v in values.items()))


def language_of(value: object) -> str:
    """``en`` for English, Chinese (the default) for anything else."""
    return "en" if value == "en" else "zh"


@dataclass(frozen=True)
class InputIssue:
    file: str  # file name (``staff.csv``) or ``workbook.xlsx:staff``
    row: int | None  # 1-based spreadsheet row (the header is row 1); None for whole-file issues
    column: str | None
    value: str | None
    message: Msg | str  # what was expected
    hint: Msg | None = None  # how to fix it, where "expected …" alone does not say

    @property
    def expected(self) -> str:
        """What was expected, in English (tests and logs)."""
        return self.message if isinstance(self.message, str) else self.message.render("en")

    def render(self, lang: str = "en") -> str:
        from planner.inputs.words import render_issue

        return render_issue(self, language_of(lang))

    def __str__(self) -> str:
        return self.render("en")

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.row or 0, self.column or "", self.expected)


class PlannerError(Exception):
    """Any error the user can fix; the CLI prints it and exits non-zero without a traceback."""

    exit_code = 1

    def text(self, lang: str) -> str:
        """The message in ``lang`` where it was given in both languages (a :class:`Both`);
        otherwise as given. ``str()`` stays the English, for logs and tests."""
        message = self.args[0] if len(self.args) == 1 else None
        if isinstance(message, Both):
            return message.zh if lang == "zh" else message.en
        return str(self)


class InputError(PlannerError):
    """The inputs are invalid; ``issues`` lists every problem found, ``language`` is the one
    they are shown in (the plan's, else Chinese)."""

    exit_code = 2

    def __init__(self, issues: list[InputIssue], language: str = "zh"):
        self.issues = sorted(set(issues), key=InputIssue.sort_key)
        self.language = language_of(language)
        super().__init__("\n".join(i.render(self.language) for i in self.issues))

    def heading(self, lang: str | None = None) -> str:
        """The line above the list: how many problems, and that nothing was written."""
        from planner.inputs.words import render

        return render(msg("issues.heading", count=len(self.issues)), lang or self.language)

    def lines(self, lang: str | None = None) -> list[str]:
        """Each problem as one line, in ``lang`` (default: the error's language)."""
        return [i.render(lang or self.language) for i in self.issues]


class CalendarError(PlannerError):
    """Working days cannot be known for part of the horizon."""

    exit_code = 2
