"""Word (.docx) -> pages: paragraphs and tables in document order, split at page breaks.

Party documents typed in Word usually put the two-column header in a borderless
two-column table; reading that table row by row would interleave issuing body and motto,
so a leading two-column table is read column by column (left, then right).
"""

from __future__ import annotations

import os
import unicodedata
import zipfile
from typing import Any

from haystack import component, default_from_dict, default_to_dict

from ingest.convert_io import library_errors_as_corrupt, source_name
from ingest.legacy_encodings import (
    could_be_legacy,
    decode_tcvn3,
    decode_vni,
    fix_legacy_text,
    font_encoding,
)
from ingest.types import ConvertedDoc, PageDraft, SourceFile
from sulieu.errors import CorruptFile, EmptyDocument, InputError, NotFound

CONVERTER_VERSION = "1"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PAGE_BREAK = "\f"


class _Fonts:
    """Which font each run is set in (run, character style, paragraph style, document default).

    Documents typed with ``.VnTime``/``VNI-Times`` keep legacy codes in ``<w:t>``; the font
    name says how to decode them, and ``.VnTimeH`` that the text displays in capitals.
    """

    def __init__(self, styles_el: Any | None) -> None:
        self.styles: dict[str, tuple[str | None, str | None]] = {}
        self.default: str | None = None
        self.used: dict[str, int] = {}
        if styles_el is None:
            return
        defaults = styles_el.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.default = _rfonts(defaults)
        for st in styles_el.findall(f"{_W}style"):
            based = st.find(f"{_W}basedOn")
            self.styles[st.get(f"{_W}styleId", "")] = (
                _rfonts(st.find(f"{_W}rPr")),
                based.get(f"{_W}val") if based is not None else None,
            )

    def style_font(self, style_id: str | None) -> str | None:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            font, style_id = self.styles.get(style_id, (None, None))
            if font:
                return font
        return None

    def paragraph_font(self, p_el: Any) -> str | None:
        ps = p_el.find(f"{_W}pPr/{_W}pStyle")
        font = self.style_font(ps.get(f"{_W}val")) if ps is not None else None
        return font or self.style_font("Normal") or self.default

    def run_font(self, r_el: Any, paragraph_font: str | None) -> str | None:
        rpr = r_el.find(f"{_W}rPr")
        if rpr is not None:
            font = _rfonts(rpr)
            if font:
                return font
            rs = rpr.find(f"{_W}rStyle")
            if rs is not None:
                font = self.style_font(rs.get(f"{_W}val"))
                if font:
                    return font
        return paragraph_font

    def decode(self, text: str, font: str | None) -> str:
        if not font or not text:
            return text
        enc, upper = font_encoding(font)
        if enc is None or not could_be_legacy(text):
            return text  # Unicode in a legacy-named font: Word draws it with a substitute font
        self.used[enc] = self.used.get(enc, 0) + len(text)
        return decode_tcvn3(text, upper=upper) if enc == "tcvn3" else decode_vni(text)


def _rfonts(rpr: Any | None) -> str | None:
    if rpr is None:
        return None
    rf = rpr.find(f"{_W}rFonts")
    if rf is None:
        return None
    return rf.get(f"{_W}ascii") or rf.get(f"{_W}hAnsi") or rf.get(f"{_W}cs")


def _paragraph_text(p_el: Any, fonts: _Fonts) -> str:
    """Text of a <w:p> with tabs, line breaks and page breaks (as \\f), legacy fonts decoded."""
    parts: list[str] = []
    ppr = p_el.find(f"{_W}pPr")
    if ppr is not None:
        pbb = ppr.find(f"{_W}pageBreakBefore")
        if pbb is not None and pbb.get(f"{_W}val", "true") not in ("0", "false"):
            parts.append(PAGE_BREAK)
    para_font = fonts.paragraph_font(p_el)
    run_fonts: dict[Any, str | None] = {}
    for el in p_el.iter():
        tag = el.tag
        if tag == f"{_W}t":
            run = el.getparent()
            if run is not None and run.tag == f"{_W}r":
                if run not in run_fonts:
                    run_fonts[run] = fonts.run_font(run, para_font)
                parts.append(fonts.decode(el.text or "", run_fonts[run]))
            else:
                parts.append(el.text or "")
        elif tag == f"{_W}tab":
            if el.getparent() is not None and el.getparent().tag == f"{_W}r":
                parts.append("\t")
        elif tag == f"{_W}br":
            parts.append(PAGE_BREAK if el.get(f"{_W}type") == "page" else "\n")
        elif tag == f"{_W}cr":
            parts.append("\n")
    if ppr is not None:
        sect = ppr.find(f"{_W}sectPr")
        if sect is not None:
            kind = sect.find(f"{_W}type")
            if kind is None or kind.get(f"{_W}val") in (None, "nextPage", "oddPage", "evenPage"):
                parts.append(PAGE_BREAK)
    return "".join(parts)


