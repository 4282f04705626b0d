"""The bureau's folder: ``bureau.yaml``, the tables it shares over its hospitals and one
ordinary input set per hospital under ``hospitals/``.

::

    inputs/<bureau>/
      bureau.yaml            name, language, horizon, partners, solver seed and time limit
      shared_seats.csv       进修 seats at partner hospitals, offered to every hospital's staff
      city_venues.csv        the bureau's own training venues
      city_trainings.csv     全市 trainings: audience (a who filter), cohort size, venue, dates
      hospitals/<name>/      one ordinary input set per hospital (folder or <name>.xlsx)

Everything here is checked before any hospital is read and reported together, each problem
naming its file, row and column (:class:`BureauInputError`, exit 2, nothing written). The
hospitals' own inputs are read later, one task each (:mod:`planner.bureau.survey`), so that one
hospital's bad table stops only that hospital — its problems then name the hospital as well.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from planner.bureau.labels import words_for
from planner.domain import Category, CreditClass, Who
from planner.errors import Msg, PlannerError
from planner.inputs import enums
from planner.inputs.who import WhoSyntaxError, parse_who

BUREAU_FILE = "bureau.yaml"
SEATS_FILE = "shared_seats.csv"
VENUES_FILE = "city_venues.csv"
TRAININGS_FILE = "city_trainings.csv"
HOSPITALS_DIR = "hospitals"
MAX_TEXT = 200
MAX_ROWS = 10_000


@dataclass(frozen=True)
class Partner:
    id: str
    name: str


@dataclass(frozen=True)
class SharedSeat:
    """Seats at a partner, shared by the bureau's hospitals (``hospitals`` empty: all)."""

    id: str
    partner: str  # the partner's name
    specialty: str
    start_earliest: dt.date
    start_latest: dt.date
    months: int
    seats: int
    candidates: Who
    hospitals: tuple[str, ...] = ()
    teach_back_weeks: int = 4
    min_years: int = 0


@dataclass(frozen=True)
class Venue:
    id: str
    name: str
    capacity: int
    address: str = ""


@dataclass(frozen=True)
class CityTraining:
    """A 全市 training held in cohorts of at most ``cohort_size``, one cohort on each of
    ``dates`` (a whole working day away from the ward)."""

    id: str
    title: str
    category: Category
    hours: float
    credits: float
    credit_class: CreditClass
    audience: Who
    cohort_size: int
    venue: Venue
    dates: tuple[dt.date, ...]
    hospitals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bureau:
    name: str  # the folder's name: outputs/<name>/, state/<name>/
    title: str  # 示例市卫生健康委员会
    language: str
    horizon_start: dt.date
    horizon_end: dt.date
    root: Path
    hospitals: tuple[str, ...]  # folder (or workbook stem) names, sorted
    partners: tuple[Partner, ...] = ()
    seats: tuple[SharedSeat, ...] = ()
    venues: tuple[Venue, ...] = ()
    trainings: tuple[CityTraining, ...] = ()
    seed: int = 1
    time_limit: float | None = None

    def hospital_path(self, key: str) -> Path:
        folder = self.root / HOSPITALS_DIR / key
        return folder if folder.is_dir() else folder.with_suffix(".xlsx")


@dataclass(frozen=True)
class BureauIssue:
    file: str
    row: int | None
    column: str | None
    value: str | None
    key: str
    values: tuple[tuple[str, object], ...] = ()
    hospital: tuple[str, str] | None = None  # (name, folder) when a hospital's inputs

    def render(self, lang: str) -> str:
        w = words_for(lang)
        if self.row is None and self.column:
            where = w("where.key", file=self.file, column=self.column)
        elif self.row is None:
            where = w("where.file", file=self.file)
        elif self.column:
            where = w("where.cell", file=self.file, row=self.row, column=self.column)
        else:
            where = w("where.row", file=self.file, row=self.row)
        if self.hospital is not None:
            where = w("where.hospital", hospital=self.hospital[0],
                      folder=self.hospital[1]) + where
        found = "" if self.value is None else w("found", value=self.value)
        values = {k: v.render(lang) if isinstance(v, Msg) else v for k, v in self.values}
        return w("issue", where=where, found=found, expected=w(self.key, **values))


