"""The range of every number in the inputs, and the size of every file and cell.

Each bound is one no real hospital reaches (the largest Chinese hospitals have some 20,000
staff; a plan covers a term or a year): a value beyond it is a typo — an extra zero, a year
9999, a name pasted twice — and is reported where it was typed, before anything is built from
it. Without these bounds such values reached the solver (credits 1e300 crashed HiGHS, a seed of
10^30 crashed CP-SAT, ``feed_window_days`` 10^20 overflowed a date) or made a chart quadratic.

docs/inputs.md ("Limits") lists the same figures; keep the two in step.
"""

from __future__ import annotations

# ------------------------------------------------------------------------ files and cells

MAX_TABLE_BYTES = 50_000_000  # one CSV file or one .xlsx workbook
MAX_PLAN_BYTES = 1_000_000  # plan.yaml
MAX_ROWS = 200_000  # non-empty data rows in one table
MAX_COLUMNS = 1_000  # columns read from a header row (the tables have at most 21)
MAX_CELL_CHARS = 10_000  # any one cell (a who filter listing many ids fits comfortably)
MAX_ID_CHARS = 64  # ids: staff, departments, rooms, courses, programmes, seats, slots
MAX_NAME_CHARS = 100  # names of people, departments, rooms, partners; specialty; e-mail 254
MAX_TITLE_CHARS = 300  # course titles, topics, reasons, notes, descriptions
MAX_YAML_DEPTH = 20  # nesting of lists and mappings in plan.yaml (the format needs 3)

# ------------------------------------------------------------------------ numbers (low, high)

YEARS = (1900, 2100)  # every date
HORIZON_DAYS = 1_096  # at most three years
AGE = (16, 100)  # staff age on the first day of the horizon (also via birth_date)
WORK_START_AGE = 14  # employed_since is at least this many years after birth
HEADCOUNT = (0, 100_000)  # min_on_duty as a head count
ROTATOR_CAPACITY = (0, 1_000)
ROOM_CAPACITY = (1, 10_000)
HOURS = 24.0  # hours of one in-person session (and of an exit exam)
ONLINE_HOURS = 1_000.0  # hours of one online module
SESSIONS = (1, 400)  # parts of one course (a weekly series over a year is 52)
COHORT_SIZE = (1, 10_000)
REPEATS = (0, 100)  # extra runs of each part
PIN_RUN = (1, 10_000)  # a pin's run (and at most the runs its course allows)
CREDITS = 100.0  # credits of one session, for attendees or the speaker
BLOCK = (1, 100)  # a programme block's number, and how many departments it chooses
MONTHS = (1, 60)  # a rotation block's length
ROTATION_PLACES = (0, 1_000)  # rotation_capacity: capacity and minimum a month
WISH_WEIGHT = (-1_000, 1_000)  # rotation_wishes: points per block, change or idle month
SEAT_MONTHS = (1, 36)  # an external-study placement's length
SEATS = (1, 1_000)  # places of one seat; max_away_per_specialty
TEACH_BACK_WEEKS = (0, 104)
MIN_YEARS = (0, 60)  # years of service a seat asks for
HISTORY_AMOUNT = 10_000.0  # hours, credits or months already done, one row
QUOTA_HOURS = 2_000.0  # quotas: min_hours (a year has some 2,000 working hours)
CREDIT_QUOTA = 1_000.0  # credits: total_min, class1 min/max, class2_min; hospital_class2_cap
RATE = 100.0  # rates: credits per session or per month
FULL_YEAR_MONTHS = (1, 36)  # rates.external_full_year_months
RULE_MINIMUM = (0, 10_000)  # rules: minimum sessions a month or a year
TIME_LIMIT = 86_400.0  # solver.time_limit, deterministic seconds
SEED = (0, 2**31 - 1)  # solver.seed: the solvers take a 32-bit seed
WORKERS = (1, 256)
FEED_WINDOW_DAYS = (1, 3_660)

# ------------------------------------------------------------------------ per column

_ID_COLUMNS = frozenset({"id", "department", "course", "staff_id", "programme", "room", "slot",
                         "speaker", "session"})
_NAME_COLUMNS = frozenset({"name", "partner", "specialty", "room_feature", "discipline", "host"})
_TITLE_COLUMNS = frozenset({"title", "topic", "reason", "note"})
MAX_EMAIL_CHARS = 254


def max_chars(column: str) -> int:
    """The longest text a cell of ``column`` may hold."""
    if column in _ID_COLUMNS:
        return MAX_ID_CHARS
    if column in _NAME_COLUMNS:
        return MAX_NAME_CHARS
    if column in _TITLE_COLUMNS:
        return MAX_TITLE_CHARS
    if column == "email":
        return MAX_EMAIL_CHARS
    return MAX_CELL_CHARS
