"""Reading order for the two-column header of a Vietnamese directive.

Top left: superior body, issuing body, ``Số ...``; top right: ``ĐẢNG CỘNG SẢN VIỆT NAM``
or the national motto, then ``<place>, ngày ...``. Text layers deliver the two columns
interleaved row by row; the header must read left column first, then right column, or
the issuer and the date get glued to the wrong lines.

Works on positioned words from any engine (pdfplumber, pypdfium2, OCR), in page units
with the origin at the top left.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import NamedTuple

import numpy as np


class Word(NamedTuple):  # a tuple: built by the thousand per page, must be cheap
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    start: int = -1  # index of the first character in the engine's text, when known

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class HeaderSplit:
    first_line: int  # index into the line list, inclusive
    last_line: int  # inclusive
    split_x: float


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Words on the same visual row, rows top to bottom, words left to right."""
    if not words:
        return []
    heights = [w.bottom - w.top for w in words if w.bottom > w.top]
    tol = (median(heights) if heights else 10.0) * 0.5
    lines: list[list[Word]] = []
    mids: list[float] = []
    for w in sorted(words, key=lambda w: (w.mid_y, w.x0)):
        if lines and abs(w.mid_y - mids[-1]) <= tol:
            lines[-1].append(w)
            n = len(lines[-1])
            mids[-1] += (w.mid_y - mids[-1]) / n
        else:
            lines.append([w])
            mids.append(w.mid_y)
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return lines


def _line_text(line: list[Word]) -> str:
    return " ".join(w.text for w in sorted(line, key=lambda w: w.x0))


