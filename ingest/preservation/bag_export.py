"""``sulieu export``: a BagIt package of the archive, or of some of its documents.

Payload (``data/``) mirrors the archive layout, so a bag is also readable without Sử liệu::

    data/originals/ab/<sha256>        data/records/ab/<id>.json (byte for byte)
    data/corrections/<id>.json        data/pages/<id>/...  (files the record points to)
    data/provenance/<id>.json         (import events, when any)
    data/authority.json               the authority records of issuing bodies (``sulieu.authority``), whole
    data/duplicates.json              near-duplicate pairs and editors' decisions (``sulieu.near_duplicates``)

The bag is assembled in a hidden staging folder next to the destination and renamed into
place only when complete; on any failure (a full disk included) the staging folder is
removed, so there is never a half-written bag at PATH.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import bagit

from ingest.preservation.fixity import FutureSchema, load_record_raw, page_files
from ingest.preservation.provenance import events_path
from sulieu import __version__
from sulieu.errors import ArchiveError, InputError, SulieuError
from sulieu.model import RECORD_SCHEMA_VERSION, utcnow
from sulieu.store import ARCHIVE_FORMAT, ArchiveStore

_CHUNK = 1 << 20


@dataclass
class ExportSummary:
    path: str
    documents: int = 0
    originals: int = 0
    page_files: int = 0
    corrections: int = 0
    deleted: int = 0
    payload_bytes: int = 0
    seconds: float = 0.0
    query: str | None = None
    doc_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = dict(self.__dict__)
        d["doc_ids"] = list(self.doc_ids)
        return d


def _copy(src: Path, dst: Path) -> tuple[int, str]:
    """Copy one file, returning (bytes, sha256) of what was read."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    h = hashlib.sha256()
    size = 0
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        while block := fin.read(_CHUNK):
            h.update(block)
            fout.write(block)
            size += len(block)
    return size, h.hexdigest()


def _disk_full(exc: BaseException) -> bool:
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return False


def _stage_document(store: ArchiveStore, doc_id: str, stage: Path, summary: ExportSummary) -> None:
    rec_path = store.record_path(doc_id)
    try:
        raw = rec_path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"Không có tài liệu {doc_id} trong kho.") from None
    try:
        rec = load_record_raw(raw, expected_id=doc_id)
    except FutureSchema as e:
        raise ArchiveError(f"Không xuất được: hồ sơ {doc_id} {e}.") from None
    except ValueError as e:
        raise ArchiveError(f"Không xuất được: hồ sơ {doc_id} hỏng ({e}). Hãy chạy «sulieu check».") from None
    sha = rec.provenance.sha256
    orig = store.original_path(sha)
    target = stage / store.relative(orig)
    if not target.exists():
        if not orig.is_file():
            raise ArchiveError(f"Không xuất được: thiếu bản gốc của tài liệu {doc_id}. Hãy chạy «sulieu check».")
        size, digest = _copy(orig, target)
        if digest != sha:
            raise ArchiveError(
                f"Không xuất được: bản gốc của tài liệu {doc_id} đã bị thay đổi (sha256 không khớp). "
                "Hãy chạy «sulieu check» và khôi phục từ bản sao lưu."
            )
        summary.originals += 1
        summary.payload_bytes += size
    for rel in page_files(rec):
        src = store.resolve_relative(rel)
        if not rel.startswith(f"pages/{doc_id}/") or not src.is_file():
            raise ArchiveError(f"Không xuất được: tài liệu {doc_id} thiếu tệp trang {rel}. Hãy chạy «sulieu check».")
        size, _ = _copy(src, stage / rel)
        summary.page_files += 1
        summary.payload_bytes += size
    corr = store.corrections_path(doc_id)
    if corr.exists():
        size, _ = _copy(corr, stage / store.relative(corr))
        summary.corrections += len(store.read_corrections(doc_id))
        summary.payload_bytes += size
    ev = events_path(store, doc_id)
    if ev.exists():
        summary.payload_bytes += _copy(ev, stage / store.relative(ev))[0]
    # The record goes in byte for byte: ids, access, citations and timestamps survive unchanged.
    size, _ = _copy(rec_path, stage / store.relative(rec_path))
    summary.payload_bytes += size
    summary.documents += 1
    summary.deleted += rec.deleted_at is not None
    summary.doc_ids.append(doc_id)


