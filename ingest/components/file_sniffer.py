"""First ingest step: what kind of file is this, judged by its bytes, never by its name.

People rename files (a scan saved as ``.pdf`` that is a JPEG, a ``.doc`` that is HTML),
so the name only words the error messages. Routes the file to one output socket per
kind; exactly one socket fires.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path
from typing import Any

from haystack import component, default_from_dict, default_to_dict

from ingest.legacy_encodings import decode_bytes
from ingest.types import FileKind, SourceFile
from sulieu.errors import (
    CorruptFile,
    EmptyDocument,
    InputError,
    NotFound,
    TooLarge,
    UnsupportedFormat,
)
from sulieu.filetypes import ACCEPTED_TEXT, DOCX_MIME, binary_type, refused_reason

_SAMPLE = 64 * 1024
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta ", b"<title")


def sniff_kind(head: bytes, path: str, name: str) -> tuple[FileKind, str]:
    """(kind, mime) of a file from its first bytes; raises UnsupportedFormat/CorruptFile."""
    found = binary_type(head)
    if found is not None:
        kind, mime = found
        return _sniff_zip(path, name) if kind == "zip" else (kind, mime)
    reason = refused_reason(head)
    if reason is not None:
        raise UnsupportedFormat(f"Tệp “{name}”: {reason}.")
    if _looks_textual(head):
        lowered = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if lowered.startswith(b"<") and any(m in lowered for m in _HTML_MARKERS):
            return "html", "text/html"
        if name.lower().endswith((".md", ".markdown")):
            return "text", "text/markdown"
        return "text", "text/plain"
    raise UnsupportedFormat(f"Không nhận dạng được định dạng tệp “{name}”: nội dung không phải {ACCEPTED_TEXT}.")


def _sniff_zip(path: str, name: str) -> tuple[FileKind, str]:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptFile(f"Tệp “{name}” là tệp nén (ZIP/DOCX) bị hỏng, không mở được.", detail=str(exc)) from exc
    if "word/document.xml" in names:
        return "docx", DOCX_MIME
    if name.lower().endswith(".docx"):
        raise CorruptFile(f"Tệp “{name}” không phải DOCX hợp lệ (thiếu word/document.xml).")
    raise UnsupportedFormat(f"Tệp “{name}” là tệp nén không phải DOCX; chưa hỗ trợ định dạng này.")


def _looks_textual(head: bytes) -> bool:
    """Text in some Vietnamese encoding: no stray control bytes (UTF-16 has NULs but a pattern)."""
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        sample = head[:4000]
        half = len(sample) / 2
        odd = sample[1::2].count(0) / half
        even = sample[0::2].count(0) / half
        return (odd > 0.3 and even < 0.05) or (even > 0.3 and odd < 0.05)
    controls = sum(1 for b in head if b < 0x20 and b not in (9, 10, 12, 13, 27))
    if controls / len(head) > 0.01:
        return False
    try:
        decode_bytes(_trim_utf8(head))
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _trim_utf8(head: bytes) -> bytes:
    """Drop a UTF-8 sequence cut by the sample boundary, so a valid UTF-8 file stays valid."""
    for cut in range(0, 4):
        chunk = head[: len(head) - cut] if cut else head
        try:
            chunk.decode("utf-8")
            return chunk
        except UnicodeDecodeError as exc:
            if exc.end < len(chunk) - 3:
                return head
    return head


BOOK_FOLDER_MIME = "inode/directory"


@component
class FileSniffer:
    """Route a file to the converter for its kind, with its sha256, size and mime type."""

    def __init__(self, *, max_file_mb: int = 2048) -> None:
        self.max_file_mb = max_file_mb

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, max_file_mb=self.max_file_mb)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FileSniffer:
        return default_from_dict(cls, data)

    @component.output_types(pdf=SourceFile, docx=SourceFile, text=SourceFile, html=SourceFile, image=SourceFile)
    def run(self, path: str, original_name: str | None = None) -> dict[str, SourceFile]:
        source = self.sniff(path, original_name)
        return {source.kind: source}

    @staticmethod
    def _book(folder: Path, name: str) -> SourceFile:
        """A folder of page images is one book; the image converter bundles it (and hashes the bundle)."""
        from ingest.ocr.folder_book import book_from_folder

        try:
            pages = book_from_folder(folder)
        except OSError as exc:
            raise InputError(f"Không đọc được thư mục “{name}”.", detail=str(exc)) from exc
        if not pages:
            raise InputError(f"Thư mục “{name}” không có ảnh trang nào (JPEG, PNG, TIFF, BMP, WebP).")
        return SourceFile(path=str(folder), original_name=name, sha256="", mime=BOOK_FOLDER_MIME, size=0, kind="image")

    def sniff(self, path: str, original_name: str | None = None) -> SourceFile:
        p = Path(path)
        name = original_name or p.name
        try:
            st = p.stat()
        except FileNotFoundError as exc:
            raise NotFound(f"Không tìm thấy tệp “{name}”.", detail=str(p)) from exc
        except OSError as exc:
            raise InputError(f"Không đọc được tệp “{name}”.", detail=str(exc)) from exc
        if p.is_dir():
            return self._book(p, name)
        if st.st_size > self.max_file_mb * 1024 * 1024:
            raise TooLarge(
                f"Tệp “{name}” dung lượng {st.st_size / 1048576:.0f} MB, vượt giới hạn {self.max_file_mb} MB."
            )
        try:
            with open(p, "rb") as f:
                head = f.read(_SAMPLE)
                f.seek(0)
                sha256 = hashlib.file_digest(f, "sha256").hexdigest()
        except PermissionError as exc:
            raise InputError(f"Không có quyền đọc tệp “{name}”.", detail=str(exc)) from exc
        except OSError as exc:
            raise InputError(f"Không đọc được tệp “{name}”.", detail=str(exc)) from exc
        if st.st_size == 0 or not head:
            if name.lower().endswith(".docx"):
                raise CorruptFile(f"Tệp DOCX “{name}” rỗng (0 byte), không phải tài liệu Word hợp lệ.")
            raise EmptyDocument(f"Tệp “{name}” rỗng (0 byte).")
        kind, mime = sniff_kind(head, str(p), name)
        return SourceFile(
            path=str(p), original_name=name, sha256=sha256, mime=mime, size=st.st_size, kind=kind
        )

