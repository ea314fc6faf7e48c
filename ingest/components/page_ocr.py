"""OCR every page marked ``needs_ocr``: scans, image-only PDF pages, garbage text layers.

Pages are read in a process pool (one single-threaded Tesseract per core), a few at a time,
so memory stays flat whatever the book's length. Per page it keeps the text, word boxes with
confidences (in pixels of the staged viewer image), the mean confidence, the engine and its
settings, and a viewer JPEG plus thumbnail. Low-confidence and empty pages are flagged
``needs_review``. A page that cannot be read (damaged, too large) keeps its place with a
Vietnamese note; only a document with nothing readable at all is refused.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import json  # noqa: E402
import uuid  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from haystack import component, default_from_dict, default_to_dict  # noqa: E402

from ingest.convert_io import is_inside  # noqa: E402
from ingest.ocr import preprocess, tesseract  # noqa: E402
from ingest.ocr.pool import run_pages  # noqa: E402
from ingest.ocr.worker import LOW_COVERAGE, PageResult, PageTask  # noqa: E402
from ingest.types import ConvertedDoc, PageDraft  # noqa: E402
from sulieu.errors import CorruptFile, TooLarge  # noqa: E402
from sulieu.settings import DEFAULT_MAX_IMAGE_PIXELS  # noqa: E402
from sulieu.store import ArchiveStore  # noqa: E402
from sulieu.text import normalize_words  # noqa: E402

OCR_COMPONENT_VERSION = "1"


@component
class PageOcr:
    """Fills the OCR fields of ``needs_ocr`` pages; other pages pass through untouched."""

    def __init__(
        self,
        *,
        lang: str = "vie",
        dpi: int = 300,
        tesseract_cmd: str = "tesseract",
        review_confidence: float = 75.0,
        max_image_pixels: int = DEFAULT_MAX_IMAGE_PIXELS,
        staging_dir: str = "archive_data/tmp",
        jobs: int = 0,
        psm: int = 3,
        steps: list[str] | None = None,
    ) -> None:
        self.lang = lang
        self.dpi = dpi
        self.tesseract_cmd = tesseract_cmd
        self.review_confidence = review_confidence
        self.max_image_pixels = max_image_pixels
        self.staging_dir = staging_dir
        self.jobs = jobs
        self.psm = psm
        self.steps = list(steps) if steps is not None else None

    @classmethod
    def from_settings(cls, settings: Any, *, jobs: int | None = None) -> PageOcr:
        return cls(lang=settings.ocr_lang, dpi=settings.ocr_dpi, tesseract_cmd=settings.tesseract_cmd,
                   review_confidence=settings.ocr_review_confidence, max_image_pixels=settings.max_image_pixels,
                   staging_dir=str(ArchiveStore(settings.archive).tmp_dir), jobs=settings.jobs if jobs is None else jobs)

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(
            self, lang=self.lang, dpi=self.dpi, tesseract_cmd=self.tesseract_cmd,
            review_confidence=self.review_confidence, max_image_pixels=self.max_image_pixels,
            staging_dir=self.staging_dir, jobs=self.jobs, psm=self.psm, steps=self.steps,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageOcr:
        return default_from_dict(cls, data)

    def _task(self, doc: ConvertedDoc, page: PageDraft) -> PageTask | None:
        name = doc.source.original_name or Path(doc.source.path).name
        stem = f"ocr-{doc.source.sha256[:12]}"
        common: dict[str, Any] = dict(number=page.number, name=name, staging_dir=self.staging_dir, stem=stem, lang=self.lang,
                      tesseract_cmd=self.tesseract_cmd, psm=self.psm, dpi=self.dpi,
                      max_image_pixels=self.max_image_pixels,
                      steps=tuple(self.steps) if self.steps is not None else preprocess.DEFAULT_STEPS)
        if page.image_file:
            return PageTask(kind="image", path=page.image_file, index=0, **common)
        if doc.source.kind == "pdf":
            return PageTask(kind="pdf", path=doc.source.path, index=page.number - 1, **common)
        return None

    @component.output_types(document=ConvertedDoc)
    def run(self, document: ConvertedDoc) -> dict[str, ConvertedDoc]:
        todo = [p for p in document.pages if p.needs_ocr]
        if not todo:
            return {"document": document}
        version = tesseract.ensure_available(self.tesseract_cmd, self.lang)  # OcrUnavailable with the fix
        by_number = {p.number: p for p in todo}
        tasks = [t for t in (self._task(document, p) for p in todo) if t is not None]
        failures: list[PageResult] = []
        for result in run_pages(tasks, jobs=self.jobs, count=len(tasks)):
            page = by_number[result.number]
            self._apply(document, page, result)
            if result.error_code:
                failures.append(result)
        document.extractors["ocr"] = f"{OCR_COMPONENT_VERSION}; tesseract {version}; {self.lang}"
        readable = [p for p in document.pages if p.text.strip()]
        if failures and not readable and len(failures) == len(tasks):
            first = failures[0]
            exc = TooLarge if first.error_code == "too_large" else CorruptFile
            raise exc(first.note or "Không đọc được trang nào của tài liệu.",
                      detail="; ".join(f.note or "" for f in failures[:5]))
        return {"document": document}

    def _apply(self, doc: ConvertedDoc, page: PageDraft, r: PageResult) -> None:
        staged_input = page.image_file if page.image_file and page.image_file != r.image_file else None
        page.needs_ocr = False
        if r.error_code:
            page.needs_review = True
            page.note = r.note
            doc.warnings.append(f"Trang {page.number}: {r.note}")
            # a PDF page keeps its (empty or garbage) text layer; nothing better exists
            return
        page.source = "ocr"
        page.text = r.text
        page.words = None
        page.words_file = self._stage_words(r) if r.words else None
        page.confidence = r.confidence
        page.width, page.height = r.width, r.height
        page.image_file, page.thumbnail_file = r.image_file, r.thumbnail_file
        page.ocr = r.ocr
        page.note = r.note
        page.needs_review = r.confidence is None or r.confidence < self.review_confidence or not r.text.strip()
        if page.needs_review and r.confidence is not None and r.text.strip():
            page.note = f"Độ tin cậy OCR thấp ({r.confidence:.0f}/100), cần rà soát."
        elif r.coverage is not None and r.coverage < LOW_COVERAGE and r.text.strip():
            # confident words, but most of the page's ink was never read
            page.needs_review = True
            page.note = f"Chỉ nhận dạng được khoảng {r.coverage:.0%} phần chữ trên trang, cần rà soát."
        if is_inside(staged_input, self.staging_dir):
            Path(staged_input).unlink(missing_ok=True)  # the viewer JPEG replaces the staged scan

    def _stage_words(self, r: PageResult) -> str:
        """Word boxes (text normalised like the page text) to a JSON file beside the staged image."""
        fixed = normalize_words([w[0] for w in r.words])
        boxes = [{"text": t, "x0": x0, "y0": y0, "x1": x1, "y1": y1, "conf": c}
                 for t, (_, x0, y0, x1, y1, c) in zip(fixed, r.words, strict=True)]
        base = Path(r.image_file).with_suffix("") if r.image_file else Path(self.staging_dir) / uuid.uuid4().hex
        path = base.with_name(base.name + ".words.json")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(boxes, ensure_ascii=False), encoding="utf-8")
        return str(path)
