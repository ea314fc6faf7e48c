"""Request and response bodies, one schema per direction (``...In`` comes in, ``...Public`` goes out)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sulieu.model import DocumentMetadata, Heading, WordBox

DOC_ID_EXAMPLE = "a06d1cac938332d1"


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- documents --------------------------------------------------------------------------------
class DocRef(_Out):
    """A short reference to a document the caller may see."""

    id: str
    title: str | None = None
    doc_type: str | None = None
    symbol: str | None = None
    date: str | None = None
    issuer: str | None = None
    citation: str = Field(description="Vietnamese citation line.")

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": DOC_ID_EXAMPLE, "title": "Kế hoạch tổ chức các hoạt động kỷ niệm", "doc_type": "Kế hoạch",
        "symbol": "193-KH/QU", "date": "2023-11-03", "issuer": "Quận ủy Long Biên",
        "citation": "Kế hoạch số 193-KH/QU ngày 03/11/2023 của Ban Thường vụ Quận ủy Long Biên"}]})


class DocPublic(_Out):
    id: str
    access: Literal["public", "internal", "restricted"]
    deleted_at: datetime | None = None
    title: str | None = None
    doc_type: str | None = None
    symbol: str | None = None
    date: str | None = None
    year: int | None = None
    issuer: str | None = None
    subject: str | None = None
    citation: str
    page_count: int
    original_name: str
    mime: str
    size: int
    corrected_fields: list[str] = Field(default_factory=list, description="Fields changed by hand (correction layer).")

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": DOC_ID_EXAMPLE, "access": "public", "deleted_at": None, "title": "Kế hoạch kỷ niệm",
        "doc_type": "Kế hoạch", "symbol": "193-KH/QU", "date": "2023-11-03", "year": 2023,
        "issuer": "Quận ủy Long Biên", "subject": "tổ chức các hoạt động kỷ niệm",
        "citation": "Kế hoạch số 193-KH/QU ngày 03/11/2023 của Ban Thường vụ Quận ủy Long Biên",
        "page_count": 3, "original_name": "193-KH-QU.pdf", "mime": "application/pdf", "size": 182331,
        "corrected_fields": []}]})


class DocsPublic(_Out):
    data: list[DocPublic]
    count: int


class PageSummary(_Out):
    number: int
    source: str
    printed_number: str | None = None
    width: int | None = None
    height: int | None = None
    confidence: float | None = None
    needs_review: bool = False
    has_image: bool
    note: str | None = None


class ProvenancePublic(_Out):
    original_name: str
    mime: str
    size: int
    sha256: str
    ingested_at: datetime
    ingested_by: str
    software_version: str


class DocDetail(DocPublic):
    metadata: DocumentMetadata
    pages: list[PageSummary]
    structure: list[Heading] = Field(default_factory=list)
    provenance: ProvenancePublic
    extraction_version: str = ""
    updated_at: datetime

    model_config = ConfigDict(extra="forbid", json_schema_extra=None)


class PagePublic(_Out):
    doc_id: str
    number: int
    page_count: int
    text: str
    source: str
    printed_number: str | None = None
    width: int | None = None
    height: int | None = None
    confidence: float | None = None
    needs_review: bool = False
    has_image: bool
    note: str | None = None


class WordBoxesPublic(_Out):
    doc_id: str
    page: int
    width: float | None = Field(None, description="Coordinate space of the boxes (page image pixels or PDF points).")
    height: float | None = None
    terms: list[str] = Field(default_factory=list, description="Folded query syllables that were matched.")
    hits: list[WordBox] = Field(default_factory=list)
    words: list[WordBox] | None = Field(None, description="Every word of the page (only with all_words=true).")

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"doc_id": DOC_ID_EXAMPLE, "page": 1, "width": 2480, "height": 3508, "terms": ["chi", "thi"], "hits": [{"text": "Chỉ", "x0": 312, "y0": 1204, "x1": 380, "y1": 1250, "conf": 93.5}, {"text": "thị", "x0": 392, "y0": 1204, "x1": 440, "y1": 1250, "conf": 91.0}], "words": None}]})


# --- citations --------------------------------------------------------------------------------
class CitationPublic(_Out):
    text: str
    relation: str
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    date: str | None = None
    issuer: str | None = None
    page: int | None = None
    target: DocRef | None = Field(None, description="The archive document it resolves to (None: not in the archive, "
                                                    "or not visible to you).")


class CitedByPublic(_Out):
    source: DocRef
    text: str
    relation: str
    page: int | None = None


class CitationsPublic(_Out):
    doc_id: str
    cites: list[CitationPublic]
    cited_by: list[CitedByPublic]
    unresolved: int = Field(description="How many of this document's citations have no visible target.")

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"doc_id": DOC_ID_EXAMPLE, "cites": [{"text": "Chỉ thị số 20-CT/TW ngày 05/01/2018", "relation": "reviews", "doc_type": "Chỉ thị", "number": "20", "symbol": "20-CT/TW", "date": "2018-01-05", "issuer": "Ban Bí thư", "page": 1, "target": None}], "cited_by": [], "unresolved": 1}]})


class MissingPassagePublic(_Out):
    """Where a document you may see cites the missing one."""

    source: DocRef
    text: str
    page: int | None = None


class MissingDocPublic(_Out):
    key: str
    count: int = Field(description="How many documents you may see cite it.")
    text: str = Field(description="One citation as written.")
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    date: str | None = None
    issuer: str | None = None
    cited_by: list[DocRef] = Field(default_factory=list)
    system: str | None = Field(None, description="party or state, from the symbol's shape or issuer.")
    level: str | None = Field(None, description="central, province, district or commune, from the issuer.")
    province: str | None = None
    identified: bool = Field(True, description="False when cited with neither a symbol nor a name.")
    passages: list[MissingPassagePublic] = Field(default_factory=list)


class MissingDocsPublic(_Out):
    data: list[MissingDocPublic]
    count: int

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"data": [{"key": "20-ct-tw|2018", "count": 3, "text": "Chỉ thị số 20-CT/TW ngày 05/01/2018 của Ban Bí thư", "doc_type": "Chỉ thị", "number": "20", "symbol": "20-CT/TW", "date": "2018-01-05", "issuer": "Ban Bí thư", "cited_by": []}], "count": 1}]})


# --- browse -----------------------------------------------------------------------------------
class FacetValuePublic(_Out):
    value: str
    count: int


class BrowsePublic(_Out):
    by: str
    total: int = Field(description="Documents you may see that match the filters.")
    values: list[FacetValuePublic]

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"by": "year", "total": 42, "values": [{"value": "2024", "count": 17}, {"value": "2023", "count": 25}]}]})


# --- corrections ------------------------------------------------------------------------------
class CorrectionIn(_In):
    changes: dict[str, Any] = Field(
        description="Field → new value; fields of sulieu.model.CORRECTABLE_FIELDS. 'access' needs the admin role.",
        min_length=1, max_length=32,
    )
    note: str | None = Field(None, max_length=2000)

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"changes": {"date": "2023-11-03", "issuer": "Quận ủy Long Biên"}, "note": "Sửa theo bản gốc"}]})


class CorrectionPublic(_Out):
    field: str
    value: Any
    by: str
    at: datetime
    note: str | None = None


class CorrectionsPublic(_Out):
    data: list[CorrectionPublic]
    count: int


# --- uploads / jobs ---------------------------------------------------------------------------
class FileResultPublic(_Out):
    name: str
    status: Literal["queued", "running", "ingested", "duplicate", "failed", "cancelled"]
    doc_id: str | None = None
    code: str | None = None
    message: str | None = None
    pages: int = 0
    seconds: float = 0.0


class JobPublic(_Out):
    id: str
    status: Literal["queued", "running", "done", "failed", "cancelled"]
    by: str
    created_at: datetime
    finished_at: datetime | None = None
    total: int
    done: int
    files: list[FileResultPublic]
    message: str | None = None
    cancel_requested: bool = Field(False, description="Đã yêu cầu hủy; dừng sau tệp đang xử lý.")
    started_at: datetime | None = None

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"id": "3f2a9c0d1e4b5a67", "status": "running", "by": "lan", "created_at": "2024-05-02T08:15:00Z", "finished_at": None, "total": 2, "done": 1, "message": None, "files": [{"name": "193-KH-QU.pdf", "status": "ingested", "doc_id": DOC_ID_EXAMPLE, "code": None, "message": None, "pages": 3, "seconds": 1.8}, {"name": "ban-quet.jpg", "status": "queued", "doc_id": None, "code": None, "message": None, "pages": 0, "seconds": 0.0}]}]})


class JobsPublic(_Out):
    data: list[JobPublic]
    count: int


# --- users, tokens, sessions ------------------------------------------------------------------
Role = Literal["reader", "editor", "admin"]


class LoginIn(_In):
    name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"name": "lan", "password": "••••••••"}]})


class UserPublic(_Out):
    name: str
    role: Role
    clearance: Literal["restricted"] | None = None
    disabled: bool = False
    created_at: datetime | None = None


class MePublic(_Out):
    user: UserPublic | None
    allowed_access: list[str]
    csrf_token: str | None = None


class LoginOut(_Out):
    user: UserPublic
    csrf_token: str = Field(description="Send back as X-CSRF-Token on writes made with the session cookie.")


class UserIn(_In):
    name: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9._@-]+$")
    role: Role
    password: str = Field(min_length=8, max_length=1024)
    clearance: Literal["restricted"] | None = None


class UserUpdate(_In):
    role: Role | None = None
    password: str | None = Field(None, min_length=8, max_length=1024)
    clearance: Literal["restricted", "none"] | None = Field(None, description="'none' removes the clearance.")
    disabled: bool | None = None


class UsersPublic(_Out):
    data: list[UserPublic]
    count: int


class TokenIn(_In):
    label: str | None = Field(None, max_length=200)
    days: int | None = Field(None, ge=1, le=3650, description="Expiry in days; none = does not expire.")


class TokenPublic(_Out):
    id: str
    user: str
    label: str | None = None
    created_at: datetime
    expires_at: datetime | None = None
    last_used_at: datetime | None = None


class TokenCreated(TokenPublic):
    token: str = Field(description="Shown once; send as 'Authorization: Bearer <token>'.")

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"id": "9a1b2c3d4e5f", "user": "lan", "label": "script nhập hằng đêm", "created_at": "2024-05-02T08:15:00Z", "expires_at": None, "last_used_at": None, "token": "sl_…"}]})


class TokensPublic(_Out):
    data: list[TokenPublic]
    count: int


class AuditEventPublic(_Out):
    id: int
    at: datetime
    user: str
    action: str
    target: str | None = None
    detail: dict[str, Any] | None = None


class AuditPublic(_Out):
    data: list[AuditEventPublic]
    count: int


class MessagePublic(_Out):
    message: str


# --- health -----------------------------------------------------------------------------------
class CheckPublic(_Out):
    ok: bool
    detail: str | None = None
    info: dict[str, Any] = Field(default_factory=dict)


class HealthPublic(_Out):
    status: Literal["ok", "degraded"]
    engine: CheckPublic
    archive: CheckPublic
    ocr: CheckPublic

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"status": "ok", "engine": {"ok": True, "detail": None, "info": {"name": "tantivy", "documents": 574}}, "archive": {"ok": True, "detail": None, "info": {"documents": 574, "deleted": 2, "free_mb": 80000}}, "ocr": {"ok": True, "detail": None, "info": {"lang": "vie"}}}]})


class VersionPublic(_Out):
    name: str = "sulieu"
    version: str
    record_schema: int
    index_schema: int | None = None
    engine: str
    python: str
