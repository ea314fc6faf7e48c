"""Whether a document's header fields are believable, not only confidently read.

OCR confidence says how sure Tesseract was of the letters, not whether the letters make a header: a scanned
Nghị quyết whose number came out "445" and date "ngày @3 tháng !Ƒ" scored 94 %. These checks flag what a
reviewer must look at (a missing date, a date in the future, a number with letters, an unknown type …),
each with the reason shown to the reviewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date

from sulieu.doctypes import all_type_names
from sulieu.model import DocumentMetadata
from sulieu.text import fold

EARLIEST_YEAR = 1930  # the Party's founding: nothing in a Party archive is older
_NUMBER = re.compile(r"^\d{1,6}(?:\.\d{1,3})?$")


@dataclass(frozen=True)
class Problem:
    field: str
    reason: str


def _is_book(md: DocumentMetadata) -> bool:
    return md.doc_type is None and md.symbol is None and bool(md.title)


def _date_problems(md: DocumentMetadata, today: Date) -> list[Problem]:
    if not md.date:
        return [Problem("date", "Không đọc được ngày ban hành.")]
    year = md.year
    if year is not None and year < EARLIEST_YEAR:
        return [Problem("date", f"Ngày ban hành {md.date} trước năm {EARLIEST_YEAR}.")]
    if md.date[: len(today.isoformat())] > today.isoformat()[: len(md.date)]:
        return [Problem("date", f"Ngày ban hành {md.date} ở tương lai.")]
    return []


def _identity_problems(md: DocumentMetadata) -> list[Problem]:
    out = []
    if md.doc_type is None:
        out.append(Problem("doc_type", "Không xác định được loại văn bản."))
    elif fold(md.doc_type) not in {fold(n) for n in all_type_names()}:
        out.append(Problem("doc_type", f"Loại văn bản “{md.doc_type}” không có trong danh mục."))
    if md.number and not _NUMBER.match(md.number):
        out.append(Problem("number", f"Số “{md.number}” có chữ hoặc ký tự lạ."))
    if md.symbol and not any(c.isalpha() for c in md.symbol):
        out.append(Problem("symbol", f"Số, ký hiệu “{md.symbol}” thiếu phần chữ (loại văn bản, cơ quan)."))
    elif md.symbol and not md.number and not md.symbol.lstrip().startswith(("/", "-", "…")):
        out.append(Problem("number", f"Số, ký hiệu “{md.symbol}” không có số."))
    if not md.issuer:
        out.append(Problem("issuer", "Không xác định được cơ quan ban hành."))
    return out


def header_problems(md: DocumentMetadata, today: Date | None = None) -> list[Problem]:
    """What is missing or implausible in the header fields, in reading order; empty when all is believable."""
    today = today or Date.today()
    if _is_book(md):
        return _date_problems(md, today) if md.date else []
    return _identity_problems(md) + _date_problems(md, today)
