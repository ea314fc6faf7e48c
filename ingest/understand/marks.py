"""Document marks printed or stamped near the header: "DỰ THẢO", the secrecy ("MẬT", "TỐI MẬT",
"TUYỆT MẬT") and urgency ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC") levels.

A mark is a line of its own in capitals (a stamp in a box), so a body sentence naming "mật" or
"khẩn" is not one. Lines are compared folded (no diacritics): OCR often misreads the marks'
tone marks ("MẶT", "KHẢN") and a stamp's frame adds bars and brackets, which are dropped.
"""

from __future__ import annotations

import re

from ingest.understand.lines import Line

# folded form -> the mark as the record names it
MARKS: dict[str, str] = {
    "du thao": "Dự thảo",
    "mat": "Mật",
    "toi mat": "Tối mật",
    "tuyet mat": "Tuyệt mật",
    "khan": "Khẩn",
    "thuong khan": "Thượng khẩn",
    "hoa toc": "Hỏa tốc",
    "hoa toc hen gio": "Hỏa tốc hẹn giờ",
}
FRAME = re.compile(r"^[\s|\[\](){}_=~—–\-.:;,'\"]+|[\s|\[\](){}_=~—–\-.:;,'\"]+$")
DRAFT_NUMBER = re.compile(r"\s*(?:lan\s*)?\d{1,2}$")  # "DỰ THẢO 2", "DỰ THẢO LẦN 3"
SEARCH_LINES = 40  # the header block and the title: marks are printed above the body


def find_marks(nb: list[Line]) -> list[tuple[str, Line]]:
    """Each mark once, in the order printed, with the line it was read on."""
    out: list[tuple[str, Line]] = []
    seen: set[str] = set()
    for ln in nb[:SEARCH_LINES]:
        bare = FRAME.sub("", ln.text)
        if not bare or not bare.isupper() or len(bare) > 24:
            continue
        key = " ".join(FRAME.sub("", ln.fold).split())
        if key.startswith("du thao"):
            key = DRAFT_NUMBER.sub("", key)
        mark = MARKS.get(key)
        if mark and mark not in seen:
            seen.add(mark)
            out.append((mark, ln))
    return out
