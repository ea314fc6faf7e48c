"""FastAPI dependencies. Everything comes from ``request.app.state`` (set by ``create_app``)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request

from search_api.audit import AuditLog
from search_api.auth import CSRF_HEADER, User, allowed_access, role_at_least, session_user, verify_csrf
from search_api.catalog import Catalog
from search_api.users import UserStore
from sulieu.errors import AccessDenied, AuthRequired, BackendError
from sulieu.settings import Settings
from sulieu.store import ArchiveStore

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> ArchiveStore:
    return request.app.state.store


def get_users(request: Request) -> UserStore:
    return request.app.state.users


def get_audit(request: Request) -> AuditLog:
    return request.app.state.audit


def get_catalog(request: Request) -> Catalog:
    return request.app.state.catalog


def open_app_backend(state: Any) -> Any:
    """The app's search backend, opened on first use (so the API starts even without an index)."""
    backend = getattr(state, "backend", None)
    if backend is not None:
        return backend
    with state.backend_lock:
        if state.backend is None:
            try:
                from search_engine import open_backend
            except ImportError as e:
                raise BackendError("Chưa cài đặt bộ máy tìm kiếm.", detail=str(e)) from e
            state.backend = open_backend(state.settings)
    return state.backend


def get_backend(request: Request) -> Any:
    return open_app_backend(request.app.state)


def load_app_graph(state: Any) -> Any:
    """The citation graph (``<archive>/graph.json``), reloaded when the file changes; None if absent."""
    path = Path(state.settings.archive) / "graph.json"
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    cached = getattr(state, "graph_cache", None)
    if cached and cached[0] == mtime:
        return cached[1]
    graph = None
    try:
        from search_api.refresh import load_graph

        graph = load_graph(state.store)
    except ImportError:
        try:
            from sulieu.citation_graph import CitationGraph

            graph = CitationGraph.load(path)
        except ImportError:
            graph = None
    state.graph_cache = (mtime, graph)
    return graph


def get_graph(request: Request) -> Any:
    return load_app_graph(request.app.state)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise AuthRequired("Tiêu đề Authorization phải có dạng 'Bearer <mã truy cập>'.")
    return value.strip()


def current_user(request: Request) -> User | None:
    """The caller: bearer token first, then session cookie; None for anonymous visitors.

    A bad token, or a bad or expired session cookie, is a 401 with a clear message, not a
    silent downgrade to anonymous (a script should learn its token is wrong).
    """
    cached = getattr(request.state, "user", False)
    if cached is not False:
        return cached
    token = _bearer(request)
    users: UserStore = request.app.state.users
    if token is not None:
        user: User | None = User.from_row(users.user_for_token(token), via="token", store=users)
    else:
        user = session_user(request)
    request.state.user = user
    return user


def current_user_or_none(request: Request) -> User | None:
    """Like ``current_user`` but a bad or expired session just means anonymous (for UI pages)."""
    try:
        return current_user(request)
    except AuthRequired:
        return None


CurrentUser = Annotated[User | None, Depends(current_user)]


def require_role(role: str) -> Callable[..., User]:
    """Dependency: the caller must be logged in with at least ``role``; cookie writes need CSRF."""

    def dep(request: Request, user: CurrentUser) -> User:
        if user is None:
            raise AuthRequired("Cần đăng nhập hoặc mã truy cập (token) để thực hiện thao tác này.")
        if not role_at_least(user, role):
            raise AccessDenied(f"Thao tác này cần vai trò {role} trở lên (bạn là {user.role}).")
        if user.via == "session" and request.method not in SAFE_METHODS:
            verify_csrf(request, request.headers.get(CSRF_HEADER))
        return user

    dep.__name__ = f"require_{role}"
    return dep


def get_allowed(user: CurrentUser) -> list[str]:
    return allowed_access(user)


def write_lock(request: Request) -> threading.Lock:
    """One writer at a time inside this process (the archive store is single-writer)."""
    return request.app.state.write_lock


Backend = Annotated[Any, Depends(get_backend)]
Graph = Annotated[Any, Depends(get_graph)]
Reader = Annotated[User, Depends(require_role("reader"))]
Editor = Annotated[User, Depends(require_role("editor"))]
Admin = Annotated[User, Depends(require_role("admin"))]
Allowed = Annotated[list[str], Depends(get_allowed)]
Store = Annotated[ArchiveStore, Depends(get_store)]
Cat = Annotated[Catalog, Depends(get_catalog)]
Audit = Annotated[AuditLog, Depends(get_audit)]
Users = Annotated[UserStore, Depends(get_users)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
