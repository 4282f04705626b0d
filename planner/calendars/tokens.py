"""Feed tokens: the secret part of every feed URL (``/feeds/<token>.ics``).

Decision — derived tokens, hashes at rest:

* A random 256-bit key (``secrets.token_bytes``) is created once per hospital in
  ``state/<name>/feed-token.key``, readable by its owner only (0600).
* A feed's token is ``base64url(HMAC-SHA256(key, feed key ‖ generation))`` cut to 32 characters
  (192 bits). Without the key it is indistinguishable from random; with it the office can
  rewrite the link lists (``feeds.csv``, ``feeds.xlsx``) on every run.
* The database stores only SHA-256 hashes of tokens, with generation, issue and revocation times.
  A copied database or backup leaks no working URL, and the server, which needs no key, finds a
  feed by the hash of the token it was given — a dictionary lookup on a value the requester
  cannot steer, so no timing oracle (the hash is compared with ``hmac.compare_digest`` anyway).
* ``rotate`` revokes the active generation and issues the next; revoked tokens answer 404.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

from planner.errors import Both, PlannerError
from planner.state import StateDB, now_utc, utc_text

KEY_FILE = "feed-token.key"
TOKEN_CHARS = 32
TOKEN_PATTERN = re.compile(rf"[A-Za-z0-9_-]{{{TOKEN_CHARS}}}")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def same_hash(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def load_key(folder: Path, *, create: bool = True) -> bytes:
    """The hospital's token key; created on first use with mode 0600, re-tightened if loosened."""
    path = folder / KEY_FILE
    if not path.exists() and create:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another run created it a moment ago
            pass
        else:
            with os.fdopen(fd, "wb") as f:
                f.write(secrets.token_bytes(32).hex().encode() + b"\n")
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    try:
        key = bytes.fromhex(path.read_text().strip())
    except ValueError:
        key = b""
    if len(key) < 32:
        raise PlannerError(Both(
            f"{path}：订阅链接密钥已损坏（应为 64 位十六进制数字）",
            f"{path}: the feed-token key is damaged (expected 64 hex digits)"))
    return key


def derive(key: bytes, feed_key: str, generation: int) -> str:
    digest = hmac.new(key, f"{feed_key}\n{generation}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:TOKEN_CHARS]


class TokenStore:
    """Token bookkeeping in the state database (hashes only) plus the key file beside it."""

    def __init__(self, db: StateDB, key: bytes | None = None):
        self.db = db
        self._key = key

    @property
    def key(self) -> bytes:
        if self._key is None:
            self._key = load_key(self.db.folder)
        return self._key

    def active_generations(self) -> dict[str, int]:
        rows = self.db.conn.execute(
            "SELECT feed_key, generation FROM tokens WHERE revoked_at IS NULL"
        )
        return {r[0]: r[1] for r in rows}

    def active_hashes(self) -> dict[str, str]:
        """token hash → feed key, for the server."""
        rows = self.db.conn.execute(
            "SELECT token_hash, feed_key FROM tokens WHERE revoked_at IS NULL"
        )
        return {r[0]: r[1] for r in rows}

    def ensure(self, feed_keys: list[str]) -> None:
        """Issue a token to every feed that has none (call inside a write transaction)."""
        active = self.active_generations()
        now = utc_text(now_utc())
        for feed_key in feed_keys:
            if feed_key not in active:
                self._issue(feed_key, now)

    def _issue(self, feed_key: str, now: str) -> str:
        row = self.db.conn.execute(
            "SELECT COALESCE(MAX(generation), 0) FROM tokens WHERE feed_key = ?", (feed_key,)
        ).fetchone()
        generation = int(row[0]) + 1
        token = derive(self.key, feed_key, generation)
        self.db.conn.execute(
            "INSERT INTO tokens(feed_key, generation, token_hash, issued_at) VALUES (?, ?, ?, ?)",
            (feed_key, generation, token_hash(token), now),
        )
        return token

    def revoke(self, feed_key: str) -> bool:
        cur = self.db.conn.execute(
            "UPDATE tokens SET revoked_at = ? WHERE feed_key = ? AND revoked_at IS NULL",
            (utc_text(now_utc()), feed_key),
        )
        return cur.rowcount > 0

    def rotate(self, feed_key: str) -> str:
        """Revoke the feed's token and issue a new one (call inside a write transaction)."""
        self.revoke(feed_key)
        return self._issue(feed_key, utc_text(now_utc()))

    def revoke_all_but(self, feed_keys: set[str]) -> list[str]:
        """People (rooms, departments) no longer in the inputs lose their feed."""
        gone = sorted(set(self.active_generations()) - feed_keys)
        for feed_key in gone:
            self.revoke(feed_key)
        return gone

    def tokens(self, feed_keys: list[str]) -> dict[str, str]:
        """feed key → its active token (for the link lists and the static export)."""
        active = self.active_generations()
        return {k: derive(self.key, k, active[k]) for k in feed_keys if k in active}
