"""Near-duplicates on the document page: the other copies of a document, and an editor's decision."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from search_api.deps import get_context
from services.catalog import Catalog, visible
from services.context import ArchiveContext
from services.near_duplicates import decide, duplicates_of
from sulieu.citation_format import format_citation
from sulieu.errors import InputError, SulieuError
from sulieu.store import ArchiveStore
from ui.pages.common import UserDep, check_csrf, error_page, require_editor

router = APIRouter()

REASONS = {"key": "cùng số, ký hiệu, ngày và cơ quan ban hành", "text": "nội dung gần như trùng khớp",
           "editor": "do biên tập viên xác định"}


def duplicate_views(store: ArchiveStore, catalog: Catalog, doc_id: str, allowed: list[str]) -> list[dict[str, Any]]:
    """The pairs of this document whose other side the user may see."""
    out = []
    for p in duplicates_of(store, doc_id):
        other = catalog.get(p.other(doc_id))
        if not visible(other, allowed):
            continue
        role = None if p.copy_id is None else ("copy" if p.copy_id == doc_id else "original")
        out.append({"id": other.id, "href": f"/doc/{other.id}", "citation": format_citation(other.metadata),
                    "name": other.original_name, "reason": REASONS.get(p.reason, p.reason),
                    "similarity": round(100 * p.similarity), "status": p.status, "role": role,
                    "decided_by": p.decided_by})
    return out


@router.post("/doc/{doc_id}/duplicates")
async def duplicates_submit(request: Request, doc_id: str, user: UserDep,
                            ctx: Annotated[ArchiveContext, Depends(get_context)]):
    if (denied := require_editor(request, user)) is not None:
        return denied
    form = await request.form()
    other, action = str(form.get("other") or ""), str(form.get("action") or "")
    try:
        check_csrf(request, str(form.get("csrf_token") or ""))
        if action == "copy":  # this document is the copy of the other
            decide(ctx, user, doc_id, other, other)
        elif action == "original":  # the other is the copy of this one
            decide(ctx, user, other, doc_id, doc_id)
        elif action == "different":
            decide(ctx, user, doc_id, None, other, not_duplicate=True)
        else:
            raise InputError("Thao tác không hợp lệ.")
    except SulieuError as e:
        return error_page(request, user, e)
    return RedirectResponse(f"/doc/{doc_id}#ban-trung", status_code=303)
