"""Elasticsearch backend (``SULIEU_ES_URL``): the same entries, fields and plan as Tantivy.

The index analyser is a bare whitespace tokenizer: terms arrive pre-analysed by
``sulieu.text.analyze``, so both engines index identical terms. Every request body is built
by a pure function below (``index_settings``, ``index_mappings``, ``compile_node``,
``search_body``, ``pages_body``, ``bulk_actions``) so its structure is unit-tested without a server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from search_engine._base import FACET_SIZE, SCHEMA_VERSION, BaseBackend, doc_fields, facet_values, page_fields
from search_engine.models import FACET_FIELDS, FacetValue, IndexDocument, IndexPage
from search_engine.plan import (
    INT_FIELDS,
    KEYWORD_FIELDS,
    PHRASE_FIELDS,
    TEXT_FIELDS,
    Bool,
    ConstScore,
    MatchAll,
    MatchNone,
    MoreLike,
    Node,
    Phrase,
    Range,
    Scoring,
    Term,
    Terms,
)
from sulieu.errors import BackendError

ANALYZER = "sulieu_ws"
MAX_PAGES = 10_000


def index_settings() -> dict[str, Any]:
    return {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "analysis": {"analyzer": {ANALYZER: {"type": "custom", "tokenizer": "whitespace", "filter": []}}},
    }


def index_mappings(schema_version: int = SCHEMA_VERSION) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for f in TEXT_FIELDS + PHRASE_FIELDS:
        props[f] = {"type": "text", "analyzer": ANALYZER, "index_options": "positions", "norms": True}
    for f in KEYWORD_FIELDS:
        props[f] = {"type": "keyword"}
    for f in INT_FIELDS:
        props[f] = {"type": "long"}
    props["payload"] = {"type": "keyword", "index": False, "doc_values": False}
    props["text"] = {"type": "text", "index": False}
    return {"dynamic": "strict", "_meta": {"schema_version": schema_version}, "properties": props}


def compile_node(node: Node) -> dict[str, Any]:
    if isinstance(node, Term):
        body: dict[str, Any] = {"value": node.value}
        if node.boost != 1.0:
            body["boost"] = node.boost
        return {"term": {node.field: body}}
    if isinstance(node, Terms):
        return {"terms": {node.field: list(node.values)}}
    if isinstance(node, Phrase):
        body = {"query": " ".join(node.words), "analyzer": ANALYZER}
        if node.boost != 1.0:
            body["boost"] = node.boost
        return {"match_phrase": {node.field: body}}
    if isinstance(node, Range):
        r: dict[str, int] = {}
        if node.lo is not None:
            r["gte"] = node.lo
        if node.hi is not None:
            r["lte"] = node.hi
        return {"range": {node.field: r}}
    if isinstance(node, Scoring):
        return compile_node(node.node)
    if isinstance(node, ConstScore):
        return {"constant_score": {"filter": compile_node(node.node), "boost": node.score}}
    if isinstance(node, MatchAll):
        return {"match_all": {}}
    if isinstance(node, MatchNone):
        return {"match_none": {}}
    if isinstance(node, MoreLike):
        return {
            "more_like_this": {
                "fields": [node.field],
                "like": node.text,
                "analyzer": ANALYZER,
                "min_term_freq": 2,
                "min_doc_freq": 1,
                "max_query_terms": 25,
            }
        }
    if isinstance(node, Bool):
        b: dict[str, Any] = {}
        for occur in ("must", "should", "must_not", "filter"):
            items = getattr(node, occur)
            if items:
                b[occur] = [compile_node(n) for n in items]
        if not b:
            return {"match_all": {}}
        if node.min_should:
            b["minimum_should_match"] = node.min_should
        elif node.should and not node.must and not node.filter:
            b["minimum_should_match"] = 1
        if node.boost != 1.0:
            b["boost"] = node.boost
        return {"bool": b}
    raise TypeError(f"unknown plan node {node!r}")


def _sort(sort: str) -> list[Any]:
    """Same order as Tantivy: equal scores by ``tiebreak``; date keys already embed it."""
    if sort == "date_desc":
        return [{"date_desc": {"order": "desc"}}]
    if sort == "date_asc":
        return [{"date_asc": {"order": "asc"}}]
    return [{"_score": {"order": "desc"}}, {"tiebreak": {"order": "asc"}}]


def search_body(query: Node, sort: str, offset: int, limit: int, facets: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "query": compile_node(query),
        "from": offset,
        "size": limit,
        "track_total_hits": True,
        "_source": ["payload"],
    }
    body["sort"] = _sort(sort)
    if sort != "relevance":
        body["track_scores"] = True
    if facets:
        body["aggs"] = {f: {"terms": {"field": f, "size": FACET_SIZE}} for f in FACET_FIELDS}
    return body


def pages_body(query: Node | None, doc_id: str, limit: int) -> dict[str, Any]:
    scope = Bool(filter=(Term("rtype", "page"), Term("id", doc_id)))
    body: dict[str, Any] = {"size": limit, "_source": ["page", "text", "payload"]}
    if query is None:
        body["query"] = compile_node(scope)
        body["sort"] = [{"page": {"order": "asc"}}]
    else:
        body["query"] = compile_node(Bool(must=(query,), filter=(scope,)))
    return body


def bulk_actions(index: str, doc: IndexDocument) -> list[dict[str, Any]]:
    """Index actions for one document and its pages (ids: ``<doc>`` and ``<doc>:<page>``)."""
    pages = [page_fields(p.text) for p in doc.pages]
    ops: list[dict[str, Any]] = [{"index": {"_index": index, "_id": doc.id}}, doc_fields(doc, pages)]
    for p, views in zip(doc.pages, pages, strict=True):
        ops.append({"index": {"_index": index, "_id": f"{doc.id}:{p.number}"}})
        ops.append(
            {
                "rtype": "page",
                "id": doc.id,
                "page": p.number,
                **views,
                "text": p.text,
                "payload": json.dumps({"source": p.source, "needs_review": p.needs_review}),
            }
        )
    return ops


class _EsBatch:
    def __init__(self) -> None:
        self.upserts: dict[str, IndexDocument] = {}
        self.deletes: set[str] = set()

    def upsert(self, doc: IndexDocument) -> None:
        self.deletes.discard(doc.id)
        self.upserts[doc.id] = doc

    def delete(self, doc_id: str) -> None:
        self.upserts.pop(doc_id, None)
        self.deletes.add(doc_id)


class ElasticsearchBackend(BaseBackend):
    schema_version = SCHEMA_VERSION
    name = "elasticsearch"

    def describe(self) -> str:
        return f"Elasticsearch {self.url}"

    def __init__(self, url: str, *, index: str = "sulieu", client: Any | None = None) -> None:
        from elasticsearch import Elasticsearch

        self.url = url
        self.index = index
        self.client = client or Elasticsearch(url, request_timeout=60)
        if self.stored_schema_version() is None:
            self._create()

    def _call(self, fn: Any, **kw: Any) -> Any:
        from elasticsearch import ApiError, TransportError

        try:
            return fn(**kw)
        except (ApiError, TransportError) as e:
            raise BackendError(f"Elasticsearch ({self.url}) báo lỗi hoặc không trả lời.", detail=str(e)[:500]) from e

    def _create(self) -> None:
        self._call(self.client.indices.create, index=self.index, settings=index_settings(), mappings=index_mappings())

    def stored_schema_version(self) -> int | None:
        from elasticsearch import NotFoundError

        try:
            m = self.client.indices.get_mapping(index=self.index)
        except NotFoundError:
            return None
        except Exception as e:
            raise BackendError(f"Không kết nối được Elasticsearch tại {self.url}.", detail=str(e)[:500]) from e
        for v in dict(m).values():
            return int(v.get("mappings", {}).get("_meta", {}).get("schema_version", 0))
        return None

    def clear(self) -> None:
        self._call(self.client.indices.delete, index=self.index, ignore_unavailable=True)
        self._create()

    def unfinished(self) -> set[str]:
        """Not tracked: a failed bulk request raises ``BackendError``, and the documents it held stay
        out of the index until the caller writes them again (``sulieu check --repair`` finds them)."""
        return set()

    def close(self) -> None:
        self.client.close()

    @contextmanager
    def batch(self) -> Iterator[_EsBatch]:
        b = _EsBatch()
        yield b  # an exception here discards the buffered batch: nothing was sent
        touched = sorted(set(b.upserts) | b.deletes)
        if not touched:
            return
        self._call(
            self.client.delete_by_query,
            index=self.index,
            query={"terms": {"id": touched}},
            refresh=True,
            conflicts="proceed",
        )
        ops: list[dict[str, Any]] = []
        for doc in b.upserts.values():
            ops.extend(bulk_actions(self.index, doc))
        if ops:
            res = self._call(self.client.bulk, operations=ops, refresh="wait_for")
            if res.get("errors"):
                first: dict[str, Any] = next((i for i in res["items"] if next(iter(i.values())).get("error")), {})
                raise BackendError("Elasticsearch từ chối một phần dữ liệu chỉ mục.", detail=json.dumps(first)[:500])

    def _search(self, body: dict[str, Any]) -> dict[str, Any]:
        # sent as one JSON body, exactly as built (and unit-tested) by search_body/pages_body
        return dict(self._call(self.client.search, index=self.index, body=body))

    def _search_docs(
        self, query: Node, sort: str, offset: int, limit: int, facets: bool
    ) -> tuple[int, list[tuple[dict[str, Any], float]], dict[str, list[FacetValue]]]:
        res = self._search(search_body(query, sort, offset, limit, facets))
        rows = [(json.loads(h["_source"]["payload"]), float(h.get("_score") or 0.0)) for h in res["hits"]["hits"]]
        fac: dict[str, list[FacetValue]] = {f: [] for f in FACET_FIELDS}
        for f in FACET_FIELDS:
            fac[f] = facet_values(res.get("aggregations", {}).get(f, {}).get("buckets", []), f)
        return int(res["hits"]["total"]["value"]), rows, fac

    def _search_pages(self, query: Node | None, doc_id: str, limit: int) -> list[tuple[int, float, str]]:
        res = self._search(pages_body(query, doc_id, limit))
        return [
            (int(h["_source"]["page"]), float(h.get("_score") or 0.0), h["_source"].get("text", ""))
            for h in res["hits"]["hits"]
        ]

    def _count(self, query: Node) -> int:
        return int(self._call(self.client.count, index=self.index, query=compile_node(query))["count"])

    def _fetch(self, doc_id: str, allowed_access: list[str]) -> tuple[dict[str, Any], list[IndexPage]] | None:
        q = Bool(filter=(Term("rtype", "doc"), Term("id", doc_id), Terms("access", tuple(allowed_access) or ("-",))))
        res = self._search({"query": compile_node(q), "size": 1, "_source": ["payload"]})
        if not res["hits"]["hits"]:
            return None
        meta = json.loads(res["hits"]["hits"][0]["_source"]["payload"])
        pres = self._search(pages_body(None, doc_id, MAX_PAGES))
        pages = []
        for h in pres["hits"]["hits"]:
            src = h["_source"]
            extra = json.loads(src.get("payload") or "{}")
            pages.append(IndexPage(number=int(src["page"]), text=src.get("text", ""), **extra))
        return meta, pages

    def ids(self) -> set[str]:
        from elasticsearch.helpers import scan

        q = {"query": compile_node(Bool(filter=(Term("rtype", "doc"),))), "_source": ["id"]}
        try:
            return {h["_source"]["id"] for h in scan(self.client, index=self.index, query=q)}
        except Exception as e:
            raise BackendError(f"Elasticsearch ({self.url}) báo lỗi hoặc không trả lời.", detail=str(e)[:500]) from e
