"""Realistic test scans with ground truth: render text as directive pages, then degrade them.

Used by the OCR tests and ``bench/ocr_bench.py``. Pages are A4 at ``dpi`` with the margins of
Nghị định 30/2020 (top/bottom 20 mm, left 30 mm, right 15 mm), a two-column header (issuing body
and number on the left, national/Party title and place-date on the right), a justified body
and an optional signature block. Each rendered image carries its ground truth in
``img.info["ground_truth"]`` (left column, right column, then body, one line per line).

``degrade`` simulates a scanner/photocopier: skew, blur, sensor noise, uneven lighting, a red
stamp over the signature, dark borders, a lower resolution and JPEG artefacts. It is
deterministic for a given seed.
"""

from __future__ import annotations

import io
import math
import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
Level = Literal["clean", "light", "moderate", "heavy"]
LEVELS: tuple[Level, ...] = ("clean", "light", "moderate", "heavy")

_RIGHT_HEADER = re.compile(r"^(ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG H[OÒ]À XÃ HỘI|Độc lập|.{2,40}, ngày\b)", re.IGNORECASE)
_MARKUP = re.compile(r"[*_#]+|\s{2,}$")


def _font(size_px: int, bold: bool = False, italic: bool = False) -> ImageFont.FreeTypeFont:
    style = ("Bold" if bold else "") + ("Italic" if italic else "")
    path = FONT_DIR / (f"DejaVuSerif-{style}.ttf" if style else "DejaVuSerif.ttf")
    if not path.exists():
        path = FONT_DIR / "DejaVuSerif.ttf"
    return ImageFont.truetype(str(path), size_px)


def clean_markup(text: str) -> str:
    """Drop markdown emphasis used in the seeds and normalise to NFC, keeping line breaks."""
    lines = [_MARKUP.sub("", ln).strip() for ln in unicodedata.normalize("NFC", text).splitlines()]
    return "\n".join(lines)


@dataclass
class DirectiveText:
    left: list[str]
    right: list[str]
    body: list[str]  # paragraphs


def split_directive(text: str) -> DirectiveText:
    """Split a directive's plain text into the two header columns and body paragraphs.

    The header zone is the run of short lines before the first long line, ``Kính gửi`` or
    title; its national/Party title and place-date lines go right, the rest left.
    """
    lines = [ln for ln in clean_markup(text).splitlines()]
    left: list[str] = []
    right: list[str] = []
    i = 0
    seen = 0
    while i < len(lines) and seen < 14:
        ln = lines[i]
        if not ln:
            i += 1
            continue
        if len(ln) > 70 or ln.lower().startswith(("kính gửi", "- kính gửi")):
            break
        if ln.isupper() and not _RIGHT_HEADER.match(ln) and left and any(s.startswith("Số") for s in left):
            break  # the type title (KẾ HOẠCH) starts the body
        (right if _RIGHT_HEADER.match(ln) else left).append(ln)
        seen += 1
        i += 1
    if not right:  # no national/Party title or place-date: not a directive header at all
        left, i = [], 0
    body: list[str] = []
    para: list[str] = []
    for ln in lines[i:]:
        if not ln:
            if para:
                body.append(" ".join(para))
                para = []
            continue
        if ln.startswith("- ") and para:
            body.append(" ".join(para))
            para = []
        para.append(ln)
    if para:
        body.append(" ".join(para))
    return DirectiveText(left, right, [re.sub(r"\s+", " ", p).strip() for p in body if p.strip()])


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: float, indent: float) -> list[str]:
    words = text.split()
    lines: list[str] = []
    cur: list[str] = []
    avail = width - indent
    for w in words:
        trial = " ".join([*cur, w])
        if cur and draw.textlength(trial, font=font) > avail:
            lines.append(" ".join(cur))
            cur = [w]
            avail = width
        else:
            cur.append(w)
    if cur:
        lines.append(" ".join(cur))
    return lines


def _justify(draw: ImageDraw.ImageDraw, xy: tuple[float, float], line: str, font, width: float) -> None:
    words = line.split(" ")
    if len(words) < 2:
        draw.text(xy, line, font=font, fill=0)
        return
    total = sum(draw.textlength(w, font=font) for w in words)
    gap = (width - total) / (len(words) - 1)
    if gap > 3 * draw.textlength(" ", font=font):  # a very short line: don't stretch it
        draw.text(xy, line, font=font, fill=0)
        return
    x, y = xy
    for w in words:
        draw.text((x, y), w, font=font, fill=0)
        x += draw.textlength(w, font=font) + gap


