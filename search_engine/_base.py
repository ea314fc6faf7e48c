"""What both engines share: the search flow (documents, then their best pages, then snippets).

An engine implements four primitives over plan nodes (``_search_docs``, ``_search_pages``,
``_count``, ``_fetch``); everything users see is assembled here, once.
"""

from __future__ import annotations

import json
import time
import zlib
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from search_engine.highlight import snippet
from search_engine.models import (
    FACET_FIELDS,
    FacetValue,
    Hit,
    IndexChapter,
    IndexDocument,
    IndexPage,
    PageHit,
    SearchRequest,
    SearchResult,
    Snippet,
)
from search_engine.plan import (
    DOC_BODY,
    PAGE_VIEWS,
    Bool,
    DocShare,
    MoreLike,
    Node,
    Plan,
    Term,
    Terms,
    YearSpan,
    build_plan,
    filters_for,
    overlaps,
)
from search_engine.query import ParsedQuery, parse_query
from sulieu.errors import NotFound
from sulieu.text import analyze

SCHEMA_VERSION = 8  # 2: tiebreak field, composite date sort keys; 3: document body fields of their own;
# 4: issuer = the issuer's scope (sulieu.issuers), place = place and province, a province field;
# 5: authority records (issuer names over time, issuer_lineage, lineage_fold), is_copy;
# 6: Tantivy stores page text and payloads only (not indexed), bigram views without positions;
# 7: page entries index their folded views only
# 8: period_years on documents and pages (book chapters' periods: giai_doan:)
RELEVANCE_PAD = 16  # extra hits fetched so equal scores are ordered by id, not by insertion order
FACET_SIZE = 20
PAGES_PER_HIT = 5
SNIPPETS_PER_HIT = 3
PAGES_IN_DOCUMENT = 100  # search inside one document
SNIPPETS_IN_DOCUMENT = 30
MORE_LIKE_CHARS = 20_000


def ymd(iso: str | None, default: int) -> int:
    if not iso:
        return default
    try:
        return int(iso[:10].replace("-", ""))
    except ValueError:
        return default


def tiebreak(doc_id: str) -> int:
    """A stable number per document: equal scores and equal dates sort the same on every rebuild."""
    return zlib.crc32(doc_id.encode("utf-8"))


def page_fields(text: str) -> dict[str, str]:
    """The body views of one page, all four: the document entry joins them (one analysis per page)."""
    a = analyze(text)
    return {"exact": a.exact, "fold": a.fold, "bigram": a.bigram, "bigram_fold": a.bigram_fold}


def page_entry_views(views: dict[str, str]) -> dict[str, str]:
    """The views a page entry indexes: the folded ones only. Best pages are ranked inside a few documents
    already found, on folded views (``plan.build_plan``); the exact views of pages were never read and
    were a third of the index (issue 19)."""
    return {v: views[v] for v in PAGE_VIEWS}


def page_years(doc: IndexDocument, number: int) -> list[int]:
    """The years of the chapter page ``number`` belongs to (what giai_doan: matches on a page)."""
    c = doc.chapter_at(number)
    return c.years() if c else []


def doc_fields(doc: IndexDocument, pages: list[dict[str, str]]) -> dict[str, Any]:
    """Every indexed field of the document-level entry (pages are joined: each page is one analysis)."""
    from sulieu.symbols import symbol_key
    from sulieu.text import fold

    t = analyze("\n".join(x for x in (doc.title, doc.subject) if x))
    type_keys = sorted({" ".join(fold(x).split()) for x in (doc.doc_type, doc.doc_type_code) if x})
    places = [x for x in (doc.place, doc.province) if x]
    return {
        "rtype": "doc",
        "id": doc.id,
        "access": doc.access,
        "deleted": int(doc.deleted),
        "needs_review": int(doc.needs_review),
        **{DOC_BODY + v: " ".join(p[v] for p in pages) for v in ("exact", "fold", "bigram", "bigram_fold")},
        "t_exact": t.exact,
        "t_fold": t.fold,
        "t_bigram": t.bigram,
        "t_bigram_fold": t.bigram_fold,
        "symbol_key": doc.symbol_key or "",
        "number_key": symbol_key(doc.number) if doc.number else "",
        "type_key": type_keys,
        "doc_type": doc.doc_type or "",
        "issuer": list(doc.issuer_path),  # the issuer and the bodies above it: one scope rule (co_quan:, facet)
        "level": doc.level or "",
        "place": list(dict.fromkeys(places)),  # the place facet agrees with noi:, which matches the province too
        "province": doc.province or "",
        "issuer_fold": " | ".join(analyze(x).fold for x in (doc.issuer_names or doc.issuer_path)),
        "issuer_names": list(doc.issuer_names or doc.issuer_path),  # the issuer filter: a body by any of its names
        "issuer_lineage": list(doc.lineage_names or doc.issuer_names or doc.issuer_path),
        "lineage_fold": " | ".join(analyze(x).fold for x in (doc.lineage_names or doc.issuer_names or doc.issuer_path)),
        "is_copy": int(doc.is_copy),
        "place_fold": " | ".join(analyze(x).fold for x in places),
        "signer_fold": analyze(doc.signer or "").fold,
        "cites_keys": list(doc.cites_keys),
        "cites_ids": list(doc.cites_ids),
        "year": doc.year if doc.year is not None else 0,
        "date_from": ymd(doc.date_from, 0),
        "date_to": ymd(doc.date_to, 0),
        "period_years": sorted({y for c in doc.chapters for y in c.years()}),  # a book with such a chapter
        "tiebreak": tiebreak(doc.id),
        "date_desc": ymd(doc.date_from, 0) * 10**10 + tiebreak(doc.id),
        "date_asc": ymd(doc.date_from, 99_991_231) * 10**10 + tiebreak(doc.id),
        "payload": json.dumps(doc.model_dump(mode="json", exclude={"pages"}), ensure_ascii=False),
    }


