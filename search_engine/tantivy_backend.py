"""Embedded Tantivy index in ``<archive>/index/`` (the default engine).

Layout: two Tantivy indexes with one schema. ``docs/`` holds one entry per document (metadata,
all text views, facets; what totals and facets count), ``pages/`` one per page (its text views
and stored text; where best pages and snippets come from). Apart, a document query walks
posting lists of documents only, and BM25 statistics (document count, average length) are those
of documents, or of pages, not of a mix: measured at 150,000 pages, 2-4x less time than one
shared index. Terms are pre-analysed by ``sulieu.text`` and split on whitespace only.

A batch commits pages first, then documents. Between the two commits the ids of the batch are in
``unfinished.json``; if the second commit never happens, ``unfinished()`` names them and
``ensure_index`` writes them again from the archive.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import tantivy

from search_engine._base import (
    FACET_SIZE,
    RELEVANCE_PAD,
    SCHEMA_VERSION,
    BaseBackend,
    doc_fields,
    facet_values,
    page_entry_views,
    page_fields,
    page_years,
    tiebreak,
)
from search_engine.models import FACET_FIELDS, FacetValue, IndexDocument, IndexPage
from search_engine.plan import (
    DOC_BODY,
    INT_FIELDS,
    KEYWORD_FIELDS,
    PHRASE_FIELDS,
    TEXT_FIELDS,
    Bool,
    ConstScore,
    DocShare,
    MatchAll,
    MatchNone,
    MoreLike,
    Node,
    Phrase,
    Range,
    Scoring,
    Term,
    Terms,
    match_only,
)
from search_engine.query import ParsedQuery
from sulieu.errors import BackendError

WS = "sulieu_ws"
VERSION_FILE = "sulieu_schema.json"
UNFINISHED_FILE = "unfinished.json"
_STORED = {"id", "page"}
_FAST = {"rtype", "id", "access", "doc_type", "issuer", "level", "place", "province"}


def build_schema() -> tantivy.Schema:
    """Page text and payloads are stored only (bytes: tantivy-py indexes every text field, and as ``raw``
    text fields they made each page's whole text one more term: at 20,000 pages the term dictionaries were
    the largest part of the index). Bigram views keep frequencies but no positions: no phrase query reads
    them (``plan._words`` matches a pair as one term)."""
    sb = tantivy.SchemaBuilder()
    for f in TEXT_FIELDS + PHRASE_FIELDS:
        sb.add_text_field(f, stored=False, tokenizer_name=WS, index_option="freq" if "bigram" in f else "position")
    for f in KEYWORD_FIELDS:
        sb.add_text_field(f, stored=f in _STORED, fast=f in _FAST, tokenizer_name="raw", index_option="basic")
    for f in INT_FIELDS:
        sb.add_integer_field(f, stored=f in _STORED, indexed=True, fast=True)
    sb.add_bytes_field("payload", stored=True)
    sb.add_bytes_field("text", stored=True)
    return sb.build()


def _stored(d: Any, field: str) -> str:
    """A stored-only (bytes) field as text; empty when absent."""
    v = d.get_first(field)
    return v.decode("utf-8") if v else ""


PAGE_WINDOW_MAX = 400  # pages fetched at once for the hits' best pages


def _analyzer() -> tantivy.TextAnalyzer:
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


class _TantivyBatch:
    def __init__(self, docs: Any, pages: Any) -> None:
        self.docs = docs
        self.pages = pages
        self.touched: set[str] = set()
        self.released = False  # a failed commit let the writers go

    def upsert(self, doc: IndexDocument, views: list[dict[str, str]] | None = None) -> None:
        self.delete(doc.id)
        pages = views if views is not None else [page_fields(p.text) for p in doc.pages]
        fields = doc_fields(doc, pages)
        doc_key = fields["tiebreak"]
        fields["payload"] = fields["payload"].encode("utf-8")
        self.docs.add_document(tantivy.Document.from_dict(_clean(fields)))
        for p, pv in zip(doc.pages, pages, strict=True):
            entry = {
                "rtype": "page",
                "id": doc.id,
                "page": p.number,
                "tiebreak": doc_key,  # which document, read from a fast field (no stored-field fetch)
                "period_years": page_years(doc, p.number),
                **page_entry_views(pv),
                "text": p.text.encode("utf-8"),
                "payload": json.dumps({"source": p.source, "needs_review": p.needs_review}).encode("utf-8"),
            }
            self.pages.add_document(tantivy.Document.from_dict(_clean(entry)))

    def delete(self, doc_id: str) -> None:
        self.touched.add(doc_id)
        self.docs.delete_documents_by_term("id", doc_id)
        self.pages.delete_documents_by_term("id", doc_id)


class _TantivyBulk(_TantivyBatch):
    def __init__(self, backend: TantivyBackend, docs: Any, pages: Any) -> None:
        super().__init__(docs, pages)
        self.backend = backend

    def checkpoint(self) -> None:
        self.backend._commit(self)


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    """Tantivy rejects empty strings in raw fields only by indexing them: drop them instead."""
    return {k: v for k, v in d.items() if v != "" and v != [] and v != b""}


_B = TypeVar("_B", bound=_TantivyBatch)


class TantivyBackend(BaseBackend):
    schema_version = SCHEMA_VERSION
    name = "tantivy"

    def describe(self) -> str:
        return f"Tantivy (nhúng) {self.path}"

    def __init__(self, path: Path | str, *, heap_mb: int = 128, threads: int = 1, lock_wait: float = 30.0) -> None:
        self.path = Path(path)
        self.lock_wait = lock_wait
        self.heap = heap_mb * 1_000_000
        self.threads = threads
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self.path.mkdir(parents=True, exist_ok=True)
        self.schema = build_schema()
        self.docs: tantivy.Index | None = None
        self.pages: tantivy.Index | None = None
        try:
            stored = self.stored_schema_version()
            if stored is None:
                self._create()
            elif stored == self.schema_version and all(p.is_dir() and tantivy.Index.exists(str(p)) for p in self._parts()):
                self.docs = tantivy.Index.open(str(self.path / "docs"))
                self.pages = tantivy.Index.open(str(self.path / "pages"))
                self._register()
            # else stale: open_backend reports SchemaMismatch, clear() rebuilds
        except ValueError as e:
            raise BackendError(f"Không mở được chỉ mục tìm kiếm {self.path}: {e}") from e

    # --- lifecycle --------------------------------------------------------------------------
    def _parts(self) -> tuple[Path, Path]:
        return self.path / "docs", self.path / "pages"

    def _register(self) -> None:
        for index in (self.docs, self.pages):
            assert index is not None
            index.register_tokenizer(WS, _analyzer())  # tantivy-py does not keep it: again after every open
            index.config_reader("commit")

    def _create(self) -> None:
        for part in self._parts():
            part.mkdir(parents=True, exist_ok=True)
        self.docs = tantivy.Index(self.schema, path=str(self.path / "docs"), reuse=False)
        self.pages = tantivy.Index(self.schema, path=str(self.path / "pages"), reuse=False)
        self._register()
        (self.path / VERSION_FILE).write_text(json.dumps({"schema_version": self.schema_version}))

    def stored_schema_version(self) -> int | None:
        f = self.path / VERSION_FILE
        if not f.exists():  # an index of the first layout (no version file) counts as version 0
            old = any(p.is_dir() and tantivy.Index.exists(str(p)) for p in (self.path, *self._parts()))
            return 0 if old else None
        try:
            return int(json.loads(f.read_text())["schema_version"])
        except (ValueError, KeyError, OSError):
            return 0

    def clear(self) -> None:
        with self._lock:
            self.docs = self.pages = None
            shutil.rmtree(self.path, ignore_errors=True)
            self.path.mkdir(parents=True, exist_ok=True)
            self._create()

    def close(self) -> None:
        self.docs = self.pages = None
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def _background(self) -> ThreadPoolExecutor:
        """Facets are counted in a second pass over the matches (tantivy-py has no single-pass top-k +
        aggregation); the engine releases the GIL, so that pass runs beside the ranking one."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="sulieu-facets")
        return self._pool

    def _require(self) -> tuple[tantivy.Index, tantivy.Index]:
        if self.docs is None or self.pages is None:
            raise BackendError("Chỉ mục tìm kiếm cần được dựng lại (sulieu reindex).")
        return self.docs, self.pages

    def _doc_searcher(self) -> Any:
        return self._require()[0].searcher()

    def _page_searcher(self) -> Any:
        return self._require()[1].searcher()

    def preload(self, chunk: int = 16 << 20) -> int:
        """Read every index file once so the operating system caches it (what Elasticsearch's
        ``index.store.preload`` does). A query's first touch of a posting list otherwise waits for
        the disk: at 1M pages, p95 54 ms on the first pass after a build, 18 ms once cached."""
        done = 0
        buf = bytearray(chunk)
        for part in self._parts():
            for f in sorted(part.glob("*")):
                try:
                    with open(f, "rb", buffering=0) as fh:
                        while n := fh.readinto(buf):
                            done += n
                except OSError:  # a segment merged away meanwhile
                    continue
        return done

    # --- unfinished batches -----------------------------------------------------------------
    def unfinished(self) -> set[str]:
        """Ids of a batch whose pages were committed but whose documents may not have been."""
        f = self.path / UNFINISHED_FILE
        try:
            return set(json.loads(f.read_text()))
        except FileNotFoundError:
            return set()
        except (ValueError, OSError):  # unreadable: the caller resyncs everything it can name
            return {"*"}

    def _mark_unfinished(self, ids: set[str]) -> None:
        f = self.path / UNFINISHED_FILE
        if not ids:
            f.unlink(missing_ok=True)
            return
        tmp = f.with_suffix(".tmp")
        tmp.write_text(json.dumps(sorted(ids)))
        tmp.replace(f)

    def batch(self) -> AbstractContextManager[_TantivyBatch]:
        return self._writing(_TantivyBatch)

    def bulk(self) -> AbstractContextManager[_TantivyBulk]:
        """One pair of writers for a whole rebuild, committed at each checkpoint; merges run on in the
        background and are awaited once at the end. Measured on 45,000 pages: a fresh batch per
        1,000 documents, each waiting for its merges, took 27 s; one writer 21 s."""
        return self._writing(lambda dw, pw: _TantivyBulk(self, dw, pw))

    @contextmanager
    def _writing(self, make: Callable[[Any, Any], _B]) -> Iterator[_B]:
        """Both writers held for the block, committed at its end (pages, then documents); on an error
        both roll back and are let go, so neither a lock nor half a batch outlives it."""
        docs, pages = self._require()
        with self._lock:
            dw = self._writer(docs)
            try:
                pw = self._writer(pages)
            except BaseException as e:
                dw.rollback()
                dw.__exit__(type(e), e, None)
                raise
            b = make(dw, pw)
            try:
                yield b
                self._commit(b)
            except BaseException as e:
                if not b.released:  # a failed commit has already let both writers go
                    for w in (pw, dw):
                        w.rollback()
                        w.__exit__(type(e), e, None)  # releases the writer lock even while e holds this frame
                raise
            for w in (pw, dw):
                w.wait_merging_threads()
                w.__exit__(None, None, None)

    def _commit(self, b: _TantivyBatch) -> None:
        """Pages, then documents; the batch's ids are ``unfinished`` in between. A failed commit
        discards both writers' pending work and raises ``BackendError``."""
        docs, pages = self._require()
        earlier = self.unfinished()
        self._mark_unfinished(earlier | b.touched)
        try:
            b.pages.commit()
            b.docs.commit()
        except ValueError as e:
            for w in (b.pages, b.docs):  # leaving a writer commits what it holds: discard it first
                w.rollback()
                w.__exit__(type(e), e, None)
            b.released = True
            raise BackendError("Không ghi được chỉ mục tìm kiếm.", detail=str(e)) from e
        finally:
            docs.reload()
            pages.reload()
        self._mark_unfinished(earlier - b.touched)
        b.touched = set()

    def _writer(self, index: tantivy.Index) -> Any:
        """One writer at a time across processes: wait a while for another one to finish."""
        deadline = time.monotonic() + self.lock_wait
        while True:
            try:
                return index.writer(self.heap, self.threads)
            except ValueError as e:
                if time.monotonic() >= deadline:
                    raise BackendError(
                        "Chỉ mục tìm kiếm đang được một tiến trình khác ghi; hãy thử lại sau.", detail=str(e)
                    ) from e
                time.sleep(0.2)

    # --- primitives -------------------------------------------------------------------------
    def _q(self, node: Node) -> tantivy.Query:
        return compile_node(self.schema, _without_scope(node))

    def _search_docs(
        self, query: Node, sort: str, offset: int, limit: int, facets: bool
    ) -> tuple[int, list[tuple[dict[str, Any], float]], dict[str, list[FacetValue]]]:
        searcher = self._doc_searcher()
        q = self._q(query)
        facet_job: Future[dict[str, Any]] | None = None
        if facets:
            aggs = {f: {"terms": {"field": f, "size": FACET_SIZE}} for f in FACET_FIELDS}
            facet_job = self._background().submit(searcher.aggregate, self._q(match_only(query)), aggs)
        kw: dict[str, Any] = {}
        if sort == "date_desc":
            kw = {"order_by_field": "date_desc", "order": tantivy.Order.Desc}
        elif sort == "date_asc":
            kw = {"order_by_field": "date_asc", "order": tantivy.Order.Asc}
        if kw:
            res = searcher.search(q, max(1, limit), count=True, offset=offset, **kw)
            hits = [(0.0, addr) for _, addr in res.hits]
        else:  # equal scores ordered by a stable per-document number, not by insertion order
            res = searcher.search(q, offset + max(1, limit) + RELEVANCE_PAD, count=True)
            keys = searcher.fast_field_values("tiebreak", [a for _, a in res.hits]) if res.hits else []
            ranked = sorted(zip(res.hits, keys, strict=True), key=lambda x: (-x[0][0], x[1] or 0))
            hits = [(float(score), addr) for (score, addr), _ in ranked[offset : offset + limit]]
        rows = []
        for score, addr in hits:
            d = searcher.doc(addr)
            rows.append((json.loads(_stored(d, "payload")), score))
        fac: dict[str, list[FacetValue]] = {f: [] for f in FACET_FIELDS}
        if facet_job is not None:
            out = facet_job.result()
            for f in FACET_FIELDS:
                fac[f] = facet_values(out.get(f, {}).get("buckets", []), f)
        return int(res.count or 0), rows, fac

    def _search_pages(self, query: Node | None, doc_id: str, limit: int) -> list[tuple[int, float, str]]:
        searcher = self._page_searcher()
        scope = Bool(filter=(Term("id", doc_id),))
        if query is None:
            res = searcher.search(self._q(scope), max(1, limit), order_by_field="page", order=tantivy.Order.Asc)
            hits = [(0.0, a) for _, a in res.hits]
        else:
            res = searcher.search(self._q(Bool(must=(query,), filter=(scope,))), max(1, limit))
            hits = res.hits
        out = []
        for score, addr in hits:
            d = searcher.doc(addr)
            out.append((int(d["page"][0]), float(score), _stored(d, "text")))
        return out

    def _best_pages(
        self, query: Node, doc_ids: list[str], limit: int, texts: int | None = None
    ) -> dict[str, list[tuple[int, float, str]]]:
        """One page query for all hits instead of one per hit (5-10x less time on broad queries at
        650,000 pages): the best pages overall, grouped by document. Scores do not depend on the
        filter, so a document's best pages are the same as in its own query; a document short of
        ``limit`` pages in a full window is asked again on its own, so the result stays exact.
        Document and page number come from fast fields; stored text is read only for the first
        ``texts`` pages of each document (the ones that get a snippet): 200 stored pages cost ~10 ms."""
        keys = {tiebreak(d): d for d in doc_ids}
        if len(doc_ids) < 2 or len(keys) < len(doc_ids):  # one hit, or two hits sharing a key
            return super()._best_pages(query, doc_ids, limit, texts)
        searcher = self._page_searcher()
        window = min(PAGE_WINDOW_MAX, limit * len(doc_ids) * 4)
        scope = Bool(filter=(Terms("id", tuple(doc_ids)),))
        res = searcher.search(self._q(Bool(must=(query,), filter=(scope,))), window)
        addrs = [a for _, a in res.hits]
        owners = searcher.fast_field_values("tiebreak", addrs) if addrs else []
        numbers = searcher.fast_field_values("page", addrs) if addrs else []
        found: dict[str, list[tuple[int, float, Any]]] = {d: [] for d in doc_ids}
        for (score, addr), key, number in zip(res.hits, owners, numbers, strict=True):
            group = found.get(keys.get(key, ""))
            if group is not None and len(group) < limit:
                group.append((int(number), float(score), addr))
        out: dict[str, list[tuple[int, float, str]]] = {}
        for doc_id, group in found.items():
            if len(group) < limit and len(res.hits) >= window:
                out[doc_id] = self._search_pages(query, doc_id, limit)
                continue
            n_text = len(group) if texts is None else texts
            out[doc_id] = [
                (n, score, _stored(searcher.doc(addr), "text") if k < n_text else "")
                for k, (n, score, addr) in enumerate(group)
            ]
        return out

    def _doc_share(self, pq: ParsedQuery) -> DocShare | None:
        """Live documents holding the syllable, counted (``doc_freq`` also counts replaced and
        removed entries until a merge, which would make the answer depend on the index's history).
        Only long queries ask, so the searcher is taken on the first question."""
        searcher: Any = None

        def share(syllable: str) -> float:
            nonlocal searcher
            searcher = searcher or self._doc_searcher()
            q = tantivy.Query.term_query(self.schema, DOC_BODY + "fold", syllable)
            return int(searcher.search(q, 1, count=True).count or 0) / max(1, int(searcher.num_docs))

        return share

    def _count(self, query: Node) -> int:
        return int(self._doc_searcher().search(self._q(query), 1, count=True).count or 0)

    def _fetch(self, doc_id: str, allowed_access: list[str]) -> tuple[dict[str, Any], list[IndexPage]] | None:
        searcher = self._doc_searcher()
        q = Bool(filter=(Term("id", doc_id), Terms("access", tuple(allowed_access) or ("-",))))
        res = searcher.search(self._q(q), 1)
        if not res.hits:
            return None
        meta = json.loads(_stored(searcher.doc(res.hits[0][1]), "payload"))
        pager = self._page_searcher()
        pq = self._q(Term("id", doc_id))
        n = max(1, int(pager.search(pq, 1, count=True).count or 0))
        pres = pager.search(pq, n, order_by_field="page", order=tantivy.Order.Asc)
        pages = []
        for _, addr in pres.hits:
            d = pager.doc(addr)
            extra = json.loads(_stored(d, "payload") or "{}")
            pages.append(IndexPage(number=int(d["page"][0]), text=_stored(d, "text"), **extra))
        return meta, pages

    def ids(self) -> set[str]:
        searcher = self._doc_searcher()
        n = searcher.num_docs  # the documents index holds documents only
        if not n:
            return set()
        return {searcher.doc(a)["id"][0] for _, a in searcher.search(self._q(MatchAll()), n).hits}


