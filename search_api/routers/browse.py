"""Facets for browsing: documents by issuer, year, type, level or place (counts respect access)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from search_api.deps import Allowed, Backend
from search_api.errors import responses
from search_api.routers.common import Filters, Q
from search_api.routers.search import build_request
from services.schemas import BrowsePublic, FacetValuePublic
from services.search import search as run_search

router = APIRouter(prefix="/api", tags=["browse"])


@router.get("/browse", response_model=BrowsePublic, summary="Duyệt theo cơ quan, năm, loại, cấp, địa danh",
            responses=responses(400, 401, 422, 503))
def browse(
    backend: Backend, allowed: Allowed,
    by: Annotated[Literal["issuer", "year", "doc_type", "level", "place"], Query(description="Duyệt theo.")] = "issuer",
    q: Q = "",
    filters: Filters = Depends(),
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> BrowsePublic:
    req = build_request(q=q, filters=filters, allowed=allowed, page=1, page_size=1, facets=True)
    result = run_search(backend, req)
    values = result.facets.get(by, [])
    if by == "year":
        values = sorted(values, key=lambda v: v.value, reverse=True)
    return BrowsePublic(by=by, total=result.total,
                        values=[FacetValuePublic(value=str(v.value), count=v.count) for v in values[:limit]])
