"""A book's title page: the publishing body on top, the title in capitals, ``Văn Lâm - 2023`` at
the foot (place and year of publication). Only what is printed is taken; no symbol, no day."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.understand.casing import restore_case
from ingest.understand.issuer import ORGAN_START
from ingest.understand.lines import Line
from sulieu.model import Heading

IMPRINT = re.compile(r"^(?P<place>[^\d,;:]{2,40}?)\s*[-–,]\s*(?P<year>(?:19|20)\d{2})\.?$")
PUBLISHER = re.compile(r"^(?:nha xuat ban|nxb)\b")  # "NHÀ XUẤT BẢN CHÍNH TRỊ QUỐC GIA SỰ THẬT", folded
ASIDE = re.compile(r"^\((?!\s*\d{4})[^)]*\)$")  # "(Trích)", "(Sơ thảo)"; a period "(2005 - 2020)" stays


@dataclass
class TitlePage:
    title: str
    title_line: Line
    body: tuple[str, Line] | None
    place: str | None
    year: str | None
    imprint_line: Line | None
    publisher: tuple[str, Line] | None = None


def _speck(text: str) -> bool:
    t = text.strip()
    return len(t) <= 3 and not any(c.isalpha() for c in t)


def title_page(nb: list[Line], max_lines: int = 14) -> TitlePage | None:
    """The first page when it is a title page: few short lines, mostly capitals, an imprint last."""
    if not nb:
        return None
    # a speck of the aged paper read as "5" or "-" is no line of a title page (one moderate scan, seed 6004)
    first = [ln for ln in nb if ln.page == nb[0].page and not _speck(ln.text)]
    if not 2 <= len(first) <= max_lines or any(len(ln.text) > 70 for ln in first):
        return None
    m = IMPRINT.match(first[-1].text.strip())
    if not m:
        return None
    rest = first[:-1]
    publisher = None
    if rest and PUBLISHER.match(rest[-1].fold):  # printed just above the imprint; never part of the title
        publisher, rest = (rest[-1].text.strip(), rest[-1]), rest[:-1]
    body = None
    if rest and rest[0].is_upper and ORGAN_START.match(rest[0].fold):
        body, rest = (rest[0].text.strip(), rest[0]), rest[1:]
    title_lines = [ln for ln in rest if not ASIDE.match(ln.text.strip())]
    if not title_lines or not all(ln.is_upper or ln.text.strip().startswith("(") for ln in title_lines):
        return None
    title = restore_case(" ".join(ln.text.strip() for ln in title_lines))
    return TitlePage(
        title=title,
        title_line=title_lines[0],
        body=body,
        place=m.group("place").strip(),
        year=m.group("year"),
        imprint_line=first[-1],
        publisher=publisher,
    )


# "(19530 - 1975)": a digit doubled on the title page's large type (two clean book scans, "1930" both times)
_LONG_YEAR = re.compile(r"\((?P<a>\d{4,5})\s*-\s*(?P<b>\d{4,5})\)")


@dataclass
class MendedPeriod:
    title: str
    read: str  # the period as the page prints it, kept for the reviewer


def mended_period(title: str | None, structure: list[Heading]) -> MendedPeriod | None:
    """The title's period with a misread year put right by the chapters: a five-digit year is mended only
    to the year one dropped digit gives and the first chapter opens with (the last one ends with)."""
    m = _LONG_YEAR.search(title) if title else None
    chapters = [h.period for h in structure if h.kind == "chapter" and h.period]
    if not title or not m or not chapters or len(m.group("a")) + len(m.group("b")) == 8:
        return None
    first, last = chapters[0].start, chapters[-1].end

    def year(read: str, want: int | None) -> str | None:
        if len(read) == 4:
            return read
        return str(want) if want is not None and str(want) in {read[:i] + read[i + 1:] for i in range(5)} else None

    a, b = year(m.group("a"), first), year(m.group("b"), last)
    if a is None or b is None or int(a) >= int(b):
        return None
    return MendedPeriod(title[: m.start()] + f"({a} - {b})" + title[m.end():], m.group(0))