@dataclass
class _Layout:
    """Page geometry and fonts for one rendering, all in pixels at ``dpi``."""

    dpi: int
    pw: int
    ph: int
    ml: float
    mt: float
    mb: float
    width: float
    mm: float
    size: int
    step: int
    regular: ImageFont.FreeTypeFont
    bold: ImageFont.FreeTypeFont
    small_bold: ImageFont.FreeTypeFont


def _layout(dpi: int, font_pt: float, line_spacing: float, paper: tuple[float, float]) -> _Layout:
    mm = dpi / 25.4
    pw, ph = round(paper[0] * mm), round(paper[1] * mm)
    ml, mr, mt, mb = 30 * mm, 15 * mm, 20 * mm, 20 * mm
    size = round(font_pt * dpi / 72)
    return _Layout(
        dpi=dpi, pw=pw, ph=ph, ml=ml, mt=mt, mb=mb, width=pw - ml - mr, mm=mm, size=size,
        step=round(size * line_spacing), regular=_font(size), bold=_font(size, bold=True),
        small_bold=_font(round(size * 0.95), bold=True),
    )


class _Pages:
    """The pages drawn so far, the current one's ``draw`` and pen position ``y``, and their ground truth."""

    def __init__(self, lay: _Layout) -> None:
        self.lay = lay
        self.pages: list[Image.Image] = []
        self.truth: list[list[str]] = []
        self.draw: ImageDraw.ImageDraw
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        lay = self.lay
        img = Image.new("L", (lay.pw, lay.ph), 255)
        img.info["dpi"] = (lay.dpi, lay.dpi)
        self.draw = ImageDraw.Draw(img)
        self.pages.append(img)
        self.truth.append([])
        self.y = lay.mt

    def text(self, xy: tuple[float, float], line: str, font: ImageFont.FreeTypeFont) -> None:
        """Draw ``line`` at ``xy`` and record it as the next ground-truth line of the current page."""
        self.draw.text(xy, line, font=font, fill=0)
        self.truth[-1].append(line)


def _fit(draw: ImageDraw.ImageDraw, line: str, font: ImageFont.FreeTypeFont, width: float) -> ImageFont.FreeTypeFont:
    """``font`` made smaller (2 px at a time, not below 20 px) until ``line`` fits in ``width``."""
    while draw.textlength(line, font=font) > width and font.size > 20:
        font = font.font_variant(size=font.size - 2)
    return font


def _draw_header(pg: _Pages, doc: DirectiveText) -> None:
    """The two header columns, each line centred in its column."""
    lay, draw = pg.lay, pg.draw
    col_l = (lay.ml, lay.ml + lay.width * 0.42)
    col_r = (lay.ml + lay.width * 0.42, lay.ml + lay.width)
    yl = yr = pg.y
    for ln in doc.left:
        f = _fit(draw, ln, lay.small_bold if ln.isupper() else lay.regular, col_l[1] - col_l[0])
        w = draw.textlength(ln, font=f)
        pg.text((max(col_l[0], (col_l[0] + col_l[1] - w) / 2), yl), ln, f)
        yl += lay.step
    for ln in doc.right:
        f = lay.small_bold if ln.isupper() or ln.startswith("Độc lập") else _font(lay.size, italic=True)
        f = _fit(draw, ln, f, col_r[1] - col_r[0])
        w = draw.textlength(ln, font=f)
        pg.text(((col_r[0] + col_r[1] - w) / 2, yr), ln, f)
        yr += lay.step
    pg.y = max(yl, yr) + lay.step


def _draw_body(pg: _Pages, doc: DirectiveText) -> None:
    """Body paragraphs: titles centred in bold, the rest justified with a first-line indent."""
    lay = pg.lay
    indent = 12.7 * lay.mm
    for para in doc.body:
        title = para.isupper() and len(para) < 60
        f = lay.bold if title else lay.regular
        lines = _wrap(pg.draw, para, f, lay.width, 0 if title or para.startswith("- ") else indent)
        for k, ln in enumerate(lines):
            if pg.y + lay.step > lay.ph - lay.mb:
                pg.new_page()
            if title:
                w = pg.draw.textlength(ln, font=f)
                pg.draw.text((lay.ml + (lay.width - w) / 2, pg.y), ln, font=f, fill=0)
            else:
                x = lay.ml + (indent if k == 0 and not para.startswith("- ") else 0)
                if k < len(lines) - 1:
                    _justify(pg.draw, (x, pg.y), ln, f, lay.ml + lay.width - x)
                else:
                    pg.draw.text((x, pg.y), ln, font=f, fill=0)
            pg.truth[-1].append(ln)
            pg.y += lay.step
        pg.y += round(lay.step * 0.3)


