"""Keep the derived state (citation graph, index) in step with the archive after a change.

The graph is rebuilt from all records (cheap next to OCR: see README figures), so a
document that arrives later resolves citations made earlier. Every document whose
resolved targets changed is re-indexed too, as is any record the index is missing
(an ingest killed between writing records and indexing them).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sulieu.model import effective_metadata
from sulieu.settings import Settings
from sulieu.store import ArchiveStore


def graph_path(store: ArchiveStore) -> Path:
    return store.root / "graph.json"


def load_graph(store: ArchiveStore) -> Any | None:
    try:
        from sulieu.citation_graph import CitationGraph
    except ImportError:
        return None
    path = graph_path(store)
    if not path.exists():
        return None
    return CitationGraph.load(path)


def build_graph(store: ArchiveStore) -> Any | None:
    try:
        from sulieu.citation_graph import CitationGraph, GraphDoc
    except ImportError:
        return None
    docs = []
    for rec in store.iter_records():
        corrections = store.read_corrections(rec.id)
        docs.append(
            GraphDoc(
                id=rec.id,
                metadata=effective_metadata(rec, corrections),
                citations=rec.citations,
                deleted=rec.deleted_at is not None,
            )
        )
    return CitationGraph.build(docs)


def _targets(graph: Any, doc_id: str) -> tuple[str | None, ...]:
    if graph is None:
        return ()
    try:
        return tuple(t.target_id for t in graph.targets(doc_id))
    except KeyError:
        return ()


def refresh_after_change(settings: Settings, store: ArchiveStore, backend: Any, changed_ids: Iterable[str]) -> set[str]:
    """Rebuild the graph, re-index what changed; returns the ids that were re-synced."""
    from search_engine.indexer import sync

    with store.writer_lock():
        old = load_graph(store)
        graph = build_graph(store)
        affected = set(changed_ids)
        if graph is not None:
            graph.save(graph_path(store))
            for doc_id in store.iter_ids():
                if _targets(old, doc_id) != _targets(graph, doc_id):
                    affected.add(doc_id)
        affected |= set(store.iter_ids()) - backend.ids()
        if affected:
            sync(store, backend, sorted(affected), graph)
        return affected
