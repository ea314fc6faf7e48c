"""Ink left unread above a page's first line and below its last, read again on its own.

Tesseract's layout pass drops a lone small glyph far from the text: on generated book scans at the
moderate level the printed page number at the foot ("6", centred, 9 line heights under the last line)
was missing from 2 of the 4 body pages of a book, so those pages had no printed page. Cut out with a
margin, the same ink is one word or one line (``--psm 8``, ``--psm 7``) and is read. Only a short reading with a digit is taken
(a page number, "- 6 -", "Trang 6"): a scribble or a speck read as letters adds nothing.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import replace

import numpy as np
from PIL import Image

from ingest.ocr.tesseract import OcrResult, Word, rebuild

BLOCK = 2000  # block numbers of words read here, apart from the page's and the columns' re-reads
MAX_CHARS = 12
# A lone digit cut out is read unsteadily (contents pages of generated book scans): "7" read "Ÿ" at 0 as a
# line, "7" at 97 twice as large; "8" read "lô)" at 59 as a line, "8" at 96 as one word, and "5" at 59 as a
# line twice as large; "5" read "5" at 69 and 50 one way and another, "s" at 11 twice as large.
ZOOM = 2
SURE_CONF = 80.0
AGREE_CONF = 50.0
MAX_CLUSTERS = 3  # more ink shapes than this in a margin is noise or a picture, not a page number


def _runs(mask: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Runs of True in a 1-D mask, joined over gaps of at most ``gap``: (start, end exclusive)."""
    idx = np.flatnonzero(mask)
    if idx.size == 0:
        return []
    out: list[tuple[int, int]] = []
    start = prev = int(idx[0])
    for i in idx[1:]:
        i = int(i)
        if i - prev > gap + 1:
            out.append((start, prev + 1))
            start = i
        prev = i
    out.append((start, prev + 1))
    return out


def _clusters(ink: np.ndarray, top: int, left: int, h: float) -> list[tuple[int, int, int, int]]:
    """Boxes (page coordinates) of line-sized ink shapes in a margin band. Ink that runs into the
    band's edge belongs to the text beyond it (the tail of a "7" on the last contents line read as a
    speck): it is left alone."""
    boxes = []
    for y0, y1 in _runs(ink.sum(axis=1) >= 2, max(1, round(h / 4))):
        if not 0.4 * h <= y1 - y0 <= 2.5 * h or y0 == 0 or y1 == ink.shape[0]:
            continue
        for x0, x1 in _runs(ink[y0:y1].sum(axis=0) >= 1, round(0.6 * h)):  # "Trang 12" one, a leader's last dots apart
            if x1 - x0 <= 8 * h and ink[y0:y1, x0:x1].sum() >= 0.05 * h * h:
                boxes.append((left + x0, top + y0, left + x1, top + y1))
    return boxes


def _bands(ink: np.ndarray, words: list[Word], h: float, everywhere: bool) -> list[tuple[int, int, int, int]]:
    """Where to look (x0, y0, x1, y1): the head and foot margins across the text's width, clear of the
    lines; ``everywhere``: the whole page to a right margin as wide as the left one (a number after a
    wiped leader was never a word, so the words' width can end short of it)."""
    height, width = ink.shape
    left = min(w.x0 for w in words)
    x0 = max(0, int(left - 2 * h))
    x1 = min(width, int(max(w.x1 for w in words) + 2 * h))
    if everywhere:
        return [(x0, 0, min(round(0.98 * width), max(x1, int(width - left + 2 * h))), height)]
    first, last = min(w.y0 for w in words), max(w.y1 for w in words)
    pad = max(2, round(h / 4))
    return [(x0, 0, x1, max(0, first - pad)), (x0, min(height, last + pad), x1, height)]


def _read_mark(part: Image.Image, read: Callable[[Image.Image, int], OcrResult]) -> list[Word]:
    """A short numbered mark (boxes in ``part``'s pixels), or nothing. A lone glyph is read unsteadily, so
    it is read three ways (one line, one word, one line twice as large): a reading counts when it is sure,
    or when two ways agree on it fairly surely."""
    seen: list[tuple[str, list[Word]]] = []
    for zoom, psm in ((1, 7), (1, 8), (ZOOM, 7)):
        big = part if zoom == 1 else part.resize((part.width * zoom, part.height * zoom), Image.Resampling.LANCZOS)
        new = [replace(w, x0=w.x0 // zoom, x1=w.x1 // zoom, y0=w.y0 // zoom, y1=w.y1 // zoom)
               for w in read(big, psm).words if w.conf >= AGREE_CONF]
        text = " ".join(w.text for w in new)
        if not new or len(text) > MAX_CHARS or not any(c.isdigit() for c in text):
            continue
        if min(w.conf for w in new) >= SURE_CONF or any(t == text for t, _ in seen):
            return new
        seen.append((text, new))
    return []


def _unread(ink: np.ndarray, words: list[Word], h: float) -> np.ndarray:
    """The ink outside every word's box (a little grown: a box can be a pixel short of its glyph)."""
    out = ink.copy()
    pad = max(1, round(h / 6))
    for w in words:
        out[max(0, w.y0 - pad):w.y1 + pad, max(0, w.x0 - pad):w.x1 + pad] = False
    return out


def reread_margins(img: Image.Image, first: OcrResult, read: Callable[[Image.Image, int], OcrResult],
                   everywhere: bool = False) -> OcrResult:
    """``first`` with the short numbered marks its layout pass left unread in the head and foot margins;
    ``everywhere``: anywhere on the page (a contents page whose leaders were wiped: each page number
    stands alone at the end of its line, and Tesseract dropped 2 of 3 of them)."""
    words = list(first.words)
    if not words:
        return first
    h = statistics.median(w.y1 - w.y0 for w in words)
    ink = np.asarray(img.convert("L")) < 128
    lone = _lone_specks(words) if everywhere else []
    if everywhere:
        ink = _unread(ink, [w for w in words if w not in lone], h)
    added: list[Word] = []
    for bx0, by0, bx1, by1 in _bands(ink, words, h, everywhere):
        if by1 - by0 < 0.4 * h:
            continue
        boxes = _clusters(ink[by0:by1, bx0:bx1], by0, bx0, h)
        if len(boxes) > MAX_CLUSTERS * (4 if everywhere else 1):
            continue
        for x0, y0, x1, y1 in boxes:
            pad = round(h / 2)
            crop = (max(0, x0 - pad), max(0, y0 - pad), min(img.width, x1 + pad), min(img.height, y1 + pad))
            new = _read_mark(img.crop(crop), read)
            added += [replace(w, x0=crop[0] + w.x0, x1=crop[0] + w.x1, y0=crop[1] + w.y0, y1=crop[1] + w.y1,
                              block=BLOCK + len(added), par=1, line=1) for w in new]
    if not added:
        return first
    gone = [w for w in lone if any(w.overlaps(a) for a in added)]  # "ỹ" read for the "7" now read
    return rebuild([w for w in words if w not in gone] + added)


def _lone_specks(words: list[Word]) -> list[Word]:
    """Words of one or two characters without a digit, alone on their line: on a contents page, a number
    misread ("ỹ" for "7" between "5" and "9"), read again like ink never read."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        lines.setdefault((w.block, w.par, w.line), []).append(w)
    return [ws[0] for ws in lines.values()
            if len(ws) == 1 and len(ws[0].text) <= 2 and not any(c.isdigit() for c in ws[0].text)]
