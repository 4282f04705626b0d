"""Accounts, logins and sessions of the web app.

Passwords are stored as argon2id hashes (``argon2-cffi``); a login that names no account still
spends the time of one hash, so response times do not tell which names exist. A session is a
random 256-bit token in an HttpOnly, SameSite=Strict cookie (Secure behind HTTPS); the database
keeps only its SHA-256, so a copy of the database opens no session. Each session has its own
CSRF token, which every form carries and every POST must return.

Failed logins are counted per user name and per address over :data:`WINDOW`; beyond the limits
the login is refused before the password is even checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from planner.errors import Both, PlannerError
from planner.state import StateDB, now_utc, parse_utc, utc_text

ROLES = ("office", "department")
SESSION_HOURS = 12
WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_ADDRESS = 20
MIN_PASSWORD = 8

#: argon2id with the library's parameters (RFC 9106's second choice: 3 passes, 64 MiB, 4 lanes).
#: A stored hash names its own parameters, so a hasher with other ones still verifies it; the
#: tests use cheaper ones (:func:`use_hasher`).
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a password anyone has")


def use_hasher(hasher: PasswordHasher) -> None:
    """Hash new passwords (and the stand-in for unknown names) with ``hasher`` from now on."""
    global _hasher, _DUMMY_HASH
    _hasher = hasher
    _DUMMY_HASH = hasher.hash("not a password anyone has")


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    department: str | None

    @property
    def office(self) -> bool:
        return self.role == "office"


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str


def add_user(db: StateDB, name: str, password: str, role: str,
             department: str | None) -> User:
    """A new account (or a new password and role for an existing name)."""
    if role not in ROLES:
        raise PlannerError(Both(f"角色应为 office 或 department，而不是 {role!r}",
                                f"the role is office or department, not {role!r}"))
    if role == "department" and not department:
        raise PlannerError(Both("科室主任账号需要 --dept（科室编号）",
                                "a department head's account needs --dept (the department id)"))
    if not name.strip() or len(name) > 64:
        raise PlannerError(Both("用户名应为 1 至 64 个字符", "a user name has 1 to 64 characters"))
    if len(password) < MIN_PASSWORD:
        raise PlannerError(Both(f"密码至少 {MIN_PASSWORD} 个字符",
                                f"a password has at least {MIN_PASSWORD} characters"))
    digest = _hasher.hash(password)
    with db.write() as conn:
        conn.execute(
            "INSERT INTO web_users(name, password_hash, role, department, created_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
            "password_hash = excluded.password_hash, role = excluded.role, "
            "department = excluded.department",
            (name.strip(), digest, role, department if role == "department" else None,
             utc_text(now_utc())))
        # a changed password or role ends the account's open sessions
        conn.execute("DELETE FROM web_sessions WHERE user_id = "
                     "(SELECT id FROM web_users WHERE name = ?)", (name.strip(),))
    user = find_user(db, name.strip())
    assert user is not None
    return user


def find_user(db: StateDB, name: str) -> User | None:
    row = db.conn.execute("SELECT id, name, role, department FROM web_users WHERE name = ?",
                          (name,)).fetchone()
    return None if row is None else User(*row)


def throttled(db: StateDB, name: str, address: str) -> int:
    """Minutes to wait before this name may log in from this address again (0: now)."""
    since = utc_text(now_utc() - WINDOW)
    rows = {}
    for column, most in (("name", MAX_FAILURES_PER_NAME), ("address", MAX_FAILURES_PER_ADDRESS)):
        value = name if column == "name" else address
        found = db.conn.execute(
            f"SELECT count(*), min(at) FROM web_login_attempts WHERE {column} = ? AND at > ?",
            (value, since)).fetchone()
        if found[0] >= most:
            rows[column] = parse_utc(found[1])
    if not rows:
        return 0
    free_at = min(rows.values()) + WINDOW
    return max(1, int((free_at - now_utc()).total_seconds() // 60) + 1)


def log_in(db: StateDB, name: str, password: str, address: str) -> tuple[str, User] | None:
    """The new session's cookie token and its user, or None (a failure, recorded)."""
    row = db.conn.execute("SELECT id, password_hash FROM web_users WHERE name = ?",
                          (name,)).fetchone()
    try:
        _hasher.verify(row[1] if row else _DUMMY_HASH, password)
        ok = row is not None
    except (VerificationError, InvalidHashError):
        ok = False
    now = now_utc()
    if not ok:
        with db.write() as conn:
            conn.execute("INSERT INTO web_login_attempts(name, address, at) VALUES (?, ?, ?)",
                         (name[:64], address, utc_text(now)))
            conn.execute("DELETE FROM web_login_attempts WHERE at < ?",
                         (utc_text(now - 4 * WINDOW),))
        return None
    token = secrets.token_urlsafe(32)
    with db.write() as conn:
        conn.execute("INSERT INTO web_sessions VALUES (?, ?, ?, ?, ?)",
                     (_digest(token), row[0], secrets.token_urlsafe(32), utc_text(now),
                      utc_text(now + dt.timedelta(hours=SESSION_HOURS))))
        conn.execute("DELETE FROM web_sessions WHERE expires_at < ?", (utc_text(now),))
        conn.execute("DELETE FROM web_login_attempts WHERE name = ?", (name,))
    user = find_user(db, name)
    assert user is not None
    return token, user


def session_for(db: StateDB, token: str | None) -> Session | None:
    if not token or len(token) > 100:
        return None
    row = db.conn.execute(
        "SELECT u.id, u.name, u.role, u.department, s.csrf, s.expires_at FROM web_sessions s "
        "JOIN web_users u ON u.id = s.user_id WHERE s.token_hash = ?",
        (_digest(token),)).fetchone()
    if row is None or parse_utc(row[5]) <= now_utc():
        return None
    return Session(User(*row[:4]), row[4])


def log_out(db: StateDB, token: str | None) -> None:
    if token:
        with db.write() as conn:
            conn.execute("DELETE FROM web_sessions WHERE token_hash = ?", (_digest(token),))


def csrf_ok(session: Session, sent: object) -> bool:
    return isinstance(sent, str) and hmac.compare_digest(session.csrf.encode(), sent.encode())


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
