"""BagIt export and import on real archive folders: round trip, idempotence, bad bags, full disk."""

from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path

import bagit
import pytest

from ingest.preservation import bag_export, bag_import
from ingest.preservation.bag_export import export_bag
from ingest.preservation.bag_import import BagInvalid
from search_engine import SearchRequest, open_backend
from search_engine.service import search
from services.preservation import import_bag
from sulieu.errors import ArchiveError, InputError
from sulieu.model import ACCESS_LEVELS, Correction
from sulieu.settings import Settings
from sulieu.store import ArchiveStore
from sulieu_cli.main import main
from tests.ingest.preservation.conftest import Sample, add_document, build_sample, index_archive, snapshot

QUERIES = ["lịch sử Đảng", "lich su dang", "kế hoạch", "20-CT/TW", "Kiến An", "tổng kết", "công văn"]


def search_view(settings: Settings, q: str, access: list[str]) -> list[tuple[str, str | None, str]]:
    backend = open_backend(settings)
    try:
        res = search(backend, SearchRequest(q=q, allowed_access=access, page_size=50))
        return [(h.id, h.title, h.access) for h in res.hits]
    finally:
        backend.close()


def archive_view(store: ArchiveStore) -> dict[str, tuple[bytes, list[dict]]]:
    return {
        i: (store.record_path(i).read_bytes(), [c.model_dump(mode="json") for c in store.read_corrections(i)])
        for i in store.iter_ids()
    }


def cited_by(settings: Settings) -> dict[str, list]:
    from services.refresh import load_graph

    graph = load_graph(ArchiveStore(settings.archive))
    if graph is None:
        return {}
    return {i: sorted((c, x.text) for c, x in graph.cited_by(i)) for i in ArchiveStore(settings.archive).iter_ids()}


def test_export_is_a_valid_bag_with_counts(indexed_sample: Sample, tmp_path: Path) -> None:
    dest = tmp_path / "out" / "bag"
    s = export_bag(indexed_sample.store, dest)
    assert (s.documents, s.originals, s.page_files, s.corrections) == (4, 4, 12, 2)
    bag = bagit.Bag(str(dest))
    assert bag.algorithms == ["sha256"]
    bag.validate()
    info = bag.info
    assert info["Sulieu-Documents"] == "4" and info["Sulieu-Originals"] == "4"
    assert info["Sulieu-Page-Files"] == "12" and info["Sulieu-Corrections"] == "2"
    assert info["Internal-Sender-Identifier"] == str(indexed_sample.store.root.absolute())
    assert info["Bagging-Date"] and info["Sulieu-Scope"] == "archive"
    for rec in indexed_sample.records:
        sha = rec.provenance.sha256
        assert (dest / "data" / "originals" / sha[:2] / sha).read_bytes() == \
            indexed_sample.store.original_path(sha).read_bytes()
        assert (dest / "data" / "records" / rec.id[:2] / f"{rec.id}.json").read_bytes() == \
            indexed_sample.store.record_path(rec.id).read_bytes()
        assert (dest / "data" / rec.pages[0].image).is_file()
    manifest = (dest / "manifest-sha256.txt").read_text()
    assert indexed_sample.records[0].provenance.sha256 in manifest
    assert not list(dest.parent.glob(".*partial*"))


def test_round_trip_into_empty_archive(indexed_sample: Sample, tmp_path: Path, capsys) -> None:
    src = indexed_sample
    bag = tmp_path / "bag"
    assert main(["--archive", str(src.store.root), "export", str(bag)]) == 0
    empty = tmp_path / "restored"
    assert main(["--archive", str(empty), "import", str(bag)]) == 0
    out = capsys.readouterr().out
    assert "Mới nhập: 4" in out

    dst_settings = Settings(archive=empty)
    dst = ArchiveStore(empty)
    # Records byte for byte (ids, access, citations, timestamps), corrections equal.
    assert archive_view(dst) == archive_view(src.store)
    for rec in src.records:
        assert dst.read_record(rec.id).citations == rec.citations
        for rel in (rec.pages[0].image, rec.pages[0].thumbnail, rec.pages[0].words):
            assert (empty / rel).read_bytes() == (src.store.root / rel).read_bytes()
        assert dst.original_path(rec.provenance.sha256).read_bytes() == \
            src.store.original_path(rec.provenance.sha256).read_bytes()
    # Search results identical for every access level, including corrected access.
    for access in (["public"], ["public", "internal"], list(ACCESS_LEVELS)):
        for q in QUERIES:
            assert search_view(dst_settings, q, access) == search_view(src.settings, q, access), (q, access)
    assert any(search_view(dst_settings, q, list(ACCESS_LEVELS)) for q in QUERIES)
    assert cited_by(dst_settings) == cited_by(src.settings)
    # The restored archive passes its own check.
    assert main(["--archive", str(empty), "check"]) == 0


