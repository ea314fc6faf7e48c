"""Authority records on behalf of a user: reading them, a body's page, the document's body then and now,
and editors' changes (audit-logged, the index follows through ``write_then_refresh``).

The records themselves are built by ``services.authority_build`` after every change; an edited
record is never rewritten by it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from services.catalog import DocSummary
from services.context import ArchiveContext
from services.refresh import live_documents, write_then_refresh
from sulieu.access import User, role_at_least
from sulieu.authority import (
    AuthorityFile,
    AuthorityIndex,
    AuthorityRecord,
    BodyName,
    Succession,
    load_authority,
    record_id,
    save_authority,
)
from sulieu.errors import AccessDenied, InputError, NotFound
from sulieu.model import DocumentMetadata, Level, utcnow
from sulieu.store import ArchiveStore
from sulieu.text import fold

EDITABLE = ("names", "level", "system", "parent", "province", "start", "end", "successors", "history")


class RecordChange(BaseModel):
    """An editor's change: the fields given replace the record's."""
    model_config = ConfigDict(extra="forbid")
    names: list[BodyName] | None = Field(None, min_length=1)
    level: Level | None = None
    system: Literal["party", "state"] | None = None
    parent: str | None = None
    province: str | None = None
    start: str | None = None
    end: str | None = None
    successors: list[Succession] | None = None
    history: str | None = Field(None, max_length=5000)


class NewRecord(RecordChange):
    """A record an editor adds: at least one name."""
    names: list[BodyName] = Field(min_length=1)


# --- reading --------------------------------------------------------------------------------------
class _Cached:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: dict[str, tuple[int, AuthorityIndex]] = {}


_CACHE = _Cached()


def authority_index(store: ArchiveStore) -> AuthorityIndex:
    """The archive's records, read again only when ``authority.json`` changed (a CLI ingest may write it)."""
    path = store.authority_path
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return AuthorityIndex(AuthorityFile())
    key = str(path)
    hit = _CACHE.entries.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    index = AuthorityIndex(load_authority(store))
    with _CACHE.lock:
        _CACHE.entries[key] = (stamp, index)
    return index


def get_record(store: ArchiveStore, rid: str) -> AuthorityRecord:
    rec = authority_index(store).get(rid)
    if rec is None:
        raise NotFound(f"Không có hồ sơ cơ quan {rid!r}.")
    return rec


def search_records(store: ArchiveStore, q: str = "") -> list[AuthorityRecord]:
    """Records whose names (any of them) hold every word of ``q``; all without ``q``."""
    words = fold(q).split()
    out = [r for r in authority_index(store).data.records
           if all(any(w in fold(n.name) for n in r.names) for w in words)]
    return sorted(out, key=lambda r: (r.end is not None, fold(r.name)))


@dataclass(frozen=True)
class TimelineEvent:
    date: str | None
    event: str
    text: str
    other: str | None = None  # the record on the other side


def timeline(index: AuthorityIndex, rec: AuthorityRecord) -> list[TimelineEvent]:
    """A body's changes in date order: establishment, names, bodies it took in, its end and successors."""
    out: list[TimelineEvent] = []
    if rec.start:
        out.append(TimelineEvent(rec.start, "establishment", f"Thành lập: {rec.names[0].name}"))
    for prev, n in zip(rec.names, rec.names[1:], strict=False):
        out.append(TimelineEvent(n.start or prev.end, "renaming", f"Đổi tên: {prev.name} → {n.name}"))
    for pid, s in index.predecessors(rec.id):
        p = index.get(pid)
        if p is not None:
            out.append(TimelineEvent(s.date, s.event, f"Tiếp nhận {p.name}", pid))
    for s in rec.successors:
        t = index.get(s.target)
        out.append(TimelineEvent(s.date, s.event, f"Kế tục: {t.name if t else s.target}", s.target))
    if rec.end and not rec.successors:
        out.append(TimelineEvent(rec.end, "dissolution", "Chấm dứt hoạt động"))
    return sorted(out, key=lambda e: (e.date or "", e.event))


@dataclass
class BodyPage:
    record: AuthorityRecord
    parent: AuthorityRecord | None
    children: list[AuthorityRecord]
    predecessors: list[AuthorityRecord]
    successors: list[AuthorityRecord]
    now: list[AuthorityRecord]
    events: list[TimelineEvent]
    years: list[tuple[int | None, list[DocSummary]]] = field(default_factory=list)  # its documents over time
    documents: int = 0


def body_page(store: ArchiveStore, rid: str, docs: list[DocSummary]) -> BodyPage:
    """One body with its relations, its timeline, and the visible documents of it and the bodies under
    it (``docs``: what the caller may see), by year."""
    index = authority_index(store)
    rec = get_record(store, rid)
    mine = [d for d in docs if rid in index.scope(d.metadata).record_ids]
    by_year: dict[int | None, list[DocSummary]] = {}
    for d in sorted(mine, key=lambda d: (d.metadata.date or "", d.id)):
        by_year.setdefault(d.metadata.year, []).append(d)
    preds = [p for pid, _ in index.predecessors(rid) if (p := index.get(pid)) is not None]
    succs = [t for s in rec.successors if (t := index.get(s.target)) is not None]
    children = sorted((r for r in index.data.records if r.parent == rid), key=lambda r: (r.end is not None, r.name))
    return BodyPage(rec, index.get(rec.parent) if rec.parent else None, children, preds, succs,
                    index.current(rid), timeline(index, rec), sorted(by_year.items(), key=lambda kv: kv[0] or 0),
                    len(mine))


