"""Backends for the conformance suite: Tantivy always; OpenSearch at SULIEU_OPENSEARCH_URL (scripts/test.sh
starts a node for every run); Elasticsearch when SULIEU_ES_URL is set (the per-engine summary: tests/conftest.py)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sulieu.model import DocumentMetadata, Page, Provenance, Record, Signer
from sulieu.store import ArchiveStore
from tests.conftest import ENGINE_ENV, ENGINE_URLS


def cluster_backend(engine: str, path_hint: str = "test"):
    """An empty index on the cluster engine (a fresh name per call); skips when the engine is not configured."""
    url = ENGINE_URLS[engine]
    if not url:
        pytest.skip(f"chưa đặt {ENGINE_ENV[engine]}")
    from search_engine.es_backend import ElasticsearchBackend, OpenSearchBackend

    kind = OpenSearchBackend if engine == "opensearch" else ElasticsearchBackend
    return kind(url, index=f"sulieu-{path_hint}-{uuid.uuid4().hex[:12]}")


@pytest.fixture(
    params=["tantivy", pytest.param("es", marks=pytest.mark.es), pytest.param("opensearch", marks=pytest.mark.es)]
)
def make_backend(request, tmp_path: Path):
    """A factory of empty backends of the parametrised engine (each test gets fresh indexes)."""
    made = []

    def factory(path: Path | None = None):
        if request.param == "tantivy":
            from search_engine.tantivy_backend import TantivyBackend

            b = TantivyBackend(path or tmp_path / f"index-{len(made)}")
        else:
            b = cluster_backend(request.param)
        made.append(b)
        return b

    factory.engine = request.param
    yield factory
    for b in made:
        if request.param != "tantivy":
            try:
                b.client.delete_index(b.index)
            except Exception:
                pass
        b.close()


@pytest.fixture
def backend(make_backend):
    return make_backend()


def make_record(
    doc_id: str,
    pages: list[str],
    *,
    access: str = "public",
    deleted: bool = False,
    **meta,
) -> Record:
    signer = meta.pop("signer", None)
    md = DocumentMetadata(**meta)
    if signer:
        md.signer = Signer(name=signer, position="Bí thư", authority="T/M", on_behalf_of="Ban Thường vụ")
    return Record(
        id=doc_id,
        access=access,
        provenance=Provenance(original_name=f"{doc_id}.txt", mime="text/plain", size=1, sha256=doc_id * 4),
        pages=[Page(number=i + 1, text=t) for i, t in enumerate(pages)],
        metadata=md,
        deleted_at=datetime(2025, 1, 1, tzinfo=UTC) if deleted else None,
    )


# A small archive written for these tests (invented text in the style of Party documents).
CORPUS = [
    make_record(
        "a000000000000001",
        [
            "ĐẢNG BỘ TP HẢI PHÒNG\nQUẬN ỦY KIẾN AN\nSố 193-KH/QU\nKẾ HOẠCH\nbiên soạn lịch sử Đảng bộ quận",
            "Thực hiện Chỉ thị số 20-CT/TW của Bộ Chính trị, Ban Thường vụ Quận ủy xây dựng kế hoạch "
            "biên soạn lịch sử Đảng bộ quận Kiến An giai đoạn 1945-2020.",
            "Giao Ban Tuyên giáo Quận ủy chủ trì, phối hợp các đảng ủy xã, phường triển khai.",
        ],
        issuer="Quận ủy Kiến An",
        issuer_parent="Thành ủy Hải Phòng",
        level="district",
        province="Hải Phòng",
        place="Kiến An",
        doc_type="Kế hoạch",
        doc_type_code="KH",
        number="193",
        symbol="193-KH/QU",
        symbol_key="193-kh-qu",
        date="2023-05-02",
        title="Kế hoạch biên soạn lịch sử Đảng bộ quận Kiến An",
        subject="biên soạn lịch sử Đảng bộ quận",
        signer="Nguyễn Văn Hòa",
    ),
    make_record(
        "a000000000000002",
        [
            "THÀNH ỦY HẢI PHÒNG\nSố 328-KH/TU\nKẾ HOẠCH\ntổ chức hoạt động kỷ niệm ngày thành lập Đảng",
            "Các cấp ủy tổ chức hòa bình, ổn định; tuyên truyền về lịch sử vẻ vang của Đảng.",
        ],
        issuer="Thành ủy Hải Phòng",
        level="province",
        province="Hải Phòng",
        place="Hải Phòng",
        doc_type="Kế hoạch",
        doc_type_code="KH",
        number="328",
        symbol="328-KH/TU",
        symbol_key="328-kh-tu",
        date="2024-01-12",
        title="Kế hoạch tổ chức kỷ niệm ngày thành lập Đảng",
        signer="Lê Thị Bản",
    ),
    make_record(
        "a000000000000003",
        ["BAN BÍ THƯ\nSố 20-CT/TW\nCHỈ THỊ\nvề tăng cường công tác nghiên cứu, biên soạn lịch sử đảng bộ địa phương"],
        issuer="Ban Bí thư",
        level="central",
        doc_type="Chỉ thị",
        doc_type_code="CT",
        number="20",
        symbol="20-CT/TW",
        symbol_key="20-ct-tw",
        date="2018",
        title="Chỉ thị về công tác nghiên cứu, biên soạn lịch sử đảng bộ địa phương",
    ),
    make_record(
        "a000000000000004",
        ["Báo cáo nội bộ về công tác bảo vệ bí mật. Bạn đọc không được sao chụp."],
        access="internal",
        issuer="Văn phòng Thành ủy",
        issuer_parent="Thành ủy Hải Phòng",
        level="province",
        doc_type="Báo cáo",
        doc_type_code="BC",
        symbol="15-BC/VPTU",
        date="2024-03",
        title="Báo cáo bảo mật",
    ),
    make_record(
        "a000000000000005",
        ["Công văn đã hủy về việc kỷ niệm ngày thành lập Đảng <script>alert(1)</script>."],
        deleted=True,
        issuer="Huyện ủy An Lão",
        doc_type="Công văn",
        date="2022-07-01",
        title="Công văn đã xóa",
    ),
]


@pytest.fixture
def store(archive_dir: Path) -> ArchiveStore:
    s = ArchiveStore(archive_dir)
    for rec in CORPUS:
        s.write_record(rec.model_copy(deep=True))
    return s


@pytest.fixture
def filled(backend, store):
    from search_engine.indexer import reindex

    reindex(store, backend)
    return backend


@pytest.fixture
def search(filled):
    from search_engine.models import SearchRequest
    from search_engine.service import search as run

    def go(q: str = "", **kw):
        kw.setdefault("allowed_access", ["public"])
        return run(filled, SearchRequest(q=q, **kw))

    return go


def ids(result) -> list[str]:
    return [h.id for h in result.hits]