def test_importing_twice_changes_nothing(indexed_sample: Sample, tmp_path: Path) -> None:
    bag = tmp_path / "bag"
    export_bag(indexed_sample.store, bag)
    target = build_sample(tmp_path / "other", corrections=False)
    extra = add_document(target.store, "BÁO CÁO số 5-BC/ĐU tình hình sưu tầm tư liệu.", metadata={"doc_type": "Báo cáo"})
    index_archive(target)
    first = import_bag(target.store, bag, settings=target.settings)
    # Same originals → same ids: the four documents exist already (their records were written at another
    # time, so they differ and the local ones are kept); only the missing corrections come in.
    assert first.imported == [] and sorted(first.kept_local) == sorted(r.id for r in indexed_sample.records)
    assert sum(first.corrections_added.values()) == 2 and first.index_refreshed
    before = snapshot(target.store.root)
    second = import_bag(target.store, bag, settings=target.settings)
    assert second.imported == [] and second.corrections_added == {} and second.changed_ids == []
    assert snapshot(target.store.root) == before
    assert target.store.has_record(extra.id)


def test_import_into_empty_then_again_is_idempotent(indexed_sample: Sample, tmp_path: Path) -> None:
    bag = tmp_path / "bag"
    export_bag(indexed_sample.store, bag)
    root = tmp_path / "new"
    s1 = import_bag(ArchiveStore(root), bag, settings=Settings(archive=root))
    assert len(s1.imported) == 4
    before = snapshot(root)
    s2 = import_bag(ArchiveStore(root), bag, settings=Settings(archive=root))
    assert s2.imported == [] and len(s2.unchanged) == 4
    assert snapshot(root) == before


def test_local_record_kept_and_corrections_merged(indexed_sample: Sample, tmp_path: Path) -> None:
    bag = tmp_path / "bag"
    export_bag(indexed_sample.store, bag)
    root = tmp_path / "other"
    settings = Settings(archive=root)
    store = ArchiveStore(root)
    import_bag(store, bag, settings=settings)
    rec, gone = indexed_sample.records[0], indexed_sample.records[1]
    store.add_correction(rec.id, Correction(field="title", value="Tiêu đề của kho đích", by="dich"))
    store.set_deleted(gone.id, True)  # the local record now differs from the bag's
    local_record = store.record_path(gone.id).read_bytes()
    s = import_bag(store, bag, settings=settings)
    assert s.kept_local == [gone.id] and len(s.unchanged) == 3 and s.imported == []
    assert store.record_path(gone.id).read_bytes() == local_record
    assert s.corrections_added == {}, "the bag's corrections are already there"
    fields = sorted(c.field for c in store.read_corrections(rec.id))
    assert fields == ["subject", "title"], "local corrections survive an import"

    # An archive that never saw the bag's corrections gets them added next to its own.
    other = build_sample(tmp_path / "third", corrections=False)
    other.store.add_correction(rec.id, Correction(field="title", value="Tiêu đề khác", by="dich"))
    s = import_bag(other.store, bag, settings=other.settings)
    assert s.corrections_added == {rec.id: 1, indexed_sample.records[3].id: 1}
    assert sorted(c.field for c in other.store.read_corrections(rec.id)) == ["subject", "title"]
    assert other.store.read_corrections(indexed_sample.records[3].id)[0].value == "internal"


def _rebuild_manifests(bag_dir: Path) -> None:
    bag = bagit.Bag(str(bag_dir))
    bag.save(manifests=True)


def _bag_with(tmp_path: Path, sample: Sample) -> Path:
    bag = tmp_path / "bag"
    export_bag(sample.store, bag)
    return bag


@pytest.fixture
def target(tmp_path: Path) -> Sample:
    t = build_sample(tmp_path / "target", corrections=False)
    add_document(t.store, "NGHỊ QUYẾT số 07-NQ/ĐU của Đảng ủy xã.", metadata={"doc_type": "Nghị quyết"})
    index_archive(t)
    return t


def _assert_rejected(target: Sample, bag: Path, *needles: str) -> BagInvalid:
    before = snapshot(target.store.root)
    with pytest.raises(BagInvalid) as ei:
        import_bag(target.store, bag, settings=target.settings)
    assert snapshot(target.store.root) == before, "a rejected bag must not change the archive"
    text = ei.value.message + "\n" + (ei.value.detail or "")
    for n in needles:
        assert n in text, text
    assert "chưa nhập gì" in ei.value.message
    return ei.value


