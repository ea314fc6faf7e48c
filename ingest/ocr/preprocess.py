"""Page image clean-up before Tesseract, with Pillow and numpy only.

Every step is cheap next to Tesseract (about 1-2 s a page) and most run on a reduced copy;
the steps and their triggers were chosen by measuring CER on generated scans
(``bench/ocr_bench.py --ablation``). Steps that cost a second Tesseract run (orientation by OSD)
are not here: the engine runs them only when the first pass looks wrong.

Geometry: ``Prepared.display`` is the upright page (EXIF orientation applied) that the viewer
shows; ``Prepared.ocr`` is the grey image given to Tesseract, scaled by ``scale`` and turned by
``angle`` degrees about its centre. ``to_display`` maps OCR pixels back to display pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageFilter, ImageOps

TARGET_DPI = 300
MAX_DPI = 400
ALL_STEPS = ("exif", "gray", "blank", "resample", "background", "contrast", "border", "denoise", "deskew")
# Measured on generated scans (bench/ocr_bench.py --ablation; 3 documents, CER moderate / heavy):
#   default 0.10 % / 0.35 %; without denoise 0.15 % / 1.5 %; without background flattening
#   0.05 % / 27 %; grey only 0.08 % / 42 %; upscaling 150-200 dpi pages to 300 dpi 1.6 % / 10 %
#   (so resampling only ever reduces). Contrast stretching, border clearing and deskewing below
#   3 degrees did not help Tesseract 5 in an earlier round (its own Otsu and line finder cope),
#   so they are off by default and deskew only acts on large angles.
DEFAULT_STEPS = ("exif", "gray", "blank", "resample", "background", "denoise", "deskew")
DESKEW_MIN_ANGLE = 3.0
# Triggers, from the same measurements: light scans (paper brightness spread ~12-23 grey levels,
# noise sigma ~5-6) read as well without flattening or denoising, moderate ones (34-57, 6-8) better
# with them; below the triggers the steps only cost time.
BACKGROUND_MIN_SPREAD = 30.0
DENOISE_MIN_SIGMA = 6.0


@dataclass
class Prepared:
    display: Image.Image
    ocr: Image.Image | None
    dpi: int
    scale: float = 1.0
    angle: float = 0.0
    steps: list[str] = field(default_factory=list)
    blank: str | None = None  # "blank" or "black" when there is nothing to read
    ocr_dpi: int = TARGET_DPI  # resolution of ``ocr``, passed to Tesseract as --dpi

    def to_display(self, x: float, y: float) -> tuple[float, float]:
        """OCR-image pixel → display-image pixel (undo deskew, then the scaling)."""
        if self.angle:
            assert self.ocr is not None  # angle is set only together with ocr
            w, h = self.ocr.size
            cx, cy = w / 2, h / 2
            a = math.radians(self.angle)  # PIL rotates counter-clockwise by angle; undo it
            dx, dy = x - cx, y - cy
            x = cx + dx * math.cos(a) - dy * math.sin(a)
            y = cy + dx * math.sin(a) + dy * math.cos(a)
        return x / self.scale, y / self.scale


def to_8bit(img: Image.Image) -> Image.Image:
    """Any Pillow mode (CMYK, 16-bit, 32-bit float, palette, 1-bit, alpha) → ``L`` or ``RGB``."""
    mode = img.mode
    if mode in ("L", "RGB"):
        return img
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        a = np.asarray(img, dtype=np.float64)
        lo, hi = float(a.min()), float(a.max())
        if hi <= lo:
            return Image.new("L", img.size, 255 if hi > 0 else 0)
        if mode.startswith("I;16") and lo >= 0 and hi <= 65535 and hi > 255:
            a = a / 257.0
        else:
            a = (a - lo) * 255.0 / (hi - lo)
        return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
    if mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        bg = Image.new("RGBA", img.size, (255, 255, 255, 255))
        return Image.alpha_composite(bg, rgba).convert("RGB")
    if mode == "1":
        return img.convert("L")
    if mode == "CMYK":
        return img.convert("RGB")
    return img.convert("RGB")


def effective_dpi(img: Image.Image, declared: float | None) -> int:
    """The declared dpi, or a guess from the page size when it is missing or a screen default."""
    if declared and declared > 100:
        return int(round(declared))
    # Unknown: assume a page about 7 inches across its short side (A4 is 8.3, B5 books 6.9).
    return max(50, int(round(min(img.size) / 7.0)))


def gray(img: Image.Image) -> tuple[Image.Image, str]:
    """Grey for Tesseract. Colour scans take the brightest channel lifted by the pixel's colourfulness,
    so red seals and blue signatures vanish while black print (under them too) stays black."""
    if img.mode == "L":
        return img, "gray"
    small = np.asarray(img.reduce(8), dtype=np.int16)
    sat = (small.max(axis=2) - small.min(axis=2)) > 60
    if sat.mean() > 0.0005:
        a = np.asarray(img, dtype=np.int16)
        hi, lo = a.max(axis=2), a.min(axis=2)
        # The brightest channel alone leaves a red seal mid-grey (R 166 on paper 208 in a moderate
        # scan: its ring read as a hyphen inside the name under it); lifting each pixel by its
        # colourfulness (max - min channel) takes coloured ink to the paper and leaves black print.
        return Image.fromarray(np.clip(hi + (hi - lo), 0, 255).astype(np.uint8), "L"), "gray:colour-out"
    return img.convert("L"), "gray"


def blank_kind(g: Image.Image) -> str | None:
    """``"black"``/``"blank"`` for pages with no ink to read (nothing for Tesseract to do)."""
    a = np.asarray(g.reduce(4), dtype=np.float32)
    mean, std = float(a.mean()), float(a.std())
    if mean < 45 and std < 20:
        return "black"
    if std < 4:
        return "blank"
    # Anything clearly darker than the paper counts as ink, even faint or blurred print
    # (a pencil note must not be skipped as blank); a page with almost none is blank.
    dark = (a < mean - 35).mean()
    if dark < 0.0005:
        return "blank"
    return None


def resample(g: Image.Image, dpi: int) -> tuple[Image.Image, float]:
    """Down to 300 dpi when finer than 400 (time and memory, no accuracy lost); never up.

    Upscaling 150-200 dpi scans to 300 was measured to hurt: CER on moderate scans (200 dpi)
    rose from 0.1 % to 1.6 % and on heavy ones (150 dpi) from 0.35 % to 10 %, against giving
    Tesseract the page at its own resolution with the true ``--dpi``.
    """
    if dpi <= MAX_DPI:
        return g, 1.0
    scale = TARGET_DPI / dpi
    size = (max(1, round(g.width * scale)), max(1, round(g.height * scale)))
    return g.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0), scale


def background_flatten(g: Image.Image) -> tuple[Image.Image, bool]:
    """Divide by the paper's brightness (estimated on a 1/8 copy) to undo uneven lighting."""
    small = g.reduce(16)
    bg = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(3))
    b = np.asarray(bg, dtype=np.float32)
    lo, hi = np.percentile(b, [2, 98])
    if hi - lo < BACKGROUND_MIN_SPREAD:  # evenly lit enough for Tesseract's Otsu: leave it
        return g, False
    full = np.asarray(bg.resize(g.size, Image.Resampling.BILINEAR), dtype=np.float32)
    a = np.asarray(g, dtype=np.float32) / np.maximum(full, 1.0) * 255.0
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L"), True


