"""Real archive folders for preservation tests, built by writing records straight into the store.

Documents are small but complete: an original, a record with citations, a page image, a
thumbnail and word boxes, and (for some) corrections, so every part of a bag is exercised.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from sulieu.model import Citation, Correction, DocumentMetadata, Page, Provenance, Record
from sulieu.settings import Settings
from sulieu.store import ArchiveStore, atomic_write_bytes, doc_id_for

DOCS = [
    # (text, metadata, access, citations)
    ("KẾ HOẠCH số 193-KH/QU về tổng kết công tác xây dựng Đảng năm 2024 của Quận ủy Kiến An.",
     {"doc_type": "Kế hoạch", "symbol": "193-KH/QU", "number": "193", "issuer": "Quận ủy Kiến An", "date": "2024-03-05",
      "title": "Kế hoạch tổng kết công tác xây dựng Đảng"},
     "public", [("Thực hiện Kế hoạch số 328-KH/TU ngày 12/01/2024", "implements", "328-KH/TU")]),
    ("THÔNG BÁO số 12-TB/HU kết luận của Ban Thường vụ Huyện ủy về lịch sử Đảng bộ xã.",
     {"doc_type": "Thông báo", "symbol": "12-TB/HU", "number": "12", "issuer": "Huyện ủy An Lão", "date": "2023-11"},
     "internal", [("sơ kết 05 năm thực hiện Chỉ thị số 20-CT/TW", "reviews", "20-CT/TW")]),
    ("CHỈ THỊ số 20-CT/TW về tăng cường sự lãnh đạo của Đảng đối với công tác lịch sử.",
     {"doc_type": "Chỉ thị", "symbol": "20-CT/TW", "number": "20", "issuer": "Ban Chấp hành Trung ương", "date": "2018"},
     "restricted", []),
    ("Công văn V/v sưu tầm tư liệu lịch sử Đảng bộ phường Ngọc Sơn giai đoạn 1945-1975.",
     {"doc_type": "Công văn", "symbol": "1161/UBND-VX", "issuer": "Ủy ban nhân dân quận Kiến An", "date": "2025-06-30"},
     "public", []),
]


def _png(text: str) -> bytes:
    img = Image.new("L", (120, 40), 255)
    img.putpixel((len(text) % 120, 5), 0)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def add_document(store: ArchiveStore, text: str, *, metadata: dict | None = None, access: str = "public",
                 citations: list[tuple[str, str, str]] = (), with_pages: bool = True) -> Record:
    """Write one complete document (original, page files, record) the way ingest does."""
    data = text.encode("utf-8")
    sha = store.put_original_bytes(data)
    doc_id = doc_id_for(sha)
    page = Page(number=1, text=text, source="ocr", width=120, height=40, confidence=91.5)
    if with_pages:
        pages_dir = store.pages_dir(doc_id)
        atomic_write_bytes(pages_dir / "0001.png", _png(text))
        atomic_write_bytes(pages_dir / "0001.thumb.jpg", b"\xff\xd8thumb-" + sha[:8].encode())
        atomic_write_bytes(pages_dir / "0001.words.json",
                           json.dumps([{"text": w, "x0": 0, "y0": 0, "x1": 1, "y1": 1} for w in text.split()[:5]],
                                      ensure_ascii=False).encode())
        page.image = f"pages/{doc_id}/0001.png"
        page.thumbnail = f"pages/{doc_id}/0001.thumb.jpg"
        page.words = f"pages/{doc_id}/0001.words.json"
    rec = Record(
        id=doc_id,
        access=access,  # type: ignore[arg-type]
        provenance=Provenance(original_name=f"{doc_id}.txt", source_path=f"/scans/{doc_id}.txt", mime="text/plain",
                              size=len(data), sha256=sha, ingested_by="thuthu", software_version="0.1.0"),
        pages=[page],
        metadata=DocumentMetadata(**(metadata or {})),
        citations=[Citation(text=t, relation=r, symbol=s) for t, r, s in citations],
        extraction_version="1",
    )
    store.write_record(rec)
    return rec


@dataclass
class Sample:
    store: ArchiveStore
    settings: Settings
    records: list[Record]


def build_sample(root: Path, *, corrections: bool = True) -> Sample:
    store = ArchiveStore(root).init()
    recs = [add_document(store, t, metadata=m, access=a, citations=c) for t, m, a, c in DOCS]
    if corrections:
        store.add_correction(recs[0].id, Correction(field="subject", value="Tổng kết xây dựng Đảng 2024", by="bientap",
                                                    note="sửa lỗi OCR"))
        store.add_correction(recs[3].id, Correction(field="access", value="internal", by="quantri"))
    return Sample(store, Settings(archive=root), recs)


def index_archive(sample: Sample) -> None:
    """Build the real embedded (Tantivy) index and citation graph, as ingest would."""
    from search_engine import open_backend
    from services.refresh import refresh_archive

    backend = open_backend(sample.settings)
    try:
        refresh_archive(sample.store, backend, list(sample.store.iter_ids()))
    finally:
        backend.close()


@pytest.fixture
def sample(tmp_path: Path) -> Sample:
    return build_sample(tmp_path / "archive")


@pytest.fixture
def indexed_sample(sample: Sample) -> Sample:
    index_archive(sample)
    return sample


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder of an archive, for 'nothing changed' assertions."""
    out: dict[str, bytes | None] = {}
    for p in sorted(root.rglob("*")):
        out[p.relative_to(root).as_posix()] = p.read_bytes() if p.is_file() else None
    return out
