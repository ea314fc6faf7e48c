"""What flows between ingest components (one file at a time through the pipeline)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sulieu.model import Citation, ContentsEntry, DocumentMetadata, Heading, PageMark, WordBox

FileKind = Literal["pdf", "docx", "text", "html", "image"]


@dataclass
class SourceFile:
    path: str
    original_name: str
    sha256: str
    mime: str
    size: int
    kind: FileKind


@dataclass
class PageDraft:
    """A page on its way into the archive.

    ``needs_ocr`` marks a page whose text must come from OCR (image-only page, empty or
    garbage text layer); the OCR component fills ``text``/``words``/``confidence``.
    ``image_file`` is a staged page image (in the archive's tmp/ folder) that the writer
    moves under pages/<id>/; PDF pages need none, their images are rendered on demand.
    """

    number: int
    text: str = ""
    source: Literal["text", "text_layer", "ocr"] = "text"
    needs_ocr: bool = False
    width: int | None = None
    height: int | None = None
    words: list[WordBox] | None = None
    # OCR word boxes go straight to a staged JSON file, so a 600-page book does not hold
    # its ~250,000 boxes in memory (about 0.5 MB per page as objects); the writer moves it.
    words_file: str | None = None
    confidence: float | None = None
    needs_review: bool = False
    ocr: dict[str, Any] | None = None
    image_file: str | None = None
    thumbnail_file: str | None = None  # staged thumbnail of image_file (OCR'd pages), moved likewise
    printed_number: str | None = None
    marks: list[PageMark] = field(default_factory=list)  # a book page's running header, number, footnotes
    note: str | None = None

    def word_boxes(self) -> list[WordBox]:
        """The page's word boxes, wherever they are kept."""
        if self.words is not None:
            return self.words
        if self.words_file:
            return [WordBox.model_validate(w) for w in json.loads(Path(self.words_file).read_text(encoding="utf-8"))]
        return []


@dataclass
class ConvertedDoc:
    source: SourceFile
    pages: list[PageDraft]
    extractors: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    metadata: DocumentMetadata | None = None
    citations: list[Citation] = field(default_factory=list)
    structure: list[Heading] = field(default_factory=list)
    contents: list[ContentsEntry] = field(default_factory=list)  # a book's MỤC LỤC

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)
