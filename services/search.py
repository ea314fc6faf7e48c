"""Searching and exporting results: the API, the web UI and the CLI all page through here.

Every exported document is checked again against the catalogue (``visible``), so an export can never
contain what the caller may not see even if the index lags behind a change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from search_engine import SearchBackend
from search_engine.models import MAX_PAGE_SIZE, Hit, SearchRequest, SearchResult
from search_engine.service import search as _engine_search
from services.catalog import Catalog, DocSummary, visible
from sulieu.model import ACCESS_LEVELS

MAX_EXPORT = 5000

RequestFor = Callable[[int, int], SearchRequest]  # (page, page_size) -> the caller's search, one page


def search(backend: SearchBackend, req: SearchRequest) -> SearchResult:
    """One page of results (query language parsed, access filtered inside the engine).

    Engine scores use term statistics over the whole index, hidden documents included: a visible hit's
    score dropped from 4.08 to 2.66 when restricted documents held the same word. So a caller who may not
    see every access level gets no scores at all (``None``; pages keep their best-first order); the order
    of hits is still the engine's."""
    result = _engine_search(backend, req)
    if not set(ACCESS_LEVELS) <= set(req.allowed_access):
        hide_scores(result)
    return result


def hide_scores(result: SearchResult) -> None:
    for hit in result.hits:
        hit.pages.sort(key=lambda p: -(p.score or 0.0))
        hit.score = None
        for page in hit.pages:
            page.score = None


def iter_hits(backend: SearchBackend, request_for: RequestFor, limit: int = MAX_EXPORT,
              page_size: int = MAX_PAGE_SIZE) -> Iterator[Hit]:
    """Every hit of a search, page by page, up to ``limit``."""
    page, seen = 1, 0
    while seen < limit:
        res = search(backend, request_for(page, page_size))
        for hit in res.hits:
            yield hit
            seen += 1
            if seen >= limit:
                return
        if not res.hits or page * page_size >= res.total:
            return
        page += 1


def export_results(backend: SearchBackend, catalog: Catalog, allowed: list[str], request_for: RequestFor,
                   limit: int = MAX_EXPORT, page_size: int = MAX_PAGE_SIZE) -> list[tuple[Hit, DocSummary]]:
    """The documents of a search for an export, each re-checked against the catalogue, with its hit
    (matching pages) kept for formats that show them."""
    out: list[tuple[Hit, DocSummary]] = []
    for hit in iter_hits(backend, request_for, limit, page_size):
        doc = catalog.get(hit.id)
        if doc is not None and visible(doc, allowed):
            out.append((hit, doc))
    return out


def matching_ids(backend: SearchBackend, query: str) -> list[str]:
    """Every document matching ``query`` at every access level (an admin's command: ``sulieu export -q``)."""
    def request_for(page: int, size: int) -> SearchRequest:
        return SearchRequest(q=query, allowed_access=list(ACCESS_LEVELS), page=page, page_size=size, facets=False)

    return list(dict.fromkeys(h.id for h in iter_hits(backend, request_for, limit=10**9)))
