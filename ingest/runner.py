"""Ingest many files: expand folders, skip what the archive already holds, run the pipeline
in a process pool, and report per file. One bad file never stops the batch.

Bringing the citation graph and the index up to date afterwards is the application layer's job
(``services.ingest``), so this module knows nothing of the search engine.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ingest.lifetime import die_with_parent
from sulieu.errors import EmptyDocument, NotFound, SulieuError
from sulieu.settings import Settings
from sulieu.store import ArchiveStore, doc_id_for, sha256_file

Status = Literal["ingested", "duplicate", "failed"]
IGNORED_NAMES = frozenset({"manifest.json", "Thumbs.db", ".DS_Store", "desktop.ini"})


@dataclass
class FileResult:
    path: str
    name: str
    status: Status
    doc_id: str | None = None
    code: str | None = None
    message: str | None = None
    pages: int = 0
    seconds: float = 0.0


@dataclass
class IngestSummary:
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    def _with(self, status: Status) -> list[FileResult]:
        return [r for r in self.results if r.status == status]

    @property
    def ingested(self) -> list[FileResult]:
        return self._with("ingested")

    @property
    def duplicates(self) -> list[FileResult]:
        return self._with("duplicate")

    @property
    def failed(self) -> list[FileResult]:
        return self._with("failed")

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.ingested)


def expand_paths(paths: Iterable[Path], *, books: bool = False) -> tuple[list[Path], list[FileResult]]:
    """Files under the given paths (folders recursively, sorted), and results for missing ones.
    With ``books`` each folder stays whole: its page images are one book."""
    files: list[Path] = []
    missing: list[FileResult] = []
    for p in paths:
        p = Path(p)
        if p.is_file() or (books and p.is_dir()):
            files.append(p)
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and f.name not in IGNORED_NAMES:
                    files.append(f)
        else:
            missing.append(
                FileResult(str(p), p.name, "failed", code=NotFound.code,
                           message=f"Không tìm thấy tệp hoặc thư mục: {p}")
            )
    return files, missing


def explain(exc: BaseException) -> tuple[str, str]:
    """Our error code and Vietnamese message for any exception, looking through wrappers."""
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, SulieuError):
            return e.code, e.message
        e = e.__cause__ or e.__context__
    if isinstance(exc, PermissionError):
        return "unreadable", f"Không có quyền đọc tệp: {exc.filename}"
    if isinstance(exc, OSError):
        return "io_error", f"Lỗi đọc/ghi tệp: {exc.strerror or exc}"
    if isinstance(exc, MemoryError):
        return "too_large", "Tệp quá lớn để xử lý trong bộ nhớ."
    return "internal", f"Lỗi không mong đợi khi xử lý tệp ({type(exc).__name__}: {exc})"


# --- worker side --------------------------------------------------------------------------
_PIPELINES: dict[tuple, object] = {}


def _worker_pipeline(settings: Settings, ocr_jobs: int):
    """One pipeline per process and configuration (building one costs ~0.1 s)."""
    key = (settings.model_dump_json(), ocr_jobs)
    if key not in _PIPELINES:
        from ingest.pipeline import load_pipeline

        _PIPELINES.clear()
        _PIPELINES[key] = load_pipeline(settings, ocr_jobs=ocr_jobs)
    return _PIPELINES[key]


def ingest_one(path: Path, settings: Settings, *, access: str, user: str, ocr_jobs: int = 1,
               original_name: str | None = None) -> FileResult:
    """Ingest one file; never raises (the error goes into the result)."""
    from ingest.pipeline import run_pipeline

    name = original_name or path.name
    t0 = time.perf_counter()
    try:
        out = run_pipeline(_worker_pipeline(settings, ocr_jobs), path, archive=settings.archive,
                           original_name=name, access=access, user=user)
        return FileResult(str(path), name, out["status"], doc_id=out["doc_id"], pages=out.get("pages", 0),
                          seconds=time.perf_counter() - t0)
    except BaseException as e:  # noqa: BLE001 - one bad file must not stop the batch
        if isinstance(e, KeyboardInterrupt):
            raise
        code, message = explain(e)
        return FileResult(str(path), name, "failed", code=code, message=message, seconds=time.perf_counter() - t0)


def _worker_init() -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    die_with_parent()


# --- driver -------------------------------------------------------------------------------
def ingest_paths(paths: list[Path], settings: Settings, **options: object) -> IngestSummary:
    """Ingest files into the archive (records, originals, pages); the derived state (graph, index) is
    the caller's: ``services.ingest`` refreshes it once for the whole batch. Options: ``access``,
    ``user``, ``jobs``, ``progress``, ``books``, and ``stop`` (when it turns true, e.g. a cancelled upload
    job or a server shutting down, no further file is started; files not started get no result).
    The run holds the archive's ingest-activity lock, so ``sulieu check`` knows its staged files are live."""
    store = ArchiveStore(settings.archive).init()
    with store.ingest_activity():
        return _ingest_paths(paths, settings, **options)  # type: ignore[arg-type]


