"""Shared fixtures: where ../shared is, and a fresh archive folder per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# The engines a run may test against, read once; then removed from the environment, so every Settings()
# a test builds uses the embedded Tantivy engine unless the test asks for a cluster engine itself.
ENGINE_URLS = {
    "es": os.environ.pop("SULIEU_ES_URL", None),
    "opensearch": os.environ.pop("SULIEU_OPENSEARCH_URL", None),
}

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SULIEU_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (real documents and benchmarks); tests using it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"thư mục dữ liệu dùng chung {SHARED} không có")
    return SHARED


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    from sulieu.store import ArchiveStore

    root = tmp_path / "archive"
    ArchiveStore(root).init()
    return root
