"""The FastAPI application: JSON API under /api, /health, and the web UI at / (when installed).

Everything the routes need (settings, archive store, users, audit log, search engine, jobs) lives
in one typed ``AppState`` (``search_api.state``), created here from the injected ``Settings``; there
are no module globals, so tests build as many independent apps as they like. This module is the
composition root: the one place that wires the API routers and the web UI into one application.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from fastapi import FastAPI  # noqa: E402

from search_api.auth import load_secret  # noqa: E402
from search_api.errors import install_error_handlers  # noqa: E402
from search_api.state import AppState  # noqa: E402
from search_engine import index_present  # noqa: E402
from services.audit import AuditLog  # noqa: E402
from services.catalog import Catalog  # noqa: E402
from services.collections import CollectionStore  # noqa: E402
from services.context import ArchiveContext, EngineHandle, GraphCache  # noqa: E402
from services.jobs import JobManager  # noqa: E402
from services.saved_searches import SavedSearchStore  # noqa: E402
from services.users import UserStore  # noqa: E402
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
    {"name": "workspace", "description": "Bộ sưu tập, tìm kiếm đã lưu và nguồn tin Atom của người dùng."},
    {"name": "authority", "description": "Hồ sơ cơ quan ban hành: tên qua các thời kỳ, tiền thân, kế tục (2025)."},
    {"name": "oai", "description": "OAI-PMH 2.0 cho máy thu hoạch (Dublin Core, tập hợp theo cấp và tỉnh)."},
    {"name": "iiif", "description": "IIIF: ảnh trang (Image API 3.0), manifest và bộ sưu tập (Presentation 3.0), "
                                   "tìm trong tài liệu (Content Search 1.0, 2.0)."},
    {"name": "health", "description": "Tình trạng và phiên bản."},
]


def init_state(app: FastAPI, settings: Settings) -> AppState:
    store = ArchiveStore(settings.archive).init()
    users = UserStore(store.users_db, session_hours=settings.session_hours)
    users.secret = load_secret(store, settings.secret_key)
    audit = AuditLog(store.audit_db)
    catalog = Catalog(store)
    graph = GraphCache(store)
    ctx = ArchiveContext(settings=settings, store=store, engine=EngineHandle(settings), audit=audit,
                         caches=(catalog, graph))
    state = AppState(settings=settings, store=store, users=users, audit=audit, catalog=catalog, graph=graph,
                     context=ctx, jobs=JobManager(ctx), collections=CollectionStore(store.workspace_db),
                     saved_searches=SavedSearchStore(store.workspace_db))
    app.state.sulieu = state
    return state


def _preload_index(state: AppState) -> None:
    """Warm the operating system's cache with the index in the background (first queries read
    from memory, not disk); any failure only costs the warm-up."""
    if not index_present(state.settings):  # nothing to warm; opening would create it
        return
    try:
        n = state.context.backend().preload()
        log.info("preloaded %d MB of the search index", n >> 20)
    except Exception as e:  # noqa: BLE001 - a stale or missing index is reported by the first search
        log.info("index preload skipped: %s", e)


def create_app(settings: Settings | None = None) -> FastAPI:
    keep_files_private()
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.search_preload:
            threading.Thread(target=_preload_index, args=(state,), name="sulieu-preload", daemon=True).start()
        yield
        state.jobs.shutdown()
        state.context.close()

    app = FastAPI(title="Sử liệu API", version=__version__, description=DESCRIPTION, openapi_tags=TAGS,
                  lifespan=lifespan)
    state = init_state(app, settings)
    install_error_handlers(app)

    from search_api.errors import responses
    from search_api.routers import (
        authority,
        browse,
        citations,
        corrections,
        documents,
        duplicates,
        export,
        health,
        iiif,
        oai,
        pages,
        references,
        search,
        uploads,
        users,
        workspace,
    )

    common = responses(400, 422)  # every route may answer these (unreadable body, bad parameters)
    for module in (search, documents, pages, citations, browse, export, references, uploads, corrections, users,
                   workspace, authority, duplicates, oai, iiif, health):
        app.include_router(module.router, responses=common)
    from ui.routes import router as ui_router

    app.include_router(ui_router)
    return app
