"""The archive store: content addressing, atomic writes, versions, corrections layer."""

import json
import os
from pathlib import Path

import pytest

from sulieu.errors import ArchiveError, NotFound, RecordVersionError
from sulieu.model import Correction, DocumentMetadata, Page, Provenance, Record, effective_metadata
from sulieu.store import ArchiveStore, atomic_write_bytes, doc_id_for


def _record(store: ArchiveStore, data: bytes = b"noi dung") -> Record:
    sha = store.put_original_bytes(data)
    return Record(
        id=doc_id_for(sha),
        provenance=Provenance(original_name="a.txt", mime="text/plain", size=len(data), sha256=sha),
        pages=[Page(number=1, text="Kế hoạch")],
        metadata=DocumentMetadata(doc_type="Kế hoạch", symbol="193-KH/QU"),
    )


def test_original_stored_once_by_content_and_read_only(archive_dir: Path, tmp_path: Path) -> None:
    store = ArchiveStore(archive_dir)
    f = tmp_path / "Kế hoạch số 1.txt"
    f.write_bytes(b"abc")
    sha1 = store.put_original(f)
    sha2 = store.put_original(f)
    assert sha1 == sha2
    stored = store.original_path(sha1)
    assert stored.read_bytes() == b"abc"
    assert not os.stat(stored).st_mode & 0o222
    assert len(list((archive_dir / "originals").rglob("*"))) == 2  # shard folder + file


def test_record_round_trip(archive_dir: Path) -> None:
    store = ArchiveStore(archive_dir)
    rec = _record(store)
    store.write_record(rec)
    back = store.read_record(rec.id)
    assert back.metadata.symbol == "193-KH/QU"
    assert list(store.iter_ids()) == [rec.id]


def test_future_schema_version_is_refused(archive_dir: Path) -> None:
    store = ArchiveStore(archive_dir)
    rec = _record(store)
    store.write_record(rec)
    path = store.record_path(rec.id)
    raw = json.loads(path.read_text())
    raw["schema_version"] = 99
    path.write_text(json.dumps(raw))
    with pytest.raises(RecordVersionError):
        store.read_record(rec.id)


def test_corrupt_record_is_an_archive_error(archive_dir: Path) -> None:
    store = ArchiveStore(archive_dir)
    rec = _record(store)
    store.write_record(rec)
    store.record_path(rec.id).write_text("{not json")
    with pytest.raises(ArchiveError):
        store.read_record(rec.id)


@pytest.mark.parametrize("bad", ["../etc/passwd", "abc", "ZZZZZZZZZZZZZZZZ", "a" * 100])
def test_invalid_ids_are_not_found(archive_dir: Path, bad: str) -> None:
    with pytest.raises(NotFound):
        ArchiveStore(archive_dir).read_record(bad)


def test_atomic_write_leaves_old_file_when_interrupted(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "x.json"
    atomic_write_bytes(target, b"old")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_corrections_are_a_separate_layer_and_win(archive_dir: Path) -> None:
    store = ArchiveStore(archive_dir)
    rec = _record(store)
    store.write_record(rec)
    store.add_correction(rec.id, Correction(field="doc_type", value="Thông báo", by="bien_tap"))
    corrections = store.read_corrections(rec.id)
    assert store.read_record(rec.id).metadata.doc_type == "Kế hoạch"  # record untouched
    assert effective_metadata(rec, corrections).doc_type == "Thông báo"
    assert corrections[0].by == "bien_tap"


def test_correction_of_missing_document(archive_dir: Path) -> None:
    with pytest.raises(NotFound):
        ArchiveStore(archive_dir).add_correction("0123456789abcdef", Correction(field="x", value=1, by="a"))


def test_a_folder_with_only_its_readme_or_lock_is_not_foreign(tmp_path):
    from sulieu.store import ArchiveStore

    root = tmp_path / "kho"
    root.mkdir()
    (root / "README.md").write_text("Thư mục kho")
    (root / "writer.lock").write_text("")
    assert not ArchiveStore(root).is_foreign()
    (root / "ghi-chu.txt").write_text("của tôi")
    assert ArchiveStore(root).is_foreign()
    ArchiveStore(tmp_path / "kho2").init()
    (tmp_path / "kho2" / "ghi-chu.txt").write_text("x")
    assert not ArchiveStore(tmp_path / "kho2").is_foreign()  # an archive may hold other files
