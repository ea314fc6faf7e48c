"""The ingest pipeline: Haystack components wired once, savable as YAML.

    sniffer ─┬─ pdf ──┐
             ├─ docx ─┤
             ├─ text ─┼─ joiner ─ ocr ─ normalizer ─ understand ─ writer
             ├─ html ─┤
             └─ image ┘

A user can save the pipeline (``sulieu pipeline save FILE``), edit it (another OCR
engine, other settings) and point ``SULIEU_PIPELINE`` at the edited file.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from pathlib import Path  # noqa: E402

from haystack import Pipeline  # noqa: E402
from haystack.components.joiners import BranchJoiner  # noqa: E402

from ingest.types import ConvertedDoc  # noqa: E402
from sulieu.settings import Settings  # noqa: E402
from sulieu.store import ArchiveStore  # noqa: E402

KINDS = ("pdf", "docx", "text", "html", "image")
TRUSTED_MODULES = ["ingest.components", "ingest.types"]


def build_pipeline(settings: Settings, *, ocr_jobs: int = 1) -> Pipeline:
    from ingest.components.archive_writer import ArchiveWriter
    from ingest.components.docx_converter import DocxConverter
    from ingest.components.file_sniffer import FileSniffer
    from ingest.components.html_converter import HtmlConverter
    from ingest.components.image_converter import ImageConverter
    from ingest.components.metadata_extractor import MetadataExtractor
    from ingest.components.page_ocr import PageOcr
    from ingest.components.pdf_converter import PdfConverter
    from ingest.components.text_converter import TextConverter
    from ingest.components.text_normalizer import TextNormalizer

    tmp = str(ArchiveStore(settings.archive).tmp_dir)
    p = Pipeline()
    p.add_component("sniffer", FileSniffer(max_file_mb=settings.max_file_mb))
    p.add_component("pdf", PdfConverter())
    p.add_component("docx", DocxConverter())
    p.add_component("text", TextConverter())
    p.add_component("html", HtmlConverter())
    p.add_component(
        "image",
        ImageConverter(staging_dir=tmp, max_image_pixels=settings.max_image_pixels),
    )
    p.add_component("joiner", BranchJoiner(ConvertedDoc))
    p.add_component(
        "ocr",
        PageOcr(
            lang=settings.ocr_lang,
            dpi=settings.ocr_dpi,
            tesseract_cmd=settings.tesseract_cmd,
            review_confidence=settings.ocr_review_confidence,
            max_image_pixels=settings.max_image_pixels,
            staging_dir=tmp,
            jobs=ocr_jobs,
        ),
    )
    p.add_component("normalizer", TextNormalizer())
    p.add_component("understand", MetadataExtractor())
    p.add_component("writer", ArchiveWriter())
    for kind in KINDS:
        p.connect(f"sniffer.{kind}", f"{kind}.source")
        p.connect(f"{kind}.document", "joiner.value")
    p.connect("joiner.value", "ocr.document")
    p.connect("ocr.document", "normalizer.document")
    p.connect("normalizer.document", "understand.document")
    p.connect("understand.document", "writer.document")
    return p


def load_pipeline(settings: Settings, *, ocr_jobs: int = 1) -> Pipeline:
    """The user's saved pipeline when ``settings.pipeline`` names one, else the default."""
    if settings.pipeline:
        with open(settings.pipeline, encoding="utf-8") as f:
            # Haystack only deserialises classes from modules it is told to trust.
            return Pipeline.loads(f.read(), allowed_modules=TRUSTED_MODULES)
    return build_pipeline(settings, ocr_jobs=ocr_jobs)


def save_pipeline(pipeline: Pipeline, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        pipeline.dump(f)


def run_pipeline(pipeline: Pipeline, path: Path, *, archive: Path, original_name: str | None = None,
                 access: str = "public", user: str = "cli") -> dict:
    """Run one file through the pipeline; returns the writer's output."""
    out = pipeline.run(
        {
            "sniffer": {"path": str(path), "original_name": original_name or path.name},
            "writer": {"access": access, "user": user, "archive": str(archive)},
        }
    )
    return out["writer"]
