"""Export the current search results: CSV (opens in Excel/LibreOffice) or a numbered citation list."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import PlainTextResponse, StreamingResponse

from search_api.deps import Backend, get_catalog
from services.catalog import Catalog
from services.search import export_results
from sulieu.citation_format import format_citation
from sulieu.csv_export import write_csv
from sulieu.errors import SulieuError
from ui import i18n
from ui.pages.common import UserDep, access_for
from ui.pages.search import parse_filters

router = APIRouter()

MAX_EXPORT = 5000  # documents per export, as in the API
BATCH = 100
CSV_COLUMNS = ("Mã tài liệu", "Loại văn bản", "Số, ký hiệu", "Cơ quan ban hành", "Cấp", "Ngày ban hành", "Trích yếu",
               "Tiêu đề", "Trang khớp", "Trích dẫn", "Đường dẫn")


def _results(backend: Any, catalog: Catalog, f: Any, allowed: list[str]) -> list[tuple[Any, Any]]:
    return export_results(backend, catalog, allowed,
                          lambda page, size: f.request(allowed, page=page, page_size=size, facets=False),
                          MAX_EXPORT, BATCH)


def _filters(q, doc_type, issuer, level, place, year, date_from, date_to, sort, province=()):
    errors: list[str] = []
    return parse_filters(q, doc_type, issuer, level, place, list(province), year, date_from, date_to, sort, "1",
                         errors)


Multi = Annotated[list[str], Query()]


@router.get("/export.csv")
def export_csv(request: Request, user: UserDep, backend: Backend,
               catalog: Annotated[Catalog, Depends(get_catalog)], q: str = "",
               doc_type: Multi = [], issuer: Multi = [], level: Multi = [], place: Multi = [], province: Multi = [],  # noqa: B006
               year: Multi = [], date_from: str | None = None, date_to: str | None = None,  # noqa: B006
               sort: str | None = None):
    f = _filters(q, doc_type, issuer, level, place, year, date_from, date_to, sort, province)
    allowed = access_for(user)
    base = str(request.base_url).rstrip("/")
    try:
        results = _results(backend, catalog, f, allowed)
    except SulieuError as e:
        return PlainTextResponse(e.message, status_code=e.http_status)
    rows: list[list[object]] = []
    for h, doc in results:
        md = doc.metadata
        pages = ",".join(str(p) for p in dict.fromkeys([s.page for s in h.snippets] + [p.page for p in h.pages]))
        rows.append([h.id, md.doc_type or "", md.symbol or "", md.issuer or "", i18n.level_label(md.level, md.system),
                    md.date or "", md.subject or "", md.title or "", pages, format_citation(md), f"{base}/doc/{h.id}"])
    data = write_csv(CSV_COLUMNS, rows).encode("utf-8")
    return StreamingResponse(iter([data]), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="sulieu-ket-qua.csv"'})


@router.get("/export/citations.txt")
def export_citations(request: Request, user: UserDep, backend: Backend,
                     catalog: Annotated[Catalog, Depends(get_catalog)], q: str = "",
                     doc_type: Multi = [], issuer: Multi = [], level: Multi = [], place: Multi = [], province: Multi = [],  # noqa: B006
                     year: Multi = [], date_from: str | None = None, date_to: str | None = None,  # noqa: B006
                     sort: str | None = None):
    f = _filters(q, doc_type, issuer, level, place, year, date_from, date_to, sort, province)
    allowed = access_for(user)
    try:
        results = _results(backend, catalog, f, allowed)
    except SulieuError as e:
        return PlainTextResponse(e.message, status_code=e.http_status)
    lines = [format_citation(doc.metadata, with_subject=True) for _, doc in results]
    body = "".join(f"{i}. {line}.\n" for i, line in enumerate(lines, 1))
    return PlainTextResponse(body, media_type="text/plain; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="sulieu-trich-dan.txt"'})
