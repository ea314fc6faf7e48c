"""Cơ quan ban hành: the list of authority records, one body's page (names, relations, a timeline of its
changes, its documents over time) and the editors' form."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from search_api.deps import get_catalog, get_context, get_store
from services import authority
from services.authority import RecordChange
from services.catalog import Catalog, visible
from services.context import ArchiveContext
from sulieu.authority import EVENTS, BodyName, Succession
from sulieu.citation_format import format_citation
from sulieu.errors import InputError, SulieuError
from sulieu.store import ArchiveStore
from ui import i18n
from ui.pages.common import UserDep, access_for, check_csrf, error_page, is_editor, require_editor
from ui.web import qs, render

router = APIRouter()

EVENT_LABELS = {"establishment": "Thành lập", "renaming": "Đổi tên", "merger": "Hợp nhất, sáp nhập",
                "split": "Chia tách", "dissolution": "Giải thể"}


def _when(date: str | None) -> str:
    if not date:
        return "chưa rõ"
    parts = date.split("-")
    return "/".join(reversed(parts)) if len(parts) > 1 else date


def record_row(r: Any) -> dict[str, Any]:
    return {"id": r.id, "name": r.name, "href": f"/co-quan/{r.id}", "level": i18n.label(i18n.LEVELS, r.level or ""),
            "province": r.province, "old_names": [n.name for n in r.names if n.name != r.name],
            "span": f"{_when(r.start) if r.start else '…'} – {_when(r.end) if r.end else 'nay'}", "ended": bool(r.end)}


@router.get("/co-quan", response_class=HTMLResponse)
def authority_list(request: Request, user: UserDep, store: Annotated[ArchiveStore, Depends(get_store)],
                   q: str = "") -> HTMLResponse:
    records = authority.search_records(store, q.strip())
    ambiguous = authority.authority_index(store).data.ambiguous
    return render(request, "authority_list.html", {"q": q, "records": [record_row(r) for r in records],
                                                   "ambiguous": ambiguous}, user=user, active="authority",
                  title="Cơ quan ban hành")


@router.get("/co-quan/{record_id}", response_class=HTMLResponse)
def authority_page(request: Request, record_id: str, user: UserDep,
                   store: Annotated[ArchiveStore, Depends(get_store)],
                   catalog: Annotated[Catalog, Depends(get_catalog)], saved: str | None = None) -> HTMLResponse:
    allowed = access_for(user)
    try:
        page = authority.body_page(store, record_id, [d for d in catalog.all() if visible(d, allowed)])
    except SulieuError as e:
        return error_page(request, user, e)
    rec = page.record
    ctx = {
        "rec": rec, "row": record_row(rec), "page": page,
        "parent": record_row(page.parent) if page.parent else None,
        "children": [record_row(c) for c in page.children],
        "predecessors": [record_row(p) for p in page.predecessors],
        "successors": [record_row(s) for s in page.successors],
        "now": [record_row(n) for n in page.now if n.id != rec.id],
        "events": [{"date": _when(e.date), "label": EVENT_LABELS.get(e.event, e.event), "text": e.text,
                    "href": f"/co-quan/{e.other}" if e.other else None} for e in page.events],
        "years": [{"year": y or "Không rõ năm", "docs": [{"href": f"/doc/{d.id}", "citation": format_citation(d.metadata),
                                                         "named": d.metadata.issuer} for d in docs]}
                  for y, docs in page.years],
        "search_href": "/?" + qs({"issuer": rec.name}),
        "lineage_href": "/?" + qs({"issuer": rec.name, "lineage": "1"}),
        "can_edit": is_editor(user), "saved": saved,
    }
    return render(request, "authority.html", ctx, user=user, active="authority", title=rec.name)


def _names_text(rec: Any) -> str:
    return "\n".join(" | ".join(x for x in (n.name, n.start or "", n.end or "")).rstrip(" |") for n in rec.names)


def _successors_text(rec: Any) -> str:
    return "\n".join(" | ".join((s.target, s.event, s.date or "")).rstrip(" |") for s in rec.successors)


@router.get("/co-quan/{record_id}/edit", response_class=HTMLResponse)
def authority_edit(request: Request, record_id: str, user: UserDep,
                   store: Annotated[ArchiveStore, Depends(get_store)]):
    if (denied := require_editor(request, user)) is not None:
        return denied
    try:
        rec = authority.get_record(store, record_id)
    except SulieuError as e:
        return error_page(request, user, e)
    return _edit_form(request, user, rec, {"names": _names_text(rec), "successors": _successors_text(rec),
                                           "parent": rec.parent or "", "start": rec.start or "", "end": rec.end or "",
                                           "history": rec.history}, [])


def _edit_form(request: Request, user: Any, rec: Any, values: dict[str, str], errors: list[str]) -> HTMLResponse:
    return render(request, "authority_edit.html", {"rec": rec, "v": values, "errors": errors, "events": EVENTS,
                                                   "event_labels": EVENT_LABELS}, user=user, active="authority",
                  title=f"Sửa hồ sơ: {rec.name}", status_code=400 if errors else 200)


def _part(parts: list[str], i: int) -> str | None:
    return parts[i] if len(parts) > i and parts[i] else None


def parse_change(form: dict[str, str]) -> RecordChange:
    """The form's text fields: one name per line ("tên | từ | đến"), one successor per line ("mã | sự kiện | ngày")."""
    names = []
    for line in form.get("names", "").splitlines():
        parts = [p.strip() for p in line.split("|")]
        if parts and parts[0]:
            names.append(BodyName(name=parts[0], start=_part(parts, 1), end=_part(parts, 2)))
    successors = []
    for line in form.get("successors", "").splitlines():
        parts = [p.strip() for p in line.split("|")]
        if parts and parts[0]:
            event = parts[1] if len(parts) > 1 and parts[1] in EVENTS else "dissolution"
            successors.append(Succession(target=parts[0], event=event, date=_part(parts, 2)))
    if not names:
        raise InputError("Cần ít nhất một tên cơ quan.")
    return RecordChange(names=names, successors=successors, parent=form.get("parent", "").strip() or None,
                        start=form.get("start", "").strip() or None, end=form.get("end", "").strip() or None,
                        history=form.get("history", "").strip())


@router.post("/co-quan/{record_id}/edit", response_class=HTMLResponse)
async def authority_edit_submit(request: Request, record_id: str, user: UserDep,
                                ctx: Annotated[ArchiveContext, Depends(get_context)]):
    if (denied := require_editor(request, user)) is not None:
        return denied
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        check_csrf(request, form.get("csrf_token"))
        rec = authority.get_record(ctx.store, record_id)
    except SulieuError as e:
        return error_page(request, user, e)
    try:
        authority.update_record(ctx, user, record_id, parse_change(form))
    except (SulieuError, ValueError) as e:
        message = e.message if isinstance(e, SulieuError) else f"Dữ liệu không hợp lệ: {e}"
        return _edit_form(request, user, rec, form, [message])
    return RedirectResponse(f"/co-quan/{record_id}?saved=1", status_code=303)