class BaseBackend:
    schema_version: int = SCHEMA_VERSION
    name: str = "?"

    def describe(self) -> str:
        return self.name

    def preload(self) -> int:
        return 0

    # --- primitives each engine provides ----------------------------------------------------
    def _search_docs(
        self, query: Node, sort: str, offset: int, limit: int, facets: bool
    ) -> tuple[int, list[tuple[dict[str, Any], float]], dict[str, list[FacetValue]]]:
        raise NotImplementedError

    def _search_pages(self, query: Node | None, doc_id: str, limit: int) -> list[tuple[int, float, str]]:
        """Best pages of one document as (page number, score, text); first pages when no query."""
        raise NotImplementedError

    def _best_pages(
        self, query: Node, doc_ids: list[str], limit: int, texts: int | None = None
    ) -> dict[str, list[tuple[int, float, str]]]:
        """Best pages of several documents at once; an engine may answer in one round trip, and may
        leave the text empty after the first ``texts`` pages of each document (no snippet shown)."""
        return {d: self._search_pages(query, d, limit) for d in doc_ids}

    def _count(self, query: Node) -> int:
        raise NotImplementedError

    def _fetch(self, doc_id: str, allowed_access: list[str]) -> tuple[dict[str, Any], list[IndexPage]] | None:
        raise NotImplementedError

    def bulk(self) -> AbstractContextManager[Any]:
        """Successive ``batch()``es, one per checkpoint (engines with cheaper commits override it)."""
        return _successive_batches(self)

    # --- shared flow ------------------------------------------------------------------------
    def _doc_share(self, pq: ParsedQuery) -> DocShare | None:
        """Share of documents holding a folded syllable of the query (lets long queries leave out words
        nearly every document holds). Every engine must answer alike: without it, OpenSearch matched the
        long queries with every word and counted 8,548 where Tantivy counted 5,872 (100,000 pages)."""
        return None

    def _plan(self, req: SearchRequest) -> Plan:
        pq = parse_query(req.q)
        plan = build_plan(pq, req, share=self._doc_share(pq))
        if req.more_like:
            found = self._fetch(req.more_like, req.allowed_access)
            if found is None:
                raise NotFound(f"Không có tài liệu {req.more_like} (hoặc bạn không được xem).")
            _, pages = found
            text = analyze("\n".join(p.text for p in pages)[:MORE_LIKE_CHARS]).fold
            like: Node = MoreLike(DOC_BODY + "fold", text)
            must = (like, plan.doc_query) if pq.has_positive else (like,)
            plan.doc_query = Bool(
                must=must, must_not=(Term("id", req.more_like),), filter=(plan.filters,)
            )
            plan.scored = True
        return plan

    def count(self, req: SearchRequest) -> int:
        return self._count(self._plan(req).doc_query)

    def get(self, doc_id: str, allowed_access: list[str]) -> IndexDocument | None:
        found = self._fetch(doc_id, allowed_access)
        if found is None:
            return None
        meta, pages = found
        return IndexDocument.model_validate({**meta, "pages": [p.model_dump() for p in pages]})

    def search(self, req: SearchRequest) -> SearchResult:
        t0 = time.perf_counter()
        plan = self._plan(req)
        offset = (req.page - 1) * req.page_size
        sort = req.sort if (req.sort != "relevance" or plan.scored) else "date_desc"  # nothing to rank: newest first
        total, rows, facets = self._search_docs(plan.doc_query, sort, offset, req.page_size, req.facets)
        inside = req.doc_id is not None
        n_pages = PAGES_IN_DOCUMENT if inside else PAGES_PER_HIT
        n_snip = SNIPPETS_IN_DOCUMENT if inside else SNIPPETS_PER_HIT
        hits: list[Hit] = []
        best = self._best_pages(plan.page_query, [m["id"] for m, _ in rows], n_pages, n_snip) if plan.page_query else {}
        for meta, score in rows:
            pages = best.get(meta["id"], [])
            chapters = [IndexChapter.model_validate(c) for c in meta.get("chapters") or []]
            if not pages and plan.periods:  # giai_doan: alone: the first page of each chapter of the period
                pages = self._chapter_pages(meta["id"], chapters, plan.periods, n_pages)
            if not pages:  # matched on metadata only (symbol, fields): show where the document starts
                pages = [(n, 0.0, text) for n, _, text in self._search_pages(None, meta["id"], 1)]
            doc = IndexDocument(id=meta["id"], chapters=chapters)
            label = {n: c.label if (c := doc.chapter_at(n)) else None for n, _, _ in pages}
            snippets = [Snippet(page=n, html=snippet(text, plan.highlight), chapter=label[n])
                        for n, _, text in pages[:n_snip]]
            hits.append(
                Hit(
                    id=meta["id"],
                    title=meta.get("title"),
                    doc_type=meta.get("doc_type"),
                    symbol=meta.get("symbol"),
                    issuer=meta.get("issuer"),
                    date=meta.get("date"),
                    score=round(float(score), 4),
                    snippets=snippets,
                    pages=[PageHit(page=n, score=round(float(s), 4), chapter=label[n]) for n, s, _ in pages],
                    access=meta.get("access", "public"),
                    subject=meta.get("subject"),
                    level=meta.get("level"),
                    place=meta.get("place"),
                )
            )
        if not req.facets:
            facets = {f: [] for f in FACET_FIELDS}
        else:
            facets.update(self._own_facets(req))
        every = self._count(plan.every_word) if plan.every_word is not None and total else None
        return SearchResult(
            total=total,
            all_words=every,
            hits=hits,
            facets=facets,
            page=req.page,
            page_size=req.page_size,
            query=req.q,
            took_ms=round((time.perf_counter() - t0) * 1000, 2),
        )

    def _chapter_pages(self, doc_id: str, chapters: list[IndexChapter], periods: list[list[YearSpan]],
                       limit: int) -> list[tuple[int, float, str]]:
        """The first pages of the document's chapters overlapping ``periods``, in book order."""
        firsts = list(dict.fromkeys(c.first_page for c in chapters if overlaps(c.start, c.end, periods)))[:limit]
        if not firsts:
            return []
        found = self._search_pages(Bool(filter=(Terms("page", tuple(firsts)),)), doc_id, len(firsts))
        by_page = {n: text for n, _, text in found}
        return [(n, 0.0, by_page[n]) for n in firsts if n in by_page]

    def _own_facets(self, req: SearchRequest) -> dict[str, list[FacetValue]]:
        """Facets are multi-select, OR inside a facet and AND across: the counts of a facet with values
        chosen are those of the search without its own choice, so the other values stay there to add."""
        out: dict[str, list[FacetValue]] = {}
        for f in FACET_FIELDS:
            if getattr(req, f, None):
                others = req.model_copy(update={f: [], "page": 1})
                out[f] = self._search_docs(self._plan(others).doc_query, "date_desc", 0, 1, True)[2][f]
        return out

    def _ids_filter(self) -> Node:
        return Bool(filter=(Term("rtype", "doc"),))


