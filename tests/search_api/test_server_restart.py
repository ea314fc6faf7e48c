"""Issue 13, item 9: SIGKILL of the server while uploads wait or run. The jobs used to be marked failed
and their files deleted; now they resume at the next start with their files and finish. A real uvicorn
server, killed for real; the test holds the archive's writer lock (a file lock, across processes) so the
first job is caught mid-way."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from services.preservation import check
from services.users import UserStore
from sulieu.settings import Settings
from sulieu.store import ArchiveStore

ROOT = Path(__file__).resolve().parents[2]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(archive: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, SULIEU_ARCHIVE=str(archive), SULIEU_JOBS="1", SULIEU_UPLOAD_WORKERS="1",
               SULIEU_SECRET_KEY="thu-nghiem", SULIEU_SEARCH_PRELOAD="false", OMP_THREAD_LIMIT="1")
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "search_api.app:create_app", "--host",
                             "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                            env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, cwd=ROOT)
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/version", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start: " + log.read_text()[-2000:])
        time.sleep(0.2)


def _text(n: int) -> bytes:
    return f"THÔNG BÁO\nSố {n}-TB/HU\nVề việc sưu tầm tư liệu lịch sử Đảng bộ huyện, đợt {n}.\n".encode()


@pytest.mark.slow
@pytest.mark.integration
def test_jobs_survive_sigkill_of_the_server(tmp_path: Path) -> None:
    archive = tmp_path / "kho"
    store = ArchiveStore(archive).init()
    users = UserStore(store.users_db, session_hours=1)
    users.add_user("lan", "editor", "mat-khau-dai-du")
    token, _ = users.create_token("lan", "thử")
    auth = {"Authorization": f"Bearer {token}"}
    port, log = _port(), tmp_path / "uvicorn.log"
    base = f"http://127.0.0.1:{port}"
    proc = _start(archive, port, log)
    try:
        with store.writer_lock():  # the first job stops at its first record write
            ids = []
            for files in ([("files", ("a.txt", _text(1))), ("files", ("b.txt", _text(2)))],
                          [("files", ("c.txt", _text(3)))]):
                r = httpx.post(base + "/api/uploads", files=files, headers=auth, timeout=30)
                assert r.status_code == 202, r.text
                ids.append(r.json()["id"])
            deadline = time.monotonic() + 60
            while httpx.get(f"{base}/api/jobs/{ids[0]}", headers=auth).json()["status"] != "running":
                assert time.monotonic() < deadline
                time.sleep(0.1)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        staged = list(store.uploads_dir.rglob("*.txt"))
        assert len(staged) == 3  # nothing deleted by the crash
        assert not [w for w in check(Settings(archive=archive)).warnings if "uploads" in (w.path or "")]
        proc = _start(archive, port, log)
        deadline = time.monotonic() + 180
        for job_id in ids:
            while (job := httpx.get(f"{base}/api/jobs/{job_id}", headers=auth).json())["status"] in ("queued",
                                                                                                   "running"):
                assert time.monotonic() < deadline, job
                time.sleep(0.2)
            assert job["status"] == "done", job
            assert all(f["status"] == "ingested" for f in job["files"]), job
        assert store.count() == 3 and not list(store.uploads_dir.rglob("*.txt"))
        found = httpx.get(base + "/api/search", params={"q": "sưu tầm tư liệu"}, timeout=30).json()
        assert found["total"] == 3
    finally:
        proc.kill()
        proc.wait()


@pytest.mark.slow
@pytest.mark.integration
def test_forty_parallel_web_uploads_behind_a_long_job_do_not_stop_the_service(tmp_path: Path) -> None:
    """Issue 13, item 2: 40 parallel uploads of the web form (``Accept: application/json``) while a long
    job ran used to hold one request thread each and left /health and every page timing out for about
    ten minutes. Now each answers at once (202, or 429 beyond the per-user queue) and the rest of the
    service keeps answering."""
    from concurrent.futures import ThreadPoolExecutor

    archive = tmp_path / "kho"
    store = ArchiveStore(archive).init()
    UserStore(store.users_db, session_hours=1).add_user("lan", "editor", "mat-khau-dai-du")
    port, log = _port(), tmp_path / "uvicorn.log"
    base = f"http://127.0.0.1:{port}"
    proc = _start(archive, port, log)
    try:
        client = httpx.Client(base_url=base, timeout=60)
        login = client.post("/api/auth/login", json={"name": "lan", "password": "mat-khau-dai-du"})
        assert login.status_code == 200, login.text
        headers = {"Accept": "application/json", "X-CSRF-Token": login.json()["csrf_token"]}
        cookies = dict(client.cookies)

        def upload(i: int) -> tuple[int, float]:
            t0 = time.monotonic()
            r = httpx.post(base + "/upload", headers=headers, cookies=cookies, timeout=60,
                           files=[("files", (f"tb-{i}.txt", _text(100 + i), "text/plain"))])
            return r.status_code, time.monotonic() - t0

        with store.writer_lock():  # the first job holds the single worker: a long job
            first = upload(0)
            assert first[0] == 202
            with ThreadPoolExecutor(40) as pool:
                futures = [pool.submit(upload, i) for i in range(1, 41)]
                health = []
                for _ in range(10):
                    t0 = time.monotonic()
                    assert httpx.get(base + "/health", timeout=30).status_code in (200, 503)
                    assert httpx.get(base + "/", timeout=30).status_code == 200
                    health.append(time.monotonic() - t0)
                answers = [f.result() for f in futures]
        codes = [c for c, _ in answers]
        assert set(codes) <= {202, 429} and codes.count(202) == 20, codes  # the per-user queue holds 20
        assert max(t for _, t in answers) < 15, max(t for _, t in answers)
        assert max(health) < 5, health
        print(f"uploads: {[c for c, _ in answers].count(202)} accepted, {[c for c, _ in answers].count(429)} "
              f"refused (queue full); slowest answer {max(t for _, t in answers):.2f} s; health+page "
              f"max {max(health):.2f} s")
    finally:
        proc.kill()
        proc.wait()
