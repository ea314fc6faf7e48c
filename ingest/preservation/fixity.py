"""``sulieu check``: is the archive intact, and does the index agree with it?

Fixity is checked against the names the archive already uses: an original is stored under its
own sha256, so re-hashing it is the whole test. Records are read raw (not through
``ArchiveStore.read_record``) so that one bad record is reported instead of stopping the run.
The check only reads; ``repair_index`` only writes to the index, never to originals or records.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sulieu.errors import SulieuError
from sulieu.model import RECORD_SCHEMA_VERSION, Correction, Record
from sulieu.store import ArchiveStore, sha256_file, valid_id

# Problems that re-indexing can fix; everything else needs a person (or a backup).
INDEX_KINDS = frozenset({"index_missing", "index_extra", "index_stale", "index_schema"})
_SHA_CHARS = frozenset("0123456789abcdef")


@dataclass
class Problem:
    kind: str
    message: str
    doc_id: str | None = None
    path: str | None = None

    @property
    def repairable(self) -> bool:
        return self.kind in INDEX_KINDS


@dataclass
class CheckReport:
    archive: str
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    index_checked: bool = False
    repaired: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    original_bytes: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def by_kind(self, kind: str) -> list[Problem]:
        return [p for p in self.problems if p.kind == kind]

    def ids(self, *kinds: str) -> set[str]:
        return {p.doc_id for p in self.problems if p.kind in kinds and p.doc_id}

    def to_dict(self) -> dict[str, Any]:
        return {
            "archive": self.archive,
            "ok": self.ok,
            "seconds": round(self.seconds, 3),
            "original_bytes": self.original_bytes,
            "counts": self.counts,
            "index_checked": self.index_checked,
            "problems": [asdict(p) | {"repairable": p.repairable} for p in self.problems],
            "warnings": [asdict(p) for p in self.warnings],
            "repaired": self.repaired,
        }


def _rel(store: ArchiveStore, path: Path) -> str:
    try:
        return path.relative_to(store.root).as_posix()
    except ValueError:
        return str(path)


def _record_files(store: ArchiveStore) -> Iterable[Path]:
    base = store.records_dir
    if not base.is_dir():
        return
    for shard in sorted(base.iterdir()):
        if shard.is_dir():
            yield from sorted(p for p in shard.iterdir() if p.suffix == ".json" and not p.name.startswith("."))


def load_record_raw(raw: bytes, expected_id: str | None = None) -> Record:
    """Parse a record file strictly; raises ValueError with a Vietnamese reason (shared with import)."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise ValueError(f"JSON không hợp lệ ({e})") from None
    if not isinstance(data, dict):
        raise ValueError("không phải một đối tượng JSON")
    version = data.get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError(f"schema_version không hợp lệ: {version!r}")
    if version > RECORD_SCHEMA_VERSION:
        raise FutureSchema(
            f"ghi bởi phiên bản Sử liệu mới hơn (lược đồ {version}, phiên bản này đọc tới {RECORD_SCHEMA_VERSION})"
        )
    try:
        rec = Record.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(str(x) for x in err.get("loc", ()))
        raise ValueError(f"sai cấu trúc ở {loc or 'gốc'}: {err['msg']}") from None
    if not valid_id(rec.id):
        raise ValueError(f"mã tài liệu không hợp lệ: {rec.id!r}")
    if expected_id is not None and rec.id != expected_id:
        raise ValueError(f"mã trong hồ sơ ({rec.id}) khác tên tệp ({expected_id})")
    sha = rec.provenance.sha256
    if len(sha) != 64 or not set(sha) <= _SHA_CHARS:
        raise ValueError(f"sha256 của bản gốc không hợp lệ: {sha!r}")
    return rec


class FutureSchema(ValueError):
    """A record from a newer Sử liệu: kept apart so reports can say 'upgrade', not 'corrupt'."""


def page_files(rec: Record) -> list[str]:
    """Archive-relative files a record points to (page images, thumbnails, word boxes)."""
    out: list[str] = []
    for p in rec.pages:
        for rel in (p.image, p.thumbnail, p.words):
            if rel:
                out.append(rel)
    return out


def load_corrections_raw(raw: bytes) -> list[Correction]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise ValueError(f"JSON không hợp lệ ({e})") from None
    if not isinstance(data, list):
        raise ValueError("lớp hiệu chỉnh phải là một danh sách")
    try:
        return [Correction.model_validate(c) for c in data]
    except ValidationError as e:
        raise ValueError(f"hiệu chỉnh sai cấu trúc: {e.errors()[0]['msg']}") from None


