"""Authority records from what ingest found, and the 2025 reorganisation from ``vietnamadminunits``.

Run after every change (``services.refresh``): each body named in a document's issuer scope
(``sulieu.issuers``) gets a record if no record answers its name in that province; a Party or
people's committee of a province, district or commune then gets its 2025 fate from the package's
tables (a province merged into another, a district dissolved with the new communes that took its
communes over, a commune merged). Records an editor has changed are never rewritten, and nothing is
ever removed: the builder only adds. Issuer names no single record answers, and locality-bound
bodies whose unit the package does not know, are listed for an editor (``ambiguous``).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable

from ingest.understand.gazetteer import gazetteer
from ingest.understand.reorganisation import NewUnit, Reorganisation, reorganisation
from sulieu.authority import (
    REORGANISATION_2025,
    Ambiguity,
    AuthorityFile,
    AuthorityIndex,
    AuthorityRecord,
    BodyName,
    Succession,
    load_authority,
    record_id,
    save_authority,
)
from sulieu.errors import ArchiveError
from sulieu.issuers import CENTRAL_CITIES, body_name, issuer_scope, locality, name_level
from sulieu.model import DocumentMetadata
from sulieu.store import ArchiveStore
from sulieu.text import fold

log = logging.getLogger("sulieu.services")
ENDED_2025 = "2025-06-30"
MANY = "Nhiều hồ sơ cơ quan cùng tên: cần biên tập viên chọn."
NOT_FOUND = "Không tìm thấy đơn vị hành chính này (và đơn vị kế tục năm 2025) trong dữ liệu vietnamadminunits."
_SOURCE = "vietnamadminunits"


class _Builder:
    def __init__(self, data: AuthorityFile, reorg: Reorganisation) -> None:
        self.records = {r.id: r.model_copy(deep=True) for r in data.records}
        self.reorg = reorg
        self.index = AuthorityIndex(data)
        self.ambiguous = {(a.name, a.province): a.model_copy() for a in data.ambiguous  # flags of earlier runs
                          if a.reason != MANY and all(self.records.get(c) and self.records[c].edited_by is None
                                                      for c in a.candidates)}

    def _reindex(self) -> None:
        self.index = AuthorityIndex(AuthorityFile(records=list(self.records.values())))

    def ensure(self, name: str, province: str | None, level: str | None, parent: str | None,
               source: str = "ingest", start: str | None = None) -> AuthorityRecord:
        found = self.index.resolve(name, province)
        if found is not None:
            rec = self.records[found.id]
            if source == "ingest" and source not in rec.sources and rec.edited_by is None:
                rec.sources.append(source)
            return rec
        loc = locality(name)
        level = (loc.level if loc else None) or name_level(name) or level
        prov = None if level == "central" else province
        rid = record_id(name, level, prov)
        while rid in self.records:  # a namesake in another province or period
            rid += "-2"
        rec = AuthorityRecord(id=rid, names=[BodyName(name=name, start=start)], level=level,
                              system=(loc.system if loc else ("state" if fold(name).startswith(("uy ban", "hoi dong"))
                                                             else "party")),
                              parent=parent, province=prov, start=start, sources=[source])
        self.records[rid] = rec
        self._reindex()
        return rec

    def add_docs(self, docs: Iterable[DocumentMetadata]) -> Counter[tuple[str, str | None]]:
        uses: Counter[tuple[str, str | None]] = Counter()
        for md in docs:
            chain = issuer_scope(md)
            parent: str | None = None
            for i in range(len(chain) - 1, -1, -1):  # from the top, so each record knows its parent
                name = chain[i]
                uses[(name, md.province)] += 1
                if len(self.index.candidates(name)) > 1 and self.index.resolve(name, md.province, md.date) is None:
                    continue  # several bodies answer: an editor decides (listed below)
                rec = self.ensure(name, md.province, md.level if i == 0 else None, parent)
                if rec.parent is None and parent is not None and rec.edited_by is None and parent != rec.id:
                    rec.parent = parent
                parent = rec.id
        return uses

    # --- the 2025 reorganisation ----------------------------------------------------------------
    def apply_2025(self) -> None:
        for rec in list(self.records.values()):
            if rec.edited_by is not None or _SOURCE in rec.sources or rec.end:
                continue
            loc = locality(rec.name)
            if loc is None or not rec.province:
                continue
            if loc.level == "province":
                self._province(rec, loc.system, loc.place)
            elif loc.level == "district":
                self._dissolve(rec, loc.system, self.reorg.after_district(rec.province, loc.place), "dissolution")
            else:
                self._commune(rec, loc.system, loc.place)
        for rec in list(self.records.values()):  # bodies of a committee that ended with it (a district's Ban)
            parent = self.records.get(rec.parent or "")
            if (parent is not None and parent.end == ENDED_2025 and not rec.end and rec.edited_by is None
                    and locality(rec.name) is None):
                rec.end = ENDED_2025
                rec.history = rec.history or f"Chấm dứt hoạt động cùng {parent.name} khi bỏ cấp huyện (01/07/2025)."
                rec.sources.append(_SOURCE)

    def _province_body(self, system: str, province: str) -> AuthorityRecord:
        central = fold(province) in CENTRAL_CITIES
        name = body_name(system, "thành phố" if central else "tỉnh", province)
        return self.ensure(name, province, "province", None, source=_SOURCE)

    def _province(self, rec: AuthorityRecord, system: str, place: str) -> None:
        new = self.reorg.province(place)
        rec.sources.append(_SOURCE)
        if new is None:
            return
        if fold(new) != fold(place):
            target = self._province_body(system, new)
            self._end(rec, [target], "merger", f"Hợp nhất vào {target.name} từ 01/07/2025.")
            return
        for old in self.reorg.absorbed.get(new, []):
            before = self._province_body(system, old)
            if not before.end:
                self._end(before, [rec], "merger", f"Hợp nhất vào {rec.name} từ 01/07/2025.")

    def _new_unit_body(self, system: str, unit: NewUnit) -> AuthorityRecord:
        parent = self._province_body(system, unit.province)
        rec = self.ensure(body_name(system, unit.kind, unit.short), unit.province, "commune", parent.id,
                          source=_SOURCE, start=REORGANISATION_2025)
        if rec.parent is None and rec.edited_by is None:
            rec.parent = parent.id
        return rec

    def _dissolve(self, rec: AuthorityRecord, system: str, units: list[NewUnit], event: str) -> None:
        rec.sources.append(_SOURCE)
        if not units:
            self._flag(rec, NOT_FOUND)
            return
        targets = [self._new_unit_body(system, u) for u in units]
        names = ", ".join(t.name for t in targets)
        self._end(rec, targets, event, f"Giải thể khi bỏ cấp huyện (01/07/2025); địa bàn chuyển cho: {names}.")

    def _commune(self, rec: AuthorityRecord, system: str, place: str) -> None:
        parent = self.records.get(rec.parent or "")
        district = locality(parent.name).place if parent is not None and locality(parent.name) else None  # type: ignore[union-attr]
        units = self.reorg.after_commune(rec.province or "", district, place)
        if len(units) == 1 and fold(units[0].short) == fold(place):
            rec.sources.append(_SOURCE)  # the same commune goes on, larger
            new_parent = self._province_body(system, units[0].province)
            rec.history = rec.history or f"Từ 01/07/2025 trực thuộc {new_parent.name} (bỏ cấp huyện), sáp nhập thêm địa bàn."
            return
        self._dissolve(rec, system, units, "merger" if len(units) == 1 else "split")

    def _end(self, rec: AuthorityRecord, targets: list[AuthorityRecord], event: str, history: str) -> None:
        rec.end = ENDED_2025
        for t in targets:
            if t.id != rec.id and all(s.target != t.id for s in rec.successors):
                rec.successors.append(Succession(target=t.id, event=event, date=REORGANISATION_2025))
        rec.history = rec.history or history

    def _flag(self, rec: AuthorityRecord, reason: str) -> None:
        self.ambiguous[(rec.name, rec.province)] = Ambiguity(name=rec.name, province=rec.province, reason=reason,
                                                             candidates=[rec.id])

    def ambiguities(self, uses: Counter[tuple[str, str | None]]) -> list[Ambiguity]:
        self._reindex()
        out = dict(self.ambiguous)
        for (name, province), n in uses.items():
            if self.index.resolve(name, province) is None:
                out[(name, province)] = Ambiguity(name=name, province=province, documents=n,
                                                  reason=MANY,
                                                  candidates=[r.id for r in self.index.candidates(name)])
            elif (name, province) in out:
                out[(name, province)].documents = n
        return sorted(out.values(), key=lambda a: (-a.documents, a.name))


def _check_units(builder: _Builder) -> None:
    """Locality-bound bodies whose unit the gazetteer does not know are flagged (a misread name)."""
    gaz = gazetteer()
    if not gaz.provinces:
        return
    for rec in builder.records.values():
        loc = locality(rec.name)
        if loc is None or rec.edited_by is not None or REORGANISATION_2025 == rec.start:
            continue
        if loc.level == "province" and gaz.province(loc.place) is None:
            builder._flag(rec, "Tên tỉnh, thành phố không có trong dữ liệu vietnamadminunits.")
        elif loc.level == "district" and gaz.district(loc.place, rec.province) is None:
            builder._flag(rec, "Tên quận, huyện không có trong dữ liệu vietnamadminunits (tên đọc sai?).")


def build_authority(data: AuthorityFile, docs: Iterable[DocumentMetadata],
                    reorg: Reorganisation | None = None) -> AuthorityFile:
    """``data`` extended with every body the documents name (never shrunk, editors' records untouched)."""
    builder = _Builder(data, reorg or reorganisation())
    uses = builder.add_docs(docs)
    builder.apply_2025()
    _check_units(builder)
    return AuthorityFile(records=sorted(builder.records.values(), key=lambda r: r.id),
                         ambiguous=builder.ambiguities(uses))


def refresh_authority(store: ArchiveStore, docs: dict[str, DocumentMetadata]) -> tuple[AuthorityIndex, set[str]]:
    """Extend and save the archive's records (when they changed); returns the index and the documents
    whose issuer scope, names or lineage changed with them (to re-index)."""
    try:
        old = load_authority(store)
    except ArchiveError as e:  # never rebuild over a file an editor may still repair: keep it, index without
        log.warning("%s", e)
        return AuthorityIndex(AuthorityFile()), set()
    new = build_authority(old, docs.values())
    if new == old:
        return AuthorityIndex(new), set()
    save_authority(store, new)
    before, after = AuthorityIndex(old), AuthorityIndex(new)
    return after, {i for i, md in docs.items() if before.scope(md) != after.scope(md)}