class BureauInputError(PlannerError):
    """The bureau's own inputs are invalid: every problem, in the bureau's language."""

    exit_code = 2

    def __init__(self, issues: list[BureauIssue], language: str = "zh"):
        self.issues = issues
        self.language = language
        super().__init__("\n".join(i.render("en") for i in issues))

    def lines(self, lang: str | None = None) -> list[str]:
        return [i.render(lang or self.language) for i in self.issues]

    def text(self, lang: str) -> str:
        w = words_for(lang)
        return "\n".join([w("issues.heading", count=len(self.issues)),
                          *(f"  - {line}" for line in self.lines(lang))])


@dataclass
class _Issues:
    items: list[BureauIssue] = field(default_factory=list)

    def add(self, file: str, row: int | None, column: str | None, value: object, key: str,
            **values: object) -> None:
        shown = None if value is None else str(value)[:80]
        self.items.append(BureauIssue(file, row, column, shown, key, tuple(values.items())))


# ----------------------------------------------------------------------------------------------


def load_bureau(root: Path, language: str | None = None) -> Bureau:
    """Read and check the bureau's own files (not the hospitals' tables); raise
    :class:`BureauInputError` listing every problem."""
    root = Path(root)
    issues = _Issues()
    if not (root.is_dir() and (root / BUREAU_FILE).is_file()):
        issues.add(root.name or str(root), None, None, None, "in.folder")
        raise BureauInputError(issues.items, language or "zh")
    settings = _settings(root / BUREAU_FILE, issues)
    lang = language or settings.get("language", "zh")
    start, end = settings.get("start"), settings.get("end")
    partners = settings.get("partners", ())
    hospitals = _hospitals(root, issues)
    venues = _venues(_table(root / VENUES_FILE, issues, optional=True), issues)
    seats = _seats(_table(root / SEATS_FILE, issues, optional=True), issues, partners,
                   hospitals, start, end)
    trainings = _trainings(_table(root / TRAININGS_FILE, issues, optional=True), issues,
                           venues, hospitals, start, end)
    if issues.items:
        raise BureauInputError(issues.items, lang)
    return Bureau(name=root.resolve().name, title=settings["title"], language=lang,
                  horizon_start=start, horizon_end=end, root=root, hospitals=hospitals,
                  partners=tuple(partners), seats=tuple(seats), venues=tuple(venues),
                  trainings=tuple(trainings), seed=settings.get("seed", 1),
                  time_limit=settings.get("time_limit"))


_KEYS = ("bureau", "language", "horizon", "partners", "solver")


def _settings(path: Path, issues: _Issues) -> dict:
    file = path.name
    try:
        doc = yaml.safe_load(path.read_text("utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        issues.add(file, None, None, None, "in.yaml", error=str(e).splitlines()[0][:120])
        return {}
    if not isinstance(doc, dict):
        issues.add(file, None, None, None, "in.yaml.map")
        return {}
    out: dict = {}
    for key in doc:
        if key not in _KEYS:
            issues.add(file, None, str(key), None, "in.unknown_key", keys=", ".join(_KEYS))
    title = doc.get("bureau")
    if not isinstance(title, str) or not title.strip() or len(title) > MAX_TEXT:
        issues.add(file, None, "bureau", title, "in.text", max=MAX_TEXT)
    else:
        out["title"] = title.strip()
    lang = doc.get("language", "zh")
    if lang not in ("zh", "en"):
        issues.add(file, None, "language", lang, "in.language")
    else:
        out["language"] = lang
    horizon = doc.get("horizon")
    try:
        start, end = _date(horizon["start"]), _date(horizon["end"])  # type: ignore[index]
        if not start <= end or (end - start).days > 3 * 366:
            raise ValueError
        out["start"], out["end"] = start, end
    except (TypeError, KeyError, ValueError):
        issues.add(file, None, "horizon", horizon, "in.horizon")
    partners = []
    raw = doc.get("partners") or []
    if not isinstance(raw, list) or not all(
            isinstance(p, dict) and isinstance(p.get("id"), (str, int))
            and isinstance(p.get("name"), str) and p["name"].strip() for p in raw):
        issues.add(file, None, "partners", None, "in.partners")
    else:
        partners = [Partner(str(p["id"]).strip(), p["name"].strip()) for p in raw]
    out["partners"] = partners
    solver = doc.get("solver") or {}
    if not isinstance(solver, dict):
        issues.add(file, None, "solver", solver, "in.yaml.map")
        solver = {}
    seed = solver.get("seed", 1)
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= 2**31 - 1:
        issues.add(file, None, "solver.seed", seed, "in.whole", low=0, high=2**31 - 1)
    else:
        out["seed"] = seed
    limit = solver.get("time_limit")
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, (int, float)) or not 0 < limit <= 3600:
            issues.add(file, None, "solver.time_limit", limit, "in.number", low=0, high=3600)
        else:
            out["time_limit"] = float(limit)
    return out


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip())
    raise ValueError(value)


