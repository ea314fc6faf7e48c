"""Every request body the cluster engines (Elasticsearch, OpenSearch) receive, built by pure functions.

One module builds the bodies and two thin clients (``cluster_clients``) send them, so both engines get
byte-identical settings, mappings, queries, facets and bulk actions, unit-tested without a server
(tests/search_engine/test_es_bodies.py) and run against a real OpenSearch node in every test run. The index
analyser is a bare whitespace tokenizer: terms arrive pre-analysed by ``sulieu.text.analyze``, so the
cluster engines and Tantivy index identical terms.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from search_engine._base import FACET_SIZE, SCHEMA_VERSION, doc_fields, page_entry_views, page_fields, page_years
from search_engine.models import FACET_FIELDS, IndexDocument
from search_engine.plan import (
    DOC_BODY,
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

ANALYZER = "sulieu_ws"
MAX_PAGES = 10_000
# URL parameters of every search. A partial answer (a shard failed or is away) is an error, never a short
# list. DFS: with several shards, BM25's document frequencies are gathered from all of them first, or each
# shard scores by its own statistics and the ranking changes with the shard count (measured: on the
# conformance corpus, 3 shards put a different document first); on one shard the engine skips the extra phase.
SEARCH_TYPE = "dfs_query_then_fetch"
BULK_BYTES = 16 * 1024 * 1024  # per bulk request; the servers refuse more than 100 MB by default


def index_settings(shards: int = 1, replicas: int = 0) -> dict[str, Any]:
    """Shards and replicas come from the settings (``SULIEU_ES_SHARDS``, ``SULIEU_ES_REPLICAS``)."""
    return {
        "number_of_shards": shards,
        "number_of_replicas": replicas,
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


def bulk_actions(index: str, doc: IndexDocument, views: list[dict[str, str]] | None = None) -> list[dict[str, Any]]:
    """Index actions for one document and its pages (ids: ``<doc>`` and ``<doc>:<page>``); ``views``:
    the pages' ``page_fields`` if already computed."""
    pages = views if views is not None else [page_fields(p.text) for p in doc.pages]
    ops: list[dict[str, Any]] = [{"index": {"_index": index, "_id": doc.id}}, doc_fields(doc, pages)]
    for p, pv in zip(doc.pages, pages, strict=True):
        ops.append({"index": {"_index": index, "_id": f"{doc.id}:{p.number}"}})
        ops.append(
            {
                "rtype": "page",
                "id": doc.id,
                "page": p.number,
                "period_years": page_years(doc, p.number),
                **page_entry_views(pv),
                "text": p.text,
                "payload": json.dumps({"source": p.source, "needs_review": p.needs_review}),
            }
        )
    return ops


def bulk_chunks(
    index: str, docs: list[IndexDocument | tuple[IndexDocument, list[dict[str, str]] | None]], max_bytes: int = BULK_BYTES
) -> Iterator[list[dict[str, Any]]]:
    """Bulk requests of whole documents, each under ``max_bytes`` (a document larger than that goes alone).

    One request per batch failed on a real node: 500 documents of about 8 pages each exceeded OpenSearch's
    ``http.max_content_length`` (100 MB) and were refused with a 413."""
    chunk: list[dict[str, Any]] = []
    size = 0
    for item in docs:
        doc, views = item if isinstance(item, tuple) else (item, None)
        ops = bulk_actions(index, doc, views)
        n = sum(len(json.dumps(op, ensure_ascii=False).encode("utf-8")) + 1 for op in ops)
        if chunk and size + n > max_bytes:
            yield chunk
            chunk, size = [], 0
        chunk.extend(ops)
        size += n
    if chunk:
        yield chunk


def create_body(shards: int = 1, replicas: int = 0, schema_version: int = SCHEMA_VERSION) -> dict[str, Any]:
    return {"settings": index_settings(shards, replicas), "mappings": index_mappings(schema_version)}


def count_body(query: Node) -> dict[str, Any]:
    return {"query": compile_node(query)}


def share_body(syllables: list[str]) -> dict[str, Any]:
    """How many document entries hold each folded syllable, and how many there are (exactly)."""
    return {
        "size": 0,
        "track_total_hits": True,
        "query": {"term": {"rtype": "doc"}},
        "aggs": {f"s{k}": {"filter": {"term": {DOC_BODY + "fold": s}}} for k, s in enumerate(syllables)},
    }


def delete_body(doc_ids: list[str]) -> dict[str, Any]:
    """A document's record and all its pages share its ``id``: one delete-by-query removes them."""
    return {"query": {"terms": {"id": doc_ids}}}


def fetch_body(doc_id: str, allowed_access: list[str]) -> dict[str, Any]:
    q = Bool(filter=(Term("rtype", "doc"), Term("id", doc_id), Terms("access", tuple(allowed_access) or ("-",))))
    return {"query": compile_node(q), "size": 1, "_source": ["payload"]}


def present_body(doc_ids: list[str]) -> dict[str, Any]:
    """Which of these documents the index holds (their records, not their pages)."""
    q = Bool(filter=(Term("rtype", "doc"), Terms("id", tuple(doc_ids))))
    return {"query": compile_node(q), "size": len(doc_ids), "_source": ["id"]}


def ids_body() -> dict[str, Any]:
    return {"query": compile_node(Bool(filter=(Term("rtype", "doc"),))), "_source": ["id"]}