def _ingest_paths(
    paths: list[Path],
    settings: Settings,
    *,
    access: str | None = None,
    user: str = "cli",
    jobs: int | None = None,
    progress: Callable[[FileResult], None] | None = None,
    books: bool = False,
    stop: Callable[[], bool] | None = None,
) -> IngestSummary:
    t0 = time.perf_counter()
    access = access or settings.default_access
    store = ArchiveStore(settings.archive).init()
    files, results = expand_paths(paths, books=books)
    for r in results:
        if progress:
            progress(r)

    todo: list[Path] = []
    seen: dict[str, str] = {}
    for f in files:
        if f.is_dir():  # a book: its id is the hash of the bundle the pipeline builds
            todo.append(f)
            continue
        try:
            empty = f.stat().st_size == 0
            sha = sha256_file(f)
        except OSError as e:
            code, message = explain(e)
            r = FileResult(str(f), f.name, "failed", code=code, message=message)
        else:
            if empty:
                r = FileResult(str(f), f.name, "failed", code=EmptyDocument.code,
                               message=f"Tệp “{f.name}” rỗng (0 byte).")
                results.append(r)
                if progress:
                    progress(r)
                continue
            doc_id = doc_id_for(sha)
            if store.has_record(doc_id) or doc_id in seen:
                r = FileResult(str(f), f.name, "duplicate", doc_id=doc_id,
                               message="Đã có trong kho" + (f" (trùng với {seen[doc_id]})" if doc_id in seen else ""))
            else:
                seen[doc_id] = f.name
                todo.append(f)
                continue
        results.append(r)
        if progress:
            progress(r)

    jobs = max(1, jobs or settings.jobs_effective)
    if len(todo) <= 1 or jobs == 1:
        ocr_jobs = jobs if len(todo) <= 1 else 1
        for f in todo:
            if stop is not None and stop():
                break
            r = ingest_one(f, settings, access=access, user=user, ocr_jobs=ocr_jobs)
            results.append(r)
            if progress:
                progress(r)
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), initializer=_worker_init) as pool:
            futures = {pool.submit(ingest_one, f, settings, access=access, user=user): f for f in todo}
            for fut in as_completed(futures):
                if stop is not None and stop():
                    for other in futures:
                        other.cancel()  # those not started yet; running ones finish their file
                if fut.cancelled():
                    continue
                try:
                    r = fut.result()
                except BaseException as e:  # a worker died (e.g. killed by the OOM killer)
                    f = futures[fut]
                    code, message = explain(e)
                    r = FileResult(str(f), f.name, "failed", code=code, message=message)
                results.append(r)
                if progress:
                    progress(r)

    # A copy inside this batch is only "already present" if its first copy made it in.
    failed_ids = {doc_id_for(sha256_file(Path(r.path))) for r in results if r.status == "failed"
                  and Path(r.path).is_file() and r.code != "not_found"}
    for r in results:
        if r.status == "duplicate" and r.doc_id in failed_ids and not store.has_record(r.doc_id):
            r.status, r.code = "failed", "duplicate_of_failed"
            r.message = f"Trùng nội dung với một tệp không nhập được: {r.message}"
    summary = IngestSummary(results=results)
    summary.seconds = time.perf_counter() - t0
    return summary


def print_summary(summary: IngestSummary, stream=None) -> None:
    stream = stream or sys.stdout
    w = stream.write
    w(f"\nĐã nhập: {len(summary.ingested)} tệp ({summary.pages} trang)  ·  "
      f"Đã có sẵn: {len(summary.duplicates)}  ·  Lỗi: {len(summary.failed)}  ·  "
      f"{summary.seconds:.1f} giây\n")
    for r in summary.duplicates:
        w(f"  = {r.name}: {r.message} [{r.doc_id}]\n")
    for r in summary.failed:
        w(f"  ✗ {r.path}: {r.message} ({r.code})\n")
