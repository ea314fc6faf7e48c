"""``understand(pages)``: every rule run over one document, with evidence for each field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ingest.understand.book_layout import book_layout, footnoted
from ingest.understand.casing import restore_case
from ingest.understand.citations import find_citations
from ingest.understand.closing import unflatten
from ingest.understand.credits import find_credits
from ingest.understand.dates import worded_date
from ingest.understand.entities import mend_year_span, people_in, period_in, places_in_text
from ingest.understand.gazetteer import gazetteer
from ingest.understand.header import Found, Header, parse_header
from ingest.understand.issuer import find_issuer, find_province, group_bodies, level_of, places_in
from ingest.understand.lines import Line, fold_same, nonblank, split_lines
from ingest.understand.marks import find_marks
from ingest.understand.signer import find_distribution, find_signature
from ingest.understand.structure import find_structure
from ingest.understand.titlepage import TitlePage, mended_period, title_page
from sulieu.doctypes import issuer_name, type_code, type_name
from sulieu.model import Citation, ContentsEntry, DocumentMetadata, Evidence, Heading, PageMark, Signer, System
from sulieu.ocr_confusions import repair_symbol
from sulieu.symbols import parse_symbol
from sulieu.text import fold

EXTRACTOR_VERSION = "understand-1"

# Laws carry no date in the header: "Luật này được Quốc hội ... thông qua ngày 05 tháng 12 năm 2025."
ADOPTED = re.compile(r"thong qua\b[^.;]{0,60}?ngay")
# Text in another language (vbpl.vn mixes in English translations): few Vietnamese letters.
VIET_LETTERS = re.compile(r"[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)
ENGLISH_WORDS = re.compile(r"\b(?:the|of|and|to|on|in|for|this|shall)\b", re.IGNORECASE)
PARTY_HINT = re.compile(r"\b(dang uy|quan uy|huyen uy|tinh uy|thanh uy|dang bo|chi bo)\b")


@dataclass
class Understanding:
    metadata: DocumentMetadata
    citations: list[Citation] = field(default_factory=list)
    structure: list[Heading] = field(default_factory=list)
    contents: list[ContentsEntry] = field(default_factory=list)  # a book's MỤC LỤC, as printed
    printed: list[str | None] | None = None  # a book's printed page numbers, one a scan page
    marks: dict[int, list[PageMark]] = field(default_factory=dict)  # a book's furniture lines, by scan page


class _Evidence:
    def __init__(self) -> None:
        self.items: dict[str, Evidence] = {}

    def put(self, name: str, line: Line | None, rule: str, confidence: float = 1.0) -> None:
        self.items[name] = Evidence(
            confidence=round(confidence, 2),
            page=line.page if line else None,
            line=line.line if line else None,
            rule=rule,
        )

    def found(self, name: str, f: Found[Any] | None) -> None:
        if f is not None:
            self.put(name, f.line, f.rule, f.confidence)


def understand(pages: list[str]) -> Understanding:
    pages = [unflatten(p) for p in pages]
    lines = split_lines(pages)
    nb = nonblank(lines)
    ev = _Evidence()
    md = DocumentMetadata()
    if _is_foreign(nb):
        return _understand_foreign(pages, lines, ev, md)
    book = title_page(nb) if not any(_has_symbol_line(ln) for ln in nb[:12]) else None
    if book is not None:
        return _understand_book(book, pages, lines, ev, md)
    nb = _read_marks(nb, md, ev)  # a mark is no line of the header: "MẬT" is not part of the issuer
    h = parse_header(nb)
    parsed = _read_symbol(h, md, ev)
    # System: the motto, else the symbol's shape and the bodies named.
    if h.system:
        md.system = h.system.value
        ev.found("system", h.system)
    _read_date_place(h, nb, md, ev)
    _read_doc_type(h, parsed, md, ev)
    sig = _read_signature(h, nb, md, ev)
    info = _read_issuer(h, nb, sig, md, ev)
    _authority_from_of_line(h, md, ev)
    _derive_classification(parsed, info, md, ev)
    _read_subject_title(h, md, ev)

    # Places and people named; citations; structure.
    full = "\n".join(ln.text for ln in lines)
    md.places = places_in_text(full, [md.place] if md.place else None, "\n".join(ln.fold for ln in lines))
    md.people = people_in(full, [sig.name] if sig else None)
    own_key = md.symbol_key if md.number else None
    citations = find_citations(pages, own_key=own_key, system=md.system)
    structure = find_structure(lines)
    md.evidence = ev.items
    return Understanding(metadata=md, citations=citations, structure=structure)


def _is_foreign(nb: list[Line]) -> bool:
    """Text in another language (vbpl.vn mixes in English translations): few Vietnamese letters."""
    sample = "\n".join(ln.text for ln in nb[:80])[:3000]
    return len(VIET_LETTERS.findall(sample)) < 10 and len(ENGLISH_WORDS.findall(sample)) >= 10


def _understand_foreign(pages: list[str], lines: list[Line], ev: _Evidence, md: DocumentMetadata) -> Understanding:
    """Not Vietnamese: the header rules would read garbage, so only the language, the citations
    (symbols are language-neutral) and the structure are given."""
    md.language = "en"
    ev.put("language", None, "text.no_vietnamese_letters", 0.9)
    md.evidence = ev.items
    return Understanding(metadata=md, citations=find_citations(pages), structure=find_structure(lines))


def _read_symbol(h: Header, md: DocumentMetadata, ev: _Evidence):
    """Symbol, number, type code, issuer code; returns the parsed symbol the later rules lean on."""
    parsed = None
    if h.symbol is not None:
        md.symbol = h.symbol.value or None
        ev.found("symbol", h.symbol)
        repair = repair_symbol(md.symbol) if md.symbol else None
        if repair is not None:  # an OCR misreading ("20-CT/IW"): the repair, with what was read
            md.symbol = repair.parsed.normalized
            ev.put("symbol", h.symbol.line, f"symbol.ocr_repair.{repair.how}", repair.confidence)
            ev.items["symbol"].read = repair.read
        parsed = parse_symbol(md.symbol) if md.symbol else None
        if parsed and parsed.number:
            md.symbol_normalized, md.symbol_key = parsed.normalized, parsed.key
        if parsed:  # a blank number ("Số: /UBND-VX", a draft) identifies no document: no key
            md.number = parsed.number
            md.issuer_code = parsed.issuer_code
            for name in ("symbol_normalized", "symbol_key", "issuer_code"):
                if getattr(md, name):
                    ev.put(name, h.symbol.line, "symbol.parse")
            if parsed.number:
                ev.put("number", h.symbol.line, "symbol.parse")
    return parsed


def _read_date_place(h: Header, nb: list[Line], md: DocumentMetadata, ev: _Evidence) -> None:
    """Date and place; laws carry no header date, so fall back to the body's "thông qua ngày"."""
    if h.date:
        md.date = h.date.value
        ev.found("date", h.date)
    else:
        for ln in reversed(nb):
            am = ADOPTED.search(ln.fold)
            if am:
                d = worded_date(ln.fold, am.end() - 4)
                if d:
                    md.date = d.iso
                    ev.put("date", ln, "body.adopted_on", 0.9)
                    break
    if h.place:
        md.place = h.place.value
        ev.found("place", h.place)


