"""Files reference managers import (RIS, CSL-JSON, BibTeX) for one document; the same writers serve the
search-result and collection exports (``/api/export``, ``/api/collections/{id}/export``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from search_api.deps import Cat, CurrentUser, Store
from search_api.errors import responses
from search_api.routers.documents import DocId
from services import bib_formats
from services.bibliography import record_for
from services.catalog import DocSummary
from services.documents import load_visible, not_found
from sulieu.disposition import content_disposition

router = APIRouter(prefix="/api", tags=["export"])

RefFormat = Literal["ris", "csl-json", "bibtex"]
REFERENCE_CONTENT: dict[str, Any] = {bib_formats.MEDIA_TYPES[f].split(";")[0]: {} for f in bib_formats.FORMATS}


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def reference_file(fmt: str, docs: Iterable[DocSummary], base: str, stem: str) -> Response:
    """The download of ``docs`` (already checked visible) in a reference manager's format."""
    body = bib_formats.write(fmt, [record_for(d, base) for d in docs])
    return Response(body, media_type=bib_formats.MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": content_disposition(f"{stem}.{bib_formats.EXTENSIONS[fmt]}")})


@router.get("/documents/{doc_id}/reference", summary="Tệp cho phần mềm quản lý tài liệu tham khảo (RIS, CSL-JSON, BibTeX)",
            responses={200: {"description": "Tệp UTF-8", "content": REFERENCE_CONTENT}, **responses(401, 404, 422)})
def document_reference(
    doc_id: DocId, request: Request, store: Store, catalog: Cat, user: CurrentUser,
    format: Annotated[RefFormat, Query(description="Định dạng: ris (Zotero, EndNote), csl-json, bibtex.")] = "ris",
) -> Response:
    load_visible(store, doc_id, user, catalog)  # a hidden document is the same 404 as an unknown one
    doc = catalog.get(doc_id)
    if doc is None:
        raise not_found(doc_id)
    return reference_file(format, [doc], base_url(request), f"sulieu-{doc_id}")
