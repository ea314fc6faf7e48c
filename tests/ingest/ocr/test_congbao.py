"""Real Công báo PDFs from ../shared: text layers kept where usable, OCR where not."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from ingest.components.page_ocr import PageOcr
from ingest.components.pdf_converter import PdfConverter
from tests.ingest.ocr.conftest import source_for

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text).lower())


def _vbpl_text(shared: Path, vbpl_id: str) -> str:
    with open(shared / "corpus/vbpl_central_2025/documents.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["doc_id"] == vbpl_id:
                return d["text"]
    pytest.skip(f"{vbpl_id} not in vbpl_central_2025")


def test_image_body_is_ocrd_and_matches_the_independent_vbpl_text(shared_dir, tmp_path):
    folder = shared_dir / "corpus/congbao_pdf"
    meta = {json.loads(line)["slug"]: json.loads(line) for line in open(folder / "meta.jsonl", encoding="utf-8")}
    slug = "thong-tu-so-19-2026-tt-btc-469385"
    pdf = folder / "pdf" / f"{slug}.pdf"
    doc = PdfConverter().run(source_for(pdf, "pdf", "application/pdf"))["document"]
    assert any(p.needs_ocr for p in doc.pages)
    doc = PageOcr(staging_dir=str(tmp_path), jobs=2).run(doc)["document"]
    ocrd = [p for p in doc.pages if p.source == "ocr"]
    assert ocrd and all(p.word_boxes() and p.image_file and p.confidence for p in ocrd)
    truth = _words(_vbpl_text(shared_dir, meta[slug]["vbpl_match"]["doc_id"]))
    got = set(_words("\n".join(p.text for p in doc.pages)))
    recall = sum(w in got for w in truth) / len(truth)
    assert recall > 0.95, recall  # syllables of the site's text found in our OCR (diacritics included)


def test_scanned_gazette_page_and_born_digital_pages(shared_dir, tmp_path):
    folder = shared_dir / "corpus/congbao_pdf/pdf"
    born = PdfConverter().run(source_for(folder / "thong-tu-so-34-2021-tt-bldtbxh-36490.pdf", "pdf",
                                         "application/pdf"))["document"]
    assert not any(p.needs_ocr for p in born.pages)
    before = [p.text for p in born.pages]
    assert PageOcr(staging_dir=str(tmp_path), jobs=1).run(born)["document"].pages[0].text == before[0]

    scan = PdfConverter().run(source_for(folder / "thong-tu-so-58-2021-tt-bqp-33814.pdf", "pdf",
                                         "application/pdf"))["document"]
    assert all(p.needs_ocr for p in scan.pages)
    for p in scan.pages[1:]:
        p.needs_ocr = False  # one page is enough here; bench/ocr_bench.py --congbao does all 26
    page = PageOcr(staging_dir=str(tmp_path), jobs=1).run(scan)["document"].pages[0]
    assert page.source == "ocr" and page.confidence and page.confidence > 60
    assert len(_words(page.text)) > 100 and "bộ" in _words(page.text)
