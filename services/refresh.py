"""The one step after every change to the archive: citation graph, index and caches brought in step.

Every service that writes (ingest, upload jobs, corrections, delete/restore, access changes, BagIt
import, ``check --repair``) ends here, and nowhere else rebuilds the graph or writes the index. The
authority records gain the bodies new documents name (``services.authority_build``) and near-duplicate
pairs are found again (``services.duplicate_scan``); documents those change are re-indexed.

The graph is rebuilt from all records (cheap next to OCR: see README figures), so a document that
arrives later resolves citations made earlier. Every document whose resolved targets changed is
re-indexed too, as is any record the index is missing (an ingest killed between writing records and
indexing them).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from search_engine import SearchBackend
from search_engine.indexer import sync
from services.authority_build import refresh_authority
from services.context import ArchiveContext, Cache
from services.duplicate_scan import refresh_duplicates
from sulieu.citation_graph import CitationGraph, load_graph, save_graph
from sulieu.model import DocumentMetadata, effective_metadata
from sulieu.near_duplicates import DocKey
from sulieu.store import ArchiveStore

log = logging.getLogger("sulieu.services")
T = TypeVar("T")


def _targets(graph: CitationGraph | None, doc_id: str) -> tuple[str | None, ...]:
    if graph is None:
        return ()
    return tuple(t.target_id for t in graph.targets(doc_id))


def _old_graph(store: ArchiveStore) -> CitationGraph | None:
    try:
        return load_graph(store)
    except Exception as e:  # noqa: BLE001 - an unreadable old graph costs only the comparison
        log.warning("đồ thị trích dẫn cũ không đọc được: %s", e)
        return None


def live_documents(store: ArchiveStore) -> tuple[dict[str, DocumentMetadata], list[DocKey]]:
    """Effective metadata and near-duplicate keys of every live document, from one pass over the records."""
    mds: dict[str, DocumentMetadata] = {}
    keys: list[DocKey] = []
    for rec in store.iter_records(include_deleted=False):
        md = effective_metadata(rec, store.read_corrections(rec.id))
        mds[rec.id] = md
        text = "\n".join(p.text for p in rec.pages)
        keys.append(DocKey.of(rec.id, md, text, born_digital=all(p.source != "ocr" for p in rec.pages),
                              ingested_at=rec.provenance.ingested_at.isoformat()))
    return mds, keys


def refresh_archive(store: ArchiveStore, backend: SearchBackend, changed_ids: Iterable[str],
                    caches: Iterable[Cache] = ()) -> set[str]:
    """Rebuild and save the graph, re-index what changed (and what the index misses), drop caches.
    Returns the ids that were re-synced. Holds the archive's writer lock throughout."""
    caches = tuple(caches)
    with store.writer_lock():
        for cache in caches:
            cache.invalidate()
        old = _old_graph(store)
        graph = CitationGraph.from_store(store)
        save_graph(store, graph)
        affected = set(changed_ids)
        all_ids = set(store.iter_ids())
        affected |= {d for d in all_ids if _targets(old, d) != _targets(graph, d)}
        affected |= all_ids - backend.ids()
        mds, keys = live_documents(store)
        authority, renamed = refresh_authority(store, mds)
        affected |= renamed | refresh_duplicates(store, keys)
        if affected:
            sync(store, backend, sorted(affected), graph, authority)
        for cache in caches:
            cache.invalidate()
        return affected


def refresh(ctx: ArchiveContext, changed_ids: Iterable[str]) -> set[str]:
    """``refresh_archive`` for a context: its store, its engine, its caches."""
    return refresh_archive(ctx.store, ctx.backend(), changed_ids, ctx.caches)


def write_then_refresh(ctx: ArchiveContext, changed_ids: list[str], do: Callable[[], T],
                       undo: Callable[[], object]) -> T:
    """Run a write, then refresh; if the refresh fails, undo the write (no half-done change) and
    refresh again. The whole step holds the in-process write lock and the archive's writer lock,
    so neither another request nor a CLI ingest can interleave with it."""
    with ctx.write_lock, ctx.store.writer_lock():
        result = do()
        try:
            refresh(ctx, changed_ids)
        except Exception:
            undo()
            try:
                refresh(ctx, changed_ids)
            except Exception:  # noqa: BLE001 - the original error is the one to report
                log.exception("refresh after undo failed")
            raise
        return result
