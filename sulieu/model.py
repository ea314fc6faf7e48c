"""The document record: what the archive keeps for each document.

A record is the truth; indexes are derived from it. Extracted metadata and manual
corrections are kept apart: re-extraction rewrites ``metadata``/``citations`` but never
the corrections, which live in their own file and win whenever the two are merged
(``effective_metadata``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

RECORD_SCHEMA_VERSION = 1

AccessLevel = Literal["public", "internal", "restricted"]
ACCESS_LEVELS: tuple[AccessLevel, ...] = ("public", "internal", "restricted")
System = Literal["party", "state"]
Level = Literal["central", "province", "district", "commune"]
PageSource = Literal["text", "text_layer", "ocr"]
Relation = Literal["based_on", "implements", "reviews", "amends", "replaces", "repeals", "per", "mentions"]


def utcnow() -> datetime:
    return datetime.now(UTC)


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class WordBox(_Model):
    """A recognised word on the page image, in pixels of ``Page.image``."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    conf: float | None = None


class PageMark(_Model):
    """A line of a book page that is furniture, not body: kept in the text, marked here."""

    kind: Literal["running_header", "page_number", "footnote"]
    line: int = Field(description="1-based line of the page text.")
    text: str


class Page(_Model):
    number: int = Field(description="1-based position in the file (scan order).")
    text: str = ""
    source: PageSource = "text"
    printed_number: str | None = Field(None, description="Page number printed on the page, if detected.")
    marks: list[PageMark] = Field(default_factory=list, description="Running header, page number and footnote lines.")
    width: int | None = Field(None, description="Width of the page image in pixels.")
    height: int | None = None
    image: str | None = Field(None, description="Page image, relative to the archive folder.")
    thumbnail: str | None = None
    words: str | None = Field(None, description="Word boxes file (JSON list of WordBox), relative path.")
    confidence: float | None = Field(None, description="Mean OCR word confidence, 0-100.")
    needs_review: bool = False
    ocr: dict[str, Any] | None = Field(None, description="OCR engine, version and settings used.")
    note: str | None = Field(None, description="Why the page has no text, when it has none.")


class Evidence(_Model):
    """Where an extracted field came from, for a reviewer."""

    confidence: float = 1.0
    page: int | None = None
    line: int | None = None
    rule: str | None = None
    read: str | None = Field(None, description="What the page says, when the value is a repaired OCR misreading.")


class Signer(_Model):
    authority: str | None = Field(None, description="T/M, T/L, K/T, TM., KT., TL., TUQ., Q.")
    on_behalf_of: str | None = Field(None, description="e.g. 'Ban Thường vụ', 'Ủy ban nhân dân'.")
    position: str | None = None
    name: str | None = None
    chain: list[str] = Field(
        default_factory=list, description="Every authority line, outer first: ['TM. Ủy ban nhân dân', 'KT. Chủ tịch']."
    )


class Period(_Model):
    start: int
    end: int | None = None


class DocumentMetadata(_Model):
    system: System | None = None
    issuer: str | None = None
    issuer_parent: str | None = None
    issuer_code: str | None = Field(None, description="Issuer part of the symbol, e.g. 'QU'.")
    level: Level | None = None
    province: str | None = Field(None, description="Province/city the issuer belongs to (citation context).")
    doc_type: str | None = Field(None, description="Full Vietnamese type name, e.g. 'Kế hoạch'.")
    doc_type_code: str | None = Field(None, description="Type code, e.g. 'KH'.")
    number: str | None = None
    symbol: str | None = Field(None, description="Số, ký hiệu as written.")
    symbol_normalized: str | None = None
    symbol_key: str | None = None
    place: str | None = None
    date: str | None = Field(None, description="ISO date, possibly partial: 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'.")
    title: str | None = Field(None, description="Display title (type + subject, or book title).")
    subject: str | None = Field(None, description="Trích yếu / V/v line.")
    publisher: str | None = Field(None, description="A book's publisher, from its title page (Nhà xuất bản ...).")
    editor_in_chief: str | None = Field(None, description="A book's Chủ biên, from its credits page.")
    compilers: list[str] = Field(default_factory=list, description="A book's Biên soạn, from its credits page.")
    recipients: list[str] = Field(default_factory=list)
    signer: Signer | None = None
    distribution: list[str] = Field(default_factory=list)
    marks: list[str] = Field(
        default_factory=list, description="Marks printed near the header: 'Dự thảo', 'Mật', 'Khẩn', 'Hỏa tốc' ..."
    )
    period: Period | None = None
    places: list[str] = Field(default_factory=list)
    people: list[str] = Field(default_factory=list)
    language: str = "vi"
    evidence: dict[str, Evidence] = Field(default_factory=dict)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date and self.date[:4].isdigit() else None


