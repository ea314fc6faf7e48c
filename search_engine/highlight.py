"""Snippets cut by our own code from stored page text, so both engines highlight identically.

Matching uses the same syllable keys as the index (``sulieu.text.syllables``) and marks only what
the query asked for: a word typed without diacritics marks every accented form of it ("tien" marks
"tiến" and "tiên"), a word typed with them marks that form only ("tiến độ" never marks "ưu tiên"), and
a word of several syllables ("215-KH/TU") is one unit, marked only where all its syllables stand
together. Snippets, the page text and the boxes on a scan all mark through ``match_spans``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from search_engine.query import FieldTerm, ParsedQuery, TextTerm, parse_query, text_term
from sulieu.text import exact_key, fold, fold_key

SNIPPET_CHARS = 240


def symbol_terms(pq: ParsedQuery) -> list[TextTerm]:
    """A symbol asked by field (``so:``, ``trich_dan:``) is marked where the text prints it, as one unit."""
    out = []
    for c in pq.clauses:
        for i in c.items:
            if not c.negated and isinstance(i, FieldTerm) and i.field in ("so", "trich_dan"):
                t = text_term(i.value, True)
                if t is not None:
                    out.append(t)
    return out


def query_terms_to_mark(q: str) -> list[TextTerm]:
    """What a query marks in a page's text and on its image: its positive words and asked symbols
    (raises ``QuerySyntaxError`` like the search itself)."""
    pq = parse_query(q)
    return pq.positive_text_terms() + symbol_terms(pq)


def _matcher(terms: list[TextTerm]) -> tuple[set[str], set[str], list[TextTerm]]:
    """Exact keys (accented words), folded keys (words without diacritics), multi-syllable terms."""
    exact: set[str] = set()
    folded: set[str] = set()
    phrases: list[TextTerm] = []
    for t in terms:
        if t.multi:
            phrases.append(t)
        elif t.accented:
            exact.update(t.exact)
        else:
            folded.update(t.fold)
    return exact, folded, phrases


def _same(word: tuple[int, int, str, str], term: TextTerm, k: int) -> bool:
    """Syllable ``k`` of a multi-syllable term at this word: exact when the term was typed accented."""
    if word[2] != term.fold[k]:
        return False
    return not term.accented or exact_key(word[3]) == term.exact[k]


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
    exact_folded = {fold_key(k) for k in exact}
    wanted = frozenset(folded | exact_folded | {w for ph in phrases for w in ph.fold})
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
        n = len(ph.fold)
        for i in range(len(words) - n + 1):
            if all(_same(words[i + k], ph, k) for k in range(n)) and all(
                not _WORD_CHAR.search(text, words[i + k][1], words[i + k + 1][0]) for k in range(n - 1)
            ):
                spans.append((words[i][0], words[i + n - 1][1], 2.0 * n))
                for k in range(n):
                    covered[i + k] = True
    for i, (start, end, fk, raw) in enumerate(words):
        if covered[i]:
            continue
        if fk in folded or (fk in exact_folded and exact_key(raw) in exact):
            spans.append((start, end, 1.0))
    spans.sort()
    return spans


def matching_words(texts: list[str], terms: list[TextTerm]) -> list[int]:
    """Indexes of the words (OCR or PDF word boxes, in reading order) that ``match_spans`` marks when
    the words are read as one line: a symbol split over two boxes is found, one syllable of it alone is
    not."""
    starts: list[int] = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    line = " ".join(texts)
    hit: list[int] = []
    spans = match_spans(line, terms)
    j = 0
    for i, t in enumerate(texts):
        a, b = starts[i], starts[i] + len(t)
        while j < len(spans) and spans[j][1] <= a:
            j += 1
        if j < len(spans) and spans[j][0] < b:
            hit.append(i)
    return hit


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
