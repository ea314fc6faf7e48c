"""A page number alone in the foot margin, which Tesseract's layout pass drops, is read again on its own;
ink that is no numbered mark (a scribble, the tail of the last line) adds nothing. Real Tesseract on
pages drawn here."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from ingest.ocr import tesseract as ts
from ingest.ocr.layout import dedupe
from ingest.ocr.margins import reread_margins
from ingest.ocr.tesseract import Word
from sample_data.scans import _font

pytestmark = pytest.mark.integration

BODY = ["Hệ thống thủy lợi được tu bổ, diện tích cấy lúa hai vụ tăng nhanh,",
        "năng suất bình quân năm sau cao hơn năm trước. Lực lượng dân quân",
        "được huấn luyện thường xuyên, sẵn sàng chiến đấu bảo vệ quê hương."]


def _page(foot: str | None, *, scribble: bool = False) -> Image.Image:
    img = Image.new("L", (1240, 1754), 255)
    d = ImageDraw.Draw(img)
    body = _font(34)
    for i, line in enumerate(BODY):
        d.text((120, 200 + 52 * i), line, font=body, fill=0)
    if foot:
        d.text((600, 1600), foot, font=_font(30), fill=0)
    if scribble:
        d.line([(500, 1500), (560, 1470), (620, 1510), (700, 1480)], fill=0, width=4)
    return img


def _read(img: Image.Image) -> ts.OcrResult:
    return ts.recognize(img, psm=3)


def _line7(crop: Image.Image, psm: int) -> ts.OcrResult:
    return ts.recognize(crop, psm=psm)


def test_a_lone_page_number_at_the_foot_is_read_again_and_comes_last():
    img = _page("12")
    first = _read(img)
    out = reread_margins(img, first, _line7)
    assert out.text.splitlines()[-1] == "12"
    assert out.text.splitlines()[0].startswith("Hệ thống thủy lợi")
    if "12" in first.text.split():  # Tesseract read it the first time: nothing is added twice
        assert out.text.split().count("12") == 1


def test_a_page_number_tesseract_drops_is_recovered():
    """The case seen on moderate book scans: the first pass has no number, the margin reading has it."""
    img = _page("7")
    first = _read(img)
    first_without = ts.rebuild([w for w in first.words if w.text != "7"])  # as the layout pass lost it
    out = reread_margins(img, first_without, _line7)
    assert out.text.splitlines()[-1] == "7"
    assert [w.text for w in out.words if w.block >= 2000] == ["7"]


def test_a_scribble_or_an_empty_margin_adds_nothing():
    for img in (_page(None, scribble=True), _page(None)):
        first = _read(img)
        assert reread_margins(img, first, _line7).text == first.text


def test_ink_running_into_the_text_is_not_a_margin_mark():
    """The lower half of a "7" on the last line sits below that line's word boxes: it is no new mark."""
    img = _page(None)
    first = _read(img)
    d = ImageDraw.Draw(img)
    last = max(w.y1 for w in first.words)
    d.rectangle((1100, last - 20, 1112, last + 25), fill=0)  # a stroke crossing the last line's foot
    calls: list[tuple[int, int]] = []

    def spy(crop: Image.Image, psm: int) -> ts.OcrResult:
        calls.append(crop.size)
        return _line7(crop, psm)
    reread_margins(img, first, spy)
    assert calls == []


def test_a_sure_dash_beside_a_word_is_kept_whatever_its_box():
    """Tesseract boxed the dash of "KINH TẾ - XÃ HỘI" back over "TẾ" on a bold heading: it stays."""
    te = Word("TẾ", 617, 318, 691, 353, 93.3, 4, 1, 2)
    dash = Word("-", 671, 314, 690, 369, 93.2, 4, 1, 2)
    shadow = Word("-", 671, 314, 690, 369, 31.0, 4, 1, 2)
    assert dedupe([te, dash]) == [te, dash]
    assert dedupe([te, shadow]) == [te]  # an unsure one is still a second reading


def test_everywhere_a_number_alone_at_a_lines_end_is_read_but_only_when_asked():
    """A contents page whose leaders were wiped: the number beside its entry was never a word."""
    img = Image.new("L", (1240, 900), 255)
    d = ImageDraw.Draw(img)
    for i, line in enumerate(["Chương I: KHÁNG CHIẾN", "BẢO VỆ QUÊ HƯƠNG (1945 - 1954)", "Chương II: ĐỔI MỚI"]):
        d.text((120, 200 + 52 * i), line, font=_font(34), fill=0)
    d.text((1080, 252), "17", font=_font(34), fill=0)  # at the end of the second line, far from its text
    first = _read(img)
    first = ts.rebuild([w for w in first.words if w.text != "17"])
    assert "17" not in reread_margins(img, first, _line7).text.split()
    out = reread_margins(img, first, _line7, everywhere=True)
    assert [w.text for w in out.words if w.block >= 2000] == ["17"]
    assert out.text.split().count("17") == 1


def test_everywhere_a_lone_speck_read_for_a_number_gives_way_to_the_number():
    """"ỹ" read alone on its line where the contents prints "7": read again, the number replaces it."""
    img = Image.new("L", (1240, 900), 255)
    d = ImageDraw.Draw(img)
    d.text((120, 200), "BẢO VỆ QUÊ HƯƠNG (1945 - 1954)", font=_font(34), fill=0)
    d.text((120, 252), "Chương II: ĐỔI MỚI (1986 - 2000)", font=_font(34), fill=0)
    d.text((1080, 252), "7", font=_font(34), fill=0)
    first = _read(img)
    seven = [w for w in first.words if w.text == "7"]
    box = seven[0] if seven else Word("7", 1080, 258, 1100, 284, 90.0, 9, 1, 1)
    kept = [w for w in first.words if w.text != "7"]
    speck = Word("ỹ", box.x0, box.y0, box.x1, box.y1, 31.0, 9, 1, 1)  # alone on its line, as Tesseract gave it
    out = reread_margins(img, ts.rebuild([*kept, speck]), _line7, everywhere=True)
    assert "ỹ" not in out.text and out.text.split().count("7") == 1
