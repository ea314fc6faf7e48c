"""The cluster engines' backend (Elasticsearch at ``SULIEU_ES_URL``, OpenSearch at ``SULIEU_OPENSEARCH_URL``):
the same entries, fields and plan as Tantivy.

Bodies come from ``es_bodies`` and are sent by a ``cluster_clients`` client, so the two engines differ only
in the library that speaks to them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from search_engine._base import SCHEMA_VERSION, BaseBackend, facet_values
from search_engine.cluster_clients import ClusterClient, ElasticsearchClient, OpenSearchClient
from search_engine.es_bodies import (
    MAX_PAGES,
    bulk_chunks,
    count_body,
    create_body,
    delete_body,
    fetch_body,
    ids_body,
    pages_body,
    present_body,
    search_body,
    share_body,
)
from search_engine.models import FACET_FIELDS, FacetValue, IndexDocument, IndexPage
from search_engine.plan import DocShare, Node
from search_engine.query import ParsedQuery, TextTerm
from sulieu.errors import BackendError, ClusterBusy

PRESENT_CHUNK = 5000


# A node whose write queue is full answers an item with 429 (es_rejected_execution_exception): the item was
# not written and may be sent again. Seen on three 1 GB nodes sharing two cores while a 100,000-page build
# ran; a mature client (elasticsearch-py's streaming_bulk) retries these with a growing pause. A whole request
# refused with 429 (the parent circuit breaker of a 1 GB node, seen in the same run) is sent again alike.
RETRY_STATUS = {429}
RETRY_PAUSES = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0)


def _pairs(ops: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The bulk body cut into one action each (its line and, but for a delete, its source)."""
    out: list[list[dict[str, Any]]] = []
    i = 0
    while i < len(ops):
        n = 1 if "delete" in ops[i] else 2
        out.append(ops[i : i + n])
        i += n
    return out


def send_bulk(client: ClusterClient, ops: list[dict[str, Any]], sleep: Callable[[float], None] = time.sleep) -> None:
    """One bulk request, its rejected-for-load items sent again after a pause; any other item error, or
    rejections that outlast the pauses, raise with the first error as detail (nothing is dropped silently)."""
    actions = _pairs(ops)
    for pause in (*RETRY_PAUSES, None):
        try:
            res = client.bulk([line for a in actions for line in a])
        except ClusterBusy:
            if pause is None:
                raise
            sleep(pause)  # the whole request refused (a memory circuit breaker): nothing of it was written
            continue
        if not res.get("errors"):
            return
        results = [next(iter(item.values())) for item in res["items"]]
        failed = [(a, r) for a, r in zip(actions, results, strict=True) if r.get("error")]
        if pause is None or any(r.get("status") not in RETRY_STATUS for _, r in failed):
            first = next((r for _, r in failed if r.get("status") not in RETRY_STATUS), failed[0][1])
            raise BackendError(f"{client.label} từ chối một phần dữ liệu chỉ mục.", detail=json.dumps(first)[:500])
        actions = [a for a, _ in failed]
        sleep(pause)


class _ClusterBatch:
    def __init__(self) -> None:
        self.upserts: dict[str, tuple[IndexDocument, list[dict[str, str]] | None]] = {}
        self.deletes: set[str] = set()

    def upsert(self, doc: IndexDocument, views: list[dict[str, str]] | None = None) -> None:
        self.deletes.discard(doc.id)
        self.upserts[doc.id] = (doc, views)

    def delete(self, doc_id: str) -> None:
        self.upserts.pop(doc_id, None)
        self.deletes.add(doc_id)