def _read_doc_type(h: Header, parsed, md: DocumentMetadata, ev: _Evidence) -> None:
    """Type: the header's type line; else the symbol's type code; else V/v means công văn."""
    if h.doc_type:
        md.doc_type = h.doc_type.value
        ev.found("doc_type", h.doc_type)
    elif parsed and parsed.type_code:
        md.doc_type = type_name(parsed.type_code, md.system or parsed.system)
        ev.put("doc_type", h.symbol.line if h.symbol else None, "symbol.type_code", 0.9)
    elif h.subject_is_vv:
        md.doc_type = "Công văn"
        ev.put("doc_type", h.subject.line if h.subject else None, "header.vv_means_cong_van", 0.85)


def _read_signature(h: Header, nb: list[Line], md: DocumentMetadata, ev: _Evidence):
    """Signature block, distribution list (searched after the header) and recipients; returns the
    signature, whose name and "on behalf of" later rules use."""
    sig = find_signature(nb, h.body_start)
    if sig:
        md.signer = Signer(
            authority=sig.authority,
            on_behalf_of=sig.on_behalf_of,
            position=sig.position,
            name=sig.name,
            chain=sig.chain,
        )
        ev.put("signer", sig.name_line, "signature.block", 0.95 if sig.authority else 0.85)
    dist = find_distribution(nb[h.body_start :])
    if dist:
        md.distribution = dist[0]
        ev.put("distribution", dist[1], "signature.noi_nhan")
    if h.recipients:
        md.recipients = h.recipients.value
        ev.found("recipients", h.recipients)
    return sig


