"""Preservation, as users run it: ``sulieu check [--repair]``, BagIt export and import, reindex.

The fixity checks, the bag reader and writer live in ``ingest.preservation`` and never touch the
search engine; this module adds what needs it (comparing records with the index, repairing it) and
ends every write with the one ``refresh`` (``services.refresh``), under the archive's writer lock.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ingest.preservation import bag_export, bag_import
from ingest.preservation.fixity import INDEX_KINDS, CheckReport, Problem, remove_staging_leftovers
from ingest.preservation.fixity import check_archive as _check_files
from search_engine import SearchBackend, connect, indexer, open_backend
from services.jobs import dead_upload_folders
from services.refresh import refresh_archive
from sulieu.authority import load_authority, read_authority, save_authority
from sulieu.citation_graph import CitationGraph, load_graph, save_graph
from sulieu.errors import BackendError, SchemaMismatch, SulieuError
from sulieu.model import ACCESS_LEVELS, Record
from sulieu.settings import Settings
from sulieu.store import ArchiveStore

log = logging.getLogger("sulieu.services")

__all__ = ["check", "check_archive", "export_bag", "import_bag", "open_index", "reindex", "repair_index"]


_COMPARED = ("access", "deleted", "title", "symbol", "issuer", "date", "doc_type")


def _fingerprint(doc: Any) -> tuple:
    return tuple(getattr(doc, f, None) for f in _COMPARED) + (len(getattr(doc, "pages", []) or []),)


def _load_graph(store: ArchiveStore) -> CitationGraph | None:
    try:
        return load_graph(store)
    except (SulieuError, OSError, ValueError):
        return None


def _check_index(store: ArchiveStore, backend: SearchBackend, report: CheckReport, records: dict[str, Record],
                 deep: bool) -> None:
    try:
        stored = backend.stored_schema_version()
    except SulieuError as e:
        report.problems.append(Problem("index_unavailable", f"Không đọc được chỉ mục: {e.message}"))
        return
    if stored is not None and stored != backend.schema_version:
        report.problems.append(
            Problem("index_schema", f"Chỉ mục dùng lược đồ {stored}, phiên bản này cần lược đồ {backend.schema_version}.")
        )
        return
    try:
        indexed = set(backend.ids())
    except SulieuError as e:
        report.problems.append(Problem("index_unavailable", f"Không đọc được chỉ mục: {e.message}"))
        return
    report.index_checked = True
    report.counts["index_documents"] = len(indexed)
    # A record we cannot read cannot be indexed either; it is already reported above.
    unreadable = report.ids("record_invalid", "record_future_version")
    for doc_id in sorted(set(records) - indexed):
        report.problems.append(Problem("index_missing", f"Tài liệu {doc_id} có trong kho nhưng thiếu trong chỉ mục.", doc_id))
    for doc_id in sorted(indexed - set(records) - unreadable):
        report.problems.append(Problem("index_extra", f"Chỉ mục còn tài liệu {doc_id} không có trong kho.", doc_id))
    if not deep:
        return
    graph = _load_graph(store)
    for doc_id in sorted(set(records) & indexed):
        rec = records[doc_id]
        try:
            expected = indexer.build_index_document(rec, store.read_corrections(doc_id), graph)
            actual = backend.get(doc_id, list(ACCESS_LEVELS))
        except SulieuError:
            continue  # corrections problems are reported by _check_corrections
        if actual is None or _fingerprint(actual) != _fingerprint(expected):
            report.problems.append(Problem("index_stale", f"Chỉ mục của tài liệu {doc_id} đã cũ so với hồ sơ.", doc_id))


def check_archive(store: ArchiveStore, backend: SearchBackend | None = None, *, index_problem: Problem | None = None,
                  jobs: int | None = None, deep_index: bool = True, hash_originals: bool = True,
                  progress: Any = None) -> CheckReport:
    """Verify originals, records, corrections, page files and (if a backend is given) the index."""
    def index_check(report: CheckReport, records: dict[str, Record]) -> None:
        if backend is not None:
            _check_index(store, backend, report, records, deep_index)

    report = _check_files(store, index_check=index_check if backend is not None else None,
                          index_problem=index_problem, jobs=jobs, hash_originals=hash_originals, progress=progress)
    _check_upload_staging(store, report)
    return report


def _check_upload_staging(store: ArchiveStore, report: CheckReport) -> None:
    """Uploaded files left by jobs that ended or were lost (a server killed mid-job used to leave
    thousands of staged files that no check reported); removed by ``check --repair``."""
    for folder in dead_upload_folders(store.jobs_dir, store.uploads_dir):
        for f in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = store.relative(f)
            report.warnings.append(Problem("staging_leftover",
                                           f"Tệp tải lên của một công việc đã kết thúc: {rel}.", path=rel))


def open_index(settings: Settings) -> tuple[SearchBackend | None, Problem | None]:
    """Open the configured index for checking: (backend, None) or (None, the problem)."""
    try:
        return open_backend(settings), None
    except SchemaMismatch as e:
        return None, Problem("index_schema", e.message)
    except (BackendError, OSError, ValueError) as e:
        msg = e.message if isinstance(e, SulieuError) else str(e)
        return None, Problem("index_unavailable", f"Không mở được chỉ mục: {msg}")


def repair_index(store: ArchiveStore, report: CheckReport, *, settings: Settings,
                 backend: SearchBackend | None = None) -> dict[str, int]:
    """Bring the index in line with the archive. Reads records; writes only the index (and graph.json).

    A schema mismatch rebuilds the whole index; otherwise only the missing, stale and extra
    documents are re-synced through the one refresh, so the citation graph follows. Originals,
    records and corrections are never written. Holds the archive's writer lock: an ingest running
    meanwhile cannot interleave with the rebuild.
    """
    done: dict[str, int] = {}
    schema = bool(report.by_kind("index_schema"))
    ids = sorted(report.ids("index_missing", "index_stale", "index_extra"))
    if not schema and not ids:
        report.repaired = done
        return done
    own = backend is None or schema
    if schema and backend is not None:
        backend.close()
    backend = connect(settings) if own or backend is None else backend
    try:
        with store.writer_lock():
            if schema:
                backend.clear()
                stats = indexer.reindex(store, backend, _rebuild_graph(store), jobs=settings.jobs_effective)
                done["reindexed"] = int(stats.get("documents", 0))
            else:
                refresh_archive(store, backend, ids)
                for kind in ("index_missing", "index_stale", "index_extra"):
                    if n := len(report.ids(kind)):
                        done[kind] = n
    finally:
        if own:
            backend.close()
    report.repaired = done
    return done


def _rebuild_graph(store: ArchiveStore) -> CitationGraph:
    """A fresh citation graph for a full rebuild (saved, since it is derived state like the index)."""
    graph = CitationGraph.from_store(store)
    save_graph(store, graph)
    return graph


def check(settings: Settings, *, repair: bool = False, quick: bool = False) -> CheckReport:
    """``sulieu check [--repair] [--quick]``: verify everything; with ``repair`` re-index what is missing,
    stale or extra (or rebuild an index of another schema), re-verify the index, and remove staging
    leftovers older than a day. Never writes originals, records or corrections."""
    store = ArchiveStore(settings.archive)
    # Opening the embedded index creates its folder: never do that where there is no archive.
    backend, index_problem = open_index(settings) if store.exists() else (None, None)
    try:
        report = check_archive(store, backend, index_problem=index_problem, jobs=settings.jobs_effective,
                               deep_index=not quick)
        if repair and any(p.repairable for p in report.problems):
            repaired = repair_index(store, report, settings=settings, backend=backend)
            if backend is not None and "reindexed" in repaired:
                backend = None  # closed by repair_index
            if backend is None:
                backend, index_problem = open_index(settings)
            _recheck_index(store, backend, index_problem, report, settings, quick)
        if repair and any(p.kind == "staging_leftover" for p in report.warnings):
            report.repaired["staging_removed"] = remove_staging_leftovers(store, report)
    finally:
        if backend is not None:
            backend.close()
    return report


def _recheck_index(store: ArchiveStore, backend: SearchBackend | None, index_problem: Problem | None,
                   report: CheckReport, settings: Settings, quick: bool) -> None:
    """After a repair, verify the index again (originals were just hashed and repair never writes them)."""
    after = check_archive(store, backend, index_problem=index_problem, jobs=settings.jobs_effective,
                          deep_index=not quick, hash_originals=False)
    index_kinds = INDEX_KINDS | {"index_unavailable"}
    report.problems = [p for p in report.problems if p.kind not in index_kinds] + [
        p for p in after.problems if p.kind in index_kinds
    ]
    report.counts["index_documents"] = after.counts.get("index_documents", 0)
    report.index_checked = after.index_checked


def reindex(settings: Settings, progress: indexer.Progress | None = None) -> tuple[dict[str, Any], str]:
    """``sulieu reindex``: drop the index and rebuild it (and the graph) from the archive, the truth.
    Returns the counts and the engine's description; ``progress`` hears after every batch."""
    store = ArchiveStore(settings.archive)
    backend = connect(settings)
    try:
        with store.writer_lock():
            stats = indexer.reindex(store, backend, _rebuild_graph(store), progress, jobs=settings.jobs_effective)
        return stats, backend.describe()
    finally:
        backend.close()


