"""Metadata corrections: a layer of their own that re-extraction never overwrites."""

from __future__ import annotations

from fastapi import APIRouter

from search_api.deps import Cat, Context, Editor, Store
from search_api.errors import responses
from search_api.routers.documents import DocId
from services import documents
from services.documents import doc_detail, load_visible
from services.schemas import CorrectionIn, CorrectionPublic, CorrectionsPublic, DocDetail

router = APIRouter(prefix="/api/documents/{doc_id}/corrections", tags=["corrections"])


@router.get("", response_model=CorrectionsPublic, summary="Lịch sử hiệu chỉnh", responses=responses(401, 403, 404, 422))
def list_corrections(doc_id: DocId, store: Store, catalog: Cat, user: Editor) -> CorrectionsPublic:
    _, corrections, _ = load_visible(store, doc_id, user, catalog)
    data = [CorrectionPublic(**c.model_dump()) for c in sorted(corrections, key=lambda c: c.at, reverse=True)]
    return CorrectionsPublic(data=data, count=len(data))


@router.post("", response_model=DocDetail, summary="Hiệu chỉnh siêu dữ liệu (mức truy cập: quản trị viên)",
             responses=responses(400, 401, 403, 404, 422))
def add_corrections(doc_id: DocId, body: CorrectionIn, ctx: Context, user: Editor) -> DocDetail:
    return doc_detail(*documents.correct(ctx, doc_id, body.changes, user, body.note))