def _read_marks(nb: list[Line], md: DocumentMetadata, ev: _Evidence) -> list[Line]:
    """"Dự thảo", "Mật", "Khẩn" ... as printed near the header (evidence: the first one's line);
    returns the lines without them."""
    marks = find_marks(nb)
    if not marks:
        return nb
    md.marks = [m for m, _ in marks]
    ev.put("marks", marks[0][1], "header.marks", 0.9)
    taken = {id(ln) for _, ln in marks}
    return [ln for ln in nb if id(ln) not in taken]


def _read_issuer(h: Header, nb: list[Line], sig, md: DocumentMetadata, ev: _Evidence):
    """Issuer and superior body; returns the match, whose line and confidence back level and province."""
    bodies = group_bodies(h.left_lines)
    of_line = (h.of_line.value, h.of_line.line) if h.of_line else None
    info = find_issuer(bodies, of_line, md.issuer_code, md.place, nb, sig.on_behalf_of if sig else None)
    if info.issuer:
        md.issuer = info.issuer
        ev.put("issuer", info.line, info.rule, info.confidence)
    if info.parent:
        md.issuer_parent = info.parent
        ev.put("issuer_parent", info.line, info.parent_rule, info.parent_confidence)
    return info


def _authority_from_of_line(h: Header, md: DocumentMetadata, ev: _Evidence) -> None:
    """No signature block, but the type line says whose it is ("THÔNG BÁO / CỦA BAN THƯỜNG VỤ HUYỆN ỦY"):
    that body is the authority a citation names, as a signature "T/M Ban Thường vụ" would say."""
    if md.signer is not None or h.of_line is None:
        return
    folded = fold(h.of_line.value)
    for key, name in _OF_LINE_BODIES:
        if folded.startswith(key):
            md.signer = Signer(on_behalf_of=name)
            ev.put("signer", h.of_line.line, "header.of_line_authority", 0.7)
            return


_OF_LINE_BODIES = (("ban thuong vu", "Ban Thường vụ"), ("thuong truc", "Thường trực"),
                   ("bo chinh tri", "Bộ Chính trị"), ("ban bi thu", "Ban Bí thư"))


def _derive_classification(parsed, info, md: DocumentMetadata, ev: _Evidence) -> None:
    """What follows from the fields already read: system (no motto), type code, level, province."""
    if md.system is None:
        md.system, rule = _system_fallback(parsed, md.issuer, md.signer)
        if md.system:
            ev.put("system", None, rule, 0.8)
    if md.doc_type:
        md.doc_type_code = (
            parsed.type_code
            if parsed and parsed.type_code and type_name(parsed.type_code, md.system) == md.doc_type
            else None
        ) or type_code(md.doc_type, md.system)
        if md.doc_type_code:
            ev.put("doc_type_code", None, "doctypes.code", ev.items["doc_type"].confidence)
    md.level = level_of(md.issuer, md.issuer_parent)
    if md.level:
        ev.put("level", info.line, "issuer.level", info.confidence)
    md.province, prov_rule = find_province(md.issuer, md.issuer_parent, md.place, md.level)
    if md.province:
        ev.put("province", info.line, f"province.{prov_rule}", 0.9 if prov_rule != "place" else 0.75)


def _read_subject_title(h: Header, md: DocumentMetadata, ev: _Evidence) -> None:
    """Subject, the title built from type and subject, and the period the subject names."""
    if h.subject:
        md.subject = mend_year_span(h.subject.value)  # "giai đoạn 2024 2026": a dash lost in a scan
        ev.found("subject", h.subject)
    if md.doc_type and md.subject:
        joiner = " về việc " if h.subject_is_vv else " "
        md.title = f"{md.doc_type}{joiner}{md.subject}"
    elif md.subject:
        md.title = md.subject
    elif md.doc_type:
        md.title = md.doc_type + (f" số {md.symbol_normalized}" if md.symbol_normalized else "")
    if md.title:
        ev.put("title", h.subject.line if h.subject else None, "title.type+subject", 0.9)
    md.period = period_in(md.subject) or period_in(md.title)
    if md.period:
        ev.put("period", h.subject.line if h.subject else None, "entities.period")