def export_bag(store: ArchiveStore, dest: Path | str, *, doc_ids: list[str] | None = None,
               query: str | None = None) -> bag_export.ExportSummary:
    """Write a BagIt package of the whole archive or of some documents (``ingest.preservation.bag_export``)."""
    return bag_export.export_bag(store, dest, doc_ids=doc_ids, query=query)


def import_bag(store: ArchiveStore, bag_path: Path | str, *, settings: Settings | None = None,
               backend: SearchBackend | None = None, user: str = "cli") -> bag_import.ImportSummary:
    """Validate a bag completely, import it (all or nothing), then the one refresh for what changed.
    Writing and refreshing hold the archive's writer lock. Raises ``BagInvalid`` (nothing written) or
    ``ArchiveError`` (write failed, everything undone); a failed refresh is reported, not raised: the
    import is complete and consistent, and the index is derived."""
    bag_import.check_target(store)  # before the lock, whose file would be left in a foreign folder
    with store.writer_lock():
        summary = bag_import.import_bag(store, bag_path, user=user)
        merge_authority_from(store, Path(summary.path) / "data" / store.relative(store.authority_path))
        changed = summary.changed_ids
        if changed:
            if settings is None:
                summary.index_message = "Chưa cập nhật chỉ mục (không có cấu hình); chạy «sulieu check --repair»"
            else:
                _refresh_after_import(settings, store, backend, changed, summary)
    return summary