class ClusterBackend(BaseBackend):
    schema_version = SCHEMA_VERSION

    def __init__(self, client: ClusterClient, *, index: str = "sulieu", shards: int = 1, replicas: int = 0) -> None:
        self.client = client
        self.name = client.engine
        self.url = getattr(client, "url", "")
        self.index = index
        self.shards, self.replicas = shards, replicas
        if self.stored_schema_version() is None:
            self._create()

    def describe(self) -> str:
        return f"{self.client.label} {self.url}"

    def _create(self) -> None:
        self.client.create_index(self.index, create_body(self.shards, self.replicas))

    def stored_schema_version(self) -> int | None:
        meta = self.client.stored_meta(self.index)
        return None if meta is None else int(meta.get("schema_version", 0))

    def clear(self) -> None:
        self.client.delete_index(self.index)
        self._create()

    def unfinished(self) -> set[str]:
        """Not tracked: a failed bulk request raises ``BackendError``, and the documents it held stay
        out of the index until the caller writes them again (``sulieu check --repair`` finds them)."""
        return set()

    def close(self) -> None:
        self.client.close()

    @contextmanager
    def batch(self) -> Iterator[_ClusterBatch]:
        b = _ClusterBatch()
        yield b  # an exception here discards the buffered batch: nothing was sent
        touched = sorted(set(b.upserts) | b.deletes)
        if not touched:
            return
        present = self._present(touched)
        if present:  # old pages of a rewritten document must go; a new document has none (a fresh build skips this)
            self.client.delete_by_query(self.index, delete_body(present))
        for ops in bulk_chunks(self.index, list(b.upserts.values())):
            send_bulk(self.client, ops)
        self.client.refresh(self.index)  # one refresh per batch, not one wait per bulk request

    def _present(self, doc_ids: list[str]) -> list[str]:
        found: set[str] = set()
        for k in range(0, len(doc_ids), PRESENT_CHUNK):  # a search returns at most 10,000 hits
            res = self.client.search(self.index, present_body(doc_ids[k : k + PRESENT_CHUNK]))
            found.update(h["_source"]["id"] for h in res["hits"]["hits"])
        return sorted(found)

    def _search_docs(
        self, query: Node, sort: str, offset: int, limit: int, facets: bool
    ) -> tuple[int, list[tuple[dict[str, Any], float]], dict[str, list[FacetValue]]]:
        res = self.client.search(self.index, search_body(query, sort, offset, limit, facets))
        rows = [(json.loads(h["_source"]["payload"]), float(h.get("_score") or 0.0)) for h in res["hits"]["hits"]]
        fac: dict[str, list[FacetValue]] = {f: [] for f in FACET_FIELDS}
        for f in FACET_FIELDS:
            fac[f] = facet_values(res.get("aggregations", {}).get(f, {}).get("buckets", []), f)
        return int(res["hits"]["total"]["value"]), rows, fac

    def _search_pages(self, query: Node | None, doc_id: str, limit: int) -> list[tuple[int, float, str]]:
        res = self.client.search(self.index, pages_body(query, doc_id, limit))
        return [
            (int(h["_source"]["page"]), float(h.get("_score") or 0.0), h["_source"].get("text", ""))
            for h in res["hits"]["hits"]
        ]

    def _count(self, query: Node) -> int:
        return self.client.count(self.index, count_body(query))

    def _doc_share(self, pq: ParsedQuery) -> DocShare | None:
        """Live documents holding each folded syllable of the query over all documents, as Tantivy
        counts them, in one request (a filter aggregation per syllable) made on the first question:
        only long queries ask."""
        shares: dict[str, float] = {}
        syllables = sorted({f for c in pq.clauses for i in c.items if isinstance(i, TextTerm) for f in i.fold})

        def share(syllable: str) -> float:
            if syllable not in shares:
                asked = syllables if syllable in syllables and not shares else [syllable]
                res = self.client.search(self.index, share_body(asked))
                total = max(1, int(res["hits"]["total"]["value"]))
                for k, s in enumerate(asked):
                    shares[s] = int(res["aggregations"][f"s{k}"]["doc_count"]) / total
            return shares[syllable]

        return share

    def _fetch(self, doc_id: str, allowed_access: list[str]) -> tuple[dict[str, Any], list[IndexPage]] | None:
        res = self.client.search(self.index, fetch_body(doc_id, allowed_access))
        if not res["hits"]["hits"]:
            return None
        meta = json.loads(res["hits"]["hits"][0]["_source"]["payload"])
        pres = self.client.search(self.index, pages_body(None, doc_id, MAX_PAGES))
        pages = []
        for h in pres["hits"]["hits"]:
            src = h["_source"]
            extra = json.loads(src.get("payload") or "{}")
            pages.append(IndexPage(number=int(src["page"]), text=src.get("text", ""), **extra))
        return meta, pages

    def ids(self) -> set[str]:
        return {h["_source"]["id"] for h in self.client.scan(self.index, ids_body())}


class ElasticsearchBackend(ClusterBackend):
    """Elasticsearch 8/9 through elasticsearch-py."""

    def __init__(self, url: str, *, index: str = "sulieu", shards: int = 1, replicas: int = 0) -> None:
        super().__init__(ElasticsearchClient(url), index=index, shards=shards, replicas=replicas)


class OpenSearchBackend(ClusterBackend):
    """OpenSearch 2.x through opensearch-py (the Elasticsearch client refuses OpenSearch servers)."""

    def __init__(self, url: str, *, index: str = "sulieu", shards: int = 1, replicas: int = 0) -> None:
        super().__init__(OpenSearchClient(url), index=index, shards=shards, replicas=replicas)
