"""The search page: one box, facets with counts, date range, sort, snippets, pagination."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from search_api.deps import Backend, Graph, get_catalog
from search_api.state import app_state
from search_engine.models import FACET_FIELDS, SearchRequest, SearchResult
from search_engine.query import FieldTerm, parse_query, period_range
from services.authority import authority_index
from services.catalog import Catalog
from services.lookup import LookupAnswer, lookup
from services.search import search
from sulieu.citation_format import format_citation
from sulieu.errors import QuerySyntaxError, SulieuError
from sulieu.issuers import committee_name
from sulieu.store import ArchiveStore
from sulieu.text import fold, has_diacritics
from ui import i18n
from ui.pages.citations import anchor as missing_anchor
from ui.pages.common import UserDep, access_for, error_page, safe_snippet
from ui.web import qs, render

router = APIRouter()

PAGE_SIZE = 10
FACET_SHOWN = 8
_ISO_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")

EXAMPLES: list[tuple[str, str]] = [
    ("lich su dang bo kien an", "gõ không dấu vẫn tìm được văn bản có dấu"),
    ('"sơ kết 05 năm"', "cụm từ chính xác, đúng thứ tự"),
    ("so:328-KH/TU", "số, ký hiệu văn bản, viết kiểu nào cũng được (328/KH-TU, 328 kh tu)"),
    ("loai:KH nam:2023..2024", "loại văn bản và khoảng năm"),
    ('co_quan:"Thành ủy Hải Phòng"', "cơ quan ban hành, gồm cả cơ quan trực thuộc"),
    ("trich_dan:20-CT/TW", "các văn bản dẫn chiếu Chỉ thị 20-CT/TW"),
    ("giai_doan:1945..1954", "sách: các chương viết về giai đoạn 1945 - 1954 (cả chương giao với giai đoạn này)"),
    ("dân vận -chính quyền", "dấu trừ để loại bỏ một từ; OR để lấy một trong hai"),
]


@dataclass
class Filters:
    q: str
    doc_type: list[str]
    issuer: list[str]
    level: list[str]
    place: list[str]
    province: list[str]
    year: list[int]
    date_from: str | None
    date_to: str | None
    sort: str
    page: int
    lineage: bool = False  # co_quan: and the issuer filter through predecessors and successors
    show_copies: bool = False  # near-duplicates marked as copies listed too
    period: str | None = None  # book chapters overlapping these years (as giai_doan:)

    def params(self) -> dict[str, Any]:
        return {"q": self.q, "doc_type": self.doc_type, "issuer": self.issuer, "level": self.level,
                "place": self.place, "province": self.province, "year": self.year, "date_from": self.date_from,
                "date_to": self.date_to, "sort": "" if self.sort == "relevance" else self.sort,
                "lineage": "1" if self.lineage else None, "show_copies": "1" if self.show_copies else None,
                "period": self.period}

    @property
    def any_filter(self) -> bool:
        return bool(self.doc_type or self.issuer or self.level or self.place or self.province or self.year
                    or self.date_from or self.date_to or self.period)

    def request(self, allowed: list[str], **changes: Any) -> SearchRequest:
        data = {"q": self.q, "doc_type": self.doc_type, "issuer": self.issuer, "level": self.level,
                "place": self.place, "province": self.province, "year": self.year, "date_from": self.date_from,
                "date_to": self.date_to, "sort": self.sort, "page": self.page, "page_size": PAGE_SIZE, "allowed_access": allowed,
                "lineage": self.lineage, "show_copies": self.show_copies, "period": self.period}
        data.update(changes)
        return SearchRequest(**data)


def _date(value: str | None, errors: list[str], label: str) -> str | None:
    v = (value or "").strip()
    if not v:
        return None
    m = _DMY.match(v)
    if m:
        v = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    if not _ISO_DAY.match(v):
        errors.append(f"{label} “{value}” không hợp lệ: hãy nhập theo dạng ngày/tháng/năm hoặc năm-tháng-ngày.")
        return None
    return v


def parse_period(value: str | None, errors: list[str]) -> str | None:
    """The "Giai đoạn" field: 1945..1954, 1945-1954 or 1954, checked as giai_doan: is (the same message)."""
    v = (value or "").strip()
    if not v:
        return None
    try:
        period_range(v)
    except QuerySyntaxError as e:
        errors.append(e.message)
        return None
    return v


def parse_filters(q: str, doc_type: list[str], issuer: list[str], level: list[str], place: list[str],
                  province: list[str], year: list[str], date_from: str | None, date_to: str | None, sort: str | None,
                  page: str | None, errors: list[str]) -> Filters:
    years = []
    for y in year:
        if y.strip().isdigit():
            years.append(int(y))
        elif y.strip():
            errors.append(f"Năm “{y}” không hợp lệ.")
    try:
        page_no = max(1, min(int(page or 1), 1000))
    except ValueError:
        page_no = 1
    return Filters(
        q=(q or "").strip(), doc_type=[v for v in doc_type if v], issuer=[v for v in issuer if v],
        level=[v for v in level if v in i18n.LEVELS], place=[v for v in place if v],
        province=[v for v in province if v], year=years,
        date_from=_date(date_from, errors, "Ngày bắt đầu"), date_to=_date(date_to, errors, "Ngày kết thúc"),
        sort=sort if sort in i18n.SORTS else "relevance", page=page_no,
    )


def facet_label(field: str, value: str) -> str:
    if field == "level":
        return i18n.label(i18n.LEVELS, value)
    return value


def build_facets(result: SearchResult, f: Filters) -> list[dict[str, Any]]:
    """Facet groups for the template: each value with its count and the link that toggles it."""
    params = f.params()
    groups = []
    for field in FACET_FIELDS:
        selected = [str(v) for v in getattr(f, field)]
        values = list(result.facets.get(field, []))
        if field == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        elif field == "level":
            values.sort(key=lambda v: i18n.LEVEL_ORDER.index(v.value) if v.value in i18n.LEVEL_ORDER else 9)
        seen = {v.value for v in values}
        items = []
        for v in values:
            on = v.value in selected
            new = [s for s in selected if s != v.value] if on else selected + [v.value]
            items.append({"value": v.value, "label": facet_label(field, v.value), "count": v.count, "on": on,
                          "href": "/?" + qs(params, **{field: new, "page": None})})
        for s in selected:  # a selected value with no match left still shows, to be removed
            if s not in seen:
                items.insert(0, {"value": s, "label": facet_label(field, s), "count": 0, "on": True,
                                 "href": "/?" + qs(params, **{field: [x for x in selected if x != s]})})
        if items:
            groups.append({"field": field, "label": i18n.FACETS[field], "items": items[:FACET_SHOWN],
                           "more": items[FACET_SHOWN:]})
    return groups


def active_chips(f: Filters) -> list[dict[str, str]]:
    params = f.params()
    chips = []
    for field in FACET_FIELDS:
        values = [str(v) for v in getattr(f, field)]
        for v in values:
            chips.append({"label": f"{i18n.FACETS[field]}: {facet_label(field, v)}",
                          "href": "/?" + qs(params, **{field: [x for x in values if x != v]})})
    if f.date_from or f.date_to:
        from ui.dates import format_date_vi

        span = f"{format_date_vi(f.date_from) or '…'} – {format_date_vi(f.date_to) or '…'}"
        chips.append({"label": f"Thời gian: {span}", "href": "/?" + qs(params, date_from=None, date_to=None)})
    if f.period:
        chips.append({"label": f"Giai đoạn: {f.period}", "href": "/?" + qs(params, period=None)})
    return chips


def suggestions(backend: Any, f: Filters, allowed: list[str]) -> list[dict[str, Any]]:
    """What to try when nothing matched, each with the number of results it would give."""
    tries: list[tuple[str, Filters]] = []
    if f.q and has_diacritics(f.q):
        tries.append((f"Bỏ dấu: “{fold(f.q)}”", _replace(f, q=fold(f.q))))
    if f.any_filter:
        for field in FACET_FIELDS:
            for v in getattr(f, field):
                rest = [x for x in getattr(f, field) if x != v]
                tries.append((f"Bỏ bộ lọc {i18n.FACETS[field].lower()}: {facet_label(field, str(v))}",
                              _replace(f, **{field: rest})))
        if f.date_from or f.date_to:
            tries.append(("Bỏ giới hạn thời gian", _replace(f, date_from=None, date_to=None)))
        if f.period:
            tries.append((f"Bỏ giai đoạn {f.period}", _replace(f, period=None)))
        tries.append(("Bỏ mọi bộ lọc", _replace(f, doc_type=[], issuer=[], level=[], place=[], province=[], year=[],
                                                date_from=None, date_to=None, period=None)))
        if f.q and has_diacritics(f.q):
            tries.append((f"Bỏ dấu và mọi bộ lọc: “{fold(f.q)}”",
                          _replace(f, q=fold(f.q), doc_type=[], issuer=[], level=[], place=[], province=[], year=[],
                                   date_from=None, date_to=None, period=None)))
    words = f.q.split()
    if len(words) > 2 and '"' not in f.q and ":" not in f.q:
        shorter = " ".join(words[:2])
        tries.append((f"Ít từ hơn: “{shorter}”", _replace(f, q=shorter)))
    out = []
    seen: set[str] = set()
    for label, alt in tries:
        href = "/?" + qs(alt.params())
        if href in seen:
            continue
        seen.add(href)
        try:
            n = backend.count(alt.request(allowed, page=1, facets=False))
        except SulieuError:
            continue
        if n > 0:
            out.append({"label": label, "href": href, "count": n})
    return out


def _replace(f: Filters, **changes: Any) -> Filters:
    data = dict(f.__dict__)
    data.update(changes)
    data["page"] = 1
    return Filters(**data)


def page_links(total: int, page: int, size: int, params: dict[str, Any]) -> dict[str, Any] | None:
    pages = (total + size - 1) // size
    if pages <= 1:
        return None
    window = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    items: list[dict[str, Any]] = []
    prev = 0
    for n in window:
        if n - prev > 1:
            items.append({"gap": True})
        items.append({"n": n, "href": "/?" + qs(params, page=n if n > 1 else None), "current": n == page})
        prev = n
    return {"items": items,
            "prev": "/?" + qs(params, page=page - 1 if page > 2 else None) if page > 1 else None,
            "next": "/?" + qs(params, page=page + 1) if page < pages else None,
            "pages": pages}


def hit_view(hit: Any, q: str, back: str = "", period: bool = False) -> dict[str, Any]:
    """One result; with a period asked (``period``, or giai_doan: in ``q``) its pages are shown even without
    words, each with the book chapter it belongs to."""
    first_page = hit.snippets[0].page if hit.snippets else (hit.pages[0].page if hit.pages else None)
    link = f"/doc/{hit.id}"
    shown = bool(q) or period
    extra = {"q": q or None, "p": first_page if (shown and first_page) else None, "tu": back or None}
    query = qs(extra)
    return {
        "id": hit.id,
        "href": link + (f"?{query}#trang" if query else ""),
        "title": hit.title or hit.subject or hit.symbol or "Tài liệu không tiêu đề",
        "doc_type": hit.doc_type,
        "symbol": hit.symbol,
        "issuer": hit.issuer,
        "date": hit.date,
        "subject": hit.subject if hit.subject and hit.subject != hit.title else None,
        "level": hit.level,
        "access": hit.access,
        "snippets": [{"page": s.page, "html": safe_snippet(s.html), "chapter": s.chapter,
                      "href": f"/doc/{hit.id}?" + qs({"q": q or None, "p": s.page, "tu": back or None}) + "#trang"}
                     for s in (hit.snippets[:3] if shown else [])],
    }


def lineage_hint(store: ArchiveStore, f: Filters) -> dict[str, Any] | None:
    """"Thành ủy Hải Phòng, kể cả Tỉnh ủy Hải Dương (trước 2025)": the chosen bodies' predecessors and
    successors, with a link that turns the lineage option on (or off)."""
    names = list(f.issuer) + [i.value for c in _co_quan(f.q) for i in c]
    if not names:
        return None
    index = authority_index(store)
    parts = []
    for name in names:
        rec = index.resolve(committee_name(name) or name)
        if rec is None:
            continue
        related = [index.records[r] for r in index.lineage(rec.id)]
        if related:
            shown = ", ".join(f"{r.name}{' (đến ' + r.end[:4] + ')' if r.end else ''}" for r in related[:4])
            parts.append(f"{rec.name}, kể cả {shown}{' …' if len(related) > 4 else ''}")
    if not parts:
        return None
    return {"text": "; ".join(parts), "on": f.lineage,
            "href": "/?" + qs({**f.params(), "lineage": None if f.lineage else "1"})}


def _co_quan(q: str) -> list[list[Any]]:
    try:
        pq = parse_query(q) if "co_quan" in fold(q).replace(" ", "_") else None
    except QuerySyntaxError:
        return []
    if pq is None:
        return []
    return [[i for i in c.items if isinstance(i, FieldTerm) and i.field == "co_quan"] for c in pq.clauses
            if not c.negated]


def lookup_view(answer: LookupAnswer | None, back: str) -> dict[str, Any] | None:
    """The look-up answer above the results: who holds the symbol, or that nobody does and who cites it."""
    if answer is None:
        return None
    doc_qs = "?" + qs({"tu": back}) if back else ""
    return {
        "label": answer.label, "symbol": answer.symbol, "held": answer.held, "count": len(answer.holders),
        "holders": [{"href": f"/doc/{d.id}{doc_qs}", "citation": format_citation(d.metadata),
                     "issuer": d.metadata.issuer, "province": d.metadata.province, "date": d.metadata.date}
                    for d in answer.holders],
        "citing": [{"href": f"/doc/{c.doc.id}" + "?" + qs({"tu": back or None, "p": c.citation.page}) + "#trang",
                    "title": format_citation(c.doc.metadata), "text": c.citation.text, "page": c.citation.page}
                   for c in answer.citing],
        "missing": {"count": answer.missing.count, "text": answer.missing.text,
                    "href": "/missing?" + qs({"key": answer.missing.key}) + "#" + missing_anchor(answer.missing.key)} if answer.missing is not None else None,
    }


@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request,
    user: UserDep,
    backend: Backend,
    catalog: Annotated[Catalog, Depends(get_catalog)],
    graph: Graph,
    q: str = "",
    doc_type: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI query lists
    issuer: Annotated[list[str], Query()] = [],  # noqa: B006
    level: Annotated[list[str], Query()] = [],  # noqa: B006
    place: Annotated[list[str], Query()] = [],  # noqa: B006
    province: Annotated[list[str], Query()] = [],  # noqa: B006
    year: Annotated[list[str], Query()] = [],  # noqa: B006
    date_from: str | None = None,
    date_to: str | None = None,
    sort: str | None = None,
    page: str | None = None,
    lineage: str | None = None,
    show_copies: str | None = None,
    period: str | None = None,
) -> HTMLResponse:
    errors: list[str] = []
    f = parse_filters(q, doc_type, issuer, level, place, province, year, date_from, date_to, sort, page, errors)
    f.lineage, f.show_copies = bool(lineage), bool(show_copies)
    f.period = parse_period(period, errors)
    allowed = access_for(user)
    result: SearchResult | None = None
    try:
        result = search(backend, f.request(allowed))
    except QuerySyntaxError as e:
        errors.append(e.message)
    except SulieuError as e:
        return error_page(request, user, e)
    params = f.params()
    answer = lookup_view(lookup(catalog, graph, f.q, allowed), qs(params)) if f.q and result is not None else None
    ctx: dict[str, Any] = {
        "lookup": answer,
        "f": f, "params": params, "errors": errors, "examples": EXAMPLES, "result": result,
        "hits": [hit_view(h, f.q, qs(params, page=f.page if f.page > 1 else None), bool(f.period))
                 for h in result.hits]
        if result else [],
        "facets": build_facets(result, f) if result else [],
        "chips": active_chips(f),
        "pagination": page_links(result.total, f.page, PAGE_SIZE, params) if result else None,
        "suggest": suggestions(backend, f, allowed) if (result is not None and result.total == 0) else [],
        "export_qs": qs(params),
        "browsing": not f.q and not f.any_filter,
        "lineage_hint": lineage_hint(app_state(request).store, f),
    }
    return render(request, "search.html", ctx, user=user, active="search",
                  title=f"“{f.q}” – tìm kiếm" if f.q else "Tìm kiếm")
