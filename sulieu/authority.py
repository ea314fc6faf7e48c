"""Authority records of issuing bodies ("Cơ quan ban hành"), after ISAAR-CPF: one record per body.

A record holds the body's names over time, its level, parent, dates of existence and a short
history; the bodies that took its place are its ``successors`` (with the event: merger, split,
renaming, dissolution), and its predecessors are read from the other records' successors, so the
two sides can never disagree. The records live in ``<archive>/authority.json``.

``AuthorityIndex`` answers what search needs: which record a name (any of its names, in a
province, at a date) is; a document's issuer scope (``sulieu.issuers``, the one scope rule) mapped
onto records, with every name of those bodies (``co_quan:`` by an old name) and their lineage
(predecessors and successors, followed one direction at a time, so "Hải Phòng" reaches "Hải
Dương" that merged into it but not, through Hải Dương, some third body).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sulieu.dates import date_span
from sulieu.errors import ArchiveError
from sulieu.issuers import issuer_scope
from sulieu.model import DocumentMetadata, Level
from sulieu.store import ArchiveStore, atomic_write_json
from sulieu.text import fold

AUTHORITY_VERSION = 1
Event = Literal["establishment", "renaming", "merger", "split", "dissolution"]
EVENTS: tuple[Event, ...] = ("establishment", "renaming", "merger", "split", "dissolution")
REORGANISATION_2025 = "2025-07-01"  # provinces merged, the district level abolished (Nghị quyết 202/2025/QH15)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BodyName(_Model):
    name: str = Field(min_length=1, max_length=300)
    start: str | None = Field(None, description="Partial date the name came into use (YYYY, YYYY-MM or YYYY-MM-DD).")
    end: str | None = None


class Succession(_Model):
    """This body was followed by ``target`` on ``date`` through ``event``."""
    target: str
    event: Event
    date: str | None = None
    note: str = ""


class AuthorityRecord(_Model):
    id: str = Field(pattern=r"^[a-z0-9-]{1,200}$")
    names: list[BodyName] = Field(min_length=1)
    level: Level | None = None
    system: Literal["party", "state"] | None = None
    parent: str | None = None
    province: str | None = None
    start: str | None = Field(None, description="Date of establishment, when known.")
    end: str | None = Field(None, description="Date the body ceased to exist; None while it exists.")
    successors: list[Succession] = Field(default_factory=list)
    history: str = ""
    sources: list[str] = Field(default_factory=list)  # "ingest", "vietnamadminunits", "editor"
    edited_by: str | None = None
    edited_at: datetime | None = None

    @property
    def name(self) -> str:
        """The preferred name: the one in use now (no end), else the latest."""
        current = [n for n in self.names if not n.end]
        pool = current or self.names
        return max(pool, key=lambda n: n.start or "").name

    def name_at(self, date: str | None) -> str:
        lo, _ = date_span(date)
        if lo:
            for n in self.names:
                if (not n.start or n.start <= lo) and (not n.end or lo <= (date_span(n.end)[1] or n.end)):
                    return n.name
        return self.name

    def exists_at(self, date: str | None) -> bool:
        lo, hi = date_span(date)
        if not lo or not hi:
            return True
        return (not self.start or (date_span(self.start)[0] or "") <= hi) and \
            (not self.end or lo <= (date_span(self.end)[1] or self.end))


class Ambiguity(_Model):
    """An issuer string of the catalogue that no single record answers, for an editor to decide."""
    name: str
    province: str | None = None
    reason: str
    candidates: list[str] = Field(default_factory=list)
    documents: int = 0


class AuthorityFile(_Model):
    version: int = AUTHORITY_VERSION
    records: list[AuthorityRecord] = Field(default_factory=list)
    ambiguous: list[Ambiguity] = Field(default_factory=list)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text).replace("đ", "d")).strip("-")[:200] or "co-quan"


def record_id(name: str, level: str | None, province: str | None) -> str:
    """Province-level and central bodies by name; lower ones with their province (there is a "xã Tam Đa"
    in several provinces)."""
    if level in ("district", "commune") and province:
        return slug(f"{name} {province}")
    return slug(name)


def load_authority(store: ArchiveStore) -> AuthorityFile:
    path = store.authority_path
    if not path.exists():
        return AuthorityFile()
    return read_authority(path)


def read_authority(path: Path) -> AuthorityFile:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ArchiveError(f"Tệp hồ sơ cơ quan {path.name} không đọc được: {e}") from e
    if isinstance(raw, dict) and isinstance(raw.get("version"), int) and raw["version"] > AUTHORITY_VERSION:
        raise ArchiveError(f"Tệp hồ sơ cơ quan được ghi bởi phiên bản mới hơn ({raw['version']}); hãy nâng cấp.")
    try:
        return AuthorityFile.model_validate(raw)
    except ValidationError as e:
        raise ArchiveError(f"Tệp hồ sơ cơ quan sai cấu trúc: {e.errors()[0]['msg']}") from e


def save_authority(store: ArchiveStore, data: AuthorityFile) -> None:
    data.records.sort(key=lambda r: r.id)
    atomic_write_json(store.authority_path, data.model_dump(mode="json"))


@dataclass(frozen=True)
class DocAuthority:
    """A document's issuer scope seen through the records."""
    path: tuple[str, ...]  # preferred names, nearest first: the issuer facet and filter
    names: tuple[str, ...]  # every name of those bodies: ``co_quan:``
    lineage: tuple[str, ...]  # path plus predecessors and successors (preferred names): the lineage option
    lineage_names: tuple[str, ...]  # every name of the lineage bodies
    record_ids: tuple[str, ...]  # the records of ``path`` (None-free: bodies without a record are left out)