def _check_records(store: ArchiveStore, report: CheckReport) -> dict[str, Record]:
    records: dict[str, Record] = {}
    n_pages = n_files = 0
    for path in _record_files(store):
        n_files += 1
        rel = _rel(store, path)
        doc_id = path.stem
        try:
            rec = load_record_raw(path.read_bytes(), expected_id=doc_id)
        except FutureSchema as e:
            report.problems.append(Problem("record_future_version", f"Hồ sơ {doc_id} {e}.", doc_id, rel))
            continue
        except (OSError, ValueError) as e:
            report.problems.append(Problem("record_invalid", f"Hồ sơ {doc_id} hỏng: {e}.", doc_id, rel))
            continue
        if path.parent.name != doc_id[:2]:
            report.problems.append(
                Problem("record_invalid", f"Hồ sơ {doc_id} nằm sai thư mục con ({path.parent.name}).", doc_id, rel)
            )
        records[doc_id] = rec
        orig = store.original_path(rec.provenance.sha256)
        if not orig.exists():
            report.problems.append(
                Problem("original_missing", f"Tài liệu {doc_id}: thiếu bản gốc {rec.provenance.original_name}.",
                        doc_id, _rel(store, orig))
            )
        elif orig.stat().st_size != rec.provenance.size:
            report.problems.append(
                Problem("original_modified",
                        f"Tài liệu {doc_id}: bản gốc có {orig.stat().st_size} byte, hồ sơ ghi {rec.provenance.size}.",
                        doc_id, _rel(store, orig))
            )
        for rel_page in page_files(rec):
            n_pages += 1
            try:
                ok = store.resolve_relative(rel_page).is_file()
            except SulieuError:
                ok = False
            if not ok:
                report.problems.append(
                    Problem("page_file_missing", f"Tài liệu {doc_id}: thiếu tệp trang {rel_page}.", doc_id, rel_page)
                )
    report.counts["records"] = n_files
    report.counts["deleted"] = sum(1 for r in records.values() if r.deleted_at is not None)
    report.counts["page_files"] = n_pages
    return records


def _check_originals(store: ArchiveStore, report: CheckReport, records: dict[str, Record], jobs: int,
                     progress: Callable[[int, int], None] | None, hash_files: bool = True) -> None:
    by_sha: dict[str, list[str]] = {}
    for rec in records.values():
        by_sha.setdefault(rec.provenance.sha256, []).append(rec.id)
    files: list[Path] = []
    base = store.originals_dir
    if base.is_dir():
        for shard in sorted(base.iterdir()):
            if not shard.is_dir():
                continue
            for f in sorted(shard.iterdir()):
                if f.name.startswith("."):
                    report.warnings.append(Problem("temp_leftover", f"Tệp tạm còn sót: {_rel(store, f)}.",
                                                   path=_rel(store, f)))
                elif f.is_file():
                    files.append(f)
    report.counts["originals"] = len(files)
    report.original_bytes = sum(f.stat().st_size for f in files)

    def work(f: Path) -> tuple[Path, str | None, str | None]:
        if not hash_files:
            return f, f.name, None
        try:
            return f, sha256_file(f), None
        except OSError as e:
            return f, None, e.strerror or str(e)

    already = report.ids("original_modified")  # a size mismatch already said so
    done = 0
    # hashlib releases the GIL on large buffers, so threads are enough to overlap I/O and hashing.
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for f, digest, err in pool.map(work, files):
            done += 1
            if progress:
                progress(done, len(files))
            ids: Sequence[str | None] = by_sha.get(f.name, [])  # [None] below: no record holds it
            if err is not None:
                for doc_id in ids or [None]:
                    report.problems.append(Problem("original_unreadable", f"Không đọc được bản gốc {f.name}: {err}.",
                                                   doc_id, _rel(store, f)))
            elif digest != f.name or f.parent.name != f.name[:2]:
                for doc_id in [i for i in ids if i not in already] or ([] if ids else [None]):
                    who = f"tài liệu {doc_id}" if doc_id else "không thuộc hồ sơ nào"
                    report.problems.append(
                        Problem("original_modified",
                                f"Bản gốc {f.name[:16]}… ({who}) đã bị thay đổi: sha256 hiện là {(digest or '')[:16]}….",
                                doc_id, _rel(store, f))
                    )
            elif not ids:
                report.warnings.append(
                    Problem("original_orphan", f"Bản gốc {f.name[:16]}… không thuộc hồ sơ nào (có thể do lần nhập bị ngắt).",
                            path=_rel(store, f))
                )


