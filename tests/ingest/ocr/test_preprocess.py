"""Preprocessing steps on real rendered pages (no Tesseract)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ingest.ocr import preprocess as pp
from sample_data.scans import degrade


def test_to_8bit_handles_cmyk_16bit_palette_alpha_and_bilevel(clean_page):
    small = clean_page.reduce(4)
    cmyk = small.convert("CMYK")
    assert pp.to_8bit(cmyk).mode == "RGB"
    a16 = (np.asarray(small, dtype=np.uint16) * 257).astype(np.uint16)
    img16 = Image.fromarray(a16)
    assert img16.mode.startswith("I;16")
    out = pp.to_8bit(img16)
    assert out.mode == "L"
    assert np.abs(np.asarray(out, dtype=int) - np.asarray(small, dtype=int)).max() <= 1
    assert pp.to_8bit(small.convert("P")).mode == "RGB"
    assert pp.to_8bit(small.convert("LA")).mode == "RGB"
    assert pp.to_8bit(small.convert("1")).mode == "L"


def test_blank_and_black_pages_are_recognised(clean_page):
    assert pp.blank_kind(Image.new("L", (2480, 3508), 250)) == "blank"
    assert pp.blank_kind(Image.new("L", (2480, 3508), 8)) == "black"
    noisy_blank = degrade(Image.new("L", (1240, 1754), 255), "light", seed=2).convert("L")
    assert pp.blank_kind(noisy_blank) == "blank"
    assert pp.blank_kind(clean_page) is None


def test_colour_scan_takes_a_red_seal_to_the_paper_and_keeps_print_under_it(clean_page):
    rgb = clean_page.convert("RGB")
    d = ImageDraw.Draw(rgb)
    # a seal on dim paper, as a moderate scan shows it: the brightest channel alone leaves it grey
    d.rectangle((1400, 850, 2100, 1450), fill=(208, 208, 206))
    d.ellipse((1500, 900, 2000, 1400), outline=(166, 73, 79), width=30)
    d.rectangle((1700, 1380, 1800, 1420), fill=(20, 20, 20))  # black print under the ring
    g, how = pp.gray(rgb)
    a = np.asarray(g)
    assert how == "gray:colour-out"
    assert a[1150, 1500:1530].min() >= 208  # the ring is at least as light as the paper around it
    assert a[1390:1410, 1720:1780].max() < 50  # the print under it is still black
    assert a.min() < 50


def test_resample_only_reduces_fine_scans(clean_page):
    fine = clean_page.resize((clean_page.width * 2, clean_page.height * 2))
    out, scale = pp.resample(fine, 600)
    assert scale == 0.5 and out.size == clean_page.size
    low = clean_page.resize((clean_page.width // 2, clean_page.height // 2))
    same, scale = pp.resample(low, 150)  # upscaling was measured to hurt: never done
    assert scale == 1.0 and same is low
    assert pp.effective_dpi(clean_page, None) == pytest.approx(300, rel=0.25)  # guessed from the page size
    assert pp.effective_dpi(clean_page, 72) == pytest.approx(300, rel=0.25)  # 72 dpi is a screen default
    prep = pp.prepare(low, dpi=150)
    assert prep.ocr_dpi == 150 and prep.scale == 1.0


@pytest.mark.parametrize("angle", [-4.0, 3.5])
def test_skew_angle_is_measured(clean_page, angle):
    turned = clean_page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert pp.skew_angle(turned) == pytest.approx(-angle, abs=0.4)


def test_prepare_maps_ocr_pixels_back_to_the_display(clean_page):
    fine = clean_page.resize((clean_page.width * 2, clean_page.height * 2))
    turned = fine.rotate(4.0, resample=Image.Resampling.BICUBIC, fillcolor=255)
    prep = pp.prepare(turned, dpi=600)
    assert prep.scale == 0.5 and prep.ocr_dpi == 300 and abs(prep.angle) >= pp.DESKEW_MIN_ANGLE
    w, h = prep.ocr.size
    assert prep.to_display(w / 2, h / 2) == pytest.approx((turned.width / 2, turned.height / 2), abs=2)
    # a word's corner in the deskewed OCR image maps back onto the same ink in the turned page
    ink = np.argwhere(np.asarray(prep.ocr) < 100)
    y, x = ink[len(ink) // 3]
    dx, dy = prep.to_display(float(x), float(y))
    patch = np.asarray(turned.convert("L"))[int(dy) - 6:int(dy) + 7, int(dx) - 6:int(dx) + 7]
    assert patch.min() < 128


def test_uneven_lighting_is_flattened(clean_page):
    dark = degrade(clean_page, "heavy", seed=5).convert("L")
    flat, applied = pp.background_flatten(dark)
    assert applied
    a = np.asarray(flat.reduce(8), dtype=np.float32)
    paper = np.percentile(a, 80, axis=None)
    corners = [a[:40, :40], a[:40, -40:], a[-40:, :40], a[-40:, -40:]]
    spread = max(np.percentile(c, 80) for c in corners) - min(np.percentile(c, 80) for c in corners)
    assert paper > 200 and spread < 40
