"""Every page through the one Vietnamese normaliser before anything reads or indexes it."""

from __future__ import annotations

import re
from typing import Any

from haystack import component, default_from_dict, default_to_dict

from ingest.types import ConvertedDoc
from sulieu.text import normalize_text, normalize_words

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_page_text(text: str) -> str:
    """NFC and Đ fix (sulieu.text), one space between words, lines kept, at most one blank line."""
    text = normalize_text(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", ln).strip() for ln in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


def _normalize_words(words: list) -> None:
    """Only changed words are touched."""
    for word, new in zip(words, normalize_words([w.text for w in words]), strict=True):
        if new != word.text:
            word.text = new


@component
class TextNormalizer:
    """Normalises page text and word-box text in place; the document passes through."""

    def __init__(self, *, normalize_words: bool = True) -> None:
        self.normalize_words = normalize_words

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, normalize_words=self.normalize_words)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TextNormalizer:
        return default_from_dict(cls, data)

    @component.output_types(document=ConvertedDoc)
    def run(self, document: ConvertedDoc) -> dict[str, ConvertedDoc]:
        for page in document.pages:
            page.text = normalize_page_text(page.text)
            if self.normalize_words and page.words:
                _normalize_words(page.words)
        document.extractors.setdefault("text_normalizer", "1")
        return {"document": document}
