"""Scanned directives printed the way committees print them, with the text each region holds as ground truth.

``sample_data.scans`` draws a header and a body with the signature under the distribution list; real
directives put "Nơi nhận:" and its list on the left and the signature block on the right, side by
side on the same lines, in a smaller font, with a red round seal stamped over the position and the
name, and sometimes a "DỰ THẢO", "MẬT" or "KHẨN" mark. This module draws that page from a
``Prepared`` sample document. Everything that could be tuned to one layout (font family and size,
margins, column widths, the gap between the footer columns, the seal's place and angle, line
spacing) is drawn from a seed, so a benchmark over many seeds measures layouts, not one layout.

Each page carries ``info["ground_truth"]`` (reading order: header left, header right, body, footer
left, footer right) and ``info["regions"]`` (the lines of each region), which the layout tests and
``bench/scan_fields.py`` compare with what OCR reads. Pages are RGB, so the seal stays red.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from sample_data.catalog import Prepared, strip_marker
from sample_data.render_text import plain_lines
from sample_data.scans import FONT_DIR, _justify, _scribble, _stamp, _wrap

DPI = 300
MARKS = ("DỰ THẢO", "MẬT", "KHẨN")
# (regular, bold, italic) files of each family the layouts draw from.
FAMILIES: dict[str, tuple[str, str, str]] = {
    "serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"),
    "serif-condensed": ("DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-Bold.ttf", "DejaVuSerifCondensed-Italic.ttf"),
    "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    "sans-condensed": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf", "DejaVuSansCondensed-Oblique.ttf"),
}


@dataclass(frozen=True)
class ScanLayout:
    """One printing of a directive; every length in millimetres, sizes in points."""

    family: str
    font_pt: float
    footer_ratio: float  # footer font size / body font size
    line_spacing: float
    margin_left: float
    margin_right: float
    margin_top: float
    header_split: float  # share of the text width given to the header's left column
    footer_left: float  # share of the text width given to "Nơi nhận"
    footer_gap: float  # white space between the footer columns
    seal_dx: float  # seal centre from the signature column's centre, in column widths
    seal_dy: float  # seal centre from the position line, in line steps

    @classmethod
    def from_seed(cls, seed: int) -> ScanLayout:
        r = random.Random(seed)
        return cls(
            family=r.choice(sorted(FAMILIES)),
            font_pt=round(r.uniform(12.0, 13.5), 1),
            footer_ratio=round(r.uniform(0.78, 0.92), 2),
            line_spacing=round(r.uniform(1.25, 1.5), 2),
            margin_left=round(r.uniform(25, 35), 1),
            margin_right=round(r.uniform(10, 20), 1),
            margin_top=round(r.uniform(15, 25), 1),
            header_split=round(r.uniform(0.40, 0.47), 3),
            footer_left=round(r.uniform(0.38, 0.48), 3),
            footer_gap=round(r.uniform(4, 15), 1),
            seal_dx=round(r.uniform(-0.35, 0.05), 3),
            seal_dy=round(r.uniform(0.2, 1.6), 2),
        )


class _Fonts:
    def __init__(self, lay: ScanLayout) -> None:
        self.reg_file, self.bold_file, self.ital_file = (str(FONT_DIR / f) for f in FAMILIES[lay.family])
        self.size = round(lay.font_pt * DPI / 72)
        self.foot = round(self.size * lay.footer_ratio)

    def get(self, style: str = "", scale: float = 1.0, size: int | None = None) -> ImageFont.FreeTypeFont:
        path = {"": self.reg_file, "B": self.bold_file, "I": self.ital_file}[style]
        return ImageFont.truetype(path, max(16, round((size or self.size) * scale)))


class _Canvas:
    """The pages drawn so far, the pen position, and the ground truth of each region per page."""

    def __init__(self, lay: ScanLayout) -> None:
        self.lay = lay
        self.mm = DPI / 25.4
        self.pw, self.ph = round(210 * self.mm), round(297 * self.mm)
        self.ml = lay.margin_left * self.mm
        self.width = self.pw - self.ml - lay.margin_right * self.mm
        self.bottom = self.ph - 20 * self.mm
        self.fonts = _Fonts(lay)
        self.step = round(self.fonts.size * lay.line_spacing)
        self.pages: list[Image.Image] = []
        self.regions: list[dict[str, list[str]]] = []
        self.new_page()

    def new_page(self) -> None:
        img = Image.new("RGB", (self.pw, self.ph), (255, 255, 255))
        self.pages.append(img)
        self.draw = ImageDraw.Draw(img)
        self.regions.append({})
        self.y = self.lay.margin_top * self.mm
        if len(self.pages) > 1:  # NĐ 30/2020: page numbers at the top centre from page 2
            n = str(len(self.pages))
            f = self.fonts.get()
            self.draw.text((self.ml + (self.width - self.draw.textlength(n, font=f)) / 2, 10 * self.mm), n,
                           font=f, fill=(0, 0, 0))
            self.regions[-1]["page_number"] = [n]

    def put(self, region: str, xy: tuple[float, float], text: str, font: ImageFont.FreeTypeFont) -> None:
        self.draw.text(xy, text, font=font, fill=(0, 0, 0))
        self.regions[-1].setdefault(region, []).append(text)

    def centred(self, region: str, x0: float, x1: float, y: float, text: str, font: ImageFont.FreeTypeFont) -> None:
        while self.draw.textlength(text, font=font) > x1 - x0 and font.size > 20:
            font = font.font_variant(size=font.size - 2)
        self.put(region, ((x0 + x1 - self.draw.textlength(text, font=font)) / 2, y), text, font)


def _mark_box(cv: _Canvas, x: float, y: float, mark: str) -> float:
    """A mark in a ruled box, as offices stamp "MẬT" or type "DỰ THẢO"; returns the y under it."""
    f = cv.fonts.get("B", 1.05)
    w = cv.draw.textlength(mark, font=f)
    pad = 0.35 * cv.fonts.size
    cv.draw.rectangle((x - pad, y - pad * 0.6, x + w + pad, y + cv.fonts.size * 1.25 + pad * 0.6), outline=(0, 0, 0),
                      width=4)
    cv.put("marks", (x, y), mark, f)
    return y + cv.fonts.size * 1.25 + 2 * pad


def _header(cv: _Canvas, p: Prepared, marks: tuple[str, ...]) -> None:
    lay, f = cv.lay, cv.fonts
    split = cv.ml + cv.width * lay.header_split
    if "DỰ THẢO" in marks:
        cv.y = _mark_box(cv, cv.ml + cv.width * 0.78, cv.y, "DỰ THẢO") + cv.step * 0.3
    yl = yr = cv.y
    for i, ln in enumerate(p.left):
        font = f.get("B" if ln.isupper() and i < len(p.left) - 1 else "", 0.95)
        cv.centred("header_left", cv.ml - 4 * cv.mm, split, yl, ln, font)
        yl += cv.step
    if p.left_note:  # "V/v ..." of a công văn, wrapped in the left column
        note = f.get("I", 0.9)
        for ln in _wrap(cv.draw, p.left_note, note, split - cv.ml - 6 * cv.mm, 0):
            cv.centred("header_left", cv.ml - 4 * cv.mm, split, yl, ln, note)
            yl += round(cv.step * 0.9)
    for ln in [*p.right, p.date_line]:
        font = f.get("I") if ln is p.date_line else f.get("B", 0.95)
        cv.centred("header_right", split, cv.ml + cv.width, yr + (cv.step * 0.4 if ln is p.date_line else 0), ln, font)
        yr += cv.step
    for mk in (m for m in MARKS if m in marks and m != "DỰ THẢO"):
        yl = _mark_box(cv, cv.ml + cv.width * lay.header_split * 0.3, yl + cv.step * 0.3, mk)
    cv.y = max(yl, yr) + cv.step


def _paragraph(cv: _Canvas, text: str, *, bold: bool = False, centre: bool = False, indent: bool = True) -> None:
    f = cv.fonts.get("B" if bold else "")
    ind = 0 if centre or not indent or text.startswith("- ") else 12.7 * cv.mm
    lines = _wrap(cv.draw, text, f, cv.width, ind)
    for k, ln in enumerate(lines):
        if cv.y + cv.step > cv.bottom:
            cv.new_page()
        if centre:
            cv.put("body", (cv.ml + (cv.width - cv.draw.textlength(ln, font=f)) / 2, cv.y), ln, f)
        else:
            x = cv.ml + (ind if k == 0 else 0)
            if k < len(lines) - 1:
                _justify(cv.draw, (x, cv.y), ln, f, cv.ml + cv.width - x)
                cv.regions[-1].setdefault("body", []).append(ln)
            else:
                cv.put("body", (x, cv.y), ln, f)
        cv.y += cv.step
    cv.y += round(cv.step * 0.25)


def _body(cv: _Canvas, p: Prepared) -> None:
    for i, ln in enumerate(p.title):
        _paragraph(cv, ln, bold=True, centre=True)
        if i == len(p.title) - 1:
            cv.y += cv.step * 0.4
    if p.recipients:
        _paragraph(cv, "Kính gửi: " + " ".join(p.recipients), indent=False)
    for blk in p.blocks:
        _paragraph(cv, strip_marker(blk), bold=blk.startswith(("## ", "### ", "#c ")))


def _footer_height(cv: _Canvas, p: Prepared) -> float:
    foot = cv.fonts.foot * cv.lay.line_spacing
    return max((len(p.doc.distribution) * 1.6 + 1) * foot, (len(p.doc.signer) + 4) * cv.step) + cv.step


def _distribution(cv: _Canvas, p: Prepared, y: float) -> None:
    f, fi = cv.fonts.get("", size=cv.fonts.foot), cv.fonts.get("B", size=cv.fonts.foot)
    width = cv.width * cv.lay.footer_left
    step = round(cv.fonts.foot * cv.lay.line_spacing * 0.92)
    cv.put("footer_left", (cv.ml, y), "Nơi nhận:", fi)
    y += step
    for item in p.doc.distribution:
        for k, ln in enumerate(_wrap(cv.draw, item, f, width, 0)):
            cv.put("footer_left", (cv.ml + (0 if k == 0 else 0.6 * cv.fonts.foot), y), ln, f)
            y += step


def _signature(cv: _Canvas, p: Prepared, y: float, rnd: random.Random, seal: bool) -> None:
    lay = cv.lay
    x0 = cv.ml + cv.width * lay.footer_left + lay.footer_gap * cv.mm
    x1 = cv.ml + cv.width
    f = cv.fonts.get("B", size=round((cv.fonts.size + cv.fonts.foot) / 2))
    sig = list(p.doc.signer)
    for ln in sig[:-1]:
        cv.centred("footer_right", x0, x1, y, ln, f)
        y += cv.step
    pos_y = y - cv.step
    _scribble(cv.draw, (x0 + x1) / 2, y + cv.step * 1.4, cv.step * 3, rnd)
    y += cv.step * 3
    cv.centred("footer_right", x0, x1, y, sig[-1], f)
    if seal:
        cx = (x0 + x1) / 2 + lay.seal_dx * (x1 - x0)
        cy = pos_y + lay.seal_dy * cv.step
        r = 19 * cv.mm  # a 38 mm seal; _stamp takes the box whose height is 1/0.62 of the radius
        half = r / 0.62 / 2
        box = (int(cx - r * 0.9), int(cy - half), int(cx + r), int(cy + half))
        img = cv.pages[-1]
        stamped = _stamp(img, box, random.Random(rnd.random()))
        img.paste(stamped)


def render_directive(p: Prepared, *, seed: int, seal: bool = True, marks: tuple[str, ...] = ()) -> list[Image.Image]:
    """The directive ``p`` as RGB A4 pages at 300 dpi, printed with the layout of ``seed``."""
    bad = [m for m in marks if m not in MARKS]
    if bad:
        raise ValueError(f"unknown marks {bad}")
    lay = ScanLayout.from_seed(seed)
    cv = _Canvas(lay)
    _header(cv, p, marks)
    _body(cv, p)
    if p.doc.signer or p.doc.distribution:
        if cv.y + _footer_height(cv, p) > cv.bottom:
            cv.new_page()
        y = cv.y + cv.step * 0.5
        if p.doc.distribution:
            _distribution(cv, p, y)
        if p.doc.signer:
            _signature(cv, p, y, random.Random(seed), seal)
    order = ("page_number", "marks", "header_left", "header_right", "body", "footer_left", "footer_right")
    for img, regions in zip(cv.pages, cv.regions, strict=True):
        img.info["dpi"] = (DPI, DPI)
        img.info["regions"] = regions
        img.info["layout"] = dataclasses.asdict(lay)
        img.info["ground_truth"] = "\n".join(ln for k in order for ln in regions.get(k, []))
    return cv.pages


def shortened(p: Prepared, blocks: int) -> Prepared:
    """``p`` with only its first ``blocks`` body blocks, so a benchmark page holds header and footer."""
    return dataclasses.replace(p, blocks=p.blocks[:blocks])


def directive_text(p: Prepared, marks: tuple[str, ...] = ()) -> str:
    """The same document as plain text (the born-digital form), marks on their own lines under the number."""
    lines = plain_lines(p)
    at = len(p.left) + (1 if p.left_note else 0)
    mark_lines = [m for m in MARKS if m in marks]
    return "\n".join([*lines[:at], *mark_lines, *lines[at:]]).rstrip() + "\n"


def write_scan_pdf(pages: list[Image.Image], path: Path) -> Path:
    """An image-only PDF of the pages (one JPEG per page, as a scanner writes it)."""
    from sample_data.scans import write_pdf

    return write_pdf(pages, path)
