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
_FIXABLE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "\u00d0\u00f0\u0189\u00a0\u2007\u202f]")
# Syllables: runs of letters and digits after NFC (Vietnamese letters are precomposed).
_SYLLABLE = re.compile(r"[^\W_]+")
# Open syllables ending in a lone i/y after a consonant: lí/lý, kĩ/kỹ, quí/quý.
_IY_VARIANT = re.compile(r"^(b|c|ch|d|đ|g|gh|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)y$")


def normalize_text(text: str) -> str:
    """Clean text for storage: NFC, ``Ð``→``Đ``, no zero-width or soft-hyphen characters."""
    if not text:
        return ""
    if unicodedata.is_normalized("NFC", text) and not _FIXABLE.search(text):
        return text  # the common case, checked at C speed (a dict ``translate`` was 20 % of a build)
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


_BREAK_CHARS = frozenset(".,;:!?()[]{}\"“”'‘’\n/|–—-…*")
_SPLIT = re.compile(r"([^\W_]+)")  # _SYLLABLE with a group: split() alternates gap, syllable, gap...
_KEYS: dict[str, tuple[str, str, str]] = {}  # syllable -> (exact key, fold key, folded exact key)
_GAP_BREAKS: dict[str, bool] = {}
_CACHE_MAX = 1 << 20  # distinct syllables kept (OCR noise must not grow it without end)


def _keys(syllable: str) -> tuple[str, str, str]:
    k = _KEYS.get(syllable)
    if k is None:
        e = exact_key(syllable)
        k = (e, fold_key(syllable), fold(e))
        if len(_KEYS) < _CACHE_MAX:
            _KEYS[syllable] = k
    return k


def _breaks(gap: str) -> bool:
    b = _GAP_BREAKS.get(gap)
    if b is None:
        b = any(c in _BREAK_CHARS for c in gap)
        if len(_GAP_BREAKS) < _CACHE_MAX:
            _GAP_BREAKS[gap] = b
    return b


@dataclass(frozen=True, slots=True)
class Analysis:
    exact: str
    fold: str
    bigram: str
    bigram_fold: str  # ``fold(bigram)``: fold works character by character, so it is the pairs of folded keys


def analyze(text: str) -> Analysis:
    """Index terms of a text, each view space-joined (the engines split on whitespace).

    Bigrams are adjacent pairs not across a sentence or clause break (a break character in the gap).
    One split and one dictionary look-up per syllable, no per-syllable objects: 62 % of a build was
    this function before (issue 19); ``tests/sulieu/test_text.py`` checks it against the plain
    definition (``syllables`` + ``fold``) term for term."""
    parts = _SPLIT.split(normalize_text(text))
    get = _KEYS.get
    keys = [get(w) or _keys(w) for w in parts[1::2]]
    gaps = parts[2:-1:2]  # the gap after syllable i, before syllable i + 1
    pairs = [i for i, g in enumerate(gaps) if g == " " or not _breaks(g)]
    return Analysis(
        exact=" ".join([k[0] for k in keys]),
        fold=" ".join([k[1] for k in keys]),
        bigram=" ".join([f"{keys[i][0]}_{keys[i + 1][0]}" for i in pairs]),
        bigram_fold=" ".join([f"{keys[i][2]}_{keys[i + 1][2]}" for i in pairs]),
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