STAGING_MAX_AGE_S = 24 * 3600  # younger staged files may belong to an ingest running right now


def _check_staging(store: ArchiveStore, report: CheckReport) -> None:
    """Page images and OCR word files staged for a document whose ingest failed stay in ``tmp/``
    (a stored document moves its own out): reported here, removed by ``remove_staging_leftovers``."""
    base = store.tmp_dir
    if not base.is_dir():
        return
    now = time.time()
    live = store.ingest_running()  # with no ingest running, any staged file is a leftover, however new
    for f in sorted(base.rglob("*")):
        if f.relative_to(base).parts[0] in ("jobs", "uploads"):  # the job history; uploads are judged
            continue  # by their job's state (``services.preservation``), not by age
        try:
            if f.is_file() and (not live or now - f.stat().st_mtime > STAGING_MAX_AGE_S):
                rel = _rel(store, f)
                report.warnings.append(
                    Problem("staging_leftover", f"Tệp tạm của một lần nhập không thành: {rel}.", path=rel)
                )
        except OSError:  # removed meanwhile by a running ingest
            continue


def remove_staging_leftovers(store: ArchiveStore, report: CheckReport) -> int:
    """Delete the staged files the check found (only inside ``tmp/``; never originals or records)."""
    base = store.tmp_dir.resolve()
    kept: list[Problem] = []
    removed = 0
    live = store.ingest_running()  # an ingest started since the check: keep what it may be staging
    now = time.time()
    for p in report.warnings:
        f = store.resolve_relative(p.path) if p.kind == "staging_leftover" and p.path else None
        if f is None or base not in f.parents:
            kept.append(p)
            continue
        try:
            young = now - f.stat().st_mtime <= STAGING_MAX_AGE_S
        except OSError:
            young = False
        if live and young and f.relative_to(base).parts[0] != "uploads":
            kept.append(p)
            continue
        try:
            f.unlink()
            removed += 1
        except FileNotFoundError:  # gone meanwhile: nothing left to report either
            pass
        _prune_empty(f.parent, base)
    report.warnings = kept
    return removed


def _prune_empty(folder: Path, base: Path) -> None:
    """Remove folders emptied by the clean-up, up to (not including) ``tmp/`` itself."""
    folder = folder.resolve()
    while folder != base and base in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty, or gone
            return
        folder = folder.parent


def _check_corrections(store: ArchiveStore, report: CheckReport, records: dict[str, Record]) -> None:
    base = store.corrections_dir
    n = 0
    if not base.is_dir():
        report.counts["corrections"] = 0
        return
    for f in sorted(base.glob("*.json")):
        if f.name.startswith("."):
            continue
        doc_id = f.stem
        rel = _rel(store, f)
        try:
            n += len(load_corrections_raw(f.read_bytes()))
        except (OSError, ValueError) as e:
            report.problems.append(Problem("corrections_invalid", f"Lớp hiệu chỉnh của {doc_id} hỏng: {e}.", doc_id, rel))
            continue
        if doc_id not in records and not store.has_record(doc_id):
            report.warnings.append(Problem("corrections_orphan", f"Lớp hiệu chỉnh {doc_id} không có hồ sơ.", doc_id, rel))
    report.counts["corrections"] = n


# --- index -------------------------------------------------------------------------------------

IndexCheck = Callable[["CheckReport", dict[str, Record]], None]


def check_archive(store: ArchiveStore, *, index_check: IndexCheck | None = None, index_problem: Problem | None = None,
                  jobs: int | None = None, hash_originals: bool = True,
                  progress: Callable[[int, int], None] | None = None) -> CheckReport:
    """Verify originals, records, corrections and page files, then hand the readable records to
    ``index_check`` (the application layer compares them with the search index; this module knows
    nothing of the engine).

    ``hash_originals=False`` skips re-hashing (used to re-verify the index after a repair).
    ``index_problem`` lets the caller report that the index could not even be opened (schema
    mismatch, engine down).
    """
    t0 = time.perf_counter()
    report = CheckReport(archive=str(store.root))
    if not store.exists():
        report.problems.append(Problem("archive_missing", f"Không có kho lưu trữ tại {store.root}."))
        report.seconds = time.perf_counter() - t0
        return report
    records = _check_records(store, report)
    _check_originals(store, report, records, jobs or os.cpu_count() or 1, progress, hash_originals)
    _check_corrections(store, report, records)
    _check_staging(store, report)
    if index_problem is not None:
        report.problems.append(index_problem)
    elif index_check is not None:
        index_check(report, records)
    report.seconds = time.perf_counter() - t0
    return report
