"""Columns read again on their own: the new reading replaces the page's inside the column, a sure word
it missed stays, and a clearly less sure reading is refused. The reader is a stand-in returning fixed
words (the real Tesseract path is tested in test_layout.py and the end-to-end test)."""

from __future__ import annotations

from PIL import Image

from ingest.ocr.columns import reread_columns
from ingest.ocr.tesseract import OcrResult, Word, rebuild


def _w(text: str, x: int, y: int, conf: float = 95.0, line: int = 1, block: int = 1) -> Word:
    return Word(text, x, y, x + 22 * len(text), y + 40, conf, block, 1, line)


def _page() -> OcrResult:
    """A footer whose left column Tesseract read badly: "Sẽ" for "- Thường", the wrapped line lost."""
    words = [_w("Nơi", 300, 2000), _w("nhận:", 400, 2000), _w("T/M", 1500, 2000), _w("BAN", 1600, 2000),
             _w("THƯỜNG", 1700, 2000), _w("VỤ", 1880, 2000),
             _w("Sẽ", 300, 2060, conf=3, line=2), _w("trực", 380, 2060, line=2), _w("BÍ", 1600, 2060, line=2),
             _w("THƯ", 1670, 2060, line=2),
             _w("MẬT", 300, 2120, line=3), _w("Nguyễn", 1560, 2180, line=4), _w("Văn", 1720, 2180, line=4),
             _w("An", 1810, 2180, line=4)]
    return rebuild(words)


def _reader(words: list[Word]):
    calls: list[tuple[int, int]] = []

    def read(crop: Image.Image) -> OcrResult:
        calls.append(crop.size)
        return OcrResult(text="", words=words if len(calls) == 1 else [], confidence=None)
    return read, calls


def test_the_left_column_read_alone_replaces_the_page_reading_and_keeps_what_it_missed():
    first = _page()
    assert [r["kind"] for r in first.regions] == ["footer_left", "footer_right"]
    box = first.regions[0]["box"]
    x0, y0 = box[0] - 32, box[1] - 32  # the crop's origin (pad 0.8 x 40 px)
    crop_words = [_w("Nơi", 300 - x0, 2000 - y0), _w("nhận:", 400 - x0, 2000 - y0),
                  _w("-", 300 - x0, 2060 - y0, line=2), _w("Thường", 330 - x0, 2060 - y0, line=2),
                  _w("trực", 480 - x0, 2060 - y0, line=2)]
    read, calls = _reader(crop_words)
    out = reread_columns(Image.new("L", (2400, 3000), 255), first, read)
    assert len(calls) == 2  # each column of the footer
    left = out.text.split("\n\n")[0].splitlines()
    assert left == ["Nơi nhận:", "- Thường trực", "MẬT"]  # "MẬT", read surely and not in the crop, stays
    assert "T/M BAN THƯỜNG VỤ" in out.text


def test_a_less_sure_reading_is_refused():
    first = _page()
    read, _ = _reader([_w("Nơi", 10, 10, conf=20)])
    out = reread_columns(Image.new("L", (2400, 3000), 255), first, read)
    assert out.text == first.text
