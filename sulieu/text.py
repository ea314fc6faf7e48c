"""The one Vietnamese normaliser, used for indexing and for querying.

Two layers:

* ``normalize_text`` cleans text for storage and display (NFC, ``Ð`` → ``Đ``,
  invisible characters) without changing its spelling.
* ``analyze`` / ``query_terms`` turn text into index terms. Both search engines index
  these pre-analysed terms with a plain whitespace tokenizer, so Tantivy and
  Elasticsearch see exactly the same terms and cannot drift apart.

Three views of every text:

* ``exact``: lower-cased syllables with full diacritics, the tone mark moved to a fixed
  place (``hòa`` and ``hoà`` give the same key; ``lý``/``lí`` too);
* ``fold``: diacritics removed and ``đ`` → ``d``, for queries typed without accents;
* ``bigram``: pairs of adjacent exact keys, because Vietnamese words are mostly
  one to four syllables and word segmenters break Party document vocabulary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CHAR_FIXES = str.maketrans(
    {
        "\u00d0": "\u0110",  # Ð (Icelandic eth) typed or OCR'd for Đ
        "\u00f0": "\u0111",  # ð for đ
        "\u0189": "\u0110",  # Ɖ (African D) for Đ
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
    }
)
# Syllables: runs of letters and digits after NFC (Vietnamese letters are precomposed).
_SYLLABLE = re.compile(r"[^\W_]+")
# Open syllables ending in a lone i/y after a consonant: lí/lý, kĩ/kỹ, quí/quý.
_IY_VARIANT = re.compile(r"^(b|c|ch|d|đ|g|gh|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)y$")


def normalize_text(text: str) -> str:
    """Clean text for storage: NFC, ``Ð``→``Đ``, no zero-width or soft-hyphen characters."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_CHAR_FIXES).translate(_INVISIBLE)
    # Map the fixes again after NFC in case a fixed base letter carries combining marks.
    return unicodedata.normalize("NFC", text)



def normalize_words(texts: list[str]) -> list[str]:
    """``normalize_text`` of each word box text, in one call per page rather than one per word."""
    joined = "\n".join(t.replace("\n", " ") for t in texts)
    fixed = normalize_text(joined)
    if fixed == joined:
        return list(texts)
    parts = fixed.split("\n")
    if len(parts) != len(texts):  # a fix changed line structure: fall back to word by word
        parts = [normalize_text(t) for t in texts]
    return parts

def _split_tone(syllable: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = ""
    base = []
    for ch in decomposed:
        if ch in TONE_MARKS:
            tone = ch
        else:
            base.append(ch)
    return unicodedata.normalize("NFC", "".join(base)), tone


@lru_cache(maxsize=1 << 18)  # pure; indexing calls it once per syllable
def exact_key(syllable: str) -> str:
    """Placement-independent key of one syllable: toneless base (i/y unified) + its tone."""
    base, tone = _split_tone(syllable.lower())
    base = _IY_VARIANT.sub(r"\1i", base)
    return unicodedata.normalize("NFC", base + tone) if tone else base


def fold(text: str) -> str:
    """Remove every diacritic and map ``đ`` to ``d``; lower-cases too."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 18)
def fold_key(syllable: str) -> str:
    base = fold(syllable)
    return _IY_VARIANT.sub(r"\1i", base)


@dataclass(frozen=True, slots=True)
class Syllable:
    text: str
    start: int
    end: int
    exact: str
    fold: str


def syllables(text: str) -> Iterator[Syllable]:
    """Syllables of normalised text with their character offsets (for highlighting)."""
    for m in _SYLLABLE.finditer(text):
        s = m.group()
        yield Syllable(s, m.start(), m.end(), exact_key(s), fold_key(s))


def _bigrams(keys: list[str], breaks: list[bool]) -> list[str]:
    """Adjacent pairs, not across a sentence or clause break."""
    return [f"{keys[i]}_{keys[i + 1]}" for i in range(len(keys) - 1) if not breaks[i + 1]]


_BREAK_CHARS = frozenset(".,;:!?()[]{}\"“”'‘’\n/|–—-…*")


def _break_flags(text: str, sylls: list[Syllable]) -> list[bool]:
    flags = []
    prev_end = 0
    for s in sylls:
        gap = text[prev_end : s.start]
        flags.append(any(c in _BREAK_CHARS for c in gap))
        prev_end = s.end
    return flags


@dataclass(frozen=True, slots=True)
class Analysis:
    exact: str
    fold: str
    bigram: str


def analyze(text: str) -> Analysis:
    """Index terms of a text, each view space-joined (the engines split on whitespace)."""
    text = normalize_text(text)
    sylls = list(syllables(text))
    keys = [s.exact for s in sylls]
    return Analysis(
        exact=" ".join(keys),
        fold=" ".join(s.fold for s in sylls),
        bigram=" ".join(_bigrams(keys, _break_flags(text, sylls))),
    )


def query_terms(text: str) -> list[Syllable]:
    """Syllables of a query string, analysed exactly as indexed text is."""
    return list(syllables(normalize_text(text)))


def has_diacritics(text: str) -> bool:
    """True if the text carries any Vietnamese diacritic (or đ): decides exact vs folded ranking."""
    return fold(text) != text.lower()


def title_case_vi(text: str) -> str:
    """``QUẬN ỦY KIẾN AN`` → ``Quận Ủy Kiến An`` (callers lower-case common nouns themselves)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())
