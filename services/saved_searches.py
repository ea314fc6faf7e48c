"""Saved searches ("Tìm kiếm đã lưu"): a query with its filters, what is new since the last visit, an Atom feed.

"New" means: matches now and did not match at the owner's last visit (the set of matching ids is
kept, so a document that arrived, was corrected to match, or became visible to the owner counts;
comparing dates of ingest would miss the last two). Matching is always judged with the owner's
access levels of today, never with those of the day the search was saved.

A feed is read by feed readers that cannot send headers, so it is authenticated by a random key in
its URL (``?key=``), one per saved search, that the owner can renew; a saved search marked public
has a key-less feed limited to public documents.
"""

from __future__ import annotations

import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from search_engine import SearchBackend, SearchRequest
from services.search import iter_hits
from services.sqlite_file import SqliteFile
from sulieu.access import User, allowed_access
from sulieu.errors import InputError, NotFound

MAX_SAVED_PER_USER = 100
MAX_TRACKED = 20_000  # matching ids kept per saved search; beyond it "new" is counted on the first 20,000
FILTER_FIELDS = ("doc_type", "issuer", "level", "place", "province", "year", "date_from", "date_to", "period")
SORTS = ("relevance", "date_desc", "date_asc")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS saved_searches (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    q TEXT NOT NULL,
    filters TEXT NOT NULL,
    sort TEXT NOT NULL DEFAULT 'relevance',
    public INTEGER NOT NULL DEFAULT 0,
    feed_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_visit_at TEXT,
    seen_ids TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS saved_searches_owner ON saved_searches(owner);
"""
_COLUMNS = "id, owner, name, q, filters, sort, public, feed_key, created_at, last_visit_at, seen_ids"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _not_found(search_id: str) -> NotFound:
    return NotFound(f"Không có tìm kiếm đã lưu {search_id!r}.")


@dataclass(frozen=True)
class SavedSearch:
    id: str
    owner: str
    name: str
    q: str
    filters: dict[str, Any]
    sort: str
    public: bool
    feed_key: str
    created_at: str
    last_visit_at: str | None
    seen_ids: frozenset[str]

    def request(self, allowed: list[str], *, page: int = 1, page_size: int = 10, facets: bool = False) -> SearchRequest:
        return SearchRequest(q=self.q, **self.filters, sort=self.sort, page=page, page_size=page_size,
                             allowed_access=allowed, facets=facets)


def _from_row(r: tuple) -> SavedSearch:
    return SavedSearch(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], bool(r[6]), r[7], r[8], r[9],
                       frozenset(json.loads(r[10])))


def clean_filters(q: str, filters: dict[str, Any], sort: str) -> dict[str, Any]:
    """Only known filter fields, validated by the search request model itself (one set of rules)."""
    unknown = set(filters) - set(FILTER_FIELDS)
    if unknown:
        raise InputError(f"Bộ lọc không hợp lệ: {', '.join(sorted(unknown))}.")
    if sort not in SORTS:
        raise InputError(f"Cách sắp xếp phải là một trong: {', '.join(SORTS)}.")
    kept = {k: v for k, v in filters.items() if v not in (None, [], "")}
    try:
        SearchRequest(q=q, **kept, sort=sort)
    except ValidationError as exc:
        raise InputError("Bộ lọc không hợp lệ.", detail=str(exc.errors()[0].get("msg"))) from None
    return kept


class SavedSearchStore(SqliteFile):
    """The table; reads by id, writes only by the owner (``owned``)."""

    serialize = True

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, _SCHEMA)

    def get(self, search_id: str) -> SavedSearch | None:
        with self._db() as db:
            r = db.execute(f"SELECT {_COLUMNS} FROM saved_searches WHERE id = ?", (search_id,)).fetchone()
        return _from_row(r) if r else None

    def owned(self, search_id: str, user: User) -> SavedSearch:
        s = self.get(search_id)
        if s is None or s.owner != user.name:
            raise _not_found(search_id)
        return s

    def list_for(self, user: User) -> list[SavedSearch]:
        with self._db() as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM saved_searches WHERE owner = ? ORDER BY created_at DESC",
                              (user.name,)).fetchall()
        return [_from_row(r) for r in rows]

    def create(self, user: User, name: str, q: str, filters: dict[str, Any], sort: str = "relevance", *,
               public: bool = False, seen: set[str] | None = None) -> SavedSearch:
        name = " ".join((name or q or "").split())[:200] or ("Bộ lọc đã lưu" if filters else "Toàn bộ kho")
        filters = clean_filters(q, filters, sort)
        sid = secrets.token_hex(8)
        with self._db() as db:
            (n,) = db.execute("SELECT COUNT(*) FROM saved_searches WHERE owner = ?", (user.name,)).fetchone()
            if n >= MAX_SAVED_PER_USER:
                raise InputError(f"Mỗi người dùng lưu được tối đa {MAX_SAVED_PER_USER} tìm kiếm.")
            now = _now()
            db.execute(f"INSERT INTO saved_searches({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                       (sid, user.name, name, q.strip(), json.dumps(filters, ensure_ascii=False), sort, int(public),
                        secrets.token_urlsafe(24), now, now, json.dumps(sorted(seen or ()))))
        made = self.get(sid)
        assert made is not None
        return made

    def mark_visited(self, search_id: str, seen: set[str]) -> None:
        with self._db() as db:
            db.execute("UPDATE saved_searches SET last_visit_at = ?, seen_ids = ? WHERE id = ?",
                       (_now(), json.dumps(sorted(seen)), search_id))

    def update(self, search_id: str, user: User, *, name: str | None = None, public: bool | None = None,
               renew_key: bool = False) -> SavedSearch:
        self.owned(search_id, user)
        with self._db() as db:
            if name is not None and " ".join(name.split()):
                db.execute("UPDATE saved_searches SET name = ? WHERE id = ?", (" ".join(name.split())[:200], search_id))
            if public is not None:
                db.execute("UPDATE saved_searches SET public = ? WHERE id = ?", (int(public), search_id))
            if renew_key:
                db.execute("UPDATE saved_searches SET feed_key = ? WHERE id = ?", (secrets.token_urlsafe(24), search_id))
        changed = self.get(search_id)
        assert changed is not None
        return changed

    def delete(self, search_id: str, user: User) -> None:
        self.owned(search_id, user)
        with self._db() as db:
            db.execute("DELETE FROM saved_searches WHERE id = ?", (search_id,))


def save(store: SavedSearchStore, backend: SearchBackend, user: User, name: str, q: str, filters: dict[str, Any],
         sort: str = "relevance", *, public: bool = False) -> SavedSearch:
    """Save a search; what it matches today is already seen, so "new" starts at zero."""
    filters = clean_filters(q, filters, sort)
    probe = SavedSearch("", user.name, name, q, filters, sort, public, "", "", None, frozenset())
    seen = set(matching(backend, probe, allowed_access(user)))
    return store.create(user, name, q, filters, sort, public=public, seen=seen)


def matching(backend: SearchBackend, saved: SavedSearch, allowed: list[str]) -> list[str]:
    """Ids of the documents matching now (in the saved order), at most ``MAX_TRACKED``."""
    def request_for(page: int, size: int) -> SearchRequest:
        return saved.request(allowed, page=page, page_size=size)

    return list(dict.fromkeys(h.id for h in iter_hits(backend, request_for, limit=MAX_TRACKED)))


@dataclass(frozen=True)
class Status:
    saved: SavedSearch
    total: int
    new_ids: list[str]


def status(backend: SearchBackend, saved: SavedSearch, user: User) -> Status:
    """How many match now and which of them are new since the last visit (nothing is marked seen)."""
    ids = matching(backend, saved, allowed_access(user))
    return Status(saved, len(ids), [i for i in ids if i not in saved.seen_ids])


def visit(store: SavedSearchStore, backend: SearchBackend, saved: SavedSearch, user: User) -> Status:
    """The status before this visit; afterwards what matches now is what was seen (a document that
    stops matching and matches again later is new again)."""
    ids = matching(backend, saved, allowed_access(user))
    store.mark_visited(saved.id, set(ids))
    return Status(saved, len(ids), [i for i in ids if i not in saved.seen_ids])


def feed_path(saved: SavedSearch) -> str:
    """Where the feed is read: the key in the URL unless the search is public."""
    return f"/api/saved-searches/{saved.id}/feed.atom" + ("" if saved.public else f"?key={saved.feed_key}")


def feed_access(saved: SavedSearch, key: str | None, owner: User | None) -> list[str]:
    """The access levels a feed request reads with, or ``NotFound`` (a wrong key looks like no feed)."""
    if key:
        if owner is not None and hmac.compare_digest(key.encode(), saved.feed_key.encode()):
            return allowed_access(owner)
        raise _not_found(saved.id)
    if saved.public:
        return allowed_access(None)
    raise _not_found(saved.id)
