"""The one backend protocol both engines implement.

All writes go through ``batch()``: the batch commits when the ``with`` block ends normally and
is discarded when it raises, so a failed ingest never leaves half a document in the index.
Access and soft-delete filtering happen inside the engine query (``SearchRequest.allowed_access``,
``include_deleted``), so totals and facets never count what the caller may not see.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol, runtime_checkable

from search_engine.models import IndexDocument, SearchRequest, SearchResult


@runtime_checkable
class Batch(Protocol):
    def upsert(self, doc: IndexDocument, views: list[dict[str, str]] | None = None) -> None:
        """Write or replace a document and all its pages. ``views``: its pages' analysed text
        (``page_fields``, one per page) when already computed, e.g. by ``reindex``'s worker processes."""

    def delete(self, doc_id: str) -> None:
        """Remove a document and its pages (no error if absent)."""


@runtime_checkable
class Bulk(Batch, Protocol):
    def checkpoint(self) -> None:
        """Commit what was written so far (searchable, kept by a crash); the bulk goes on."""


@runtime_checkable
class SearchBackend(Protocol):
    """What every engine offers. Write guarantees differ, and callers rely only on the weaker one:
    Tantivy commits a batch's pages, then its documents, recording the ids in between
    (``unfinished``), so an interrupted batch is written again on the next open; Elasticsearch sends
    nothing until the batch ends, then deletes and bulk-writes its documents; a request that fails
    half-way raises ``BackendError`` and leaves those documents out of the index until they are
    written again (``sulieu check --repair`` finds them). Neither engine ever serves half a document
    as complete: a document's record and its pages are one upsert."""

    schema_version: int
    name: str  # "tantivy" | "elasticsearch": shown by /health and ``sulieu doctor``

    def describe(self) -> str:
        """Where the index is, for people ("Tantivy (nhúng) /srv/kho/index")."""
        ...

    def preload(self) -> int:
        """Warm the engine's caches; returns the bytes read (0 when the engine has nothing to warm)."""
        ...

    def batch(self) -> AbstractContextManager[Batch]: ...

    def bulk(self) -> AbstractContextManager[Bulk]:
        """A whole rebuild: many batches' worth, committed at each ``checkpoint``, the engine's
        background work (Tantivy's merges) awaited only once at the end."""
        ...

    def search(self, req: SearchRequest) -> SearchResult: ...

    def count(self, req: SearchRequest) -> int: ...

    def get(self, doc_id: str, allowed_access: list[str]) -> IndexDocument | None: ...

    def ids(self) -> set[str]: ...

    def clear(self) -> None: ...

    def stored_schema_version(self) -> int | None: ...

    def unfinished(self) -> set[str]:
        """Ids of a batch that may be half-committed (``ensure_index`` writes them again)."""
        ...

    def close(self) -> None: ...