@dataclass(frozen=True)
class DocumentBody:
    """The issuer of one document: named then, its record, and what the body is now."""
    named_then: str
    record: AuthorityRecord | None
    now: list[AuthorityRecord]

    @property
    def changed(self) -> bool:
        return self.record is not None and (bool(self.record.end) or fold(self.record.name) != fold(self.named_then))


def document_body(store: ArchiveStore, md: DocumentMetadata) -> DocumentBody | None:
    if not md.issuer:
        return None
    index = authority_index(store)
    ids = index.scope(md).record_ids
    rec = index.get(ids[0]) if ids else None
    return DocumentBody(md.issuer, rec, index.current(rec.id) if rec else [])


# --- editing --------------------------------------------------------------------------------------
def _check(index: AuthorityIndex, rec: AuthorityRecord) -> None:
    if rec.parent:
        seen, p = {rec.id}, rec.parent
        while p:
            if p in seen:
                raise InputError("Cơ quan cấp trên tạo thành vòng lặp.")
            if index.get(p) is None and p != rec.id:
                raise NotFound(f"Không có hồ sơ cơ quan cấp trên {p!r}.")
            seen.add(p)
            parent = index.get(p)
            p = (parent.parent or "") if parent else ""
    for s in rec.successors:
        if s.target == rec.id:
            raise InputError("Một cơ quan không thể là kế tục của chính nó.")
        if index.get(s.target) is None:
            raise NotFound(f"Không có hồ sơ cơ quan kế tục {s.target!r}.")


def _save(ctx: ArchiveContext, user: User, old: AuthorityFile, new: AuthorityFile, rid: str, action: str,
          detail: dict[str, Any]) -> AuthorityRecord:
    before, after = AuthorityIndex(old), AuthorityIndex(new)
    mds, _ = live_documents(ctx.store)
    changed = [i for i, md in mds.items() if before.scope(md) != after.scope(md)]
    write_then_refresh(ctx, changed, lambda: save_authority(ctx.store, new), lambda: save_authority(ctx.store, old))
    ctx.record_audit(user.name, action, f"authority:{rid}", detail)
    rec = after.get(rid)
    assert rec is not None
    return rec


def _editor(user: User | None) -> User:
    if user is None or not role_at_least(user, "editor"):
        raise AccessDenied("Chỉ biên tập viên được sửa hồ sơ cơ quan ban hành.")
    return user


def update_record(ctx: ArchiveContext, user: User | None, rid: str, change: RecordChange) -> AuthorityRecord:
    """Apply an editor's change to one record; it is then the editor's (never rebuilt from ingest)."""
    user = _editor(user)
    old = load_authority(ctx.store)
    current = next((r for r in old.records if r.id == rid), None)
    if current is None:
        raise NotFound(f"Không có hồ sơ cơ quan {rid!r}.")
    given = change.model_dump(exclude_unset=True)
    try:
        rec = AuthorityRecord.model_validate({**current.model_dump(), **given, "edited_by": user.name,
                                              "edited_at": utcnow(),
                                              "sources": list(dict.fromkeys([*current.sources, "editor"]))})
    except ValidationError as e:
        raise InputError(f"Hồ sơ cơ quan không hợp lệ: {e.errors()[0]['msg']}") from e
    new = AuthorityFile(records=[rec if r.id == rid else r for r in old.records], ambiguous=old.ambiguous)
    _check(AuthorityIndex(new), rec)
    before = {k: v for k, v in current.model_dump(mode="json").items() if k in given}
    return _save(ctx, user, old, new, rid, "authority_update", {"before": before, "after": change.model_dump(
        mode="json", exclude_unset=True)})


def create_record(ctx: ArchiveContext, user: User | None, change: NewRecord) -> AuthorityRecord:
    """A new record from an editor (a predecessor the archive holds no document of, say)."""
    user = _editor(user)
    if not change.names:
        raise InputError("Cần ít nhất một tên cơ quan.")
    old = load_authority(ctx.store)
    rid = record_id(change.names[-1].name, change.level, change.province)
    taken = {r.id for r in old.records}
    while rid in taken:
        rid += "-2"
    try:
        rec = AuthorityRecord.model_validate({**change.model_dump(exclude_none=True), "id": rid,
                                              "sources": ["editor"], "edited_by": user.name, "edited_at": utcnow()})
    except ValidationError as e:
        raise InputError(f"Hồ sơ cơ quan không hợp lệ: {e.errors()[0]['msg']}") from e
    new = AuthorityFile(records=[*old.records, rec], ambiguous=old.ambiguous)
    _check(AuthorityIndex(new), rec)
    return _save(ctx, user, old, new, rid, "authority_create", {"record": rec.model_dump(mode="json")})