# --- plan -> tantivy ---------------------------------------------------------------------------
def _without_scope(node: Node) -> Node:
    """Each index holds one kind of entry, so the ``rtype`` filters the plan carries (for an engine
    with one index) are true of every entry: dropped rather than intersected."""
    if not isinstance(node, Bool):
        return node
    kept = tuple(_without_scope(n) for n in node.filter if not (isinstance(n, Term) and n.field == "rtype"))
    return Bool(
        must=tuple(_without_scope(n) for n in node.must),
        should=tuple(_without_scope(n) for n in node.should),
        must_not=node.must_not,
        filter=kept,
        min_should=node.min_should,
        boost=node.boost,
    )



def _boost(q: tantivy.Query, boost: float) -> tantivy.Query:
    return q if boost == 1.0 else tantivy.Query.boost_query(q, boost)


def compile_node(schema: tantivy.Schema, node: Node) -> tantivy.Query:
    Q = tantivy.Query
    if isinstance(node, Term):
        return _boost(Q.term_query(schema, node.field, node.value), node.boost)
    if isinstance(node, Terms):
        if len(node.values) == 1:
            return Q.term_query(schema, node.field, node.values[0])
        return Q.term_set_query(schema, node.field, list(node.values))
    if isinstance(node, Phrase):
        return _boost(Q.phrase_query(schema, node.field, list(node.words)), node.boost)
    if isinstance(node, Range):
        lo = node.lo if node.lo is not None else -(2**62)
        hi = node.hi if node.hi is not None else 2**62
        return Q.range_query(schema, node.field, tantivy.FieldType.Integer, lo, hi)
    if isinstance(node, Scoring):
        return compile_node(schema, node.node)
    if isinstance(node, ConstScore):
        return Q.const_score_query(compile_node(schema, node.node), node.score)
    if isinstance(node, MatchAll):
        return Q.all_query()
    if isinstance(node, MatchNone):
        return Q.empty_query()
    if isinstance(node, MoreLike):
        return Q.more_like_this_document_fields_query(
            schema, {node.field: node.text}, min_doc_frequency=1, min_term_frequency=2, max_query_terms=25
        )
    if isinstance(node, Bool):
        sub: list[tuple[tantivy.Occur, tantivy.Query]] = []
        sub += [(tantivy.Occur.Must, compile_node(schema, n)) for n in node.must]
        sub += [(tantivy.Occur.Must, Q.const_score_query(compile_node(schema, n), 0.0)) for n in node.filter]
        sub += [(tantivy.Occur.Should, compile_node(schema, n)) for n in node.should]
        sub += [(tantivy.Occur.MustNot, compile_node(schema, n)) for n in node.must_not]
        if not sub:
            return Q.all_query()
        if not node.must and not node.filter and not node.should:
            sub.insert(0, (tantivy.Occur.Must, Q.all_query()))
        q = Q.boolean_query(sub, node.min_should) if node.min_should else Q.boolean_query(sub)
        return _boost(q, node.boost)
    raise TypeError(f"unknown plan node {node!r}")
