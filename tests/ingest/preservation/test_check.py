"""``sulieu check``: fixity of originals, validity of records, agreement of the index, and --repair."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from search_engine import IndexDocument, open_backend
from services.preservation import check_archive
from sulieu.model import Correction
from sulieu_cli.main import main
from tests.ingest.preservation.conftest import Sample, snapshot


def run_check(sample: Sample, *extra: str, capsys) -> tuple[int, dict]:
    code = main(["--archive", str(sample.store.root), "check", "--json", *extra])
    return code, json.loads(capsys.readouterr().out)


def kinds(report: dict) -> list[str]:
    return sorted(p["kind"] for p in report["problems"])


def _tamper(path: Path, data: bytes) -> None:
    os.chmod(path, 0o644)
    path.write_bytes(data)


def test_clean_archive_passes(indexed_sample: Sample, capsys) -> None:
    code, report = run_check(indexed_sample, capsys=capsys)
    assert code == 0
    assert report["ok"] is True and report["problems"] == []
    assert report["counts"]["records"] == 4
    assert report["counts"]["originals"] == 4
    assert report["counts"]["page_files"] == 12
    assert report["counts"]["corrections"] == 2
    assert report["counts"]["index_documents"] == 4
    assert report["index_checked"] is True
    # The text report says the same in Vietnamese.
    assert main(["--archive", str(indexed_sample.store.root), "check"]) == 0
    assert "Kết quả: ĐẠT" in capsys.readouterr().out


def test_modified_original_is_reported_and_repair_never_touches_it(indexed_sample: Sample, capsys) -> None:
    rec = indexed_sample.records[1]
    orig = indexed_sample.store.original_path(rec.provenance.sha256)
    tampered = orig.read_bytes().replace("THÔNG BÁO".encode(), b"THONG BAO")
    _tamper(orig, tampered)
    code, report = run_check(indexed_sample, capsys=capsys)
    assert code == 1
    bad = [p for p in report["problems"] if p["kind"] == "original_modified"]
    assert [p["doc_id"] for p in bad] == [rec.id]
    assert bad[0]["repairable"] is False
    code, report = run_check(indexed_sample, "--repair", capsys=capsys)
    assert code == 1, "a modified original cannot be repaired by re-indexing"
    assert orig.read_bytes() == tampered, "--repair must never write originals"
    assert "original_modified" in kinds(report)


def test_same_size_modification_is_caught_by_hash(indexed_sample: Sample) -> None:
    rec = indexed_sample.records[0]
    orig = indexed_sample.store.original_path(rec.provenance.sha256)
    data = bytearray(orig.read_bytes())
    data[-2] ^= 0x01  # one bit, same size
    _tamper(orig, bytes(data))
    report = check_archive(indexed_sample.store)
    assert [(p.kind, p.doc_id) for p in report.problems] == [("original_modified", rec.id)]


def test_deleted_original_and_page_file(indexed_sample: Sample, capsys) -> None:
    a, b = indexed_sample.records[0], indexed_sample.records[2]
    indexed_sample.store.original_path(a.provenance.sha256).unlink()
    (indexed_sample.store.root / b.pages[0].image).unlink()
    code, report = run_check(indexed_sample, capsys=capsys)
    assert code == 1
    found = {(p["kind"], p["doc_id"]) for p in report["problems"]}
    assert found == {("original_missing", a.id), ("page_file_missing", b.id)}


def test_future_schema_and_broken_records(indexed_sample: Sample, capsys) -> None:
    store = indexed_sample.store
    a, b = indexed_sample.records[0], indexed_sample.records[3]
    pa = store.record_path(a.id)
    raw = json.loads(pa.read_text(encoding="utf-8"))
    raw["schema_version"] = 99
    pa.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    store.record_path(b.id).write_text('{"id": "', encoding="utf-8")
    code, report = run_check(indexed_sample, capsys=capsys)
    assert code == 1
    found = {(p["kind"], p["doc_id"]) for p in report["problems"]}
    assert ("record_future_version", a.id) in found
    assert ("record_invalid", b.id) in found
    msg = next(p["message"] for p in report["problems"] if p["kind"] == "record_future_version")
    assert "mới hơn" in msg and "99" in msg
    # An unreadable record is not also reported as "extra in the index".
    assert not [p for p in report["problems"] if p["kind"] == "index_extra"]


def test_index_missing_extra_stale_then_repair(indexed_sample: Sample, capsys) -> None:
    store, settings = indexed_sample.store, indexed_sample.settings
    gone, stale = indexed_sample.records[0].id, indexed_sample.records[1].id
    backend = open_backend(settings)
    try:
        with backend.batch() as b:
            b.delete(gone)
            b.upsert(IndexDocument(id="00000000deadbeef", title="không có trong kho"))
    finally:
        backend.close()
    # A correction written without re-indexing leaves the index stale for that document.
    store.add_correction(stale, Correction(field="access", value="restricted", by="quantri"))
    before = {k: v for k, v in snapshot(store.root).items() if not k.startswith(("index/", "graph.json"))}

    code, report = run_check(indexed_sample, capsys=capsys)
    assert code == 1
    found = {(p["kind"], p["doc_id"]) for p in report["problems"]}
    assert found == {("index_missing", gone), ("index_extra", "00000000deadbeef"), ("index_stale", stale)}
    assert all(p["repairable"] for p in report["problems"])

    code, report = run_check(indexed_sample, "--repair", capsys=capsys)
    assert code == 0, report
    assert report["repaired"] == {"index_missing": 1, "index_stale": 1, "index_extra": 1}
    after = {k: v for k, v in snapshot(store.root).items() if not k.startswith(("index/", "graph.json"))}
    assert after == before, "repair writes only the index"
    backend = open_backend(settings)
    try:
        assert backend.ids() == set(store.iter_ids())
        assert backend.get(stale, ["public", "internal", "restricted"]).access == "restricted"
        assert backend.get(stale, ["public", "internal"]) is None
    finally:
        backend.close()
    code, report = run_check(indexed_sample, capsys=capsys)
    assert code == 0 and report["problems"] == []


def test_schema_mismatch_rebuilds_index(indexed_sample: Sample, capsys) -> None:
    from search_engine.tantivy_backend import VERSION_FILE

    vfile = indexed_sample.store.index_dir / VERSION_FILE
    vfile.write_text(json.dumps({"schema_version": 0}))
    code, report = run_check(indexed_sample, capsys=capsys)
    assert code == 1 and kinds(report) == ["index_schema"]
    code, report = run_check(indexed_sample, "--repair", capsys=capsys)
    assert code == 0, report
    assert report["repaired"] == {"reindexed": 4}
    assert report["counts"]["index_documents"] == 4


def test_missing_index_is_rebuilt_by_repair(indexed_sample: Sample, capsys) -> None:
    import shutil

    shutil.rmtree(indexed_sample.store.index_dir)
    code, report = run_check(indexed_sample, capsys=capsys)
    assert code == 1 and kinds(report) == ["index_missing"] * 4
    code, report = run_check(indexed_sample, "--repair", capsys=capsys)
    assert code == 0 and report["counts"]["index_documents"] == 4


def test_orphan_original_is_a_warning_not_a_failure(indexed_sample: Sample, capsys) -> None:
    indexed_sample.store.put_original_bytes(b"left behind by an interrupted ingest")
    code, report = run_check(indexed_sample, capsys=capsys)
    assert code == 0
    assert [w["kind"] for w in report["warnings"]] == ["original_orphan"]


def test_staged_files_of_a_failed_ingest_are_reported_and_removed_by_repair(indexed_sample: Sample, capsys) -> None:
    import time

    tmp = indexed_sample.store.root / "tmp"
    old_dir = tmp / "ab12"
    old_dir.mkdir(parents=True, exist_ok=True)
    old, fresh = old_dir / "page-0001.png", tmp / "page-0002.words.json"
    old.write_bytes(b"staged page image of a failed ingest")
    fresh.write_text("[]")  # may belong to the ingest running now: left alone while it runs
    job = tmp / "jobs" / "j1.json"
    job.parent.mkdir(parents=True, exist_ok=True)
    job.write_text("{}")  # an upload job's record: history, not a leftover
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))
    os.utime(job, (day_ago, day_ago))
    with indexed_sample.store.ingest_activity():  # an ingest is running
        code, report = run_check(indexed_sample, capsys=capsys)
        assert code == 0  # a warning, not a failure
        assert [(w["kind"], w["path"]) for w in report["warnings"]] == [("staging_leftover", "tmp/ab12/page-0001.png")]
        before = snapshot(indexed_sample.store.root / "originals")
        code, report = run_check(indexed_sample, "--repair", capsys=capsys)
        assert code == 0 and report["repaired"] == {"staging_removed": 1} and report["warnings"] == []
        assert not old.exists() and fresh.exists() and job.exists()
    # No ingest running (a killed one leaves its fresh files behind, issue 13 item 9): reported at once.
    code, report = run_check(indexed_sample, capsys=capsys)
    assert [(w["kind"], w["path"]) for w in report["warnings"]] == [("staging_leftover", "tmp/page-0002.words.json")]
    code, report = run_check(indexed_sample, "--repair", capsys=capsys)
    assert report["repaired"] == {"staging_removed": 1} and not fresh.exists() and job.exists()
    assert snapshot(indexed_sample.store.root / "originals") == before


def test_no_archive_is_a_problem(tmp_path: Path, capsys) -> None:
    code = main(["--archive", str(tmp_path / "nothing"), "check", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and kinds(report) == ["archive_missing"]
    assert not (tmp_path / "nothing").exists(), "checking must not create an archive"


@pytest.mark.parametrize("quick", [True, False])
def test_quick_mode_skips_stale_comparison(indexed_sample: Sample, quick: bool, capsys) -> None:
    stale = indexed_sample.records[2].id
    indexed_sample.store.add_correction(stale, Correction(field="title", value="Tiêu đề mới", by="bientap"))
    code, report = run_check(indexed_sample, *(["--quick"] if quick else []), capsys=capsys)
    assert kinds(report) == ([] if quick else ["index_stale"])
    assert code == (0 if quick else 1)
