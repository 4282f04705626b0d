"""Plan settings (``plan.yaml`` or the ``plan`` sheet) → :class:`planner.domain.Settings`.

Defaults are the dataclass defaults in :mod:`planner.domain`; only the horizon is required.
Every "who" filter met here is returned with its location so the cross-checks in
:mod:`planner.inputs.problem` can name the setting when it cites an unknown department.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from planner.domain import (
    CreditQuota,
    CreditRates,
    HospitalRule,
    NotifySettings,
    QuotaLine,
    Settings,
    Slot,
    SolverSettings,
    Who,
)
from planner.errors import Msg, msg
from planner.inputs import enums, limits
from planner.inputs.cells import (
    CellError,
    as_text,
    decimal,
    enum_parser,
    parse_bool,
    parse_date,
    parse_float,
    parse_time,
    whole,
)
from planner.inputs.issues import Issues
from planner.inputs.plandoc import Path_, PlanDoc
from planner.inputs.refs import is_list, parse_who_cell
from planner.inputs.who import parse_who

TOP_KEYS = (
    "hospital",
    "timezone",
    "language",
    "horizon",
    "public_base_url",
    "slots",
    "quotas",
    "credits",
    "rates",
    "rules",
    "solver",
    "feed_window_days",
    "previous_term",  # read by planner.inputs.previous (history from the previous term)
    "reminders",
    "notify",
    "sign_in_minutes",
)
LANGUAGES = {"zh": "zh", "中文": "zh", "cn": "zh", "en": "en", "english": "en", "英文": "en"}


@dataclass(frozen=True)
class WhoCell:
    """A parsed who filter and the place it was typed (for cross-reference messages)."""

    who: Who
    file: str
    row: int | None
    column: str


class PlanReader:
    """Typed access to the nested settings; failures become issues at the key's line."""

    def __init__(self, doc: PlanDoc, issues: Issues):
        self.doc = doc
        self.issues = issues
        self.ok = True
        self.who_cells: list[WhoCell] = []

    def value(self, path: Path_) -> object:
        node: object = self.doc.data
        for part in path:
            if isinstance(node, dict) and isinstance(part, str):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
            else:
                return None
        return node

    def issue(self, path: Path_, value: object, expected: Msg, hint: Msg | None = None) -> None:
        shown_value = value if not isinstance(value, (dict, list)) else None
        self.issues.add(*self.doc.locate(path), shown_value, expected, hint)
        self.ok = False

    def get(
        self,
        path: Path_,
        parse: Callable[[object], Any],
        default: Any = None,
        required: bool = False,
    ) -> Any:
        value = self.value(path)
        if value is None or value == "":
            if required:
                self.issue(path, None, msg("setting.required"))
            return default
        try:
            return parse(value)
        except CellError as exc:
            self.issue(path, value, exc.expected, exc.hint)
            return default

    def who(self, path: Path_, default: str | None = None) -> Who | None:
        """A who filter; a plain list of people or departments stays a list of names here,
        resolved once the tables are read (:func:`planner.inputs.problem.assemble`)."""
        value = self.value(path)
        if isinstance(value, str) and is_list(value):
            who: Who | None = Who(text=value.strip())
            self.who_cells.append(WhoCell(who, *self.doc.locate(path)))  # type: ignore[arg-type]
            return who
        who = self.get(path, parse_who_cell, None, required=default is None)
        if who is None and default is not None:
            who = parse_who(default)
        if who is not None:
            self.who_cells.append(WhoCell(who, *self.doc.locate(path)))
        return who

    def mapping(self, path: Path_, allowed: tuple[str, ...], required: bool = False) -> bool:
        """Check ``path`` is a mapping of known keys; ``False`` when absent or not a mapping."""
        value = self.value(path)
        if value is None:
            if required:
                self.issue(path, None, msg("setting.required"))
            return False
        if not isinstance(value, dict):
            self.issue(path, value, msg("setting.keys", keys=", ".join(allowed)))
            return False
        for key in value:
            if str(key) not in allowed:
                self.issue((*path, str(key)), key, msg("setting.key", keys=", ".join(allowed)),
                           _did_you_mean(str(key), allowed))
        return True

    def items(self, path: Path_) -> list[int]:
        """Indices of a list setting (absent → none)."""
        value = self.value(path)
        if value is None:
            return []
        if not isinstance(value, list):
            self.issue(path, value, msg("setting.list"), msg("yaml.cell.fix"))
            return []
        return list(range(len(value)))


