"""Signing in with a name and password, behind the login guard (``services.login_guard``).

One function for the API login and the web UI login, so both answer a wrong name and a wrong
password with the same message and count failures in the same tables.
"""

from __future__ import annotations

from services.audit import AuditLog
from services.login_guard import LoginGuard
from services.users import UserStore, check_name
from sulieu.access import User
from sulieu.errors import AuthRequired, InputError


def login_guard(store: UserStore) -> LoginGuard:
    """The store's one guard (created on first use), shared by the API and the UI login."""
    guard = store.__dict__.get("_login_guard")
    if guard is None:
        guard = store.__dict__.setdefault("_login_guard", LoginGuard())
    return guard


def authenticate(store: UserStore, name: str, password: str, *, client: str = "?",
                 audit: AuditLog | None = None) -> User:
    """The user for a name and password, or ``AuthRequired`` (``TooManyRequests`` when the server is
    saturated with logins). Throttling and its reasons: ``services.login_guard``."""
    guard = login_guard(store)
    key = (name or "").strip().lower()[:64]
    try:
        check_name(key)
        name_valid = True
    except InputError:
        name_valid = False
    guard.check(key, client)
    try:
        with guard.hashing():
            user = User.from_row(store.verify_password(name, password), via="session", store=store)
    except AuthRequired:
        if guard.failed(key, client, name_valid=name_valid) and audit is not None:
            audit.record(key if name_valid else "?", "login_lockout", None, {"client": client})
        raise
    guard.succeeded(key, client)
    return user
