"""Search entry point: parse the query language, then ask the backend."""

from __future__ import annotations

from search_api.index.models import SearchRequest, SearchResult
from search_api.index.protocol import SearchBackend
from search_api.index.query import ParsedQuery, parse_query

__all__ = ["ParsedQuery", "parse_query", "search"]


def search(backend: SearchBackend, req: SearchRequest) -> SearchResult:
    """Run a search; malformed queries raise ``QuerySyntaxError`` before the engine is touched."""
    parse_query(req.q)
    return backend.search(req)
