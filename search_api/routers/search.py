"""Full-text search with filters and facets; access filtering happens inside the engine query."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from search_api.deps import Allowed, Backend, Cat, CurrentUser, Store
from search_api.errors import responses
from search_api.routers.common import (
    DOC_ID_PATTERN,
    MAX_PAGE,
    Filters,
    Q,
    check_depth,
    check_include_deleted,
)
from search_engine.models import MAX_PAGE_SIZE, SearchRequest, SearchResult
from services.documents import load_visible
from services.search import search as run_search

router = APIRouter(prefix="/api", tags=["search"])




def build_request(*, q: str, filters: Filters, allowed: list[str], page: int = 1, page_size: int = 10,
                  sort: str = "relevance", include_deleted: bool = False, doc_id: str | None = None,
                  more_like: str | None = None, facets: bool = True) -> SearchRequest:
    return SearchRequest(q=q, **filters.values, sort=sort, page=page, page_size=page_size, allowed_access=allowed,
                         include_deleted=include_deleted, doc_id=doc_id, more_like=more_like, facets=facets)


@router.get(
    "/search", response_model=SearchResult, summary="Tìm kiếm toàn văn",
    responses={**responses(400, 401, 403, 404, 422, 503), 200: {"content": {"application/json": {"example": {
        "total": 1, "page": 1, "page_size": 10, "query": "20-CT/TW", "took_ms": 3.2,
        "hits": [{"id": "a06d1cac938332d1", "title": "Kế hoạch sơ kết Chỉ thị 20-CT/TW", "doc_type": "Kế hoạch",
                  "symbol": "193-KH/QU", "issuer": "Quận ủy Long Biên", "date": "2023-11-03", "score": 7.1,
                  "snippets": [{"page": 1, "html": "thực hiện <mark>Chỉ thị</mark> số <mark>20-CT/TW</mark>"}],
                  "pages": [{"page": 1, "score": 7.1}], "access": "public"}],
        "facets": {"doc_type": [{"value": "Kế hoạch", "count": 1}], "issuer": [], "level": [], "place": [],
                   "year": [{"value": "2023", "count": 1}]}}}}}},
)
def search(
    backend: Backend,
    user: CurrentUser,
    allowed: Allowed,
    store: Store,
    catalog: Cat,
    q: Q = "",
    filters: Filters = Depends(),
    sort: Literal["relevance", "date_desc", "date_asc"] = "relevance",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 10,
    doc_id: Annotated[str | None, Query(pattern=DOC_ID_PATTERN, description="Tìm trong một tài liệu.")] = None,
    more_like: Annotated[str | None, Query(pattern=DOC_ID_PATTERN, description="Tài liệu tương tự tài liệu này.")] = None,
    include_deleted: Annotated[bool, Query(description="Gồm cả tài liệu đã xóa (biên tập viên).")] = False,
    facets: bool = True,
) -> SearchResult:
    check_depth(page, page_size)
    check_include_deleted(user, include_deleted)
    for ref in (doc_id, more_like):
        if ref is not None:
            load_visible(store, ref, user, catalog)  # 404 unless the caller may see it
    req = build_request(q=q, filters=filters, allowed=allowed, page=page, page_size=page_size, sort=sort,
                        include_deleted=include_deleted, doc_id=doc_id, more_like=more_like, facets=facets)
    return run_search(backend, req)
