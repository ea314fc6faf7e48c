"""Users, API tokens and login sessions, kept in ``<archive>/users.sqlite``.

Passwords are hashed with Argon2id (argon2-cffi defaults). API tokens and session ids are
random; only their SHA-256 is stored, so a copy of the database does not let anyone in.
Sessions live in the table (not only in the cookie) so that logout and expiry are real.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from services.sqlite_file import SqliteFile
from sulieu.access import CLEARANCES, ROLES
from sulieu.errors import AuthRequired, InputError, NotFound

TOKEN_PREFIX = "sl_"
_NAME_OK = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-@")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    password_hash TEXT,
    clearance TEXT,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
    id TEXT PRIMARY KEY,
    user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    label TEXT,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    last_used_at TEXT
);
CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
"""


WRONG_LOGIN = "Sai tên đăng nhập hoặc mật khẩu."  # the same words whether the name or the password is wrong


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def _parse(s: str | None) -> datetime | None:
    return datetime.fromisoformat(s) if s else None


def _sha(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class UserRow:
    name: str
    role: str
    clearance: str | None
    disabled: bool
    created_at: datetime


@dataclass(frozen=True)
class TokenRow:
    id: str
    user: str
    label: str | None
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None


def check_name(name: str) -> str:
    name = (name or "").strip().lower()
    if not (1 <= len(name) <= 64) or not set(name) <= _NAME_OK:
        raise InputError("Tên người dùng chỉ gồm chữ thường không dấu, chữ số và . _ - @ (tối đa 64 ký tự).")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InputError(f"Vai trò không hợp lệ: {role!r}; chọn một trong {', '.join(ROLES)}.")
    return role


def check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < 8 or len(password) > 1024:
        raise InputError("Mật khẩu phải dài từ 8 đến 1024 ký tự.")
    return password


class UserStore(SqliteFile):
    """SQLite-backed users, tokens and sessions (one connection per call; thread-safe)."""

    secret: bytes  # the session/CSRF signing key; set by create_app (search_api.app.init_state)

    def __init__(self, path: Path | str, *, session_hours: int = 12) -> None:
        self.session_hours = session_hours
        self._hasher = PasswordHasher()
        super().__init__(path, _SCHEMA)

    # --- users ----------------------------------------------------------------------------
    def add_user(self, name: str, role: str, password: str | None = None, *, clearance: str | None = None) -> UserRow:
        name, role = check_name(name), check_role(role)
        if clearance not in CLEARANCES:
            raise InputError("Mức được xem thêm chỉ có thể là 'restricted' hoặc để trống.")
        pw_hash = self._hasher.hash(check_password(password)) if password is not None else None
        with self._lock, self._db() as db:
            if db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
                raise InputError(f"Người dùng {name!r} đã tồn tại.")
            db.execute(
                "INSERT INTO users(name, role, password_hash, clearance, created_at) VALUES (?,?,?,?,?)",
                (name, role, pw_hash, clearance, _iso(_now())),
            )
        return self.get_user(name)

    def get_user(self, name: str) -> UserRow:
        with self._db() as db:
            row = db.execute(
                "SELECT name, role, clearance, disabled, created_at FROM users WHERE name = ?", (name,)
            ).fetchone()
        if not row:
            raise NotFound(f"Không có người dùng {name!r}.")
        return UserRow(row[0], row[1], row[2], bool(row[3]), _parse(row[4]))  # type: ignore[arg-type]

    def list_users(self) -> list[UserRow]:
        with self._db() as db:
            rows = db.execute("SELECT name, role, clearance, disabled, created_at FROM users ORDER BY name").fetchall()
        return [UserRow(r[0], r[1], r[2], bool(r[3]), _parse(r[4])) for r in rows]  # type: ignore[arg-type]

    def count_users(self) -> int:
        with self._db() as db:
            return db.execute("SELECT COUNT(*) FROM users").fetchone()[0]

    def update_user(self, name: str, *, role: str | None = None, password: str | None = None,
                    clearance: str | None | bool = False, disabled: bool | None = None) -> UserRow:
        """``clearance=False`` leaves it unchanged (None is a valid value: no extra clearance)."""
        self.get_user(name)
        sets: list[str] = []
        args: list[object] = []
        if role is not None:
            sets.append("role = ?")
            args.append(check_role(role))
        if password is not None:
            sets.append("password_hash = ?")
            args.append(self._hasher.hash(check_password(password)))
        if clearance is not False:
            if clearance not in CLEARANCES:
                raise InputError("Mức được xem thêm chỉ có thể là 'restricted' hoặc để trống.")
            sets.append("clearance = ?")
            args.append(clearance)
        if disabled is not None:
            sets.append("disabled = ?")
            args.append(int(disabled))
        if sets:
            with self._lock, self._db() as db:
                db.execute(f"UPDATE users SET {', '.join(sets)} WHERE name = ?", (*args, name))
                if password is not None or disabled:
                    db.execute("DELETE FROM sessions WHERE user = ?", (name,))
        return self.get_user(name)

    def delete_user(self, name: str) -> None:
        self.get_user(name)
        with self._lock, self._db() as db:
            db.execute("DELETE FROM users WHERE name = ?", (name,))

    def verify_password(self, name: str, password: str) -> UserRow:
        """The user if the password matches; the same error whether the name or password is wrong."""
        wrong = AuthRequired(WRONG_LOGIN)
        try:
            name = check_name(name)
        except InputError:
            raise wrong from None
        with self._db() as db:
            row = db.execute("SELECT password_hash, disabled FROM users WHERE name = ?", (name,)).fetchone()
        if not row or not row[0]:
            self._hasher.hash("timing-equaliser")  # do not reveal which names exist by response time
            raise wrong
        try:
            self._hasher.verify(row[0], password)
        except (VerificationError, InvalidHashError):
            raise wrong from None
        if row[1]:
            raise AuthRequired("Tài khoản này đã bị khóa.")
        if self._hasher.check_needs_rehash(row[0]):
            with self._lock, self._db() as db:
                db.execute("UPDATE users SET password_hash = ? WHERE name = ?", (self._hasher.hash(password), name))
        return self.get_user(name)

    # --- tokens ---------------------------------------------------------------------------
    def create_token(self, user: str, label: str | None = None, *, days: int | None = None) -> tuple[str, TokenRow]:
        """A new API token; the secret is returned once and never stored."""
        self.get_user(user)
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token_id = secrets.token_hex(6)
        now = _now()
        expires = now + timedelta(days=days) if days else None
        with self._lock, self._db() as db:
            db.execute(
                "INSERT INTO tokens(id, user, label, token_hash, created_at, expires_at) VALUES (?,?,?,?,?,?)",
                (token_id, user, label, _sha(secret), _iso(now), _iso(expires)),
            )
        return secret, TokenRow(token_id, user, label, now, expires, None)

    def list_tokens(self, user: str | None = None) -> list[TokenRow]:
        q = "SELECT id, user, label, created_at, expires_at, last_used_at FROM tokens"
        args: tuple[object, ...] = ()
        if user is not None:
            q += " WHERE user = ?"
            args = (user,)
        with self._db() as db:
            rows = db.execute(q + " ORDER BY created_at", args).fetchall()
        return [TokenRow(r[0], r[1], r[2], _parse(r[3]), _parse(r[4]), _parse(r[5])) for r in rows]  # type: ignore[arg-type]

    def revoke_token(self, token_id: str, user: str | None = None) -> None:
        with self._lock, self._db() as db:
            q, args = "DELETE FROM tokens WHERE id = ?", [token_id]
            if user is not None:
                q += " AND user = ?"
                args.append(user)
            if db.execute(q, args).rowcount == 0:
                raise NotFound("Không có mã truy cập này.")

    def user_for_token(self, secret: str) -> UserRow:
        invalid = AuthRequired("Mã truy cập (token) không hợp lệ hoặc đã bị thu hồi.")
        if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
            raise invalid
        with self._db() as db:
            row = db.execute("SELECT id, user, expires_at FROM tokens WHERE token_hash = ?", (_sha(secret),)).fetchone()
            if not row:
                raise invalid
            if row[2] and _parse(row[2]) < _now():  # type: ignore[operator]
                raise AuthRequired("Mã truy cập (token) đã hết hạn.")
            db.execute("UPDATE tokens SET last_used_at = ? WHERE id = ?", (_iso(_now()), row[0]))
        user = self.get_user(row[1])
        if user.disabled:
            raise AuthRequired("Tài khoản này đã bị khóa.")
        return user

    # --- sessions -------------------------------------------------------------------------
    def create_session(self, user: str) -> str:
        sid = secrets.token_urlsafe(32)
        now = _now()
        with self._lock, self._db() as db:
            db.execute("DELETE FROM sessions WHERE expires_at < ?", (_iso(now),))
            db.execute(
                "INSERT INTO sessions(id_hash, user, created_at, expires_at) VALUES (?,?,?,?)",
                (_sha(sid), user, _iso(now), _iso(now + timedelta(hours=self.session_hours))),
            )
        return sid

    def user_for_session(self, sid: str) -> UserRow:
        with self._db() as db:
            row = db.execute("SELECT user, expires_at FROM sessions WHERE id_hash = ?", (_sha(sid),)).fetchone()
        if not row:
            raise AuthRequired("Phiên đăng nhập không hợp lệ hoặc đã kết thúc; hãy đăng nhập lại.")
        if _parse(row[1]) < _now():  # type: ignore[operator]
            self.delete_session(sid)
            raise AuthRequired("Phiên đăng nhập đã hết hạn; hãy đăng nhập lại.")
        user = self.get_user(row[0])
        if user.disabled:
            raise AuthRequired("Tài khoản này đã bị khóa.")
        return user

    def delete_session(self, sid: str) -> None:
        with self._lock, self._db() as db:
            db.execute("DELETE FROM sessions WHERE id_hash = ?", (_sha(sid),))

    def expire_sessions_of(self, user: str) -> None:
        """Mark every session of a user as expired (tests and forced logout)."""
        with self._lock, self._db() as db:
            db.execute("UPDATE sessions SET expires_at = ? WHERE user = ?",
                       (_iso(_now() - timedelta(seconds=1)), user))
