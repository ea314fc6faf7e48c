"""What every service works on: the archive store, its search engine, and the caches to drop after a write.

One ``ArchiveContext`` per process (the server keeps one on its typed state, each CLI command builds
one). Services take it explicitly instead of reaching for globals, so a test can run two archives side
by side and the server and the CLI go through exactly the same code.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from search_engine import SearchBackend, open_backend
from services.audit import AuditLog
from services.catalog import Catalog
from sulieu.citation_graph import CitationGraph, load_graph
from sulieu.settings import Settings
from sulieu.store import ArchiveStore


class Cache(Protocol):
    def invalidate(self) -> None: ...


class EngineHandle:
    """The configured search engine, opened on first use (a server starts even without an index) and
    shared by every request; ``close`` at shutdown."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._backend: SearchBackend | None = None
        self._lock = threading.Lock()

    def get(self) -> SearchBackend:
        backend = self._backend
        if backend is not None:
            return backend
        with self._lock:
            if self._backend is None:
                self._backend = open_backend(self.settings)
            return self._backend

    @property
    def opened(self) -> SearchBackend | None:
        return self._backend

    def close(self) -> None:
        with self._lock:
            if self._backend is not None:
                self._backend.close()
                self._backend = None


class GraphCache:
    """The saved citation graph, read again only when ``graph.json`` changed (another process may have
    written it: a CLI ingest next to a running server)."""

    def __init__(self, store: ArchiveStore) -> None:
        self.store = store
        self._cached: tuple[int, CitationGraph | None] | None = None

    def get(self) -> CitationGraph | None:
        try:
            mtime = self.store.graph_path.stat().st_mtime_ns
        except FileNotFoundError:
            return None
        cached = self._cached
        if cached is not None and cached[0] == mtime:
            return cached[1]
        graph = load_graph(self.store)
        self._cached = (mtime, graph)
        return graph

    def invalidate(self) -> None:
        self._cached = None


@dataclass
class ArchiveContext:
    settings: Settings
    store: ArchiveStore
    engine: EngineHandle
    audit: AuditLog | None = None
    caches: tuple[Cache, ...] = ()
    # one writer at a time inside this process (requests and the upload worker); between processes
    # the archive's file lock (``ArchiveStore.writer_lock``) takes over
    write_lock: threading.RLock = field(default_factory=threading.RLock)

    @classmethod
    def open(cls, settings: Settings, *, audit: AuditLog | None = None, caches: Iterable[Cache] = ()) -> ArchiveContext:
        store = ArchiveStore(settings.archive)
        return cls(settings=settings, store=store, engine=EngineHandle(settings), audit=audit, caches=tuple(caches))

    def backend(self) -> SearchBackend:
        return self.engine.get()

    @property
    def catalog(self) -> Catalog | None:
        """The in-memory catalogue among the caches (the server has one; a CLI run does not)."""
        return next((c for c in self.caches if isinstance(c, Catalog)), None)

    def record_audit(self, who: str, action: str, doc_id: str | None, detail: dict | None = None) -> None:
        if self.audit is not None:
            self.audit.record(who, action, doc_id, detail)

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> ArchiveContext:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