def _has_symbol_line(ln: Line) -> bool:
    return bool(re.match(r"^s[o0]\s*[:.]?\s*\d", ln.fold))


def _understand_book(book: TitlePage, pages: list[str], lines: list[Line], ev: _Evidence, md: DocumentMetadata):
    """A book: what its title page prints (body, title, place and year); no symbol, no signer."""
    if book.body:
        md.issuer = restore_case(book.body[0])
        ev.put("issuer", book.body[1], "title_page.body", 0.85)
        province, district = places_in(md.issuer)
        if district and province and re.search(r"\b(huyen|quan|thi xa)\b", fold_same(md.issuer)):
            kind = gazetteer().province_kind.get(province, "Tỉnh")
            md.issuer_parent = f"Đảng bộ {'thành phố' if kind == 'Thành phố' else 'tỉnh'} {province}"
            ev.put("issuer_parent", None, "gazetteer.district_province", 0.6)
    md.subject = md.title = book.title
    md.doc_type = "Sách"
    credits = find_credits(nonblank(lines))
    if credits.roles.get("editor_in_chief"):
        md.editor_in_chief = credits.roles["editor_in_chief"][0]
        ev.put("editor_in_chief", credits.line, "credits.chu_bien", 0.85)
    md.compilers = credits.roles.get("compilers", [])
    ev.put("doc_type", book.title_line, "title_page", 0.85)
    if book.publisher:
        name = re.sub(r"^(?:nhà xuất bản|nxb)\s*", "", book.publisher[0], flags=re.IGNORECASE)
        md.publisher = f"Nhà xuất bản {restore_case(name)}"
        ev.put("publisher", book.publisher[1], "title_page.publisher", 0.85)
    ev.put("subject", book.title_line, "title_page.title", 0.85)
    ev.put("title", book.title_line, "title_page.title", 0.85)
    if book.place:
        md.place = restore_case(book.place) if book.place.isupper() else book.place  # "HÀ NỘI - 2024"
        md.date = book.year
        ev.put("place", book.imprint_line, "title_page.imprint", 0.85)
        ev.put("date", book.imprint_line, "title_page.imprint", 0.85)
    md.system = "party" if md.issuer and PARTY_HINT.search(fold_same(md.issuer)) else None
    if md.system:
        ev.put("system", None, "issuer.party_committee", 0.8)
    md.level = level_of(md.issuer)
    md.province, prov_rule = find_province(md.issuer, md.issuer_parent, md.place, md.level)
    if md.level:
        ev.put("level", None, "issuer.level", 0.8)
    if md.province:
        ev.put("province", None, f"province.{prov_rule}", 0.8)
    layout, printed = book_layout(nonblank(lines), len(pages), book.title)
    structure = find_structure(lines, layout)
    mended = mended_period(md.title, structure)
    md.period = period_in(md.title)
    if md.period:
        ev.put("period", book.title_line, "entities.period")
    elif mended:
        md.subject = md.title = mended.title
        md.period = period_in(md.title)
        line = book.title_line
        for name in ("title", "subject", "period"):
            ev.items[name] = Evidence(confidence=0.7, page=line.page if line else None, line=line.line if line else None,
                                      rule="title_page.period_by_chapters", read=mended.read)
    full = "\n".join(ln.text for ln in lines)
    md.places = places_in_text(full, [md.place] if md.place else None, "\n".join(ln.fold for ln in lines))
    md.people = people_in(full, None)
    md.evidence = ev.items
    citations = footnoted(find_citations(pages, system=md.system), layout)
    contents = [ContentsEntry(title=e.title, printed_page=e.printed_page, page=e.page) for e in layout.contents]
    return Understanding(md, citations, structure, contents, printed, layout.marks())


def _system_fallback(parsed, issuer: str | None, signer: Signer | None) -> tuple[System | None, str]:
    """No motto: Party if the issuer is a Party committee or the symbol is NUMBER-TYPE/ISSUER."""
    from ingest.understand.lines import fold_same

    if issuer and PARTY_HINT.search(fold_same(issuer)):
        return "party", "issuer.party_committee"
    if parsed and parsed.system:
        return parsed.system, "symbol.shape"
    if signer and signer.authority and "/" in signer.authority:
        return "party", "signature.party_authority"
    if issuer:
        return "state", "issuer.state_body"
    return None, ""


__all__ = ["EXTRACTOR_VERSION", "Understanding", "understand", "issuer_name", "restore_case"]
