"""IIIF: Image API 3.0 (``/iiif/3/{doc}-{page}/...``), Presentation 3.0 manifests and collections,
Content Search 1.0 and 2.0. Access is decided exactly as for the rest of the API (a hidden document
is the same 404 as an unknown one); responses may be read cross-origin (viewers live elsewhere), and
only public documents may be kept by shared caches."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse

from search_api.deps import Allowed, Backend, Cat, CurrentUser, Store
from search_api.errors import responses
from search_api.state import app_state
from services import iiif_image, iiif_manifest, iiif_search
from services.catalog import visible
from services.documents import load_visible, not_found
from services.page_images import page_image
from services.record_cache import RecordCache
from sulieu.errors import NotFound
from sulieu.model import effective_metadata

router = APIRouter(prefix="/iiif", tags=["iiif"])

DocId = Annotated[str, Path(max_length=64, description="Mã tài liệu (16 chữ số hex).", examples=["a06d1cac938332d1"])]
Ident = Annotated[str, Path(max_length=80, description="Ảnh trang: {mã tài liệu}-{số trang}.",
                            examples=["a06d1cac938332d1-1"])]
Query_ = Annotated[str, Query(max_length=4000, description="Từ cần tìm (cú pháp tìm kiếm của kho).",
                              examples=["thiên tai"])]
ResultNo = Annotated[int, Query(ge=0, le=100_000, description="Trang kết quả (từ 0; xem liên kết next).")]
IGNORED = ("motivation", "date", "user")
RECORDS = RecordCache(8)  # a viewer's burst of tile requests checks access on the same few records
_JSON: dict[int | str, dict[str, Any]] = {200: {"description": "JSON-LD", "content": {"application/json": {}}}}


def _urls(request: Request) -> iiif_manifest.IiifUrls:
    return iiif_manifest.IiifUrls(str(request.base_url).rstrip("/"))


def _headers(public: bool, etag: str | None = None) -> dict[str, str]:
    h = {"Access-Control-Allow-Origin": "*", "X-Content-Type-Options": "nosniff",
         "Cache-Control": "public, max-age=86400" if public else "private, max-age=3600",
         "Vary": "Authorization, Cookie"}
    if etag:
        h["ETag"] = etag
    return h


def _json(request: Request, data: dict[str, Any], public: bool, extra: dict[str, str] | None = None) -> JSONResponse:
    """JSON, or JSON-LD with the API's profile when the client asks for ``application/ld+json``."""
    headers = {**_headers(public), **(extra or {})}
    headers["Vary"] += ", Accept"
    if "application/ld+json" in request.headers.get("accept", ""):
        context = data["@context"]
        profile = context if isinstance(context, str) else context[-1]
        return JSONResponse(data, headers=headers, media_type=f'application/ld+json;profile="{profile}"')
    return JSONResponse(data, headers=headers)


def _load(store, doc_id: str, user, catalog):
    """``load_visible``, and a deleted document is not there at all (as in search; editors restore it
    through the API, not through a viewer)."""
    record, corrections, access = load_visible(store, doc_id, user, catalog, RECORDS)
    if record.deleted_at is not None:
        raise not_found(doc_id)
    return record, corrections, access


def _page(identifier: str) -> tuple[str, int]:
    doc_id, dash, number = identifier.rpartition("-")
    if not dash or not number.isdigit() or not 1 <= int(number) <= 100_000:
        raise NotFound(f"Không có ảnh IIIF {identifier[:80]!r}; dạng đúng: {{mã tài liệu}}-{{số trang}}.")
    return doc_id, int(number)


def _source(request: Request, identifier: str, store, catalog, user) -> tuple[Any, str]:
    doc_id, number = _page(identifier)
    record, _, access = _load(store, doc_id, user, catalog)
    f = page_image(store, record, number, max_pixels=app_state(request).settings.max_image_pixels)
    return f.path, access


@router.get("/3/{identifier}", summary="Dịch vụ ảnh IIIF (chuyển đến info.json)", status_code=303,
            response_class=RedirectResponse, responses=responses(404))
def image_base(identifier: Ident, request: Request) -> RedirectResponse:
    return RedirectResponse(f"{_urls(request).base}/iiif/3/{identifier}/info.json", status_code=303,
                            headers={"Access-Control-Allow-Origin": "*"})


@router.get("/3/{identifier}/info.json", summary="Thông tin ảnh IIIF (Image API 3.0)", responses={**_JSON, **responses(404)})
def image_info(identifier: Ident, request: Request, store: Store, catalog: Cat, user: CurrentUser) -> JSONResponse:
    path, access = _source(request, identifier, store, catalog, user)
    width, height = iiif_image.source_size(path)
    data = iiif_image.info(f"{_urls(request).base}/iiif/3/{identifier}", width, height)
    return _json(request, data, access == "public", {"Link": iiif_image.PROFILE_LINK})


@router.get("/3/{identifier}/{region}/{size}/{rotation}/{quality_format}", summary="Ảnh trang theo IIIF Image API 3.0",
            response_class=Response, responses={200: {"description": "Ảnh", "content": {
                "image/jpeg": {}, "image/png": {}, "image/webp": {}}}, **responses(400, 404)})