def _draw_signature(pg: _Pages, signature: Sequence[str], rnd: random.Random) -> None:
    """Position lines, room for a scribbled signature, the name; the box goes in ``info["signature_box"]``."""
    lay = pg.lay
    step, f = lay.step, lay.small_bold
    sig = list(signature)
    need = step * (len(sig) + 4)
    if pg.y + need > lay.ph - lay.mb:
        pg.new_page()
    pg.y += step * 0.5
    cx = lay.ml + lay.width * 0.72
    for ln in sig[:-1]:
        w = pg.draw.textlength(ln, font=f)
        pg.text((cx - w / 2, pg.y), ln, f)
        pg.y += step
    box_top = pg.y
    _scribble(pg.draw, cx, pg.y + step * 1.4, step * 3, rnd)
    pg.y += step * 3
    name = sig[-1]
    w = pg.draw.textlength(name, font=f)
    pg.text((cx - w / 2, pg.y), name, f)
    pg.pages[-1].info["signature_box"] = (int(cx - step * 4), int(box_top - step), int(cx + step * 3), int(pg.y + step))


def render_pages(
    text: str,
    *,
    dpi: int = 300,
    font_pt: float = 13.0,
    line_spacing: float = 1.35,
    signature: Sequence[str] | None = None,
    paper: tuple[float, float] = (210.0, 297.0),
) -> list[Image.Image]:
    """Render a directive's text as A4 page images (mode ``L``) with ground truth in ``info``.

    ``signature`` lines (e.g. ``["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "<name>"]``) are placed at the
    bottom right with room for a handwritten signature between the position and the name;
    that box is recorded in ``info["signature_box"]`` for ``degrade``'s stamp.
    """
    doc = split_directive(text)
    pg = _Pages(_layout(dpi, font_pt, line_spacing, paper))
    if doc.left or doc.right:
        _draw_header(pg, doc)
    _draw_body(pg, doc)
    if signature:
        _draw_signature(pg, signature, random.Random(len(text)))
    for img, lines in zip(pg.pages, pg.truth, strict=True):
        img.info["ground_truth"] = "\n".join(lines)
    return pg.pages


def _scribble(draw: ImageDraw.ImageDraw, cx: float, cy: float, span: float, rnd: random.Random) -> None:
    pts = []
    for t in range(60):
        a = t / 59
        pts.append((cx - span / 2 + span * a, cy + math.sin(a * 9 + rnd.random()) * span * 0.12))
    draw.line(pts, fill=60, width=max(2, int(span / 90)))


def ground_truth(img: Image.Image) -> str:
    return img.info.get("ground_truth", "")


# --- degradation ----------------------------------------------------------------------------

_LEVEL_PARAMS: dict[str, dict[str, float]] = {
    # skew degrees, blur radius, noise sigma, light gradient, jpeg quality, output dpi, stamp, border, speckle
    "clean": dict(skew=0.0, blur=0.0, noise=0.0, light=0.0, jpeg=0, dpi=0, stamp=0, border=0, speckle=0.0),
    "light": dict(skew=0.6, blur=0.4, noise=6.0, light=0.10, jpeg=85, dpi=0, stamp=0, border=0, speckle=0.0),
    "moderate": dict(skew=1.5, blur=0.7, noise=12.0, light=0.25, jpeg=70, dpi=200, stamp=1, border=1, speckle=0.0005),
    "heavy": dict(skew=3.0, blur=1.0, noise=20.0, light=0.40, jpeg=45, dpi=150, stamp=1, border=1, speckle=0.002),
}