def test_wrong_checksum_rejected(sample: Sample, target: Sample, tmp_path: Path) -> None:
    bag = _bag_with(tmp_path, sample)
    sha = sample.records[2].provenance.sha256
    f = bag / "data" / "originals" / sha[:2] / sha
    f.write_bytes(f.read_bytes().replace("CHỈ THỊ".encode(), b"CHI THI"))
    err = _assert_rejected(target, bag, "Sai mã băm", sha)
    assert any(sha in p for p in err.problems)


def test_wrong_checksum_same_size_rejected(sample: Sample, target: Sample, tmp_path: Path) -> None:
    bag = _bag_with(tmp_path, sample)
    rec = sample.records[0]
    f = bag / "data" / rec.pages[0].words
    data = bytearray(f.read_bytes())
    data[3] ^= 1
    f.write_bytes(bytes(data))
    _assert_rejected(target, bag, "Sai mã băm sha256", rec.pages[0].words)


def test_missing_payload_file_rejected(sample: Sample, target: Sample, tmp_path: Path) -> None:
    bag = _bag_with(tmp_path, sample)
    rec = sample.records[1]
    (bag / "data" / rec.pages[0].image).unlink()
    _assert_rejected(target, bag, "Thiếu tệp", rec.pages[0].image)


def test_missing_original_even_with_consistent_manifest_rejected(sample: Sample, target: Sample,
                                                                 tmp_path: Path) -> None:
    bag = _bag_with(tmp_path, sample)
    sha = sample.records[3].provenance.sha256
    (bag / "data" / "originals" / sha[:2] / sha).unlink()
    _rebuild_manifests(bag)  # a well-formed bag that simply lacks the original
    _assert_rejected(target, bag, "thiếu bản gốc", sample.records[3].id)


def test_future_schema_record_rejected(sample: Sample, target: Sample, tmp_path: Path) -> None:
    bag = _bag_with(tmp_path, sample)
    rec = sample.records[0]
    f = bag / "data" / "records" / rec.id[:2] / f"{rec.id}.json"
    raw = json.loads(f.read_text(encoding="utf-8"))
    raw["schema_version"] = 7
    f.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    _rebuild_manifests(bag)
    assert bagit.Bag(str(bag)).is_valid(), "the bag itself is fine; the record is from the future"
    _assert_rejected(target, bag, "mới hơn", rec.id, "nâng cấp")


def test_invalid_record_and_stray_file_rejected(sample: Sample, target: Sample, tmp_path: Path) -> None:
    bag = _bag_with(tmp_path, sample)
    rec = sample.records[2]
    (bag / "data" / "records" / rec.id[:2] / f"{rec.id}.json").write_text('{"id": 1}', encoding="utf-8")
    (bag / "data" / "notes.txt").write_text("x", encoding="utf-8")
    _rebuild_manifests(bag)
    err = _assert_rejected(target, bag, rec.id, "notes.txt")
    assert len(err.problems) >= 2


def test_not_a_bag_rejected(target: Sample, tmp_path: Path) -> None:
    d = tmp_path / "plain"
    d.mkdir()
    (d / "a.txt").write_text("x")
    _assert_rejected(target, d, "không phải gói BagIt")
    _assert_rejected(target, tmp_path / "does-not-exist", "Không tìm thấy gói")


def test_cli_import_of_bad_bag_exits_nonzero_with_vietnamese_report(sample: Sample, target: Sample,
                                                                    tmp_path: Path, capsys) -> None:
    bag = _bag_with(tmp_path, sample)
    thumb = sample.records[0].pages[0].thumbnail
    (bag / "data" / thumb).write_bytes(b"changed")
    before = snapshot(target.store.root)
    assert main(["--archive", str(target.store.root), "import", str(bag)]) == 1
    err = capsys.readouterr().err
    assert "không hợp lệ" in err and "chưa nhập gì" in err
    assert f"Sai mã băm sha256: data/{thumb}" in err
    assert snapshot(target.store.root) == before