def _hospitals(root: Path, issues: _Issues) -> tuple[str, ...]:
    folder = root / HOSPITALS_DIR
    found = set()
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                found.add(entry.name)
            elif entry.suffix.lower() == ".xlsx":
                found.add(entry.stem)
    if not found:
        issues.add(HOSPITALS_DIR + "/", None, None, None, "in.no_hospitals")
    return tuple(sorted(found))


@dataclass(frozen=True)
class _Row:
    file: str
    number: int
    cells: dict[str, str]


def _table(path: Path, issues: _Issues, optional: bool) -> list[_Row]:
    if not path.exists():
        return []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        issues.add(path.name, None, None, None, "in.yaml", error="UTF-8")
        return []
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    out = []
    for number, values in enumerate(rows[1:MAX_ROWS + 1], start=2):
        if not any(v.strip() for v in values):
            continue
        out.append(_Row(path.name, number, {h: (values[i].strip() if i < len(values) else "")
                                             for i, h in enumerate(header) if h}))
    return out


class _Bad(Exception):
    pass


class _Cells:
    """Typed cells of one row; each problem recorded once, naming file, row and column."""

    def __init__(self, row: _Row, issues: _Issues):
        self.row, self.issues, self.ok = row, issues, True

    def bad(self, column: str, value: object, key: str, **values: object) -> None:
        self.ok = False
        self.issues.add(self.row.file, self.row.number, column, value, key, **values)

    def text(self, column: str, required: bool = True) -> str:
        value = self.row.cells.get(column, "")
        if required and not value:
            self.bad(column, None, "in.required")
        elif len(value) > MAX_TEXT:
            self.bad(column, value, "in.text", max=MAX_TEXT)
        return value

    def whole(self, column: str, low: int, high: int, default: int | None = None) -> int:
        value = self.row.cells.get(column, "")
        if not value and default is not None:
            return default
        try:
            number = int(value)
            if not low <= number <= high:
                raise ValueError
            return number
        except ValueError:
            self.bad(column, value or None, "in.whole", low=low, high=high)
            return low

    def number(self, column: str, low: float, high: float, default: float | None = None) -> float:
        value = self.row.cells.get(column, "")
        if not value and default is not None:
            return default
        try:
            number = float(value)
            if not low <= number <= high:
                raise ValueError
            return number
        except ValueError:
            self.bad(column, value or None, "in.number", low=low, high=high)
            return low

    def date(self, column: str, start: dt.date | None, end: dt.date | None) -> dt.date:
        value = self.row.cells.get(column, "")
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            self.bad(column, value or None, "in.date")
            return dt.date(2000, 1, 1)
        if start is not None and end is not None and not start <= day <= end:
            self.bad(column, value, "in.outside", start=start, end=end)
        return day

    def who(self, column: str) -> Who:
        value = self.row.cells.get(column, "") or "everyone"
        try:
            return parse_who(value)
        except WhoSyntaxError as e:
            self.ok = False
            self.issues.add(self.row.file, self.row.number, column, value, "in.who",
                            error=e.message)
            return Who("nobody", nobody=True)

    def hospitals(self, column: str, known: tuple[str, ...]) -> tuple[str, ...]:
        value = self.row.cells.get(column, "")
        names = tuple(p.strip() for p in value.replace("，", ",").replace("、", ",").split(",")
                      if p.strip())
        for name in names:
            if name not in known:
                self.bad(column, name, "in.hospital", known=", ".join(known))
        return tuple(sorted(set(names)))


def _unique(c: _Cells, column: str, value: str, seen: dict[str, int]) -> None:
    if value in seen:
        c.bad(column, value, "in.duplicate", row=seen[value])
    elif value:
        seen[value] = c.row.number


