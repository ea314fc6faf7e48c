"""Ingest files into the archive and bring its derived state up to date: ``sulieu ingest``, the
upload jobs, tests and benchmarks all come through here.

The refresh runs once per batch and also re-indexes any record an earlier run wrote but was killed
before indexing (``services.refresh``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.runner import FileResult, IngestSummary
from ingest.runner import ingest_paths as _ingest_records
from services.context import ArchiveContext
from services.refresh import refresh
from sulieu.settings import Settings


def ingest_files(ctx: ArchiveContext, paths: list[Path], *, access: str | None = None, user: str = "cli",
                 jobs: int | None = None, progress: Callable[[FileResult], None] | None = None,
                 books: bool = False, stop: Callable[[], bool] | None = None) -> IngestSummary:
    """Ingest a batch, then one refresh of graph, index and caches for everything it added."""
    summary = _ingest_records(paths, ctx.settings, access=access, user=user, jobs=jobs, progress=progress,
                              books=books, stop=stop)
    with ctx.store.writer_lock():  # a second run must not create or repair the index at the same time
        refresh(ctx, [r.doc_id for r in summary.ingested if r.doc_id])
    return summary


def ingest_paths(paths: list[Path], settings: Settings, **options: object) -> IngestSummary:
    """``ingest_files`` in a context of its own, closed afterwards (the CLI's and the tests' entry)."""
    with ArchiveContext.open(settings) as ctx:
        return ingest_files(ctx, paths, **options)  # type: ignore[arg-type]
