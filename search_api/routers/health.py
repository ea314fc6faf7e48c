"""Health (engine, archive, OCR) and version."""

from __future__ import annotations

import platform
import shutil
import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from search_api.deps import current_user_or_none
from search_api.state import AppState, app_state
from search_engine import SCHEMA_VERSION, engine_name
from services.schemas import CheckPublic, HealthPublic, VersionPublic
from services.status import ocr_checks
from sulieu import __version__
from sulieu.access import role_at_least
from sulieu.errors import SulieuError
from sulieu.model import RECORD_SCHEMA_VERSION
from sulieu.settings import Settings

router = APIRouter(tags=["health"])
OCR_CACHE_SECONDS = 300


def _check_engine(state: AppState, counts: bool) -> CheckPublic:
    try:
        backend = state.context.backend()
        info: dict[str, Any] = {"name": backend.name, "schema_version": backend.schema_version}
        if counts:
            info["documents"] = len(backend.ids())
        return CheckPublic(ok=True, info=info)
    except SulieuError as e:
        return CheckPublic(ok=False, detail=e.message, info={"name": engine_name(state.settings)})
    except Exception as e:  # noqa: BLE001 - health must report, not fail
        return CheckPublic(ok=False, detail=f"{type(e).__name__}: {e}"[:300], info={"name": engine_name(state.settings)})


def _check_archive(state: AppState, counts: bool) -> CheckPublic:
    root = state.store.root
    if not state.store.marker_path.is_file():
        return CheckPublic(ok=False, detail=f"Không thấy kho lưu trữ tại {root}.")
    try:
        docs = state.catalog.all()
    except SulieuError as e:
        return CheckPublic(ok=False, detail=e.message)
    if not counts:  # how many documents exist, hidden ones included, is for admins only
        return CheckPublic(ok=True)
    usage = shutil.disk_usage(root)
    return CheckPublic(ok=True, info={"documents": len(docs), "deleted": sum(1 for d in docs if d.deleted),
                                      "free_mb": usage.free // (1024 * 1024)})


def _check_ocr(settings: Settings) -> CheckPublic:
    try:
        checks = ocr_checks(settings)
    except Exception as e:  # noqa: BLE001 - health must report, not fail
        return CheckPublic(ok=False, detail=f"{type(e).__name__}: {e}"[:300])
    failed = [c for c in checks if not c.ok]
    detail = "; ".join(f"{c.message_vi}" + (f" ({c.fix_vi})" if c.fix_vi else "") for c in failed)
    return CheckPublic(ok=not failed, detail=detail or None,
                       info={"lang": settings.ocr_lang, "checks": {c.name: c.ok for c in checks}})


@router.get("/health", response_model=HealthPublic, summary="Tình trạng hệ thống",
            responses={503: {"model": HealthPublic, "description": "Một thành phần không sẵn sàng"}})
def health(request: Request) -> JSONResponse:
    state = app_state(request)
    cached = state.ocr_health
    if cached is None or time.monotonic() - cached[0] > OCR_CACHE_SECONDS:
        cached = (time.monotonic(), _check_ocr(state.settings))
        state.ocr_health = cached
    user = current_user_or_none(request)
    counts = role_at_least(user, "admin")
    engine, archive, ocr = _check_engine(state, counts), _check_archive(state, counts), cached[1]
    ok = engine.ok and archive.ok and ocr.ok
    body = HealthPublic(status="ok" if ok else "degraded", engine=engine, archive=archive, ocr=ocr)
    return JSONResponse(body.model_dump(mode="json"), status_code=200 if engine.ok and archive.ok else 503)


@router.get("/api/version", response_model=VersionPublic, summary="Phiên bản")
def version(request: Request) -> VersionPublic:
    return VersionPublic(version=__version__, record_schema=RECORD_SCHEMA_VERSION, index_schema=SCHEMA_VERSION,
                         engine=engine_name(app_state(request).settings), python=platform.python_version())