def _seats(rows: list[_Row], issues: _Issues, partners: list[Partner],
           hospitals: tuple[str, ...], start: dt.date | None,
           end: dt.date | None) -> list[SharedSeat]:
    out: list[SharedSeat] = []
    seen: dict[str, int] = {}
    by_key = {p.id: p for p in partners} | {p.name: p for p in partners}
    for row in rows:
        c = _Cells(row, issues)
        sid = c.text("id")
        _unique(c, "id", sid, seen)
        partner_text = c.text("partner")
        partner = by_key.get(partner_text)
        if partner_text and partner is None:
            c.bad("partner", partner_text, "in.partner",
                  known=", ".join(f"{p.id} {p.name}" for p in partners) or "—")
        specialty = c.text("specialty")
        earliest = c.date("start_earliest", start, end)
        latest = c.date("start_latest", start, end) if row.cells.get("start_latest") else earliest
        if c.ok and latest < earliest:
            c.bad("start_latest", latest, "in.window", earliest=earliest)
        months = c.whole("months", 1, 36)
        seats = c.whole("seats", 1, 1000)
        candidates = c.who("candidates")
        allowed = c.hospitals("hospitals", hospitals)
        weeks = c.whole("teach_back_weeks", 1, 52, default=4)
        years = c.whole("min_years", 0, 60, default=0)
        if c.ok and partner is not None:
            out.append(SharedSeat(sid, partner.name, specialty, earliest, latest, months, seats,
                                  candidates, allowed, weeks, years))
    return out


def _venues(rows: list[_Row], issues: _Issues) -> list[Venue]:
    out: list[Venue] = []
    seen: dict[str, int] = {}
    for row in rows:
        c = _Cells(row, issues)
        vid = c.text("id")
        _unique(c, "id", vid, seen)
        name = c.text("name")
        capacity = c.whole("capacity", 1, 100_000)
        address = c.text("address", required=False)
        if c.ok:
            out.append(Venue(vid, name, capacity, address))
    return out


def _trainings(rows: list[_Row], issues: _Issues, venues: list[Venue],
               hospitals: tuple[str, ...], start: dt.date | None,
               end: dt.date | None) -> list[CityTraining]:
    out: list[CityTraining] = []
    seen: dict[str, int] = {}
    by_id = {v.id: v for v in venues}
    for row in rows:
        c = _Cells(row, issues)
        tid = c.text("id")
        _unique(c, "id", tid, seen)
        title = c.text("title")
        category_text = c.text("category")
        category = enums.lookup(enums.CATEGORIES, category_text) if category_text else None
        if category_text and category is None:
            c.bad("category", category_text, "in.category",
                  known=", ".join(x.value for x in Category))
        hours = c.number("hours", 0.5, 24)
        credits = c.number("credits", 0, 25, default=0)
        class_text = row.cells.get("credit_class", "") or "none"
        credit_class = enums.lookup(enums.CREDIT_CLASSES, class_text)
        if credit_class is None:
            c.bad("credit_class", class_text, "in.class")
        audience = c.who("audience")
        cohort = c.whole("cohort_size", 1, 10_000)
        venue_id = c.text("venue")
        venue = by_id.get(venue_id)
        if venue_id and venue is None:
            c.bad("venue", venue_id, "in.venue", known=", ".join(by_id) or "—")
        elif venue is not None and c.ok and cohort > venue.capacity:
            c.bad("cohort_size", cohort, "in.cohort", venue=venue.name, capacity=venue.capacity)
        dates: list[dt.date] = []
        for part in (p.strip() for p in row.cells.get("dates", "").replace("，", ",").split(",")):
            if not part:
                continue
            try:
                day = dt.date.fromisoformat(part)
            except ValueError:
                c.bad("dates", part, "in.dates")
                continue
            if start is not None and end is not None and not start <= day <= end:
                c.bad("dates", part, "in.outside", start=start, end=end)
            dates.append(day)
        if not dates and c.ok:
            c.bad("dates", None, "in.dates")
        allowed = c.hospitals("hospitals", hospitals)
        if c.ok and venue is not None and category is not None and credit_class is not None:
            out.append(CityTraining(tid, title, category, hours, credits, credit_class, audience,
                                    cohort, venue, tuple(sorted(set(dates))), allowed))
    return out