def _did_you_mean(key: str, allowed: tuple[str, ...]) -> Msg | None:
    import difflib

    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return msg("setting.did_you_mean", key=close[0]) if close else None


def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _parse_language(value: object) -> str:
    language = LANGUAGES.get(as_text(value).casefold())
    if language is None:
        raise CellError(msg("setting.language"))
    return language


def _parse_timezone(value: object) -> str:
    name = _plain_text(value)
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise CellError(msg("setting.timezone")) from None
    return name


_URL = re.compile(r"(https?)://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?"
                  r"(?:/[A-Za-z0-9._~%/-]*)?")
#: a feed link is the base URL + "/feeds/" + a 32-character token + ".ics"
_FEED_SUFFIX = len("/feeds/") + 32 + len(".ics")
_MAX_LINK = 256  # Google Calendar refuses longer subscription URLs


def _parse_url(value: object) -> str:
    url = _plain_text(value, 1_000).rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise CellError(msg("setting.url.https"))
    if not _URL.fullmatch(url):
        raise CellError(msg("setting.url.form"))
    webcal = len("webcal://") + len(url.split("://", 1)[1]) + _FEED_SUFFIX
    if max(len(url) + _FEED_SUFFIX, webcal) > _MAX_LINK:
        most = _MAX_LINK - _FEED_SUFFIX - (len("webcal://") - len(url.split("://", 1)[0]) - 3)
        raise CellError(msg("setting.url.long", most=most, suffix=_FEED_SUFFIX, link=_MAX_LINK))
    return url


def _plain_text(value: object, most: int = limits.MAX_NAME_CHARS) -> str:
    """Text (not a list or a mapping) of at most ``most`` characters."""
    if isinstance(value, (dict, list, tuple, set)):
        raise CellError(msg("setting.text.single"))
    text = as_text(value)
    if len(text) > most:
        raise CellError(msg("setting.text.long", most=most))
    return text


def _read_slots(r: PlanReader) -> tuple[Slot, ...]:
    slots: list[Slot] = []
    seen: set[str] = set()
    weekday = enum_parser(enums.WEEKDAYS, "weekday")
    for i in r.items(("slots",)):
        path: Path_ = ("slots", i)
        if not r.mapping(path, ("id", "weekday", "start", "end", "makeup"), required=True):
            continue
        before = len(r.issues)
        sid = r.get((*path, "id"), lambda v: _plain_text(v, limits.MAX_ID_CHARS), required=True)
        day = r.get((*path, "weekday"), weekday, required=True)
        start = r.get((*path, "start"), parse_time, required=True)
        end = r.get((*path, "end"), parse_time, required=True)
        makeup = r.get((*path, "makeup"), parse_bool, False)
        if sid in seen:
            r.issue((*path, "id"), sid, msg("slot.id_once"))
        if start is not None and end is not None and start >= end:
            r.issue((*path, "end"), end, msg("slot.end", start=f"{start:%H:%M}"))
        if len(r.issues) == before and sid not in seen:
            slots.append(Slot(sid, day, start, end, makeup))
        else:
            r.doc.failed.add("slots")  # the days fixed elsewhere are not judged on the rest
        seen.add(sid)
    return tuple(slots)


def _read_quotas(r: PlanReader) -> tuple[QuotaLine, ...]:
    quotas = []
    category = enum_parser(enums.CATEGORIES, "category")
    for i in r.items(("quotas",)):
        path: Path_ = ("quotas", i)
        if not r.mapping(path, ("who", "category", "min_hours", "online_share_max"), required=True):
            continue
        before = len(r.issues)
        who = r.who((*path, "who"), default="everyone")
        cat = r.get((*path, "category"), category, required=True)
        hours = r.get((*path, "min_hours"), decimal(limits.QUOTA_HOURS), required=True)
        share = r.get((*path, "online_share_max"), _share, 1.0)
        if len(r.issues) == before and who is not None:
            quotas.append(QuotaLine(who, cat, hours, share))
    return tuple(quotas)