def _refresh_after_import(settings: Settings, store: ArchiveStore, backend: SearchBackend | None, ids: list[str],
                          summary: bag_import.ImportSummary) -> None:
    repair = "; chạy «sulieu check --repair» để cập nhật chỉ mục"
    own = backend is None
    try:
        if backend is None:
            backend = open_backend(settings)
        refresh_archive(store, backend, ids)
        summary.index_refreshed = True
    except SulieuError as e:
        summary.index_message = f"{e.message}{repair}"
    except Exception as e:  # noqa: BLE001 - the import is already complete and consistent; the index is derived
        log.exception("cập nhật chỉ mục sau khi nhập gói thất bại")
        summary.index_message = f"Lỗi khi cập nhật chỉ mục ({type(e).__name__}: {e}){repair}"
    finally:
        if own and backend is not None:
            backend.close()


def merge_authority_from(store: ArchiveStore, path: Path) -> int:
    """Add the bag's authority records this archive does not have (by id; this archive's own records,
    an editor's included, win). Returns how many were added; the next refresh indexes by them."""
    if not path.is_file():
        return 0
    theirs = read_authority(path)
    ours = load_authority(store)
    have = {r.id for r in ours.records}
    added = [r for r in theirs.records if r.id not in have]
    if added:
        ours.records.extend(added)
        save_authority(store, ours)
    return len(added)
