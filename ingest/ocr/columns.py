"""Each column of a two-column zone read again on its own, once the layout has found it.

Tesseract finds text lines across the whole page, so in a footer set side by side in a small font
its lines wander from one column into the other: a distribution item is cut in two, its wrapped
second line lost, a word under the seal's ring read as "Sẽ" (seen on a moderate scan rendered
from a PDF). Cut out, a column is one block of lines, which Tesseract reads as such (``--psm 6``).
The new reading replaces the first one inside the column unless it is clearly less sure; a word the
page read surely where the new reading has nothing is kept.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import replace

from PIL import Image

from ingest.ocr.tesseract import OcrResult, Word, rebuild

COLUMN_KINDS = ("header", "footer", "columns")
BLOCK_BASE = 1000
# A block read with --psm 6 reports a few points less confidence than the same text read in the
# page (89.8 against 90.5 for a footer column whose page reading had lost two lines of it).
CONF_SLACK = 5.0
SURE = 80.0  # a word read this surely is print  # block numbers of re-read words, apart from the first pass's


def _pairs(regions: list[dict]) -> list[tuple[dict, dict]]:
    out = []
    for a, b in zip(regions, regions[1:], strict=False):
        ka, kb = str(a["kind"]), str(b["kind"])
        if ka.endswith("_left") and kb.endswith("_right") and ka[:-5] == kb[:-6] and ka[:-5] in COLUMN_KINDS:
            out.append((a, b))
    return out


def _inside(w: Word, box: tuple[int, int, int, int]) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _kept(old: list[Word], new: list[Word]) -> list[Word]:
    """Words the page read surely where the new reading has nothing (a crop can cut a stamp's frame
    and lose the "MẬT" inside it): they stay."""
    return [w for w in old if w.conf >= SURE and not any(w.overlaps(v) for v in new)]


def _conf(words: list[Word]) -> float:
    return statistics.fmean(w.conf for w in words) if words else 0.0


def reread_columns(img: Image.Image, first: OcrResult, read: Callable[[Image.Image], OcrResult]) -> OcrResult:
    """``first`` with every header and footer column read again alone (``read`` reads one crop)."""
    words = list(first.words)
    if not words:
        return first
    h = statistics.median(w.y1 - w.y0 for w in words)
    block = BLOCK_BASE
    changed = False
    for left, right in _pairs(first.regions):
        lb, rb = [int(v) for v in left["box"]], [int(v) for v in right["box"]]
        mid = (lb[2] + rb[0]) / 2
        pad = round(0.8 * h)
        for box in ((max(0, lb[0] - pad), lb[1] - pad, int(min(lb[2] + pad, mid)), lb[3] + pad),
                    (int(max(rb[0] - pad, mid)), rb[1] - pad, min(img.width, rb[2] + pad), rb[3] + pad)):
            box = (box[0], max(0, box[1]), box[2], min(img.height, box[3]))
            old = [w for w in words if _inside(w, box)]
            new = read(img.crop(box)).words
            if not new or _conf(new) < _conf(old) - CONF_SLACK:
                continue
            block += 1
            moved = [replace(w, x0=w.x0 + box[0], x1=w.x1 + box[0], y0=w.y0 + box[1], y1=w.y1 + box[1],
                             block=block + w.block) for w in new]
            words = [w for w in words if not _inside(w, box)] + _kept(old, moved) + moved
            block += max(w.block for w in new)
            changed = True
    return rebuild(words) if changed else first
