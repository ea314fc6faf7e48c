"""A small real archive for the UI tests, built once per session by the real ingest pipeline.

Five seed documents from ../shared, a directive the Long Biên seed cites (so a citation
resolves), a scanned notice (OCR with word boxes) and an internal-only report.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.sample import CT20, SCAN_TB, write_scan, write_text

EDITOR = ("bientap", "mat-khau-bien-tap-2024")
READER = ("bandoc", "mat-khau-ban-doc-2024")

INTERNAL_BC = """ĐẢNG BỘ TP HẢI PHÒNG
QUẬN ỦY KIẾN AN
*
Số 12-BC/QU

ĐẢNG CỘNG SẢN VIỆT NAM
Kiến An, ngày 05 tháng 5 năm 2023

BÁO CÁO

tình hình tổ chức cơ sở đảng quý I năm 2023 (lưu hành nội bộ)

Báo cáo này tổng hợp số liệu đảng viên chuyển sinh hoạt và việc kiểm điểm chi bộ khóa sổ quý.
"""


def _settings(root: Path):
    from sulieu.settings import Settings

    return Settings(archive=root, jobs=1)


@pytest.fixture(scope="session")
def built_archive(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    """The archive folder, ingested once; tests that write must copy it (``fresh_archive``)."""
    os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
    from services.ingest import ingest_paths
    from services.users import UserStore

    base = tmp_path_factory.mktemp("ui")
    src = base / "src"
    files = sorted((shared_dir / "seeds").glob("*.txt"))
    files.append(write_text(src / "chi-thi-20-CT-TW.txt", CT20))
    files.append(write_scan(src / "thong-bao-45-TB-HU.png", SCAN_TB,
                            signature=["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn Thử"]))
    root = base / "archive"
    settings = _settings(root)
    summary = ingest_paths(files, settings, jobs=1)
    assert not summary.failed, [(r.name, r.message) for r in summary.failed]
    internal = ingest_paths([write_text(src / "bao-cao-noi-bo.txt", INTERNAL_BC)], settings, access="internal", jobs=1)
    assert not internal.failed, [(r.name, r.message) for r in internal.failed]
    for (name, password), role in ((EDITOR, "editor"), (READER, "reader")):
        done = subprocess.run([sys.executable, "-m", "sulieu_cli", "--archive", str(root), "user", "add", name,
                               "--role", role, "--password-stdin"], input=password + "\n", text=True,
                              capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr
    assert {u.name for u in UserStore(root / "users.sqlite").list_users()} == {EDITOR[0], READER[0]}
    return root


@pytest.fixture(scope="session")
def sample_archive_ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated sample archive (``sample_data.generate_sample``) through the real pipeline, once per
    session for the journey tests; read-only: a module that writes copies it first."""
    from sample_data.generate import generate_sample
    from services.ingest import ingest_paths
    from sulieu.model import ACCESS_LEVELS

    os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
    base = tmp_path_factory.mktemp("sample-ingested")
    src = base / "src"
    generate_sample(src)
    settings = _settings(base / "archive")
    for access in ACCESS_LEVELS:
        if (src / access).is_dir():
            summary = ingest_paths([src / access], settings, access=access, jobs=2)
            assert not summary.failed, [(r.name, r.message) for r in summary.failed]
    return base / "archive"


@pytest.fixture
def fresh_archive(built_archive: Path, tmp_path: Path) -> Path:
    target = tmp_path / "archive"
    shutil.copytree(built_archive, target)
    return target


@pytest.fixture(scope="session")
def app(built_archive: Path):
    from search_api.app import create_app

    return create_app(_settings(built_archive))


class Client:
    """Synchronous wrapper over httpx.AsyncClient + ASGITransport (real HTTP through the ASGI app)."""

    def __init__(self, app) -> None:
        import httpx

        self._loop = asyncio.new_event_loop()
        self._client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")

    def request(self, method: str, url: str, **kw):
        return self._loop.run_until_complete(self._client.request(method, url, **kw))

    def get(self, url: str, **kw):
        return self.request("GET", url, **kw)

    def post(self, url: str, **kw):
        return self.request("POST", url, **kw)

    @property
    def cookies(self):
        return self._client.cookies

    def close(self) -> None:
        self._loop.run_until_complete(self._client.aclose())
        self._loop.close()


@pytest.fixture
def client(app):
    c = Client(app)
    yield c
    c.close()


def csrf_from(html: str) -> str:
    import re

    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no CSRF token in the form"
    return m.group(1)


def login(c: Client, name: str, password: str) -> None:
    token = csrf_from(c.get("/login").text)
    r = c.post("/login", data={"name": name, "password": password, "csrf_token": token, "next": "/"})
    assert r.status_code == 303, r.text[:500]


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium through Playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    from tests.ui.live_server import ARGS, CHROMIUM

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()