def _share(value: object) -> float:
    share = parse_float(value)
    if share > 1:
        raise CellError(msg("setting.share"))
    return share


def _read_credits(r: PlanReader) -> CreditQuota | None:
    if not r.mapping(("credits",), ("who", "total_min", "class1", "class2_min")):
        return None
    before = len(r.issues)
    who = r.who(("credits", "who"), default="everyone")
    d = CreditQuota(who=Who("everyone"))
    amount = decimal(limits.CREDIT_QUOTA)
    total = r.get(("credits", "total_min"), amount, d.total_min)
    c1_min, c1_max = d.class1_min, d.class1_max
    if r.mapping(("credits", "class1"), ("min", "max")):
        c1_min = r.get(("credits", "class1", "min"), amount, c1_min)
        c1_max = r.get(("credits", "class1", "max"), amount, c1_max)
        if c1_min > c1_max:
            r.issue(("credits", "class1", "max"), c1_max, msg("credits.class1_max", low=c1_min))
    c2 = r.get(("credits", "class2_min"), amount, d.class2_min)
    if len(r.issues) != before or who is None:
        return None
    return CreditQuota(who, total, c1_min, c1_max, c2)


def _read_rates(r: PlanReader) -> CreditRates:
    d = CreditRates()
    if not r.mapping(("rates",), _names(CreditRates)):
        return d
    values: dict[str, Any] = {}
    for name in _names(CreditRates):
        if name == "external_full_year_months":
            parse = whole(*limits.FULL_YEAR_MONTHS)
        elif name == "hospital_class2_cap":
            parse = decimal(limits.CREDIT_QUOTA)
        else:
            parse = decimal(limits.RATE)
        values[name] = r.get(("rates", name), parse, getattr(d, name))
    return CreditRates(**values)


def _read_rules(r: PlanReader) -> tuple[HospitalRule, ...]:
    rules = []
    kind = enum_parser(enums.RULE_KINDS, "rule_kind")
    category = enum_parser(enums.CATEGORIES, "category")
    for i in r.items(("rules",)):
        path: Path_ = ("rules", i)
        if not r.mapping(path, ("kind", "category", "minimum", "description"), required=True):
            continue
        before = len(r.issues)
        k = r.get((*path, "kind"), kind, required=True)
        cat = r.get((*path, "category"), category, required=True)
        minimum = r.get((*path, "minimum"), whole(*limits.RULE_MINIMUM), required=True)
        description = r.get((*path, "description"), lambda v: _plain_text(
            v, limits.MAX_TITLE_CHARS), "")
        if len(r.issues) == before:
            rules.append(HospitalRule(k, cat, minimum, description))
    return tuple(rules)


def _read_solver(r: PlanReader) -> SolverSettings:
    d = SolverSettings()
    if not r.mapping(("solver",), _names(SolverSettings)):
        return d
    return SolverSettings(
        time_limit=r.get(
            ("solver", "time_limit"), decimal(limits.TIME_LIMIT, positive=True), d.time_limit
        ),
        seed=r.get(("solver", "seed"), whole(*limits.SEED), d.seed),
        workers=r.get(("solver", "workers"), whole(*limits.WORKERS), d.workers),
        engine=r.get(("solver", "engine"),
                     enum_parser({"cp-sat": "cp-sat", "cpsat": "cp-sat", "highs": "highs"},
                                 "engine"), d.engine),
        replan_scope=r.get(("solver", "replan_scope"),
                           enum_parser({"local": "local", "full": "full"},
                                       "replan_scope"), d.replan_scope),
    )


_REMINDER = re.compile(r"(\d{1,4})\s*(d|day|days|天|h|hour|hours|小时|m|min|minutes|分钟)")
_MINUTES = {"d": 1440, "day": 1440, "days": 1440, "天": 1440, "h": 60, "hour": 60, "hours": 60,
            "小时": 60, "m": 1, "min": 1, "minutes": 1, "分钟": 1}


