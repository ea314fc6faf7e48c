"""Vietnamese citation of a document, the way reports and history volumes cite directives:

    Kế hoạch số 193-KH/QU ngày 03/11/2023 của Ban Thường vụ Quận ủy Long Biên

Type name, "số" + symbol, "ngày dd/mm/yyyy" (or "tháng mm/yyyy", "năm yyyy" for partial dates),
"của" + the issuing body (the signing body "Ban Thường vụ" put before the committee when the
record keeps them apart), optionally "về" + the subject. Books without a symbol are cited as
title, issuer, place and year.
"""

from __future__ import annotations

import re

from sulieu.model import DocumentMetadata
from sulieu.text import fold, normalize_text

_BODY_CASE = {
    "ban thuong vu": "Ban Thường vụ",
    "ban chap hanh": "Ban Chấp hành",
    "ban bi thu": "Ban Bí thư",
    "bo chinh tri": "Bộ Chính trị",
    "uy ban nhan dan": "Ủy ban nhân dân",
    "thuong truc": "Thường trực",
}
_SUBJECT_PREFIX = re.compile(r"^\s*(v/v|v\.v\.|ve viec|ve)\s*[:.]?\s*", re.IGNORECASE)


def format_date_vi(date: str | None) -> str | None:
    if not date:
        return None
    parts = date.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"ngày {parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"tháng {parts[1]}/{parts[0]}"
    if len(parts) == 1 and parts[0].isdigit():
        return f"năm {parts[0]}"
    return None


def _body(name: str) -> str:
    name = normalize_text(name).strip()
    key = fold(name)
    if key in _BODY_CASE:
        return _BODY_CASE[key]
    if name.isupper():
        return name[:1] + name[1:].lower()
    return name


def issuing_body(md: DocumentMetadata) -> str | None:
    issuer = normalize_text(md.issuer).strip() if md.issuer else None
    on_behalf = md.signer.on_behalf_of if md.signer and md.signer.on_behalf_of else None
    if on_behalf:
        body = _body(on_behalf)
        if issuer and fold(body) not in fold(issuer):
            return f"{body} {issuer}"
        return issuer or body
    return issuer


def _subject(md: DocumentMetadata) -> str | None:
    if not md.subject:
        return None
    s = _SUBJECT_PREFIX.sub("", normalize_text(md.subject).strip(), count=1).strip().rstrip(".")
    return s or None


def format_citation(md: DocumentMetadata, *, with_subject: bool = False) -> str:
    """One citation line for a document's (effective) metadata."""
    parts: list[str] = []
    has_identity = bool(md.symbol or md.number)
    if md.doc_type and has_identity:
        parts.append(md.doc_type[:1].upper() + md.doc_type[1:])
        parts.append(f"số {normalize_text(md.symbol or md.number or '').strip()}")
        date = format_date_vi(md.date)
        if date:
            parts.append(date)
        body = issuing_body(md)
        if body:
            parts.append(f"của {body}")
        line = " ".join(parts)
        subject = _subject(md) if with_subject else None
        return f"{line} về {subject}" if subject else line
    # A book or an untyped document: title, issuer, place, year.
    title = normalize_text(md.title or md.subject or md.doc_type or "Tài liệu không tên").strip()
    bits = [title]
    body = issuing_body(md)
    if body and fold(body) not in fold(title):
        bits.append(body)
    if md.place:
        bits.append(md.place)
    if md.year:
        bits.append(str(md.year))
    return ", ".join(bits)


def format_citation_list(items: list[DocumentMetadata], *, with_subject: bool = False, numbered: bool = True) -> str:
    lines = [format_citation(md, with_subject=with_subject) for md in items]
    if numbered:
        lines = [f"{i}. {line}." for i, line in enumerate(lines, 1)]
    return "\n".join(lines) + ("\n" if lines else "")
