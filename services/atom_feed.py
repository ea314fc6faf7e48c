"""An Atom 1.0 feed (RFC 4287) of the documents matching a saved search, newest arrivals first.

Entries are ordered by when each document entered the archive (not by its date of issue): a feed
reader shows what is new to the archive, and a directive of 2019 ingested today is news.
"""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from services.catalog import DocSummary
from services.saved_searches import SavedSearch
from sulieu.citation_format import format_citation

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50


def _iso(value: datetime | None) -> str:
    return (value or datetime(1970, 1, 1, tzinfo=UTC)).astimezone(UTC).isoformat(timespec="seconds")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def newest_first(docs: list[DocSummary]) -> list[DocSummary]:
    return sorted(docs, key=lambda d: (_iso(d.ingested_at), d.id), reverse=True)[:MAX_ENTRIES]


def build_feed(saved: SavedSearch, docs: list[DocSummary], *, base_url: str, self_url: str) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "vi"})
    _sub(feed, "id", f"{base_url}/saved/{saved.id}")
    _sub(feed, "title", f"Sử liệu · {saved.name}")
    _sub(feed, "subtitle", f"Tài liệu mới khớp tìm kiếm «{saved.q}»" if saved.q else "Tài liệu mới khớp bộ lọc đã lưu")
    entries = newest_first(docs)
    _sub(feed, "updated", _iso(entries[0].ingested_at) if entries else saved.created_at)
    _sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=f"{base_url}/saved/{saved.id}/open", type="text/html")
    author = _sub(feed, "author")
    _sub(author, "name", "Sử liệu")
    _sub(feed, "generator", "Sử liệu")
    for d in entries:
        md = d.metadata
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{base_url}/doc/{d.id}")
        _sub(entry, "title", md.title or format_citation(md))
        _sub(entry, "updated", _iso(d.ingested_at))
        if md.date and len(md.date) == 10:  # a partial date (2023, 2023-05) has no instant to give
            _sub(entry, "published", f"{md.date}T00:00:00+07:00")
        _sub(entry, "link", rel="alternate", href=f"{base_url}/doc/{d.id}", type="text/html")
        if md.issuer:
            _sub(_sub(entry, "author"), "name", md.issuer)
        _sub(entry, "summary", format_citation(md) + (f" — {md.subject}" if md.subject else ""))
        if md.doc_type:
            _sub(entry, "category", term=md.doc_type)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")
