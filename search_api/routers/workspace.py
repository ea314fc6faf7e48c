"""A user's workspace: collections ("Bộ sưu tập") and saved searches with their Atom feeds.

Thin over ``services.collections``, ``services.collection_export``, ``services.saved_searches`` and
``services.atom_feed``; who may see what is decided there.
"""

from __future__ import annotations

import shutil
from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Path, Query, Request, Response
from fastapi.responses import FileResponse

from search_api.deps import Backend, Cat, CurrentUser, Reader, State, Store, Users
from search_api.errors import responses
from search_api.routers.references import REFERENCE_CONTENT, reference_file
from services import collection_export, collections, saved_searches
from services.atom_feed import build_feed
from services.catalog import visible
from services.collections import Collection, CollectionView
from services.documents import doc_ref
from services.saved_searches import Status
from services.workspace_schemas import (
    CollectionDetail,
    CollectionIn,
    CollectionPublic,
    CollectionsPublic,
    CollectionUpdate,
    ItemIn,
    ItemPublic,
    ItemUpdate,
    SavedSearchesPublic,
    SavedSearchIn,
    SavedSearchPublic,
    SavedSearchUpdate,
)
from sulieu.access import User, allowed_access
from sulieu.disposition import content_disposition
from sulieu.errors import NotFound

router = APIRouter(prefix="/api", tags=["workspace"])

CollectionId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$", examples=["3f9a0c1d2e4b5a69"])]
SearchId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$", examples=["3f9a0c1d2e4b5a69"])]
MAX_NEW_LISTED = 50


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _collection(c: Collection, viewer: User | None) -> CollectionPublic:
    owner = viewer is not None and viewer.name == c.owner
    return CollectionPublic(id=c.id, name=c.name, description=c.description, owner=c.owner,
                            visibility=c.visibility,
                            shared_with=list(c.shared_with) if owner else [], item_count=c.item_count,
                            created_at=c.created_at, updated_at=c.updated_at)


def _detail(view: CollectionView, viewer: User | None) -> CollectionDetail:
    items = []
    for v in view.items:
        if v.doc is None:
            items.append(ItemPublic(id=v.item.id, position=v.item.position, hidden=True, label=collections.HIDDEN_LABEL))
        else:
            items.append(ItemPublic(id=v.item.id, position=v.item.position, hidden=False, document=doc_ref(v.doc),
                                    page=v.item.page or None, note=v.item.note, added_at=v.item.added_at))
    return CollectionDetail(**_collection(view.collection, viewer).model_dump(), can_edit=view.can_edit, items=items)


# --- collections ------------------------------------------------------------------------------
@router.get("/collections", response_model=CollectionsPublic, summary="Bộ sưu tập của tôi, được chia sẻ, công khai")
def list_collections(state: State, user: CurrentUser) -> CollectionsPublic:
    own, shared = state.collections.list_for(user)
    public = [c for c in state.collections.public() if user is None or c.owner != user.name]
    return CollectionsPublic(own=[_collection(c, user) for c in own], shared=[_collection(c, user) for c in shared],
                             public=[_collection(c, user) for c in public])


@router.post("/collections", response_model=CollectionPublic, status_code=201, summary="Tạo bộ sưu tập",
             responses=responses(401, 403, 422))
def create_collection(body: CollectionIn, state: State, user: Reader) -> CollectionPublic:
    return _collection(state.collections.create(user, body.name, body.description), user)


@router.get("/collections/{collection_id}", response_model=CollectionDetail, summary="Một bộ sưu tập",
            responses=responses(404))
def get_collection(collection_id: CollectionId, state: State, catalog: Cat, user: CurrentUser) -> CollectionDetail:
    return _detail(collections.view(state.collections, catalog, collection_id, user), user)


@router.patch("/collections/{collection_id}", response_model=CollectionPublic, summary="Sửa tên, mô tả, chia sẻ",
              responses=responses(401, 403, 404, 422))
