"""Citation lists seen through a user's access levels.

A target the user may not see is treated as not in the archive: the citation is shown as
written (that text is part of a document the user may see) but without its target, and it
counts among the missing documents. Documents the user may not see never contribute citing
documents, counts or example texts. (B's graph resolves citations over the whole archive; the
per-user view is computed here from its resolved targets.)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from services.catalog import Catalog, DocSummary, visible
from services.documents import doc_ref
from services.missing_list import classify
from services.schemas import CitationPublic, CitationsPublic, CitedByPublic, MissingDocPublic, MissingPassagePublic
from sulieu.model import Citation
from sulieu.symbols import parse_symbol, symbol_key
from sulieu.text import fold, normalize_text


def resolved(doc: DocSummary, graph: Any | None) -> list[tuple[Citation, str | None]]:
    """Each citation of a document with the archive id it resolves to (over the whole archive)."""
    targets = graph.targets(doc.id) if graph is not None else []
    if targets:
        return [(rc.citation, rc.target_id) for rc in targets]
    if graph is not None:  # not in the graph (deleted, or added since): nothing resolved
        return [(c, None) for c in doc.citations]
    return [(c, c.target_id) for c in doc.citations]


def _cited_by_pairs(doc_id: str, catalog: Catalog, graph: Any | None) -> Iterable[tuple[str, Citation]]:
    if graph is not None:
        try:
            return list(graph.cited_by(doc_id))
        except KeyError:
            return []
    return [(d.id, c) for d in catalog.all() for c in d.citations if c.target_id == doc_id]


def citations_for(doc: DocSummary, catalog: Catalog, graph: Any | None, allowed: list[str]) -> CitationsPublic:
    cites = []
    unresolved = 0
    for c, target_id in resolved(doc, graph):
        target = catalog.get(target_id) if target_id else None
        ref = doc_ref(target) if target is not None and visible(target, allowed) else None
        if ref is None:
            unresolved += 1
        cites.append(CitationPublic(text=c.text, relation=c.relation, doc_type=c.doc_type, number=c.number,
                                    symbol=c.symbol, date=c.date, issuer=c.issuer, page=c.page, target=ref))
    cited_by = []
    for citing_id, c in _cited_by_pairs(doc.id, catalog, graph):
        src = catalog.get(citing_id)
        if src is not None and visible(src, allowed) and citing_id != doc.id:
            cited_by.append(CitedByPublic(source=doc_ref(src), text=c.text, relation=c.relation, page=c.page))
    return CitationsPublic(doc_id=doc.id, cites=cites, cited_by=cited_by, unresolved=unresolved)


def missing_key(c: Citation) -> str:
    key = c.symbol_key or (symbol_key(c.symbol) if c.symbol else None)
    if key:
        year = (c.date or "")[:4]
        return f"{key}|{year}" if year.isdigit() else key
    return "text:" + " ".join(fold(normalize_text(c.text)).split())[:160]


def _matches(c: Citation, m: Any) -> bool:
    if c.text == m.example:
        return True
    if m.symbol and c.symbol:
        return symbol_key(c.symbol) == symbol_key(m.symbol)
    return bool(m.number and c.number == m.number and (c.doc_type or "") == (m.doc_type or ""))


def _as_printed(matching: list[Citation]) -> Citation | None:
    """The citation to head an entry: one whose text shows the symbol as the entry spells it; when every
    passage was misread by OCR ("02-NO/TW", put back to "02-NQ/TW" in the graph), the first one with the
    misread symbol replaced in the headline only (its passage below keeps what the page says)."""
    for c in matching:
        if not c.symbol or c.symbol.replace(" ", "") in c.text.replace(" ", ""):
            return c  # printed as spelled ("4017/TTr- BNNMT" only has a space more)
    if not matching:
        return None
    c = matching[0]
    assert c.symbol is not None
    words = c.text.split(" ")
    for i, w in enumerate(words):
        read = parse_symbol(w.strip(",.;:()"))
        if read is not None and read.number and _num_key(read.number) == _num_key(c.number):
            words[i] = w.replace(w.strip(",.;:()"), c.symbol)
            return c.model_copy(update={"text": " ".join(words)})
    return c


def _num_key(number: str | None) -> str:
    return (number or "").lstrip("0")


def _entry(entry: MissingDocPublic, citing: list[DocSummary], graph: Any | None, m: Any | None) -> MissingDocPublic:
    """The entry with its system, level, province (the citing documents' for a local body), whether it is
    identified at all, and the passages citing it."""
    entry.system, entry.level = classify(entry.symbol, entry.issuer)
    if entry.level == "central" or entry.province and entry.province.islower():
        entry.province = None  # "Học viện … Hồ Chí Minh" names no province; a folded key is no name
    if entry.province is None and entry.level in ("province", "district", "commune"):
        provinces = {d.metadata.province for d in citing if d.metadata.province}
        entry.province = provinces.pop() if len(provinces) == 1 else None
    entry.identified = bool(entry.symbol or entry.number) or _named(entry.text, entry.doc_type)
    for d in citing[:20]:
        for c, target in resolved(d, graph):
            if target is None and (m is None and missing_key(c) == entry.key or m is not None and _matches(c, m)):
                entry.passages.append(MissingPassagePublic(source=doc_ref(d), text=c.text, page=c.page))
                break
    return entry


def _named(text: str, doc_type: str | None) -> bool:
    """"Luật Lưu trữ ngày …" names its document; "Luật ngày 18/02/2025" does not."""
    head = fold(text).split(" ngay ")[0].split(" so ")[0].strip(" ,;.")
    return bool(head) and head != fold(doc_type or "")


def missing_documents(catalog: Catalog, graph: Any | None, allowed: list[str]) -> list[MissingDocPublic]:
    """Cited-but-missing documents as this user sees the archive, most cited first.

    Starts from the graph's ranked groups (B's identity rules), keeping only citing documents the
    user may see (count = distinct visible citing documents, example text taken from one of them),
    then adds citations whose target exists but is hidden from the user.
    """
    out: list[MissingDocPublic] = []
    docs = {d.id: d for d in catalog.all() if visible(d, allowed)}
    if graph is not None:
        for m in graph.unresolved_ranked():
            citing = [docs[i] for i in dict.fromkeys(m.citing_ids) if i in docs]
            if not citing:
                continue
            matching = [c for d in citing for c, t in resolved(d, graph) if t is None and _matches(c, m)]
            example = _as_printed(matching)
            text = example.text if example is not None else " ".join(
                filter(None, [m.doc_type, f"số {m.symbol or m.number}" if (m.symbol or m.number) else None, m.date]))
            out.append(_entry(MissingDocPublic(key=m.key, count=len(citing), text=text or m.key, doc_type=m.doc_type,
                                               number=m.number, symbol=m.symbol, date=m.date, issuer=m.issuer,
                                               cited_by=[doc_ref(d) for d in citing[:10]], province=m.province),
                              citing, graph, m))
    groups: dict[str, dict[str, Any]] = {}
    for doc in docs.values():
        for c, target_id in resolved(doc, graph):
            if graph is not None and target_id is None:
                continue  # already counted through the graph's groups
            if target_id is not None and target_id in docs:
                continue
            g = groups.setdefault(missing_key(c), {"c": c, "docs": {}})
            g["docs"].setdefault(doc.id, doc)
    for key, g in groups.items():
        c = g["c"]
        citing = sorted(g["docs"].values(), key=lambda d: d.id)
        out.append(_entry(MissingDocPublic(key=key, count=len(citing), text=c.text, doc_type=c.doc_type,
                                           number=c.number, symbol=c.symbol, date=c.date, issuer=c.issuer,
                                           cited_by=[doc_ref(d) for d in citing[:10]], province=c.province),
                          citing, graph, None))
    out.sort(key=lambda m: (-m.count, m.key))
    return out
