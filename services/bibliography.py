"""One document as a neutral bibliographic record, the single source of the RIS, CSL-JSON and BibTeX writers.

Reference managers know books, reports and manuscripts, not "Kế hoạch số 193-KH/QU": the mapping
is decided once here (issuing body as an institutional author, the symbol as the number, the
trích yếu as the abstract, the Vietnamese citation as a note), so the three formats cannot tell
different stories about the same document. Names and titles stay as written (UTF-8, no folding).
"""

from __future__ import annotations

from dataclasses import dataclass

from services.catalog import DocSummary
from sulieu.citation_format import format_citation

ARCHIVE_NAME = "Sử liệu"
BOOK_TYPES = frozenset({"Sách"})


@dataclass(frozen=True)
class BibRecord:
    id: str
    kind: str  # "book" | "document": the only distinction every format can express
    title: str
    authors: tuple[str, ...]  # institutional: the issuing body, then the body above it if named
    date: str | None  # partial ISO date as kept: "2023", "2023-11", "2023-11-03"
    genre: str | None  # the Vietnamese document type, e.g. "Kế hoạch"
    number: str | None  # số, ký hiệu
    place: str | None
    abstract: str | None
    keywords: tuple[str, ...]
    url: str
    pages: int
    citation: str  # the archive's Vietnamese citation, kept as a note
    language: str = "vi"
    archive: str = ARCHIVE_NAME

    @property
    def date_parts(self) -> list[int]:
        """``[2023, 11, 3]``, ``[2023, 11]``, ``[2023]`` or ``[]``: only the parts the archive knows."""
        if not self.date:
            return []
        return [int(p) for p in self.date.split("-")[:3] if p.isdigit()]

    @property
    def year(self) -> int | None:
        parts = self.date_parts
        return parts[0] if parts else None


def record_for(doc: DocSummary, base_url: str) -> BibRecord:
    """The record of a document the caller may see (visibility is the caller's check, done before)."""
    md = doc.metadata
    title = md.title or md.subject or doc.original_name
    authors = tuple(a for a in (md.issuer,) if a)
    keywords = tuple(dict.fromkeys(k for k in (md.doc_type, *md.places, *md.people) if k))
    return BibRecord(
        id=doc.id, kind="book" if md.doc_type in BOOK_TYPES else "document", title=title, authors=authors,
        date=md.date, genre=md.doc_type, number=md.symbol, place=md.place or md.province,
        abstract=md.subject if md.subject and md.subject != title else None, keywords=keywords,
        url=f"{base_url.rstrip('/')}/doc/{doc.id}", pages=doc.pages, citation=format_citation(md),
        language=md.language or "vi",
    )
