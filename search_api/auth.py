"""Who is asking: sessions, cookies and CSRF for the HTTP side (roles and access rules live in
``sulieu.access``, password checks and throttling in ``services.login``).

Two ways in: a login session (HttpOnly, SameSite=Lax cookie holding a signed random session id
that must exist, unexpired, in ``users.sqlite``), or ``Authorization: Bearer <token>`` for scripts.
Cookie-authenticated writes must also carry a CSRF token (``X-CSRF-Token`` header, or a form
field the UI checks with ``verify_csrf``): a HMAC of the session id, so another site cannot forge
one. Bearer requests need none (browsers never attach them on their own).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

from fastapi import Request, Response
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from search_api.state import app_state
from services.users import UserStore
from sulieu.access import User, allowed_access, role_at_least
from sulieu.errors import AccessDenied, AuthRequired
from sulieu.store import ArchiveStore

__all__ = [
    "SESSION_COOKIE", "CSRF_HEADER", "User", "allowed_access", "start_session",
    "end_session", "csrf_token", "verify_csrf", "load_secret", "role_at_least",
]

SESSION_COOKIE = "sulieu_session"
CSRF_HEADER = "X-CSRF-Token"


def load_secret(store: ArchiveStore, configured: str | None) -> bytes:
    """The signing key: from settings, else generated once and kept in the archive's ``secret.key`` (0600)."""
    if configured:
        return configured.encode("utf-8")
    path = store.secret_path
    if path.exists():
        return path.read_bytes().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32).encode("ascii")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, key)
    finally:
        os.close(fd)
    return key


def _serializer(store: UserStore) -> URLSafeTimedSerializer:
    secret = getattr(store, "secret", None)
    if not secret:
        raise RuntimeError("UserStore.secret is not set (create_app sets it)")
    return URLSafeTimedSerializer(secret, salt="sulieu-session")


def client_address(request: Request) -> str:
    """The address login throttling counts failures against."""
    return request.client.host if request.client else "?"


def start_session(response: Response, user: User, request: Request | None = None) -> str:
    """Create a session for ``user`` (from ``authenticate``) and set its cookie; returns the CSRF token."""
    store = user.store or (app_state(request).users if request is not None else None)
    if store is None:
        raise RuntimeError("start_session needs a user from authenticate() or the request")
    sid = store.create_session(user.name)
    secure = bool(request is not None and request.url.scheme == "https")
    response.set_cookie(
        SESSION_COOKIE, _serializer(store).dumps(sid), max_age=store.session_hours * 3600,
        httponly=True, samesite="lax", secure=secure, path="/",
    )
    return _csrf_for(store, sid)


def _session_id(request: Request) -> str | None:
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        return None
    store: UserStore = app_state(request).users
    try:
        return _serializer(store).loads(raw, max_age=store.session_hours * 3600)
    except SignatureExpired:
        raise AuthRequired("Phiên đăng nhập đã hết hạn; hãy đăng nhập lại.") from None
    except BadSignature:
        raise AuthRequired("Phiên đăng nhập không hợp lệ; hãy đăng nhập lại.") from None


def session_user(request: Request) -> User | None:
    """The user of the session cookie, None without a cookie, ``AuthRequired`` if it is bad or expired."""
    sid = _session_id(request)
    if sid is None:
        return None
    store: UserStore = app_state(request).users
    return User.from_row(store.user_for_session(sid), via="session", store=store)


def end_session(request: Request, response: Response) -> None:
    try:
        sid = _session_id(request)
    except AuthRequired:
        sid = None
    if sid:
        app_state(request).users.delete_session(sid)
    response.delete_cookie(SESSION_COOKIE, path="/")


def _csrf_for(store: UserStore, sid: str) -> str:
    return hmac.new(store.secret, b"csrf:" + sid.encode(), hashlib.sha256).hexdigest()


def csrf_token(request: Request) -> str:
    """The CSRF token for the current session; anonymous visitors get a signed, time-limited one."""
    store: UserStore = app_state(request).users
    try:
        sid = _session_id(request)
    except AuthRequired:
        sid = None
    if sid:
        return _csrf_for(store, sid)
    return URLSafeTimedSerializer(store.secret, salt="sulieu-csrf-anon").dumps("anon")


def verify_csrf(request: Request, token: str | None) -> None:
    """Raise ``AccessDenied`` unless ``token`` is the CSRF token of this session (or a fresh anonymous one)."""
    bad = AccessDenied("Mã chống giả mạo yêu cầu (CSRF) thiếu hoặc không đúng; hãy tải lại trang.")
    if not token:
        raise bad
    store: UserStore = app_state(request).users
    try:
        sid = _session_id(request)
    except AuthRequired:
        sid = None
    if sid:
        if not hmac.compare_digest(token, _csrf_for(store, sid)):
            raise bad
        return
    try:
        URLSafeTimedSerializer(store.secret, salt="sulieu-csrf-anon").loads(token, max_age=store.session_hours * 3600)
    except BadSignature:
        raise bad from None
