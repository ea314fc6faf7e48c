"""FastAPI dependencies. Everything comes from the typed ``AppState`` (``search_api.state``, set by ``create_app``).

The getters that only read the state are ``async``: FastAPI runs a plain ``def`` dependency on a
worker thread, and a document fetch resolved about 20 of them, each a thread hop (measured: 2.5 ms
per request in process, 375 req/s over HTTP at 20 clients). Dependencies that touch SQLite or may
open the index stay plain functions, off the event loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, cast

from fastapi import Depends, Request

from search_api.auth import CSRF_HEADER, session_user, verify_csrf
from search_api.state import AppState, app_state
from search_engine import SearchBackend
from services.audit import AuditLog
from services.catalog import Catalog
from services.context import ArchiveContext
from services.users import UserStore
from sulieu.access import User, allowed_access, role_at_least
from sulieu.citation_graph import CitationGraph
from sulieu.errors import AccessDenied, AuthRequired
from sulieu.settings import Settings
from sulieu.store import ArchiveStore

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def get_state(request: Request) -> AppState:
    return app_state(request)


async def get_settings(request: Request) -> Settings:
    return app_state(request).settings


async def get_store(request: Request) -> ArchiveStore:
    return app_state(request).store


async def get_users(request: Request) -> UserStore:
    return app_state(request).users


async def get_audit(request: Request) -> AuditLog:
    return app_state(request).audit


async def get_catalog(request: Request) -> Catalog:
    return app_state(request).catalog


async def get_context(request: Request) -> ArchiveContext:
    return app_state(request).context


def get_backend(request: Request) -> SearchBackend:
    """The search engine, opened on first use (so the API starts even without an index)."""
    return app_state(request).context.backend()


def get_graph(request: Request) -> CitationGraph | None:
    """The citation graph, reloaded when ``graph.json`` changes; None before the first ingest."""
    return app_state(request).graph.get()


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
        return cast("User | None", cached)
    token = _bearer(request)
    users = app_state(request).users
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


async def get_allowed(user: CurrentUser) -> list[str]:
    return allowed_access(user)


Backend = Annotated[SearchBackend, Depends(get_backend)]
Graph = Annotated[CitationGraph | None, Depends(get_graph)]
Context = Annotated[ArchiveContext, Depends(get_context)]
State = Annotated[AppState, Depends(get_state)]
Reader = Annotated[User, Depends(require_role("reader"))]
Editor = Annotated[User, Depends(require_role("editor"))]
Admin = Annotated[User, Depends(require_role("admin"))]
Allowed = Annotated[list[str], Depends(get_allowed)]
Store = Annotated[ArchiveStore, Depends(get_store)]
Cat = Annotated[Catalog, Depends(get_catalog)]
Audit = Annotated[AuditLog, Depends(get_audit)]
Users = Annotated[UserStore, Depends(get_users)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
