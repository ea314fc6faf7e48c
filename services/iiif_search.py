"""IIIF Content Search 1.0 and 2.0 inside one document: the word boxes of the hits, as annotations.

The same search as "search inside this document" on the document page: the engine finds the pages
(``services.search``, access filtered), and on each of them the words the query marks
(``services.page_images.hit_indices``, the highlighting rule of the whole product) become the hits.
Consecutive marked words (a phrase, a symbol split over two boxes) form one hit with one annotation
per word. Boxes are in canvas coordinates (``services.iiif_manifest.page_size``).

Results come in pages of at most ``PAGE_ANNOTATIONS`` annotations (``next`` links, which Mirador
follows with its "more results" button). Finding the hits reads the word boxes of every matching
page (a word on each of 100 pages of a book: about 0.4 s), so the hits of the last few searches are
kept in memory, keyed by the record's own version: the next result page is then cheap, and a record
rewritten (new OCR, new boxes) is searched afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from search_engine import SearchBackend
from search_engine.models import SearchRequest
from services.iiif_manifest import IiifUrls, page_size
from services.page_images import get_page, hit_indices, page_words
from services.search import search
from sulieu.errors import InputError
from sulieu.model import Record, WordBox
from sulieu.store import ArchiveStore

PAGE_ANNOTATIONS = 500
CACHED_SEARCHES = 16
CONTEXT_WORDS = 6
SEARCH1_CONTEXT = "http://iiif.io/api/search/1/context.json"
SEARCH2_CONTEXT = "http://iiif.io/api/search/2/context.json"
PRESENTATION2_CONTEXT = "http://iiif.io/api/presentation/2/context.json"


@dataclass(frozen=True)
class Box:
    index: int  # position of the word on its page
    text: str
    xywh: tuple[int, int, int, int]


@dataclass(frozen=True)
class SearchHit:
    page: int
    boxes: tuple[Box, ...]
    before: str
    after: str

    @property
    def match(self) -> str:
        return " ".join(b.text for b in self.boxes)


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _box(w: WordBox, sx: float, sy: float) -> tuple[int, int, int, int]:
    x, y = round(w.x0 * sx), round(w.y0 * sy)
    return x, y, max(1, round(w.x1 * sx) - x), max(1, round(w.y1 * sy) - y)


def page_hits(store: ArchiveStore, record: Record, number: int, q: str, *, max_pixels: int) -> list[SearchHit]:
    """The hits of ``q`` on one page, boxes scaled from the word-box space to the canvas."""
    width, height, words = page_words(store, record, number)
    _, found = hit_indices(words, q)
    canvas = page_size(store, record, get_page(record, number), max_pixels=max_pixels) if found else None
    if canvas is None or not width or not height:
        return []
    cw, ch = canvas
    sx, sy = cw / width, ch / height
    out = []
    for run in _runs(found):
        first, last = run[0], run[-1]
        out.append(SearchHit(
            page=number,
            boxes=tuple(Box(i, words[i].text, _box(words[i], sx, sy)) for i in run),
            before=" ".join(w.text for w in words[max(0, first - CONTEXT_WORDS):first]),
            after=" ".join(w.text for w in words[last + 1:last + 1 + CONTEXT_WORDS]),
        ))
    return out


_CACHE: OrderedDict[tuple[object, ...], list[SearchHit]] = OrderedDict()
_CACHE_LOCK = threading.Lock()


def find_hits(store: ArchiveStore, backend: SearchBackend, record: Record, q: str, allowed: list[str], *,
              max_pixels: int) -> list[SearchHit]:
    """Every hit in the document, in page order (the engine's pages inside the document)."""
    q = q.strip()
    if not q:
        raise InputError("Thiếu từ cần tìm (tham số q).")
    key = (str(store.root), record.id, record.updated_at, q, tuple(sorted(allowed)))
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    res = search(backend, SearchRequest(q=q, doc_id=record.id, allowed_access=allowed, page_size=1, facets=False))
    pages = sorted({ph.page for hit in res.hits if hit.id == record.id for ph in hit.pages})
    hits = [h for n in pages for h in page_hits(store, record, n, q, max_pixels=max_pixels)]
    with _CACHE_LOCK:
        _CACHE[key] = hits
        while len(_CACHE) > CACHED_SEARCHES:
            _CACHE.popitem(last=False)
    return hits


@dataclass(frozen=True)
class ResultPage:
    """One page of results: its hits, the index of its first annotation, the total, the page count."""

    hits: list[SearchHit]
    number: int
    start: int
    total: int
    count: int


def result_page(hits: list[SearchHit], number: int) -> ResultPage:
    """Page ``number`` (from 0) of the hits, never splitting a hit over two pages."""
    pages: list[list[SearchHit]] = [[]]
    size = 0
    for h in hits:
        if size and size + len(h.boxes) > PAGE_ANNOTATIONS:
            pages.append([])
            size = 0
        pages[-1].append(h)
        size += len(h.boxes)
    if not 0 <= number < len(pages):
        raise InputError(f"Không có trang kết quả {number}; có {len(pages)} trang (từ 0).")
    start = sum(len(h.boxes) for p in pages[:number] for h in p)
    return ResultPage(pages[number], number, start, sum(len(h.boxes) for h in hits), len(pages))


def _page_url(service: str, q: str, number: int) -> str:
    return f"{service}?q={quote(q)}" + (f"&page={number}" if number else "")


def _anno_id(service: str, hit: SearchHit, box: Box) -> str:
    return f"{service}/hit/{hit.page}/{box.index}"


def _target(urls: IiifUrls, doc_id: str, hit: SearchHit, box: Box) -> str:
    x, y, w, h = box.xywh
    return f"{urls.canvas(doc_id, hit.page)}#xywh={x},{y},{w},{h}"


def search_v1(urls: IiifUrls, doc_id: str, q: str, page: ResultPage, ignored: list[str]) -> dict[str, Any]:
    """An ``sc:AnnotationList`` (Content Search 1.0, what Mirador 3 reads)."""
    service = urls.search(doc_id, 1)
    resources, out_hits = [], []
    for h in page.hits:
        ids = [_anno_id(service, h, b) for b in h.boxes]
        resources += [{"@id": aid, "@type": "oa:Annotation", "motivation": "sc:painting",
                       "resource": {"@type": "cnt:ContentAsText", "chars": b.text},
                       "on": _target(urls, doc_id, h, b)} for aid, b in zip(ids, h.boxes, strict=True)]
        out_hits.append({"@type": "search:Hit", "annotations": ids, "match": h.match,
                         "before": f"{h.before} " if h.before else "", "after": f" {h.after}" if h.after else ""})
    within: dict[str, Any] = {"@type": "sc:Layer", "total": page.total}
    if page.count > 1:
        within.update(first=_page_url(service, q, 0), last=_page_url(service, q, page.count - 1))
    if ignored:
        within["ignored"] = ignored
    out: dict[str, Any] = {
        "@context": [PRESENTATION2_CONTEXT, SEARCH1_CONTEXT], "@id": _page_url(service, q, page.number),
        "@type": "sc:AnnotationList", "within": within, "startIndex": page.start,
        "resources": resources, "hits": out_hits,
    }
    if page.number + 1 < page.count:
        out["next"] = _page_url(service, q, page.number + 1)
    if page.number > 0:
        out["prev"] = _page_url(service, q, page.number - 1)
    return out


def search_v2(urls: IiifUrls, doc_id: str, q: str, page: ResultPage, ignored: list[str]) -> dict[str, Any]:
    """An ``AnnotationPage`` (Content Search 2.0): highlighting annotations on the word boxes, and
    contextualizing annotations giving each hit's words before and after."""
    service = urls.search(doc_id, 2)
    items: list[dict[str, Any]] = []
    context: list[dict[str, Any]] = []
    for k, h in enumerate(page.hits, start=page.start):
        targets: list[dict[str, Any]] = []
        for b in h.boxes:
            aid = _anno_id(service, h, b)
            items.append({"id": aid, "type": "Annotation", "motivation": "highlighting",
                          "body": {"type": "TextualBody", "value": b.text, "format": "text/plain", "language": "vi"},
                          "target": _target(urls, doc_id, h, b)})
            targets.append({"type": "SpecificResource", "source": {"id": aid, "type": "Annotation"}})
        targets[0]["selector"] = [{"type": "TextQuoteSelector", "prefix": h.before, "exact": h.match,
                                   "suffix": h.after}]
        context.append({"id": f"{service}/context/{k}", "type": "Annotation", "motivation": "contextualizing",
                        "target": targets})
    part_of: dict[str, Any] = {"id": _page_url(service, q, 0) + "#collection", "type": "AnnotationCollection",
                               "total": page.total,
                               "first": {"id": _page_url(service, q, 0), "type": "AnnotationPage"},
                               "last": {"id": _page_url(service, q, page.count - 1), "type": "AnnotationPage"}}
    out: dict[str, Any] = {
        "@context": SEARCH2_CONTEXT, "id": _page_url(service, q, page.number), "type": "AnnotationPage",
        "partOf": part_of, "startIndex": page.start,
        "items": items, "annotations": [{"type": "AnnotationPage", "items": context}],
    }
    if page.number + 1 < page.count:
        out["next"] = {"id": _page_url(service, q, page.number + 1), "type": "AnnotationPage"}
    if page.number > 0:
        out["prev"] = {"id": _page_url(service, q, page.number - 1), "type": "AnnotationPage"}
    if ignored:
        out["ignored"] = ignored
    return out


__all__ = ["SearchHit", "Box", "ResultPage", "find_hits", "page_hits", "result_page", "search_v1", "search_v2",
           "PAGE_ANNOTATIONS"]
