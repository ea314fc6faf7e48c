"""Archive records -> index documents. The index is derived: it can always be rebuilt from here."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from search_engine.models import IndexChapter, IndexDocument, IndexPage
from search_engine.protocol import SearchBackend
from sulieu.authority import AuthorityIndex, load_authority, plain_scope
from sulieu.chapters import chapters as book_chapters
from sulieu.chapters import period_years
from sulieu.citation_graph import CitationGraph, load_graph
from sulieu.dates import date_span
from sulieu.model import Correction, Record, effective_access, effective_metadata, effective_pages
from sulieu.near_duplicates import load_duplicates
from sulieu.store import ArchiveStore
from sulieu.symbols import symbol_key

log = logging.getLogger(__name__)

BATCH_DOCS = 1000  # documents per commit (sync) and per progress report (reindex)
CHECKPOINT_SECONDS = 60.0  # reindex commits this often: each commit makes segments to merge (27 s for
# 45,000 pages committed every 1,000 documents, 21 s in one commit); a crash loses at most this much


def _signer_display(signer: Any) -> str | None:
    if signer is None:
        return None
    head = " ".join(x for x in (signer.authority, signer.on_behalf_of) if x)
    parts = [p for p in (head, signer.position, signer.name) if p]
    return ", ".join(parts) or None


def _graph_targets(graph: Any, doc_id: str) -> list[str]:
    if graph is None:
        return []
    try:
        targets = graph.targets(doc_id)
    except (KeyError, AttributeError):
        return []
    return [t.target_id for t in targets if getattr(t, "target_id", None)]


def build_index_document(record: Record, corrections: list[Correction], graph: Any | None = None,
                         authority: AuthorityIndex | None = None, is_copy: bool = False) -> IndexDocument:
    """The index's view of a record: effective metadata (corrections win), pages, resolved citations, the
    issuer seen through its authority record (names over time, lineage)."""
    md = effective_metadata(record, corrections)
    access = effective_access(record, corrections)
    d_from, d_to = date_span(md.date)
    year = md.year
    key = md.symbol_key or (symbol_key(md.symbol) if md.symbol else None)
    if md.symbol and any(c.field == "symbol" for c in corrections):
        key = symbol_key(md.symbol)  # a corrected symbol must not keep the extracted key
    scope = authority.scope(md) if authority is not None else plain_scope(md)
    cites_keys: list[str] = []
    cites_ids: list[str] = []
    for c in record.citations:
        k = c.symbol_key or (symbol_key(c.symbol) if c.symbol else None)
        if k and k not in cites_keys:
            cites_keys.append(k)
        if c.target_id and c.target_id not in cites_ids:
            cites_ids.append(c.target_id)
    for t in _graph_targets(graph, record.id):
        if t not in cites_ids:
            cites_ids.append(t)
    title = md.title
    if not title:
        title = " ".join(x for x in (md.doc_type, md.symbol) if x) or record.provenance.original_name
    pages = [IndexPage(number=p.number, text=p.text, source=p.source, needs_review=p.needs_review)
             for p in effective_pages(record, corrections)]
    return IndexDocument(
        id=record.id,
        access=access,
        deleted=record.deleted_at is not None,
        title=title,
        subject=md.subject,
        doc_type=md.doc_type,
        doc_type_code=md.doc_type_code,
        number=md.number,
        symbol=md.symbol,
        symbol_key=key or None,
        issuer=md.issuer,
        issuer_parent=md.issuer_parent,
        issuer_path=list(scope.path),
        issuer_names=list(scope.names),
        issuer_lineage=list(scope.lineage),
        lineage_names=list(scope.lineage_names),
        is_copy=is_copy,
        level=md.level,
        place=md.place,
        province=md.province,
        date=md.date,
        year=year,
        date_from=d_from,
        date_to=d_to,
        signer=_signer_display(md.signer),
        cites_keys=cites_keys,
        cites_ids=cites_ids,
        needs_review=any(p.needs_review for p in record.pages),
        mime=record.provenance.mime,
        kind="book" if record.structure else "document",
        ingested_at=record.provenance.ingested_at.isoformat(),
        chapters=index_chapters(record, [p.number for p in pages], year),
        pages=pages,
    )


def index_chapters(record: Record, numbers: list[int], year: int | None) -> list[IndexChapter]:
    """The book's chapters with their page spans and the years they cover (an open period ends at the
    book's year of publication)."""
    out = []
    for c in book_chapters(record.structure, numbers):
        years = period_years(c.period, until=year)
        out.append(IndexChapter(label=c.label, level=c.level, first_page=c.first_page, last_page=c.last_page,
                                start=years[0] if years else None, end=years[-1] if years else None))
    return out


