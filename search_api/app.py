"""The FastAPI application: JSON API under /api, /health, and the web UI at / (when installed).

Everything the routes need (settings, archive store, users, audit log, search backend, jobs)
lives on ``app.state``, created here from the injected ``Settings``; there are no module
globals, so tests build as many independent apps as they like.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from fastapi import FastAPI  # noqa: E402

from search_api.audit import AuditLog  # noqa: E402
from search_api.auth import load_secret  # noqa: E402
from search_api.catalog import Catalog  # noqa: E402
from search_api.errors import install_error_handlers  # noqa: E402
from search_api.jobs import JobManager  # noqa: E402
from search_api.users import UserStore  # noqa: E402
from sulieu import __version__  # noqa: E402
from sulieu.settings import Settings  # noqa: E402
from sulieu.store import ArchiveStore, keep_files_private  # noqa: E402

log = logging.getLogger("sulieu.api")

DESCRIPTION = """
API của **Sử liệu**: tìm kiếm toàn văn, hồ sơ tài liệu, ảnh trang, trích dẫn, xuất dữ liệu,
tải lên, hiệu chỉnh và quản lý người dùng.

* Mọi lỗi có cùng dạng: `{"error": {"code", "message", "detail"}}` (thông báo bằng tiếng Việt).
* Xác thực: cookie phiên (đăng nhập qua `/api/auth/login`; các yêu cầu ghi gửi kèm `X-CSRF-Token`)
  hoặc `Authorization: Bearer <token>` cho script (`sulieu token create TÊN`).
* Khách chưa đăng nhập chỉ thấy tài liệu công khai; mức truy cập được áp dụng ngay trong truy vấn.
"""

TAGS = [
    {"name": "search", "description": "Tìm kiếm toàn văn, bộ lọc, đếm theo nhóm."},
    {"name": "documents", "description": "Hồ sơ tài liệu, tệp gốc, tra cứu số ký hiệu, xóa và khôi phục."},
    {"name": "pages", "description": "Chữ, ảnh, ảnh thu nhỏ và vị trí từ của từng trang."},
    {"name": "citations", "description": "Trích dẫn giữa các văn bản; văn bản được trích nhưng còn thiếu."},
    {"name": "browse", "description": "Duyệt theo cơ quan ban hành, năm, loại văn bản."},
    {"name": "export", "description": "Xuất CSV, JSON, danh mục trích dẫn."},
    {"name": "uploads", "description": "Tải tệp lên và theo dõi việc nhập."},
    {"name": "corrections", "description": "Hiệu chỉnh siêu dữ liệu (lớp hiệu chỉnh riêng)."},
    {"name": "users", "description": "Đăng nhập, người dùng, mã truy cập, nhật ký ghi."},
    {"name": "health", "description": "Tình trạng và phiên bản."},
]


def init_state(app: FastAPI, settings: Settings) -> None:
    store = ArchiveStore(settings.archive).init()
    state = app.state
    state.settings = settings
    state.store = store
    state.users = UserStore(store.root / "users.sqlite", session_hours=settings.session_hours)
    state.users.secret = load_secret(store.root, settings.secret_key)
    state.audit = AuditLog(store.root / "audit.sqlite")
    state.catalog = Catalog(store)
    state.backend = None
    state.backend_lock = threading.Lock()
    state.write_lock = threading.RLock()
    state.graph_cache = None
    state.jobs = JobManager(state, store.root / "tmp" / "jobs")


def _preload_index(state: Any) -> None:
    """Warm the operating system's cache with the index in the background (first queries read
    from memory, not disk); any failure only costs the warm-up."""
    from search_api.deps import open_app_backend

    if not (state.store.root / "index").is_dir():  # nothing to warm; opening would create it
        return
    try:
        backend = open_app_backend(state)
        n = backend.preload() if hasattr(backend, "preload") else 0
        log.info("preloaded %d MB of the search index", n >> 20)
    except Exception as e:  # noqa: BLE001 - a stale or missing index is reported by the first search
        log.info("index preload skipped: %s", e)


def create_app(settings: Settings | None = None) -> FastAPI:
    keep_files_private()
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.search_preload and not settings.es_url:
            threading.Thread(target=_preload_index, args=(app.state,), name="sulieu-preload", daemon=True).start()
        yield
        app.state.jobs.shutdown()
        backend = app.state.backend
        if backend is not None:
            backend.close()
            app.state.backend = None

    app = FastAPI(title="Sử liệu API", version=__version__, description=DESCRIPTION, openapi_tags=TAGS,
                  lifespan=lifespan)
    init_state(app, settings)
    install_error_handlers(app)

    from search_api.errors import responses
    from search_api.routers import (
        browse,
        citations,
        corrections,
        documents,
        export,
        health,
        pages,
        search,
        uploads,
        users,
    )

    common = responses(400, 422)  # every route may answer these (unreadable body, bad parameters)
    for module in (search, documents, pages, citations, browse, export, uploads, corrections, users, health):
        app.include_router(module.router, responses=common)
    try:
        from ui.routes import router as ui_router
    except ImportError:
        ui_router = None
    if ui_router is not None:
        app.include_router(ui_router)
        try:
            from ui.routes import mount_static

            mount_static(app)
        except ImportError:
            pass
    return app
