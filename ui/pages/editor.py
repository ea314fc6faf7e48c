"""Editor pages: upload with per-file progress, metadata corrections, OCR pages to review."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from search_api.deps import Backend, get_catalog, get_settings, get_store
from search_api.state import app_state
from search_engine.models import SearchRequest
from services import documents
from services.catalog import Catalog, visible
from services.uploads import upload
from sulieu.access import assignable_access, role_at_least
from sulieu.citation_format import format_citation
from sulieu.dates import BadDate, parse_partial
from sulieu.errors import AccessDenied, InputError, NotFound, SulieuError
from sulieu.model import ACCESS_LEVELS, PAGE_TEXT_PREFIX, page_text_field
from sulieu.plausibility import header_problems
from sulieu.settings import Settings
from sulieu.store import ArchiveStore
from ui import i18n
from ui.pages.common import UserDep, access_for, check_csrf, error_page, require_editor
from ui.web import render

router = APIRouter()

MAX_FILES = 50
STATUS_LABELS = {"queued": "Đang chờ", "running": "Đang xử lý", "ingested": "Đã nhập", "duplicate": "Đã có trong kho",
                 "failed": "Lỗi", "done": "Hoàn tất", "cancelled": "Đã hủy"}

# --- upload ---------------------------------------------------------------------------------


def _file_view(f: Any, catalog: Catalog) -> dict[str, Any]:
    doc = catalog.get(f.doc_id) if f.doc_id else None
    return {"name": f.name, "status": f.status, "label": STATUS_LABELS.get(f.status, f.status), "doc_id": f.doc_id,
            "href": f"/doc/{f.doc_id}" if f.doc_id else None,
            "title": format_citation(doc.metadata) if doc is not None else None,
            "message": f.message, "code": f.code, "pages": f.pages, "seconds": f.seconds}


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request, user: UserDep, settings: Annotated[Settings, Depends(get_settings)]):
    if (denied := require_editor(request, user)) is not None:
        return denied
    assert user is not None  # require_editor lets only a signed-in editor through
    jobs = app_state(request).jobs
    recent = [{"id": j.id, "status": STATUS_LABELS.get(j.status, j.status), "total": len(j.files),
                   "created_at": j.created_at} for j in jobs.list(by=user.name)[:5]]
    return render(request, "upload.html", {
        "max_mb": settings.max_upload_mb, "default_access": settings.default_access, "recent": recent,
        "access_levels": assignable_access(user),
    }, user=user, active="upload", title="Tải tài liệu lên")


@router.post("/upload")
async def upload_submit(request: Request, user: UserDep, settings: Annotated[Settings, Depends(get_settings)],
                        store: Annotated[ArchiveStore, Depends(get_store)],
                        catalog: Annotated[Catalog, Depends(get_catalog)]):
    wants_json = "application/json" in request.headers.get("accept", "")
    if user is None or not role_at_least(user, "editor"):
        if wants_json:
            return JSONResponse({"error": {"code": "forbidden", "message": "Cần đăng nhập với vai trò biên tập viên."}},
                                status_code=403)
        return require_editor(request, user)
    from search_api.uploads import receive_upload

    staging_root = store.uploads_dir
    try:
        job_id, staging, files, fields = await receive_upload(
            request, staging_root, max_file_bytes=settings.max_upload_mb * 1024 * 1024, max_files=MAX_FILES,
            max_image_pixels=settings.max_image_pixels)
    except SulieuError as e:
        if wants_json:
            return JSONResponse({"error": e.to_dict()}, status_code=e.http_status)
        return error_page(request, user, e)
    jobs = app_state(request).jobs
    try:
        try:
            check_csrf(request, fields.get("csrf_token") or request.headers.get("x-csrf-token"))
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        upload(jobs, user, job_id, [(f.name, f.path) for f in files], staging, fields.get("access"), settings)
    except SulieuError as e:
        if wants_json:
            return JSONResponse({"error": e.to_dict()}, status_code=e.http_status)
        return error_page(request, user, e)
    if not wants_json:
        return RedirectResponse(f"/upload/jobs/{job_id}", status_code=303)
    # Answer at once and let the page poll: waiting here held a request thread per upload, and 40
    # parallel uploads behind one long job left every page and /health timing out for minutes.
    return JSONResponse(_job_json(jobs.get(job_id), catalog), status_code=202,
                        headers={"Location": f"/upload/jobs/{job_id}.json"})


def _job_json(job: Any, catalog: Catalog) -> dict[str, Any]:
    return {"job": job.id, "status": job.status, "finished": job.finished,
            "poll": f"/upload/jobs/{job.id}.json", "results": [_file_view(f, catalog) for f in job.files]}


@router.get("/upload/jobs/{job_id}.json")
def upload_job_json(request: Request, job_id: str, user: UserDep, catalog: Annotated[Catalog, Depends(get_catalog)]):
    if user is None or not role_at_least(user, "editor"):
        return JSONResponse({"error": {"code": "forbidden", "message": "Cần đăng nhập với vai trò biên tập viên."}},
                            status_code=403)
    try:
        job = app_state(request).jobs.get(job_id)
        if job.by != user.name and not role_at_least(user, "admin"):
            raise NotFound(f"Không có công việc {job_id[:40]!r}.")
    except SulieuError as e:
        return JSONResponse({"error": e.to_dict()}, status_code=e.http_status)
    return JSONResponse(_job_json(job, catalog))


@router.get("/upload/jobs/{job_id}", response_class=HTMLResponse)
def upload_job(request: Request, job_id: str, user: UserDep, catalog: Annotated[Catalog, Depends(get_catalog)]):
    if (denied := require_editor(request, user)) is not None:
        return denied
    assert user is not None  # require_editor lets only a signed-in editor through
    try:
        job = app_state(request).jobs.get(job_id)
    except SulieuError as e:
        return error_page(request, user, e)
    if job.by != user.name and not role_at_least(user, "admin"):
        return error_page(request, user, NotFound(f"Không có công việc {job_id[:40]!r}."))
    running = job.status in ("queued", "running")
    files = [_file_view(f, catalog) for f in job.files]
    return render(request, "upload_job.html", {
        "job": job, "files": files, "running": running, "status": STATUS_LABELS.get(job.status, job.status),
        "done": sum(1 for f in job.files if f.status not in ("queued", "running")),
    }, user=user, active="upload", title="Kết quả tải lên")


@router.post("/upload/jobs/{job_id}/cancel")
async def upload_job_cancel(request: Request, job_id: str, user: UserDep):
    if (denied := require_editor(request, user)) is not None:
        return denied
    assert user is not None  # require_editor lets only a signed-in editor through
    form = await request.form()
    try:
        check_csrf(request, str(form.get("csrf_token") or ""))
        app_state(request).jobs.cancel(job_id, None if role_at_least(user, "admin") else user.name)
    except SulieuError as e:
        return error_page(request, user, e)
    return RedirectResponse(f"/upload/jobs/{job_id}", status_code=303)


# --- corrections ----------------------------------------------------------------------------

EDIT_TEXT = ("doc_type", "doc_type_code", "symbol", "number", "issuer", "issuer_parent", "province", "place", "date",
             "title", "subject")
EDIT_LISTS = ("recipients", "distribution", "places", "people")
EDIT_CHOICES = {"level": i18n.LEVELS, "system": i18n.SYSTEMS}


def _norm_date(v: str) -> str:
    try:
        return parse_partial(v).iso()
    except BadDate as e:
        if e.malformed:
            raise InputError(f"Ngày “{v}” không hợp lệ: nhập năm-tháng-ngày (2024-01-12), năm-tháng, năm, "
                             "hoặc ngày/tháng/năm.") from None
        raise InputError(f"Ngày “{v}” không có thật.") from None


def changes_from_form(form: dict[str, str], current: dict[str, Any], *, may_set_access: bool) -> dict[str, Any]:
    """Fields whose submitted value differs from the effective one, validated."""
    changes: dict[str, Any] = {}
    for field in EDIT_TEXT:
        if field not in form:
            continue
        v = " ".join(form[field].split())
        if field == "date" and v:
            v = _norm_date(v)
        if len(v) > 2000:
            raise InputError(f"Trường {i18n.FIELDS.get(field, field)} quá dài.")
        old = current.get(field) or ""
        if v != old:
            changes[field] = v or None
    for field in EDIT_LISTS:
        if field not in form:
            continue
        items = [" ".join(line.split()) for line in form[field].splitlines()]
        items = [i for i in items if i]
        if items != list(current.get(field) or []):
            changes[field] = items
    for field, choices in EDIT_CHOICES.items():
        if field not in form:
            continue
        v = form[field].strip()
        if v and v not in choices:
            raise InputError(f"Giá trị “{v}” không hợp lệ cho trường {i18n.FIELDS.get(field, field)}.")
        if (v or None) != current.get(field):
            changes[field] = v or None
    if "access" in form and form["access"] != current.get("access"):
        if form["access"] not in ACCESS_LEVELS:
            raise InputError("Mức truy cập không hợp lệ.")
        if not may_set_access:
            raise AccessDenied("Chỉ quản trị viên được đổi mức truy cập.")
        changes["access"] = form["access"]
    return changes


SIGNER_FIELDS = {"signer_authority": ("authority", "Thẩm quyền ký (T/M, K/T, TL. …)"),
                 "signer_on_behalf_of": ("on_behalf_of", "Ký thay mặt (Ban Thường vụ, Ủy ban nhân dân …)"),
                 "signer_position": ("position", "Chức vụ người ký"), "signer_name": ("name", "Họ tên người ký")}


def signer_change(form: dict[str, str], current: dict[str, Any]) -> dict[str, Any] | None:
    """The signer as the form gives it, when any of its fields changed (None: unchanged or not in the form)."""
    if not any(k in form for k in SIGNER_FIELDS):
        return None
    old = dict(current.get("signer") or {})
    new = dict(old)
    for key, (attr, _) in SIGNER_FIELDS.items():
        if key in form:
            new[attr] = " ".join(form[key].split()) or None
    new.setdefault("chain", [])
    return new if any(new.get(a) != old.get(a) for a, _ in SIGNER_FIELDS.values()) else None


def page_text_change(form: dict[str, str], record: Any, corrected_pages: dict[int, str]) -> dict[str, str]:
    """{"page_text:N": text} when the page text in the form differs from what the page now shows."""
    raw = form.get("page_number", "")
    if "page_text" not in form or not raw.isdigit():
        return {}
    number = int(raw)
    page = next((p for p in record.pages if p.number == number), None)
    if page is None:
        raise InputError(f"Tài liệu không có trang {number}.")
    text = form["page_text"].replace("\r\n", "\n").strip()
    shown = corrected_pages.get(number, page.text).strip()
    return {page_text_field(number): text} if text != shown else {}


def _edit_context(doc: Any, user: Any, form: dict[str, Any] | None, errors: list[str],
                  page: dict[str, Any] | None = None) -> dict[str, Any]:
    md = doc.metadata.model_dump()
    values = {f: md.get(f) or "" for f in EDIT_TEXT}
    values.update({f: "\n".join(md.get(f) or []) for f in EDIT_LISTS})
    values.update({f: md.get(f) or "" for f in EDIT_CHOICES})
    values["access"] = doc.access
    signer = md.get("signer") or {}
    values.update({k: signer.get(attr) or "" for k, (attr, _) in SIGNER_FIELDS.items()})
    if page is not None:
        values["page_text"] = page["text"]
    if form:
        values.update({k: v for k, v in form.items() if k in values})
    return {"doc": doc, "values": values, "errors": errors, "text_fields": EDIT_TEXT, "list_fields": EDIT_LISTS,
            "choices": EDIT_CHOICES, "corrected": set(doc.corrected_fields),
            "may_set_access": role_at_least(user, "admin"), "access_levels": i18n.ACCESS,
            "citation": format_citation(doc.metadata), "signer_fields": SIGNER_FIELDS, "page": page,
            "problems": header_problems(doc.metadata)}


def _corrected_pages(corrections: list[Any]) -> dict[int, str]:
    return {int(c.field[len(PAGE_TEXT_PREFIX):]): c.value for c in sorted(corrections, key=lambda c: c.at)
            if c.field.startswith(PAGE_TEXT_PREFIX) and c.field[len(PAGE_TEXT_PREFIX):].isdigit()}


def _page_view(store: ArchiveStore, doc_id: str, p: str | None) -> dict[str, Any] | None:
    """The page shown beside the form: its image, its text as it now reads (a reviewer's correction wins)."""
    record = store.read_record(doc_id)
    numbers = [pg.number for pg in record.pages]
    if not numbers:
        return None
    number = int(p) if p and p.isdigit() and int(p) in numbers else numbers[0]
    page = next(pg for pg in record.pages if pg.number == number)
    corrected = _corrected_pages(store.read_corrections(doc_id))
    has_image = bool(page.image) or record.provenance.mime == "application/pdf"
    return {"number": number, "numbers": numbers, "text": corrected.get(number, page.text),
            "corrected": number in corrected, "image_url": f"/api/documents/{doc_id}/pages/{number}/image"
            if has_image else None, "confidence": page.confidence, "full_url": f"/doc/{doc_id}?p={number}#trang"}


@router.get("/doc/{doc_id}/edit", response_class=HTMLResponse)
def edit_form(request: Request, doc_id: str, user: UserDep, catalog: Annotated[Catalog, Depends(get_catalog)],
              store: Annotated[ArchiveStore, Depends(get_store)], p: str | None = None):
    if (denied := require_editor(request, user)) is not None:
        return denied
    doc = catalog.get(doc_id) if len(doc_id) <= 64 else None
    if not visible(doc, access_for(user), include_deleted=True):
        return error_page(request, user, NotFound(f"Không có tài liệu {doc_id}, hoặc bạn không có quyền xem."))
    return render(request, "edit.html", _edit_context(doc, user, None, [], _page_view(store, doc_id, p)), user=user,
                  title="Hiệu chỉnh thông tin tài liệu")


@router.post("/doc/{doc_id}/edit", response_class=HTMLResponse)
async def edit_submit(request: Request, doc_id: str, user: UserDep,
                      catalog: Annotated[Catalog, Depends(get_catalog)],
                      store: Annotated[ArchiveStore, Depends(get_store)]):
    if (denied := require_editor(request, user)) is not None:
        return denied
    assert user is not None  # require_editor lets only a signed-in editor through
    doc = catalog.get(doc_id) if len(doc_id) <= 64 else None
    if not visible(doc, access_for(user), include_deleted=True):
        return error_page(request, user, NotFound(f"Không có tài liệu {doc_id}, hoặc bạn không có quyền xem."))
    raw = await request.form()
    form = {k: v for k, v in raw.items() if isinstance(v, str)}
    try:
        check_csrf(request, form.get("csrf_token"))
    except AccessDenied as e:
        return error_page(request, user, e)
    current = doc.metadata.model_dump()
    current["access"] = doc.access
    page = _page_view(store, doc_id, form.get("page_number"))
    try:
        changes = changes_from_form(form, current, may_set_access=role_at_least(user, "admin"))
        if (signer := signer_change(form, current)) is not None:
            changes["signer"] = signer
        changes.update(page_text_change(form, store.read_record(doc_id), _corrected_pages(
            store.read_corrections(doc_id))))
    except SulieuError as e:
        return render(request, "edit.html", _edit_context(doc, user, form, [e.message], page), user=user,
                      status_code=e.http_status, title="Hiệu chỉnh thông tin tài liệu")
    if not changes:
        return RedirectResponse(f"/doc/{doc_id}?saved=0", status_code=303)
    note = (form.get("note") or "").strip()[:2000] or None
    from starlette.concurrency import run_in_threadpool

    try:
        await run_in_threadpool(documents.correct, app_state(request).context, doc_id, changes, user, note, "ui")
    except SulieuError as e:
        return render(request, "edit.html", _edit_context(doc, user, form, [e.message], page), user=user,
                      status_code=e.http_status, title="Hiệu chỉnh thông tin tài liệu")
    return RedirectResponse(f"/doc/{doc_id}?saved={len(changes)}", status_code=303)


# --- OCR review -----------------------------------------------------------------------------


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, user: UserDep, backend: Backend,
                store: Annotated[ArchiveStore, Depends(get_store)],
                catalog: Annotated[Catalog, Depends(get_catalog)], page: str | None = None):
    if (denied := require_editor(request, user)) is not None:
        return denied
    try:
        page_no = max(1, min(int(page or 1), 500))
    except ValueError:
        page_no = 1
    size = 20
    res = backend.search(SearchRequest(q="", needs_review=True, allowed_access=access_for(user), sort="date_desc",
                                       page=page_no, page_size=size, facets=False))
    docs = []
    for hit in res.hits:
        try:
            rec = store.read_record(hit.id)
        except SulieuError:
            continue
        pages = [{"number": p.number, "confidence": p.confidence, "href": f"/doc/{hit.id}?p={p.number}#trang"}
                 for p in rec.pages if p.needs_review]
        docs.append({"id": hit.id, "title": hit.title or hit.subject or rec.provenance.original_name,
                     "symbol": hit.symbol, "pages": pages, "page_count": len(rec.pages)})
    pages_total = max(1, (res.total + size - 1) // size)
    return render(request, "review.html", {"docs": docs, "total": res.total, "page": page_no, "pages": pages_total,
                                           "flagged": flagged_headers(catalog, access_for(user))},
                  user=user, active="review", title="Tài liệu cần rà soát")


def flagged_headers(catalog: Catalog, allowed: list[str], limit: int = 200) -> list[dict[str, Any]]:
    """Documents whose header fields are missing or implausible, with the reasons, newest first."""
    out = []
    for d in sorted(catalog.all(), key=lambda d: d.ingested_at or datetime.min.replace(tzinfo=UTC), reverse=True):
        if not visible(d, allowed):
            continue
        problems = header_problems(d.metadata)
        if problems:
            out.append({"id": d.id, "title": format_citation(d.metadata) or d.original_name, "name": d.original_name,
                        "reasons": [p.reason for p in problems], "edit": f"/doc/{d.id}/edit",
                        "fields": [p.field for p in problems]})
        if len(out) == limit:
            break
    return out
