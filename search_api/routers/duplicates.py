"""Near-duplicates of a document: the pairs found (and decided), and an editor's decision."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from search_api.deps import Cat, Context, CurrentUser, Editor, Store
from search_api.errors import responses
from search_api.routers.documents import DocId
from services.catalog import visible
from services.documents import load_visible
from services.near_duplicates import decide, duplicates_of
from sulieu.access import allowed_access
from sulieu.near_duplicates import DuplicatePair

router = APIRouter(prefix="/api/documents/{doc_id}/duplicates", tags=["documents"])


class DuplicatesPublic(BaseModel):
    data: list[DuplicatePair] = Field(description="Pairs with a document the caller may see; ``original`` is kept "
                                                  "in search results, the other is left out unless show_copies.")
    count: int


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"other": "3f9a0c1d2e4b5a69",
                                                                               "decision": "copy"}]})
    other: str = Field(pattern=r"^[0-9a-f]{8,64}$")
    decision: Literal["copy", "original", "different"] = Field(
        description="copy: this document is the copy of the other; original: the other is its copy; "
                    "different: not a duplicate.")


@router.get("", response_model=DuplicatesPublic, summary="Bản trùng của tài liệu", responses=responses(404))
def list_duplicates(doc_id: DocId, store: Store, catalog: Cat, user: CurrentUser) -> DuplicatesPublic:
    load_visible(store, doc_id, user, catalog)
    allowed = allowed_access(user)
    data = [p for p in duplicates_of(store, doc_id) if visible(catalog.get(p.other(doc_id)), allowed)]
    return DuplicatesPublic(data=data, count=len(data))


@router.post("", response_model=DuplicatePair, summary="Đánh dấu bản trùng (biên tập viên)",
             responses=responses(400, 401, 403, 404))
def decide_duplicate(doc_id: DocId, body: DecisionIn, ctx: Context, catalog: Cat, user: Editor) -> DuplicatePair:
    load_visible(ctx.store, doc_id, user, catalog)
    load_visible(ctx.store, body.other, user, catalog)
    if body.decision == "copy":
        return decide(ctx, user, doc_id, body.other, body.other)
    if body.decision == "original":
        return decide(ctx, user, body.other, doc_id, doc_id)
    return decide(ctx, user, doc_id, None, body.other, not_duplicate=True)