def image(identifier: Ident, region: str, size: str, rotation: str, quality_format: str, request: Request,
          store: Store, catalog: Cat, user: CurrentUser) -> Response:
    path, access = _source(request, identifier, store, catalog, user)
    width, height = iiif_image.source_size(path)
    req = iiif_image.parse_request(region, size, rotation, quality_format, width, height)
    st = path.stat()
    tag = hashlib.sha256(f"{path}|{st.st_mtime_ns}|{st.st_size}|{req}".encode()).hexdigest()[:32]
    etag = f'"{tag}"'
    headers = {**_headers(access == "public", etag), "Link": iiif_image.PROFILE_LINK}
    if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=headers)
    return Response(iiif_image.render(path, req), media_type=req.media_type, headers=headers)


@router.get("/{doc_id}/manifest", summary="Manifest IIIF (Presentation API 3.0) của một tài liệu",
            responses={**_JSON, **responses(404)})
def manifest(doc_id: DocId, request: Request, store: Store, catalog: Cat, user: CurrentUser) -> JSONResponse:
    record, corrections, access = _load(store, doc_id, user, catalog)
    sizes = iiif_manifest.page_sizes(store, record, max_pixels=app_state(request).settings.max_image_pixels)
    data = iiif_manifest.manifest(_urls(request), record, effective_metadata(record, corrections), access, sizes)
    return _json(request, data, access == "public")


def _content_search(version: int, doc_id: str, q: str, page: int, request: Request, store, catalog, user, backend,
                    allowed: list[str]) -> JSONResponse:
    record, _, access = _load(store, doc_id, user, catalog)
    hits = iiif_search.find_hits(store, backend, record, q, allowed,
                                 max_pixels=app_state(request).settings.max_image_pixels)
    result = iiif_search.result_page(hits, page)
    ignored = [p for p in IGNORED if p in request.query_params]
    build = iiif_search.search_v1 if version == 1 else iiif_search.search_v2
    return _json(request, build(_urls(request), doc_id, q.strip(), result, ignored), access == "public")


@router.get("/{doc_id}/search/1", summary="Tìm trong tài liệu (IIIF Content Search 1.0)",
            responses={**_JSON, **responses(400, 404)})
def search_v1(doc_id: DocId, q: Query_, request: Request, store: Store, catalog: Cat, user: CurrentUser,
              backend: Backend, allowed: Allowed, page: ResultNo = 0) -> JSONResponse:
    return _content_search(1, doc_id, q, page, request, store, catalog, user, backend, allowed)


@router.get("/{doc_id}/search/2", summary="Tìm trong tài liệu (IIIF Content Search 2.0)",
            responses={**_JSON, **responses(400, 404)})
def search_v2(doc_id: DocId, q: Query_, request: Request, store: Store, catalog: Cat, user: CurrentUser,
              backend: Backend, allowed: Allowed, page: ResultNo = 0) -> JSONResponse:
    return _content_search(2, doc_id, q, page, request, store, catalog, user, backend, allowed)


def _visible_docs(catalog, allowed: list[str]):
    return [d for d in catalog.all() if visible(d, allowed)]


@router.get("/collection/top", summary="Bộ sưu tập IIIF gốc", responses=_JSON)
def collection_top(request: Request, catalog: Cat, allowed: Allowed) -> JSONResponse:
    docs = _visible_docs(catalog, allowed)
    return _json(request, iiif_manifest.top_collection(_urls(request), docs), allowed == ["public"])


@router.get("/collection/issuers", summary="Bộ sưu tập IIIF theo cơ quan ban hành", responses=_JSON)
def collection_issuers(request: Request, catalog: Cat, allowed: Allowed) -> JSONResponse:
    docs = _visible_docs(catalog, allowed)
    return _json(request, iiif_manifest.issuers_collection(_urls(request), docs), allowed == ["public"])


@router.get("/collection/years", summary="Bộ sưu tập IIIF theo năm", responses=_JSON)
def collection_years(request: Request, catalog: Cat, allowed: Allowed) -> JSONResponse:
    docs = _visible_docs(catalog, allowed)
    return _json(request, iiif_manifest.years_collection(_urls(request), docs), allowed == ["public"])


@router.get("/collection/issuer/{name}", summary="Tài liệu có ảnh của một cơ quan ban hành",
            responses={**_JSON, **responses(404)})
def collection_issuer(name: Annotated[str, Path(max_length=300)], request: Request, catalog: Cat,
                      allowed: Allowed) -> JSONResponse:
    docs = _visible_docs(catalog, allowed)
    return _json(request, iiif_manifest.issuer_collection(_urls(request), docs, name), allowed == ["public"])


@router.get("/collection/year/{year}", summary="Tài liệu có ảnh của một năm", responses={**_JSON, **responses(404)})
def collection_year(year: Annotated[int, Path(ge=1, le=9999)], request: Request, catalog: Cat,
                    allowed: Allowed) -> JSONResponse:
    docs = _visible_docs(catalog, allowed)
    return _json(request, iiif_manifest.year_collection(_urls(request), docs, year), allowed == ["public"])
