"""Saved web pages (portal copies of directives) -> one page of readable text."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from haystack import component, default_from_dict, default_to_dict

from ingest.convert_io import library_errors_as_corrupt, read_bytes, source_name
from ingest.legacy_encodings import decode_bytes, fix_legacy_text
from ingest.types import ConvertedDoc, PageDraft, SourceFile
from sulieu.errors import CorruptFile, EmptyDocument

CONVERTER_VERSION = "1"
_DROP = ("script", "style", "nav", "noscript", "template", "iframe", "svg", "form", "button", "select")
_BLOCK = (
    "p", "div", "section", "article", "main", "header", "footer", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "blockquote", "pre", "address", "figure",
    "figcaption", "hr", "center", "title",
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)


def _decode_html(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:4096])
    if m:
        charset = m.group(1).decode("ascii").lower()
        try:
            return data.decode(charset), charset
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


@component
class HtmlConverter:
    """Scripts, styles and navigation dropped; block elements become line breaks."""

    def __init__(self, *, drop_tags: list[str] | None = None) -> None:
        self.drop_tags = list(drop_tags) if drop_tags is not None else list(_DROP)

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, drop_tags=self.drop_tags)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HtmlConverter:
        return default_from_dict(cls, data)

    @component.output_types(document=ConvertedDoc)
    def run(self, source: SourceFile) -> dict[str, ConvertedDoc]:
        with library_errors_as_corrupt(source, "HTML"):
            return self._convert(source)

    def _convert(self, source: SourceFile) -> dict[str, ConvertedDoc]:
        import bs4
        from bs4 import BeautifulSoup

        name = source_name(source)
        data = read_bytes(source)
        try:
            html, encoding = _decode_html(data)
            soup = BeautifulSoup(html, "html.parser")
        except Exception as exc:  # html.parser is lenient; anything it raises means a broken file
            raise CorruptFile(f"Không đọc được tệp HTML “{name}”.", detail=f"{type(exc).__name__}: {exc}") from exc
        for tag in soup(self.drop_tags):
            tag.decompose()
        for comment in soup.find_all(string=lambda s: isinstance(s, bs4.Comment)):
            comment.extract()
        for br in soup.find_all("br"):
            br.replace_with("\n")
        for cell in soup.find_all(["td", "th"]):
            cell.insert_after("\t")
        for tag in soup.find_all(_BLOCK):
            tag.insert_before("\n")
            tag.insert_after("\n")
        text = soup.get_text()
        lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.split("\n")]
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
        text, legacy = fix_legacy_text(unicodedata.normalize("NFC", text))
        if not text:
            raise EmptyDocument(f"Tệp HTML “{name}” không có nội dung chữ.")
        extractors = {"html_converter": CONVERTER_VERSION, "beautifulsoup4": bs4.__version__, "encoding": encoding}
        if legacy:
            extractors["legacy_encoding"] = legacy
        page = PageDraft(number=1, text=text, source="text")
        return {"document": ConvertedDoc(source=source, pages=[page], extractors=extractors)}
