"""Engine-neutral query plan: the parsed query and the request's filters as a small boolean tree.

Both backends translate this tree node for node (``tantivy_backend._compile``,
``es_backend.compile_node``), so ranking and filtering are decided once, here, and measured
once on the benchmark (bench/search_quality.py). The weights below are those measurements.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from search_engine.highlight import symbol_terms
from search_engine.models import SearchRequest
from search_engine.query import Clause, FieldTerm, ParsedQuery, TextTerm, period_range


# --- nodes -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    field: str
    value: str | int
    boost: float = 1.0


@dataclass(frozen=True)
class Terms:
    """Any of these values (a filter: no scoring)."""

    field: str
    values: tuple[str | int, ...]


@dataclass(frozen=True)
class Phrase:
    field: str
    words: tuple[str, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class Range:
    field: str
    lo: int | None = None
    hi: int | None = None


@dataclass(frozen=True)
class ConstScore:
    node: Node
    score: float


@dataclass(frozen=True)
class MatchAll:
    pass


@dataclass(frozen=True)
class MatchNone:
    pass


@dataclass(frozen=True)
class MoreLike:
    """Documents sharing the most distinctive terms of ``text`` in ``field``."""

    field: str
    text: str


@dataclass(frozen=True)
class Scoring:
    """Adds to the score only: a sibling in the same ``should`` group matches every document this
    one matches (the exact view of a word beside its folded view)."""

    node: Node


@dataclass(frozen=True)
class Bool:
    must: tuple[Node, ...] = ()
    should: tuple[Node, ...] = ()
    must_not: tuple[Node, ...] = ()
    filter: tuple[Node, ...] = ()
    min_should: int | None = None
    boost: float = 1.0


Node = Term | Terms | Phrase | Range | ConstScore | MatchAll | MatchNone | MoreLike | Scoring | Bool

# --- index fields (the same names in both engines) -------------------------------------------
BODY = ""  # page entries: the views of one page
DOC_BODY = "d_"  # document entries: the views of all pages joined (own fields, so a document query
# walks posting lists of documents only, not of every page: 2-4x less time at 150,000 pages)
TITLE = "t_"
PAGE_VIEWS = ("fold", "bigram_fold")  # page entries: best pages are ranked on folded views only
TEXT_FIELDS = tuple(BODY + v for v in PAGE_VIEWS) + tuple(
    p + v for p in (DOC_BODY, TITLE) for v in ("exact", "fold", "bigram", "bigram_fold")
)
PHRASE_FIELDS = ("issuer_fold", "place_fold", "signer_fold", "lineage_fold")
KEYWORD_FIELDS = (
    "rtype", "id", "access", "symbol_key", "number_key", "type_key",
    "doc_type", "issuer", "level", "place", "province", "cites_keys", "cites_ids", "issuer_names",
    "issuer_lineage",
)  # fmt: skip
INT_FIELDS = ("page", "year", "date_from", "date_to", "date_desc", "date_asc", "deleted", "needs_review", "tiebreak",
              "is_copy", "period_years")


# --- ranking weights (bench/search_quality.py) -----------------------------------------------
@dataclass(frozen=True)
class Weights:
    exact: float = 1.0  # body, query typed with diacritics, exact syllable
    fold_accented: float = 0.3  # body, folded match of an accented query (maybe another word)
    fold_plain: float = 1.0  # body, query typed without diacritics
    title: float = 0.5  # title/subject views, added on top of the body
    bigram: float = 1.5  # adjacent query syllables found adjacent
    symbol: float = 1000.0  # the query is this document's symbol: put it first
    long_query_terms: int = 5  # from this many words on, score by match count (OR) instead of AND
    long_min_should: float = 0.4  # share of the words typed a long query's documents must hold (0: any one);
    # on the grid (--min-share) 0.4 keeps Recall@10 and MRR@10 (accented and stripped), 0.45 drops both
    all_words_page: float = 100.0  # best pages: a page holding every word comes before pages with some
    long_fold_only: bool = False  # long queries: folded views only (half the posting lists to walk)
    long_common_share: float = 0.5  # long queries: leave out words found in more than this share of
    # documents (0: keep all); they score next to nothing and have the longest posting lists.
    # On the grid: 0.5 keeps Recall@10 and lifts MRR@10 0.864 -> 0.865 (stripped 0.853 -> 0.860)


WEIGHTS = Weights()


YearSpan = tuple[int | None, int | None]
PERIOD_FIELD = "period_years"


@dataclass
class Plan:
    doc_query: Node
    page_query: Node | None  # text-only scoring for best pages, None when the query has no words
    filters: Node
    highlight: list[TextTerm] = field(default_factory=list)
    scored: bool = False  # False: only filters and fields, every hit scores the same
    every_word: Node | None = None  # long queries: documents holding every word typed (a count)
    periods: list[list[YearSpan]] = field(default_factory=list)  # giai_doan: and the period filter, all of
    # them (each one any of its spans): the chapters a hit's pages must belong to


def overlaps(start: int | None, end: int | None, periods: list[list[YearSpan]]) -> bool:
    """A chapter covering ``start``..``end`` overlaps every one of ``periods`` (each: any of its spans)."""
    if start is None:
        return False
    end = end if end is not None else start
    return all(any((lo is None or end >= lo) and (hi is None or start <= hi) for lo, hi in p) for p in periods)


def _period_node(lo: int | None, hi: int | None) -> Node:
    return Range(PERIOD_FIELD, lo, hi)


def _periods(pq: ParsedQuery, req: SearchRequest) -> list[list[YearSpan]]:
    """The period conditions a page must meet: the request's filter and each positive clause made of
    giai_doan: terms only (one mixed with words by OR does not bind the pages)."""
    out: list[list[YearSpan]] = []
    if req.period:
        out.append([period_range(req.period)])
    for c in pq.clauses:
        if c.negated or not all(isinstance(i, FieldTerm) and i.field == "giai_doan" for i in c.items):
            continue
        out.append([(i.lo, i.hi) for i in c.items if isinstance(i, FieldTerm)])
    return out


def _periods_node(periods: list[list[YearSpan]]) -> Node:
    ands = [_period_node(*p[0]) if len(p) == 1 else Bool(should=tuple(_period_node(*s) for s in p)) for p in periods]
    return Bool(filter=tuple(ands))


def _views(term: TextTerm, w: Weights, title: bool, body: str) -> list[Node]:
    """One word or phrase over the exact and folded views (body, optionally title too)."""
    prefixes = (body, TITLE) if title else (body,)
    quoted = term.phrase
    out: list[Node] = []
    for p in prefixes:
        mult = w.title if p == TITLE else 1.0
        if term.accented:  # an exact match is also a folded match
            out.append(Scoring(_words(p + "exact", term.exact, w.exact * mult, quoted)))
            out.append(_words(p + "fold", term.fold, w.fold_accented * mult, quoted))
        else:
            out.append(_words(p + "fold", term.fold, w.fold_plain * mult, quoted))
    return out


_BIGRAM_OF = {p + v: p + b for p in (BODY, DOC_BODY, TITLE) for v, b in (("exact", "bigram"), ("fold", "bigram_fold"))}


def _words(fld: str, words: tuple[str, ...], boost: float, quoted: bool = False) -> Node:
    """A word, or adjacent words. A quoted phrase is matched through the bigram view: one posting
    list per pair instead of positions (measured on the 574 vbpl documents: 0.07 vs 0.87 ms for a
    2-syllable phrase, 0.2 % fewer matches: pairs across punctuation). Longer phrases add the
    positional phrase to check the order of the pairs."""
    if len(words) == 1:
        return Term(fld, words[0], boost)
    if quoted and fld in _BIGRAM_OF:
        pairs = tuple(Term(_BIGRAM_OF[fld], f"{a}_{b}", boost) for a, b in zip(words, words[1:], strict=False))
        if len(words) == 2:
            return pairs[0]
        return Bool(must=(*pairs, Phrase(fld, words, boost)))
    return Phrase(fld, words, boost)


def _item(
    item: TextTerm | FieldTerm, w: Weights, title: bool = True, body: str = DOC_BODY, fold_only: bool = False
) -> Node:
    if isinstance(item, TextTerm):
        if fold_only and item.accented:  # scored as if typed without diacritics
            item = dataclasses.replace(item, accented=False)
        views = _views(item, w, title, body)
        return views[0] if len(views) == 1 else Bool(should=tuple(views))
    f = item.field
    if f == "loai":
        return Term("type_key", item.key)
    if f == "so":
        return Bool(should=(Term("symbol_key", item.key), Term("number_key", item.key)))
    if f == "trich_dan":
        return Term("cites_keys", item.key)
    if f == "co_quan":
        return _words("issuer_fold", item.fold, 1.0)
    if f == LINEAGE_FIELD:
        return _words("lineage_fold", item.fold, 1.0)
    if f == "noi":
        return _words("place_fold", item.fold, 1.0)
    if f == "ky":
        return _words("signer_fold", item.fold, 1.0)
    if f == "nam":  # undated documents are stored as year 0: an open range must not catch them
        return Range("year", item.lo if item.lo is not None else 1, item.hi)
    if f == "giai_doan":  # a book with a chapter overlapping these years (every year of it is indexed)
        return _period_node(item.lo, item.hi)
    if f == "ngay":  # the document's (partial) date span overlaps the asked span
        return Bool(must=(Range("date_from", 1, item.hi), Range("date_to", item.lo if item.lo is not None else 1, None)))
    raise ValueError(f"unknown field {f}")


def _clause(c: Clause, w: Weights, title: bool = True, body: str = DOC_BODY, fold_only: bool = False) -> Node:
    nodes = [_item(i, w, title, body, fold_only) for i in c.items]
    return nodes[0] if len(nodes) == 1 else Bool(should=tuple(nodes))


def _bigrams(pq: ParsedQuery, w: Weights, prefix: str, fold_only: bool = False) -> list[Node]:
    """Proximity bonus: adjacent syllables of the query (within a word, phrase or between words);
    ``fold_only``: on the folded pairs even for an accented query (page entries hold no exact view)."""
    out: list[Node] = []
    seq_exact: list[str] = []
    seq_fold: list[str] = []
    accented = False
    for c in pq.clauses:
        if c.negated or len(c.items) != 1 or not isinstance(c.items[0], TextTerm):
            seq_exact.append("")
            seq_fold.append("")
            continue
        t = c.items[0]
        accented = accented or t.accented
        seq_exact.extend(t.exact)
        seq_fold.extend(t.fold)
    seen = set()
    for i in range(len(seq_fold) - 1):
        if not seq_fold[i] or not seq_fold[i + 1]:
            continue
        if accented and not fold_only:
            key = ("bigram", f"{seq_exact[i]}_{seq_exact[i + 1]}")
        else:
            key = ("bigram_fold", f"{seq_fold[i]}_{seq_fold[i + 1]}")
        if key in seen:
            continue
        seen.add(key)
        out.append(Term(prefix + key[0], key[1], w.bigram))
    return out


def filters_for(req: SearchRequest) -> Node:
    """Access, deletion and facet filters: always inside the engine query, never after it."""
    f: list[Node] = [Term("rtype", "doc"), Terms("access", tuple(req.allowed_access) or ("__none__",))]
    if not req.include_deleted:
        f.append(Term("deleted", 0))
    for fld in ("doc_type", "issuer", "level", "place", "province"):
        values = getattr(req, fld)
        if values:
            name = fld if fld != "issuer" else ("issuer_lineage" if req.lineage else "issuer_names")
            f.append(Terms(name, tuple(values)))
    if not req.show_copies and not req.doc_id:
        f.append(Term("is_copy", 0))
    if req.year:
        f.append(Terms("year", tuple(req.year)))
    if req.date_from:
        f.append(Range("date_to", _ymd(req.date_from, False), None))
    if req.date_to:
        f.append(Range("date_from", 1, _ymd(req.date_to, True)))
    if req.period:
        f.append(_period_node(*period_range(req.period)))
    if req.needs_review is not None:
        f.append(Term("needs_review", int(req.needs_review)))
    if req.doc_id:
        f.append(Term("id", req.doc_id))
    return Bool(filter=tuple(f))


def _ymd(s: str, end: bool) -> int:
    from search_engine.query import parse_day

    return parse_day(s.strip(), end, s)


DocShare = Callable[[str], float]  # folded syllable -> share of documents holding it (0..1)


def _is_long(positive: list[Clause], w: Weights) -> bool:
    """Many plain words: scored OR (a document needs some of them, the more the better)."""
    return len(positive) >= w.long_query_terms and all(
        len(c.items) == 1 and isinstance(c.items[0], TextTerm) for c in positive
    )


def _without_common(positive: list[Clause], w: Weights, share: DocShare | None) -> list[Clause]:
    """A long query's words minus those in more than ``long_common_share`` of the documents (a
    phrase counts as common only if each syllable is). All common: all kept."""
    if not share or not w.long_common_share:
        return positive

    def rare(c: Clause) -> bool:
        t = c.items[0]
        return isinstance(t, TextTerm) and min((share(f) for f in t.fold), default=1.0) <= w.long_common_share

    kept = [c for c in positive if rare(c)]
    return kept or positive


def _every_word_common(positive: list[Clause], w: Weights, share: DocShare | None) -> bool:
    """Every word of a long query is in more than ``long_common_share`` of the documents: matched
    by a share of them, the query would return nearly the whole archive (on the sample archive,
    each of the 38 documents holds 4 of the 6 words of "tuyen truyen lich su dang bo")."""
    if not share or not w.long_common_share or not w.long_min_should:
        return False
    return all(
        isinstance(c.items[0], TextTerm) and min((share(f) for f in c.items[0].fold), default=1.0) > w.long_common_share
        for c in positive
    )


def _min_should(typed: int, kept: int, w: Weights) -> int | None:
    """Words a long query's documents must hold: ``long_min_should`` of the words typed, the common
    words left out of matching counted as held (nearly every document holds them)."""
    if not w.long_min_should:
        return None
    return min(kept, max(1, math.ceil(w.long_min_should * typed - 1e-9) - (typed - kept)))


LINEAGE_FIELD = "co_quan+"  # co_quan: through predecessors and successors (request option ``lineage``)


def _with_lineage(pq: ParsedQuery) -> ParsedQuery:
    def item(i: TextTerm | FieldTerm) -> TextTerm | FieldTerm:
        return dataclasses.replace(i, field=LINEAGE_FIELD) if isinstance(i, FieldTerm) and i.field == "co_quan" else i

    return dataclasses.replace(pq, clauses=[dataclasses.replace(c, items=[item(i) for i in c.items])
                                            for c in pq.clauses])


def build_plan(pq: ParsedQuery, req: SearchRequest, w: Weights | None = None, share: DocShare | None = None) -> Plan:
    w = w or WEIGHTS
    if req.lineage:
        pq = _with_lineage(pq)
    filters = filters_for(req)
    positive = [c for c in pq.clauses if not c.negated]
    negative = tuple(_clause(c, w, title=False) for c in pq.clauses if c.negated)
    long_mode = bool(positive) and _is_long(positive, w)
    typed = positive
    if long_mode and _every_word_common(positive, w, share):
        long_mode = False  # matched as a short query: every word
    if long_mode:  # the proximity bonus (_bigrams) still sees every word, in the order typed
        positive = _without_common(positive, w, share)
    text_terms = [i for c in positive for i in c.items if isinstance(i, TextTerm)]
    if not positive:
        main: Node = MatchAll()
    else:
        nodes = tuple(_clause(c, w, fold_only=long_mode and w.long_fold_only) for c in positive)
        bigrams = tuple(_bigrams(pq, w, DOC_BODY)) + tuple(_bigrams(pq, w, TITLE))
        if long_mode:
            core: Node = Bool(should=nodes, min_should=_min_should(len(typed), len(nodes), w))
            main = Bool(must=(core,), should=bigrams) if bigrams else core
        else:
            main = Bool(must=nodes, should=bigrams)
    symbol_nodes = tuple(ConstScore(Term("symbol_key", k), w.symbol) for k in pq.symbol_keys) + tuple(
        ConstScore(Bool(must=(Term("type_key", t), Term("number_key", n))), w.symbol) for t, n in pq.type_numbers
    )  # "Kế hoạch 215", "KH215": the type and number of a symbol typed without its issuer part
    if symbol_nodes and positive:
        main = Bool(should=(main, *symbol_nodes))
    doc_query = Bool(must=(main,), must_not=negative, filter=(filters,))
    every_word = None
    if long_mode:  # how many hold every word typed (shown beside the total)
        held = tuple(_clause(c, w, title=False, fold_only=True) for c in typed)
        every_word = Bool(must=held, must_not=negative, filter=(filters,))
    page_query = None
    if text_terms:
        # Pages are ranked inside a few documents with a union scorer that walks every posting
        # near each of them: folded views only (which page, not which document), less work.
        page_nodes = [_item(t, w, False, BODY, fold_only=True) for t in text_terms] + _bigrams(
            pq, w, BODY, fold_only=True
        )
        word_clauses = [c for c in positive if all(isinstance(i, TextTerm) for i in c.items)]
        if 1 < len(word_clauses) < w.long_query_terms:  # BM25 alone can put a short page with one common word first
            every = Bool(must=tuple(_clause(c, w, title=False, body=BODY, fold_only=True) for c in word_clauses))
            page_nodes.append(ConstScore(every, w.all_words_page))
        page_query = Bool(should=tuple(page_nodes))
    periods = _periods(pq, req)
    if page_query is not None and periods:  # the best pages are in a chapter of the period asked
        page_query = Bool(must=(page_query,), filter=(_periods_node(periods),))
    highlight = list(text_terms) + symbol_terms(pq)
    scored = bool(text_terms or pq.symbol_keys or pq.type_numbers)
    return Plan(doc_query=doc_query, page_query=page_query, filters=filters, highlight=highlight, scored=scored,
                every_word=every_word, periods=periods)


def match_only(node: Node) -> Node:
    """The same matches with less work, for counting and facets: no optional ``should`` clauses
    (proximity bonuses), no ``Scoring`` views, no scores."""
    if isinstance(node, ConstScore):
        return match_only(node.node)
    if isinstance(node, Scoring):
        return match_only(node.node)
    if not isinstance(node, Bool):
        return node
    required = tuple(match_only(n) for n in node.must + node.filter)
    should: tuple[Node, ...] = ()
    if node.min_should or not required:
        kept = [n for n in node.should if not isinstance(n, Scoring)] if not node.min_should else list(node.should)
        should = tuple(match_only(n) for n in kept)
        if not node.min_should and len(should) == 1 and not node.must_not:
            return should[0]
    return Bool(filter=required, should=should, must_not=node.must_not, min_should=node.min_should)

