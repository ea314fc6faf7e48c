"""Reading order of scanned pages: word boxes made up here (exact geometry), then real scans of
directives printed side by side (``sample_data.directive_scan``) read by real Tesseract."""

from __future__ import annotations

import math

import pytest

from ingest.ocr import preprocess, tesseract
from ingest.ocr.layout import read_page
from ingest.ocr.tesseract import Word
from ingest.understand import understand
from sample_data.catalog import prepared_all
from sample_data.directive_scan import render_directive, shortened
from sample_data.scans import degrade


def _line(words: list[tuple[str, int]], y: int, n: int, *, block: int = 1, h: int = 40, conf: float = 95.0,
          slope: float = 0.0) -> list[Word]:
    """Words at x positions on baseline y (tilted by ``slope``), each 22 px a character wide."""
    out = []
    for text, x in words:
        dy = round(slope * x)
        out.append(Word(text, x, y + dy, x + 22 * len(text), y + dy + h, conf, block, 1, n))
    return out


def body_text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def _footer(slope: float = 0.0) -> list[Word]:
    """A footer as Tesseract returns it: each row one line running across both columns."""
    rows = [
        ([("Nơi", 300), ("nhận:", 400)], [("T/M", 1500), ("BAN", 1600), ("THƯỜNG", 1700), ("VỤ", 1880)]),
        ([("-", 300), ("Như", 330), ("trên,", 420)], [("BÍ", 1600), ("THƯ", 1670)]),
        ([("-", 300), ("Lưu", 330), ("VP.", 420)], []),
        ([], [("Nguyễn", 1560), ("Văn", 1720), ("An", 1810)]),
    ]
    words: list[Word] = []
    for n, (left, right) in enumerate(rows, 1):
        words += _line(left + right, 2000 + 60 * n, n, slope=slope)
    return words


def test_footer_columns_are_read_one_after_the_other():
    body = _line([("Ban", 300), ("Thường", 400), ("vụ", 560), ("đề", 640), ("nghị", 720), ("các", 850),
                  ("cấp", 950), ("ủy", 1050), ("thực", 1150), ("hiện", 1300), ("nghiêm", 1450), ("túc.", 1650)],
                 1900, 1, block=0)
    page = read_page(body + _footer())
    assert page.of_kind("footer_left") == ["Nơi nhận:", "- Như trên,", "- Lưu VP."]
    assert page.of_kind("footer_right") == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn An"]
    assert page.text.splitlines()[:2] == [body_text(body), ""]


def test_a_tilted_page_keeps_each_column_whole():
    """At 1.5 degrees the right column sits 30 px lower than the left one: rows are found after
    the tilt is undone, so no line of one column is read with the other's."""
    page = read_page(_footer(slope=math.tan(math.radians(1.5))))
    assert page.of_kind("footer_right") == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn An"]
    assert page.of_kind("footer_left")[0] == "Nơi nhận:"


def test_scribble_and_second_readings_are_not_text():
    words = _footer()
    # the handwritten signature read as tall unsure letters between position and name
    words += [Word("A", 1650, 2225, 1675, 2290, 60, 1, 1, 9), Word("J", 1690, 2225, 1718, 2290, 52, 1, 1, 9)]
    # an unsure second reading over the name's ink, as Tesseract sometimes returns
    words += [Word("g6", 1570, 2245, 1760, 2285, 29, 1, 1, 10)]
    page = read_page(words)
    assert page.of_kind("footer_right") == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn An"]


def test_a_tall_capital_read_surely_is_print_not_a_mark():
    """"Ủy" stands half again as tall as its line (hook over the capital, tail of the y); read at 97 it
    is a word of the distribution list, where a tall unsure pair of letters is the scribble's."""
    words = _footer()
    row = _line([("-", 300), ("Các", 330), ("đồng", 420), ("chí", 520), ("viên", 640)], 2150, 9)
    row.insert(4, Word("Ủy", 585, 2143, 625, 2203, 97.0, 1, 1, 9))  # 60 px against the line's 40
    page = read_page(words + row)
    assert "- Các đồng chí Ủy viên" in page.of_kind("footer_left")
    assert page.of_kind("footer_right") == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn An"]


def test_page_number_is_tagged_and_kept():
    words = _line([("2", 1200)], 100, 1, block=0)
    words += _line([("Nội", 300), ("dung", 400), ("của", 520), ("văn", 620), ("bản", 720), ("tiếp", 820),
                    ("theo", 950), ("trang", 1080), ("trước", 1220), ("đây", 1360), ("và", 1460)], 200, 2)
    words += _line([("còn", 300), ("nữa", 400)], 260, 3)
    page = read_page(words)
    assert [r.kind for r in page.regions] == ["page_number", "body"]
    assert page.text.splitlines()[0] == "2"


def _directive(i: int):
    ps = [p for p in prepared_all() if p.doc.signer and p.doc.distribution and not p.doc.is_book]
    return shortened(ps[i], 1)


@pytest.mark.integration
@pytest.mark.parametrize(("i", "level"), [(2, "moderate"), (5, "moderate"), (10, "heavy")])
def test_scanned_directive_with_a_seal_gives_signer_and_distribution(i: int, level: str):
    p = _directive(i)
    img = degrade(render_directive(p, seed=i, seal=True)[0], level, seed=i)
    prep = preprocess.prepare(img, dpi=img.info["dpi"][0])
    assert prep.ocr is not None
    ocr = tesseract.recognize(prep.ocr, dpi=prep.ocr_dpi)
    kinds = [r["kind"] for r in ocr.regions]
    assert kinds[:2] == ["header_left", "header_right"] and kinds[-2:] == ["footer_left", "footer_right"]
    md = understand([ocr.text]).metadata
    sig = p.doc.signer
    assert md.signer is not None and md.signer.name == sig[-1]
    assert md.signer.position is not None and md.signer.position.upper() == sig[-2]
    assert len(md.distribution) == len(p.doc.distribution)
