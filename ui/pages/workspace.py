"""Web pages of a user's workspace: collections ("Bộ sưu tập") and saved searches ("Tìm kiếm đã lưu").

Forms post back here (with the session's CSRF token) and are answered with a redirect, so a reload
never repeats a write. Visibility rules are those of ``services.collections`` and
``services.saved_searches``; these handlers only turn forms into calls and results into pages.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from search_api.deps import Backend, get_catalog
from search_api.state import app_state
from services import collections, saved_searches
from services.catalog import Catalog, visible
from services.collections import CollectionView
from services.saved_searches import FILTER_FIELDS, SavedSearch
from sulieu.access import User, allowed_access
from sulieu.citation_format import format_citation
from sulieu.errors import InputError, SulieuError
from ui.pages.common import UserDep, check_csrf, error_page, login_redirect
from ui.web import render

router = APIRouter()

CatalogDep = Annotated[Catalog, Depends(get_catalog)]
NOTICES = {
    "created": "Đã tạo bộ sưu tập.", "added": "Đã thêm vào bộ sưu tập.", "saved": "Đã lưu thay đổi.",
    "removed": "Đã bỏ mục khỏi bộ sưu tập.", "deleted": "Đã xóa.", "search_saved": "Đã lưu tìm kiếm.",
    "renewed": "Đã tạo khóa mới cho nguồn tin; địa chỉ cũ không còn dùng được.",
}
VISIBILITY_VI = {"private": "Chỉ mình tôi", "shared": "Những người được chia sẻ (chỉ xem)", "public": "Mọi người"}


async def _form(request: Request) -> dict[str, str]:
    raw = await request.form()
    form = {k: v for k, v in raw.items() if isinstance(v, str)}
    check_csrf(request, form.get("csrf_token"))
    return form


def _safe_next(value: str | None, default: str) -> str:
    """Only a path of this site (no scheme, no host, no ``//``) may be a redirect target."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return default


def _item_rows(view: CollectionView) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for v in view.items:
        if v.doc is None:
            rows.append({"id": v.item.id, "hidden": True})
            continue
        page = v.item.page
        rows.append({"id": v.item.id, "hidden": False, "citation": format_citation(v.doc.metadata),
                     "href": f"/doc/{v.doc.id}" + (f"?p={page}#trang" if page else ""), "page": page,
                     "note": v.item.note, "title": v.doc.metadata.title})
    return rows


# --- collections ------------------------------------------------------------------------------
@router.get("/collections", response_class=HTMLResponse)
def collections_page(request: Request, user: UserDep, msg: str | None = None) -> HTMLResponse:
    store = app_state(request).collections
    own, shared = store.list_for(user)
    public = [c for c in store.public() if user is None or c.owner != user.name]
    return render(request, "collections.html", {"own": own, "shared": shared, "public": public,
                                                "notice": NOTICES.get(msg or "")},
                  user=user, active="collections", title="Bộ sưu tập")


@router.post("/collections")
async def collections_create(request: Request, user: UserDep) -> Response:
    if user is None:
        return login_redirect(request)
    try:
        form = await _form(request)
        c = app_state(request).collections.create(user, form.get("name", ""), form.get("description", ""))
    except SulieuError as e:
        return error_page(request, user, e)
    return RedirectResponse(f"/collections/{c.id}?msg=created", status_code=303)


@router.get("/collections/add", response_class=HTMLResponse)
def add_form(request: Request, user: UserDep, catalog: CatalogDep, doc_id: str = "", page: int = 0,
             next: str | None = None) -> Response:
    if user is None:
        return login_redirect(request)
    doc = catalog.get(doc_id) if len(doc_id) <= 64 else None
    if not visible(doc, allowed_access(user)):
        return error_page(request, user, status=404, message="Không có tài liệu này, hoặc bạn không có quyền xem.")
    own, _ = app_state(request).collections.list_for(user)
    return render(request, "collection_add.html", {
        "doc": doc, "citation": format_citation(doc.metadata), "page": max(0, min(page, doc.pages)), "own": own,
        "next": _safe_next(next, f"/doc/{doc.id}")}, user=user, active="collections", title="Thêm vào bộ sưu tập")


@router.post("/collections/add")
async def add_submit(request: Request, user: UserDep, catalog: CatalogDep) -> Response:
    if user is None:
        return login_redirect(request)
    store = app_state(request).collections
    try:
        form = await _form(request)
        cid = form.get("collection", "")
        if cid == "new" or not cid:
            cid = store.create(user, form.get("new_name", "")).id
        page = int(form.get("page") or 0)
        collections.add_document(store, catalog, cid, user, form.get("doc_id", ""), page=page, note=form.get("note", ""))
    except ValueError:
        return error_page(request, user, status=400, message="Số trang không hợp lệ.")
    except SulieuError as e:
        return error_page(request, user, e)
    return RedirectResponse(f"/collections/{cid}?msg=added", status_code=303)


@router.get("/collections/{collection_id}", response_class=HTMLResponse)
def collection_page(request: Request, collection_id: str, user: UserDep, catalog: CatalogDep,
                    msg: str | None = None) -> HTMLResponse:
    try:
        view = collections.view(app_state(request).collections, catalog, collection_id, user)
    except SulieuError as e:
        return error_page(request, user, e)
    c = view.collection
    return render(request, "collection.html", {
        "c": c, "rows": _item_rows(view), "can_edit": view.can_edit, "hidden_count": sum(v.hidden for v in view.items),
        "visibility_vi": VISIBILITY_VI, "notice": NOTICES.get(msg or ""),
        "shared_with": ", ".join(c.shared_with) if view.can_edit else ""},
        user=user, active="collections", title=c.name)


@router.post("/collections/{collection_id}/{action}")
async def collection_action(request: Request, collection_id: str, action: str, user: UserDep) -> Response:
    """Owner's forms: ``settings``, ``delete``, ``note``, ``move``, ``remove``."""
    if user is None:
        return login_redirect(request)
    store = app_state(request).collections
    try:
        form = await _form(request)
        msg = _apply(store, collection_id, action, form, user)
    except ValueError:
        return error_page(request, user, status=400, message="Giá trị không hợp lệ.")
    except SulieuError as e:
        return error_page(request, user, e)
    if action == "delete":
        return RedirectResponse("/collections?msg=deleted", status_code=303)
    return RedirectResponse(f"/collections/{collection_id}?msg={msg}", status_code=303)


def _apply(store: collections.CollectionStore, cid: str, action: str, form: dict[str, str], user: User) -> str:
    if action == "settings":
        store.update(cid, user, name=form.get("name"), description=form.get("description"),
                     visibility=form.get("visibility"), shared_with=form.get("shared_with", "").replace(";", ",").split(","))
        return "saved"
    if action == "delete":
        store.delete(cid, user)
        return "deleted"
    item = int(form.get("item", ""))
    if action == "note":
        store.update_item(cid, user, item, note=form.get("note", ""))
        return "saved"
    if action == "move":
        store.update_item(cid, user, item, position=max(1, int(form.get("position", "1"))))
        return "saved"
    if action == "remove":
        store.remove_item(cid, user, item)
        return "removed"
    raise InputError("Thao tác không hợp lệ.")


# --- saved searches ---------------------------------------------------------------------------
def _search_href(s: SavedSearch) -> str:
    params: list[tuple[str, str]] = [("q", s.q)] if s.q else []
    for k, v in s.filters.items():
        params.extend((k, str(x)) for x in (v if isinstance(v, list) else [v]))
    if s.sort != "relevance":
        params.append(("sort", s.sort))
    return "/?" + urlencode(params)


@router.get("/saved", response_class=HTMLResponse)
def saved_page(request: Request, user: UserDep, backend: Backend, msg: str | None = None) -> Response:
    if user is None:
        return login_redirect(request)
    base = str(request.base_url).rstrip("/")
    rows = []
    for s in app_state(request).saved_searches.list_for(user):
        st = saved_searches.status(backend, s, user)
        rows.append({"s": s, "total": st.total, "new": len(st.new_ids), "href": f"/saved/{s.id}/open",
                     "feed": base + saved_searches.feed_path(s)})
    return render(request, "saved_searches.html", {"rows": rows, "notice": NOTICES.get(msg or "")},
                  user=user, active="saved", title="Tìm kiếm đã lưu")


@router.post("/saved")
async def saved_create(request: Request, user: UserDep, backend: Backend) -> Response:
    """From the search page: the form carries the search's own query string."""
    if user is None:
        return login_redirect(request)
    try:
        form = await _form(request)
        params = parse_qs(form.get("search", ""), keep_blank_values=False)
        q = (params.get("q") or [""])[0]
        sort = (params.get("sort") or ["relevance"])[0]
        filters: dict[str, Any] = {k: v for k, v in params.items() if k in FILTER_FIELDS}
        for k in ("date_from", "date_to"):
            if k in filters:
                filters[k] = filters[k][0]
        saved_searches.save(app_state(request).saved_searches, backend, user, form.get("name", ""), q, filters, sort)
    except SulieuError as e:
        return error_page(request, user, e)
    return RedirectResponse("/saved?msg=search_saved", status_code=303)


@router.get("/saved/{search_id}/open")
def saved_open(request: Request, search_id: str, user: UserDep, backend: Backend) -> Response:
    """Open the search; what matches now counts as seen from here on."""
    if user is None:
        return login_redirect(request)
    store = app_state(request).saved_searches
    try:
        s = store.owned(search_id, user)
    except SulieuError as e:
        return error_page(request, user, e)
    saved_searches.visit(store, backend, s, user)
    return RedirectResponse(_search_href(s), status_code=303)


@router.post("/saved/{search_id}/{action}")
async def saved_action(request: Request, search_id: str, action: str, user: UserDep) -> Response:
    if user is None:
        return login_redirect(request)
    store = app_state(request).saved_searches
    try:
        form = await _form(request)
        if action == "delete":
            store.delete(search_id, user)
        elif action == "settings":
            store.update(search_id, user, name=form.get("name"), public=form.get("public") == "1")
        elif action == "renew":
            store.update(search_id, user, renew_key=True)
        else:
            raise InputError("Thao tác không hợp lệ.")
    except SulieuError as e:
        return error_page(request, user, e)
    return RedirectResponse(f"/saved?msg={ {'delete': 'deleted', 'renew': 'renewed'}.get(action, 'saved') }",
                            status_code=303)