class AuthorityIndex:
    """Look-ups over the records; ``scope`` is cached per distinct issuer (the tree asks for every
    document on every render, and an archive has few distinct issuers)."""

    def __init__(self, data: AuthorityFile) -> None:
        self.data = data
        self.records = {r.id: r for r in data.records}
        self._by_name: dict[str, list[str]] = {}
        self._preds: dict[str, list[tuple[str, Succession]]] = {}
        for r in data.records:
            for n in r.names:
                ids = self._by_name.setdefault(fold(n.name), [])
                if r.id not in ids:
                    ids.append(r.id)
            for s in r.successors:
                self._preds.setdefault(s.target, []).append((r.id, s))
        self._scopes: dict[tuple[str | None, ...], DocAuthority] = {}
        # the date decides only between namesakes; without any, the cache is per distinct issuer
        self._namesakes = any(len(ids) > 1 for ids in self._by_name.values())

    def get(self, record_id: str) -> AuthorityRecord | None:
        return self.records.get(record_id)

    def candidates(self, name: str) -> list[AuthorityRecord]:
        return [self.records[i] for i in self._by_name.get(fold(" ".join(name.split())), [])]

    def resolve(self, name: str | None, province: str | None = None, date: str | None = None) -> AuthorityRecord | None:
        """The one record of this name; the province, then the date, decide between namesakes."""
        if not name:
            return None
        found = self.candidates(name)
        if len(found) > 1 and province:
            found = [r for r in found if not r.province or fold(r.province) == fold(province)] or found
        if len(found) > 1 and date:
            found = [r for r in found if r.exists_at(date)] or found
        return found[0] if len(found) == 1 else None

    def predecessors(self, record_id: str) -> list[tuple[str, Succession]]:
        return list(self._preds.get(record_id, []))

    def _walk(self, start: str, step: str) -> list[str]:
        seen: list[str] = []
        todo = [start]
        while todo:
            rid = todo.pop()
            nxt = [p for p, _ in self._preds.get(rid, [])] if step == "back" else \
                [s.target for s in (self.records[rid].successors if rid in self.records else [])]
            for n in nxt:
                if n != start and n not in seen and n in self.records:
                    seen.append(n)
                    todo.append(n)
        return seen

    def lineage(self, record_id: str) -> list[str]:
        """Predecessors (back, transitively) and successors (forward, transitively), never mixing."""
        return list(dict.fromkeys(self._walk(record_id, "back") + self._walk(record_id, "forward")))

    def current(self, record_id: str) -> list[AuthorityRecord]:
        """What the body is now: itself while it exists, else the existing bodies that followed it."""
        rec = self.records.get(record_id)
        if rec is None:
            return []
        if not rec.end:
            return [rec]
        return [self.records[i] for i in self._walk(record_id, "forward") if not self.records[i].end]

    def all_names(self, record_id: str) -> list[str]:
        rec = self.records.get(record_id)
        return [n.name for n in rec.names] if rec else []

    def scope(self, md: DocumentMetadata) -> DocAuthority:
        key = (md.issuer, md.issuer_parent, md.level, md.province, md.date if self._namesakes else None)
        hit = self._scopes.get(key)
        if hit is None:
            hit = self._scopes[key] = self._compute_scope(md)
        return hit

    def _compute_scope(self, md: DocumentMetadata) -> DocAuthority:
        chain = issuer_scope(md)
        path: list[str] = []
        names: list[str] = []
        ids: list[str] = []
        for name in chain:
            rec = self.resolve(name, md.province, md.date)
            if rec is None:
                path.append(name)
                names.append(name)
                continue
            ids.append(rec.id)
            path.append(rec.name)
            names.extend([name, *self.all_names(rec.id)])
        lineage_ids = [x for rid in ids for x in self.lineage(rid)]
        lineage = list(path) + [self.records[x].name for x in lineage_ids]
        lineage_names = list(names) + [n for x in lineage_ids for n in self.all_names(x)]
        return DocAuthority(_unique(path), _unique(names), _unique(lineage), _unique(lineage_names),
                            tuple(dict.fromkeys(ids)))


def _unique(names: list[str]) -> tuple[str, ...]:
    out: dict[str, str] = {}
    for n in names:
        out.setdefault(fold(n), n)
    return tuple(out.values())


def plain_scope(md: DocumentMetadata) -> DocAuthority:
    """The scope without records (an archive that has none yet): the scope rule's names as they are."""
    chain = tuple(issuer_scope(md))
    return DocAuthority(chain, chain, chain, chain, ())
