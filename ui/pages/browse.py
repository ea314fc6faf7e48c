"""Browse the archive by issuer (a tree of Party levels) and by year (a timeline)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from search_api.deps import get_catalog, get_store
from services.authority import authority_index
from services.catalog import Catalog, DocSummary, visible
from sulieu.authority import AuthorityIndex
from sulieu.citation_format import format_citation
from sulieu.issuers import issuer_scope, name_level
from sulieu.store import ArchiveStore
from sulieu.text import fold
from ui import i18n
from ui.pages.common import UserDep, access_for
from ui.web import qs, render

router = APIRouter()

_RANK = {lvl: i for i, lvl in enumerate(i18n.LEVEL_ORDER)}
UNKNOWN = "unknown"


@dataclass
class Node:
    name: str
    level: str
    own: int = 0
    children: list[Node] = field(default_factory=list)
    province: str | None = None
    system: str | None = None
    scope: int | None = None  # documents of this body and the bodies under it (sulieu.issuers)
    record_id: str | None = None  # its authority record (``/co-quan/{id}``)

    @property
    def total(self) -> int:
        return self.scope if self.scope is not None else self.own + sum(c.total for c in self.children)

    @property
    def href(self) -> str:
        return self.subtree_href

    @property
    def subtree_href(self) -> str:
        """The issuer facet: the same scope rule as this count and as ``co_quan:``."""
        return "/?" + qs({"issuer": self.name})

    @property
    def level_label(self) -> str:
        if self.level == UNKNOWN:
            return "Chưa rõ cấp"
        table = i18n.STATE_LEVELS if self.system == "state" else i18n.LEVELS
        return i18n.label(table, self.level)


def _nodes(docs: list[DocSummary], authority: AuthorityIndex | None) -> tuple[dict[str, Node], dict[str, Counter], int]:
    """A node per body named in any document's scope, with its own and its scope's counts. With the
    authority records each body is named as its record is (the issuer facet's values), so a body known
    by several names is one node."""
    nodes: dict[str, Node] = {}
    parents: dict[str, Counter] = defaultdict(Counter)
    no_issuer = 0
    for d in docs:
        md = d.metadata
        scope = authority.scope(md) if authority is not None else None  # cached per distinct issuer
        chain = list(scope.path) if scope is not None else issuer_scope(md)
        if not chain:
            no_issuer += 1
            continue
        for i, name in enumerate(chain):
            node = nodes.get(fold(name))
            if node is None:
                node = nodes[fold(name)] = Node(name, name_level(name) or UNKNOWN, scope=0,
                                                province=md.province, system="party" if i else md.system)
            node.scope = (node.scope or 0) + 1
            if scope is not None and node.record_id is None and authority is not None:
                rec = authority.resolve(name, md.province, md.date)
                node.record_id = rec.id if rec is not None else None
            if i + 1 < len(chain):
                parents[fold(name)][fold(chain[i + 1])] += 1
        own = nodes[fold(chain[0])]
        own.own += 1
        if md.level:
            own.level = md.level
        own.system = md.system or own.system
    return nodes, parents, no_issuer


def issuer_tree(docs: list[DocSummary], authority: AuthorityIndex | None = None) -> tuple[list[Node], int]:
    """Bodies under the committee they belong to (``sulieu.issuers.issuer_scope``: a Ban Tuyên giáo,
    Văn phòng or Ủy ban Kiểm tra under its committee, a people's committee under its locality's Party
    committee, a district under its province). Each count is the documents of the body and of every
    body under it, the same rule ``co_quan:`` and the issuer facet apply, so the link opens that count."""
    nodes, parents, no_issuer = _nodes(docs, authority)
    roots: dict[str, list[Node]] = {lvl: [] for lvl in (*i18n.LEVEL_ORDER, UNKNOWN)}
    for k, n in nodes.items():
        parent = nodes.get(parents[k].most_common(1)[0][0]) if parents[k] else None
        if parent is not None and parent is not n:
            parent.children.append(n)
        else:
            roots[n.level if n.level in roots else UNKNOWN].append(n)

    def sort(ns: list[Node]) -> None:
        ns.sort(key=lambda x: (x.system == "state", _RANK.get(x.level, 9), -x.total, x.name))  # Party bodies first
        for x in ns:
            sort(x.children)

    for ns in roots.values():
        sort(ns)
    groups = []  # one tree: Trung ương on top, then province committees, then bodies of lower levels
    for lvl in (*i18n.LEVEL_ORDER, UNKNOWN):
        if roots[lvl]:
            groups.append(Node(i18n.LEVELS.get(lvl, "Chưa rõ cấp"), lvl, children=roots[lvl]))
    return groups, no_issuer


@router.get("/browse/issuers", response_class=HTMLResponse)
def browse_issuers(request: Request, user: UserDep, catalog: Annotated[Catalog, Depends(get_catalog)],
                   store: Annotated[ArchiveStore, Depends(get_store)]) -> HTMLResponse:
    allowed = access_for(user)
    docs = [d for d in catalog.all() if visible(d, allowed)]
    groups, no_issuer = issuer_tree(docs, authority_index(store))
    return render(request, "browse_issuers.html", {"groups": groups, "no_issuer": no_issuer, "total": len(docs)},
                  user=user, active="issuers", title="Duyệt theo cơ quan ban hành")


def year_timeline(docs: list[DocSummary], per_year: int = 3) -> tuple[list[dict[str, Any]], int]:
    by_year: dict[int, list[DocSummary]] = defaultdict(list)
    undated = 0
    for d in docs:
        y = d.metadata.year
        if y is None:
            undated += 1
        else:
            by_year[y].append(d)
    if not by_year:
        return [], undated
    peak = max(len(v) for v in by_year.values())
    decades: dict[int, dict[str, Any]] = {}
    for y in sorted(by_year):
        items = sorted(by_year[y], key=lambda d: d.metadata.date or "")
        dec = decades.setdefault(y // 10 * 10, {"decade": y // 10 * 10, "years": [], "count": 0})
        dec["count"] += len(items)
        dec["years"].append({
            "year": y, "count": len(items), "pct": max(2, round(100 * len(items) / peak)),
            "href": "/?" + qs({"year": y, "sort": "date_asc"}),
            "docs": [{"href": f"/doc/{d.id}", "title": format_citation(d.metadata), "date": d.metadata.date}
                     for d in items[:per_year]],
        })
    return list(decades.values()), undated


@router.get("/browse/years", response_class=HTMLResponse)
def browse_years(request: Request, user: UserDep, catalog: Annotated[Catalog, Depends(get_catalog)]) -> HTMLResponse:
    allowed = access_for(user)
    docs = [d for d in catalog.all() if visible(d, allowed)]
    decades, undated = year_timeline(docs)
    return render(request, "browse_years.html", {"decades": decades, "undated": undated, "total": len(docs)},
                  user=user, active="years", title="Duyệt theo năm")
