"""Document records, originals, look-up by symbol, soft delete and restore."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import FileResponse

from search_api.deps import Allowed, Cat, Context, CurrentUser, Editor, Store
from search_api.errors import responses
from search_api.routers.common import DOC_ID_PATTERN, check_include_deleted
from services import documents
from services.catalog import visible
from services.documents import doc_detail, doc_public, load_visible, summary_public
from services.schemas import DocDetail, DocPublic, DocsPublic
from sulieu.disposition import content_disposition
from sulieu.errors import InputError, NotFound
from sulieu.symbols import symbol_key

router = APIRouter(prefix="/api", tags=["documents"])

DocId = Annotated[str, Path(max_length=64, description="Mã tài liệu (16 chữ số hex).", examples=["a06d1cac938332d1"])]


@router.get("/documents", response_model=DocsPublic, summary="Danh sách tài liệu", responses=responses(401, 403, 422))
def list_documents(
    catalog: Cat, user: CurrentUser, allowed: Allowed,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=200)] = 50,
    include_deleted: bool = False,
    deleted_only: Annotated[bool, Query(description="Chỉ tài liệu đã xóa (thùng rác; biên tập viên).")] = False,
) -> DocsPublic:
    check_include_deleted(user, include_deleted or deleted_only)
    docs = [d for d in catalog.all() if visible(d, allowed, include_deleted=include_deleted or deleted_only)]
    if deleted_only:
        docs = [d for d in docs if d.deleted]
    docs.sort(key=lambda d: (d.metadata.date or "", d.id), reverse=True)
    start = (page - 1) * page_size
    return DocsPublic(data=[summary_public(d) for d in docs[start:start + page_size]], count=len(docs))


@router.get("/documents/{doc_id}", response_model=DocDetail, summary="Hồ sơ một tài liệu",
            responses=responses(401, 404, 422))
def get_document(doc_id: DocId, store: Store, catalog: Cat, user: CurrentUser) -> DocDetail:
    record, corrections, access = load_visible(store, doc_id, user, catalog)
    return doc_detail(record, corrections, access)


@router.get("/documents/{doc_id}/original", summary="Tệp gốc", response_class=FileResponse,
            responses={200: {"description": "Tệp gốc, đúng như khi nhập", "content": {"application/octet-stream": {}}},
                       **responses(401, 404, 422)})
def get_original(doc_id: DocId, store: Store, catalog: Cat, user: CurrentUser) -> FileResponse:
    record, _, _ = load_visible(store, doc_id, user, catalog)
    path = store.original_path(record.provenance.sha256)
    if not path.exists():
        raise NotFound("Không tìm thấy tệp gốc của tài liệu trong kho.")
    return FileResponse(path, media_type=record.provenance.mime or "application/octet-stream", headers={
        "Content-Disposition": content_disposition(record.provenance.original_name),
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=3600",
        # an uploaded HTML original must never run as a page of our origin
        "Content-Security-Policy": "sandbox; default-src 'none'"})


@router.get("/lookup", response_model=DocsPublic, summary="Tra cứu theo số, ký hiệu",
            responses=responses(401, 422))
def lookup(
    catalog: Cat, allowed: Allowed,
    symbol: Annotated[str, Query(min_length=1, max_length=200, description="Số, ký hiệu, viết kiểu nào cũng được.",
                                 examples=["193-KH/QU"])],
    year: Annotated[int | None, Query(ge=1, le=9999)] = None,
    issuer: Annotated[str | None, Query(max_length=300)] = None,
) -> DocsPublic:
    key = symbol_key(symbol)
    if not key:
        raise InputError("Số, ký hiệu không có chữ hoặc số nào để tra cứu.")
    docs = [d for d in catalog.by_symbol(key) if visible(d, allowed)]
    if year is not None:
        docs = [d for d in docs if d.metadata.year == year]
    if issuer:
        from sulieu.text import fold

        want = fold(issuer)
        docs = [d for d in docs if want in fold(" ".join(filter(None, [d.metadata.issuer, d.metadata.issuer_parent])))]
    docs.sort(key=lambda d: d.metadata.date or "", reverse=True)
    return DocsPublic(data=[summary_public(d) for d in docs], count=len(docs))


@router.delete("/documents/{doc_id}", response_model=DocPublic, summary="Xóa (mềm, khôi phục được)",
               responses=responses(401, 403, 404, 422))
def delete_document(doc_id: DocId, ctx: Context, user: Editor) -> DocPublic:
    return doc_public(*documents.delete(ctx, doc_id, user))


@router.post("/documents/{doc_id}/restore", response_model=DocPublic, summary="Khôi phục tài liệu đã xóa",
             responses=responses(401, 403, 404, 422))
def restore_document(doc_id: DocId, ctx: Context, user: Editor) -> DocPublic:
    return doc_public(*documents.restore(ctx, doc_id, user))


__all__ = ["router", "DocId", "DOC_ID_PATTERN"]
