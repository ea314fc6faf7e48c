"""Near-duplicates: shown on document pages and decided by editors (found by ``services.duplicate_scan``)."""

from __future__ import annotations

from services.context import ArchiveContext
from services.refresh import write_then_refresh
from sulieu.access import User, role_at_least
from sulieu.errors import AccessDenied, InputError, NotFound
from sulieu.model import utcnow
from sulieu.near_duplicates import DuplicatePair, DuplicatesFile, load_duplicates, save_duplicates
from sulieu.store import ArchiveStore


def duplicates_of(store: ArchiveStore, doc_id: str) -> list[DuplicatePair]:
    return load_duplicates(store).of(doc_id)


def decide(ctx: ArchiveContext, user: User | None, copy_id: str, original_id: str | None, other_id: str,
           *, not_duplicate: bool = False) -> DuplicatePair:
    """An editor's decision on two documents: ``copy_id`` is the copy of ``original_id``, or (with
    ``not_duplicate``) the two are different documents. Audit-logged; the index follows."""
    if not role_at_least(user, "editor"):
        raise AccessDenied("Chỉ biên tập viên được đánh dấu bản trùng.")
    if copy_id == other_id:
        raise InputError("Hai tài liệu phải khác nhau.")
    for d in (copy_id, other_id):
        if not ctx.store.has_record(d):
            raise NotFound(f"Không có tài liệu {d}.")
    if not not_duplicate and original_id not in (copy_id, other_id):
        raise InputError("Bản gốc phải là một trong hai tài liệu.")
    old = load_duplicates(ctx.store)
    a, b = sorted((copy_id, other_id))
    pair = DuplicatePair(a=a, b=b, reason="editor", status="rejected" if not_duplicate else "confirmed",
                         original=None if not_duplicate else original_id, decided_by=user.name if user else None,
                         decided_at=utcnow())
    found = old.find(a, b)
    if found is not None:
        pair.reason, pair.similarity = found.reason, found.similarity
    new = DuplicatesFile(pairs=[p for p in old.pairs if {p.a, p.b} != {a, b}] + [pair])
    write_then_refresh(ctx, [a, b], lambda: save_duplicates(ctx.store, new), lambda: save_duplicates(ctx.store, old))
    ctx.record_audit(user.name if user else "?", "duplicate_decide", copy_id,
                     {"other": other_id, "original": pair.original, "status": pair.status})
    return pair