class Citation(_Model):
    text: str = Field(description="The citation as written.")
    relation: Relation = "mentions"
    doc_type: str | None = None
    doc_type_code: str | None = None
    number: str | None = None
    symbol: str | None = None
    symbol_key: str | None = None
    date: str | None = None
    issuer: str | None = None
    province: str | None = Field(None, description="Province named in the issuer as written ('Thành ủy Hải Phòng').")
    page: int | None = None
    footnote: int | None = Field(None, description="Number of the footnote on ``page`` that holds it (books).")
    start: int | None = Field(None, description="Character offset in the page text.")
    end: int | None = None
    target_id: str | None = Field(None, description="Archive document it resolves to, if any.")


class ContentsEntry(_Model):
    """One line of a book's contents page (MỤC LỤC): never a heading itself, it checks them."""

    title: str
    printed_page: str | None = None
    page: int = Field(description="Scan page of the contents line.")


class Heading(_Model):
    """Detected structure of a book: PHẦN, CHƯƠNG, Mục, Lời nói đầu..."""

    level: int
    kind: str
    title: str
    page: int
    printed_page: str | None = None
    period: Period | None = None


class Provenance(_Model):
    original_name: str
    source_path: str | None = None
    mime: str
    size: int
    sha256: str
    ingested_at: datetime = Field(default_factory=utcnow)
    ingested_by: str = "cli"
    software_version: str = ""
    extractors: dict[str, str] = Field(default_factory=dict, description="Component name → version.")


class Correction(_Model):
    """One manual change of one metadata field; the newest per field wins."""

    field: str
    value: Any
    by: str
    at: datetime = Field(default_factory=utcnow)
    note: str | None = None


class Record(_Model):
    schema_version: int = RECORD_SCHEMA_VERSION
    id: str
    access: AccessLevel = "public"
    provenance: Provenance
    pages: list[Page]
    metadata: DocumentMetadata = Field(default_factory=DocumentMetadata)
    citations: list[Citation] = Field(default_factory=list)
    structure: list[Heading] = Field(default_factory=list)
    contents: list[ContentsEntry] = Field(default_factory=list)
    extraction_version: str = ""
    deleted_at: datetime | None = None
    updated_at: datetime = Field(default_factory=utcnow)

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)


# Metadata fields a user may correct, with the type the value must have.
CORRECTABLE_FIELDS: dict[str, type] = {
    "system": str,
    "issuer": str,
    "issuer_parent": str,
    "level": str,
    "province": str,
    "doc_type": str,
    "doc_type_code": str,
    "number": str,
    "symbol": str,
    "place": str,
    "date": str,
    "title": str,
    "subject": str,
    "recipients": list,
    "distribution": list,
    "places": list,
    "people": list,
    "signer": dict,
    "period": dict,
    "access": str,
}


def effective_metadata(record: Record, corrections: list[Correction]) -> DocumentMetadata:
    """Extracted metadata overlaid with the newest correction of each field."""
    data = record.metadata.model_dump()
    corrected: set[str] = set()
    for c in sorted(corrections, key=lambda c: c.at):
        if c.field in data:
            data[c.field] = c.value
            corrected.add(c.field)
    if "symbol" in corrected:
        # The derived keys follow a corrected symbol, or search and citations would use the old one.
        from sulieu.symbols import parse_symbol

        parsed = parse_symbol(data["symbol"]) if data["symbol"] else None
        data["symbol_normalized"] = parsed.normalized if parsed else None
        data["symbol_key"] = parsed.key if parsed else None
        if "number" not in corrected:
            data["number"] = parsed.number if parsed else None
        data["issuer_code"] = parsed.issuer_code if parsed else None
    return DocumentMetadata.model_validate(data)


PAGE_TEXT_PREFIX = "page_text:"  # a correction of one page's text: field "page_text:3", value the whole text


def page_text_field(number: int) -> str:
    return f"{PAGE_TEXT_PREFIX}{number}"


def effective_pages(record: Record, corrections: list[Correction]) -> list[Page]:
    """The record's pages with the newest text correction of each page put in. Corrections live in their
    own file, so a new OCR run (which rewrites the record) never overwrites what a reviewer typed."""
    texts: dict[int, str] = {}
    for c in sorted(corrections, key=lambda c: c.at):
        if c.field.startswith(PAGE_TEXT_PREFIX) and c.field[len(PAGE_TEXT_PREFIX):].isdigit() and isinstance(
                c.value, str):
            texts[int(c.field[len(PAGE_TEXT_PREFIX):])] = c.value
    if not texts:
        return list(record.pages)
    return [p.model_copy(update={"text": texts[p.number], "needs_review": False}) if p.number in texts else p
            for p in record.pages]


def effective_access(record: Record, corrections: list[Correction]) -> AccessLevel:
    access = record.access
    for c in sorted(corrections, key=lambda c: c.at):
        if c.field == "access" and c.value in ACCESS_LEVELS:
            access = c.value
    return access