def facet_values(buckets: list[dict[str, Any]], field: str) -> list[FacetValue]:
    out = []
    for b in buckets:
        key = b.get("key")
        if key in (None, "", 0) and field != "level":
            continue
        if key in (None, ""):
            continue
        out.append(FacetValue(value=str(key), count=int(b.get("doc_count", 0))))
    return out


__all__ = ["BaseBackend", "SCHEMA_VERSION", "Terms", "facet_values", "filters_for", "doc_fields", "page_fields",
           "page_years"]


class _SuccessiveBatches:
    def __init__(self, backend: Any) -> None:
        self.backend = backend
        self._open()

    def _open(self) -> None:
        self._cm = self.backend.batch()
        self._b = self._cm.__enter__()

    def upsert(self, doc: IndexDocument, views: list[dict[str, str]] | None = None) -> None:
        self._b.upsert(doc, views)

    def delete(self, doc_id: str) -> None:
        self._b.delete(doc_id)

    def checkpoint(self) -> None:
        self._cm.__exit__(None, None, None)
        self._open()


@contextmanager
def _successive_batches(backend: Any) -> Iterator[_SuccessiveBatches]:
    b = _SuccessiveBatches(backend)
    try:
        yield b
    except BaseException as e:
        b._cm.__exit__(type(e), e, e.__traceback__)
        raise
    b._cm.__exit__(None, None, None)
