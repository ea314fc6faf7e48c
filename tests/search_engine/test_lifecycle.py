"""Index lifecycle: schema version, automatic rebuild from the archive, corrections, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search_engine import SchemaMismatch, ensure_index, open_backend
from search_engine.indexer import build_index_document, date_span, reindex
from search_engine.models import SearchRequest
from search_engine.service import search
from sulieu.model import Correction
from sulieu.settings import Settings

from .conftest import CORPUS


def test_date_span_of_partial_dates():
    assert date_span("2024") == ("2024-01-01", "2024-12-31")
    assert date_span("2024-02") == ("2024-02-01", "2024-02-29")
    assert date_span("2024-03-05") == ("2024-03-05", "2024-03-05")
    assert date_span("2024-13") == (None, None)
    assert date_span(None) == (None, None)


def test_corrections_win_over_extracted_metadata():
    rec = CORPUS[0]
    corr = [
        Correction(field="symbol", value="194-KH/QU", by="editor"),
        Correction(field="date", value="2022", by="editor"),
        Correction(field="access", value="internal", by="admin"),
    ]
    doc = build_index_document(rec, corr, None)
    assert doc.symbol == "194-KH/QU" and doc.symbol_key == "194-kh-qu"
    assert (doc.year, doc.date_from, doc.date_to) == (2022, "2022-01-01", "2022-12-31")
    assert doc.access == "internal"
    assert doc.issuer_path == ["Quận ủy Kiến An", "Thành ủy Hải Phòng"]
    assert doc.signer and "Nguyễn Văn Hòa" in doc.signer


class _Graph:
    def targets(self, doc_id):
        class T:
            target_id = "a000000000000003"

        return [T()] if doc_id == "a000000000000001" else []


def test_graph_targets_become_cites_ids():
    assert build_index_document(CORPUS[0], [], _Graph()).cites_ids == ["a000000000000003"]
    assert build_index_document(CORPUS[1], [], _Graph()).cites_ids == []


def test_schema_mismatch_is_detected_and_ensure_index_rebuilds(store):
    settings = Settings(archive=store.root, es_url=None)
    backend = ensure_index(settings, store)  # empty index + records: builds it
    assert backend.ids() == {r.id for r in CORPUS}
    backend.close()
    vf = store.root / "index" / "sulieu_schema.json"
    vf.write_text(json.dumps({"schema_version": 0}))
    with pytest.raises(SchemaMismatch) as e:
        open_backend(settings)
    assert "sulieu reindex" in e.value.message
    backend = ensure_index(settings, store)
    assert backend.stored_schema_version() == backend.schema_version
    assert search(backend, SearchRequest(q="Kiến An")).total == 1
    backend.close()


def test_reindex_reports_counts_and_survives_a_broken_record(store, tmp_path: Path):
    from search_engine.tantivy_backend import TantivyBackend

    bad = store.root / "records" / "ff" / "ff00000000000000.json"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("{not json")
    backend = TantivyBackend(tmp_path / "ix")
    stats = reindex(store, backend)
    assert stats["documents"] == len(CORPUS) and stats["failed"] == 1
    assert stats["pages"] == sum(len(r.pages) for r in CORPUS)
    backend.close()


def test_reindex_in_worker_processes_builds_the_same_index(store, tmp_path: Path, monkeypatch):
    """Records read and analysed by two worker processes, in small tasks so several are in flight:
    the same documents, pages, answers and scores as one process, and the broken record counted."""
    import search_engine.parallel_build as parallel_build
    from search_engine.tantivy_backend import TantivyBackend

    monkeypatch.setattr(parallel_build, "CHUNK_DOCS", 2)
    bad = store.root / "records" / "ff" / "ff00000000000000.json"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("{not json")
    one, two = TantivyBackend(tmp_path / "one"), TantivyBackend(tmp_path / "two")
    s1, s2 = reindex(store, one), reindex(store, two, jobs=2)
    assert (s2["documents"], s2["pages"], s2["failed"]) == (s1["documents"], s1["pages"], 1) == (
        len(CORPUS), sum(len(r.pages) for r in CORPUS), 1)
    assert two.ids() == one.ids() == {r.id for r in CORPUS}
    for q in ("lich su dang bo", "Kiến An", '"vẻ vang"', "so:328"):
        a, b = search(one, SearchRequest(q=q)), search(two, SearchRequest(q=q))
        assert [(h.id, h.score, [p.page for p in h.pages]) for h in a.hits] == [
            (h.id, h.score, [p.page for p in h.pages]) for h in b.hits], q
        assert a.total == b.total > 0, q
    one.close()
    two.close()


def test_reindex_reports_progress_after_every_batch(store, tmp_path: Path, monkeypatch):
    import search_engine.indexer as indexer
    from search_engine.tantivy_backend import TantivyBackend

    monkeypatch.setattr(indexer, "BATCH_DOCS", 2)
    seen: list[dict] = []
    backend = TantivyBackend(tmp_path / "ix")
    stats = reindex(store, backend, progress=seen.append)
    backend.close()
    assert [p["documents_done"] for p in seen] == [2, 4, 5]
    assert {p["documents_total"] for p in seen} == {5}
    assert seen[-1]["pages"] == stats["pages"] and seen[0]["pages"] < stats["pages"]


def test_progress_line_shows_rate_and_time_left():
    from sulieu_cli.cmd_reindex import progress_line

    line = progress_line({"documents_done": 2500, "documents_total": 10_000, "pages": 24_000, "seconds": 20.0})
    assert line == ("Đang dựng chỉ mục: 2.500/10.000 tài liệu (25 %), 24.000 trang, 1.200 trang/giây, "
                    "còn khoảng 1 phút 0 giây")


def test_cli_search_json_is_the_api_shape(store, capsys, monkeypatch):
    from sulieu_cli.main import main

    monkeypatch.delenv("SULIEU_ES_URL", raising=False)
    assert main(["--archive", str(store.root), "reindex"]) == 0
    out = capsys.readouterr()
    assert "5 tài liệu" in out.out
    assert "Đang dựng chỉ mục: 5/5 tài liệu (100 %)" in out.err and "trang/giây" in out.err
    assert main(["--archive", str(store.root), "search", "lich su dang bo", "--limit", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] >= 2 and len(data["hits"]) == 2
    assert {"id", "title", "doc_type", "symbol", "issuer", "date", "score", "snippets"} <= data["hits"][0].keys()
    assert set(data["facets"]) >= {"doc_type", "issuer", "level", "place", "year"}
    assert main(["--archive", str(store.root), "search", "Số:", "193-KH/QU"]) == 0
    out = capsys.readouterr().out
    assert "193-KH/QU" in out and "tr. 1" in out


def test_cli_reports_a_bad_query_without_a_traceback(store, capsys):
    from sulieu_cli.main import main

    assert main(["--archive", str(store.root), "search", '"lịch sử']) == 1
    err = capsys.readouterr().err
    assert "ngoặc kép" in err and "Traceback" not in err


def test_index_of_the_single_index_layout_is_rebuilt(store):
    """An index written before documents and pages had indexes of their own (one Tantivy index in
    ``index/``, schema 2) is stale: opening says so, ``ensure_index`` rebuilds it."""
    import tantivy

    from search_engine.tantivy_backend import VERSION_FILE, build_schema

    settings = Settings(archive=store.root, es_url=None)
    old = store.root / "index"
    old.mkdir(parents=True, exist_ok=True)
    tantivy.Index(build_schema(), path=str(old))
    (old / VERSION_FILE).write_text(json.dumps({"schema_version": 2}))
    with pytest.raises(SchemaMismatch):
        open_backend(settings)
    backend = ensure_index(settings, store)
    assert backend.ids() == {r.id for r in CORPUS}
    assert not (old / "meta.json").exists() and (old / "docs" / "meta.json").exists()
    backend.close()


def test_batch_stopped_between_its_two_commits_is_written_again(store, monkeypatch):
    """Pages are committed before documents; a failure in between is remembered and repaired."""
    import search_engine.tantivy_backend as tb
    from search_engine.indexer import sync
    from sulieu.errors import BackendError

    settings = Settings(archive=store.root, es_url=None)
    backend = ensure_index(settings, store)
    doc_id = CORPUS[0].id
    real_writer = backend._writer

    class FailingCommit:  # the documents' writer fails on commit, after the pages' one succeeded
        def __init__(self, inner):
            self.inner = inner

        def __getattr__(self, name):
            return getattr(self.inner, name)

        def commit(self):
            raise ValueError("disk full (injected)")

    def writer(index):
        w = real_writer(index)
        return FailingCommit(w) if index is backend.docs else w

    monkeypatch.setattr(backend, "_writer", writer)
    with pytest.raises(BackendError):
        sync(store, backend, [doc_id])
    monkeypatch.undo()
    assert backend.unfinished() == {doc_id}
    backend.close()
    assert open_backend(settings, repair=False).unfinished() == {doc_id}  # what `sulieu doctor` sees
    backend = open_backend(settings)  # what the server, ingest and check open: repaired first
    assert backend.unfinished() == set()
    assert search(backend, SearchRequest(q="Kiến An")).hits[0].id == doc_id
    assert search(backend, SearchRequest(q="Kiến An")).hits[0].snippets[0].html
    assert tb.UNFINISHED_FILE and not (store.root / "index" / tb.UNFINISHED_FILE).exists()
    backend.close()


def test_preload_reads_every_index_file(store):
    settings = Settings(archive=store.root, es_url=None)
    backend = ensure_index(settings, store)
    files = [f for part in ("docs", "pages") for f in (store.root / "index" / part).glob("*") if f.is_file()]
    assert files and backend.preload() == sum(f.stat().st_size for f in files)
    backend.close()


def test_server_start_warms_the_index_in_the_background(store, caplog):
    import logging
    import time

    from fastapi.testclient import TestClient

    from search_api.app import create_app

    ensure_index(Settings(archive=store.root, es_url=None), store).close()
    caplog.set_level(logging.INFO, logger="sulieu.api")
    with TestClient(create_app(Settings(archive=store.root, es_url=None))):
        deadline = time.monotonic() + 10
        while "preloaded" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.05)
    assert "preloaded" in caplog.text
