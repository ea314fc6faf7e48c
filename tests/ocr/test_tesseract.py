"""The Tesseract engine on real rendered pages."""

from __future__ import annotations

import pytest

from ingest.ocr import preprocess as pp
from ingest.ocr import tesseract as ts
from ingest.scans import degrade, ground_truth, reading_order_cer
from sulieu.errors import OcrUnavailable

pytestmark = pytest.mark.integration


def test_clean_page_reads_with_diacritics_and_boxes(clean_page):
    prep = pp.prepare(clean_page, dpi=300)
    r = ts.recognize(prep.ocr)
    assert reading_order_cer(ground_truth(clean_page), r.text) <= 0.01
    assert "HUYỆN ỦY KIM BẢNG" in r.text  # capitalised headings keep their marks with -l vie alone
    assert r.confidence is not None and r.confidence > 85
    # the header's two columns are not run together on one line
    assert not any("HÀ NAM" in ln and "VIỆT NAM" in ln for ln in r.text.splitlines())
    word = next(w for w in r.words if w.text == "THÔNG")
    crop = prep.ocr.crop((word.x0, word.y0, word.x1, word.y1))
    assert min(crop.getdata()) < 80  # the box holds the word's ink
    assert all(0 <= w.x0 < w.x1 <= prep.ocr.width and 0 <= w.y0 < w.y1 <= prep.ocr.height for w in r.words)


def test_moderate_scan_within_goal(clean_page):
    scan = degrade(clean_page, "moderate", seed=11)
    prep = pp.prepare(scan, dpi=scan.info["dpi"][0])
    assert prep.ocr_dpi == 200 and prep.scale == 1.0  # read at its own resolution
    r = ts.recognize(prep.ocr, dpi=prep.ocr_dpi)
    assert reading_order_cer(ground_truth(scan), r.text) <= 0.03


def test_missing_tesseract_says_how_to_install(clean_page, tmp_path):
    missing = str(tmp_path / "no-such-tesseract")
    with pytest.raises(OcrUnavailable) as e:
        ts.ensure_available(missing, "vie")
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in e.value.message
    with pytest.raises(OcrUnavailable):
        ts.recognize(clean_page.reduce(4), cmd=missing)


def test_missing_language_says_how_to_install():
    with pytest.raises(OcrUnavailable) as e:
        ts.ensure_available("tesseract", "xyz")
    assert "xyz" in e.value.message and "tesseract-ocr-vie" in e.value.message


def test_tsv_lines_split_at_column_gaps():
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [header]
    words = [("ĐẢNG", 100, 1), ("BỘ", 260, 2), ("ĐẢNG", 1300, 3), ("CỘNG", 1460, 4)]
    for text, x, n in words:
        rows.append(f"5\t1\t1\t1\t1\t{n}\t{x}\t100\t140\t50\t95.0\t{text}")
    words2 = [("HUYỆN", 100, 1), ("ỦY", 280, 2), ("Kim", 1300, 3), ("Bảng", 1420, 4)]
    for text, x, n in words2:
        rows.append(f"5\t1\t1\t1\t2\t{n}\t{x}\t170\t140\t50\t85.0\t{text}")
    r = ts.parse_tsv("\n".join(rows))
    assert r.text.splitlines() == ["ĐẢNG BỘ", "HUYỆN ỦY", "ĐẢNG CỘNG", "Kim Bảng"]
    assert r.confidence == 90.0 and len(r.words) == 8


def test_orientation_of_a_sideways_page(clean_page):
    sideways = clean_page.rotate(90, expand=True)
    found = ts.orientation(sideways.convert("L"))
    assert found is not None and found[0] == 90
