"""Authority records of issuing bodies ("Cơ quan ban hành"): read by anyone, changed by editors.

Thin over ``services.authority``; a body's documents are counted over what the caller may see.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from search_api.deps import Allowed, Cat, Context, Editor, Store
from search_api.errors import responses
from services import authority
from services.authority import NewRecord, RecordChange
from services.catalog import visible
from services.documents import doc_ref
from services.schemas import DocRef
from sulieu.authority import Ambiguity, AuthorityRecord

router = APIRouter(prefix="/api/authority", tags=["authority"])

RecordId = Annotated[str, Path(pattern=r"^[a-z0-9-]{1,200}$", examples=["quan-uy-kien-an-hai-phong"])]


class RecordsPublic(BaseModel):
    data: list[AuthorityRecord]
    count: int


class AmbiguousPublic(BaseModel):
    data: list[Ambiguity]
    count: int


class EventPublic(BaseModel):
    date: str | None
    event: str
    text: str
    other: str | None = None


class RecordDetail(BaseModel):
    record: AuthorityRecord
    name: str
    predecessors: list[str]
    successors: list[str]
    now: list[str]
    timeline: list[EventPublic]
    documents: list[DocRef]


@router.get("", response_model=RecordsPublic, summary="Hồ sơ cơ quan ban hành (tìm theo mọi tên)")
def list_records(store: Store, q: Annotated[str, Query(max_length=300)] = "") -> RecordsPublic:
    data = authority.search_records(store, q)
    return RecordsPublic(data=data, count=len(data))


@router.get("/ambiguous", response_model=AmbiguousPublic, summary="Tên cơ quan chưa xác định được hồ sơ")
def ambiguous(store: Store) -> AmbiguousPublic:
    data = authority.authority_index(store).data.ambiguous
    return AmbiguousPublic(data=data, count=len(data))


@router.get("/{record_id}", response_model=RecordDetail, summary="Một cơ quan: tên qua các thời kỳ, quan hệ, tài liệu",
            responses=responses(404))
def get_record(record_id: RecordId, store: Store, catalog: Cat, allowed: Allowed) -> RecordDetail:
    page = authority.body_page(store, record_id, [d for d in catalog.all() if visible(d, allowed)])
    return RecordDetail(record=page.record, name=page.record.name, predecessors=[r.id for r in page.predecessors],
                        successors=[r.id for r in page.successors], now=[r.id for r in page.now],
                        timeline=[EventPublic(**e.__dict__) for e in page.events],
                        documents=[doc_ref(d) for _, docs in page.years for d in docs])


@router.patch("/{record_id}", response_model=AuthorityRecord, summary="Sửa hồ sơ cơ quan (biên tập viên)",
              responses=responses(400, 401, 403, 404))
def update_record(record_id: RecordId, body: RecordChange, ctx: Context, user: Editor) -> AuthorityRecord:
    return authority.update_record(ctx, user, record_id, body)


@router.post("", response_model=AuthorityRecord, status_code=201, summary="Thêm hồ sơ cơ quan (biên tập viên)",
             responses=responses(400, 401, 403, 404))
def create_record(body: NewRecord, ctx: Context, user: Editor) -> AuthorityRecord:
    return authority.create_record(ctx, user, body)
