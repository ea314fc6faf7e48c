"""What an OAI-PMH harvester sees of one document: its sets and its Dublin Core (``oai_dc``) fields.

Sets are the two groupings aggregators ask for: by issuer level (``level:district``) and by province
(``province:hai-phong``, ASCII because a setSpec must be). Dublin Core follows the mapping of issue 17:
creator = issuing body, identifier = symbol and our URL, coverage = place and period, relation =
the documents it cites, rights by access level. A cited document is linked only if the harvester may
see it; otherwise only the citation as written in the (visible) text is given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from services.catalog import DocSummary
from services.citations import resolved
from sulieu.citation_graph import CitationGraph
from sulieu.text import fold

LEVEL_NAMES = {"central": "Cấp trung ương", "province": "Cấp tỉnh, thành phố", "district": "Cấp huyện, quận",
               "commune": "Cấp xã, phường"}
RIGHTS = {
    "public": "Công khai: được xem và trích dẫn, ghi rõ nguồn (Sử liệu).",
    "internal": "Lưu hành nội bộ: chỉ người dùng có tài khoản được xem; không phổ biến ra ngoài.",
    "restricted": "Hạn chế: chỉ người được cấp quyền xem tài liệu mật được xem; không sao chép, không phổ biến.",
}
PARENT_SETS = {"level": "Theo cấp cơ quan ban hành", "province": "Theo tỉnh, thành phố"}
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class OaiSet:
    spec: str
    name: str


def datestamp(doc: DocSummary) -> datetime:
    """The last write of the record or its corrections, in UTC to the second (the declared granularity)."""
    stamp = doc.changed_at or doc.ingested_at or EPOCH
    return stamp.astimezone(UTC).replace(microsecond=0)


def format_stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def slug(text: str) -> str:
    """``Hải Phòng`` → ``hai-phong`` (the setSpec alphabet is ASCII letters, digits and a few marks)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def doc_sets(doc: DocSummary) -> list[OaiSet]:
    md = doc.metadata
    out = []
    if md.level in LEVEL_NAMES:
        out.append(OaiSet(f"level:{md.level}", LEVEL_NAMES[md.level]))
    if md.province and slug(md.province):
        out.append(OaiSet(f"province:{slug(md.province)}", f"Tỉnh, thành phố: {md.province}"))
    return out


def in_set(doc: DocSummary, spec: str) -> bool:
    """Membership with the hierarchy: a document in ``level:district`` is in ``level`` too."""
    return any(s.spec == spec or s.spec.startswith(spec + ":") for s in doc_sets(doc))


def all_sets(docs: list[DocSummary]) -> list[OaiSet]:
    """The sets of the documents the harvester may see (a set made only of hidden documents is not listed)."""
    found: dict[str, OaiSet] = {}
    for d in docs:
        for s in doc_sets(d):
            found.setdefault(s.spec, s)
    parents = {s.spec.split(":")[0] for s in found.values()}
    out = [OaiSet(p, PARENT_SETS[p]) for p in sorted(parents)]
    return out + sorted(found.values(), key=lambda s: s.spec)


def _relations(doc: DocSummary, graph: CitationGraph | None, seen: Mapping[str, DocSummary],
               base_url: str) -> list[str]:
    out = []
    for c, target_id in resolved(doc, graph):
        target = seen.get(target_id) if target_id else None
        out.append(f"{base_url}/doc/{target.id}" if target is not None and not target.deleted else c.text)
    return list(dict.fromkeys(out))


def _coverage(doc: DocSummary) -> list[str]:
    md = doc.metadata
    values = [md.place, *md.places]
    if md.period is not None:
        values.append(f"{md.period.start}-{md.period.end}" if md.period.end else str(md.period.start))
    return list(dict.fromkeys(v for v in values if v))


def dublin_core(doc: DocSummary, graph: CitationGraph | None, seen: Mapping[str, DocSummary],
                base_url: str) -> list[tuple[str, str]]:
    """``(element, value)`` pairs in ``oai_dc`` order; values in Vietnamese unless they are codes or URLs.
    ``seen``: the documents the harvester may see, by id (a citation links only to one of them)."""
    md = doc.metadata
    fields: list[tuple[str, str]] = [("title", md.title or md.subject or doc.original_name)]
    fields += [("creator", v) for v in (md.issuer,) if v]
    fields += [("subject", v) for v in (md.subject, *md.people) if v]
    signer = md.signer.name if md.signer else None
    fields += [("contributor", signer)] if signer else []
    fields += [("date", md.date)] if md.date else []
    fields += [("type", v) for v in (md.doc_type, "Text") if v]
    fields += [("format", doc.mime)]
    fields += [("identifier", v) for v in (md.symbol, f"{base_url}/doc/{doc.id}") if v]
    fields += [("language", md.language or "vi")]
    fields += [("relation", v) for v in _relations(doc, graph, seen, base_url)]
    fields += [("coverage", v) for v in _coverage(doc)]
    fields += [("rights", RIGHTS.get(doc.access, doc.access))]
    return fields
