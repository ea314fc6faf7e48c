"""Scanned images (JPEG, PNG, TIFF incl. multi-page, BMP, WebP) → pages waiting for OCR.

Only headers are read here (format, frames, pixel counts): decoding is the OCR workers' job,
done in parallel and one page at a time. Single-frame files are staged by hard link (or copy);
the frames of a multi-page TIFF are staged one by one as lossless PNGs. A frame over the pixel
limit (a decompression bomb) becomes a page with a note, and the rest of the file is kept.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

from haystack import component, default_from_dict, default_to_dict
from PIL import Image

from ingest.ocr.folder_book import book_from_folder, bundle_pdf
from ingest.ocr.images import check_pixels, open_image, pixel_limit
from ingest.ocr.preprocess import to_8bit
from ingest.types import ConvertedDoc, PageDraft, SourceFile
from sulieu.errors import CorruptFile, EmptyDocument, SulieuError, TooLarge
from sulieu.settings import DEFAULT_MAX_IMAGE_PIXELS
from sulieu.store import sha256_file

CONVERTER_VERSION = "1"
MAX_FRAMES = 5000


def _stage_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


@component
class ImageConverter:
    """One ``PageDraft`` per image frame, ``needs_ocr=True``, with a staged page image."""

    def __init__(self, *, staging_dir: str = "archive_data/tmp", max_image_pixels: int = DEFAULT_MAX_IMAGE_PIXELS) -> None:
        self.staging_dir = staging_dir
        self.max_image_pixels = max_image_pixels

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, staging_dir=self.staging_dir, max_image_pixels=self.max_image_pixels)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImageConverter:
        return default_from_dict(cls, data)

    def _staging(self) -> Path:
        p = Path(self.staging_dir)
        p.mkdir(parents=True, exist_ok=True)
        return p

    @component.output_types(document=ConvertedDoc)
    def run(self, source: SourceFile) -> dict[str, ConvertedDoc]:
        name = source.original_name or Path(source.path).name
        if Path(source.path).is_dir():  # a book: a folder of page images (FileSniffer._book)
            return self.run_folder(source.path, original_name=name if name.lower().endswith(".pdf") else f"{name}.pdf")
        img = open_image(source.path, name, self.max_image_pixels)
        stem = f"img-{source.sha256[:12]}-{uuid.uuid4().hex[:6]}"
        doc = ConvertedDoc(source=source, pages=[], extractors={"image_converter": CONVERTER_VERSION})
        try:
            n = getattr(img, "n_frames", 1) or 1
            if n > MAX_FRAMES:
                raise TooLarge(f"Ảnh “{name}” có {n} trang, vượt giới hạn {MAX_FRAMES}.")
            if n == 1:
                check_pixels(img, name, self.max_image_pixels)
                dst = self._staging() / f"{stem}-0001{Path(source.path).suffix.lower() or '.img'}"
                _stage_copy(Path(source.path), dst)
                doc.pages.append(PageDraft(number=1, source="ocr", needs_ocr=True, image_file=str(dst),
                                           width=img.width, height=img.height))
                return {"document": doc}
            for i in range(n):
                doc.pages.append(self._stage_frame(img, i, name, stem, doc.warnings))
        finally:
            img.close()
        if all(p.image_file is None for p in doc.pages):
            raise CorruptFile(f"Không đọc được trang nào của ảnh “{name}”.", detail="; ".join(doc.warnings))
        return {"document": doc}

    def _stage_frame(self, img: Image.Image, i: int, name: str, stem: str, warnings: list[str]) -> PageDraft:
        page = PageDraft(number=i + 1, source="ocr", needs_ocr=True)
        try:
            img.seek(i)
            check_pixels(img, name, self.max_image_pixels, i)
            page.width, page.height = img.size
            with pixel_limit(self.max_image_pixels):
                frame = img.copy()
                frame.load()
            dst = self._staging() / f"{stem}-{i + 1:04d}.png"
            info = {"dpi": img.info["dpi"]} if "dpi" in img.info else {}
            frame = to_8bit(frame)  # CMYK, 16-bit, palette, alpha → L/RGB
            frame.save(dst, "PNG", compress_level=1, **info)
            page.image_file = str(dst)
        except SulieuError as e:
            page.note, page.needs_review = e.message, True
            warnings.append(e.message)
        except (OSError, EOFError, ValueError, SyntaxError) as e:
            msg = f"Trang {i + 1} của ảnh “{name}” bị hỏng, không đọc được: {e}"
            page.note, page.needs_review = msg, True
            warnings.append(msg)
        return page

    def run_folder(self, folder: str, *, original_name: str | None = None) -> dict[str, ConvertedDoc]:
        """A folder of page images, ordered naturally, as one book.

        The images are bundled into one image-only PDF in the staging folder; it becomes the
        document's source (its sha256 is the document id; the writer stores it as the original).
        Pages OCR the images themselves. Unreadable images keep their page with a note.
        """
        path = Path(folder)
        images = book_from_folder(path)
        if not images:
            raise EmptyDocument(f"Thư mục “{path.name}” không có ảnh trang nào (JPEG, PNG, TIFF, BMP, WebP).")
        staging = self._staging()
        fd, tmp = tempfile.mkstemp(dir=staging, prefix="book-", suffix=".pdf")
        os.close(fd)
        problems = bundle_pdf(images, Path(tmp), self.max_image_pixels)
        sha = sha256_file(Path(tmp))
        bundle = staging / f"book-{sha[:16]}.pdf"
        os.replace(tmp, bundle)
        source = SourceFile(path=str(bundle), original_name=original_name or f"{path.name}.pdf",
                            sha256=sha, mime="application/pdf", size=bundle.stat().st_size, kind="pdf")
        doc = ConvertedDoc(source=source, pages=[], extractors={"image_converter": CONVERTER_VERSION,
                                                                 "folder_book": hashlib.sha256(
                                                                     "\n".join(p.name for p in images).encode()
                                                                 ).hexdigest()[:12]})
        stem = f"book-{sha[:12]}-{uuid.uuid4().hex[:6]}"
        for i, (img_path, problem) in enumerate(zip(images, problems, strict=True), 1):
            page = PageDraft(number=i, source="ocr", needs_ocr=True, printed_number=None)
            if problem:
                page.note, page.needs_review = problem, True
                doc.warnings.append(problem)
                page.needs_ocr = False
            else:
                dst = staging / f"{stem}-{i:04d}{img_path.suffix.lower()}"
                _stage_copy(img_path, dst)
                page.image_file = str(dst)
            doc.pages.append(page)
        return {"document": doc}
