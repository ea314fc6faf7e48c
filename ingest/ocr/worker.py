"""OCR of one page in a worker process: decode, clean, recognise, save the viewer images.

Everything a page needs travels in a small picklable ``PageTask`` and comes back as a
``PageResult`` (text, word tuples, confidence, staged image paths), so a worker holds one
page image at a time and the parent never sees pixels: memory stays flat in the book's length.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from ingest.lifetime import die_with_parent
from ingest.ocr import leaders, preprocess, tesseract
from ingest.ocr.columns import CONF_SLACK, reread_columns
from ingest.ocr.images import declared_dpi, load_frame
from ingest.ocr.margins import reread_margins
from ingest.ocr.pdf_render import RENDER_BUDGET, render_page
from sulieu.errors import OcrUnavailable, SulieuError
from sulieu.settings import DEFAULT_MAX_IMAGE_PIXELS

ENGINE = "tesseract"
# Viewer image: between WEB_MIN_WIDTH and WEB_WIDTH pixels wide (A4 at 300 dpi → 1240 px,
# 150 dpi: readable on screen and zoomable, ~200 KB as JPEG).
WEB_WIDTH = 1600
WEB_MIN_WIDTH = 1200
THUMB_WIDTH = 240
# Below this mean confidence (or with almost no words) the page may be sideways: ask OSD.
OSD_BELOW = 70.0
# Share of the page's ink inside recognised word boxes. Read pages measured 0.8-0.95; a dense,
# skewed 150 dpi body that Tesseract's layout analysis drops as a picture measured 0.1-0.2.
# Below this the page is read again as one block of text (--psm 6) and, if still low, flagged.
LOW_COVERAGE = 0.5


@dataclass
class PageTask:
    number: int
    kind: str  # "pdf" (render page ``index`` of ``path``) or "image" (frame ``index`` of ``path``)
    path: str
    index: int
    name: str
    staging_dir: str
    stem: str
    lang: str = "vie"
    tesseract_cmd: str = "tesseract"
    psm: int = 3
    dpi: int = 300
    max_image_pixels: int = DEFAULT_MAX_IMAGE_PIXELS
    steps: tuple[str, ...] = preprocess.DEFAULT_STEPS
    web_width: int = WEB_WIDTH
    thumb_width: int = THUMB_WIDTH


@dataclass
class PageResult:
    number: int
    text: str = ""
    words: list[tuple[str, float, float, float, float, float]] = field(default_factory=list)
    confidence: float | None = None
    coverage: float | None = None  # share of ink inside word boxes (see LOW_COVERAGE)
    width: int | None = None
    height: int | None = None
    image_file: str | None = None
    thumbnail_file: str | None = None
    ocr: dict[str, Any] | None = None
    note: str | None = None
    error_code: str | None = None  # a SulieuError code when the page could not be read
    seconds: float = 0.0


def _load(task: PageTask) -> tuple[Image.Image, float | None, dict[str, Any]]:
    extra: dict[str, Any] = {}
    if task.kind == "pdf":
        rendered = render_page(task.path, task.index, dpi=task.dpi, max_pixels=min(task.max_image_pixels, RENDER_BUDGET))
        extra["render_dpi"] = round(rendered.dpi, 1)
        if rendered.capped:
            extra["render_capped"] = True
        return rendered.image, rendered.dpi, extra
    img = load_frame(task.path, task.name, task.index, task.max_image_pixels)
    return img, declared_dpi(img), extra


def _save_views(task: PageTask, display: Image.Image) -> tuple[str, str, int, int, float]:
    """Viewer JPEG and thumbnail in the staging folder; returns paths, size and scale."""
    staging = Path(task.staging_dir)
    staging.mkdir(parents=True, exist_ok=True)
    img = display if display.mode in ("L", "RGB") else display.convert("RGB")
    factor = img.width // WEB_MIN_WIDTH
    if factor >= 2:  # box reduction by a whole factor: several times cheaper than resampling
        web = img.reduce(factor)
    elif img.width > task.web_width:
        s = task.web_width / img.width
        web = img.resize((task.web_width, max(1, round(img.height * s))), Image.Resampling.BILINEAR, reducing_gap=2.0)
    else:
        web = img
    scale = web.width / img.width
    token = uuid.uuid4().hex[:8]
    web_path = staging / f"{task.stem}-{task.number:04d}-{token}.jpg"
    thumb_path = staging / f"{task.stem}-{task.number:04d}-{token}.thumb.jpg"
    web.save(web_path, "JPEG", quality=80)
    t_scale = task.thumb_width / web.width
    thumb = web.resize((task.thumb_width, max(1, round(web.height * t_scale))), Image.Resampling.BILINEAR)
    thumb.save(thumb_path, "JPEG", quality=70)
    return str(web_path), str(thumb_path), web.width, web.height, scale


def _recognise(task: PageTask, prep: preprocess.Prepared) -> tesseract.OcrResult:
    """The page read once (again without its dot leaders if it shows some), then its header and footer
    columns each read again on their own, then the marks left unread in its margins (a page number alone
    at the foot) or, on a page whose leaders were wiped, anywhere on it."""
    assert prep.ocr is not None  # only a page that is not blank is read
    img = prep.ocr
    first = tesseract.recognize(img, cmd=task.tesseract_cmd, lang=task.lang, psm=task.psm, dpi=prep.ocr_dpi)
    img, first, wiped = _without_leaders(task, prep, img, first)
    columns = reread_columns(img, first, lambda crop: tesseract.recognize(
        crop, cmd=task.tesseract_cmd, lang=task.lang, psm=6, dpi=prep.ocr_dpi))
    return reread_margins(img, columns, lambda crop, psm: tesseract.recognize(
        crop, cmd=task.tesseract_cmd, lang=task.lang, psm=psm, dpi=prep.ocr_dpi), everywhere=wiped)


def _without_leaders(task: PageTask, prep: preprocess.Prepared, img: Image.Image, first: tesseract.OcrResult
                     ) -> tuple[Image.Image, tesseract.OcrResult, bool]:
    """A page whose reading shows dot leaders read again with them wiped, if that reads as surely."""
    if not first.words or not leaders.LEADER_READ.search(first.text):
        return img, first, False
    clean, wiped = leaders.without_leaders(img, statistics.median(w.y1 - w.y0 for w in first.words))
    if not wiped:
        return img, first, False
    second = tesseract.recognize(clean, cmd=task.tesseract_cmd, lang=task.lang, psm=task.psm, dpi=prep.ocr_dpi)
    if (second.confidence or 0) < (first.confidence or 0) - CONF_SLACK:
        return img, first, False
    prep.steps.append("leaders")
    prep.ocr = clean  # what is read later (one block, coverage) reads the page without them too
    return clean, second, True


def _try_orientation(task: PageTask, prep: preprocess.Prepared, first: tesseract.OcrResult
                     ) -> tuple[preprocess.Prepared, tesseract.OcrResult, int]:
    """A page with a poor first read may be sideways or upside down: OSD, turn, read again."""
    assert prep.ocr is not None  # only a page that is not blank is read
    found = tesseract.orientation(prep.ocr, cmd=task.tesseract_cmd)
    if not found or found[0] == 0 or found[1] < 1.0:
        return prep, first, 0
    rot = found[0]
    turned = preprocess.prepare(prep.display.rotate(-rot, expand=True), dpi=prep.dpi, steps=task.steps)
    if turned.ocr is None:
        return prep, first, 0
    second = _recognise(task, turned)
    if (second.confidence or 0) > (first.confidence or 0) and len(second.words) >= len(first.words) * 0.5:
        turned.steps.append(f"orientation:{rot}")
        return turned, second, rot
    return prep, first, 0


def ink_coverage(img: Image.Image, words: list[tesseract.Word]) -> float | None:
    """Share of dark pixels that lie inside a recognised word box (None on a page without ink)."""
    import numpy as np

    ink = np.asarray(img.convert("L")) < 128
    total = int(ink.sum())
    if total == 0:
        return None
    covered = np.zeros_like(ink)
    h, w = ink.shape
    for wd in words:
        covered[max(0, wd.y0 - 2):min(h, wd.y1 + 2), max(0, wd.x0 - 2):min(w, wd.x1 + 2)] = True
    return float((ink & covered).sum()) / total


def _read_as_one_block(task: PageTask, prep: preprocess.Prepared, first: tesseract.OcrResult,
                       coverage: float | None) -> tuple[tesseract.OcrResult, float | None]:
    """Layout analysis sometimes drops a whole text body as a picture: read it as one block."""
    if coverage is None or coverage >= LOW_COVERAGE or task.psm == 6:
        return first, coverage
    assert prep.ocr is not None  # only a page that is not blank is read
    second = tesseract.recognize(prep.ocr, cmd=task.tesseract_cmd, lang=task.lang, psm=6, dpi=prep.ocr_dpi)
    second_cov = ink_coverage(prep.ocr, second.words)
    if (second_cov or 0) > coverage and (second.confidence or 0) >= (first.confidence or 0) - 15:
        prep.steps.append("psm6")
        return second, second_cov
    return first, coverage


def ocr_page(task: PageTask) -> PageResult:
    """Never raises for a bad page (the result says what went wrong); raises only when
    Tesseract itself is unavailable, since then no page can be read."""
    start = time.perf_counter()
    result = PageResult(number=task.number)
    try:
        img, dpi, extra = _load(task)
        prep = preprocess.prepare(img, dpi=dpi, steps=task.steps)
        del img
        info: dict[str, Any] = {
            "engine": ENGINE,
            "version": tesseract.tesseract_version(task.tesseract_cmd),
            "lang": task.lang,
            "psm": task.psm,
            "dpi": prep.dpi,
            **extra,
        }
        web_path, thumb_path, web_w, web_h, web_scale = None, None, None, None, 1.0
        if prep.blank:
            result.note = "Trang trắng, không có chữ." if prep.blank == "blank" else "Trang toàn màu đen, không có chữ."
            info["preprocessing"] = prep.steps + [f"skipped:{prep.blank}"]
        else:
            ocr = _recognise(task, prep)
            if (ocr.confidence is None or ocr.confidence < OSD_BELOW) and "orientation" not in task.steps:
                prep, ocr, _ = _try_orientation(task, prep, ocr)
            assert prep.ocr is not None  # set by prepare() on every page that is not blank
            ocr, coverage = _read_as_one_block(task, prep, ocr, ink_coverage(prep.ocr, ocr.words))
            info["preprocessing"] = prep.steps
            info["coverage"] = None if coverage is None else round(coverage, 3)
            if len(ocr.regions) > 1:  # header/footer columns read apart: where each region's lines are
                info["regions"] = [{k: v for k, v in r.items() if k != "box"} for r in ocr.regions]
            result.text = ocr.text
            result.confidence = ocr.confidence
            result.coverage = coverage
            web_path, thumb_path, web_w, web_h, web_scale = _save_views(task, prep.display)
            for w in ocr.words:
                x0, y0 = prep.to_display(w.x0, w.y0)
                x1, y1 = prep.to_display(w.x1, w.y1)
                result.words.append((w.text, round(min(x0, x1) * web_scale, 1), round(min(y0, y1) * web_scale, 1),
                                     round(max(x0, x1) * web_scale, 1), round(max(y0, y1) * web_scale, 1),
                                     round(w.conf, 1)))
            if not ocr.words:
                result.note = "Không nhận dạng được chữ nào trên trang."
        if web_path is None:
            web_path, thumb_path, web_w, web_h, _ = _save_views(task, prep.display)
        result.image_file, result.thumbnail_file = web_path, thumb_path
        result.width, result.height = web_w, web_h
        result.ocr = info
    except OcrUnavailable:
        raise
    except SulieuError as e:
        result.note = e.message
        result.error_code = e.code
    except MemoryError:
        result.note = f"Trang {task.number} quá lớn, không đủ bộ nhớ để nhận dạng."
        result.error_code = "too_large"
    except Exception as e:  # a damaged page must not stop the book
        result.note = f"Không nhận dạng được trang {task.number}: {type(e).__name__}: {e}"
        result.error_code = "ocr_failed"
    result.seconds = round(time.perf_counter() - start, 3)
    return result


def init_worker() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if multiprocessing.parent_process() is not None:  # a pool worker, not the caller running inline
        die_with_parent()
