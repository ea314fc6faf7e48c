"""What goes into the index and what comes out of a search: one shape for both engines.

``SearchResult`` is also the JSON of ``sulieu search --json`` and of the API's search
endpoint, so its field names are a public contract.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_PAGE_SIZE = 100


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class IndexPage(_Model):
    number: int
    text: str = ""
    source: str = "text"
    needs_review: bool = False


class IndexChapter(_Model):
    """A book's chapter as the index keeps it (sulieu.chapters): its pages and the years it covers."""

    label: str
    level: int = 2
    first_page: int
    last_page: int
    start: int | None = None
    end: int | None = Field(None, description="Last year covered; an open period ('- nay') ends at the book's year.")

    def years(self) -> list[int]:
        return list(range(self.start, (self.end or self.start) + 1)) if self.start is not None else []


class IndexDocument(_Model):
    """A document as the index sees it: effective metadata (corrections applied) and its pages."""

    id: str
    access: str = "public"
    deleted: bool = False
    title: str | None = None
    subject: str | None = None
    doc_type: str | None = None
    doc_type_code: str | None = None
    number: str | None = None
    symbol: str | None = None
    symbol_key: str | None = None
    issuer: str | None = None
    issuer_parent: str | None = None
    issuer_path: list[str] = Field(default_factory=list, description="Issuer and the bodies above it "
                                   "(sulieu.issuers.issuer_scope) by their authority records' preferred names: what "
                                   "the issuer filter and facet match.")
    issuer_names: list[str] = Field(default_factory=list, description="Every name of those bodies over time: co_quan:.")
    issuer_lineage: list[str] = Field(default_factory=list, description="issuer_path with the predecessors and "
                                      "successors of its bodies (sulieu.authority): the lineage option.")
    lineage_names: list[str] = Field(default_factory=list, description="Every name of the issuer_lineage bodies.")
    is_copy: bool = Field(False, description="A copy of another document (near-duplicates): left out unless asked.")
    level: str | None = None
    place: str | None = None
    province: str | None = None
    date: str | None = Field(None, description="Partial ISO date: YYYY, YYYY-MM or YYYY-MM-DD.")
    year: int | None = None
    date_from: str | None = Field(None, description="First day the partial date spans (ISO).")
    date_to: str | None = Field(None, description="Last day the partial date spans (ISO).")
    signer: str | None = None
    cites_keys: list[str] = Field(default_factory=list)
    cites_ids: list[str] = Field(default_factory=list)
    needs_review: bool = False
    mime: str | None = None
    kind: str | None = None
    ingested_at: str | None = None
    chapters: list[IndexChapter] = Field(default_factory=list, description="A book's chapters: giai_doan: "
                                         "matches their periods, a hit names the chapter of each page.")
    pages: list[IndexPage] = Field(default_factory=list)

    def chapter_at(self, page: int) -> IndexChapter | None:
        """The innermost chapter covering ``page``."""
        found = None
        for c in self.chapters:
            if c.first_page <= page <= c.last_page and (found is None or c.level >= found.level):
                found = c
        return found


SortOrder = Literal["relevance", "date_desc", "date_asc"]


class SearchRequest(_Model):
    q: str = ""
    doc_type: list[str] = Field(default_factory=list)
    issuer: list[str] = Field(default_factory=list)
    level: list[str] = Field(default_factory=list)
    place: list[str] = Field(default_factory=list)
    province: list[str] = Field(default_factory=list, description="A province and everything in it.")
    year: list[int] = Field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    period: str | None = Field(None, description="Years a book chapter covers, overlapping: '1945..1954', "
                               "'1945-1954', '1954' (as giai_doan: in the query).")
    needs_review: bool | None = None
    sort: SortOrder = "relevance"
    page: int = Field(1, ge=1, description="1-based.")
    page_size: int = Field(10, ge=1, le=MAX_PAGE_SIZE)
    allowed_access: list[str] = Field(default_factory=lambda: ["public"])
    include_deleted: bool = False
    doc_id: str | None = Field(None, description="Search inside this one document.")
    lineage: bool = Field(False, description="co_quan: and the issuer filter also match the bodies' predecessors "
                          "and successors (\"Hải Phòng, kể cả Hải Dương trước 2025\").")
    show_copies: bool = Field(False, description="Also list documents marked as copies of another (near-duplicates).")
    more_like: str | None = Field(None, description="Documents similar to this document id.")
    facets: bool = True

    @field_validator("q")
    @classmethod
    def _strip(cls, v: str) -> str:
        return (v or "").strip()


class Snippet(_Model):
    page: int
    html: str
    chapter: str | None = Field(None, description="The book chapter this page belongs to.")


class PageHit(_Model):
    page: int
    chapter: str | None = None
    score: float | None = None  # None for callers who may not see every document (services.search)


class Hit(_Model):
    id: str
    title: str | None = None
    doc_type: str | None = None
    symbol: str | None = None
    issuer: str | None = None
    date: str | None = None
    score: float | None = 0.0  # None for callers who may not see every document (services.search)
    snippets: list[Snippet] = Field(default_factory=list)
    pages: list[PageHit] = Field(default_factory=list)
    access: str = "public"
    subject: str | None = None
    level: str | None = None
    place: str | None = None


class FacetValue(_Model):
    value: str
    count: int


FACET_FIELDS: tuple[str, ...] = ("doc_type", "issuer", "level", "province", "place", "year")


def _empty_facets() -> dict[str, list[FacetValue]]:
    return {f: [] for f in FACET_FIELDS}


class SearchResult(_Model):
    total: int = 0
    all_words: int | None = Field(None, description="Long queries (scored by how many words match): how many "
                                  "results hold every word typed.")
    hits: list[Hit] = Field(default_factory=list)
    facets: dict[str, list[FacetValue]] = Field(default_factory=_empty_facets)
    page: int = 1
    page_size: int = 10
    query: str = ""
    took_ms: float = 0.0