def _parse_reminders(value: object) -> tuple[int, ...]:
    """``[1d, 1h]`` / ``[1天, 1小时]`` → minutes before the start, largest first; ``off``,
    ``false`` or an empty list → none."""
    if value is False or value is None or (isinstance(value, str) and as_text(value).casefold()
                                           in ("off", "no", "none", "false", "关", "不提醒")):
        return ()
    items = value if isinstance(value, list) else \
        [x.strip() for x in re.split(r"[,，、;；]+", as_text(value)) if x.strip()]
    out = set()
    for item in items:
        found = _REMINDER.fullmatch(as_text(item).strip().casefold())
        if found is None or int(found[1]) == 0 or int(found[1]) * _MINUTES[found[2]] > 40_320:
            raise CellError(msg("setting.reminders"))
        out.add(int(found[1]) * _MINUTES[found[2]])
    return tuple(sorted(out, reverse=True))


def _parse_security(value: object) -> str:
    found = as_text(value).strip().casefold()
    if found not in ("ssl", "starttls", "none"):
        raise CellError(msg("setting.security"))
    return found


def _read_notify(r: PlanReader) -> NotifySettings:
    d = NotifySettings()
    if not r.mapping(("notify",), _names(NotifySettings)):
        return d
    text = lambda v: _plain_text(v, 300)  # noqa: E731
    return NotifySettings(
        smtp_host=r.get(("notify", "smtp_host"), text, d.smtp_host),
        smtp_port=r.get(("notify", "smtp_port"), whole(1, 65535), d.smtp_port),
        smtp_security=r.get(("notify", "smtp_security"), _parse_security, d.smtp_security),
        smtp_user=r.get(("notify", "smtp_user"), text, d.smtp_user),
        sender=r.get(("notify", "sender"), text, d.sender),
        wecom_webhook=r.get(("notify", "wecom_webhook"), lambda v: _plain_text(v, 1_000),
                            d.wecom_webhook),
    )


def _read_horizon(r: PlanReader) -> tuple[dt.date | None, dt.date | None]:
    if not r.mapping(("horizon",), ("start", "end"), required=True):
        return None, None
    start = r.get(("horizon", "start"), parse_date, required=True)
    end = r.get(("horizon", "end"), parse_date, required=True)
    if start is not None and end is not None and start > end:
        r.issue(("horizon", "end"), end, msg("horizon.order", start=start.isoformat()))
        return None, None
    if start is not None and end is not None and (end - start).days >= limits.HORIZON_DAYS:
        r.issue(("horizon", "end"), end, msg("horizon.long", days=limits.HORIZON_DAYS,
                                             start=start.isoformat()))
        return None, None
    return start, end


def read_settings(
    doc: PlanDoc, default_hospital: str, issues: Issues
) -> tuple[Settings | None, list[WhoCell]]:
    """Settings, or ``None`` when the horizon is unusable (issues say why); plus the who cells."""
    r = PlanReader(doc, issues)
    for key in doc.data:
        if key not in TOP_KEYS:
            r.issue((key,), key, msg("setting.top", keys=", ".join(TOP_KEYS)),
                    _did_you_mean(key, TOP_KEYS))
    start, end = _read_horizon(r)
    d = Settings("", dt.date.min, dt.date.min, ())
    settings = dict(
        hospital=r.get(("hospital",), _plain_text, default_hospital),
        slots=_read_slots(r),
        timezone=r.get(("timezone",), _parse_timezone, d.timezone),
        language=r.get(("language",), _parse_language, d.language),
        quotas=_read_quotas(r),
        credits=_read_credits(r),
        rates=_read_rates(r),
        rules=_read_rules(r),
        solver=_read_solver(r),
        public_base_url=r.get(("public_base_url",), _parse_url, d.public_base_url),
        feed_window_days=r.get(
            ("feed_window_days",), whole(*limits.FEED_WINDOW_DAYS), d.feed_window_days
        ),
        reminders=r.get(("reminders",), _parse_reminders, d.reminders),
        notify=_read_notify(r),
        sign_in_minutes=r.get(("sign_in_minutes",), whole(0, 1440), d.sign_in_minutes),
    )
    if start is None or end is None:
        return None, r.who_cells
    return Settings(horizon_start=start, horizon_end=end, **settings), r.who_cells
