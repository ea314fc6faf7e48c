"""Provenance: who ingested a document, from which file, when, with which software, and every change since."""

from __future__ import annotations

from pathlib import Path

from ingest.preservation import export_bag, format_provenance, provenance_events
from services.preservation import import_bag
from sulieu.model import Correction
from sulieu.settings import Settings
from sulieu.store import ArchiveStore
from tests.ingest.preservation.conftest import Sample


def test_ingest_and_corrections_in_order(sample: Sample) -> None:
    store = sample.store
    rec = sample.records[0]
    store.add_correction(rec.id, Correction(field="date", value="2024-03-06", by="bientap", note="ngày in sai"))
    events = provenance_events(store, rec.id)
    assert [e["event"] for e in events] == ["ingested", "corrected", "corrected"]
    ing = events[0]
    assert ing["by"] == "thuthu"
    assert ing["file"] == rec.provenance.original_name
    assert ing["source_path"] == rec.provenance.source_path
    assert ing["sha256"] == rec.provenance.sha256
    assert ing["software_version"] == "0.1.0"
    assert ing["at"] == rec.provenance.ingested_at.isoformat()
    assert [(e["field"], e["by"]) for e in events[1:]] == [("subject", "bientap"), ("date", "bientap")]
    assert events[2]["note"] == "ngày in sai"
    assert all(e["label"] and e["summary"] for e in events)
    assert events == sorted(events, key=lambda e: e["at"])
    text = format_provenance(events)
    assert "Nhập vào kho" in text and "Hiệu chỉnh" in text and "thuthu" in text and "ngày in sai" in text


def test_import_and_delete_are_events_too(sample: Sample, tmp_path: Path) -> None:
    rec = sample.records[0]
    sample.store.set_deleted(sample.records[2].id, True)
    bag = tmp_path / "bag"
    export_bag(sample.store, bag)
    root = tmp_path / "copy"
    store = ArchiveStore(root)
    import_bag(store, bag, settings=Settings(archive=root), user="luutru")
    events = provenance_events(store, rec.id)
    assert [e["event"] for e in events] == ["ingested", "corrected", "imported"]
    imp = events[-1]
    assert imp["by"] == "luutru" and imp["bag"] == "bag" and imp["source"] == str(sample.store.root.absolute())
    # The original ingest facts travel unchanged with the record.
    assert events[0]["by"] == "thuthu" and events[0]["file"] == rec.provenance.original_name
    deleted = provenance_events(store, sample.records[2].id)
    assert [e["event"] for e in deleted] == ["ingested", "imported", "deleted"] or \
        [e["event"] for e in deleted] == ["ingested", "deleted", "imported"]
    # A second hop keeps the first import event and adds its own.
    bag2 = tmp_path / "bag2"
    export_bag(store, bag2)
    root3 = tmp_path / "third"
    store3 = ArchiveStore(root3)
    import_bag(store3, bag2, settings=Settings(archive=root3), user="chinhanh")
    hops = [e["by"] for e in provenance_events(store3, rec.id) if e["event"] == "imported"]
    assert hops == ["luutru", "chinhanh"]
