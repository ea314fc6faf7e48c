"""Plain text and Markdown (the form of our seed documents) -> pages split at form feeds."""

from __future__ import annotations

from typing import Any

from haystack import component, default_from_dict, default_to_dict

from ingest.convert_io import library_errors_as_corrupt, read_bytes, source_name
from ingest.convert_markdown import looks_like_markdown, strip_markdown
from ingest.legacy_encodings import decode_bytes
from ingest.types import ConvertedDoc, PageDraft, SourceFile
from sulieu.errors import CorruptFile, EmptyDocument

CONVERTER_VERSION = "1"


@component
class TextConverter:
    """Detects UTF-8/UTF-16/CP1258/TCVN3/VNI; strips Markdown when the file uses it."""

    def __init__(self, *, strip_markdown: bool = True) -> None:
        self.strip_markdown = strip_markdown

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, strip_markdown=self.strip_markdown)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TextConverter:
        return default_from_dict(cls, data)

    @component.output_types(document=ConvertedDoc)
    def run(self, source: SourceFile) -> dict[str, ConvertedDoc]:
        with library_errors_as_corrupt(source, "văn bản"):
            return self._convert(source)

    def _convert(self, source: SourceFile) -> dict[str, ConvertedDoc]:
        name = source_name(source)
        data = read_bytes(source)
        try:
            text, encoding = decode_bytes(data)
        except (UnicodeDecodeError, LookupError) as exc:
            raise CorruptFile(f"Không giải mã được tệp văn bản “{name}”.", detail=str(exc)) from exc
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        extractors = {"text_converter": CONVERTER_VERSION, "encoding": encoding}
        markdown = self.strip_markdown and (source.mime == "text/markdown" or looks_like_markdown(text))
        chunks = text.split("\f")
        pages: list[PageDraft] = []
        for chunk in chunks:
            body = strip_markdown(chunk) if markdown else chunk
            pages.append(PageDraft(number=len(pages) + 1, text=body.strip("\n"), source="text"))
        while len(pages) > 1 and not pages[-1].text.strip():
            pages.pop()  # a trailing form feed is not an extra page
        if not any(p.text.strip() for p in pages):
            raise EmptyDocument(f"Tệp “{name}” không có nội dung chữ.")
        if markdown:
            extractors["markdown"] = "stripped"
        return {"document": ConvertedDoc(source=source, pages=pages, extractors=extractors)}
