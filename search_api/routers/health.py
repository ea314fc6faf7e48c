"""Health (engine, archive, OCR) and version."""

from __future__ import annotations

import platform
import shutil
import subprocess
import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from search_api.auth import role_at_least
from search_api.deps import current_user_or_none, open_app_backend
from search_api.schemas import CheckPublic, HealthPublic, VersionPublic
from sulieu import __version__
from sulieu.errors import SulieuError
from sulieu.model import RECORD_SCHEMA_VERSION
from sulieu.settings import Settings

router = APIRouter(tags=["health"])
OCR_CACHE_SECONDS = 300


def _engine_name(settings: Settings) -> str:
    return "elasticsearch" if settings.es_url else "tantivy"


def _check_engine(state: Any, counts: bool) -> CheckPublic:
    try:
        backend = open_app_backend(state)
        info: dict[str, Any] = {"name": _engine_name(state.settings),
                                "schema_version": getattr(backend, "schema_version", None)}
        if counts:
            info["documents"] = len(backend.ids())
        return CheckPublic(ok=True, info=info)
    except SulieuError as e:
        return CheckPublic(ok=False, detail=e.message, info={"name": _engine_name(state.settings)})
    except Exception as e:  # noqa: BLE001 - health must report, not fail
        return CheckPublic(ok=False, detail=f"{type(e).__name__}: {e}"[:300], info={"name": _engine_name(state.settings)})


def _check_archive(state: Any, counts: bool) -> CheckPublic:
    root = state.store.root
    if not (root / "archive.json").is_file():
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
        from ingest.ocr.doctor import check_ocr
    except ImportError:
        check_ocr = None
    if check_ocr is not None:
        try:
            checks = check_ocr(settings)
        except Exception as e:  # noqa: BLE001 - health must report, not fail
            return CheckPublic(ok=False, detail=f"{type(e).__name__}: {e}"[:300])
        failed = [c for c in checks if not c.ok]
        detail = "; ".join(f"{c.message_vi}" + (f" ({c.fix_vi})" if c.fix_vi else "") for c in failed)
        return CheckPublic(ok=not failed, detail=detail or None,
                           info={"lang": settings.ocr_lang, "checks": {c.name: c.ok for c in checks}})
    try:
        out = subprocess.run([settings.tesseract_cmd, "--list-langs"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as e:
        return CheckPublic(ok=False, detail=f"Không chạy được Tesseract: {e}")
    langs = out.stdout.split()
    ok = settings.ocr_lang in langs
    return CheckPublic(ok=ok, detail=None if ok else f"Tesseract thiếu dữ liệu ngôn ngữ {settings.ocr_lang}.",
                       info={"lang": settings.ocr_lang})


@router.get("/health", response_model=HealthPublic, summary="Tình trạng hệ thống",
            responses={503: {"model": HealthPublic, "description": "Một thành phần không sẵn sàng"}})
def health(request: Request) -> JSONResponse:
    state = request.app.state
    cached = getattr(state, "ocr_health", None)
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
    try:
        from search_engine import SCHEMA_VERSION
    except ImportError:
        SCHEMA_VERSION = None  # noqa: N806
    return VersionPublic(version=__version__, record_schema=RECORD_SCHEMA_VERSION, index_schema=SCHEMA_VERSION,
                         engine=_engine_name(request.app.state.settings), python=platform.python_version())
