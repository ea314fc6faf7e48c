"""PDF -> pages: pypdfium2 for the text layer and word boxes; page-1 header put in reading order.

Speed budget: pypdfium2 reads hundreds of pages a second, pdfplumber about
nine. The two header columns of page 1 are separated from word positions
(``ingest.convert_layout``): by default the pdfium word boxes already extracted, or
pdfplumber's words for that one page (``header_engine="pdfplumber"``: same split, measured
1.4-2.8x the CPU per page over bench/pdf_throughput.py's sets). Pages whose text layer is
empty, tiny, garbage, or a few lines printed over a full-page image are marked
``needs_ocr`` for the OCR component; their ``source`` stays "text_layer" until OCR fills them.

Word boxes are in PDF points, origin at the top left of the crop box; ``PageDraft.width``
and ``height`` are the page size in points (rounded).
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from pathlib import Path
from typing import Any, Literal

import pypdfium2 as pdfium
from haystack import component, default_from_dict, default_to_dict
from pydantic import TypeAdapter

from ingest.convert_layout import Word, header_columns, layout_text, splice_header
from ingest.convert_pdfium import char_fonts, image_coverage, page_words
from ingest.legacy_encodings import (
    LEGACY_SIGNS,
    LEGACY_SIGNS_RE,
    decode_by_fonts,
    decode_tcvn3,
    decode_vni,
    fix_legacy_text,
)
from ingest.types import ConvertedDoc, PageDraft, SourceFile
from sulieu.errors import (
    CorruptFile,
    EmptyDocument,
    EncryptedFile,
    InputError,
    NotFound,
    SulieuError,
)
from sulieu.model import WordBox

log = logging.getLogger(__name__)

CONVERTER_VERSION = "1"
_WORDBOXES = TypeAdapter(list[WordBox])
HeaderEngine = Literal["pdfplumber", "pdfium", "none"]
_ERR_PASSWORD = 4
_ERR_SECURITY = 6


def _versions() -> dict[str, str]:
    import pdfplumber

    return {
        "pdf_converter": CONVERTER_VERSION,
        "pypdfium2": str(pdfium.PYPDFIUM_INFO),
        "pdfium": str(pdfium.PDFIUM_INFO.build),
        "pdfplumber": pdfplumber.__version__,
    }


_BAD = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_ALNUM = re.compile(r"[^\W_]")
_LETTER = re.compile(r"[^\W\d_]")
_SPACE = re.compile(r"\s")


def _is_garbage(text: str) -> bool:
    """Text a font without a usable ToUnicode map produces: symbols, private-use codes, U+FFFD."""
    visible = len(text) - len(_SPACE.findall(text))
    if visible < 30:
        return False
    bad = len(_BAD.findall(text))
    alnum = len(_ALNUM.findall(text))
    return bad / visible > 0.1 or alnum / visible < 0.4


@component
class PdfConverter:
    """Born-digital and scanned PDFs; page numbers, sizes and word boxes in PDF points."""

    def __init__(self, *, header_engine: HeaderEngine = "pdfium", word_boxes: bool = True,
                 min_letters: int = 20, image_page_letters: int = 600, image_page_cover: float = 0.2) -> None:
        if header_engine not in ("pdfplumber", "pdfium", "none"):
            raise ValueError(f"header_engine must be pdfplumber, pdfium or none, not {header_engine!r}")
        self.header_engine = header_engine
        self.word_boxes = word_boxes
        self.min_letters = min_letters
        self.image_page_letters = image_page_letters
        self.image_page_cover = image_page_cover

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(
            self, header_engine=self.header_engine, word_boxes=self.word_boxes, min_letters=self.min_letters,
            image_page_letters=self.image_page_letters, image_page_cover=self.image_page_cover,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PdfConverter:
        return default_from_dict(cls, data)

    @component.output_types(document=ConvertedDoc)
    def run(self, source: SourceFile) -> dict[str, ConvertedDoc]:
        name = source.original_name or Path(source.path).name
        try:
            return {"document": self._convert(source, name)}
        except SulieuError:
            raise
        except pdfium.PdfiumError as exc:
            raise CorruptFile(f"Tệp PDF “{name}” bị hỏng, không đọc được.", detail=str(exc)) from exc
        except MemoryError as exc:
            raise InputError(f"Tệp PDF “{name}” quá phức tạp để đọc.", detail=str(exc)) from exc
        except Exception as exc:  # a library failing on a malformed file must not escape untranslated
            log.exception("PDF conversion failed: %s", name)
            raise CorruptFile(f"Không chuyển đổi được tệp PDF “{name}”: tệp bị hỏng hoặc không chuẩn.",
                              detail=f"{type(exc).__name__}: {exc}") from exc

    # --- internals -------------------------------------------------------------------

    def _open(self, path: str, name: str) -> pdfium.PdfDocument:
        try:
            complete = _has_eof_marker(path)
        except FileNotFoundError as exc:
            raise NotFound(f"Không tìm thấy tệp “{name}”.", detail=path) from exc
        except PermissionError as exc:
            raise InputError(f"Không có quyền đọc tệp “{name}”.", detail=str(exc)) from exc
        except OSError as exc:
            raise InputError(f"Không đọc được tệp “{name}”.", detail=str(exc)) from exc
        if not complete:
            raise CorruptFile(
                f"Tệp PDF “{name}” bị cắt cụt (thiếu phần cuối tệp); hãy tải lại bản đầy đủ.",
                detail="no %%EOF marker near the end of the file",
            )
        try:
            return pdfium.PdfDocument(path)
        except pdfium.PdfiumError as exc:
            code = getattr(exc, "err_code", None)
            if code in (_ERR_PASSWORD, _ERR_SECURITY):
                raise EncryptedFile(
                    f"Tệp PDF “{name}” được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi nhập lại.",
                    detail=str(exc),
                ) from exc
            if _pdfminer_page_count(path) == 0:  # pdfium refuses page-less documents outright
                raise EmptyDocument(f"Tệp PDF “{name}” không có trang nào.", detail=str(exc)) from exc
            raise CorruptFile(f"Tệp PDF “{name}” bị hỏng, không mở được.", detail=str(exc)) from exc

    def _convert(self, source: SourceFile, name: str) -> ConvertedDoc:
        pdf = self._open(source.path, name)
        try:
            n_pages = len(pdf)
            if n_pages == 0:
                raise EmptyDocument(f"Tệp PDF “{name}” không có trang nào.")
            doc = ConvertedDoc(source=source, pages=[], extractors=_versions())
            legacy: set[str] = set()
            first_words: list[Word] | None = None
            first_raw: str | None = None
            for index in range(n_pages):
                draft, words, raw = self._page(pdf, index, name, legacy)
                doc.pages.append(draft)
                if index == 0:
                    first_words, first_raw = words, raw
            if legacy:
                doc.extractors["legacy_encoding"] = ",".join(sorted(legacy))
            if self.header_engine != "none" and not doc.pages[0].needs_ocr:
                self._reflow_header(source.path, doc.pages[0], first_words, first_raw, doc)
            return doc
        finally:
            pdf.close()

    def _page(self, pdf: pdfium.PdfDocument, index: int, name: str,
              legacy: set[str]) -> tuple[PageDraft, list[Word] | None, str | None]:
        """The page, its words (for the header pass) and its raw pdfium text when no legacy
        decoding changed it (so word offsets still point into it)."""
        try:
            page = pdf[index]
        except pdfium.PdfiumError as exc:
            raise CorruptFile(f"Trang {index + 1} của tệp PDF “{name}” bị hỏng.", detail=str(exc)) from exc
        try:
            width, height = page.get_size()
            crop = page.get_bbox()  # effective crop box; get_cropbox() ignores inherited boxes
            textpage = page.get_textpage()
            try:
                # pdfium marks a hyphen it found at a line break as U+FFFE; it is a printed "-"
                # (symbols like 01/2022/TTLT-VKSNDTC-TANDTC break there). Same length: offsets hold.
                raw = textpage.get_text_range().replace("\ufffe", "-")
                want_words = self.word_boxes or (index == 0 and self.header_engine == "pdfium")
                words = page_words(textpage, raw, left=crop[0], top=crop[3]) if want_words else None
                fonts = None
                if LEGACY_SIGNS_RE.search(raw) and len(raw) == textpage.count_chars():
                    fonts = char_fonts(textpage, len(raw))
            finally:
                textpage.close()
            text, enc = decode_by_fonts(raw, fonts) if fonts else (raw, None)
            if enc and words and fonts:  # enc is set only when fonts decoded the text
                words = [
                    Word(decode_by_fonts(w.text, fonts[w.start : w.start + len(w.text)])[0],
                         w.x0, w.top, w.x1, w.bottom, w.start)
                    for w in words
                ]
            text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
            if not enc:  # no legacy font named: judge the text itself
                text, enc = fix_legacy_text(text)
                if enc and words:
                    words = _fix_words(words, enc)
            if enc:
                legacy.add(enc)
            letters = len(_LETTER.findall(text))
            draft = PageDraft(number=index + 1, text=text.strip("\n"), source="text_layer",
                              width=round(width), height=round(height))
            if words and self.word_boxes:
                # One validator call per page (measured faster than WordBox(...) per word).
                draft.words = _WORDBOXES.validate_python([
                    {"text": unicodedata.normalize("NFC", w.text), "x0": round(w.x0, 2), "y0": round(w.top, 2),
                     "x1": round(w.x1, 2), "y1": round(w.bottom, 2)}
                    for w in words
                ])
            reason = None
            if letters < self.min_letters:
                reason = "lớp chữ trống hoặc quá ít chữ"
            elif _is_garbage(text):
                reason = "lớp chữ lỗi mã (không đọc được)"
            elif letters < self.image_page_letters:
                if image_coverage(page, width, height) >= self.image_page_cover:
                    reason = "trang chủ yếu là ảnh quét"
            if reason:
                draft.needs_ocr = True
                draft.note = f"Cần OCR: {reason}."
            return draft, words, (None if enc else raw)
        finally:
            page.close()

    def _reflow_header(self, path: str, draft: PageDraft, words: list[Word] | None, raw: str | None,
                       doc: ConvertedDoc) -> None:
        """Put page 1's two-column header in reading order (left column, then right)."""
        width, height = float(draft.width or 0), float(draft.height or 0)
        if self.header_engine == "pdfplumber":
            words = _pdfplumber_words(path)
            if not words:
                return
            text, reordered = layout_text(words, width, height)
        else:
            if not words:
                return
            found = header_columns(words, width, height)
            if found is None:
                return
            reordered = True
            if raw is not None and all(w.start >= 0 for w in words):
                text = splice_header(raw, words, found[0], found[1]).replace("\r\n", "\n").replace("\r", "\n")
            else:  # legacy-decoded page: offsets no longer match, rebuild from positions
                text, reordered = layout_text(words, width, height)
        if reordered:
            text, _ = fix_legacy_text(unicodedata.normalize("NFC", text))
            draft.text = text.strip("\n")
            doc.extractors["header_layout"] = self.header_engine


