"""Snippets cut by our own code from stored page text, so both engines highlight identically.

Matching uses the same syllable keys as the index (``sulieu.text.syllables``): a query typed
without diacritics highlights the accented words it found.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from search_engine.query import TextTerm
from sulieu.text import exact_key, fold, fold_key

SNIPPET_CHARS = 240


def _matcher(terms: list[TextTerm]) -> tuple[set[str], set[str], list[tuple[str, ...]]]:
    exact: set[str] = set()
    folded: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    for t in terms:
        if t.multi:
            phrases.append(t.fold)
        elif t.accented:
            exact.update(t.exact)
            folded.update(t.fold)
        else:
            folded.update(t.fold)
    return exact, folded, phrases


_FOLD_CHAR: dict[int, str] = {}
_WORD_CHAR = re.compile(r"[^\W_]")


def _fold_text(text: str) -> str:
    """Fold every character on its own, keeping offsets (one character in, one out)."""
    for ch in set(text):
        o = ord(ch)
        if o not in _FOLD_CHAR:
            f = fold(ch)
            _FOLD_CHAR[o] = f if len(f) == 1 else ch.lower() if len(ch.lower()) == 1 else ch
    return text.translate(_FOLD_CHAR)


@lru_cache(maxsize=512)
def _finder(wanted: frozenset[str]) -> re.Pattern[str]:
    forms = set(wanted)
    forms |= {w[:-1] + "y" for w in wanted if w.endswith("i")}  # fold keys unify i/y (lí/lý)
    alts = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alts})(?![^\W_])")


def match_spans(text: str, terms: list[TextTerm]) -> list[tuple[int, int, float]]:
    """(start, end, weight) of every matching syllable or phrase, in text order.

    A regex over the folded text finds candidates at C speed; each is then checked with the
    normaliser's own keys (``fold_key``, ``exact_key``), so matching equals ``syllables()``.
    """
    if not text or not terms:
        return []
    exact, folded, phrases = _matcher(terms)
    wanted = frozenset(folded | {w for ph in phrases for w in ph})
    if not wanted:
        return []
    words: list[tuple[int, int, str, str]] = []
    for m in _finder(wanted).finditer(_fold_text(text)):
        raw = text[m.start() : m.end()]
        fk = fold_key(raw)
        if fk in wanted:
            words.append((m.start(), m.end(), fk, raw))
    spans: list[tuple[int, int, float]] = []
    covered = [False] * len(words)
    for ph in phrases:
        n = len(ph)
        for i in range(len(words) - n + 1):
            if all(words[i + k][2] == ph[k] for k in range(n)) and all(
                not _WORD_CHAR.search(text, words[i + k][1], words[i + k + 1][0]) for k in range(n - 1)
            ):
                spans.append((words[i][0], words[i + n - 1][1], 2.0 * n))
                for k in range(n):
                    covered[i + k] = True
    for i, (start, end, fk, raw) in enumerate(words):
        if covered[i] or fk not in folded:
            continue
        if exact_key(raw) in exact:
            spans.append((start, end, 1.0))
        else:
            spans.append((start, end, 0.6 if exact else 1.0))
    spans.sort()
    return spans


def snippet(text: str, terms: list[TextTerm], size: int = SNIPPET_CHARS) -> str:
    """An HTML fragment around the densest cluster of matches, matches in ``<mark>``, all else escaped."""
    text = text or ""
    spans = match_spans(text, terms)
    if not spans:
        cut = text[:size]
        return escape(" ".join(cut.split())) + ("…" if len(text) > size else "")
    best_i, best_score, j, acc = 0, -1.0, 0, 0.0
    seen_words: dict[str, int] = {}
    for i in range(len(spans)):
        while j < len(spans) and spans[j][1] - spans[i][0] <= size:
            acc += spans[j][2]
            w = text[spans[j][0] : spans[j][1]].lower()
            seen_words[w] = seen_words.get(w, 0) + 1
            j += 1
        score = acc + 0.5 * len(seen_words)  # distinct words beat repeats
        if score > best_score:
            best_i, best_score = i, score
        acc -= spans[i][2]
        w = text[spans[i][0] : spans[i][1]].lower()
        seen_words[w] -= 1
        if not seen_words[w]:
            del seen_words[w]
    first = spans[best_i][0]
    window_spans = [s for s in spans[best_i:] if s[1] - first <= size]
    last = window_spans[-1][1]
    pad = max(0, (size - (last - first)) // 2)
    start = max(0, first - pad)
    end = min(len(text), max(last, start + size))
    while start > 0 and not text[start - 1].isspace() and first - start < size:
        start -= 1
    while end < len(text) and not text[end].isspace() and end - last < size:
        end += 1
    out: list[str] = ["…" if start > 0 else ""]
    pos = start
    for s, e, _ in window_spans:
        if s < pos:
            continue
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    if end < len(text):
        out.append("…")
    return " ".join("".join(out).split())
