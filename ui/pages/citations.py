"""Cited-but-missing documents: what the archive's documents cite that it does not hold yet."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from search_api.deps import Graph, get_catalog
from services.catalog import Catalog
from services.citations import missing_documents
from services.missing_list import csv_text, filtered
from services.schemas import MissingDocPublic
from sulieu.text import fold
from ui import i18n
from ui.pages.common import UserDep, access_for
from ui.web import qs, render

router = APIRouter()

PAGE_SIZE = 50


def anchor(key: str) -> str:
    """The id of a missing-list entry on the page, from its key ("KH|328|tu||hai phong" → "m-kh-328-tu-hai-phong")."""
    return "m-" + (re.sub(r"[^a-z0-9]+", "-", fold(key)).strip("-") or "x")


def missing_rows(entries: list[MissingDocPublic]) -> list[dict[str, Any]]:
    """Rows of the missing list, most cited first."""
    rows = []
    for m in entries:
        rows.append({
            "anchor": anchor(m.key), "count": m.count, "doc_type": m.doc_type, "symbol": m.symbol, "number": m.number,
            "date": m.date, "issuer": m.issuer, "example": m.text, "identified": m.identified,
            "system": i18n.label(i18n.SYSTEMS, m.system), "level": i18n.level_label(m.level, m.system),
            "province": m.province,
            "citers": [{"href": f"/doc/{r.id}", "title": r.citation} for r in m.cited_by[:5]],
            "more_citers": max(0, len(m.cited_by) - 5),
            "passages": [{"href": f"/doc/{p.source.id}" + (f"?p={p.page}" if p.page else ""), "text": p.text,
                          "title": p.source.citation, "page": p.page} for p in m.passages],
        })
    return rows


def _entries(request: Request, user: Any, catalog: Catalog, graph: Any) -> tuple[list[MissingDocPublic], dict]:
    q = request.query_params
    chosen: dict[str, Any] = {"tinh": q.get("tinh") or "", "cap": q.get("cap") or "", "he": q.get("he") or ""}
    every = missing_documents(catalog, graph, access_for(user))
    shown = filtered(every, province=chosen["tinh"] or None, level=chosen["cap"] or None,
                     system=chosen["he"] or None)
    chosen["provinces"] = sorted({m.province for m in every if m.province})
    return shown, chosen


@router.get("/missing", response_class=HTMLResponse)
def missing_page(request: Request, user: UserDep, catalog: Annotated[Catalog, Depends(get_catalog)],
                 graph: Graph, page: str | None = None) -> HTMLResponse:
    entries, chosen = _entries(request, user, catalog, graph)
    rows = missing_rows(entries)
    try:
        page_no = max(1, int(page or 1))
    except ValueError:
        page_no = 1
    wanted = request.query_params.get("key")
    at = next((i for i, r in enumerate(rows) if wanted and r["anchor"] == anchor(wanted)), None)
    if at is not None:  # a look-up's link opens the page holding its entry
        page_no = at // PAGE_SIZE + 1
    pages = max(1, (len(rows) + PAGE_SIZE - 1) // PAGE_SIZE)
    page_no = min(page_no, pages)
    shown = rows[(page_no - 1) * PAGE_SIZE: page_no * PAGE_SIZE]
    filters = {k: chosen[k] for k in ("tinh", "cap", "he") if chosen[k]}
    return render(request, "missing.html", {
        "rows": [r for r in shown if r["identified"]], "unidentified": [r for r in shown if not r["identified"]],
        "total": len(rows), "page": page_no, "pages": pages,
        "start": (page_no - 1) * PAGE_SIZE + 1, "graph_ready": graph is not None, "chosen": chosen,
        "levels": i18n.LEVELS, "systems": i18n.SYSTEMS, "filter_qs": qs(filters),
    }, user=user, active="missing", title="Văn bản được dẫn chiếu nhưng chưa có trong kho")


@router.get("/missing.csv")
def missing_csv(request: Request, user: UserDep, catalog: Annotated[Catalog, Depends(get_catalog)],
                graph: Graph) -> Response:
    entries, _ = _entries(request, user, catalog, graph)
    data = csv_text(entries, str(request.base_url).rstrip("/")).encode("utf-8")
    return Response(data, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="sulieu-van-ban-con-thieu.csv"'})