def contrast(g: Image.Image) -> tuple[Image.Image, bool]:
    """Stretch ink to black and paper to white. Levels come from a 1/4 copy (noise averaged
    out), so a nearly empty noisy page is not stretched into a page of speckles."""
    a = np.asarray(g.reduce(4))
    ink, paper = (float(v) for v in np.percentile(a, [0.5, 60]))
    if paper - ink < 40 or (ink < 30 and paper > 225):
        return g, False
    lo, hi = ink, paper
    lut = [0 if v <= lo else 255 if v >= hi else round((v - lo) * 255 / (hi - lo)) for v in range(256)]
    return g.point(lut), True


def clear_border(g: Image.Image) -> tuple[Image.Image, bool]:
    """White out dark scanner edges: outer rows/columns that are mostly dark."""
    small = np.asarray(g.reduce(4), dtype=np.float32) < 110
    h, w = small.shape
    cols, rows = small.mean(axis=0), small.mean(axis=1)

    def run(frac: np.ndarray, limit: int) -> int:
        n = 0
        while n < limit and frac[n] > 0.6:
            n += 1
        return n

    left, right = run(cols, w // 8), run(cols[::-1], w // 8)
    top, bottom = run(rows, h // 8), run(rows[::-1], h // 8)
    if not (left or right or top or bottom):
        return g, False
    a = np.asarray(g).copy()
    pad = 2
    if left:
        a[:, : (left + pad) * 4] = 255
    if right:
        a[:, a.shape[1] - (right + pad) * 4 :] = 255
    if top:
        a[: (top + pad) * 4, :] = 255
    if bottom:
        a[a.shape[0] - (bottom + pad) * 4 :, :] = 255
    return Image.fromarray(a, "L"), True


def noise_level(g: Image.Image) -> float:
    """Robust noise sigma on a central crop: median absolute difference of neighbours."""
    w, h = g.size
    crop = np.asarray(g.crop((w // 4, h // 4, w // 4 + min(600, w // 2), h // 4 + min(600, h // 2))), dtype=np.float32)
    d = np.abs(np.diff(crop, axis=1))
    return float(np.median(d) * 1.4826 / math.sqrt(2))


DENOISE = "despeckle"


def despeckle(g: Image.Image) -> Image.Image:
    """Whiten isolated dark dots (salt-and-pepper) and soften sensor noise; a box mean is
    ~20x cheaper than a 3x3 median on a 300 dpi page."""
    mean = np.asarray(g.filter(ImageFilter.BoxBlur(1)), dtype=np.int16)
    a = np.asarray(g, dtype=np.int16)
    # a dark pixel whose 3x3 neighbourhood is mostly paper is a speckle
    speck = (a < 128) & (mean > 180)
    out = np.where(speck, 255, (a + mean) // 2)
    return Image.fromarray(out.astype(np.uint8), "L")


def denoise(g: Image.Image, how: str | None = None) -> tuple[Image.Image, bool]:
    if noise_level(g) < DENOISE_MIN_SIGMA:
        return g, False
    how = how or DENOISE
    if how == "median":
        return g.filter(ImageFilter.MedianFilter(3)), True
    return despeckle(g), True


def skew_angle(g: Image.Image, limit: float = 6.0) -> float:
    """Skew in degrees by projection profiles on a 1/8 binarised copy (sharpest row histogram);
    about 20 ms a page, precise to a few tenths of a degree, enough to decide on large skews."""
    small = g.reduce(8)
    a = np.asarray(small, dtype=np.float32)
    ink = (a < min(160.0, float(a.mean()) - 40)).astype(np.uint8) * 255
    if ink.mean() < 0.5:
        return 0.0
    img = Image.fromarray(ink, "L")

    def score(angle: float) -> float:
        r = np.asarray(img.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float32)
        prof = r.sum(axis=1)
        return float(np.square(np.diff(prof)).sum())

    best, best_s = 0.0, score(0.0)
    for ang in np.arange(-limit, limit + 0.01, 1.0):
        s = score(float(ang))
        if s > best_s:
            best, best_s = float(ang), s
    for ang in np.arange(best - 0.8, best + 0.81, 0.2):
        s = score(float(ang))
        if s > best_s:
            best, best_s = float(ang), s
    return round(best, 2)


def prepare(img: Image.Image, *, dpi: float | None = None, steps: tuple[str, ...] = DEFAULT_STEPS) -> Prepared:
    """Clean a decoded page for OCR; ``steps`` lets the benchmark switch steps off one by one."""
    done: list[str] = []
    display = img
    if "exif" in steps and img.getexif().get(0x0112, 1) not in (1, None):
        display = ImageOps.exif_transpose(img)
        done.append("exif")
    display = to_8bit(display)
    eff = effective_dpi(display, dpi)
    if "gray" in steps:
        g, how = gray(display)
        done.append(how)
    else:
        g = display.convert("L")
    prep = Prepared(display=display, ocr=None, dpi=eff, steps=done, ocr_dpi=eff)
    if "blank" in steps:
        kind = blank_kind(g)
        if kind:
            prep.blank = kind
            return prep
    if "resample" in steps:
        g, prep.scale = resample(g, eff)
        if prep.scale != 1.0:
            done.append(f"resample:{eff}->{TARGET_DPI}dpi")
    prep.ocr_dpi = round(eff * prep.scale)
    if "background" in steps:
        g, applied = background_flatten(g)
        if applied:
            done.append("background")
    if "contrast" in steps:
        g, applied = contrast(g)
        if applied:
            done.append("contrast")
    if "border" in steps:
        g, applied = clear_border(g)
        if applied:
            done.append("border")
    if "denoise" in steps:
        g, applied = denoise(g)
        if applied:
            done.append(f"denoise:{DENOISE}")
    if "deskew" in steps:
        angle = skew_angle(g)
        if abs(angle) >= DESKEW_MIN_ANGLE:
            g = g.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
            prep.angle = angle
            done.append(f"deskew:{angle:+.2f}")
    prep.ocr = g
    return prep