def degrade(img: Image.Image, level: Level = "moderate", seed: int = 0, *, orientation: int = 0) -> Image.Image:
    """A scanned-looking copy of ``img`` (RGB, possibly at a lower dpi; ``info['dpi']`` is set).

    ``orientation`` (0/90/180/270) turns the page as a sideways or upside-down scan would.
    Ground truth and dpi follow the image in ``info``.
    """
    if level not in _LEVEL_PARAMS:
        raise ValueError(f"unknown degradation level {level!r}")
    p = _LEVEL_PARAMS[level]
    rnd = random.Random(seed)
    nrng = np.random.default_rng(seed)
    truth = img.info.get("ground_truth", "")
    src_dpi = int(round(img.info.get("dpi", (300, 300))[0]))
    out = img.convert("RGB")

    if p["stamp"] and "signature_box" in img.info:
        out = _stamp(out, img.info["signature_box"], rnd)
    if p["light"]:
        out = _uneven_light(out, p["light"], rnd)
    if p["skew"]:
        angle = rnd.uniform(0.4, 1.0) * p["skew"] * rnd.choice((-1, 1))
        out = out.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(250, 250, 248))
    if p["border"]:
        out = _dark_border(out, rnd, width=int(src_dpi * 0.08))
    if p["blur"]:
        out = out.filter(ImageFilter.GaussianBlur(p["blur"] * src_dpi / 300))
    dpi = src_dpi
    if p["dpi"] and p["dpi"] < src_dpi:
        dpi = int(p["dpi"])
        out = out.resize((round(out.width * dpi / src_dpi), round(out.height * dpi / src_dpi)), Image.Resampling.BILINEAR)
    if p["noise"] or p["speckle"]:
        a: np.ndarray = np.asarray(out, dtype=np.float32)  # float64 once noise is added
        if p["noise"]:
            a = a + nrng.normal(0, p["noise"], a.shape[:2])[..., None]
        if p["speckle"]:
            mask = nrng.random(a.shape[:2])
            a[mask < p["speckle"] / 2] = 20
            a[mask > 1 - p["speckle"] / 2] = 255
        out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB")
    if orientation % 360:
        out = out.rotate(orientation % 360, expand=True)
    if p["jpeg"]:
        buf = io.BytesIO()
        out.save(buf, "JPEG", quality=int(p["jpeg"]))
        buf.seek(0)
        out = Image.open(buf)
        out.load()
    out.info["dpi"] = (dpi, dpi)
    out.info["ground_truth"] = truth
    return out