class _FullDisk:
    """Fault injection: file writes fail with ENOSPC once ``budget`` bytes have been written."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.real_open = open

    def __call__(self, file, mode="r", *args, **kwargs):
        f = self.real_open(file, mode, *args, **kwargs)
        if "w" not in mode:
            return f
        owner = self
        real_write = f.write

        class Wrapped:
            def __getattr__(self, name):
                return getattr(f, name)

            def write(self, data):
                owner.budget -= len(data)
                if owner.budget < 0:
                    raise OSError(errno.ENOSPC, "No space left on device")
                return real_write(data)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                f.close()
                return False

        return Wrapped()


@pytest.mark.parametrize("budget", [0, 3000])
def test_full_disk_during_export_cleans_up(indexed_sample: Sample, tmp_path: Path, monkeypatch,
                                           budget: int) -> None:
    before = snapshot(indexed_sample.store.root)
    monkeypatch.setattr(bag_export, "open", _FullDisk(budget), raising=False)
    dest = tmp_path / "exports" / "bag"
    with pytest.raises(ArchiveError) as ei:
        export_bag(indexed_sample.store, dest)
    assert "Hết chỗ trống" in ei.value.message and "đã được xoá" in ei.value.message
    assert not dest.exists()
    assert list((tmp_path / "exports").iterdir()) == []
    assert snapshot(indexed_sample.store.root) == before


def test_full_disk_while_bagit_writes_manifest_cleans_up(indexed_sample: Sample, tmp_path: Path,
                                                         monkeypatch) -> None:
    def no_space(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(bagit, "open_text_file", no_space)
    dest = tmp_path / "exports" / "bag"
    with pytest.raises(ArchiveError, match="Hết chỗ trống"):
        export_bag(indexed_sample.store, dest)
    assert list((tmp_path / "exports").iterdir()) == []


def test_full_disk_during_import_undoes_everything(indexed_sample: Sample, target: Sample, tmp_path: Path,
                                                   monkeypatch) -> None:
    bag = _bag_with(tmp_path, indexed_sample)
    # Make the bag carry genuinely new documents for the target.
    extra = build_sample(tmp_path / "extra", corrections=True)
    for i, text in enumerate(["Biên bản hội nghị số 3-BB/ĐU", "Tờ trình số 9-TTr/HU", "Quy chế số 4-QC/TU"]):
        add_document(extra.store, f"{text} lần {i}", metadata={"doc_type": "Khác"})
    bag = tmp_path / "bag2"
    export_bag(extra.store, bag)
    before = snapshot(target.store.root)
    real = bag_import.atomic_write_bytes
    calls = {"n": 0}

    def flaky(target_path, data):
        calls["n"] += 1
        if calls["n"] == 9:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(target_path, data)

    monkeypatch.setattr(bag_import, "atomic_write_bytes", flaky)
    with pytest.raises(ArchiveError) as ei:
        import_bag(target.store, bag, settings=target.settings)
    assert calls["n"] == 9, "the fault hit part way, after originals and page files were written"
    assert "Hết chỗ trống" in ei.value.message and "kho không thay đổi" in ei.value.message
    monkeypatch.setattr(bag_import, "atomic_write_bytes", real)
    assert snapshot(target.store.root) == before, "no partial import"
    # And the same bag imports cleanly once there is room.
    s = import_bag(target.store, bag, settings=target.settings)
    assert len(s.imported) == 3


def test_export_refuses_corrupt_original_and_leaves_nothing(indexed_sample: Sample, tmp_path: Path) -> None:
    import os

    rec = indexed_sample.records[0]
    orig = indexed_sample.store.original_path(rec.provenance.sha256)
    os.chmod(orig, 0o644)
    data = bytearray(orig.read_bytes())
    data[0] ^= 1
    orig.write_bytes(bytes(data))
    dest = tmp_path / "bag"
    with pytest.raises(ArchiveError, match="đã bị thay đổi"):
        export_bag(indexed_sample.store, dest)
    assert not dest.exists() and not list(tmp_path.glob(".bag.partial-*"))


def test_export_refuses_non_empty_destination(indexed_sample: Sample, tmp_path: Path) -> None:
    dest = tmp_path / "bag"
    dest.mkdir()
    (dest / "keep.txt").write_text("x")
    with pytest.raises(InputError):
        export_bag(indexed_sample.store, dest)
    assert (dest / "keep.txt").read_text() == "x"


def test_export_query_includes_only_matches_at_every_access_level(indexed_sample: Sample, tmp_path: Path,
                                                                  capsys) -> None:
    dest = tmp_path / "q"
    root = str(indexed_sample.store.root)
    assert main(["--archive", root, "export", str(dest), "--query", "lịch sử", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    # Matches are internal, restricted and (corrected to) internal: an admin export takes them all,
    # and leaves out the Kế hoạch that does not match.
    expected = {r.id for r in indexed_sample.records[1:]}
    assert set(summary["doc_ids"]) == expected
    info = bagit.Bag(str(dest)).info
    assert info["Sulieu-Query"] == "lịch sử" and info["Sulieu-Documents"] == "3"
    assert info["Sulieu-Scope"] == "query"
    assert main(["--archive", root, "export", str(tmp_path / "none"), "--query", "xyzzyqwerty"]) == 1
    assert not (tmp_path / "none").exists()
    shutil.rmtree(dest)


def test_import_refuses_a_folder_that_is_not_an_archive(indexed_sample: Sample, tmp_path: Path) -> None:
    bag = _bag_with(tmp_path, indexed_sample)
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("của tôi")
    with pytest.raises(InputError, match="không phải kho"):
        import_bag(ArchiveStore(home), bag)
    assert sorted(p.name for p in home.iterdir()) == ["notes.txt"]
