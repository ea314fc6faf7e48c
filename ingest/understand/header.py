"""The header block of a directive: what sits above the body.

Left column: superior body, issuing body, ``*``, ``Số ...``, (công văn) ``V/v ...``.
Right column: national motto (Party or state), ``<place>, ngày ... tháng ... năm ...``.
Then the type line (``KẾ HOẠCH``) and the subject, and ``Kính gửi:`` with recipients.
Text layers and OCR give the two columns one after the other or interleaved on one
line, so each rule looks at every header line and cuts its own part out of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ingest.understand.dates import DateMatch, worded_date
from ingest.understand.lines import Line, fold_same
from sulieu.doctypes import all_type_names
from sulieu.model import System

T = TypeVar("T")

HEADER_MAX_LINES = 40  # non-blank lines searched for the header block

# National mottos (folded). The state motto's second line "Độc lập - Tự do - Hạnh phúc" is dropped.
PARTY_MOTTO = re.compile(r"dang\s+cong\s+san\s+vi[e]t\s+nam")
STATE_MOTTO = re.compile(r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia(?:\s+vi[e]t\s+nam)?")
STATE_MOTTO_2 = re.compile(r"doc\s+lap\s*[-–]\s*tu\s+do\s*[-–]\s*hanh\s+phuc")
MOTTOS: tuple[tuple[re.Pattern[str], System], ...] = ((PARTY_MOTTO, "party"), (STATE_MOTTO, "state"))

# "Số: 249/2025/NĐ-CP", "Số 193 -KH/QU", "Số: /UBND-VX", "Luật số: 107/2025/QH15" (folded prefix).
SYMBOL_PREFIX = re.compile(r"^(?:(?:luat|nghi quyet|phap lenh|lenh|quyet dinh)\s+)?s[o0]\s*(?:hieu)?\s*[:.]?\s*")
# The symbol itself, in the original text: optional number, then separator-joined parts. Letters with
# diacritics are taken too ("TƯ", or "TỤ" as OCR reads "TU"), so a misread code is read whole and repaired.
SYMBOL_BODY = re.compile(
    r"(?P<sym>[0-9OoIl]{0,6}(?:\.\d{1,3})?(?:\s*[-/–]\s*[A-Za-zĐđÀ-Ỹà-ỹ0-9.&\u0400-\u04ff]+)+|[0-9]{1,6}(?=\s*$))"
)

# Where the body starts: the header rules stop looking here.
BODY_START = re.compile(
    r"^(?:can cu|thuc hien|theo de nghi|xet de nghi|de |trong nhung nam|tren co so|quoc hoi ban hanh|"
    r"chinh phu ban hanh|dieu 1\b|chuong [ivx1]|phan [ivx1]|phan thu|i\.\s)"
)
RECIPIENTS = re.compile(r"^[-–•+]?\s*kinh\s+gui\s*[:.]?\s*")
# OCR misreads the italic "V/v" of a scan as "V/" or "V⁄%v": a V, a slash and at most two more marks.
SUBJECT_VV = re.compile(
    r"^(?:v/v|v\.v|ve viec)\b\s*[:.]?\s*|^v\s*[/⁄][%/]?v?(?=\s)\s*|^v\s*(?:[/⁄]\s*[wy]|4|%|[w/⁄%]{2,3})(?=\s)\s*"
)  # and "V/w", "V/y", "V4", "V%" (the slash and the small v read as one mark)
OF_LINE = re.compile(r"^cua\s+")  # "CỦA BAN THƯỜNG VỤ HUYỆN ỦY" under the type line
OF_INSIDE = re.compile(r"\s(?:cua|CỦA|của)\s+")
SEPARATOR = re.compile(r"^[-–_*.=\s]{3,}$")
SO_SYMBOL = re.compile(r"^s[o0]\s*[:.]?\s*(?:\d+\s*[-/]|[:.]\s*\d|[:.]?\s*$)")
BULLET = re.compile(r"^[-–•+]\s*")
PLACE_DATE = re.compile(r"^[^,]{2,40},\s*ngay\b")  # "Kiến An, ngày ..." (folded)

_TYPE_NAMES = [(fold_same(n), n) for n in all_type_names()]


@dataclass
class Found(Generic[T]):
    """A value and where it came from (for ``Evidence``)."""

    value: T
    line: Line
    rule: str
    confidence: float = 1.0


@dataclass
class Header:
    system: Found[System] | None = None
    left_lines: list[tuple[str, Line]] = field(default_factory=list)  # issuing bodies, top first
    symbol: Found[str] | None = None
    date: Found[str] | None = None
    place: Found[str] | None = None
    doc_type: Found[str] | None = None
    subject: Found[str] | None = None
    subject_is_vv: bool = False
    of_line: Found[str] | None = None
    recipients: Found[list[str]] | None = None
    body_start: int = 0  # index (in the non-blank list) of the first body line


def header_zone(lines: list[Line]) -> list[Line]:
    return lines[:HEADER_MAX_LINES]


def type_of_line(ln: Line) -> tuple[str, str] | None:
    """A type line is the type name in capitals, alone or followed by more capitals (``LUẬT DẪN ĐỘ``)."""
    if not ln.is_upper:
        return None
    f = ln.fold.strip(" .:")
    for key, name in _TYPE_NAMES:
        if f == key:
            return name, ""
        if f.startswith(key + " ") and len(f) < 160:
            return name, ln.text[len(key) + 1 :].strip()
    return None


def _place_before(text: str, end: int, allow_caps: bool = True) -> tuple[str, str, int]:
    """Split ``QUẬN ỦY KIẾN AN Kiến An`` (text before ", ngày") into left-column rest and place, and
    how many of the place's first words OCR garbled and were dropped.

    OCR sometimes garbles the place's first word where the two columns meet ("ĐẢNG ỦY PHƯỜNG VĨNH
    NIỆM _ ưinn Niệm", "„+ Nghĩa", moderate scans): the garbled words are dropped, and when the issuer in
    capitals ends with the place's remaining words, the place is taken whole from it ("Vĩnh Niệm"):
    here when the issuer shares the line, else by ``_whole_place`` from the header's capitals."""
    before = text[:end].rstrip(" ,")
    words = before.split()
    place: list[str] = []
    while words:
        w = words[-1]
        is_title = w[:1].isupper() and (w[1:].islower() or len(w) == 1 or w.rstrip(".") in {"TP", "Tp"})
        if not is_title or len(place) >= 5:
            break
        place.insert(0, words.pop())
    garbled = 0
    while place and words and not words[-1].isupper() and garbled < 3:
        garbled += words.pop().strip("_-–|") != ""  # a lone "_" is where the columns met, not a word
    if garbled:
        whole = _whole_place(" ".join(words), place, garbled)
        if whole:
            place, garbled = whole, 0
    if not place and words and len(words) <= 5 and allow_caps:  # all-caps place in an OCR'd header
        place, words = words, []
    return " ".join(words), " ".join(place), garbled


