"""Page texts → lines a rule can address by (page, line), with a folded view for matching.

Text may come from a text layer, DOCX, markdown-ish exports or OCR, so markup (``**``,
``*``, ``#``) is stripped and a folded copy of the same length is kept: rules match
the folded copy (robust to dropped diacritics and ``Đ/D``) and slice the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sulieu.text import normalize_text

# Markdown emphasis and heading marks left by converters; bullet stars stay meaningful only
# as a lone "*" (the Party header ornament), which we also drop.
_MARKUP = re.compile(r"\*+|^#+\s*|_{3,}|^-{3,}\s*$")
_SPACES = re.compile(r"[ \t\u200e\u200f]+")


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


# One translate table for ASCII capitals and every Latin letter Vietnamese uses (U+00C0-U+024F,
# U+1E00-U+1EFF); characters outside it are kept, so the length never changes.
_FOLD_TABLE = {
    cp: ord(_fold_char(chr(cp))) for r in (range(65, 91), range(0xC0, 0x250), range(0x1E00, 0x1F00)) for cp in r
}


def fold_same(text: str) -> str:
    """``fold`` that keeps the length, so a match span in the folded text slices the original."""
    return text.translate(_FOLD_TABLE)


@dataclass(slots=True)
class Line:
    page: int  # 1-based page in scan order
    line: int  # 1-based line on the page (as split by newlines, blank lines counted)
    text: str  # cleaned text
    fold: str  # fold_same(text)
    _upper: bool | None = None

    @property
    def is_blank(self) -> bool:
        return not self.text

    @property
    def is_upper(self) -> bool:
        """Mostly capitals (a header line, a position title): 85 % of its letters or more."""
        if self._upper is None:
            letters = [c for c in self.text if c.isalpha()]
            self._upper = len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)
        return self._upper


def clean_line(raw: str) -> str:
    """One line of already normalised text without markup and runs of spaces."""
    s = _MARKUP.sub("", raw)
    s = _SPACES.sub(" ", s).strip()
    return s


def split_lines(pages: list[str]) -> list[Line]:
    out: list[Line] = []
    for p, page in enumerate(pages, start=1):
        for i, raw in enumerate(normalize_text(page or "").splitlines(), start=1):
            text = clean_line(raw)
            out.append(Line(p, i, text, fold_same(text)))
    return out


def nonblank(lines: list[Line]) -> list[Line]:
    return [ln for ln in lines if ln.text]
