"""The shape of a sample document: issuing bodies, cited outside documents, and the document itself.

Content modules describe each document as data (a ``Doc``); renderers turn it into files and
``expand`` turns its citation markers into the written text and the manifest's ground truth,
so the text a reader sees and the citations the manifest expects come from the same values.

Citation marker inside body text: ``[[relation:key]]`` or ``[[relation:key:style]]`` where
``key`` is another sample document or an outside reference (``EXTERNAL``) and ``style`` is one
of ``full`` (default), ``comma`` (``215-KH/TU, ngày 12/3/2024``), ``pad`` (``12/03/2024``),
``long`` (``ngày 12 tháng 3 năm 2024``), ``nodate``, ``noorgan``, ``bare`` (type + number only
with no date or issuer) and ``abbr`` (type part dropped from the symbol: ``131-BTGTW``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

System = Literal["party", "state"]
Level = Literal["central", "province", "district", "commune"]
Format = Literal["pdf", "docx", "txt", "md", "html", "jpeg", "png", "tiff", "scan-pdf"]
Access = Literal["public", "internal", "restricted"]


@dataclass(frozen=True)
class Body:
    """An issuing body as its header prints it."""

    name: str  # full name, the expected ``issuer``: "Quận ủy Lê Chân"
    header: tuple[str, ...]  # left header lines above the star: ("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "QUẬN ỦY LÊ CHÂN")
    code: str  # issuer part of the symbol: TU, QU, HU, ĐU, BTGTU, BTGTW, TW, UBND
    system: System
    level: Level
    province: str | None
    place: str  # place in the date line
    parent: str | None = None
    unit_suffix: str = ""  # state công văn suffix: "VX" in 1161/UBND-VX


@dataclass(frozen=True)
class Ext:
    """A document cited by the sample but not part of it (feeds the cited-but-missing list)."""

    key: str
    doc_type: str
    type_code: str | None
    number: str
    symbol: str
    date: tuple[int, int, int]
    organ: str  # as cited: "Ban Bí thư", "Quốc hội"
    issuer: str  # full issuing body
    label: str | None = None  # how the text names it when not just the type: "Luật Lưu trữ"


@dataclass
class Doc:
    """One sample document (a directive, letter, report ... or a book excerpt)."""

    key: str
    body: Body
    doc_type: str | None
    type_code: str | None
    number: str | None  # None: left blank in a draft
    date: tuple[int, int | None, int | None]  # (year, month, day); month/day None when left blank
    subject: str
    organ: str  # who decided it, as others cite it: "Ban Thường vụ Thành ủy"
    blocks: list[str]
    signer: tuple[str, ...]  # signature block lines, the name last
    fmt: Format = "pdf"
    access: Access = "public"
    topics: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    distribution: tuple[str, ...] = ()
    header_style: Literal["full", "none"] = "full"
    symbol_written: str | None = None  # the symbol exactly as printed when it is messy ("96 -KH/HU")
    title_lines: tuple[str, ...] = ()  # extra centred lines under the type name ("CỦA BAN THƯỜNG VỤ HUYỆN ỦY")
    scan_level: str = "light"
    book: BookSpec | None = None  # set for a book excerpt

    @property
    def symbol(self) -> str | None:
        return make_symbol(self.body, self.type_code, self.number)

    @property
    def is_book(self) -> bool:
        return self.book is not None


@dataclass
class BookSpec:
    """A book excerpt: a title page, then blocks flowing over printed pages.

    Book block markers: ``#preface TITLE``, ``#part LABEL|TITLE``, ``#chapter LABEL|TITLE`` start a new
    page (a chapter right after its part stays on the part's page); ``#section TITLE`` is a bold
    sub-heading; other blocks are paragraphs.
    """

    title: str  # "Lịch sử Đảng bộ huyện Văn Lâm (2005 - 2020)"
    period: tuple[int, int]
    front: tuple[str, ...]  # title-page lines, top to bottom
    blocks: list[str]
    first_printed: int  # printed number of the first page after the title page


def make_symbol(body: Body, type_code: str | None, number: str | None, *, blank: bool = False) -> str | None:
    """``215-KH/TU`` for Party documents, ``286/KH-UBND`` or ``4127/UBND-VX`` for state ones."""
    num = "" if number is None else number
    if body.system == "party":
        if type_code is None:
            return None
        if number is None and not blank:
            return None
        return f"{num}-{type_code}/{body.code}"
    if type_code:  # state document with a type part
        if number is None and not blank:
            return None
        return f"{num}/{type_code}-{body.code}"
    if number is None and not blank:
        return None
    suffix = f"-{body.unit_suffix}" if body.unit_suffix else ""
    return f"{num}/{body.code}{suffix}"


def number_line(doc: Doc) -> str:
    """The printed ``Số ...`` line: Party without a colon, state with one (NĐ 30/2020)."""
    sym = doc.symbol_written or make_symbol(doc.body, doc.type_code, doc.number, blank=True) or ""
    return f"Số {sym}" if doc.body.system == "party" else f"Số: {sym}"


def _pad(n: int) -> str:
    return f"{n:02d}"


def _month(m: int) -> str:
    # NĐ 30/2020: days under 10 and months 1-2 take a leading zero.
    return f"{m:02d}" if m < 3 else str(m)


def date_line(doc: Doc) -> str:
    y, m, d = doc.date
    day = _pad(d) if d else "   "
    month = _month(m) if m else "   "
    return f"{doc.body.place}, ngày {day} tháng {month} năm {y}"


def iso_date(date: tuple[int, int | None, int | None]) -> str:
    y, m, d = date
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


# --- citations ------------------------------------------------------------------------------

MARKER = re.compile(r"\[\[(\w+):([\w\-]+)(?::(\w+))?\]\]")
RELATIONS = {"based_on", "implements", "reviews", "amends", "replaces", "repeals", "per", "mentions"}
STYLES = {"full", "comma", "pad", "long", "nodate", "noorgan", "bare", "abbr"}


@dataclass
class CitationTruth:
    """What a correct extractor should find for one cited document."""

    text: str
    relation: str
    doc_type: str
    doc_type_code: str | None
    number: str | None
    symbol: str | None
    date: str | None
    issuer: str | None  # as written ("Ban Thường vụ Thành ủy"), None when not written
    target: str  # sample key or external key
    in_sample: bool
    mentions: int = 1  # how many times the document cites it (text/symbol are the first mention's)


@dataclass(frozen=True)
class Target:
    doc_type: str
    type_code: str | None
    number: str
    symbol: str
    date: tuple[int, int, int]
    organ: str
    key: str
    in_sample: bool
    label: str | None = None


def _abbr(symbol: str, type_code: str | None) -> str:
    """``131-HD/BTGTW`` → ``131-BTGTW`` (the type part dropped, as real letters sometimes cite)."""
    if type_code and f"-{type_code}/" in symbol:
        return symbol.replace(f"-{type_code}/", "-")
    return symbol


def citation_text(t: Target, style: str) -> tuple[str, str | None, str | None, str]:
    """Written citation, plus the date (ISO) and issuer it carries and the symbol as written."""
    y, m, d = t.date
    symbol = _abbr(t.symbol, t.type_code) if style == "abbr" else t.symbol
    head = f"{t.label or t.doc_type} số {symbol}"
    if style == "bare":
        return head, None, None, symbol
    organ = f" của {t.organ}"
    if style == "nodate":
        return head + organ, None, t.organ, symbol
    if style == "long":
        when = f" ngày {d:02d} tháng {_month(m)} năm {y}"
    elif style == "pad":
        when = f" ngày {d:02d}/{m:02d}/{y}"
    else:
        when = f" ngày {d:02d}/{m}/{y}" if d < 10 else f" ngày {d}/{m}/{y}"
    if style == "comma":
        when = "," + when
    if style == "noorgan":
        return head + when, iso_date(t.date), None, symbol
    return head + when + organ, iso_date(t.date), t.organ, symbol


def expand(text: str, targets: dict[str, Target], found: dict[str, CitationTruth]) -> str:
    """Replace citation markers in ``text``; record each cited document once in ``found``.

    The recorded date and issuer are the first ones written for that document anywhere in the
    text (a subject line may cite ``Kế hoạch số 215-KH/TU`` bare and the body add the date).
    """

    def sub(m: re.Match[str]) -> str:
        rel, key, style = m.group(1), m.group(2), m.group(3) or "full"
        if rel not in RELATIONS:
            raise ValueError(f"unknown relation {rel!r} in {m.group(0)}")
        if style not in STYLES:
            raise ValueError(f"unknown citation style {style!r} in {m.group(0)}")
        if key not in targets:
            raise KeyError(f"citation of unknown document {key!r}")
        t = targets[key]
        written, date, issuer, symbol = citation_text(t, style)
        if key in found:  # a later mention may carry the date or issuer the first one left out
            prev = found[key]
            prev.mentions += 1
            prev.date = prev.date or date
            prev.issuer = prev.issuer or issuer
        else:
            found[key] = CitationTruth(
                text=written,
                relation=rel,
                doc_type=t.doc_type,
                doc_type_code=t.type_code,
                number=t.number,
                symbol=symbol,
                date=date,
                issuer=issuer,
                target=key,
                in_sample=t.in_sample,
            )
        return written

    return MARKER.sub(sub, text)
