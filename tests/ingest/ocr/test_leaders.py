"""Dot leaders are wiped and nothing else is: a dash, the bar of a "T", a full stop and the dot under
"Ạ" stay. A contents page drawn here, read by the real worker path, gives each entry its period and its
page number."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ingest.ocr import preprocess
from ingest.ocr.leaders import leader_mask, without_leaders
from ingest.ocr.worker import PageTask, _recognise
from sample_data.scans import _font

ENTRIES = [("Chương I: TRUYỀN THỐNG ĐẤU TRANH", "CỦA NHÂN DÂN (1930 - 1945)", "3"),
           ("Chương II: KHÁNG CHIẾN BẢO VỆ", "QUÊ HƯƠNG (1945 - 1954)", "17"),
           ("Chương III: ĐẨY MẠNH SẢN XUẤT, ỔN ĐỊNH", "ĐỜI SỐNG NHÂN DÂN (1954 - 1975)", "42")]


def _contents() -> tuple[Image.Image, list[tuple[int, int, int, int]], list[tuple[int, int, int, int]]]:
    """A contents page, the boxes of the text beside its leaders (title lines and numbers) and the
    boxes of its leaders."""
    img = Image.new("L", (1240, 1300), 255)
    d = ImageDraw.Draw(img)
    font = _font(32)
    d.text((520, 120), "MỤC LỤC", font=_font(40, bold=True), fill=0)
    boxes, runs = [], []
    y = 220
    for first, second, page in ENTRIES:
        d.text((140, y), first, font=font, fill=0)
        boxes.append(d.textbbox((140, y), first, font=font))
        y += 48
        d.text((140, y), second, font=font, fill=0)
        box = d.textbbox((140, y), second, font=font)
        boxes.append(box)
        number = d.textbbox((0, 0), page, font=font)
        nx = 1100 - (number[2] - number[0])
        x = box[2] + 16
        start = x
        while x < nx - 20:  # the leader: a dot every 11 px
            d.text((x, y), ".", font=font, fill=0)
            x += 11
        runs.append((start, box[1], x, box[3]))
        d.text((nx, y), page, font=font, fill=0)
        boxes.append(d.textbbox((nx, y), page, font=font))
        y += 80
    d.text((140, y), "Tổng cộng có ba chương.", font=font, fill=0)  # a full stop that must stay
    boxes.append(d.textbbox((140, y), "Tổng cộng có ba chương.", font=font))
    return img, boxes, runs


def test_only_the_leader_dots_are_wiped() -> None:
    img, boxes, runs = _contents()
    gray = np.asarray(img)
    mask = leader_mask(gray, 34)
    assert mask.sum() > 1000  # three leaders of dozens of dots
    for x0, y0, x1, y1 in boxes:  # titles (dashes, "T" bars, tone marks), numbers, the full stop
        assert not mask[y0:y1 + 1, x0:x1 + 1].any(), (x0, y0, x1, y1)
    wiped, n = without_leaders(img, 34)
    assert n == mask.sum()
    for x0, y0, x1, y1 in runs:  # the leaders are paper now
        assert (gray[y0:y1, x0:x1] < 128).sum() > 100
        assert (np.asarray(wiped)[y0:y1, x0:x1] < 200).sum() == 0


def test_a_page_without_leaders_is_left_as_it_is() -> None:
    img = Image.new("L", (1240, 600), 255)
    d = ImageDraw.Draw(img)
    d.text((140, 200), "Thực hiện Kế hoạch số 96-KH/HU ngày 10/4/2024 của Ban Thường vụ.", font=_font(32), fill=0)
    d.text((140, 260), "Hà Nội - 2024. Ghi chú: T. T. T.", font=_font(32), fill=0)
    out, n = without_leaders(img, 34)
    assert n == 0 and out is img


@pytest.mark.integration
def test_a_contents_page_reads_every_period_and_page_number() -> None:
    img, _, _ = _contents()
    prep = preprocess.prepare(img.convert("RGB"), dpi=300)
    task = PageTask(number=1, kind="image", path="", index=0, name="", staging_dir="", stem="t")
    text = _recognise(task, prep).text
    assert "leaders" in prep.steps
    for _, second, page in ENTRIES:
        assert second.split("(")[1].rstrip(")") in text.replace("  ", " ")
        assert page in text.split(), (page, text)
    assert "...." not in text
