"""Dot leaders wiped from a page before it is read again: the dots of a contents page ("NAM (1954 -
1975) .......... 5") make Tesseract read the whole line as specks and letters ("(1954.1075) i10 00 ốc";
on generated moderate book scans half the contents entries lost their page number and a third their
period that way). With the dots gone the same line reads "NAM (1954 - 1975)" and the number stands alone.

A leader dot is ink with nothing else in a tall narrow box around it (no letter above or below, so no
tone mark or the dot under "Ạ"), nothing beside it within its own width (so not the end of a "T"'s bar
or a dash), and more such dots beside it along the line (so not a full stop). Box sums over an
integral image keep it to a few tenths of a second on a page, and it runs only on pages whose first
reading shows a leader.
"""

from __future__ import annotations

import re

import numpy as np
from PIL import Image

# A first reading that shows a leader: a run of dots, or the contents page's own title
LEADER_READ = re.compile(r"[.…·]{4,}|^\s*M[UỤ]C\s+L[UỤ]C\s*$", re.MULTILINE | re.IGNORECASE)
INK = 128
HALO = 235  # the grey rim of a dot a scan blurs, wiped with it


def _box_sums(a: np.ndarray, hy: int, hx: int) -> np.ndarray:
    """For every pixel, the sum of ``a`` over [y-hy, y+hy] x [x-hx, x+hx]."""
    ii = np.pad(a, ((hy + 1, hy), (hx + 1, hx))).cumsum(0).cumsum(1)
    ky, kx = 2 * hy + 1, 2 * hx + 1
    return ii[ky:, kx:] - ii[:-ky, kx:] - ii[ky:, :-kx] + ii[:-ky, :-kx]


def _side_sums(d: np.ndarray, hy: int, x0: int, x1: int) -> np.ndarray:
    """For every pixel, the sum of ``d`` over rows [y-hy, y+hy] and columns [x+x0, x+x1]."""
    pad = max(abs(x0), abs(x1))
    rows = _box_sums(d, hy, 0)
    cols = np.pad(rows, ((0, 0), (pad + 1, pad))).cumsum(1)
    w = d.shape[1]
    return cols[:, pad + 1 + x1: pad + 1 + x1 + w] - cols[:, pad + x0: pad + x0 + w]


def leader_mask(gray: np.ndarray, line_height: float) -> np.ndarray:
    """The pixels of the page's dot leaders (``gray``: 8-bit, ink dark)."""
    h = max(8.0, line_height)
    ink = (gray < INK).astype(np.int32)
    s = max(1, round(0.12 * h))
    own = _box_sums(ink, s, s)
    dot = (ink == 1) & (_box_sums(ink, max(2, round(0.6 * h)), s) == own) & (_box_sums(ink, s, 2 * s) == own)
    d = dot.astype(np.int32)
    hy, near, far = max(1, round(0.1 * h)), round(0.2 * h), round(1.5 * h)
    enough = 0.01 * h * h
    chain = dot & ((_side_sums(d, hy, -far, -near - 1) >= enough) | (_side_sums(d, hy, near + 1, far) >= enough))
    grown = _box_sums(chain.astype(np.int32), 2, 2) > 0
    return grown & (gray < HALO)


def without_leaders(img: Image.Image, line_height: float) -> tuple[Image.Image, int]:
    """The page with its dot leaders wiped to paper, and how many pixels were wiped."""
    gray = np.asarray(img.convert("L"))
    mask = leader_mask(gray, line_height)
    n = int(mask.sum())
    if not n:
        return img, 0
    return Image.fromarray(np.where(mask, 255, gray).astype(np.uint8)), n