def update_collection(collection_id: CollectionId, body: CollectionUpdate, state: State, user: Reader) -> CollectionPublic:
    c = state.collections.update(collection_id, user, name=body.name, description=body.description,
                                 visibility=body.visibility, shared_with=body.shared_with)
    return _collection(c, user)


@router.delete("/collections/{collection_id}", status_code=204, summary="Xóa bộ sưu tập",
               responses=responses(401, 403, 404))
def delete_collection(collection_id: CollectionId, state: State, user: Reader) -> Response:
    state.collections.delete(collection_id, user)
    return Response(status_code=204)


@router.post("/collections/{collection_id}/items", response_model=CollectionDetail, status_code=201,
             summary="Thêm tài liệu (hoặc một trang) vào bộ sưu tập", responses=responses(401, 403, 404, 422))
def add_item(collection_id: CollectionId, body: ItemIn, state: State, catalog: Cat, user: Reader) -> CollectionDetail:
    collections.add_document(state.collections, catalog, collection_id, user, body.doc_id, page=body.page, note=body.note)
    return _detail(collections.view(state.collections, catalog, collection_id, user), user)


@router.patch("/collections/{collection_id}/items/{item_id}", response_model=CollectionDetail,
              summary="Sửa ghi chú hoặc đổi vị trí một mục", responses=responses(401, 403, 404, 422))
def update_item(collection_id: CollectionId, item_id: int, body: ItemUpdate, state: State, catalog: Cat,
                user: Reader) -> CollectionDetail:
    state.collections.update_item(collection_id, user, item_id, note=body.note, position=body.position)
    return _detail(collections.view(state.collections, catalog, collection_id, user), user)


@router.delete("/collections/{collection_id}/items/{item_id}", response_model=CollectionDetail,
               summary="Bỏ một mục khỏi bộ sưu tập", responses=responses(401, 403, 404))
def remove_item(collection_id: CollectionId, item_id: int, state: State, catalog: Cat, user: Reader) -> CollectionDetail:
    state.collections.remove_item(collection_id, user, item_id)
    return _detail(collections.view(state.collections, catalog, collection_id, user), user)


@router.get("/collections/{collection_id}/export",
            summary="Xuất bộ sưu tập: danh mục trích dẫn, CSV, gói BagIt, RIS, CSL-JSON, BibTeX",
            responses={200: {"content": {"text/plain": {}, "text/csv": {}, "application/zip": {}, **REFERENCE_CONTENT}},
                       **responses(404)})
