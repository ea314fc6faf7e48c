"""Browse the archive by issuer (a tree of Party levels) and by year (a timeline)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from search_api.deps import get_catalog
from services.catalog import Catalog, DocSummary, visible
from sulieu.citation_format import format_citation
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

    @property
    def total(self) -> int:
        return self.own + sum(c.total for c in self.children)

    @property
    def href(self) -> str:
        return "/?" + qs({"issuer": self.name})

    @property
    def subtree_href(self) -> str:
        return "/?" + qs({"q": f'co_quan:"{self.name}"'})

    @property
    def level_label(self) -> str:
        if self.level == UNKNOWN:
            return "Chưa rõ cấp"
        table = i18n.STATE_LEVELS if self.system == "state" else i18n.LEVELS
        return i18n.label(table, self.level)


_BODY_PREFIX = re.compile(r"^(ban chap hanh|ban thuong vu|thuong truc) ")
_DANG_BO = [(re.compile(rf"^dang bo {unit} "), f"{committee} ") for unit, committee in (
    ("thanh pho", "thanh uy"), ("tinh", "tinh uy"), ("huyen", "huyen uy"), ("quan", "quan uy"),
    ("thi xa", "thi uy"), ("xa", "dang uy xa"), ("phuong", "dang uy phuong"), ("thi tran", "dang uy thi tran"))]


def _key(name: str | None) -> str:
    """One key per committee: 'Đảng bộ huyện Vĩnh Bảo', 'Ban Thường vụ Huyện ủy Vĩnh Bảo' and
    'Huyện ủy Vĩnh Bảo' name the same body (a Đảng bộ is led by its Huyện ủy)."""
    k = " ".join(fold(name or "").split())
    k = _BODY_PREFIX.sub("", k)
    for pattern, committee in _DANG_BO:
        if pattern.match(k):
            return pattern.sub(committee, k, count=1)
    return k


def issuer_tree(docs: list[DocSummary]) -> tuple[list[Node], int]:
    """Nodes of the four Party levels, each issuer under its superior when it can be found.

    The superior is the recorded ``issuer_parent`` when it names a known issuer; otherwise, for
    district and commune bodies, the province-level body of the same province and system. Issuers whose
    superior is not in the archive hang directly under their level's group.
    """
    nodes: dict[str, Node] = {}
    parents: dict[str, Counter] = defaultdict(Counter)
    no_issuer = 0
    for d in docs:
        md = d.metadata
        if not md.issuer:
            no_issuer += 1
            continue
        k = _key(md.issuer)
        node = nodes.get(k)
        if node is None:
            node = nodes[k] = Node(md.issuer, md.level or UNKNOWN, province=md.province, system=md.system)
        node.own += 1
        if md.system and not node.system:
            node.system = md.system
        if md.level and node.level == UNKNOWN:
            node.level = md.level
        if md.province and not node.province:
            node.province = md.province
        if md.issuer_parent:
            parents[k][_key(md.issuer_parent)] += 1
    # The province-level body of the same system (a Huyện ủy goes under the Tỉnh ủy, not the provincial
    # People's Committee), the one with most documents when there are several.
    province_nodes: dict[tuple[str, str | None], Node] = {}
    for n in sorted(nodes.values(), key=lambda x: -x.own):
        if n.level == "province" and n.province:
            province_nodes.setdefault((_key(n.province), n.system), n)
    roots: dict[str, list[Node]] = {lvl: [] for lvl in (*i18n.LEVEL_ORDER, UNKNOWN)}
    for k, n in nodes.items():
        parent: Node | None = None
        for pk, _ in parents[k].most_common():
            cand = nodes.get(pk)
            if cand is not None and cand is not n and _RANK.get(cand.level, 9) < _RANK.get(n.level, 9):
                parent = cand
                break
        if parent is None and n.level in ("district", "commune") and n.province:
            cand = province_nodes.get((_key(n.province), n.system))
            if cand is not None and cand is not n:
                parent = cand
        if parent is not None:
            parent.children.append(n)
        else:
            roots[n.level if n.level in roots else UNKNOWN].append(n)

    def sort(ns: list[Node]) -> None:
        ns.sort(key=lambda x: (_RANK.get(x.level, 9), -x.total, x.name))
        for x in ns:
            sort(x.children)

    for ns in roots.values():
        sort(ns)
    # One tree: Trung ương on top, then province committees, then orphans of lower levels.
    groups = []
    for lvl in (*i18n.LEVEL_ORDER, UNKNOWN):
        if roots[lvl]:
            groups.append(Node(i18n.LEVELS.get(lvl, "Chưa rõ cấp"), lvl, children=roots[lvl]))
    return groups, no_issuer


@router.get("/browse/issuers", response_class=HTMLResponse)
def browse_issuers(request: Request, user: UserDep, catalog: Annotated[Catalog, Depends(get_catalog)]) -> HTMLResponse:
    allowed = access_for(user)
    docs = [d for d in catalog.all() if visible(d, allowed)]
    groups, no_issuer = issuer_tree(docs)
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
