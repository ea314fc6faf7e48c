"""The archive on disk: the one place documents live.

Layout under the archive folder (``archive_data/README.md`` explains it for archivists); no other
module builds a path inside the archive, they ask this class::

    archive.json                      format marker and version
    originals/ab/abcd…(sha256)        originals, content-addressed, written once, never modified
    records/ab/<id>.json              one record per document (``sulieu.model.Record``)
    corrections/<id>.json             manual corrections, a layer of their own
    pages/<id>/0001.png|.thumb.jpg|.words.json   page images, thumbnails, word boxes
    provenance/<id>.json              PREMIS-style event log per document
    graph.json                        the citation graph (derived, rebuilt after every change)
    authority.json                    authority records of issuing bodies (``sulieu.authority``; editors' work kept)
    duplicates.json                   near-duplicate pairs and editors' decisions on them (``sulieu.near_duplicates``)
    index/                            the embedded search index (derived, rebuildable)
    users.sqlite, audit.sqlite        accounts and sessions; the audit trail of every change
    secret.key                        the server's signing key (created on first start)
    writer.lock, ingest.active        the one-writer lock; held by every running ingest (``sulieu.writer_lock``)
    tmp/                              staging for atomic writes; tmp/uploads, tmp/jobs for the server

Every write goes to a temporary file in the same folder, is fsynced, then renamed over
the target, so a crash (even SIGKILL) leaves either the old file or the new one. A record
is written last: a document exists once its record exists, and anything written before a
crash without its record is simply overwritten by the next attempt.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sulieu.errors import ArchiveError, NotFound, RecordVersionError
from sulieu.model import RECORD_SCHEMA_VERSION, Correction, Record, utcnow
from sulieu.writer_lock import ACTIVE_NAME, LOCK_NAME, ingest_activity, ingest_running, writer_lock

ARCHIVE_FORMAT = 1
_OWN_EXTRAS = frozenset({LOCK_NAME, ACTIVE_NAME, "README.md"})  # files an archive folder may hold before its first write
_ID_CHARS = frozenset("0123456789abcdef")


def doc_id_for(sha256: str) -> str:
    """Document ids are the first 16 hex digits of the original's sha256."""
    return sha256[:16]


def valid_id(doc_id: str) -> bool:
    return 8 <= len(doc_id) <= 64 and set(doc_id) <= _ID_CHARS


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def atomic_write_json(target: Path, obj: Any) -> None:
    atomic_write_bytes(target, json.dumps(obj, ensure_ascii=False, indent=1, default=str).encode("utf-8"))


PRIVATE_UMASK = 0o077  # archive files 0600, folders 0700: restricted originals are not for other local users
ORIGINAL_MODE = 0o400  # originals are never rewritten, and readable by the archive's own account only


def keep_files_private() -> None:
    """Set the process umask so everything the project writes (records, index, SQLite, staged files) is
    readable by its own account only. Called once by each entry point (CLI, server)."""
    os.umask(PRIVATE_UMASK)


