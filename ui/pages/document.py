"""The document page: metadata (corrections marked), text and scan page by page with hits marked,
search inside the document, table of contents of books, and both directions of citations."""

from __future__ import annotations

import html
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from search_api.deps import Backend, Graph, get_catalog, get_store
from search_engine.highlight import match_spans, query_terms_to_mark
from search_engine.models import SearchRequest
from search_engine.query import TextTerm
from services.authority import document_body
from services.catalog import Catalog, visible
from services.citations import citations_for
from services.iiif_manifest import IiifUrls
from services.page_images import has_page_images, hit_boxes, page_words
from services.search import search
from sulieu.chapters import holds, trail
from sulieu.citation_format import format_citation
from sulieu.errors import NotFound, QuerySyntaxError, SulieuError
from sulieu.model import Record, effective_pages
from sulieu.store import ArchiveStore
from ui import i18n
from ui.pages.common import UserDep, access_for, error_page, is_editor, safe_snippet
from ui.pages.duplicates import duplicate_views
from ui.web import qs, render

router = APIRouter()

META_ORDER = ("doc_type", "symbol", "issuer", "issuer_parent", "level", "province", "place", "date", "subject",
              "title", "marks", "recipients", "signer", "distribution", "period", "places", "people")


def page_image_url(doc_id: str, number: int) -> str:
    return f"/api/documents/{doc_id}/pages/{number}/image"


def original_url(doc_id: str) -> str:
    return f"/api/documents/{doc_id}/original"


def iiif_manifest_url(request: Request, doc: Any) -> str | None:
    """The document's IIIF manifest (absolute, as a viewer elsewhere needs it), when it has one: page
    images, and not deleted (IIIF answers 404 for a deleted document)."""
    if doc.deleted or not has_page_images(doc.mime):
        return None
    return IiifUrls(str(request.base_url).rstrip("/")).manifest(doc.id)


def _display(field: str, value: Any, system: str | None = None) -> str | None:
    if value in (None, "", [], {}):
        return None
    if field == "level":
        return i18n.level_label(value, system)
    if field == "system":
        return i18n.label(i18n.SYSTEMS, value)
    if field == "date":
        from ui.dates import format_date_vi

        return format_date_vi(value)
    if field == "signer" and isinstance(value, dict):
        bits = [value.get("authority"), value.get("on_behalf_of"), value.get("position"), value.get("name")]
        return " · ".join(b for b in bits if b) or None
    if field == "period" and isinstance(value, dict):
        start, end = value.get("start"), value.get("end")
        return f"{start}–{end}" if end else str(start)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def metadata_rows(md: Any, corrected: tuple[str, ...], access: str) -> list[dict[str, Any]]:
    data = md.model_dump()
    rows = []
    for field in META_ORDER:
        shown = _display(field, data.get(field), data.get("system"))
        if shown:
            rows.append({"field": field, "label": i18n.FIELDS.get(field, field), "value": shown,
                         "corrected": field in corrected})
    rows.append({"field": "access", "label": i18n.FIELDS["access"], "value": i18n.label(i18n.ACCESS, access),
                 "corrected": "access" in corrected})
    return rows


def highlight_text(text: str, terms: list[TextTerm]) -> tuple[str, int]:
    """Escaped page text with what the query matched wrapped in <mark> (``search_engine.highlight``);
    also the number marked."""
    if not terms:
        return html.escape(text), 0
    out: list[str] = []
    pos = 0
    n = 0
    for start, end, _ in match_spans(text, terms):
        if start < pos:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark id="hit-{n}">{html.escape(text[start:end])}</mark>')
        n += 1
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out), n


def hit_box_views(store: ArchiveStore, record: Record, number: int, q: str) -> list[dict[str, float | str]]:
    """Hits on the page image as percentages of its size (drawn by CSS; no script needed)."""
    try:
        width, height, words = page_words(store, record, number)
        _, hits = hit_boxes(words, q)
    except SulieuError:
        return []
    if not width or not height:
        return []
    return [{"left": round(100 * w.x0 / width, 3), "top": round(100 * w.y0 / height, 3),
             "width": round(100 * (w.x1 - w.x0) / width, 3),
             "height": round(100 * (w.y1 - w.y0) / height, 3), "text": w.text} for w in hits]


SEARCH_KEYS = frozenset({"q", "doc_type", "issuer", "level", "place", "province", "year", "date_from", "date_to",
                         "sort", "page"})


