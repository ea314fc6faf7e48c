"""Admin pages: users and their access levels, the audit log, deleted documents (restore).

The same services as the API (``/api/users``, ``/api/audit``, ``/api/documents?deleted_only=1``), behind a
signed-in admin and the form's CSRF token; every change is written to the audit log as the API does.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from search_api.deps import Audit, Users, get_catalog
from search_api.state import app_state
from services import documents
from services.catalog import Catalog, visible
from sulieu.access import role_at_least
from sulieu.citation_format import format_citation
from sulieu.errors import AccessDenied, InputError, SulieuError
from sulieu.model import ACCESS_LEVELS
from ui import i18n
from ui.pages.common import UserDep, check_csrf, error_page, login_redirect
from ui.web import qs, render

router = APIRouter()
AUDIT_PAGE = 50


def _require_admin(request: Request, user: Any) -> Any:
    if user is None:
        return login_redirect(request)
    if not role_at_least(user, "admin"):
        return error_page(request, user, AccessDenied("Chức năng này dành cho quản trị viên."))
    return None


async def _form(request: Request) -> dict[str, str]:
    raw = await request.form()
    form = {k: v for k, v in raw.items() if isinstance(v, str)}
    check_csrf(request, form.get("csrf_token"))
    return form


def _users_page(request: Request, user: Any, users: Any, errors: list[str], status: int = 200) -> HTMLResponse:
    rows = [{"name": r.name, "role": r.role, "role_vi": i18n.label(i18n.ROLES, r.role),
             "clearance": r.clearance or "", "disabled": r.disabled, "created_at": r.created_at,
             "sees": ", ".join(i18n.label(i18n.ACCESS, a) for a in ACCESS_LEVELS
                               if a in _sees(r.role, r.clearance))} for r in users.list_users()]
    return render(request, "admin_users.html", {"rows": rows, "errors": errors, "roles": i18n.ROLES,
                                                "saved": request.query_params.get("saved")},
                  user=user, active="admin", title="Người dùng và mức được xem", status_code=status)


def _sees(role: str, clearance: str | None) -> list[str]:
    """The access levels a user with this role and clearance reads (``sulieu.access.allowed_access``)."""
    return list(ACCESS_LEVELS) if role == "admin" or clearance == "restricted" else ["public", "internal"]


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, user: UserDep, users: Users):
    if (denied := _require_admin(request, user)) is not None:
        return denied
    return _users_page(request, user, users, [])


@router.post("/admin/users", response_class=HTMLResponse)
async def users_submit(request: Request, user: UserDep, users: Users, audit: Audit):
    """Add a user (``action=add``) or change one (``action=update``: role, clearance, disabled, password)."""
    if (denied := _require_admin(request, user)) is not None:
        return denied
    assert user is not None  # _require_admin lets only a signed-in admin through
    try:
        form = await _form(request)
        name = form.get("name", "").strip()
        clearance = form.get("clearance") or None
        if form.get("action") == "add":
            row = users.add_user(name, form.get("role", "reader"), form.get("password") or None, clearance=clearance)
            audit.record(user.name, "user_add", row.name, {"role": row.role, "clearance": row.clearance, "via": "ui"})
        else:
            disabled = form.get("disabled") == "1"
            if name == user.name and (disabled or form.get("role") != "admin"):
                raise InputError("Không thể tự khóa hoặc tự hạ quyền tài khoản quản trị của chính mình.")
            users.update_user(name, role=form.get("role"), password=form.get("password") or None,
                              clearance=clearance, disabled=disabled)
            audit.record(user.name, "user_update", name, {"role": form.get("role"), "clearance": clearance,
                                                          "disabled": disabled, "via": "ui"})
    except SulieuError as e:
        return _users_page(request, user, users, [e.message], e.http_status)
    return RedirectResponse("/admin/users?" + qs({"saved": name}), status_code=303)


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_page(request: Request, user: UserDep, audit: Audit, page: str | None = None):
    if (denied := _require_admin(request, user)) is not None:
        return denied
    q = request.query_params
    who, action, target = (q.get("user") or None), (q.get("action") or None), (q.get("target") or None)
    page_no = max(1, int(page)) if page and page.isdigit() else 1
    events, total = audit.list(user=who, action=action, target=target, limit=AUDIT_PAGE,
                               offset=(page_no - 1) * AUDIT_PAGE)
    pages = max(1, (total + AUDIT_PAGE - 1) // AUDIT_PAGE)
    return render(request, "admin_audit.html", {
        "events": events, "total": total, "page": page_no, "pages": pages,
        "filters": {"user": who or "", "action": action or "", "target": target or ""},
        "filter_qs": qs({"user": who, "action": action, "target": target}),
    }, user=user, active="admin", title="Nhật ký thao tác")


@router.get("/admin/deleted", response_class=HTMLResponse)
def deleted_page(request: Request, user: UserDep, catalog: Annotated[Catalog, Depends(get_catalog)]):
    if (denied := _require_admin(request, user)) is not None:
        return denied
    docs = [d for d in catalog.all() if d.deleted and visible(d, list(ACCESS_LEVELS), include_deleted=True)]
    docs.sort(key=lambda d: d.deleted_at, reverse=True)  # type: ignore[arg-type, return-value]
    rows = [{"id": d.id, "citation": format_citation(d.metadata), "name": d.original_name,
             "deleted_at": d.deleted_at} for d in docs]
    return render(request, "admin_deleted.html", {"rows": rows, "restored": request.query_params.get("restored")},
                  user=user, active="admin", title="Tài liệu đã xóa")


@router.post("/admin/deleted/{doc_id}/restore")
async def restore_submit(request: Request, doc_id: str, user: UserDep):
    if (denied := _require_admin(request, user)) is not None:
        return denied
    assert user is not None
    try:
        await _form(request)
        await run_in_threadpool(documents.restore, app_state(request).context, doc_id, user)
    except SulieuError as e:
        return error_page(request, user, e)
    return RedirectResponse(f"/admin/deleted?restored={doc_id}", status_code=303)
