"""The test-scan generator and the CER measure (no OCR here)."""

from __future__ import annotations

import random

from PIL import Image

from sample_data.scans import (
    cer,
    degrade,
    ground_truth,
    levenshtein,
    reading_order_cer,
    render_pages,
    split_directive,
    write_jpegs,
    write_pdf,
    write_tiff,
)
from tests.ingest.ocr.conftest import SAMPLE, page_image


def _dp(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def test_levenshtein_matches_plain_dynamic_programming():
    rnd = random.Random(7)
    alphabet = "aăâbcdđ eêoôơ"
    for _ in range(200):
        a = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        b = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        assert levenshtein(a, b) == _dp(a, b)


def test_cer_normalises_nfc_and_whitespace():
    assert cer("Thành ủy", "Tha\u0300nh  u\u0309y") == 0.0
    assert cer("abcd", "abxd") == 0.25


def test_reading_order_cer_forgives_column_order_but_not_misreads():
    truth = "ĐẢNG BỘ TỈNH\nHUYỆN ỦY\nĐẢNG CỘNG SẢN VIỆT NAM\nKim Bảng, ngày 15"
    merged = "ĐẢNG BỘ TỈNH ĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY Kim Bảng, ngày 15"
    assert reading_order_cer(truth, merged) == 0.0
    assert reading_order_cer(truth, merged.replace("VIỆT", "VIET")) > 0


def test_split_directive_puts_header_columns_apart():
    d = split_directive(SAMPLE)
    assert d.left == ["ĐẢNG BỘ TỈNH HÀ NAM", "HUYỆN ỦY KIM BẢNG", "Số 45-TB/HU"]
    assert d.right == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Kim Bảng, ngày 15 tháng 3 năm 2024"]
    assert d.body[0] == "THÔNG BÁO"


def test_render_pages_is_a4_at_300_dpi_with_ground_truth():
    long_text = SAMPLE + "\n\n" + "\n\n".join([f"Đoạn văn thử nghiệm số {i} về công tác lịch sử Đảng."
                                                for i in range(80)])
    pages = render_pages(long_text, signature=["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Lê Văn Minh"])
    assert len(pages) >= 2
    assert pages[0].size == (2480, 3508) and pages[0].info["dpi"] == (300, 300)
    assert ground_truth(pages[0]).startswith("ĐẢNG BỘ TỈNH HÀ NAM")
    assert ground_truth(pages[-1]).endswith("Lê Văn Minh")
    assert "signature_box" in pages[-1].info
    assert "Đoạn văn thử nghiệm số 79" in "\n".join(ground_truth(p) for p in pages)


def test_degrade_levels_are_deterministic_and_keep_truth():
    clean_page = page_image(paper=(105.0, 75.0))  # small: degrading is numpy work on every pixel
    a = degrade(clean_page, "moderate", seed=3)
    b = degrade(clean_page, "moderate", seed=3)
    assert a.tobytes() == b.tobytes()
    assert a.info["dpi"] == (200, 200) and a.width < clean_page.width
    assert ground_truth(a) == ground_truth(clean_page)
    heavy = degrade(clean_page, "heavy", seed=3)
    assert heavy.info["dpi"] == (150, 150)
    turned = degrade(clean_page, "light", seed=1, orientation=90)
    assert turned.size == (clean_page.height, clean_page.width)


def test_writers_produce_scans_with_ground_truth(tmp_path):
    clean_page = page_image(paper=(105.0, 75.0))
    pages = [clean_page, degrade(clean_page, "light", 1)]
    pdf = write_pdf(pages, tmp_path / "scan.pdf")
    tif = write_tiff(pages, tmp_path / "scan.tif")
    jpgs = write_jpegs(pages, tmp_path / "book")
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    assert len(doc) == 2 and doc[0].get_textpage().get_text_range().strip() == ""
    doc.close()
    with Image.open(tif) as t:
        assert t.n_frames == 2
    assert len(jpgs) == 2 and jpgs[0].with_suffix(".txt").read_text(encoding="utf-8") == ground_truth(clean_page)
    assert pdf.with_suffix(".txt").read_text(encoding="utf-8").split("\f")[0] == ground_truth(clean_page)
