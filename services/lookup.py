"""The answer to a look-up: a query that names a document by its number and symbol.

"215-KH/TU", "215/KH-TU", "Kế hoạch 215", "KH 215", "KH215", "kh số 215", "so:20-CT/TW": the search
ranks the holders first (``search_engine.plan``); this says what the ranking cannot: that several
documents hold the same symbol (every Thành ủy issues "...-KH/TU"), ordered by the province, issuer
or year the query names; or that the archive does not hold it, with the documents citing it (their
citation text) and its entry in the cited-but-missing list, instead of a bare "0 kết quả".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from search_engine.query import FieldTerm, ParsedQuery, parse_query
from services.catalog import Catalog, DocSummary, visible
from services.citations import missing_documents
from services.schemas import MissingDocPublic
from sulieu.doctypes import all_type_names, type_name
from sulieu.errors import SulieuError
from sulieu.model import Citation
from sulieu.symbols import normalize_symbol, parse_symbol, symbol_key
from sulieu.text import fold

_SYMBOL_WORD = re.compile(r"^(?=.*\d)(?=.*[^\W\d_])(?=.*[-/]).+$")
MAX_CITING = 50


@dataclass
class Citing:
    doc: DocSummary
    citation: Citation


@dataclass
class LookupAnswer:
    label: str  # "Kế hoạch 215-KH/TU", "Kế hoạch số 215"
    symbol: str | None  # the symbol as asked, normalised ("328-KH/TU"); None for a type and number
    holders: list[DocSummary] = field(default_factory=list)
    citing: list[Citing] = field(default_factory=list)
    missing: MissingDocPublic | None = None

    @property
    def held(self) -> bool:
        return bool(self.holders)


def _asked(pq: ParsedQuery) -> tuple[list[str], list[tuple[str, str]]]:
    """Symbols the query names (as written) and (type, number) pairs typed without an issuer."""
    symbols: list[str] = []
    for c in pq.clauses:
        for i in c.items:
            if not c.negated and isinstance(i, FieldTerm) and i.field == "so":
                symbols.append(i.value)
    symbols += [w for w in pq.text.split() if _SYMBOL_WORD.match(w) and ":" not in w]
    if not symbols and pq.symbol_keys and not pq.type_numbers:  # "215 kh tu": the whole query
        symbols.append(pq.text)
    return list(dict.fromkeys(symbols)), pq.type_numbers


def _context(pq: ParsedQuery, asked: list[str]) -> set[str]:
    """Folded syllables of the query outside the symbol: a province, an issuer, a year."""
    skip = {s for a in asked for s in re.split(r"[\W_]+", fold(a)) if s}
    return {k for t in pq.positive_text_terms() for k in t.fold if k not in skip}


def _rank(docs: list[DocSummary], context: set[str]) -> list[DocSummary]:
    """Holders of one symbol, those whose issuer, province, place or year the query names first."""

    def named(d: DocSummary) -> int:
        md = d.metadata
        words = set(fold(" ".join(x for x in (md.issuer, md.issuer_parent, md.province, md.place) if x)).split())
        return len(context & words) + (1 if md.year is not None and str(md.year) in context else 0)

    by_date = sorted(docs, key=lambda d: d.metadata.date or "", reverse=True)
    return sorted(by_date, key=lambda d: -named(d))


def _type_matches(t: str, doc_type: str | None, code: str | None) -> bool:
    return t in {" ".join(fold(x).split()) for x in (doc_type, code) if x}


def _citing(catalog: Catalog, allowed: list[str], match: Any) -> list[Citing]:
    out: list[Citing] = []
    for d in catalog.all():
        if not visible(d, allowed):
            continue
        c = next((c for c in d.citations if match(c)), None)
        if c is not None:
            out.append(Citing(d, c))
    out.sort(key=lambda x: x.doc.metadata.date or "", reverse=True)
    return out[:MAX_CITING]


def _symbol_answer(catalog: Catalog, graph: Any, allowed: list[str], raw: str) -> LookupAnswer | None:
    key = symbol_key(raw)
    parsed = parse_symbol(raw)
    holders = [d for d in catalog.by_symbol(key) if visible(d, allowed)] if key else []
    if not holders and (parsed is None or not parsed.number):
        return None
    written = holders[0].metadata.symbol if holders and holders[0].metadata.symbol else None
    shown = normalize_symbol(written or raw)
    kind = (holders[0].metadata.doc_type if holders else None) or type_name(parsed.type_code if parsed else None)
    answer = LookupAnswer(label=f"{kind} {shown}" if kind else shown, symbol=shown, holders=holders)
    if not holders:
        answer.citing = _citing(catalog, allowed, lambda c: (c.symbol_key or symbol_key(c.symbol or "")) == key)
        cited = next((c.citation for c in answer.citing if c.citation.symbol), None)
        if cited is not None and cited.symbol:  # "71/KH-HU" asked: named as the documents print it, 71-KH/HU
            answer.symbol = normalize_symbol(cited.symbol)
            kind = kind or cited.doc_type
            answer.label = f"{kind} {answer.symbol}" if kind else answer.symbol
        answer.missing = next((m for m in missing_documents(catalog, graph, allowed)
                               if m.symbol and symbol_key(m.symbol) == key), None)
    return answer


def _type_number_answer(catalog: Catalog, allowed: list[str], t: str, number: str) -> LookupAnswer:
    holders = [d for d in catalog.all() if visible(d, allowed) and (d.metadata.number or "").lstrip("0") == number
               and _type_matches(t, d.metadata.doc_type, d.metadata.doc_type_code)]
    kind = (holders[0].metadata.doc_type if holders else None) or type_name(t.upper()) or next(
        (n for n in all_type_names() if fold(n) == t), t.capitalize())
    symbols = {normalize_symbol(d.metadata.symbol) for d in holders if d.metadata.symbol}
    symbol = symbols.pop() if len(symbols) == 1 else None  # "Kế hoạch 215": all of them 215-KH/TU
    answer = LookupAnswer(label=f"{kind} {symbol}" if symbol else f"{kind} số {number}", symbol=symbol,
                          holders=holders)
    if not holders:
        answer.citing = _citing(catalog, allowed, lambda c: (c.number or "").lstrip("0") == number
                                and _type_matches(t, c.doc_type, None))
    return answer


def lookup(catalog: Catalog, graph: Any, q: str, allowed: list[str]) -> LookupAnswer | None:
    """The look-up answer for ``q``, or None when ``q`` names no document by its number."""
    try:
        pq = parse_query(q)
    except SulieuError:
        return None
    symbols, pairs = _asked(pq)
    context = _context(pq, symbols + [f"{t} {n}" for t, n in pairs] + ["so"])
    for raw in symbols:
        answer = _symbol_answer(catalog, graph, allowed, raw)
        if answer is not None:
            answer.holders = _rank(answer.holders, context)
            return answer
    for t, number in pairs:
        answer = _type_number_answer(catalog, allowed, t, number)
        if answer.holders or answer.citing:
            answer.holders = _rank(answer.holders, context)
            return answer
    return None