Progress = Callable[[dict[str, Any]], None]  # after each batch: documents_done, documents_total, pages, seconds


def reindex(store: ArchiveStore, backend: SearchBackend, graph: CitationGraph | None = None,
            progress: Progress | None = None, jobs: int = 1) -> dict[str, Any]:
    """Drop the index and rebuild it from every record in the archive; returns counts and timing.
    ``progress`` hears after every committed batch (a million pages take tens of minutes). With
    ``jobs`` > 1 records are read and analysed in that many worker processes (``parallel_build``)."""
    from search_engine.parallel_build import prepare, prepared_records

    t0 = time.perf_counter()
    if graph is None:
        graph = _load_graph(store)
    ids = list(store.iter_ids())
    if jobs > 1 and len(ids) > 1:
        items: Iterator[Any] = prepared_records(store.root, ids, graph, jobs)
    else:
        authority, copies = _load_authority(store), copy_ids(store)
        items = (prepare(store, i, graph, authority, copies) for i in ids)
    backend.clear()
    docs = pages = failed = done = 0
    last = time.perf_counter()
    with backend.bulk() as b:
        for doc_id, doc, views, error in items:
            done += 1
            if doc is None:
                log.warning("reindex: bỏ qua %s: %s", doc_id, error)
                failed += 1
            else:
                b.upsert(doc, views)
                docs += 1
                pages += len(doc.pages)
            if time.perf_counter() - last > CHECKPOINT_SECONDS:
                b.checkpoint()
                last = time.perf_counter()
            if progress is not None and (done % BATCH_DOCS == 0 or done == len(ids)):
                progress({"documents_done": done, "documents_total": len(ids), "pages": pages,
                          "seconds": time.perf_counter() - t0})
    return {"documents": docs, "pages": pages, "failed": failed, "seconds": round(time.perf_counter() - t0, 3)}


def sync(store: ArchiveStore, backend: SearchBackend, doc_ids: Iterable[str], graph: CitationGraph | None = None,
         authority: AuthorityIndex | None = None) -> dict[str, int]:
    """Bring the given documents in step with the archive: upsert those with a record, delete the rest."""
    if graph is None:
        graph = _load_graph(store)
    if authority is None:
        authority = _load_authority(store)
    copies = copy_ids(store)
    upserted = deleted = 0
    with backend.batch() as b:
        for doc_id in doc_ids:
            if store.has_record(doc_id):
                b.upsert(build_index_document(store.read_record(doc_id), store.read_corrections(doc_id), graph,
                                              authority, doc_id in copies))
                upserted += 1
            else:
                b.delete(doc_id)
                deleted += 1
    return {"upserted": upserted, "deleted": deleted}


def _load_graph(store: ArchiveStore) -> CitationGraph | None:
    try:
        return load_graph(store)
    except Exception as e:  # a broken graph file only costs cites_ids, never the index
        log.warning("không đọc được đồ thị trích dẫn: %s", e)
        return None


def _load_authority(store: ArchiveStore) -> AuthorityIndex | None:
    try:
        return AuthorityIndex(load_authority(store)) if store.authority_path.exists() else None
    except Exception as e:  # a broken authority file costs the names over time, never the index
        log.warning("không đọc được hồ sơ cơ quan ban hành: %s", e)
        return None


def copy_ids(store: ArchiveStore) -> frozenset[str]:
    """Documents marked as copies of another (``sulieu.near_duplicates``), left out of results by default."""
    try:
        return load_duplicates(store).copies()
    except Exception as e:  # noqa: BLE001 - a broken file shows every copy, it never hides a document
        log.warning("không đọc được danh sách bản trùng: %s", e)
        return frozenset()
