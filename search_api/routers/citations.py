"""What a document cites, what cites it, and the documents cited but missing from the archive."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from search_api.deps import Allowed, Cat, CurrentUser, Graph, Store
from search_api.errors import responses
from search_api.routers.documents import DocId
from services.catalog import visible
from services.citations import citations_for, missing_documents
from services.documents import load_visible, not_found
from services.schemas import CitationsPublic, MissingDocsPublic

router = APIRouter(prefix="/api", tags=["citations"])


@router.get("/documents/{doc_id}/citations", response_model=CitationsPublic,
            summary="Văn bản được trích dẫn và văn bản trích dẫn tài liệu này", responses=responses(401, 404, 422))
def document_citations(doc_id: DocId, store: Store, catalog: Cat, graph: Graph, user: CurrentUser,
                       allowed: Allowed) -> CitationsPublic:
    load_visible(store, doc_id, user, catalog)
    doc = catalog.get(doc_id)
    if doc is None:
        raise not_found(doc_id)
    # A deleted document shown to an editor still lists its citations; targets must be live and visible.
    if not visible(doc, allowed, include_deleted=True):
        raise not_found(doc_id)
    return citations_for(doc, catalog, graph, allowed)


@router.get("/citations/missing", response_model=MissingDocsPublic,
            summary="Văn bản được trích dẫn nhưng chưa có trong kho (xếp theo số lần được trích)",
            responses=responses(401, 422))
def missing(
    catalog: Cat, graph: Graph, allowed: Allowed,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> MissingDocsPublic:
    items = missing_documents(catalog, graph, allowed)
    return MissingDocsPublic(data=items[offset:offset + limit], count=len(items))