_VI_LETTERS = set("abcdefghijklmnopqrstuvwxyzàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")


def _without_trailing_marks(text: str) -> str:
    """An issuer line in capitals without the marks OCR leaves at its end where the columns meet
    ("ĐẢNG ỦY PHƯỜNG NIỆM NGHĨA Nï"): trailing words not in capitals or not of Vietnamese letters."""
    words = text.split()
    while len(words) > 1 and (not words[-1].isupper() or not set(words[-1].lower()) <= _VI_LETTERS):
        words.pop()
    return " ".join(words)


def _whole_place(caps: str, place: list[str], garbled: int) -> list[str] | None:
    """The place's words from a line in capitals ending with the words read (``garbled`` more before)."""
    tail = caps.split()[-(len(place) + garbled) :]
    same = [fold_same(w).lower() for w in tail[-len(place) :]] == [fold_same(w).lower() for w in place]
    if garbled > 2 or len(tail) != len(place) + garbled or not all(w.isupper() for w in tail) or not same:
        return None
    return [w[:1] + w[1:].lower() for w in tail]


def _body_index(zone: list[Line]) -> int:
    """Index of the first body line in the header zone (``len(zone)`` when none opens there)."""
    for i, ln in enumerate(zone):
        # a long line is body text, unless it is the subject right under the type line
        long_body = len(ln.text) > 220 and not type_of_line(zone[i - 1])
        if i >= 2 and (BODY_START.match(ln.fold) or long_body) and not _under_type(zone, i):
            return i
    return len(zone)


