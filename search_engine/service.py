"""Search entry point: parse the query language, then ask the backend."""

from __future__ import annotations

from search_engine.models import SearchRequest, SearchResult
from search_engine.protocol import SearchBackend
from search_engine.query import ParsedQuery, parse_query

__all__ = ["ParsedQuery", "parse_query", "search"]


def search(backend: SearchBackend, req: SearchRequest) -> SearchResult:
    """Run a search; malformed queries raise ``QuerySyntaxError`` before the engine is touched."""
    parse_query(req.q)
    return backend.search(req)
