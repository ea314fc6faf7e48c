"""Understanding step of the ingest pipeline: metadata, citations and structure from page texts.

The rules live in ``ingest.understand`` (readable, one module per concern); this component
only feeds them the document's pages and stores the result on the ``ConvertedDoc``.
"""

from __future__ import annotations

from typing import Any

from haystack import component, default_from_dict, default_to_dict

from ingest.types import ConvertedDoc
from ingest.understand import printed_page_numbers
from ingest.understand.extract import EXTRACTOR_VERSION, understand


@component
class MetadataExtractor:
    """Fills ``document.metadata`` (with evidence per field), ``.citations`` and ``.structure``."""

    def __init__(self, *, citations: bool = True, structure: bool = True) -> None:
        self.citations = citations
        self.structure = structure

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, citations=self.citations, structure=self.structure)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MetadataExtractor:
        return default_from_dict(cls, data)

    @component.output_types(document=ConvertedDoc)
    def run(self, document: ConvertedDoc) -> dict[str, ConvertedDoc]:
        texts = [p.text or "" for p in document.pages]
        u = understand(texts)
        if len(texts) > 1:  # printed page numbers only mean something in a multi-page file
            numbers = u.printed if u.printed is not None else printed_page_numbers(texts)
            for page, number in zip(document.pages, numbers, strict=True):
                if page.printed_number is None and number is not None:
                    page.printed_number = number
        document.contents = u.contents
        for i, page in enumerate(document.pages, start=1):
            page.marks = u.marks.get(i, [])
        document.metadata = u.metadata
        document.citations = u.citations if self.citations else []
        if self.structure:
            printed = {i + 1: p.printed_number for i, p in enumerate(document.pages)}
            for h in u.structure:
                if h.printed_page is None:
                    h.printed_page = printed.get(h.page)
            document.structure = u.structure
        else:
            document.structure = []
        document.extractors["metadata_extractor"] = EXTRACTOR_VERSION
        return {"document": document}
