"""The server's typed state: one object on ``app.state.sulieu``, built by ``create_app``.

Routes and UI pages reach it through ``app_state(request)`` (or the dependencies in
``search_api.deps``) instead of loose attributes, so a typo is a type error, not a 500 at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from services.audit import AuditLog
from services.catalog import Catalog
from services.collections import CollectionStore
from services.context import ArchiveContext, GraphCache
from services.jobs import JobManager
from services.saved_searches import SavedSearchStore
from services.users import UserStore
from sulieu.settings import Settings
from sulieu.store import ArchiveStore


@dataclass
class AppState:
    settings: Settings
    store: ArchiveStore
    users: UserStore
    audit: AuditLog
    catalog: Catalog
    graph: GraphCache
    context: ArchiveContext
    jobs: JobManager
    collections: CollectionStore
    saved_searches: SavedSearchStore
    # how an error is shown to a browser (the web UI sets it: an HTML page); None means JSON
    html_error: Callable[..., Any] | None = None
    ocr_health: tuple[float, Any] | None = None  # (monotonic time, result): /health caches the OCR probe


def app_state(holder: Any) -> AppState:
    """The state of the app behind a request (or of the app itself)."""
    app = getattr(holder, "app", holder)
    state: AppState = app.state.sulieu
    return state
