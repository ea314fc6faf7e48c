"""Sử liệu's own exceptions; library errors are translated into these at each boundary.

    SulieuError                 every error we raise; ``code`` is stable, ``message`` is Vietnamese
    ├── InputError              the user's file or request is at fault (HTTP 4xx, ingest summary)
    │   ├── UnsupportedFormat   not a kind of file we can read
    │   ├── CorruptFile         truncated, damaged or mislabelled file
    │   ├── EncryptedFile       password-protected PDF
    │   ├── EmptyDocument       no pages or no text at all
    │   ├── TooLarge            over a size, pixel or page limit (decompression bombs too)
    │   └── QuerySyntaxError    a search query we cannot parse
    ├── NotFound                no such document, page or user (or not visible to this user)
    ├── AccessDenied            authenticated but not allowed
    ├── AuthRequired            login or token needed, or the session expired
    ├── ArchiveError            the archive folder itself is unreadable or inconsistent
    │   └── RecordVersionError  a record written by a newer version of Sử liệu
    ├── BackendError            the search engine failed or is unreachable
    │   └── SchemaMismatch      the index was built with another schema version
    └── OcrUnavailable          Tesseract or its Vietnamese data is not installed
"""

from __future__ import annotations


class SulieuError(Exception):
    code = "error"
    http_status = 500

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def to_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "message": self.message, "detail": self.detail}


class InputError(SulieuError):
    code = "invalid_input"
    http_status = 400


class UnsupportedFormat(InputError):
    code = "unsupported_format"
    http_status = 415


class CorruptFile(InputError):
    code = "corrupt_file"
    http_status = 422


class EncryptedFile(InputError):
    code = "encrypted_file"
    http_status = 422


class EmptyDocument(InputError):
    code = "empty_document"
    http_status = 422


class TooLarge(InputError):
    code = "too_large"
    http_status = 413


class QuerySyntaxError(InputError):
    code = "query_syntax"
    http_status = 400


class NotFound(SulieuError):
    code = "not_found"
    http_status = 404


class AccessDenied(SulieuError):
    code = "forbidden"
    http_status = 403


class AuthRequired(SulieuError):
    code = "unauthorized"
    http_status = 401


class ArchiveError(SulieuError):
    code = "archive_error"


class ArchiveBusy(ArchiveError):
    code = "archive_busy"
    http_status = 503


class RecordVersionError(ArchiveError):
    code = "record_version"


class BackendError(SulieuError):
    code = "backend_error"
    http_status = 503


class SchemaMismatch(BackendError):
    code = "schema_mismatch"


class ClusterBusy(BackendError):
    """The cluster refused a request for load (HTTP 429: a full write queue, a memory circuit breaker);
    the same request may be sent again later."""

    code = "cluster_busy"


class OcrUnavailable(SulieuError):
    code = "ocr_unavailable"
    http_status = 503


class TooManyRequests(SulieuError):
    code = "too_many_requests"
    http_status = 429
