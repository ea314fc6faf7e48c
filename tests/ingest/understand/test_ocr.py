"""Understanding OCR output: a seed rendered to a page image and read back by real Tesseract."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

from ingest.understand import understand

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

pytestmark = [pytest.mark.integration, pytest.mark.slow]
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def _ocr_page(lines: list[str]) -> str:
    pytesseract = pytest.importorskip("pytesseract")
    from PIL import Image, ImageDraw, ImageFont

    if shutil.which("tesseract") is None or not FONT.exists():
        pytest.skip("Tesseract hoặc phông DejaVu chưa được cài")
    if "vie" not in pytesseract.get_languages(config=""):
        pytest.skip("thiếu dữ liệu tiếng Việt của Tesseract (tesseract-ocr-vie)")
    font = ImageFont.truetype(str(FONT), 34)
    img = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi
    draw = ImageDraw.Draw(img)
    y = 150
    for line in lines:
        for part in textwrap.wrap(line, 95) or [""]:
            draw.text((150, y), part, font=font, fill=0)
            y += 52
    return pytesseract.image_to_string(img, lang="vie")


def test_seed_000_through_tesseract(shared_dir: Path) -> None:
    seed = next((shared_dir / "seeds").glob("000_*.txt")).read_text(encoding="utf-8")
    body = [ln.replace("*", "").strip() for ln in seed.splitlines() if ln.strip() and ln.strip() != "*"]
    head = body[:20]  # header, recipients and the first paragraph (with its citations)
    tail = body[body.index("Nơi nhận:") :]  # distribution list and signature block
    text = _ocr_page(head + [""] + tail)
    md = understand([text]).metadata
    assert md.system == "party"
    assert (md.issuer, md.issuer_parent) == ("Quận ủy Kiến An", "Đảng bộ thành phố Hải Phòng")
    assert (md.symbol_normalized, md.doc_type, md.date, md.place) == ("1902-CV/QU", "Công văn", "2024-02-28", "Kiến An")
    assert md.subject == "tuyên truyền cuốn Lịch sử Đảng bộ thành phố Hải Phòng - Tập IV (2001 - 2020)"
    assert len(md.recipients) == 6
    assert md.signer is not None and md.signer.name == "Vũ Thị Thu Huyền"
    assert md.signer.position == "Chánh Văn phòng"
    cits = {c.symbol: c for c in understand([text]).citations}
    assert cits["328-KH/TU"].date == "2024-01-12"


def test_two_header_columns_through_tesseract() -> None:
    """Tesseract puts the right column on the lines of the left one; both parts are read."""
    pytesseract = pytest.importorskip("pytesseract")
    from PIL import Image, ImageDraw, ImageFont

    if shutil.which("tesseract") is None or not FONT.exists():
        pytest.skip("Tesseract hoặc phông DejaVu chưa được cài")
    if "vie" not in pytesseract.get_languages(config=""):
        pytest.skip("thiếu dữ liệu tiếng Việt của Tesseract (tesseract-ocr-vie)")
    font = ImageFont.truetype(str(FONT), 34)
    img = Image.new("L", (2480, 900), 255)
    draw = ImageDraw.Draw(img)
    left = ["ĐẢNG BỘ TP HẢI PHÒNG", "QUẬN ỦY KIẾN AN", "*", "Số 1579-CV/QU", "V/v tiếp tục đẩy mạnh tuyên truyền"]
    right = ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "", "Kiến An, ngày 22 tháng 6 năm 2023"]
    for i, text in enumerate(left):
        draw.text((150, 150 + i * 60), text, font=font, fill=0)
    for i, text in enumerate(right):
        draw.text((1350, 150 + i * 60), text, font=font, fill=0)
    draw.text(
        (150, 600), "Thực hiện Kế hoạch số 68-KH/QU, ngày 11/5/2023 của Ban Thường vụ Quận ủy.", font=font, fill=0
    )
    u = understand([pytesseract.image_to_string(img, lang="vie")])
    md = u.metadata
    assert (md.system, md.issuer, md.issuer_parent) == ("party", "Quận ủy Kiến An", "Đảng bộ thành phố Hải Phòng")
    assert (md.symbol_normalized, md.date, md.place) == ("1579-CV/QU", "2023-06-22", "Kiến An")
    assert md.subject == "tiếp tục đẩy mạnh tuyên truyền"
    assert [(c.symbol, c.date) for c in u.citations] == [("68-KH/QU", "2023-05-11")]