def find_header(lines: list[list[Word]], width: float, height: float, *,
                top_share: float = 0.5, margin: float = 2.0, step: float = 2.0,
                gap_lines: float = 2.0, start_share: float = 0.3, min_gap_share: float = 0.015) -> HeaderSplit | None:
    """The run of top lines that a vertical gap near the middle splits into two columns.

    Candidates are x positions in the middle 40 % of the page. A run ends at a line that
    a word crosses at x, or at a line centred on the page (the type name ``KẾ HOẠCH``).
    A vertical gap of more than ``gap_lines`` line heights also ends a run (a running
    header or page number above the real header). The run must start in the top
    ``start_share`` of the page and its column gap be at least ``min_gap_share`` of the
    page width (a justified body line with a wide space is not a header). The run with most two-sided lines wins;
    a lone two-sided line (the gazette running header ``CÔNG BÁO ... | 3``) is not a header.
    """
    top_lines = [ln for ln in lines if ln and ln[0].top < height * top_share]
    if len(top_lines) < 2 or width <= 0:
        return None
    xs = np.arange(width * 0.3, width * 0.7 + 1e-9, step)
    # ok[i, j]: line i neither crossed at xs[j] nor centred on the page; both[i, j]: words on both sides.
    ok = np.zeros((len(top_lines) + 1, len(xs)), dtype=bool)
    both = np.zeros_like(ok)
    centre = width / 2
    for i, line in enumerate(top_lines):
        x0 = np.array([w.x0 for w in line])[:, None]
        x1 = np.array([w.x1 for w in line])[:, None]
        crossed = ((x0 - margin < xs) & (xs < x1 + margin)).any(axis=0)
        two = (x1 <= xs).any(axis=0) & (x0 >= xs).any(axis=0)
        centred = ~two & (abs((float(x0.min()) + float(x1.max())) / 2 - centre) < width * 0.06)
        ok[i] = ~crossed & ~centred
        both[i] = two
    tops = [min(w.top for w in ln) for ln in top_lines]
    bottoms = [max(w.bottom for w in ln) for ln in top_lines]
    line_h = median(b - t for t, b in zip(tops, bottoms, strict=True)) or 10.0
    gap_before = [False] + [
        tops[i] - bottoms[i - 1] > gap_lines * line_h for i in range(1, len(top_lines))
    ] + [True]
    hits: dict[tuple[int, int], list[float]] = {}  # run (start, end) -> the x values that split it
    for j, x in enumerate(xs):
        column_ok = ok[:, j]
        column_two = both[:, j]
        start = None
        for i in range(len(top_lines) + 1):
            if column_ok[i] and not (gap_before[i] and start is not None):
                if start is None:
                    start = i
                continue
            if start is not None:
                end = i - 1
                score = int(column_two[start : end + 1].sum())
                if score >= 1 and end > start and tops[start] < height * start_share:
                    hits.setdefault((start, end), []).append(float(x))
                start = i if column_ok[i] else None
    # Runs whose gap is wide enough; the one with most two-sided lines, then the longest, wins.
    wide = {k: v for k, v in hits.items() if max(v) - min(v) + step >= width * min_gap_share}
    if not wide:
        return None
    best = max(
        ((int(both[k[0] : k[1] + 1, :].any(axis=1).sum()), k[1] - k[0] + 1, k[0], k[1]) for k in wide),
        key=lambda key: (key[0], key[1], -key[2]),
    )
    _, _, start, end = best
    xs_hit = sorted(wide[(start, end)])
    first = next(k for k, ln in enumerate(lines) if ln is top_lines[start])
    last = next(k for k, ln in enumerate(lines) if ln is top_lines[end])
    return HeaderSplit(first, last, xs_hit[len(xs_hit) // 2])


def header_columns(words: list[Word], width: float, height: float) -> tuple[list[Word], str] | None:
    """The header's words and its text, left column lines then right column lines."""
    lines = group_lines(words)
    split = find_header(lines, width, height)
    if split is None:
        return None
    header_words = [w for ln in lines[split.first_line : split.last_line + 1] for w in ln]
    left = [w for w in header_words if (w.x0 + w.x1) / 2 < split.split_x]
    right = [w for w in header_words if (w.x0 + w.x1) / 2 >= split.split_x]
    text = "\n".join([_line_text(ln) for ln in group_lines(left)] + [_line_text(ln) for ln in group_lines(right)])
    return header_words, text


def splice_header(raw: str, words: list[Word], header_words: list[Word], header_text: str) -> str:
    """The engine's own text with the header words taken out and the header text put in
    where its first word was. The rest of the page keeps the engine's reading order (better
    than regrouping by position: justified lines and footnote marks move baselines)."""
    starts = {w.start for w in header_words}
    out: list[str] = []
    pos = 0
    inserted = False
    after_header = False
    for w in sorted(words, key=lambda w: w.start):
        end = w.start + len(w.text)
        if w.start in starts:
            if not inserted:
                out.append(raw[pos : w.start].rstrip(" "))
                so_far = "".join(out)
                if so_far and not so_far.endswith("\n"):
                    out.append("\n")
                out.append(header_text + "\n")
                inserted = True
            after_header = True
        else:
            gap = raw[pos : w.start]
            if after_header:  # the header text ended with a line break; a lone word must not glue on
                gap = gap.lstrip()
                if out and not out[-1].endswith("\n"):
                    gap = "\n" + gap
            out.append(gap)
            out.append(raw[w.start : end])
            after_header = False
        pos = end
    tail = raw[pos:]
    out.append(tail.lstrip() if after_header else tail)
    return "".join(out)


def layout_text(words: list[Word], width: float, height: float) -> tuple[str, bool]:
    """Page text rebuilt from positions, header reordered; True when a header was found.

    For engines whose words carry no offsets into a text of their own (pdfplumber);
    pdfium pages use ``splice_header``.
    """
    lines = group_lines(words)
    split = find_header(lines, width, height)
    if split is None:
        return "\n".join(_line_text(ln) for ln in lines), False
    out = [_line_text(ln) for ln in lines[: split.first_line]]
    header_words = [w for ln in lines[split.first_line : split.last_line + 1] for w in ln]
    left = [w for w in header_words if (w.x0 + w.x1) / 2 < split.split_x]
    right = [w for w in header_words if (w.x0 + w.x1) / 2 >= split.split_x]
    out += [_line_text(ln) for ln in group_lines(left)]
    out += [_line_text(ln) for ln in group_lines(right)]
    out += [_line_text(ln) for ln in lines[split.last_line + 1 :]]
    return "\n".join(out), True
