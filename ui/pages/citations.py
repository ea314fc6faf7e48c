"""Cited-but-missing documents: what the archive's documents cite that it does not hold yet."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from search_api.deps import Graph, get_catalog
from services.catalog import Catalog
from services.citations import missing_documents
from ui.pages.common import UserDep, access_for
from ui.web import qs, render

router = APIRouter()

PAGE_SIZE = 50


def missing_rows(graph: Any, catalog: Catalog, allowed: list[str]) -> list[dict[str, Any]]:
    """Cited-but-missing documents as this user sees the archive, most cited first."""
    rows = []
    for m in missing_documents(catalog, graph, allowed):
        rows.append({
            "count": m.count, "doc_type": m.doc_type, "symbol": m.symbol, "number": m.number, "date": m.date,
            "issuer": m.issuer, "example": m.text,
            "citers": [{"href": f"/doc/{r.id}", "title": r.citation} for r in m.cited_by[:5]],
            "more_citers": max(0, len(m.cited_by) - 5),
            "cited_href": "/?" + qs({"q": f"trich_dan:{m.symbol}"}) if m.symbol else None,
        })
    return rows


@router.get("/missing", response_class=HTMLResponse)
def missing_page(request: Request, user: UserDep, catalog: Annotated[Catalog, Depends(get_catalog)],
                 graph: Graph, page: str | None = None) -> HTMLResponse:
    rows = missing_rows(graph, catalog, access_for(user))
    try:
        page_no = max(1, int(page or 1))
    except ValueError:
        page_no = 1
    pages = max(1, (len(rows) + PAGE_SIZE - 1) // PAGE_SIZE)
    page_no = min(page_no, pages)
    shown = rows[(page_no - 1) * PAGE_SIZE: page_no * PAGE_SIZE]
    return render(request, "missing.html", {
        "rows": shown, "total": len(rows), "page": page_no, "pages": pages,
        "start": (page_no - 1) * PAGE_SIZE + 1, "graph_ready": graph is not None,
    }, user=user, active="missing", title="Văn bản được dẫn chiếu nhưng chưa có trong kho")
