"""Request and response bodies of a user's workspace: collections and saved searches."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from services.schemas import DocRef, _In, _Out

Visibility = Literal["private", "shared", "public"]


class CollectionIn(_In):
    name: str = Field(min_length=1, max_length=200, examples=["Tư liệu lịch sử Đảng bộ Kiến An 2001-2020"])
    description: str = Field("", max_length=5000)


class CollectionUpdate(_In):
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=5000)
    visibility: Visibility | None = Field(None, description="private: chỉ mình tôi; shared: những người được chia sẻ; "
                                                            "public: mọi người.")
    shared_with: list[str] | None = Field(None, max_length=100, description="Tên đăng nhập được xem (chỉ đọc).")


class CollectionPublic(_Out):
    id: str
    name: str
    description: str
    owner: str
    visibility: Visibility
    shared_with: list[str] = Field(default_factory=list, description="Chỉ người tạo thấy danh sách này.")
    item_count: int
    created_at: str
    updated_at: str


class CollectionsPublic(_Out):
    own: list[CollectionPublic]
    shared: list[CollectionPublic]
    public: list[CollectionPublic]


class ItemIn(_In):
    doc_id: str = Field(min_length=1, max_length=64)
    page: int = Field(0, ge=0, le=100_000, description="0: cả tài liệu; một số: trang đó.")
    note: str = Field("", max_length=5000)


class ItemUpdate(_In):
    note: str | None = Field(None, max_length=5000)
    position: int | None = Field(None, ge=1, description="Vị trí mới (1 là đầu danh sách).")


class ItemPublic(_Out):
    id: int
    position: int
    hidden: bool = Field(description="Người xem không có quyền xem tài liệu này: không có tên, mã, ghi chú.")
    label: str | None = None
    document: DocRef | None = None
    page: int | None = None
    note: str | None = None
    added_at: str | None = None


class CollectionDetail(CollectionPublic):
    can_edit: bool
    items: list[ItemPublic]


DatePrefix = Annotated[str, Field(pattern=r"^[1-9]\d{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]
FilterText = Annotated[str, Field(min_length=1, max_length=300)]


class SavedFilters(_In):
    """The search's filters, as ``GET /api/search`` takes them."""

    doc_type: list[FilterText] = Field(default_factory=list, max_length=20)
    issuer: list[FilterText] = Field(default_factory=list, max_length=20)
    level: list[Literal["central", "province", "district", "commune"]] = Field(default_factory=list, max_length=4)
    place: list[FilterText] = Field(default_factory=list, max_length=20)
    province: list[FilterText] = Field(default_factory=list, max_length=20)
    year: list[Annotated[int, Field(ge=1000, le=9999)]] = Field(default_factory=list, max_length=20)
    date_from: DatePrefix | None = None
    date_to: DatePrefix | None = None


class SavedSearchIn(_In):
    name: str = Field("", max_length=200, description="Để trống: đặt theo truy vấn.")
    q: str = Field("", max_length=1000)
    filters: SavedFilters = Field(default_factory=SavedFilters, examples=[{"doc_type": ["KH"], "year": [2024]}])
    sort: Literal["relevance", "date_desc", "date_asc"] = "relevance"
    public: bool = Field(False, description="Nguồn tin (Atom) không cần khóa, chỉ với tài liệu công khai.")


class SavedSearchUpdate(_In):
    name: str | None = Field(None, max_length=200)
    public: bool | None = None
    renew_feed_key: bool = False


class SavedSearchPublic(_Out):
    id: str
    name: str
    q: str
    filters: dict[str, Any]
    sort: str
    public: bool
    created_at: str
    last_visit_at: str | None
    total: int = Field(description="Số tài liệu khớp hiện nay (trong phạm vi bạn được xem).")
    new_count: int = Field(description="Số tài liệu khớp mà lần xem trước chưa có.")
    new: list[DocRef] = Field(default_factory=list, description="Tối đa 50 tài liệu mới.")
    feed_url: str


class SavedSearchesPublic(_Out):
    data: list[SavedSearchPublic]