def _fix_words(words: list[Word], encoding: str) -> list[Word]:
    """Decode the legacy words of a page; Unicode words (a mixed page) are left alone."""
    fn = decode_tcvn3 if encoding == "tcvn3" else decode_vni
    out = []
    for w in words:
        text = fn(w.text) if any(c in LEGACY_SIGNS for c in w.text) else w.text
        out.append(Word(text, w.x0, w.top, w.x1, w.bottom, w.start))
    return out


def _pdfplumber_words(path: str) -> list[Word]:
    import pdfplumber

    with pdfplumber.open(path, pages=[1]) as pdf:
        if not pdf.pages:
            return []
        page = pdf.pages[0]
        x_off, y_off = page.bbox[0], page.bbox[1]
        raw = page.extract_words(x_tolerance=3, y_tolerance=3, keep_blank_chars=False)
    return [
        Word(unicodedata.normalize("NFC", w["text"]), w["x0"] - x_off, w["top"] - y_off,
             w["x1"] - x_off, w["bottom"] - y_off)
        for w in raw
    ]


def _pdfminer_page_count(path: str) -> int | None:
    """Second opinion on a file pdfium will not load: its page count, or None if unreadable."""
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        with open(path, "rb") as f:
            document = PDFDocument(PDFParser(f))
            return sum(1 for _ in PDFPage.create_pages(document))
    except Exception:  # any failure means "no second opinion"
        return None


def _has_eof_marker(path: str, tail: int = 4096) -> bool:
    """A complete PDF ends with ``%%EOF`` (possibly followed by whitespace or junk)."""
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        f.seek(max(0, size - tail))
        return b"%%EOF" in f.read()
