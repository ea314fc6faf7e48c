"""Shared fixtures: where ../shared is, and a fresh archive folder per test."""

from __future__ import annotations

import os
from collections import Counter
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


ENGINE_ENV = {"es": "SULIEU_ES_URL", "opensearch": "SULIEU_OPENSEARCH_URL"}
# The run's summary counts, per engine, the engine-parametrised tests that passed, failed or were skipped,
# so "the same results on every engine" is read off the summary, not assumed.
ENGINE_LABEL = {"tantivy": "Tantivy", "es": "Elasticsearch", "opensearch": "OpenSearch"}
_outcomes: dict[str, Counter[str]] = {}


def _engine_of(nodeid: str) -> str | None:
    params = nodeid.rpartition("[")[2].rstrip("]").split("-") if nodeid.endswith("]") else []
    return next((e for e in ENGINE_LABEL if e in params), None)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    engine = _engine_of(report.nodeid)
    if engine is None or not (report.when == "call" or report.skipped or report.failed):
        return
    outcome = "skipped" if report.skipped else ("failed" if report.failed else "passed")
    _outcomes.setdefault(engine, Counter())[outcome] += 1


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    for engine, label in ENGINE_LABEL.items():
        c = _outcomes.get(engine)
        if not c:
            continue
        where = f" ({ENGINE_URLS[engine]})" if ENGINE_URLS.get(engine) else ""
        line = f"Kiểm thử theo máy tìm kiếm, {label}{where}: {c['passed']} đạt, {c['failed']} lỗi, {c['skipped']} bỏ qua"
        if c["skipped"] and engine in ENGINE_ENV and not ENGINE_URLS[engine]:
            line += f" (chưa đặt {ENGINE_ENV[engine]})"
        terminalreporter.write_line(line, yellow=bool(c["skipped"] or c["failed"]), green=not (c["skipped"] or c["failed"]))


def engine_overrides(engine: str) -> dict[str, object]:
    """Settings that put an app on ``engine`` with an index of its own (skips when the engine is not
    configured for this run). Tantivy needs none."""
    if engine == "tantivy":
        return {}
    url = ENGINE_URLS[engine]
    if not url:
        pytest.skip(f"chưa đặt {ENGINE_ENV[engine]}")
    import uuid

    key = "opensearch_url" if engine == "opensearch" else "es_url"
    return {key: url, "es_index": f"sulieu-app-{uuid.uuid4().hex[:12]}"}


def drop_engine_index(settings: object) -> None:
    """Delete a test's cluster index (nothing to do for Tantivy, whose index lives in the test's folder)."""
    from search_engine import connect

    if getattr(settings, "opensearch_url", None) or getattr(settings, "es_url", None):
        backend = connect(settings)  # type: ignore[arg-type]
        try:
            backend.client.delete_index(backend.index)  # type: ignore[attr-defined]
        finally:
            backend.close()