def export_bag(store: ArchiveStore, dest: Path | str, *, doc_ids: Iterable[str] | None = None,
               query: str | None = None, user: str = "cli",
               progress: Callable[[int, int], None] | None = None) -> ExportSummary:
    """Write a BagIt package of ``doc_ids`` (default: every record, deleted ones included) at ``dest``.

    ``dest`` must not exist or be an empty folder. Raises ``ArchiveError`` (nothing left at
    ``dest``) on a damaged archive or a full disk.
    """
    t0 = time.perf_counter()
    dest = Path(dest).absolute()
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InputError(f"Đích xuất {dest} đã tồn tại và không trống; hãy chọn một thư mục mới.")
    if dest == store.root.absolute() or dest.is_relative_to(store.root.absolute()):
        raise InputError("Không được xuất gói vào bên trong thư mục kho lưu trữ.")
    ids = sorted(set(doc_ids)) if doc_ids is not None else list(store.iter_ids())
    summary = ExportSummary(path=str(dest), query=query)
    dest.parent.mkdir(parents=True, exist_ok=True)
    stage = dest.parent / f".{dest.name}.partial-{uuid.uuid4().hex[:8]}"
    stage.mkdir()
    try:
        for n, doc_id in enumerate(ids, 1):
            _stage_document(store, doc_id, stage, summary)
            if progress:
                progress(n, len(ids))
        for side in (store.authority_path, store.duplicates_path):  # the archive's knowledge of bodies and copies
            if side.is_file():
                summary.payload_bytes += _copy(side, stage / store.relative(side))[0]
        info = {
            "Source-Organization": "Sử liệu",
            "Internal-Sender-Identifier": str(store.root.absolute()),
            "External-Description": (
                f"Gói lưu trữ Sử liệu: {summary.documents} tài liệu"
                + (f" khớp truy vấn «{query}»" if query else " (toàn bộ kho)")
            ),
            "Bagging-Date": utcnow().date().isoformat(),
            "Bag-Software-Agent": f"sulieu {__version__} (bagit.py {bagit.VERSION})",
            "Contact-Name": user,
            "Sulieu-Exported-At": utcnow().isoformat(),
            "Sulieu-Archive-Format": str(ARCHIVE_FORMAT),
            "Sulieu-Record-Schema": str(RECORD_SCHEMA_VERSION),
            "Sulieu-Documents": str(summary.documents),
            "Sulieu-Originals": str(summary.originals),
            "Sulieu-Page-Files": str(summary.page_files),
            "Sulieu-Corrections": str(summary.corrections),
            "Sulieu-Deleted-Documents": str(summary.deleted),
            "Sulieu-Scope": "query" if query is not None or doc_ids is not None else "archive",
        }
        if query is not None:
            info["Sulieu-Query"] = query
        # make_bag moves the staged tree into data/, hashes it (sha256) and writes the tag files.
        bagit.make_bag(str(stage), bag_info=info, checksums=["sha256"])
        if dest.exists():
            dest.rmdir()
        os.rename(stage, dest)
    except BaseException as e:
        shutil.rmtree(stage, ignore_errors=True)
        if _disk_full(e):
            raise ArchiveError(
                f"Hết chỗ trống trên đĩa khi xuất gói tới {dest.parent}; gói dở dang đã được xoá, kho không thay đổi."
            ) from e
        if isinstance(e, OSError):
            raise ArchiveError(f"Không ghi được gói tới {dest}: {e.strerror or e}; gói dở dang đã được xoá.") from e
        if isinstance(e, (SulieuError, KeyboardInterrupt)):
            raise
        if isinstance(e, (bagit.BagError, RuntimeError)):
            raise ArchiveError(f"Không tạo được gói BagIt: {e}; gói dở dang đã được xoá.") from e
        raise
    summary.seconds = time.perf_counter() - t0
    return summary
