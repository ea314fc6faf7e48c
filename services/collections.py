"""Collections ("Bộ sưu tập"): a researcher's named, ordered working sets of sources with a note per item.

Kept in ``<archive>/workspace.sqlite`` beside saved searches. A collection is private (its owner
only), shared read-only with named users, or public (anyone, anonymous visitors included). Who may
see a collection and who may see each of its documents are separate questions: a viewer of a shared
collection sees an item only if the viewer may see that document now; any other item is shown as
"không có quyền xem", without its title, id or note (the owner's note may name what it is). An
unknown collection and one the caller may not see answer the same 404.
"""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from services.catalog import Catalog, DocSummary, visible
from services.documents import not_found
from services.sqlite_file import SqliteFile
from sulieu.access import User, allowed_access
from sulieu.errors import AccessDenied, AuthRequired, InputError, NotFound

VISIBILITIES = ("private", "shared", "public")
HIDDEN_LABEL = "không có quyền xem"
MAX_COLLECTIONS_PER_USER = 200
MAX_ITEMS = 5000
MAX_NAME = 200
MAX_NOTE = 5000
MAX_SHARES = 100

_SCHEMA = """
CREATE TABLE IF NOT EXISTS collections (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    visibility TEXT NOT NULL DEFAULT 'private',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS collections_owner ON collections(owner);
CREATE TABLE IF NOT EXISTS collection_shares (
    collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    user TEXT NOT NULL,
    PRIMARY KEY (collection_id, user)
);
CREATE TABLE IF NOT EXISTS collection_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    page INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    UNIQUE (collection_id, doc_id, page)
);
CREATE INDEX IF NOT EXISTS collection_items_order ON collection_items(collection_id, position);
"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _not_found(collection_id: str) -> NotFound:
    return NotFound(f"Không có bộ sưu tập {collection_id!r}.")


@dataclass(frozen=True)
class Collection:
    id: str
    owner: str
    name: str
    description: str
    visibility: str
    created_at: str
    updated_at: str
    shared_with: tuple[str, ...] = ()
    item_count: int = 0


@dataclass(frozen=True)
class Item:
    """One stored item; ``page`` 0 is the whole document."""

    id: int
    doc_id: str
    page: int
    note: str
    position: int
    added_at: str


@dataclass
class ItemView:
    """An item as one viewer may see it: ``doc`` None means hidden from this viewer."""

    item: Item
    doc: DocSummary | None

    @property
    def hidden(self) -> bool:
        return self.doc is None


@dataclass
class CollectionView:
    collection: Collection
    items: list[ItemView] = field(default_factory=list)
    can_edit: bool = False

    @property
    def visible_docs(self) -> list[DocSummary]:
        return [v.doc for v in self.items if v.doc is not None]


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise InputError("Tên bộ sưu tập không được để trống.")
    if len(name) > MAX_NAME:
        raise InputError(f"Tên bộ sưu tập dài quá {MAX_NAME} ký tự.")
    return name


def _clean_note(note: str | None) -> str:
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise InputError(f"Ghi chú dài quá {MAX_NOTE} ký tự.")
    return note


class CollectionStore(SqliteFile):
    """The tables; every method that changes a collection checks that ``user`` owns it."""

    serialize = True

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, _SCHEMA)

    # --- reading ---------------------------------------------------------------------------------
    def _row(self, db: sqlite3.Connection, collection_id: str) -> Collection | None:
        r = db.execute("SELECT id, owner, name, description, visibility, created_at, updated_at FROM collections "
                       "WHERE id = ?", (collection_id,)).fetchone()
        if r is None:
            return None
        shares = tuple(s for (s,) in db.execute(
            "SELECT user FROM collection_shares WHERE collection_id = ? ORDER BY user", (collection_id,)))
        (count,) = db.execute("SELECT COUNT(*) FROM collection_items WHERE collection_id = ?", (collection_id,)).fetchone()
        return Collection(r[0], r[1], r[2], r[3], r[4], r[5], r[6], shared_with=shares, item_count=count)

    def get(self, collection_id: str) -> Collection | None:
        with self._db() as db:
            return self._row(db, collection_id)

    def items(self, collection_id: str) -> list[Item]:
        with self._db() as db:
            rows = db.execute("SELECT id, doc_id, page, note, position, added_at FROM collection_items "
                              "WHERE collection_id = ? ORDER BY position, id", (collection_id,)).fetchall()
        return [Item(*r) for r in rows]

    def list_for(self, user: User | None) -> tuple[list[Collection], list[Collection]]:
        """(the user's own collections, collections shared with the user); anonymous: ([], [])."""
        if user is None:
            return [], []
        with self._db() as db:
            own = [i for (i,) in db.execute("SELECT id FROM collections WHERE owner = ? ORDER BY updated_at DESC",
                                            (user.name,))]
            shared = [i for (i,) in db.execute(
                "SELECT c.id FROM collections c JOIN collection_shares s ON s.collection_id = c.id "
                "WHERE s.user = ? AND c.visibility = 'shared' AND c.owner != ? ORDER BY c.updated_at DESC",
                (user.name, user.name))]
            return ([c for i in own if (c := self._row(db, i))], [c for i in shared if (c := self._row(db, i))])

    def public(self) -> list[Collection]:
        with self._db() as db:
            ids = [i for (i,) in db.execute("SELECT id FROM collections WHERE visibility = 'public' "
                                            "ORDER BY updated_at DESC LIMIT 500")]
            return [c for i in ids if (c := self._row(db, i))]

    # --- writing ---------------------------------------------------------------------------------
    def _owned(self, db: sqlite3.Connection, collection_id: str, user: User) -> Collection:
        c = self._row(db, collection_id)
        if c is None or not may_view(c, user):
            raise _not_found(collection_id)
        if c.owner != user.name:
            raise AccessDenied("Chỉ người tạo bộ sưu tập mới được sửa nó.")
        return c

    def _touch(self, db: sqlite3.Connection, collection_id: str) -> None:
        db.execute("UPDATE collections SET updated_at = ? WHERE id = ?", (_now(), collection_id))

    def create(self, user: User, name: str, description: str = "") -> Collection:
        name, description = _clean_name(name), _clean_note(description)
        cid = secrets.token_hex(8)
        with self._db() as db:
            (n,) = db.execute("SELECT COUNT(*) FROM collections WHERE owner = ?", (user.name,)).fetchone()
            if n >= MAX_COLLECTIONS_PER_USER:
                raise InputError(f"Mỗi người dùng có tối đa {MAX_COLLECTIONS_PER_USER} bộ sưu tập.")
            now = _now()
            db.execute("INSERT INTO collections(id, owner, name, description, visibility, created_at, updated_at) "
                       "VALUES (?,?,?,?,?,?,?)", (cid, user.name, name, description, "private", now, now))
            made = self._row(db, cid)
        assert made is not None
        return made

    def update(self, collection_id: str, user: User, *, name: str | None = None, description: str | None = None,
               visibility: str | None = None, shared_with: list[str] | None = None) -> Collection:
        with self._db() as db:
            self._owned(db, collection_id, user)
            if name is not None:
                db.execute("UPDATE collections SET name = ? WHERE id = ?", (_clean_name(name), collection_id))
            if description is not None:
                db.execute("UPDATE collections SET description = ? WHERE id = ?",
                           (_clean_note(description), collection_id))
            if visibility is not None:
                if visibility not in VISIBILITIES:
                    raise InputError(f"Chế độ chia sẻ phải là một trong: {', '.join(VISIBILITIES)}.")
                db.execute("UPDATE collections SET visibility = ? WHERE id = ?", (visibility, collection_id))
            if shared_with is not None:
                names = sorted({n.strip().lower() for n in shared_with if n.strip()} - {user.name})
                if len(names) > MAX_SHARES:
                    raise InputError(f"Chia sẻ với tối đa {MAX_SHARES} người dùng.")
                db.execute("DELETE FROM collection_shares WHERE collection_id = ?", (collection_id,))
                db.executemany("INSERT INTO collection_shares(collection_id, user) VALUES (?,?)",
                               [(collection_id, n) for n in names])
            self._touch(db, collection_id)
            changed = self._row(db, collection_id)
        assert changed is not None
        return changed

    def delete(self, collection_id: str, user: User) -> None:
        with self._db() as db:
            self._owned(db, collection_id, user)
            db.execute("DELETE FROM collections WHERE id = ?", (collection_id,))

    def add_item(self, collection_id: str, user: User, doc_id: str, *, page: int = 0, note: str = "") -> Item:
        note = _clean_note(note)
        if page < 0:
            raise InputError("Số trang phải là số dương.")
        with self._db() as db:
            self._owned(db, collection_id, user)
            (n, last) = db.execute("SELECT COUNT(*), COALESCE(MAX(position), 0) FROM collection_items "
                                   "WHERE collection_id = ?", (collection_id,)).fetchone()
            if db.execute("SELECT 1 FROM collection_items WHERE collection_id = ? AND doc_id = ? AND page = ?",
                          (collection_id, doc_id, page)).fetchone():
                raise InputError("Tài liệu này đã có trong bộ sưu tập.")
            if n >= MAX_ITEMS:
                raise InputError(f"Một bộ sưu tập có tối đa {MAX_ITEMS} mục.")
            cur = db.execute("INSERT INTO collection_items(collection_id, doc_id, page, note, position, added_at) "
                             "VALUES (?,?,?,?,?,?)", (collection_id, doc_id, page, note, last + 1, _now()))
            self._touch(db, collection_id)
            row = db.execute("SELECT id, doc_id, page, note, position, added_at FROM collection_items WHERE id = ?",
                             (cur.lastrowid,)).fetchone()
        return Item(*row)

    def _item(self, db: sqlite3.Connection, collection_id: str, item_id: int) -> None:
        if not db.execute("SELECT 1 FROM collection_items WHERE id = ? AND collection_id = ?",
                          (item_id, collection_id)).fetchone():
            raise NotFound(f"Bộ sưu tập không có mục {item_id}.")

    def update_item(self, collection_id: str, user: User, item_id: int, *, note: str | None = None,
                    position: int | None = None) -> None:
        """Change a note, or move the item to ``position`` (1 = first) and renumber the rest."""
        with self._db() as db:
            self._owned(db, collection_id, user)
            self._item(db, collection_id, item_id)
            if note is not None:
                db.execute("UPDATE collection_items SET note = ? WHERE id = ?", (_clean_note(note), item_id))
            if position is not None:
                order = [i for (i,) in db.execute("SELECT id FROM collection_items WHERE collection_id = ? "
                                                  "ORDER BY position, id", (collection_id,)) if i != item_id]
                order.insert(max(0, min(len(order), position - 1)), item_id)
                db.executemany("UPDATE collection_items SET position = ? WHERE id = ?",
                               [(p, i) for p, i in enumerate(order, 1)])
            self._touch(db, collection_id)

    def remove_item(self, collection_id: str, user: User, item_id: int) -> None:
        with self._db() as db:
            self._owned(db, collection_id, user)
            self._item(db, collection_id, item_id)
            db.execute("DELETE FROM collection_items WHERE id = ?", (item_id,))
            self._touch(db, collection_id)


def may_view(c: Collection, user: User | None) -> bool:
    """Owner always; named users when shared; everyone when public. Admins get no look into private work."""
    if c.visibility == "public":
        return True
    if user is None:
        return False
    return c.owner == user.name or (c.visibility == "shared" and user.name in c.shared_with)


def require_user(user: User | None) -> User:
    if user is None:
        raise AuthRequired("Cần đăng nhập để dùng bộ sưu tập.")
    return user


def view(store: CollectionStore, catalog: Catalog, collection_id: str, user: User | None) -> CollectionView:
    """The collection as ``user`` may see it, each item checked against the catalogue now."""
    c = store.get(collection_id)
    if c is None or not may_view(c, user):
        raise _not_found(collection_id)
    allowed = allowed_access(user)
    stored = store.items(collection_id)
    docs = catalog.get_many([it.doc_id for it in stored])
    items = [ItemView(it, doc if visible(doc, allowed) else None) for it, doc in zip(stored, docs, strict=True)]
    return CollectionView(c, items, can_edit=user is not None and user.name == c.owner)


def add_document(store: CollectionStore, catalog: Catalog, collection_id: str, user: User, doc_id: str, *,
                 page: int = 0, note: str = "") -> Item:
    """Add a document (or one of its pages) the owner may see; anything else is the documents' own 404."""
    doc = catalog.get(doc_id)
    if not visible(doc, allowed_access(user)):
        raise not_found(doc_id)
    if page > doc.pages:
        raise InputError(f"Tài liệu chỉ có {doc.pages} trang.")
    return store.add_item(collection_id, user, doc_id, page=page, note=note)
