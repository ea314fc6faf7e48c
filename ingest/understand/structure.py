"""Book and plan structure: PHẦN, CHƯƠNG, Mục, Roman-numbered headings, Lời nói đầu, Lời kết.

Each heading keeps the period it covers when it ends with one (``... (2015-2020)``).
``printed_page_numbers`` tells the page number printed on each page (a bare number as the
first or last line) from the scan order.
"""

from __future__ import annotations

import re

from ingest.understand.entities import period_in
from ingest.understand.lines import Line, split_lines
from sulieu.model import Heading

# Optional enumerator before a heading word: "1. Chương I: ..." in a plan listing chapters.
_ENUM = r"(?:\d{1,2}[.)]\s*)?"
_ROMAN = r"[ivxlc]+"
_NUM = rf"(?:{_ROMAN}|\d{{1,3}}|thu\s+\w+(?:\s+\w+)?)"
# (regex on the folded line, level, kind)
HEADINGS: list[tuple[re.Pattern[str], int, str]] = [
    (re.compile(rf"^{_ENUM}phan\s+{_NUM}\b\s*[:.–-]?\s*"), 1, "part"),
    (re.compile(rf"^{_ENUM}chuong\s+{_NUM}\b\s*[:.–-]?\s*"), 2, "chapter"),
    (re.compile(rf"^{_ENUM}muc\s+(?:{_ROMAN}|\d{{1,3}})\b\s*[:.–-]?\s*"), 3, "section"),
    (re.compile(rf"^{_ENUM}(?:phan\s+)?(?:loi noi dau|loi gioi thieu|loi mo dau|loi tua)\b\s*[:.]?\s*"), 1, "preface"),
    (re.compile(rf"^{_ENUM}(?:phan\s+)?(?:loi ket|ket luan chung|loi bat)\b\s*[:.]?\s*"), 1, "conclusion"),
    (re.compile(rf"^{_ENUM}(?:phu luc|tai lieu tham khao|muc luc)\b\s*[:.]?\s*"), 1, "appendix"),
]
# "I. MỤC ĐÍCH, YÊU CẦU": a Roman numeral and a title in capitals.
ROMAN_HEADING = re.compile(r"^(?P<n>[IVXLC]{1,6})\s*[.)/-]\s+(?P<title>\S.*)$")
MAX_HEADING_CHARS = 220


def _is_heading_text(ln: Line) -> bool:
    t = ln.text
    return 0 < len(t) <= MAX_HEADING_CHARS and not t.endswith((",", ";"))


def find_structure(lines: list[Line]) -> list[Heading]:
    out: list[Heading] = []
    nb = [ln for ln in lines if ln.text]
    for i, ln in enumerate(nb):
        if not _is_heading_text(ln):
            continue
        for pat, level, kind in HEADINGS:
            m = pat.match(ln.fold)
            if not m:
                continue
            title = ln.text.strip()
            # "CHƯƠNG I" alone: the title is the next line (in capitals in most books).
            if m.end() >= len(ln.fold.rstrip(" :.")) and i + 1 < len(nb) and kind in ("part", "chapter", "section"):
                nxt = nb[i + 1]
                if _is_heading_text(nxt) and (nxt.is_upper or len(nxt.text) < 120):
                    title = f"{title.rstrip(' :.')}: {nxt.text.strip()}"
            out.append(Heading(level=level, kind=kind, title=title, page=ln.page, period=period_in(title)))
            break
        else:
            rm = ROMAN_HEADING.match(ln.text)
            if rm and (Line(0, 0, rm.group("title"), "").is_upper) and len(ln.text) <= 150:
                out.append(
                    Heading(level=2, kind="numbered", title=ln.text.strip(), page=ln.page, period=period_in(ln.text))
                )
    return out


_BARE_NUMBER = re.compile(r"^[-–—\s]*(?P<n>\d{1,4}|[ivxlc]{1,7})[-–—\s]*$", re.IGNORECASE)


def printed_page_numbers(pages: list[str]) -> list[str | None]:
    """The page number printed on each page: a bare number as its first or last non-blank line."""
    out: list[str | None] = []
    for page in pages:
        lines = [ln.text for ln in split_lines([page]) if ln.text]
        found = None
        for cand in (lines[-1:] + lines[:1]) if lines else []:
            m = _BARE_NUMBER.match(cand)
            if m:
                found = m.group("n")
                break
        out.append(found)
    return out
