"""Page text, page image, thumbnail and word boxes of query hits on a page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse

from search_api.deps import Cat, CurrentUser, Store
from search_api.errors import responses
from search_api.routers.documents import DocId
from search_api.state import app_state
from services.documents import load_visible
from services.page_images import get_page, hit_boxes, page_image, page_thumbnail, page_words
from services.schemas import PagePublic, WordBoxesPublic

router = APIRouter(prefix="/api/documents/{doc_id}/pages", tags=["pages"])

PageNo = Annotated[int, Path(ge=1, le=100_000, description="Số thứ tự trang (từ 1).", examples=[1])]
_IMAGE_RESPONSES = {200: {"description": "Ảnh trang", "content": {"image/png": {}, "image/jpeg": {}}},
                    **responses(401, 404, 422)}


@router.get("/{number}", response_model=PagePublic, summary="Chữ của một trang", responses=responses(401, 404, 422))
def get_page_text(doc_id: DocId, number: PageNo, store: Store, catalog: Cat, user: CurrentUser) -> PagePublic:
    record, _, _ = load_visible(store, doc_id, user, catalog)
    p = get_page(record, number)
    return PagePublic(doc_id=record.id, number=p.number, page_count=len(record.pages), text=p.text, source=p.source,
                      printed_number=p.printed_number, width=p.width, height=p.height, confidence=p.confidence,
                      needs_review=p.needs_review, has_image=bool(p.image) or record.provenance.mime == "application/pdf",
                      note=p.note)


def _image_response(path, media_type: str) -> FileResponse:
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "private, max-age=86400",
                                                              "X-Content-Type-Options": "nosniff"})


@router.get("/{number}/image", summary="Ảnh trang", response_class=FileResponse, responses=_IMAGE_RESPONSES)
def get_page_image(doc_id: DocId, number: PageNo, request: Request, store: Store, catalog: Cat, user: CurrentUser) -> FileResponse:
    record, _, _ = load_visible(store, doc_id, user, catalog)
    f = page_image(store, record, number, max_pixels=app_state(request).settings.max_image_pixels)
    return _image_response(f.path, f.media_type)


@router.get("/{number}/thumbnail", summary="Ảnh thu nhỏ của trang", response_class=FileResponse,
            responses=_IMAGE_RESPONSES)
def get_page_thumbnail(doc_id: DocId, number: PageNo, request: Request, store: Store, catalog: Cat,
                       user: CurrentUser) -> FileResponse:
    record, _, _ = load_visible(store, doc_id, user, catalog)
    f = page_thumbnail(store, record, number, max_pixels=app_state(request).settings.max_image_pixels)
    return _image_response(f.path, f.media_type)


@router.get("/{number}/words", response_model=WordBoxesPublic, summary="Vị trí các từ khớp truy vấn trên trang",
            responses=responses(400, 401, 404, 422))
def get_page_words(
    doc_id: DocId, number: PageNo, store: Store, catalog: Cat, user: CurrentUser,
    q: Annotated[str, Query(max_length=4000, description="Truy vấn cần đánh dấu.", examples=["chỉ thị"])] = "",
    all_words: Annotated[bool, Query(description="Trả về cả mọi từ của trang.")] = False,
) -> WordBoxesPublic:
    record, _, _ = load_visible(store, doc_id, user, catalog)
    width, height, words = page_words(store, record, number)
    terms, hits = hit_boxes(words, q) if q.strip() else ([], [])
    return WordBoxesPublic(doc_id=record.id, page=number, width=width, height=height, terms=terms, hits=hits,
                           words=words if all_words else None)
