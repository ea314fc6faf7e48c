"""Reading one document on behalf of a user, and keeping derived state fresh after a write.

A document the caller may not see is answered exactly like a document that does not exist
(404, same message), so ids cannot be probed. Deleted documents are visible to editors and
admins only (so they can restore them).
"""

from __future__ import annotations

import logging
from typing import Any

from search_api.auth import User, allowed_access, role_at_least
from search_api.catalog import DocSummary
from search_api.citation_format import format_citation
from search_api.schemas import DocDetail, DocPublic, DocRef, PageSummary, ProvenancePublic
from sulieu.errors import NotFound
from sulieu.model import Correction, DocumentMetadata, Record, effective_access, effective_metadata
from sulieu.store import ArchiveStore, valid_id

log = logging.getLogger("sulieu.api")


def not_found(doc_id: str) -> NotFound:
    shown = doc_id if len(doc_id) <= 64 else doc_id[:64] + "…"
    return NotFound(f"Không có tài liệu {shown!r} (hoặc bạn không có quyền xem).")


def load_visible(store: ArchiveStore, doc_id: str, user: User | None) -> tuple[Record, list[Correction], str]:
    if not valid_id(doc_id) or not store.has_record(doc_id):
        raise not_found(doc_id)
    record = store.read_record(doc_id)
    corrections = store.read_corrections(doc_id)
    access = effective_access(record, corrections)
    if access not in allowed_access(user):
        raise not_found(doc_id)
    if record.deleted_at is not None and not role_at_least(user, "editor"):
        raise not_found(doc_id)
    return record, corrections, access


def doc_ref(doc: DocSummary) -> DocRef:
    md = doc.metadata
    return DocRef(id=doc.id, title=md.title, doc_type=md.doc_type, symbol=md.symbol, date=md.date,
                  issuer=md.issuer, citation=format_citation(md))


def _public_fields(record: Record, md: DocumentMetadata, access: str, corrections: list[Correction]) -> dict[str, Any]:
    return dict(
        id=record.id, access=access, deleted_at=record.deleted_at, title=md.title, doc_type=md.doc_type,
        symbol=md.symbol, date=md.date, year=md.year, issuer=md.issuer, subject=md.subject,
        citation=format_citation(md), page_count=len(record.pages), original_name=record.provenance.original_name,
        mime=record.provenance.mime, size=record.provenance.size,
        corrected_fields=sorted({c.field for c in corrections}),
    )


def doc_public(record: Record, corrections: list[Correction], access: str) -> DocPublic:
    return DocPublic(**_public_fields(record, effective_metadata(record, corrections), access, corrections))


def summary_public(doc: DocSummary) -> DocPublic:
    md = doc.metadata
    return DocPublic(
        id=doc.id, access=doc.access, deleted_at=doc.deleted_at, title=md.title, doc_type=md.doc_type,
        symbol=md.symbol, date=md.date, year=md.year, issuer=md.issuer, subject=md.subject,
        citation=format_citation(md), page_count=doc.pages, original_name=doc.original_name, mime=doc.mime,
        size=doc.size, corrected_fields=list(doc.corrected_fields),
    )


def page_summary(record: Record) -> list[PageSummary]:
    pdf = record.provenance.mime == "application/pdf"
    return [
        PageSummary(number=p.number, source=p.source, printed_number=p.printed_number, width=p.width,
                    height=p.height, confidence=p.confidence, needs_review=p.needs_review,
                    has_image=bool(p.image) or pdf, note=p.note)
        for p in record.pages
    ]


def doc_detail(record: Record, corrections: list[Correction], access: str) -> DocDetail:
    md = effective_metadata(record, corrections)
    prov = record.provenance
    return DocDetail(
        **_public_fields(record, md, access, corrections),
        metadata=md, pages=page_summary(record), structure=record.structure,
        provenance=ProvenancePublic(original_name=prov.original_name, mime=prov.mime, size=prov.size,
                                    sha256=prov.sha256, ingested_at=prov.ingested_at, ingested_by=prov.ingested_by,
                                    software_version=prov.software_version),
        extraction_version=record.extraction_version, updated_at=record.updated_at,
    )


def after_change(state: Any, changed_ids: list[str]) -> None:
    """Rebuild the citation graph and re-sync the index (``search_api.refresh``), then drop caches."""
    from search_api.deps import open_app_backend
    from search_api.refresh import refresh_after_change

    state.catalog.invalidate()
    backend = open_app_backend(state)
    refresh_after_change(state.settings, state.store, backend, changed_ids)
    state.catalog.invalidate()
    state.graph_cache = None


def write_then_refresh(state: Any, changed_ids: list[str], do: Any, undo: Any) -> Any:
    """Run a write, then refresh derived state; if the refresh fails, undo the write (no half-done change).
    The whole step holds the archive's writer lock, so a CLI ingest cannot interleave with it."""
    with state.store.writer_lock():
        result = do()
        try:
            after_change(state, changed_ids)
        except Exception:
            undo()
            try:
                after_change(state, changed_ids)
            except Exception:  # noqa: BLE001 - the original error is the one to report
                log.exception("refresh after undo failed")
            raise
        return result
