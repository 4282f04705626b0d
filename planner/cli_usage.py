"""click's usage errors — a missing argument, an unknown option or command, an option without
its value, a value of the wrong kind — in the command line's words.

click writes these in English (``Missing argument 'INPUTS'.``, ``Invalid value for
'--time-limit': …``) before any plan is read, which is exactly when a clerk who mistyped a
command needs to be told plainly what to type. The error is rebuilt here from what click knows —
the parameter, the option's name, the close matches — and keeps its exit code 2; a message this
module does not know keeps click's words.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
from pathlib import Path
from typing import Any

try:  # typer 0.2x parses with its own copy of click
    from typer import _click as click
except ImportError:  # pragma: no cover — older typer: click itself
    import click  # type: ignore[no-redef]

from planner.cli_labels import Labels

UsageError = click.exceptions.UsageError

_EXTRA = re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$")
_QUOTED = re.compile(r"'([^']*)'")


def in_words(e: UsageError, say: Labels, commands: list[str] | None = None
             ) -> UsageError:
    """``e`` with its message in ``say``'s language (``commands``: the group's command names,
    for an unknown command)."""
    if say.lang == "en" or isinstance(e, click.exceptions.NoArgsIsHelpError):
        return e
    message = _message(e, say, commands or [])
    if message is None:
        return e
    return UsageError(message, e.ctx)


def _message(e: UsageError, say: Labels, commands: list[str]) -> str | None:
    if isinstance(e, click.exceptions.MissingParameter) and e.param is not None:
        return say("usage.missing", what=_hint(e.param), about=_about(e.param, say))
    if isinstance(e, click.exceptions.NoSuchOption):
        close = e.possibilities or _near(e.option_name, _options(e.ctx))
        return say("usage.no_option", name=e.option_name) + _did_you_mean(close, say)
    if isinstance(e, click.exceptions.BadOptionUsage):
        return say("usage.needs_value", name=e.option_name)
    if isinstance(e, click.exceptions.BadParameter) and e.param is not None:
        seen = _QUOTED.search(e.message)
        got = say("usage.got", value=seen.group(1)) if seen else ""
        return say("usage.bad_value", what=_hint(e.param), expected=_expected(e.param, say),
                   got=got)
    text = e.message
    if text.startswith("No such command"):
        name = _QUOTED.search(text)
        wrong = name.group(1) if name else ""
        close = _near(wrong, commands)
        return say("usage.no_command", name=wrong) + _did_you_mean(close, say)
    if text == "Missing command.":
        return say("usage.no_command_given", commands=say("sep").join(commands))
    extra = _EXTRA.match(text)
    if extra:
        return say("usage.extra", args=extra.group("args"))
    return None


def _near(typed: str, names: list[str]) -> list[str]:
    """Names that start with what was typed (``--tim``), then the close ones (``--seeed``)."""
    out = [n for n in names if typed and n.startswith(typed)]
    return out + [n for n in difflib.get_close_matches(typed, names) if n not in out]


def _options(ctx: Any) -> list[str]:
    """Every option name the command takes."""
    params = getattr(getattr(ctx, "command", None), "params", ())
    return [o for p in params for o in getattr(p, "opts", ()) if o.startswith("-")]


def _hint(param: Any) -> str:
    opts = [o for o in getattr(param, "opts", ()) if o.startswith("-")]
    return " / ".join(opts) if opts else (param.name or "").upper()


def _about(param: Any, say: Labels) -> str:
    """The parameter's help, as ``--help`` shows it, when it has one."""
    text = getattr(param, "help", None)
    return say("usage.about", help=text.rstrip("。.")) if text else ""


_KINDS = {float: "usage.expect.number", int: "usage.expect.integer",
          bool: "usage.expect.boolean", Path: "usage.expect.path",
          dt.datetime: "usage.expect.date", dt.date: "usage.expect.date"}


def _expected(param: Any, say: Labels) -> str:
    """What the parameter takes, from its annotation (typer) or its click type."""
    descriptor = getattr(param, "type_descriptor", None)
    kind = getattr(descriptor, "annotation", None)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return say("usage.expect.choice",
                   choices=say("sep").join(str(m.value) for m in kind))
    if kind in _KINDS:
        return say(_KINDS[kind])
    choices = getattr(getattr(param, "type", None), "choices", None)
    if choices:
        return say("usage.expect.choice", choices=say("sep").join(map(str, choices)))
    name = getattr(getattr(param, "type", None), "name", "")
    return say({"float": "usage.expect.number", "integer": "usage.expect.integer",
                "boolean": "usage.expect.boolean", "path": "usage.expect.path",
                "datetime": "usage.expect.date"}.get(name, "usage.expect.text"))


def _did_you_mean(possibilities: list[str] | None, say: Labels) -> str:
    if not possibilities:
        return ""
    return say("usage.did_you_mean", names=say("sep").join(possibilities))
