"""Background ingest jobs for uploads: a small pool of workers, each user's queue served in turn.

Job state is kept in memory and mirrored to ``<archive>/tmp/jobs/<id>.json`` (atomic writes), so it
survives a restart: jobs that were queued or running when the server stopped are queued again with
their staged files and resume with the files not yet done. One editor with 40 uploads no longer holds
the others' single file behind them (workers take the next job from the next user in turn), a job can
be cancelled (files not started are left out), and a user may only have so many jobs waiting.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
from collections import deque
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from services.context import ArchiveContext
from sulieu.errors import InputError, NotFound, TooManyRequests
from sulieu.store import atomic_write_json

log = logging.getLogger("sulieu.api")
MAX_JOBS_KEPT = 500
FINISHED = frozenset({"done", "failed", "cancelled"})


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
    cancel_requested: bool = False
    started_at: datetime | None = None

    @property
    def done(self) -> int:
        return sum(1 for f in self.files if f.status not in ("queued", "running"))

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id, "status": self.status, "by": self.by, "created_at": self.created_at,
            "finished_at": self.finished_at, "total": len(self.files), "done": self.done, "message": self.message,
            "files": [{k: v for k, v in asdict(f).items() if k != "path"} for f in self.files],
            "cancel_requested": self.cancel_requested, "started_at": self.started_at,
        }


def dead_upload_folders(store_jobs_dir: Path, uploads_dir: Path) -> list[Path]:
    """Staging folders of uploads whose job is finished or unknown: nothing will ever ingest them.
    Read from the job records on disk, so ``sulieu check`` can judge them with the server stopped
    (a queued job there resumes at the next start and keeps its files)."""
    if not uploads_dir.is_dir():
        return []
    dead = []
    for folder in sorted(p for p in uploads_dir.iterdir() if p.is_dir()):
        try:
            status = json.loads((store_jobs_dir / f"{folder.name}.json").read_text(encoding="utf-8"))["status"]
        except (OSError, ValueError, KeyError, TypeError):
            status = None
        if status not in ("queued", "running"):
            dead.append(folder)
    return dead


class JobManager:
    def __init__(self, ctx: ArchiveContext) -> None:
        self.ctx = ctx
        self.folder = ctx.store.jobs_dir
        self.folder.mkdir(parents=True, exist_ok=True)
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._queues: dict[str, deque[Job]] = {}  # user -> their queued jobs, oldest first
        self._served: dict[str, int] = {}  # user -> turn number of their last job started
        self._turn = 0
        self._ended: dict[str, threading.Event] = {}
        self._stopping = False
        self._load()
        self._workers = [threading.Thread(target=self._work, name=f"sulieu-ingest-{i}", daemon=True)
                         for i in range(ctx.settings.upload_workers)]
        for w in self._workers:
            w.start()

    # --- persistence ------------------------------------------------------------------------
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
                    cancel_requested=bool(raw.get("cancel_requested")),
                    started_at=datetime.fromisoformat(raw["started_at"]) if raw.get("started_at") else None,
                )
            except (OSError, ValueError, KeyError, TypeError):
                continue
            self._jobs[job.id] = job
            self._ended[job.id] = threading.Event()
            if job.finished:
                self._ended[job.id].set()
                continue
            self._resume(job)

    def _resume(self, job: Job) -> None:
        """A job the server stopped during: queue it again with the files not done yet."""
        for jf in job.files:
            if jf.status == "running":
                jf.status = "queued"
        if job.cancel_requested:
            self._finish_cancelled(job)
            return
        if not all(Path(jf.path).exists() for jf in job.files if jf.status == "queued"):
            self._fail(job, "Máy chủ đã dừng và tệp tạm của công việc đã mất; hãy tải lên lại các tệp chưa xong.")
            return
        job.status = "queued"
        job.message = "Tiếp tục sau khi máy chủ khởi động lại."
        self._save(job)
        self._queues.setdefault(job.by, deque()).append(job)

    def _save(self, job: Job) -> None:
        atomic_write_json(self.folder / f"{job.id}.json", asdict(job))

    # --- submitting and cancelling ------------------------------------------------------------
    def submit(self, job_id: str, by: str, access: str, staged: list[tuple[str, Path]], staging: Path) -> Job:
        job = Job(id=job_id, by=by, access=access, created_at=_now(),
                  files=[JobFile(name=n, path=str(p)) for n, p in staged], staging=str(staging))
        with self._lock:
            waiting = len(self._queues.get(by, ()))
            limit = self.ctx.settings.max_queued_jobs_per_user
            if waiting >= limit:
                raise TooManyRequests(f"Bạn đã có {waiting} lần tải lên đang chờ xử lý (tối đa {limit}); "
                                      "hãy đợi các lần trước xong hoặc hủy bớt.")
            self._jobs[job.id] = job
            self._ended[job.id] = threading.Event()
            self._save(job)
            self._queues.setdefault(by, deque()).append(job)
            self._wake.notify()
        return job

    def cancel(self, job_id: str, by: str | None = None) -> Job:
        """Cancel a job: a queued one at once, a running one after the file it is on (files not started
        are left out; what was already stored stays). ``by`` None means an admin (any job)."""
        with self._lock:
            job = self._get(job_id, by)
            if job.finished:
                raise InputError("Công việc này đã kết thúc, không hủy được nữa.")
            job.cancel_requested = True
            queue = self._queues.get(job.by)
            if queue is not None and job in queue:
                queue.remove(job)
                self._finish_cancelled(job)
            else:
                self._save(job)
        return job

    def _finish_cancelled(self, job: Job) -> None:
        for jf in job.files:
            if jf.status in ("queued", "running"):
                jf.status, jf.code, jf.message = "cancelled", "cancelled", "Đã hủy trước khi xử lý."
        job.status, job.finished_at, job.message = "cancelled", _now(), "Đã hủy."
        self._save(job)
        self._drop_staging(job)
        self._ended.setdefault(job.id, threading.Event()).set()

    def _fail(self, job: Job, message: str, code: str = "internal") -> None:
        for jf in job.files:
            if jf.status in ("queued", "running"):
                jf.status, jf.code, jf.message = "failed", code, message
        job.status, job.finished_at, job.message = "failed", _now(), message
        self._save(job)
        self._drop_staging(job)
        self._ended.setdefault(job.id, threading.Event()).set()

    @staticmethod
    def _drop_staging(job: Job) -> None:
        if job.staging:
            shutil.rmtree(job.staging, ignore_errors=True)

    # --- workers --------------------------------------------------------------------------------
    def _next(self) -> Job | None:
        """The next job (called with the lock held): the oldest job of the user served least recently,
        so a user who just had a turn waits for everyone else's; None when stopping."""
        while not self._stopping:
            waiting = [u for u, q in self._queues.items() if q]
            if waiting:
                user = min(waiting, key=lambda u: self._served.get(u, -1))
                job = self._queues[user].popleft()
                if not self._queues[user]:
                    del self._queues[user]
                self._turn += 1
                self._served[user] = self._turn
                job.status = "running"
                job.started_at = job.started_at or _now()
                self._save(job)
                return job
            self._wake.wait()
        return None

    def _work(self) -> None:
        while True:
            with self._lock:
                job = self._next()
            if job is None:
                return
            try:
                self._run(job)
            except Exception:  # noqa: BLE001 - a worker must survive any one job
                log.exception("ingest job %s crashed", job.id)

    def _run(self, job: Job) -> None:
        from ingest.runner import FileResult, explain
        from services.ingest import ingest_files

        todo = [jf for jf in job.files if jf.status == "queued"]
        by_path = {f.path: f for f in todo}

        def progress(r: FileResult) -> None:
            jf = by_path.get(r.path)
            if jf is None:
                return
            with self._lock:
                jf.status, jf.doc_id, jf.code, jf.message = r.status, r.doc_id, r.code, r.message
                jf.pages, jf.seconds = getattr(r, "pages", 0), round(getattr(r, "seconds", 0.0), 3)
                self._save(job)

        ctx = self.ctx
        try:
            summary = ingest_files(ctx, [Path(f.path) for f in todo], access=job.access, user=job.by,
                                   jobs=ctx.settings.jobs if ctx.settings.jobs > 0 else 1, progress=progress,
                                   stop=lambda: job.cancel_requested or self._stopping)
        except Exception as e:  # noqa: BLE001 - the job reports the failure instead of dying silently
            log.exception("ingest job %s failed", job.id)
            code, message = explain(e)
            with self._lock:
                self._fail(job, message, code)
            return
        ctx.record_audit(job.by, "upload", None, {
            "job": job.id, "ingested": [r.doc_id for r in summary.ingested if r.doc_id],
            "duplicates": [r.doc_id for r in summary.duplicates],
            "failed": [{"name": r.name, "code": r.code} for r in summary.failed], "access": job.access})
        with self._lock:
            self._settle(job)

    def _settle(self, job: Job) -> None:
        """After a run: cancelled, paused for a restart (files left queued), or done."""
        if job.cancel_requested:
            self._finish_cancelled(job)
        elif self._stopping and any(jf.status == "queued" for jf in job.files):
            job.status = "queued"  # resumes when the server starts again (``_resume``)
            self._save(job)
        else:
            for jf in job.files:  # a file the runner never reported (should not happen)
                if jf.status == "queued":
                    jf.status, jf.code, jf.message = "failed", "internal", "Tệp không được xử lý."
            job.status, job.finished_at = "done", _now()
            self._save(job)
            self._drop_staging(job)
            self._ended[job.id].set()

    # --- reading --------------------------------------------------------------------------------
    def _get(self, job_id: str, by: str | None) -> Job:
        job = self._jobs.get(job_id)
        if job is None or (by is not None and job.by != by):
            raise NotFound(f"Không có công việc {job_id[:40]!r}.")
        return job

    def get(self, job_id: str) -> Job:
        return self._get(job_id, None)

    def list(self, by: str | None = None) -> list[Job]:
        jobs = sorted(self._jobs.values(), key=lambda j: j.created_at, reverse=True)
        return [j for j in jobs if by is None or j.by == by]

    def live_staging(self) -> set[str]:
        """Staging folders of jobs not finished (``sulieu check`` must not call them leftovers)."""
        with self._lock:
            return {j.staging for j in self._jobs.values() if j.staging and not j.finished}

    def wait(self, job_id: str, timeout: float | None = None) -> Job:
        self.get(job_id)
        self._ended[job_id].wait(timeout)
        return self.get(job_id)

    def shutdown(self) -> None:
        """Stop after the file each worker is on; unfinished jobs stay queued for the next start."""
        with self._lock:
            self._stopping = True
            self._wake.notify_all()
        for w in self._workers:
            w.join()
