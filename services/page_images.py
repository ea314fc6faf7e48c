"""Page images, thumbnails and word boxes for the viewer.

Scans keep the page image written at ingest (``Page.image``). PDF pages are rendered on demand
with pypdfium2 and cached under ``<archive>/pages/<id>/`` (written atomically: a half-rendered
file is never served). Word boxes are in ``Page.width`` x ``Page.height`` coordinates; for
PDF pages without stored boxes they are read from the text layer with pdfplumber and scaled
to those coordinates (PDF points when the page has no pixel size).
"""

from __future__ import annotations

import io
import json
import threading
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from search_engine.highlight import matching_words, query_terms_to_mark
from search_engine.query import parse_query
from sulieu.errors import CorruptFile, NotFound, TooLarge
from sulieu.model import Page, Record, WordBox
from sulieu.store import ArchiveStore, atomic_write_bytes
from sulieu.text import normalize_text

RENDER_DPI = 150
THUMB_WIDTH = 240
MAX_WORDS_PER_PAGE = 20_000
_PDFIUM_LOCK = threading.Lock()  # pdfium is not thread-safe


@dataclass(frozen=True)
class PageFile:
    path: Path
    media_type: str


_MEDIA = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
          ".tif": "image/tiff", ".tiff": "image/tiff", ".gif": "image/gif", ".bmp": "image/bmp"}


def get_page(record: Record, number: int) -> Page:
    for p in record.pages:
        if p.number == number:
            return p
    raise NotFound(f"Tài liệu có {len(record.pages)} trang; không có trang {number}.")


def _is_pdf(record: Record) -> bool:
    return record.provenance.mime == "application/pdf"


def has_page_images(mime: str) -> bool:
    """Scans keep their page images; PDF pages are rendered on demand; text documents have none."""
    return mime == "application/pdf" or mime.startswith("image/")


def _original(store: ArchiveStore, record: Record) -> Path:
    path = store.original_path(record.provenance.sha256)
    if not path.exists():
        raise NotFound("Không tìm thấy tệp gốc của tài liệu trong kho.")
    return path


def _render_pdf_page(pdf_path: Path, index: int, dpi: int, max_pixels: int) -> bytes:
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(str(pdf_path))
        except pdfium.PdfiumError as e:
            raise CorruptFile("Không mở được tệp PDF gốc để dựng ảnh trang.", detail=str(e)) from e
        try:
            page = pdf[index]
            w, h = page.get_size()
            scale = dpi / 72
            if w * scale * h * scale > max_pixels:
                scale = (max_pixels / (w * h)) ** 0.5
            bitmap = page.render(scale=scale)
            img = bitmap.to_pil()
            buf = io.BytesIO()
            img.convert("RGB").save(buf, format="PNG", optimize=False)
            return buf.getvalue()
        finally:
            pdf.close()


def page_image(store: ArchiveStore, record: Record, number: int, *, max_pixels: int) -> PageFile:
    page = get_page(record, number)
    if page.image:
        path = store.resolve_relative(page.image)
        if path.exists():
            return PageFile(path, _MEDIA.get(path.suffix.lower(), "application/octet-stream"))
    if not _is_pdf(record):
        raise NotFound("Trang này không có ảnh (tài liệu dạng văn bản).")
    cached = store.pages_dir(record.id) / f"{number:04d}.render.png"
    if not cached.exists():
        data = _render_pdf_page(_original(store, record), number - 1, RENDER_DPI, max_pixels)
        atomic_write_bytes(cached, data)
    return PageFile(cached, "image/png")


