"""Background ingest jobs for uploads: one job at a time, a result per file as it finishes.

Job state is kept in memory and mirrored to ``<archive>/tmp/jobs/<id>.json`` (atomic writes), so
a status survives a restart; a job that was running when the server stopped is reported as
failed rather than left "running" forever.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from services.context import ArchiveContext
from sulieu.errors import NotFound
from sulieu.store import atomic_write_json

log = logging.getLogger("sulieu.api")
MAX_JOBS_KEPT = 500


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class JobFile:
    name: str
    path: str
    status: str = "queued"
    doc_id: str | None = None
    code: str | None = None
    message: str | None = None
    pages: int = 0
    seconds: float = 0.0


@dataclass
class Job:
    id: str
    by: str
    access: str
    created_at: datetime
    files: list[JobFile]
    status: str = "queued"
    finished_at: datetime | None = None
    message: str | None = None
    staging: str | None = None

    @property
    def done(self) -> int:
        return sum(1 for f in self.files if f.status != "queued")

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id, "status": self.status, "by": self.by, "created_at": self.created_at,
            "finished_at": self.finished_at, "total": len(self.files), "done": self.done, "message": self.message,
            "files": [{k: v for k, v in asdict(f).items() if k != "path"} for f in self.files],
        }


class JobManager:
    def __init__(self, ctx: ArchiveContext) -> None:
        self.ctx = ctx
        self.folder = ctx.store.jobs_dir
        self.folder.mkdir(parents=True, exist_ok=True)
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sulieu-ingest")
        self._futures: dict[str, Future] = {}
        self._load()

    def _load(self) -> None:
        for f in sorted(self.folder.glob("*.json"))[-MAX_JOBS_KEPT:]:
            try:
                raw = json.loads(f.read_text(encoding="utf-8"))
                job = Job(
                    id=raw["id"], by=raw["by"], access=raw["access"],
                    created_at=datetime.fromisoformat(raw["created_at"]),
                    files=[JobFile(**jf) for jf in raw["files"]], status=raw["status"],
                    finished_at=datetime.fromisoformat(raw["finished_at"]) if raw.get("finished_at") else None,
                    message=raw.get("message"), staging=raw.get("staging"),
                )
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if job.status in ("queued", "running"):
                job.status = "failed"
                job.message = "Máy chủ đã dừng khi công việc đang chạy; hãy tải lên lại các tệp chưa xong."
                job.finished_at = _now()
                if job.staging:
                    shutil.rmtree(job.staging, ignore_errors=True)
                self._save(job)
            self._jobs[job.id] = job

    def _save(self, job: Job) -> None:
        data = asdict(job)
        atomic_write_json(self.folder / f"{job.id}.json", data)

    def submit(self, job_id: str, by: str, access: str, staged: list[tuple[str, Path]], staging: Path) -> Job:
        job = Job(id=job_id, by=by, access=access, created_at=_now(),
                  files=[JobFile(name=n, path=str(p)) for n, p in staged], staging=str(staging))
        with self._lock:
            self._jobs[job.id] = job
            self._save(job)
        self._futures[job.id] = self._pool.submit(self._run, job)
        return job

    def _run(self, job: Job) -> None:
        from ingest.runner import FileResult
        from services.ingest import ingest_files

        by_path = {f.path: f for f in job.files}

        def progress(r: FileResult) -> None:
            jf = by_path.get(r.path)
            if jf is None:
                return
            with self._lock:
                jf.status, jf.doc_id, jf.code, jf.message = r.status, r.doc_id, r.code, r.message
                jf.pages, jf.seconds = getattr(r, "pages", 0), round(getattr(r, "seconds", 0.0), 3)
                self._save(job)

        with self._lock:
            job.status = "running"
            self._save(job)
        ctx = self.ctx
        try:
            with ctx.write_lock:
                summary = ingest_files(ctx, [Path(f.path) for f in job.files], access=job.access, user=job.by,
                                       jobs=ctx.settings.jobs if ctx.settings.jobs > 0 else 1, progress=progress)
                ingested = [r.doc_id for r in summary.ingested if r.doc_id]
            ctx.record_audit(job.by, "upload", None, {
                "job": job.id, "ingested": ingested, "duplicates": [r.doc_id for r in summary.duplicates],
                "failed": [{"name": r.name, "code": r.code} for r in summary.failed], "access": job.access})
            with self._lock:
                for jf in job.files:  # a file the runner never reported (should not happen)
                    if jf.status == "queued":
                        jf.status, jf.code, jf.message = "failed", "internal", "Tệp không được xử lý."
                job.status = "done"
        except Exception as e:  # noqa: BLE001 - the job reports the failure instead of dying silently
            log.exception("ingest job %s failed", job.id)
            from ingest.runner import explain

            code, message = explain(e)
            with self._lock:
                job.status = "failed"
                job.message = message
                for jf in job.files:
                    if jf.status == "queued":
                        jf.status, jf.code, jf.message = "failed", code, message
        finally:
            with self._lock:
                job.finished_at = _now()
                self._save(job)
            if job.staging:
                shutil.rmtree(job.staging, ignore_errors=True)

    def get(self, job_id: str) -> Job:
        job = self._jobs.get(job_id)
        if job is None:
            raise NotFound(f"Không có công việc {job_id[:40]!r}.")
        return job

    def list(self, by: str | None = None) -> list[Job]:
        jobs = sorted(self._jobs.values(), key=lambda j: j.created_at, reverse=True)
        return [j for j in jobs if by is None or j.by == by]

    def wait(self, job_id: str, timeout: float | None = None) -> Job:
        fut = self._futures.get(job_id)
        if fut is not None:
            fut.result(timeout=timeout)
        return self.get(job_id)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=False)