def search_context(tu: str | None) -> str:
    """The search a reader came from (``?tu=`` on links from the results), kept to the search page's
    own parameters, so "back to the results" and links to cited documents keep the query and filters."""
    from urllib.parse import parse_qsl

    pairs = [(k, v) for k, v in parse_qsl((tu or "")[:2000]) if k in SEARCH_KEYS and v]
    return qs(pairs)


def citation_views(doc: Any, catalog: Catalog, graph: Any, allowed: list[str],
                   back: str = "") -> tuple[list[dict], list[dict]]:
    """Both directions, seen through the user's access (``services.citations``): targets the user may
    not see count as not in the archive, citing documents the user may not see are left out. Links to
    other documents keep the search context (``back``); a cited document missing from the archive
    links to the look-up answer for its symbol (who cites it, its entry in the missing list)."""
    view = citations_for(doc, catalog, graph, allowed)
    ctx = "?" + qs({"tu": back}) if back else ""
    cites = []
    seen: set[tuple[str | None, str]] = set()
    for c in view.cites:
        key = (c.target.id if c.target else c.symbol, c.text)
        if key in seen:
            continue
        seen.add(key)
        cites.append({
            "text": c.text.strip(), "relation": i18n.label(i18n.RELATIONS, c.relation), "page": c.page,
            "href": f"/doc/{c.target.id}{ctx}" if c.target else None,
            "target_title": c.target.citation if c.target else None,
            "missing": c.target is None,
            "search_href": "/?" + qs({"q": f"so:{c.symbol}"}) if c.symbol else None,
        })
    cited_by = []
    seen_ids: set[str] = set()
    for cb in view.cited_by:
        if cb.source.id in seen_ids:
            continue
        seen_ids.add(cb.source.id)
        cited_by.append({"href": f"/doc/{cb.source.id}{ctx}", "title": cb.source.citation,
                         "relation": i18n.label(i18n.RELATIONS, cb.relation), "text": cb.text, "page": cb.page})
    return cites, cited_by


def inside_search(backend: Any, doc_id: str, q: str, allowed: list[str]) -> tuple[list[dict[str, Any]], int | None,
                                                                                str | None]:
    """Pages of this document matching ``q`` (in page order, with snippets), the best-scoring page,
    or a query error message."""
    try:
        res = search(backend, SearchRequest(q=q, doc_id=doc_id, allowed_access=allowed, page_size=100, facets=False))
    except QuerySyntaxError as e:
        return [], None, e.message
    # scores are hidden from some callers; their pages then come best first, and max keeps the first of ties
    best = max((ph for hit in res.hits for ph in hit.pages), key=lambda ph: ph.score or 0.0, default=None)
    pages: dict[int, dict[str, Any]] = {}
    for hit in res.hits:
        for s in hit.snippets:
            pages.setdefault(s.page, {"page": s.page, "snippets": []})["snippets"].append(safe_snippet(s.html))
        for ph in hit.pages:
            pages.setdefault(ph.page, {"page": ph.page, "snippets": []})
    return [pages[k] for k in sorted(pages)], (best.page if best else None), None


def _terms(q: str) -> list[TextTerm]:
    try:
        return query_terms_to_mark(q)
    except SulieuError:
        return []


def body_view(store: ArchiveStore, md: Any) -> dict[str, Any] | None:
    """The issuer as named when the document was issued, its authority record, and what it is now."""
    body = document_body(store, md)
    if body is None or body.record is None:
        return None
    rec = body.record
    ended = f"chấm dứt {'/'.join(reversed(rec.end.split('-')))}" if rec.end else None
    return {"named_then": body.named_then, "name": rec.name, "href": f"/co-quan/{rec.id}", "ended": ended,
            "changed": body.changed,
            "now": [{"name": r.name, "href": f"/co-quan/{r.id}"} for r in body.now if r.id != rec.id]}


def _period_text(p: Any) -> str | None:
    if p is None:
        return None
    return f"{p.start}–{p.end}" if p.end is not None else f"{p.start}–nay"


def toc(record: Record, current: int | None = None) -> list[dict[str, Any]]:
    """The book's headings as a tree (a heading's children are the deeper ones after it), each with its
    period, printed page and first page; ``here`` marks the headings covering the current page."""
    numbers = [p.number for p in record.pages]
    covering = trail(record.structure, numbers, current) if current is not None else []
    here = {id(h) for h in covering}
    innermost = id(covering[-1]) if covering else None
    roots: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for h in record.structure:
        node = {"level": h.level, "kind": h.kind, "title": h.title, "page": h.page, "printed": h.printed_page,
                "period": _period_text(h.period) if h.period and str(h.period.start) not in h.title else None,
                "here": id(h) in here, "current": id(h) == innermost, "children": []}
        while stack and not holds(stack[-1]["heading"], h):
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(node)
        stack.append({**node, "heading": h, "children": node["children"]})
    return roots


