"""Export a result set as CSV, JSON or a Vietnamese citation list.

The set is the same search the user would run (same query, filters, access levels), read page by
page up to ``limit`` documents; every exported row is re-checked against the catalogue.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from search_api.deps import Allowed, Backend, Cat
from search_api.errors import responses
from search_api.routers.common import Filters, Q
from search_api.routers.references import REFERENCE_CONTENT, base_url, reference_file
from search_api.routers.search import build_request
from search_engine import SearchBackend, SearchRequest
from services.catalog import Catalog, DocSummary
from services.search import export_results
from sulieu.citation_format import format_citation, format_citation_list
from sulieu.csv_export import write_csv

router = APIRouter(prefix="/api", tags=["export"])

MAX_EXPORT = 5000
CSV_COLUMNS = ("id", "citation", "doc_type", "symbol", "date", "issuer", "title", "subject", "place", "access",
               "pages", "original_name")


def collect(backend: SearchBackend, catalog: Catalog, allowed: list[str], q: str, filters: Filters, sort: str,
            limit: int) -> list[DocSummary]:
    def request_for(page: int, size: int) -> SearchRequest:
        return build_request(q=q, filters=filters, allowed=allowed, page=page, page_size=size, sort=sort, facets=False)

    return [doc for _, doc in export_results(backend, catalog, allowed, request_for, limit)]


def _row(d: DocSummary) -> dict[str, object]:
    md = d.metadata
    return {"id": d.id, "citation": format_citation(md), "doc_type": md.doc_type, "symbol": md.symbol,
            "date": md.date, "issuer": md.issuer, "title": md.title, "subject": md.subject, "place": md.place,
            "access": d.access, "pages": d.pages, "original_name": d.original_name}


@router.get(
    "/export", summary="Xuất kết quả tìm kiếm (CSV, JSON, danh mục trích dẫn)",
    responses={200: {"description": "Tệp xuất", "content": {
        "text/csv": {"example": "id,citation,...\r\na06d1cac938332d1,Kế hoạch số 193-KH/QU ...\r\n"},
        "application/json": {"example": {"count": 1, "data": [{"id": "a06d1cac938332d1"}]}},
        "text/plain": {"example": "1. Kế hoạch số 193-KH/QU ngày 03/11/2023 của Ban Thường vụ Quận ủy Long Biên.\n"},
        **REFERENCE_CONTENT}},
        **responses(400, 401, 422, 503)},
)
def export(
    request: Request, backend: Backend, catalog: Cat, allowed: Allowed,
    format: Annotated[Literal["csv", "json", "citations", "ris", "csl-json", "bibtex"],
                      Query(description="Định dạng (ris, csl-json, bibtex: cho Zotero, EndNote...).")] = "csv",
    q: Q = "",
    filters: Filters = Depends(),
    sort: Literal["relevance", "date_desc", "date_asc"] = "relevance",
    limit: Annotated[int, Query(ge=1, le=MAX_EXPORT)] = 1000,
    with_subject: Annotated[bool, Query(description="Thêm trích yếu vào danh mục trích dẫn.")] = False,
) -> Response:
    docs = collect(backend, catalog, allowed, q, filters, sort, limit)
    if format in ("ris", "csl-json", "bibtex"):
        return reference_file(format, docs, base_url(request), "sulieu-ket-qua")
    if format == "json":
        body = json.dumps({"count": len(docs), "data": [_row(d) for d in docs]}, ensure_ascii=False, default=str)
        return Response(body, media_type="application/json",
                        headers={"Content-Disposition": 'attachment; filename="sulieu-export.json"'})
    if format == "citations":
        text = format_citation_list([d.metadata for d in docs], with_subject=with_subject)
        return Response(text, media_type="text/plain; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="sulieu-trich-dan.txt"'})
    body = write_csv(CSV_COLUMNS, ([_row(d)[k] for k in CSV_COLUMNS] for d in docs))
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="sulieu-export.csv"'})
