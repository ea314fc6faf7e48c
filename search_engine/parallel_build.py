"""A rebuild's Python work in worker processes, so ``reindex`` uses every core.

Reading a record (JSON), turning it into an index document and analysing its text is Python and holds
the GIL; the engine's own indexing runs on its writer threads without it. Alone in one process the
Python part left the second core mostly idle (analysis was 62 % of a build, issue 19). Here workers
read, build and analyse whole records; the caller's process only hands the results to the engine, in
the archive's order, with at most ``2 * jobs`` chunks in flight so memory stays bounded on a million
pages. Worker processes start by ``forkserver`` (no inherited threads or locks of a running server).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from search_engine._base import page_fields
from search_engine.models import IndexDocument

CHUNK_DOCS = 50  # records per task: large enough that a task's pickling is small beside its work

Prepared = tuple[str, IndexDocument | None, list[dict[str, str]] | None, str | None]  # id, doc, views, error

_state: dict[str, Any] = {}


def _init(root: str, graph: Any) -> None:
    from search_engine.indexer import _load_authority, copy_ids
    from sulieu.store import ArchiveStore

    store = ArchiveStore(root)
    _state.update(store=store, graph=graph, authority=_load_authority(store), copies=copy_ids(store))


def prepare(store: Any, doc_id: str, graph: Any, authority: Any, copies: frozenset[str]) -> Prepared:
    """One record as an index document with its pages analysed; an unreadable record is an error, not a stop."""
    from search_engine.indexer import build_index_document

    try:
        doc = build_index_document(store.read_record(doc_id), store.read_corrections(doc_id), graph, authority,
                                   doc_id in copies)
    except Exception as e:  # noqa: BLE001 - one unreadable record must not stop the rebuild
        return doc_id, None, None, str(e)[:300]
    return doc_id, doc, [page_fields(p.text) for p in doc.pages], None


def _chunk(ids: list[str]) -> list[Prepared]:
    s = _state
    return [prepare(s["store"], i, s["graph"], s["authority"], s["copies"]) for i in ids]


def prepared_records(root: Path | str, ids: list[str], graph: Any, jobs: int) -> Iterator[Prepared]:
    """Every id's ``Prepared``, in the order given, computed by ``jobs`` worker processes."""
    ctx = multiprocessing.get_context("forkserver")
    chunks = [ids[k : k + CHUNK_DOCS] for k in range(0, len(ids), CHUNK_DOCS)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init, initargs=(str(root), graph)) as pool:
        pending: list[Future[list[Prepared]]] = []
        nxt = 0
        while nxt < len(chunks) or pending:
            while nxt < len(chunks) and len(pending) < 2 * jobs:
                pending.append(pool.submit(_chunk, chunks[nxt]))
                nxt += 1
            yield from pending.pop(0).result()
