"""Search index: one protocol, three engines (Tantivy embedded by default; Elasticsearch or OpenSearch at scale).

    open_backend(settings)        -> SearchBackend (raises SchemaMismatch if the index is stale)
    ensure_index(settings, store) -> SearchBackend, rebuilt from the archive when stale or missing
    service.search(backend, req)  -> SearchResult (parses the query language)
    indexer.reindex / indexer.sync  keep the index in step with the archive

Both engines index the same pre-analysed terms (``sulieu.text.analyze``) with a plain
whitespace tokenizer, and snippets are cut by our own code, so results agree across engines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from search_engine.models import (
    FacetValue,
    Hit,
    IndexDocument,
    IndexPage,
    PageHit,
    SearchRequest,
    SearchResult,
    Snippet,
)
from search_engine.protocol import Batch, SearchBackend
from sulieu.errors import SchemaMismatch
from sulieu.settings import Settings

if TYPE_CHECKING:
    from sulieu.store import ArchiveStore

from search_engine._base import SCHEMA_VERSION  # noqa: E402

__all__ = [
    "Batch",
    "FacetValue",
    "Hit",
    "IndexDocument",
    "IndexPage",
    "PageHit",
    "SCHEMA_VERSION",
    "SchemaMismatch",
    "SearchBackend",
    "SearchRequest",
    "SearchResult",
    "Snippet",
    "connect",
    "describe_engine",
    "engine_name",
    "ensure_index",
    "index_present",
    "open_backend",
]


def engine_name(settings: Settings) -> str:
    """The configured engine's name, without opening it."""
    if settings.opensearch_url:
        return "opensearch"
    return "elasticsearch" if settings.es_url else "tantivy"


def describe_engine(settings: Settings) -> str:
    """The configured engine for people, without opening it."""
    if settings.opensearch_url:
        return f"OpenSearch {settings.opensearch_url}"
    return f"Elasticsearch {settings.es_url}" if settings.es_url else "Tantivy (nhúng)"


def index_present(settings: Settings) -> bool:
    """Whether an index may exist to open: checks that must not create what they check ask this first
    (opening Tantivy creates its folder)."""
    if settings.es_url or settings.opensearch_url:
        return True
    from sulieu.store import ArchiveStore

    return ArchiveStore(settings.archive).index_dir.exists()


def connect(settings: Settings) -> SearchBackend:
    """The configured engine as it is, stale schema or not (``reindex`` and ``repair`` rebuild it)."""
    if settings.opensearch_url or settings.es_url:
        from search_engine.es_backend import ElasticsearchBackend, OpenSearchBackend

        kind = OpenSearchBackend if settings.opensearch_url else ElasticsearchBackend
        url = settings.opensearch_url or settings.es_url or ""
        return kind(url, index=settings.es_index, shards=settings.es_shards, replicas=settings.es_replicas)
    from search_engine.tantivy_backend import TantivyBackend
    from sulieu.store import ArchiveStore

    return TantivyBackend(ArchiveStore(settings.archive).index_dir)


def open_backend(settings: Settings, *, repair: bool = True) -> SearchBackend:
    """The configured engine; raises ``SchemaMismatch`` when its index needs a rebuild. With
    ``repair``, documents of a batch that stopped between its commits are written again first."""
    backend = connect(settings)
    stored = backend.stored_schema_version()
    if stored is not None and stored != backend.schema_version:
        backend.close()
        raise SchemaMismatch(
            f"Chỉ mục tìm kiếm được tạo với lược đồ {stored}, phiên bản này cần lược đồ {backend.schema_version}: "
            "cần dựng lại chỉ mục từ kho (sulieu reindex).",
        )
    if repair:
        _finish_interrupted(settings, backend)
    return backend


def _finish_interrupted(settings: Settings, backend: SearchBackend) -> None:
    unfinished = backend.unfinished()
    if not unfinished:
        return
    from search_engine.indexer import reindex, sync
    from sulieu.store import ArchiveStore

    store = ArchiveStore(settings.archive)
    if "*" in unfinished:  # the list itself is unreadable: write everything again
        reindex(store, backend)
    else:
        sync(store, backend, sorted(unfinished))


def ensure_index(settings: Settings, store: ArchiveStore) -> SearchBackend:
    """Open the index, rebuilding it from the archive when its schema is stale or it is empty."""
    from search_engine.indexer import reindex

    try:
        backend = open_backend(settings)
    except SchemaMismatch:
        backend = connect(settings)
        backend.clear()
        reindex(store, backend)
        return backend
    everything = SearchRequest(allowed_access=["public", "internal", "restricted"], include_deleted=True, facets=False)
    if backend.count(everything) == 0 and any(True for _ in store.iter_ids()):
        reindex(store, backend)  # a new or emptied index next to a filled archive
    return backend
