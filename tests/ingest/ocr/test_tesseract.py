"""The Tesseract engine on real rendered pages."""

from __future__ import annotations

import pytest

from ingest.ocr import preprocess as pp
from ingest.ocr import tesseract as ts
from sample_data.scans import degrade, ground_truth, reading_order_cer
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
    # each header column read whole, the columns apart (a blank line between regions)
    assert r.text.splitlines() == ["ĐẢNG BỘ", "HUYỆN ỦY", "", "ĐẢNG CỘNG", "Kim Bảng"]
    assert [reg["kind"] for reg in r.regions] == ["header_left", "header_right"]
    assert r.confidence == 90.0 and len(r.words) == 8


def test_orientation_of_a_sideways_page(clean_page):
    sideways = clean_page.rotate(90, expand=True)
    found = ts.orientation(sideways.convert("L"))
    assert found is not None and found[0] == 90


def test_tsv_header_columns_set_close_together_are_still_split():
    """A tight header: the right column starts 73 px after the left one (word gaps ~20 px), less
    than twice the text height, but far wider than this line's own word gaps, at the page middle."""
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [header]
    line1 = [("ĐẢNG", 400, 180), ("BỘ", 600, 80), ("QUẬN", 700, 150), ("ĐẢNG", 1400, 150), ("CỘNG", 1570, 150),
             ("SẢN", 1740, 120), ("VIỆT", 1880, 120), ("NAM", 2020, 120)]
    line2 = [("ĐẢNG", 450, 150), ("ỦY", 620, 80), ("PHƯỜNG", 720, 200), ("KÊNH", 940, 170), ("Hàng", 1183, 130),
             ("Kênh,", 1333, 130), ("ngày", 1483, 110), ("12", 1613, 60), ("tháng", 1693, 130), ("12", 1843, 60),
             ("năm", 1923, 100), ("2024", 2043, 120)]
    line3 = [("Nghị", 300, 110), ("quyết", 430, 130), ("này", 580, 90), ("có", 690, 60), ("hiệu", 770, 100),
             ("lực", 890, 80), ("từ", 990, 60), ("ngày", 1070, 110), ("ký.", 1200, 80)]
    for n_line, words in enumerate((line1, line2, line3), 1):
        for n, (text, x, w) in enumerate(words, 1):
            rows.append(f"5\t1\t1\t1\t{n_line}\t{n}\t{x}\t{100 * n_line}\t{w}\t45\t95.0\t{text}")
    lines = ts.parse_tsv("\n".join(rows)).text.splitlines()
    assert lines == [
        "ĐẢNG BỘ QUẬN",
        "ĐẢNG ỦY PHƯỜNG KÊNH",
        "",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Hàng Kênh, ngày 12 tháng 12 năm 2024",
        "",
        "Nghị quyết này có hiệu lực từ ngày ký.",  # a body line with even gaps stays whole
    ]
