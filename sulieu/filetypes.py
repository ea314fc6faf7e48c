"""Which files the archive takes, judged by their first bytes: one table for the upload check
(``services.upload_check``, at the door) and for ingest (``ingest.components.file_sniffer``).

The two used to keep their own lists and drifted: an upload accepted a GIF that ingest then refused,
so the user got "202 Accepted" and a failed job. Anything listed here as refused is refused by both,
with the same Vietnamese reason.
"""

from __future__ import annotations

from typing import Literal

BinaryKind = Literal["pdf", "image", "zip"]

ACCEPTED_IMAGES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
REFUSED: tuple[tuple[tuple[bytes, ...], str], ...] = (
    ((b"GIF87a", b"GIF89a"), "ảnh GIF chưa được hỗ trợ; hãy lưu lại thành PNG hoặc JPEG rồi tải lên"),
    ((b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!"),
     "tệp nén chưa được hỗ trợ; hãy giải nén và tải lên từng tệp"),
    ((OLE_MAGIC[:4],), "tài liệu Word/Excel đời cũ (.doc/.xls) chưa được hỗ trợ; hãy lưu lại thành .docx hoặc PDF"),
)
ACCEPTED_TEXT = "PDF, DOCX, văn bản (TXT, Markdown), HTML hay ảnh (JPEG, PNG, TIFF, BMP, WebP)"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def binary_type(head: bytes) -> tuple[BinaryKind, str] | None:
    """(kind, mime) of an accepted binary format from the first bytes; ``zip`` still needs a look inside
    (only DOCX is taken). None: not a binary format we know (it may be text)."""
    if b"%PDF-" in head[:1024]:
        return "pdf", "application/pdf"
    for magic, mime in ACCEPTED_IMAGES:
        if head.startswith(magic):
            return "image", mime
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image", "image/webp"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip", ""
    return None


def refused_reason(head: bytes) -> str | None:
    """Why a recognised but unsupported format is refused (lower-case, to follow a file name), or None."""
    for magics, reason in REFUSED:
        if head.startswith(magics):
            return reason
    return None