def page_thumbnail(store: ArchiveStore, record: Record, number: int, *, max_pixels: int) -> PageFile:
    page = get_page(record, number)
    if page.thumbnail:
        path = store.resolve_relative(page.thumbnail)
        if path.exists():
            return PageFile(path, _MEDIA.get(path.suffix.lower(), "image/jpeg"))
    cached = store.pages_dir(record.id) / f"{number:04d}.thumb-gen.jpg"
    if not cached.exists():
        src = page_image(store, record, number, max_pixels=max_pixels)
        with Image.open(src.path) as img:
            if img.width * img.height > max_pixels:
                raise TooLarge("Ảnh trang vượt giới hạn điểm ảnh.")
            img.draft("RGB", (THUMB_WIDTH * 2, THUMB_WIDTH * 4))
            thumb = img.convert("RGB")
            thumb.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 4))
            buf = io.BytesIO()
            thumb.save(buf, format="JPEG", quality=80)
        atomic_write_bytes(cached, buf.getvalue())
    return PageFile(cached, "image/jpeg")


def _pdf_words(pdf_path: Path, index: int) -> tuple[float, float, list[WordBox]]:
    import pdfplumber

    try:
        with pdfplumber.open(str(pdf_path)) as pdf:
            p = pdf.pages[index]
            words = p.extract_words(keep_blank_chars=False, use_text_flow=True)[:MAX_WORDS_PER_PAGE]
            return float(p.width), float(p.height), [
                WordBox(text=normalize_text(w["text"]), x0=w["x0"], y0=w["top"], x1=w["x1"], y1=w["bottom"])
                for w in words
            ]
    except Exception as e:  # pdfminer raises many kinds; the file was readable at ingest
        raise CorruptFile("Không đọc được lớp chữ của trang PDF.", detail=type(e).__name__) from e


def page_words(store: ArchiveStore, record: Record, number: int) -> tuple[float | None, float | None, list[WordBox]]:
    """Word boxes of a page and the coordinate space they are in (width, height)."""
    page = get_page(record, number)
    if page.words:
        path = store.resolve_relative(page.words)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raw = []
        except (OSError, ValueError) as e:
            raise CorruptFile("Tệp vị trí từ của trang bị hỏng.", detail=str(e)) from e
        return page.width, page.height, [WordBox.model_validate(w) for w in raw[:MAX_WORDS_PER_PAGE]]
    if _is_pdf(record) and page.source != "ocr":
        cached = store.pages_dir(record.id) / f"{number:04d}.pdfwords.json"
        if cached.exists():
            data = json.loads(cached.read_text(encoding="utf-8"))
            pw, ph, words = data["width"], data["height"], [WordBox.model_validate(w) for w in data["words"]]
        else:
            with _PDFIUM_LOCK:
                pw, ph, words = _pdf_words(_original(store, record), number - 1)
            atomic_write_bytes(cached, json.dumps(
                {"width": pw, "height": ph, "words": [w.model_dump() for w in words]}, ensure_ascii=False
            ).encode("utf-8"))
        if page.width and page.height and pw and ph:
            sx, sy = page.width / pw, page.height / ph
            words = [WordBox(text=w.text, x0=w.x0 * sx, y0=w.y0 * sy, x1=w.x1 * sx, y1=w.y1 * sy, conf=w.conf)
                     for w in words]
            return page.width, page.height, words
        return pw, ph, words
    return page.width, page.height, []


def query_fold_keys(q: str) -> set[str]:
    """Folded syllable keys of the positive words of a query (the search language, field terms left out)."""
    parsed = parse_query(q)
    return {k for t in parsed.positive_text_terms() for k in t.fold}


def hit_indices(words: list[WordBox], q: str) -> tuple[list[str], list[int]]:
    """Positions of the words the query marks (``search_engine.highlight``: the exact form of an accented
    word, every form of one typed without diacritics, a symbol only where it stands whole), with the
    folded keys of the query's terms."""
    terms = query_terms_to_mark(q)
    if not terms:
        return [], []
    found = matching_words([normalize_text(w.text) for w in words], terms)
    return sorted({k for t in terms for k in t.fold}), sorted(found)


def hit_boxes(words: list[WordBox], q: str) -> tuple[list[str], list[WordBox]]:
    """Boxes of the words the query marks (``hit_indices``)."""
    keys, found = hit_indices(words, q)
    return keys, [words[i] for i in found]


__all__ = ["PageFile", "get_page", "has_page_images", "hit_indices", "page_image", "page_thumbnail", "page_words", "hit_boxes", "query_fold_keys"]
