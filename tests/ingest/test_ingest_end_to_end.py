"""Ingest through the real pipeline into a real archive and index: the batch behaviour."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from services.ingest import ingest_paths
from sulieu.settings import Settings
from sulieu.store import ArchiveStore

ROOT = Path(__file__).resolve().parents[2]


def _settings(archive: Path) -> Settings:
    return Settings(archive=archive, jobs=2)


def _text_file(folder: Path, name: str, body: str) -> Path:
    p = folder / name
    p.write_text(body, encoding="utf-8")
    return p


DIRECTIVE = """ĐẢNG BỘ TỈNH HƯNG YÊN
HUYỆN ỦY KIM ĐỘNG
*
Số {n}-KH/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Kim Động, ngày 05 tháng 3 năm 2024
KẾ HOẠCH
về việc sưu tầm tư liệu lịch sử Đảng bộ huyện số {n}
Thực hiện Chỉ thị số 20-CT/TW ngày 18/01/2018 của Ban Bí thư, Ban Thường vụ Huyện ủy ban hành kế hoạch.
T/M BAN THƯỜNG VỤ
BÍ THƯ
Nguyễn Văn An
"""


def test_bad_files_are_reported_and_the_rest_is_ingested(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    good = [_text_file(src, f"Kế hoạch số {i}.txt", DIRECTIVE.format(n=i)) for i in (11, 12)]
    (src / "rong.txt").write_bytes(b"")
    (src / "hong.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")  # truncated
    (src / "nhi_phan.pdf").write_bytes(bytes(range(256)) * 20)  # binary renamed .pdf
    (src / "rong.docx").write_bytes(b"")
    missing = tmp_path / "khong_co.pdf"
    archive = tmp_path / "archive"

    summary = ingest_paths([src, missing], _settings(archive))

    assert {r.name for r in summary.ingested} == {g.name for g in good}
    failed = {r.name: r for r in summary.failed}
    assert set(failed) == {"rong.txt", "hong.pdf", "nhi_phan.pdf", "rong.docx", "khong_co.pdf"}
    for r in failed.values():
        assert r.message and r.code and "Traceback" not in r.message
    store = ArchiveStore(archive)
    assert store.count() == 2  # no partial records for the failures
    for r in summary.ingested:
        rec = store.read_record(r.doc_id)
        assert rec.provenance.original_name == r.name
        assert "sưu tầm tư liệu" in rec.text


def test_same_file_twice_is_stored_once_and_said_so(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    a = _text_file(src, "a.txt", DIRECTIVE.format(n=21))
    _text_file(src, "b copy.txt", DIRECTIVE.format(n=21))
    archive = tmp_path / "archive"
    first = ingest_paths([src], _settings(archive))
    assert len(first.ingested) == 1 and len(first.duplicates) == 1
    again = ingest_paths([a], _settings(archive))
    assert len(again.duplicates) == 1 and not again.ingested
    assert ArchiveStore(archive).count() == 1
    assert len(list((archive / "originals").rglob("*"))) == 2


@pytest.mark.slow
def test_sigkill_midway_then_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    n = 40
    for i in range(n):
        _text_file(src, f"kh_{i:03d}.txt", DIRECTIVE.format(n=100 + i))
    archive = tmp_path / "archive"
    env = {**os.environ, "SULIEU_ARCHIVE": str(archive)}
    cmd = [sys.executable, "-m", "sulieu_cli", "ingest", str(src), "--jobs", "1", "--no-progress"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.time() + 120
    records = archive / "records"
    while time.time() < deadline:
        if records.exists() and sum(1 for _ in records.rglob("*.json")) >= 5:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    killed_at = sum(1 for _ in records.rglob("*.json"))
    assert 0 < killed_at < n, "the kill should land midway"
    for f in records.rglob("*.json"):  # every record that exists is whole
        json.loads(f.read_text(encoding="utf-8"))

    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    store = ArchiveStore(archive)
    assert store.count() == n
    from search_engine import open_backend

    backend = open_backend(Settings(archive=archive))
    try:
        assert backend.ids() == set(store.iter_ids())
    finally:
        backend.close()


@pytest.mark.integration
def test_seeds_ingest_with_correct_text(shared_dir: Path, tmp_path: Path) -> None:
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    summary = ingest_paths([shared_dir / "seeds"], _settings(tmp_path / "archive"))
    assert len(summary.ingested) == len(seeds) == 5, summary.failed
    store = ArchiveStore(tmp_path / "archive")
    by_name = {r.name: store.read_record(r.doc_id) for r in summary.ingested}
    kien_an = by_name["000_a06d1cac938332d1.txt"]
    assert "Thực hiện Kế hoạch số 328-KH/TU ngày 12/01/2024" in kien_an.text
    assert "**" not in kien_an.text  # Markdown emphasis is not document text
    assert kien_an.metadata.symbol_key == "1902-cv-qu"


@pytest.mark.integration
@pytest.mark.slow
def test_vbpl_corpus_ingests_as_text_files(shared_dir: Path, tmp_path: Path) -> None:
    """574 real documents written out as .txt files by this test, then ingested."""
    docs = [json.loads(line) for line in (shared_dir / "corpus/vbpl_central_2025/documents.jsonl").open(encoding="utf-8")]
    out = tmp_path / "vbpl"
    out.mkdir()
    for d in docs:
        (out / f"{d['doc_id']}.txt").write_text(d["text"], encoding="utf-8")
    summary = ingest_paths([out], _settings(tmp_path / "archive"))
    assert not summary.failed, summary.failed[:3]
    assert len(summary.ingested) + len(summary.duplicates) == len(docs)
    store = ArchiveStore(tmp_path / "archive")
    from sulieu.text import normalize_text

    by_id = {d["doc_id"]: d for d in docs}
    # Two source texts carry TCVN3 bytes pasted into Unicode ("§Ýnh chÝnh", "L\xadu"): there
    # the archive must hold the repaired words; everywhere else the text is unchanged.
    repaired = {"vbpl-doc_000891": "Đính chính Quyết định", "vbpl-187280": "Lưu: VT"}
    changed = []
    for r in summary.ingested:
        rec = store.read_record(r.doc_id)
        doc_id = Path(r.name).stem
        original = by_id[doc_id]["text"]
        if doc_id in repaired:
            assert rec.text.count(repaired[doc_id]) > original.count(repaired[doc_id])
        elif " ".join(rec.text.split()) != " ".join(normalize_text(original).split()):
            changed.append(doc_id)
    assert not changed, changed


def test_cli_ingest_then_show_with_archive_after_the_command(tmp_path: Path, capsys) -> None:
    from sulieu_cli.main import main

    src = _text_file(tmp_path, "Kế hoạch 21.txt", DIRECTIVE.format(n=21))
    archive = tmp_path / "kho"
    assert main(["ingest", str(src), "--archive", str(archive), "--no-progress", "--jobs", "1"]) == 0
    assert main(["ingest", str(src), "--archive", str(archive), "--no-progress", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    (doc_id,) = ArchiveStore(archive).iter_ids()
    assert main(["--archive", str(archive), "show", doc_id, "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["metadata"]["symbol"] == "21-KH/HU"
    assert "đã có" in out.lower() or "already" in out.lower(), out


def _children(pid: int) -> set[int]:
    """Descendants of ``pid`` from /proc (no psutil needed)."""
    parents: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            parents[int(d.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    out, todo = set(), [pid]
    while todo:
        p = todo.pop()
        kids = {c for c, pp in parents.items() if pp == p}
        out |= kids
        todo += list(kids)
    return out


@pytest.mark.slow
def test_workers_die_with_a_killed_ingest(tmp_path: Path) -> None:
    """Issue 13, item 8: SIGKILL of the ``sulieu ingest`` process alone (not its group) used to leave its
    pool workers writing records for a minute; now they die with it and the archive stops changing."""
    src = tmp_path / "in"
    src.mkdir()
    for i in range(60):
        _text_file(src, f"kh_{i:03d}.txt", DIRECTIVE.format(n=300 + i))
    archive = tmp_path / "archive"
    env = {**os.environ, "SULIEU_ARCHIVE": str(archive)}
    proc = subprocess.Popen([sys.executable, "-m", "sulieu_cli", "ingest", str(src), "--jobs", "2", "--no-progress"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    records = archive / "records"
    deadline = time.time() + 120
    workers: set[int] = set()
    while time.time() < deadline:
        workers = _children(proc.pid)
        if len(workers) >= 2 and records.exists() and sum(1 for _ in records.rglob("*.json")) >= 3:
            break
        time.sleep(0.05)
    assert len(workers) >= 2, "the pool should have started"
    os.kill(proc.pid, signal.SIGKILL)  # the main process only
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.05)
    alive = [w for w in workers if Path(f"/proc/{w}").exists()]
    try:
        assert not alive, f"workers outlived their parent: {alive}"
        before = sum(1 for _ in records.rglob("*.json"))
        time.sleep(1.5)
        assert sum(1 for _ in records.rglob("*.json")) == before
    finally:
        os.killpg(proc.pid, signal.SIGKILL) if alive else None
