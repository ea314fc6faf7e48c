"""The conversion half of the ingest pipeline as a real Haystack pipeline, saved to YAML and loaded back."""

from __future__ import annotations

import pytest
from haystack import Pipeline
from haystack.components.joiners import BranchJoiner

from ingest.components.docx_converter import DocxConverter
from ingest.components.file_sniffer import FileSniffer
from ingest.components.html_converter import HtmlConverter
from ingest.components.pdf_converter import PdfConverter, _is_garbage
from ingest.components.text_converter import TextConverter
from ingest.components.text_normalizer import TextNormalizer
from ingest.types import ConvertedDoc
from sulieu.errors import EmptyDocument
from tests.support.pdfs import make_directive_pdf

KINDS = ("pdf", "docx", "text", "html")


def _pipeline() -> Pipeline:
    p = Pipeline()
    p.add_component("sniffer", FileSniffer(max_file_mb=50))
    p.add_component("pdf", PdfConverter(header_engine="pdfplumber"))
    p.add_component("docx", DocxConverter())
    p.add_component("text", TextConverter())
    p.add_component("html", HtmlConverter())
    p.add_component("joiner", BranchJoiner(ConvertedDoc))
    p.add_component("normalizer", TextNormalizer())
    for kind in KINDS:
        p.connect(f"sniffer.{kind}", f"{kind}.source")
        p.connect(f"{kind}.document", "joiner.value")
    p.connect("joiner.value", "normalizer.document")
    return p


@pytest.fixture(scope="module")
def loaded() -> Pipeline:
    yaml_text = _pipeline().dumps()
    assert "header_engine: pdfplumber" in yaml_text and "max_file_mb: 50" in yaml_text
    # Haystack 3.4 only loads classes from allow-listed modules (ingest.components and ingest.types).
    return Pipeline.loads(yaml_text, allowed_modules=["ingest"])


def test_yaml_round_trip_runs_every_kind(loaded, tmp_path, shared_dir):
    import docx

    pdf = make_directive_pdf(tmp_path / "Kế hoạch số 1.pdf")
    d = docx.Document()
    d.add_paragraph("Công văn  số 5-CV/HU")
    d.save(tmp_path / "cv.docx")
    (tmp_path / "tb.html").write_text("<html><body><p>Thông báo số 7-TB/TU</p></body></html>", "utf-8")
    cases = {
        pdf: "ĐẢNG BỘ TP HẢI PHÒNG",
        tmp_path / "cv.docx": "Công văn số 5-CV/HU",
        tmp_path / "tb.html": "Thông báo số 7-TB/TU",
        shared_dir / "seeds" / "000_a06d1cac938332d1.txt": "Số 1902-CV/QU",
    }
    for path, expected in cases.items():
        out = loaded.run({"sniffer": {"path": str(path), "original_name": path.name}})
        doc = out["normalizer"]["document"]
        assert expected in doc.text, path.name
        assert doc.source.original_name == path.name
        assert doc.extractors["text_normalizer"] == "1"


def test_errors_surface_from_pipeline(loaded, tmp_path):
    (tmp_path / "rong.txt").write_bytes(b"")
    with pytest.raises(Exception) as e:
        loaded.run({"sniffer": {"path": str(tmp_path / "rong.txt")}})
    # Haystack wraps component errors; ours is kept as the cause.
    err = e.value if isinstance(e.value, EmptyDocument) else e.value.__cause__
    assert isinstance(err, EmptyDocument)


def test_garbage_text_layer_detector():
    assert _is_garbage("\ue001\ue002\ue003 " * 30)
    assert _is_garbage("!\"#$%&'()*+,-./ " * 10)
    assert not _is_garbage("Ban Thường vụ Quận ủy xây dựng kế hoạch tuyên truyền, 12/01/2024.")
    assert not _is_garbage("1.234.567 | 2.345.678 | 3.456.789 | 4.567.890")