def export_collection(collection_id: CollectionId, request: Request, background: BackgroundTasks, state: State,
                      store: Store, catalog: Cat, user: CurrentUser,
                      format: Annotated[Literal["citations", "csv", "bagit", "ris", "csl-json", "bibtex"], Query()] = "citations",
                      ) -> Response:
    view = collections.view(state.collections, catalog, collection_id, user)
    stem = f"bo-suu-tap-{collection_id}"
    if format in ("ris", "csl-json", "bibtex"):  # visible documents only, in the collection's order, once each
        docs = list({d.id: d for d in view.visible_docs}.values())
        return reference_file(format, docs, _base(request), stem)
    if format == "csv":
        return Response(collection_export.csv_text(view, _base(request)), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": content_disposition(f"{stem}.csv")})
    if format == "bagit":
        path = collection_export.bag_zip(store, view)
        background.add_task(shutil.rmtree, path.parent, ignore_errors=True)
        return FileResponse(path, media_type="application/zip",
                            headers={"Content-Disposition": content_disposition(f"{stem}.zip")})
    return Response(collection_export.bibliography(view), media_type="text/plain; charset=utf-8",
                    headers={"Content-Disposition": content_disposition(f"{stem}.txt")})


# --- saved searches ---------------------------------------------------------------------------
def _saved(request: Request, st: Status, catalog: Cat, user: User) -> SavedSearchPublic:
    s = st.saved
    allowed = allowed_access(user)
    new = [doc_ref(d) for d in catalog.get_many(st.new_ids[:MAX_NEW_LISTED]) if visible(d, allowed)]
    feed = _base(request) + saved_searches.feed_path(s)
    return SavedSearchPublic(id=s.id, name=s.name, q=s.q, filters=s.filters, sort=s.sort, public=s.public,
                             created_at=s.created_at, last_visit_at=s.last_visit_at, total=st.total,
                             new_count=len(st.new_ids), new=new, feed_url=feed)


@router.get("/saved-searches", response_model=SavedSearchesPublic, summary="Tìm kiếm đã lưu, kèm số tài liệu mới",
            responses=responses(401, 403))
def list_saved(request: Request, state: State, backend: Backend, catalog: Cat, user: Reader) -> SavedSearchesPublic:
    return SavedSearchesPublic(data=[_saved(request, saved_searches.status(backend, s, user), catalog, user)
                                     for s in state.saved_searches.list_for(user)])


@router.post("/saved-searches", response_model=SavedSearchPublic, status_code=201, summary="Lưu một tìm kiếm",
             responses=responses(400, 401, 403, 422))
def create_saved(request: Request, body: SavedSearchIn, state: State, backend: Backend, catalog: Cat,
                 user: Reader) -> SavedSearchPublic:
    s = saved_searches.save(state.saved_searches, backend, user, body.name, body.q,
                            body.filters.model_dump(exclude_defaults=True), body.sort,
                            public=body.public)
    return _saved(request, saved_searches.status(backend, s, user), catalog, user)


@router.post("/saved-searches/{search_id}/seen", response_model=SavedSearchPublic,
             summary="Đánh dấu đã xem (trả về những tài liệu mới trước lần xem này)", responses=responses(401, 403, 404))
def mark_seen(request: Request, search_id: SearchId, state: State, backend: Backend, catalog: Cat,
              user: Reader) -> SavedSearchPublic:
    s = state.saved_searches.owned(search_id, user)
    return _saved(request, saved_searches.visit(state.saved_searches, backend, s, user), catalog, user)


@router.patch("/saved-searches/{search_id}", response_model=SavedSearchPublic, summary="Đổi tên, công khai, khóa mới",
              responses=responses(401, 403, 404, 422))
def update_saved(request: Request, search_id: SearchId, body: SavedSearchUpdate, state: State, backend: Backend,
                 catalog: Cat, user: Reader) -> SavedSearchPublic:
    s = state.saved_searches.update(search_id, user, name=body.name, public=body.public, renew_key=body.renew_feed_key)
    return _saved(request, saved_searches.status(backend, s, user), catalog, user)


@router.delete("/saved-searches/{search_id}", status_code=204, summary="Xóa tìm kiếm đã lưu",
               responses=responses(401, 403, 404))
def delete_saved(search_id: SearchId, state: State, user: Reader) -> Response:
    state.saved_searches.delete(search_id, user)
    return Response(status_code=204)


@router.get("/saved-searches/{search_id}/feed.atom", summary="Nguồn tin Atom của một tìm kiếm đã lưu",
            responses={200: {"content": {"application/atom+xml": {}}}, **responses(404)})
def feed(request: Request, search_id: SearchId, state: State, backend: Backend, catalog: Cat, users: Users,
         key: Annotated[str | None, Query(max_length=100)] = None) -> Response:
    s = state.saved_searches.get(search_id)
    if s is None:
        raise NotFound(f"Không có tìm kiếm đã lưu {search_id!r}.")
    owner = _feed_owner(users, s.owner)
    allowed = saved_searches.feed_access(s, key, owner)
    docs = [d for d in catalog.get_many(saved_searches.matching(backend, s, allowed)) if visible(d, allowed)]
    body = build_feed(s, docs, base_url=_base(request), self_url=str(request.url))
    return Response(body, media_type="application/atom+xml; charset=utf-8",
                    headers={"Cache-Control": "private, max-age=300"})


def _feed_owner(users: Users, name: str) -> User | None:
    """The owner as of today (a disabled or removed account reads nothing through its keys)."""
    try:
        row = users.get_user(name)
    except NotFound:
        return None
    return None if row.disabled else User.from_row(row, via="token", store=users)