class ArchiveStore:
    """Originals, records and corrections in one folder. Safe for one writer process at a time."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    # --- layout -------------------------------------------------------------------------
    def init(self) -> ArchiveStore:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            os.chmod(self.root, 0o700)
            for sub in ("originals", "records", "corrections", "pages", "tmp"):
                (self.root / sub).mkdir(parents=True, exist_ok=True)
            marker = self.marker_path
            if not marker.exists():
                atomic_write_json(marker, {"format": ARCHIVE_FORMAT, "created_at": utcnow().isoformat()})
        except OSError as e:
            raise ArchiveError(f"Không tạo được thư mục kho lưu trữ {self.root}: {e.strerror}") from e
        return self

    def writer_lock(self) -> AbstractContextManager[None]:
        """The archive's one-writer lock (``sulieu.writer_lock``): hold it to decide and write records."""
        return writer_lock(self.root)

    def exists(self) -> bool:
        """An archive is here (its marker or its records folder), as opposed to an empty or foreign folder."""
        return self.marker_path.is_file() or self.records_dir.is_dir()

    def is_foreign(self) -> bool:
        """A folder holding other things and no archive: never write an archive into it."""
        if not self.root.is_dir() or self.exists():
            return False
        return any(p.name not in _OWN_EXTRAS for p in self.root.iterdir())

    @property
    def marker_path(self) -> Path:
        return self.root / "archive.json"

    def ingest_activity(self) -> AbstractContextManager[None]:
        """Held by an ingest run for its whole duration (``sulieu.writer_lock.ingest_activity``)."""
        return ingest_activity(self.root)

    def ingest_running(self) -> bool:
        return ingest_running(self.root)

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def graph_path(self) -> Path:
        return self.root / "graph.json"

    @property
    def authority_path(self) -> Path:
        return self.root / "authority.json"

    @property
    def duplicates_path(self) -> Path:
        return self.root / "duplicates.json"

    @property
    def records_dir(self) -> Path:
        return self.root / "records"

    @property
    def originals_dir(self) -> Path:
        return self.root / "originals"

    @property
    def corrections_dir(self) -> Path:
        return self.root / "corrections"

    @property
    def tmp_dir(self) -> Path:
        return self.root / "tmp"

    @property
    def uploads_dir(self) -> Path:
        """Where the server stages uploaded files until their ingest job has stored them."""
        return self.tmp_dir / "uploads"

    @property
    def jobs_dir(self) -> Path:
        return self.tmp_dir / "jobs"

    @property
    def users_db(self) -> Path:
        return self.root / "users.sqlite"

    @property
    def audit_db(self) -> Path:
        return self.root / "audit.sqlite"

    @property
    def workspace_db(self) -> Path:
        """Researchers' own work (collections, saved searches): not documents, but not rebuildable."""
        return self.root / "workspace.sqlite"

    @property
    def secret_path(self) -> Path:
        return self.root / "secret.key"

    def provenance_path(self, doc_id: str) -> Path:
        if not valid_id(doc_id):
            raise NotFound(f"Mã tài liệu không hợp lệ: {doc_id!r}")
        return self.root / "provenance" / f"{doc_id}.json"

    def original_path(self, sha256: str) -> Path:
        return self.originals_dir / sha256[:2] / sha256

    def record_path(self, doc_id: str) -> Path:
        if not valid_id(doc_id):
            raise NotFound(f"Mã tài liệu không hợp lệ: {doc_id!r}")
        return self.records_dir / doc_id[:2] / f"{doc_id}.json"

    def corrections_path(self, doc_id: str) -> Path:
        if not valid_id(doc_id):
            raise NotFound(f"Mã tài liệu không hợp lệ: {doc_id!r}")
        return self.corrections_dir / f"{doc_id}.json"

    def pages_dir(self, doc_id: str) -> Path:
        if not valid_id(doc_id):
            raise NotFound(f"Mã tài liệu không hợp lệ: {doc_id!r}")
        return self.root / "pages" / doc_id

    def relative(self, path: Path) -> str:
        """A path inside the archive as stored in records and mirrored in BagIt payloads ("records/ab/…")."""
        return path.relative_to(self.root).as_posix()

    def resolve_relative(self, rel: str) -> Path:
        """A path stored in a record, checked to stay inside the archive."""
        p = (self.root / rel).resolve()
        if not p.is_relative_to(self.root.resolve()):
            raise NotFound("Đường dẫn nằm ngoài kho lưu trữ.")
        return p

    # --- originals ----------------------------------------------------------------------
    def has_original(self, sha256: str) -> bool:
        return self.original_path(sha256).exists()

    def put_original(self, src: Path, sha256: str | None = None) -> str:
        """Copy a file into the archive by content; returns its sha256. Idempotent."""
        sha256 = sha256 or sha256_file(src)
        target = self.original_path(sha256)
        if target.exists():
            return sha256
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".orig.", suffix=".tmp")
        os.close(fd)
        try:
            shutil.copyfile(src, tmp)
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            if sha256_file(Path(tmp)) != sha256:
                raise ArchiveError(f"Tệp {src.name} thay đổi trong khi đang sao chép vào kho.")
            os.chmod(tmp, ORIGINAL_MODE)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)
        return sha256

    def put_original_bytes(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.original_path(sha256)
        if not target.exists():
            atomic_write_bytes(target, data)
            os.chmod(target, ORIGINAL_MODE)
        return sha256

    # --- records ------------------------------------------------------------------------
    def has_record(self, doc_id: str) -> bool:
        return valid_id(doc_id) and self.record_path(doc_id).exists()

    def write_record(self, record: Record) -> None:
        record.updated_at = utcnow()
        atomic_write_json(self.record_path(record.id), record.model_dump(mode="json"))

    def read_record(self, doc_id: str) -> Record:
        path = self.record_path(doc_id)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise NotFound(f"Không có tài liệu {doc_id}.") from None
        except (OSError, ValueError) as e:
            raise ArchiveError(f"Hồ sơ {doc_id} không đọc được: {e}") from e
        version = raw.get("schema_version", 0)
        if not isinstance(version, int) or version > RECORD_SCHEMA_VERSION:
            raise RecordVersionError(
                f"Hồ sơ {doc_id} được ghi bởi phiên bản Sử liệu mới hơn (lược đồ {version}); hãy nâng cấp phần mềm."
            )
        try:
            return Record.model_validate(raw)
        except ValidationError as e:
            raise ArchiveError(f"Hồ sơ {doc_id} sai cấu trúc: {e.errors()[0]['msg']}") from e

    def iter_ids(self) -> Iterator[str]:
        base = self.records_dir
        if not base.exists():
            return
        for shard in sorted(base.iterdir()):
            if shard.is_dir():
                for f in sorted(shard.glob("*.json")):
                    yield f.stem

    def iter_records(self, *, include_deleted: bool = True) -> Iterator[Record]:
        for doc_id in self.iter_ids():
            rec = self.read_record(doc_id)
            if include_deleted or rec.deleted_at is None:
                yield rec

    def count(self) -> int:
        return sum(1 for _ in self.iter_ids())

    # --- corrections --------------------------------------------------------------------
    def read_corrections(self, doc_id: str) -> list[Correction]:
        path = self.corrections_path(doc_id)
        if not path.exists():
            return []
        try:
            return [Correction.model_validate(c) for c in json.loads(path.read_text(encoding="utf-8"))]
        except (OSError, ValueError, ValidationError) as e:
            raise ArchiveError(f"Lớp hiệu chỉnh của {doc_id} không đọc được: {e}") from e

    def write_corrections(self, doc_id: str, corrections: list[Correction]) -> None:
        """Replace a document's whole correction layer in one atomic write (undo writes the old list back)."""
        atomic_write_json(self.corrections_path(doc_id), [c.model_dump(mode="json") for c in corrections])

    def add_correction(self, doc_id: str, correction: Correction) -> list[Correction]:
        if not self.has_record(doc_id):
            raise NotFound(f"Không có tài liệu {doc_id}.")
        corrections = self.read_corrections(doc_id) + [correction]
        self.write_corrections(doc_id, corrections)
        return corrections

    # --- soft delete --------------------------------------------------------------------
    def set_deleted(self, doc_id: str, deleted: bool) -> Record:
        rec = self.read_record(doc_id)
        rec.deleted_at = utcnow() if deleted else None
        self.write_record(rec)
        return rec