def _cell_text(tc_el: Any, fonts: _Fonts) -> str:
    paras = [_paragraph_text(p, fonts).replace(PAGE_BREAK, "") for p in tc_el.iter(f"{_W}p")]
    return "\n".join(p for p in paras if p.strip())


def _table_text(tbl_el: Any, fonts: _Fonts, *, column_major: bool) -> str:
    rows = []
    for tr in tbl_el.findall(f"{_W}tr"):
        rows.append([_cell_text(tc, fonts) for tc in tr.findall(f"{_W}tc")])
    if column_major and rows and all(len(r) == 2 for r in rows):
        left = [r[0] for r in rows if r[0].strip()]
        right = [r[1] for r in rows if r[1].strip()]
        return "\n".join(left + right)
    return "\n".join("\t".join(c.replace("\n", " ") for c in r) for r in rows if any(c.strip() for c in r))


@component
class DocxConverter:
    """python-docx reads the package; the body is walked directly to keep tables in place."""

    def __init__(self, *, header_table_columns: bool = True) -> None:
        self.header_table_columns = header_table_columns

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, header_table_columns=self.header_table_columns)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocxConverter:
        return default_from_dict(cls, data)

    @component.output_types(document=ConvertedDoc)
    def run(self, source: SourceFile) -> dict[str, ConvertedDoc]:
        with library_errors_as_corrupt(source, "DOCX"):
            return self._convert(source)

    def _convert(self, source: SourceFile) -> dict[str, ConvertedDoc]:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        name = source_name(source)
        if not os.path.exists(source.path):
            raise NotFound(f"Không tìm thấy tệp “{name}”.", detail=source.path)
        try:
            document = docx.Document(source.path)
        except PermissionError as exc:
            raise InputError(f"Không có quyền đọc tệp “{name}”.", detail=str(exc)) from exc
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise CorruptFile(f"Tệp DOCX “{name}” bị hỏng, không mở được.", detail=str(exc)) from exc
        except Exception as exc:  # lxml syntax errors and the like from a damaged package
            raise CorruptFile(
                f"Tệp DOCX “{name}” bị hỏng, không mở được.", detail=f"{type(exc).__name__}: {exc}"
            ) from exc
        try:
            styles_el = document.styles.element
        except (KeyError, ValueError, AttributeError):
            styles_el = None
        fonts = _Fonts(styles_el)
        blocks: list[str] = []
        body_seen = 0
        for el in document.element.body.iterchildren():
            if el.tag == f"{_W}p":
                text = _paragraph_text(el, fonts)
                body_seen += len(text.strip())
                blocks.append(text)
            elif el.tag == f"{_W}tbl":
                header = self.header_table_columns and body_seen < 200
                blocks.append(_table_text(el, fonts, column_major=header))
                body_seen += 200 if not header else 0
        text = "\n".join(blocks)
        text = unicodedata.normalize("NFC", text)
        legacy = max(fonts.used, key=lambda k: fonts.used[k]) if fonts.used else None
        if not legacy:  # no legacy font named: judge the text itself
            text, legacy = fix_legacy_text(text)
        pages: list[PageDraft] = []
        for chunk in text.split(PAGE_BREAK):
            pages.append(PageDraft(number=len(pages) + 1, text=chunk.strip("\n"), source="text"))
        while len(pages) > 1 and not pages[-1].text.strip():
            pages.pop()
        if not any(p.text.strip() for p in pages):
            raise EmptyDocument(f"Tệp DOCX “{name}” không có nội dung chữ.")
        extractors = {"docx_converter": CONVERTER_VERSION, "python-docx": getattr(docx, "__version__", "?")}
        if legacy:
            extractors["legacy_encoding"] = legacy
        return {"document": ConvertedDoc(source=source, pages=pages, extractors=extractors)}
