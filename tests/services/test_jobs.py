"""Upload jobs: users served in turn, a cap on waiting jobs, cancel, resume after a restart, and
staged files of dead jobs found by ``check`` (issue 13, items 2 and 9). Real ingest of small text files;
the test holds the archive's writer lock to keep a job in progress while it arranges the others."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from services.context import ArchiveContext
from services.jobs import JobManager
from services.preservation import check
from sulieu.errors import TooManyRequests
from sulieu.settings import Settings
from sulieu.store import ArchiveStore


def _ctx(tmp_path: Path, **overrides: object) -> ArchiveContext:
    settings = Settings(archive=tmp_path / "kho", jobs=1, upload_workers=1, **overrides)  # type: ignore[arg-type]
    ArchiveStore(settings.archive).init()
    return ArchiveContext.open(settings)


def _stage(ctx: ArchiveContext, job_id: str, n: int) -> tuple[list[tuple[str, Path]], Path]:
    staging = ctx.store.uploads_dir / job_id
    files = []
    for i in range(n):
        f = staging / f"{i:04d}" / f"cong-van-{job_id}-{i}.txt"
        f.parent.mkdir(parents=True)
        f.write_text(f"CÔNG VĂN số {i + 1}-CV/{job_id.upper()}\nVề việc sưu tầm tư liệu lịch sử Đảng bộ {job_id} {i}.\n",
                     encoding="utf-8")
        files.append((f.name, f))
    return files, staging


def _until(cond, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_users_are_served_in_turn_and_queues_are_capped(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path, max_queued_jobs_per_user=4)
    jobs = JobManager(ctx)
    try:
        with ctx.store.writer_lock():  # the first job blocks at its first record write
            first = jobs.submit("a0", "an", "public", *_stage(ctx, "a0", 1))
            _until(lambda: first.status == "running")
            for i in range(1, 5):
                jobs.submit(f"a{i}", "an", "public", *_stage(ctx, f"a{i}", 1))
            with pytest.raises(TooManyRequests):
                jobs.submit("a5", "an", "public", *_stage(ctx, "a5", 1))
            jobs.submit("b0", "binh", "public", *_stage(ctx, "b0", 1))
        for j in jobs.list():
            if j.id != "a5":
                assert jobs.wait(j.id, 120).status == "done", j.public()
        order = [j.id for j in sorted((j for j in jobs.list() if j.started_at), key=lambda j: j.started_at)]
        assert order.index("b0") == 1, order  # right after the job that was running, not after all of an's
    finally:
        jobs.shutdown()
        ctx.close()


def test_cancel_a_queued_job_at_once_and_a_running_one_after_its_file(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    jobs = JobManager(ctx)
    try:
        with ctx.store.writer_lock():
            running = jobs.submit("c1", "an", "public", *_stage(ctx, "c1", 3))
            _until(lambda: running.status == "running")
            queued = jobs.submit("c2", "an", "public", *_stage(ctx, "c2", 1))
            assert jobs.cancel("c2", "an").status == "cancelled"
            assert not (ctx.store.uploads_dir / "c2").exists()
            jobs.cancel("c1", "an")
        done = jobs.wait("c1", 120)
        assert done.status == "cancelled"
        statuses = [f.status for f in done.files]
        assert statuses[0] == "ingested" and statuses[1:] == ["cancelled", "cancelled"], statuses
        assert ctx.store.count() == 1 and queued.files[0].status == "cancelled"
        assert not (ctx.store.uploads_dir / "c1").exists()
    finally:
        jobs.shutdown()
        ctx.close()


def test_a_job_interrupted_by_a_restart_resumes_with_its_files(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    jobs = JobManager(ctx)
    lock = ctx.store.writer_lock()
    lock.__enter__()
    job = jobs.submit("r1", "an", "public", *_stage(ctx, "r1", 3))
    _until(lambda: job.status == "running")
    stopper = threading.Thread(target=jobs.shutdown)
    stopper.start()  # the server stops while the first file waits for the lock
    time.sleep(0.2)
    lock.__exit__(None, None, None)
    stopper.join(60)
    assert job.status == "queued" and [f.status for f in job.files].count("ingested") == 1
    report = check(ctx.settings)
    assert not [w for w in report.warnings if "r1" in (w.path or "")]  # a resumable job's files are not leftovers
    again = JobManager(ctx)  # the next start
    try:
        done = again.wait("r1", 120)
        assert done.status == "done" and [f.status for f in done.files] == ["ingested"] * 3
        assert ctx.store.count() == 3
    finally:
        again.shutdown()
        ctx.close()


def test_check_reports_and_repair_removes_uploads_of_dead_jobs(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    _stage(ctx, "deadbeef", 2)  # staged files whose job record is gone (a crash before it was written)
    report = check(ctx.settings)
    dead = [w for w in report.warnings if w.kind == "staging_leftover"]
    assert len(dead) == 2 and all("deadbeef" in (w.path or "") for w in dead)
    repaired = check(ctx.settings, repair=True)
    assert repaired.repaired.get("staging_removed") == 2
    assert not (ctx.store.uploads_dir / "deadbeef").exists()
    ctx.close()