def _take_date_and_place(h: Header, ln: Line, text: str, d: DateMatch) -> tuple[str, int]:
    """Record the worded date and the place before it; the line's rest and the garbled word count."""
    h.date = Found(d.iso, ln, "header.date")
    comma = text.rfind(",", 0, d.start)
    if comma > 0:
        rest, place, garbled = _place_before(text, comma)
        if place:
            h.place = Found(place, ln, "header.place")
    else:  # "Lê Chân ngày ..." (the comma lost in a scan): a place in title case only
        rest, place, garbled = _place_before(text, d.start, allow_caps=False)
        if place:
            h.place = Found(place, ln, "header.place", 0.8)
    return (rest + " " + text[d.end :]).strip(), garbled


def _place_from_issuer(h: Header, garbled: int) -> None:
    """A place read with garbled words before it, taken whole from the issuer on a line of its own."""
    if h.place is None:  # "ĐẢNG ỦY PHƯỜNG NIỆM NGHĨA" above, "... Nghĩa, ngày ..." on the date line
        return
    for text, _ln in h.left_lines:
        whole = _whole_place(text, h.place.value.split(), garbled)
        if whole:
            h.place = Found(" ".join(whole), h.place.line, "header.place_from_issuer", 0.8)
            return


def parse_header(nb: list[Line]) -> Header:
    """Read the header from the first non-blank lines (``nb`` is the document's non-blank lines)."""
    h = Header()
    zone = header_zone(nb)
    body = _body_index(zone)
    h.body_start = body
    zone = zone[:body]
    type_idx: int | None = None
    symbol_idx: int | None = None
    garbled_place = 0
    for i, ln in enumerate(zone):
        f = ln.fold
        text = ln.text
        # 1. National motto: decides the system; cut it out of an interleaved line.
        for motto, system in MOTTOS:
            m = motto.search(f)
            # the motto is printed in capitals; "Ngày thành lập Đảng Cộng sản Việt Nam" in a subject is kept
            if m and (text[m.start() : m.end()].isupper() or len(f.strip()) - (m.end() - m.start()) < 6):
                if h.system is None:
                    h.system = Found(system, ln, "header.motto")
                text = (text[: m.start()] + " " + text[m.end() :]).strip()
                f = fold_same(text)
        m2 = STATE_MOTTO_2.search(f)
        if m2:
            text = (text[: m2.start()] + " " + text[m2.end() :]).strip()
            f = fold_same(text)
        # 2. Place and date (right column); a left-column remainder is kept.
        if h.date is None and (d := worded_date(f)):
            text, garbled_place = _take_date_and_place(h, ln, text, d)
            f = fold_same(text)
        # 3. "Số ..." (left column).
        if h.symbol is None:
            m = SYMBOL_PREFIX.match(f)
            if m and (len(f) - m.end() < 80):
                sm = SYMBOL_BODY.match(text, m.end())
                if sm and sm.group("sym").strip():
                    h.symbol = Found(sm.group("sym").strip(), ln, "header.so")
                    symbol_idx = i
                    text = (text[: m.start()] + " " + text[sm.end() :]).strip()
                    f = fold_same(text)
                elif re.fullmatch(r"s[o0]\s*[:.]?\s*", f):
                    h.symbol = Found("", ln, "header.so_blank", 0.5)
                    symbol_idx = i
                    text, f = "", ""
        # 4. Recipients start the end of the header.
        if RECIPIENTS.match(f):
            break
        # 5. Subject line of a công văn ("V/v ...", "Về việc ...") with its continuation lines.
        if h.subject is None and type_idx is None and (vv := SUBJECT_VV.match(f)):
            h.subject = Found(_continue(zone, i, text[vv.end() :]), ln, "header.vv")
            h.subject_is_vv = True
            continue
        # 6. Type line, then the subject below it.
        if h.doc_type is None and text:
            tl = type_of_line(Line(ln.page, ln.line, text, f))
            if tl:
                h.doc_type = Found(tl[0], ln, "header.type_line")
                type_idx = i
                if tl[1] and h.subject is None:
                    h.subject = Found(tl[1], ln, "header.type_line_rest", 0.8)
                continue
        if type_idx is not None and h.subject is None and i > type_idx:
            if ln.is_upper and (OF_LINE.match(f) or OF_INSIDE.search(f) and len(f) < 90):
                # "CỦA BAN THƯỜNG VỤ HUYỆN ỦY", "KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY" (thông báo kết luận)
                of = OF_INSIDE.search(text) if not OF_LINE.match(f) else None
                h.of_line = Found((text[of.end() :] if of else text[3:]).strip(), ln, "header.of_line")
                continue
            if vv := SUBJECT_VV.match(f):
                text = text[vv.end() :]
                h.subject_is_vv = True
            if text:
                h.subject = Found(_continue(zone, i, text), ln, "header.subject")
            continue
        # 7. Left column: capitals above the symbol (or the type line when there is no symbol).
        if text and symbol_idx is None and type_idx is None:
            if ln.is_upper or Line(0, 0, text, f).is_upper:
                h.left_lines.append((_without_trailing_marks(text), ln))
    if garbled_place:
        _place_from_issuer(h, garbled_place)
    if body == len(header_zone(nb)) and h.subject is not None:
        # no paragraph opener found (a short document fits in the zone): the body follows the subject
        h.body_start = next((k + 1 for k, ln in enumerate(nb) if ln is h.subject.line), body)
    if h.recipients is None:
        h.recipients = _recipients(nb[: max(body + 15, 60)])
    return h


