"""The web UI: server-rendered pages mounted at ``/`` of the API app (``create_app`` includes ``router``).

Pages live in ``ui/pages/*`` (one module per area); static files are served from ``ui/static``
under ``/static/ui/`` by a plain route, so no mount is needed in the app.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse, Response

from ui.pages import admin, auth, authority, browse, citations, document, duplicates, editor, export, search, workspace
from ui.web import STATIC_DIR

router = APIRouter(include_in_schema=False)

_STATIC = {p.name: p for p in STATIC_DIR.iterdir() if p.is_file()}
_MEDIA = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml",
          ".png": "image/png", ".ico": "image/x-icon"}


@router.get("/static/ui/{name}")
def static_file(name: str) -> Response:
    path = _STATIC.get(name)
    if path is None:
        return Response("Không có tệp này.", status_code=404, media_type="text/plain; charset=utf-8")
    return FileResponse(path, media_type=_MEDIA.get(path.suffix, "application/octet-stream"),
                        headers={"Cache-Control": "public, max-age=86400"})


for module in (search, document, citations, browse, auth, editor, export, workspace, authority, duplicates, admin):
    router.include_router(module.router)
