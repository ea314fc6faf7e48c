"""The Haystack component, corrections overriding extraction, and book structure."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")

from haystack import Pipeline  # noqa: E402

from ingest.components.metadata_extractor import MetadataExtractor  # noqa: E402
from ingest.types import ConvertedDoc, PageDraft, SourceFile  # noqa: E402
from ingest.understand import understand  # noqa: E402
from ingest.understand.lines import split_lines  # noqa: E402
from ingest.understand.structure import find_structure, printed_page_numbers  # noqa: E402
from sulieu.model import Correction, Provenance, Record, effective_metadata  # noqa: E402

LETTER = (
    "ĐẢNG BỘ TỈNH HƯNG YÊN\nHUYỆN ỦY KIM ĐỘNG\n*\nSố 12-KH/HU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n"
    "Kim Động, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\nbiên soạn lịch sử Đảng bộ huyện (1930-2020)\n\n"
    "Thực hiện Kế hoạch số 296-KH/TU ngày 29/3/2024 của Ban Thường vụ Tỉnh ủy.\n\n"
    "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn An\n"
)


def _doc(pages: list[str]) -> ConvertedDoc:
    src = SourceFile(path="x.txt", original_name="x.txt", sha256="0" * 64, mime="text/plain", size=1, kind="text")
    return ConvertedDoc(source=src, pages=[PageDraft(number=i + 1, text=t) for i, t in enumerate(pages)])


def test_component_in_a_pipeline_and_serialisation() -> None:
    comp = MetadataExtractor(structure=True)
    data = comp.to_dict()
    assert data["init_parameters"] == {"citations": True, "structure": True}
    again = MetadataExtractor.from_dict(data)
    assert again.structure is True
    p = Pipeline()
    p.add_component("understand", again)
    doc = p.run({"understand": {"document": _doc([LETTER])}})["understand"]["document"]
    md = doc.metadata
    assert (md.issuer, md.issuer_parent, md.province, md.level) == (
        "Huyện ủy Kim Động",
        "Đảng bộ tỉnh Hưng Yên",
        "Hưng Yên",
        "district",
    )
    assert (md.doc_type, md.number, md.date) == ("Kế hoạch", "12", "2024-03-05")
    assert (md.period.start, md.period.end) == (1930, 2020)
    assert md.title == "Kế hoạch biên soạn lịch sử Đảng bộ huyện (1930-2020)"
    assert md.signer.name == "Nguyễn Văn An" and md.signer.position == "Bí thư"
    assert [c.symbol for c in doc.citations] == ["296-KH/TU"]
    assert doc.extractors["metadata_extractor"]
    # Haystack 3.4 refuses to deserialise classes outside its allowlist unless told to trust them.
    loaded = Pipeline.loads(p.dumps(), allowed_modules=["ingest.components.metadata_extractor"])
    assert loaded.get_component("understand").citations is True


def test_component_can_skip_citations() -> None:
    doc = MetadataExtractor(citations=False).run(document=_doc([LETTER]))["document"]
    assert doc.citations == [] and doc.metadata.symbol_key == "12-kh-hu"


def test_corrected_symbol_recomputes_its_keys() -> None:
    u = understand([LETTER])
    rec = Record(
        id="0123456789abcdef",
        provenance=Provenance(original_name="x.txt", mime="text/plain", size=1, sha256="0" * 64),
        pages=[],
        metadata=u.metadata,
    )
    t0 = datetime.now(UTC)
    corr = [
        Correction(field="symbol", value="Số 21 -KH/HU", by="archivist", at=t0),
        Correction(field="issuer", value="Huyện ủy Kim Động (khóa XXIV)", by="archivist", at=t0 + timedelta(seconds=1)),
    ]
    eff = effective_metadata(rec, corr)
    assert eff.symbol == "Số 21 -KH/HU"
    assert (eff.symbol_normalized, eff.symbol_key, eff.number, eff.issuer_code) == ("21-KH/HU", "21-kh-hu", "21", "HU")
    assert eff.issuer == "Huyện ủy Kim Động (khóa XXIV)"
    assert rec.metadata.symbol_key == "12-kh-hu"  # the extracted layer is untouched
    # a newer re-extraction does not override the correction
    rec2 = rec.model_copy(update={"metadata": understand([LETTER]).metadata})
    assert effective_metadata(rec2, corr).symbol_key == "21-kh-hu"


def test_book_structure_and_printed_page_numbers() -> None:
    pages = [
        "LỜI NÓI ĐẦU\nCuốn sách ghi lại chặng đường.\n5",
        "PHẦN THỨ NHẤT\nĐẢNG BỘ HUYỆN TRONG KHÁNG CHIẾN (1945-1975)\nChương I\nTHÀNH LẬP ĐẢNG BỘ (1945-1954)\nnội dung\n6",
        "7\nMục 1. Những năm đầu\nnội dung thường, không phải đề mục,\nChương II: Xây dựng và bảo vệ (1954-1975)",
        "LỜI KẾT\nBài học kinh nghiệm",
        "nội dung không có số trang",
    ]
    heads = find_structure(split_lines(pages))
    kinds = [(h.kind, h.page) for h in heads]
    assert kinds == [("preface", 1), ("part", 2), ("chapter", 2), ("section", 3), ("chapter", 3), ("conclusion", 4)]
    part = heads[1]
    assert part.title == "PHẦN THỨ NHẤT: ĐẢNG BỘ HUYỆN TRONG KHÁNG CHIẾN (1945-1975)"
    assert (part.period.start, part.period.end) == (1945, 1975)
    assert (heads[2].period.start, heads[2].period.end) == (1945, 1954)
    assert printed_page_numbers(pages) == ["5", "6", "7", None, None]