def page_chapter(record: Record, current: int) -> list[dict[str, Any]]:
    """The chapter (and section) the current page belongs to, outermost first, each with its first page."""
    return [{"title": h.title, "page": h.page, "kind": h.kind,
             "period": _period_text(h.period) if h.period and str(h.period.start) not in h.title else None}
            for h in trail(record.structure, [p.number for p in record.pages], current)]


@router.get("/doc/{doc_id}", response_class=HTMLResponse)
def document_page(
    request: Request,
    doc_id: str,
    user: UserDep,
    store: Annotated[ArchiveStore, Depends(get_store)],
    catalog: Annotated[Catalog, Depends(get_catalog)],
    backend: Backend,
    graph: Graph,
    q: str = "",
    p: str | None = None,
    saved: str | None = None,
    tu: str | None = None,
) -> HTMLResponse:
    allowed = access_for(user)
    summary = catalog.get(doc_id) if len(doc_id) <= 64 else None
    if not visible(summary, allowed, include_deleted=is_editor(user)):
        return error_page(request, user, NotFound(f"Không có tài liệu {doc_id}, hoặc bạn không có quyền xem."))
    try:
        record = store.read_record(doc_id)
        # Page text as corrected by a reviewer, shown as searched.
        record = record.model_copy(update={"pages": effective_pages(record, store.read_corrections(doc_id))})
    except SulieuError as e:
        return error_page(request, user, e)
    q = q.strip()
    hits, best_page, q_error = inside_search(backend, doc_id, q, allowed) if q else ([], None, None)
    hit_pages = [h["page"] for h in hits]
    numbers = [pg.number for pg in record.pages]
    try:
        current = int(p) if p else (best_page or (numbers[0] if numbers else 1))
    except ValueError:
        current = numbers[0] if numbers else 1
    if numbers and current not in numbers:
        current = min(numbers, key=lambda n: abs(n - current))
    page = next((pg for pg in record.pages if pg.number == current), None)
    terms = _terms(q) if q else []
    text_html, marked = highlight_text(page.text, terms) if page else ("", 0)
    has_image = bool(page and (page.image or record.provenance.mime == "application/pdf"))
    boxes = hit_box_views(store, record, current, q) if (page and has_image and terms) else []
    idx = numbers.index(current) if current in numbers else 0
    back = search_context(tu)
    base = {"q": q or None, "tu": back or None}
    nav = {
        "prev": f"/doc/{doc_id}?" + qs(base, p=numbers[idx - 1]) + "#trang" if idx > 0 else None,
        "next": f"/doc/{doc_id}?" + qs(base, p=numbers[idx + 1]) + "#trang" if idx + 1 < len(numbers) else None,
    }
    if hit_pages:
        later = [n for n in hit_pages if n > current]
        earlier = [n for n in hit_pages if n < current]
        nav["next_hit"] = f"/doc/{doc_id}?" + qs(base, p=later[0]) + "#trang" if later else None
        nav["prev_hit"] = f"/doc/{doc_id}?" + qs(base, p=earlier[-1]) + "#trang" if earlier else None
    md = summary.metadata
    cites, cited_by = citation_views(summary, catalog, graph, allowed, back)
    ctx: dict[str, Any] = {
        "doc": summary, "record": record, "md": md,
        "title_text": md.title or md.subject or summary.original_name,
        "rows": metadata_rows(md, summary.corrected_fields, summary.access),
        "citation": format_citation(md),
        "page": page, "current": current, "numbers": numbers, "page_count": len(numbers),
        "text_html": text_html, "marked": marked, "boxes": boxes, "has_image": has_image,
        "image_url": page_image_url(doc_id, current) if has_image else None,
        "original_url": original_url(doc_id),
        "iiif_manifest": iiif_manifest_url(request, summary),
        "q": q, "q_error": q_error, "hits": hits, "nav": nav, "back": back, "tu": back or None,
        "toc": toc(record, current),
        "page_chapter": page_chapter(record, current),
        "cites": cites, "cited_by": cited_by,
        "review_pages": [pg.number for pg in record.pages if pg.needs_review],
        "can_edit": is_editor(user),
        "saved": saved,
        "body": body_view(store, md),
        "duplicates": duplicate_views(store, catalog, doc_id, allowed),
    }
    return render(request, "document.html", ctx, user=user, title=ctx["title_text"])