def _stamp(img: Image.Image, box: tuple[int, int, int, int], rnd: random.Random) -> Image.Image:
    """A red round seal over the left half of the signature, as Vietnamese offices stamp."""
    x0, y0, x1, y1 = box
    r = int((y1 - y0) * 0.62)
    cx, cy = x0 + int(r * 0.9), (y0 + y1) // 2
    layer = Image.new("L", img.size, 0)
    d = ImageDraw.Draw(layer)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=255, width=max(4, r // 14))
    d.ellipse((cx - int(r * 0.62), cy - int(r * 0.62), cx + int(r * 0.62), cy + int(r * 0.62)), outline=255, width=max(3, r // 22))
    f = _font(max(12, r // 6), bold=True)
    d.text((cx, cy), "★", font=f, fill=255, anchor="mm")
    label = "ĐẢNG ỦY * BAN THƯỜNG VỤ * "
    for k, ch in enumerate(label):
        ang = 2 * math.pi * k / len(label) - math.pi / 2
        d.text((cx + math.cos(ang) * r * 0.81, cy + math.sin(ang) * r * 0.81), ch, font=f, fill=255, anchor="mm")
    layer = layer.rotate(rnd.uniform(-25, 25), center=(cx, cy)).filter(ImageFilter.GaussianBlur(1.2))
    ink = np.asarray(layer, dtype=np.float32)[..., None] / 255.0 * rnd.uniform(0.65, 0.85)
    red = np.array([205, 35, 45], dtype=np.float32)
    a = np.asarray(img, dtype=np.float32)
    a = a * (1 - ink) + np.minimum(a, red) * ink
    return Image.fromarray(a.astype(np.uint8), "RGB")


def _uneven_light(img: Image.Image, strength: float, rnd: random.Random) -> Image.Image:
    w, h = img.size
    gx, gy = rnd.uniform(-1, 1), rnd.uniform(-1, 1)
    xs = np.linspace(-1, 1, w, dtype=np.float32)[None, :]
    ys = np.linspace(-1, 1, h, dtype=np.float32)[:, None]
    shade = 1.0 - strength * (0.5 + 0.5 * np.clip(gx * xs + gy * ys, -1, 1))
    a = np.asarray(img, dtype=np.float32) * shade[..., None]
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB")


def _dark_border(img: Image.Image, rnd: random.Random, width: int) -> Image.Image:
    a = np.asarray(img).copy()
    left, top = rnd.randint(width // 2, width), rnd.randint(0, width // 2)
    a[:, :left] = 40
    a[:top, :] = 40
    return Image.fromarray(a, "RGB")


# --- writing scans --------------------------------------------------------------------------


def write_jpegs(pages: Iterable[Image.Image], out_dir: Path, stem: str = "page", quality: int = 90) -> list[Path]:
    """One JPEG per page (``stem-0001.jpg``) plus ``stem-0001.txt`` ground truth; a folder book."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, img in enumerate(pages, 1):
        p = out_dir / f"{stem}-{i:04d}.jpg"
        dpi = img.info.get("dpi", (300, 300))
        img.convert("RGB" if img.mode not in ("L", "RGB") else img.mode).save(p, "JPEG", quality=quality, dpi=dpi)
        p.with_suffix(".txt").write_text(ground_truth(img), encoding="utf-8")
        paths.append(p)
    return paths


def write_tiff(pages: Sequence[Image.Image], path: Path) -> Path:
    """A multi-page TIFF (deflate) with ``<path>.txt`` ground truth, pages separated by form feeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    first, rest = pages[0], list(pages[1:])
    first.save(path, "TIFF", save_all=True, append_images=rest, compression="tiff_adobe_deflate",
               dpi=first.info.get("dpi", (300, 300)))
    path.with_suffix(".txt").write_text("\f".join(ground_truth(p) for p in pages), encoding="utf-8")
    return path


def write_pdf(pages: Iterable[Image.Image], path: Path, quality: int = 80) -> Path:
    """An image-only PDF, one JPEG per page at its dpi (like a scanner's), with ground truth .txt.

    Pages are encoded one at a time, so a long book is written without holding its images.
    """
    from fpdf import FPDF

    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = FPDF(unit="pt")
    pdf.set_compression(False)
    truths = []
    for img in pages:
        dpi = img.info.get("dpi", (300, 300))[0]
        w_pt, h_pt = img.width * 72 / dpi, img.height * 72 / dpi
        buf = io.BytesIO()
        img.convert("RGB" if img.mode not in ("L", "RGB") else img.mode).save(buf, "JPEG", quality=quality)
        pdf.add_page(format=(w_pt, h_pt))
        pdf.image(buf, x=0, y=0, w=w_pt, h=h_pt)
        truths.append(ground_truth(img))
    pdf.output(str(path))
    path.with_suffix(".txt").write_text("\f".join(truths), encoding="utf-8")
    return path


# --- measuring -----------------------------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def levenshtein(a: str, b: str) -> int:
    """Edit distance, vectorised per row with numpy (pages are a few thousand characters)."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    bb = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    idx = np.arange(len(b) + 1, dtype=np.int64)
    prev = idx.copy()
    for ch in a:
        cost = (bb != ord(ch)).astype(np.int64)
        t = np.empty_like(prev)
        t[0] = prev[0] + 1
        t[1:] = np.minimum(prev[1:] + 1, prev[:-1] + cost)
        prev = np.minimum.accumulate(t - idx) + idx
    return int(prev[-1])


def cer(truth: str, hypothesis: str) -> float:
    """Character error rate after NFC, with all whitespace runs made one space."""
    t, h = _squash(truth), _squash(hypothesis)
    if not t:
        return 0.0 if not h else 1.0
    return levenshtein(t, h) / len(t)


def reading_order_cer(truth: str, hypothesis: str) -> float:
    """CER after putting the hypothesis lines in the ground truth's line order.

    Tesseract may read a two-column header left column first or row by row; that is layout,
    not recognition. Each OCR line is placed at the ground-truth line it overlaps most (by
    shared character trigrams), then ordinary CER is taken. Lines holding two columns'
    text are split where both halves match other ground-truth lines.
    """
    t_lines = [ln for ln in (_squash(x) for x in truth.splitlines()) if ln]
    h_lines = [ln for ln in (_squash(x) for x in hypothesis.splitlines()) if ln]

    def grams(s: str) -> set[str]:
        s = s.lower()
        return {s[i : i + 3] for i in range(max(1, len(s) - 2))}

    t_grams = [grams(x) for x in t_lines]

    def best_line(s: str) -> tuple[int, float]:
        hg = grams(s)
        best, best_s = len(t_lines), 0.0
        for i, tg in enumerate(t_grams):
            sc = len(hg & tg) / max(1, len(hg))
            if sc > best_s:
                best, best_s = i, sc
        return best, best_s

    placed = []
    for k, h in enumerate(h_lines):
        best, best_s = best_line(h)
        parts = [(best, h)]
        words = h.split(" ")
        if best_s < 0.9 and len(words) > 1:
            # two columns merged on one line: try each split into a left and a right part
            best_split = best_s + 0.1
            for cut in range(1, len(words)):
                a, b = " ".join(words[:cut]), " ".join(words[cut:])
                (ia, sa), (ib, sb) = best_line(a), best_line(b)
                score = (sa * len(a) + sb * len(b)) / len(h)
                if ia != ib and min(sa, sb) >= 0.6 and score > best_split:
                    parts, best_split = [(ia, a), (ib, b)], score
        for idx, text in parts:
            placed.append((idx if best_s >= 0.3 or len(parts) > 1 else len(t_lines), k, text))
    placed.sort()
    return cer(" ".join(t_lines), " ".join(h for _, _, h in placed))