# "- Căn cứ Điều lệ Đảng ...;": the first ground of a decision, which a scan prints right under the
# subject with no blank line between them (a text file has the title's rule there).
BULLETED_CLAUSE = re.compile(r"^[-–+]\s+[A-ZÀ-ỸĐ]")


def _continue(zone: list[Line], i: int, first: str) -> str:
    """The subject and the lines that continue it (until a blank line or another header part)."""
    parts = [first.strip()]
    prev = zone[i]
    for ln in zone[i + 1 :]:
        if ln.page != prev.page or ln.line > prev.line + 3:
            break
        if ln.line != prev.line + 1 and not re.match(r"[a-zà-ỹđ(“\"']", ln.text):
            break  # after a blank line (OCR puts one after every line) only a lower-case continuation goes on
        f = ln.fold
        if (
            RECIPIENTS.match(f)
            or ln.is_upper
            and (PARTY_MOTTO.search(f) or STATE_MOTTO.search(f))
            or PLACE_DATE.match(f)
            or BODY_START.match(f)
            or SO_SYMBOL.match(f)
            or SEPARATOR.match(ln.text)
            or BULLETED_CLAUSE.match(ln.text)
        ):
            break
        if _paragraph_after(prev.text, ln.text):
            break
        if ln.is_upper and not zone[i].is_upper:
            break
        parts.append(ln.text)
        prev = ln
    return " ".join(p for p in parts if p).strip()


def _under_type(zone: list[Line], i: int) -> bool:
    """The line right under the type line (or under its ``CỦA ...`` line) is the subject, even
    when it starts like a body paragraph (``thực hiện Chỉ thị số 41-CT/TW ...``)."""
    prev = zone[i - 1]
    if type_of_line(prev):
        return True
    return (
        i >= 2
        and prev.is_upper
        and bool(OF_LINE.match(prev.fold) or OF_INSIDE.search(prev.fold))
        and bool(type_of_line(zone[i - 2]))
    )


def _paragraph_after(prev: str, line: str) -> bool:
    """A text layer without blank lines: the subject's last line is short, then the body's first
    line, full width, starts with a capital (``... lịch sử Đảng`` / ``Sau hơn 05 năm ...``)."""
    first = line.lstrip()[:1]
    return bool(first) and first.isupper() and len(prev.strip()) < 0.8 * len(line.strip()) and len(line) > 50


def _recipients(lines: list[Line]) -> Found | None:
    for i, ln in enumerate(lines):
        m = RECIPIENTS.match(ln.fold)
        if not m:
            continue
        items: list[str] = []
        rest = ln.text[m.end() :].strip()
        if rest:
            items.extend(p for p in re.split(r"\s+[-–]\s+", BULLET.sub("", rest)) if p)
        for nxt in lines[i + 1 :]:
            if BULLET.match(nxt.text):
                items.append(BULLET.sub("", nxt.text))
            elif (
                not rest
                and len(nxt.text) < 120
                and (
                    not items
                    and nxt.text.rstrip().endswith((";", ","))
                    or items
                    and items[-1].rstrip().endswith((";", ","))
                )
            ):  # unbulleted items, one a line, closed by ";" (an HTML list or paragraphs)
                items.append(nxt.text)
            elif items and nxt.text[:1].islower() and not rest:
                items[-1] += " " + nxt.text
            else:
                break
        items = [it.strip().rstrip(",;.").strip() for it in items if it.strip(" ,;.")]
        return Found(items, ln, "header.kinh_gui") if items else None
    return None
