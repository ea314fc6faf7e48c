"""Reading order of a scanned page from Tesseract's word boxes: columns read one after the other.

Tesseract reads a directive's two-column footer across both columns: "- Thường trực Ban Bí thư,"
then "K/T TRƯỞNG BAN" on one line, the next distribution item, the position, ... so neither the
distribution list nor the signature block survives (measured on generated scans: the signer was
lost on every moderate scan with the footer printed side by side). Here the page is cut into
regions instead, each read whole and tagged:

* a Tesseract line is split into segments where its words are far apart (a column gap);
* segments are grouped into visual rows (after undoing the page's skew, estimated from the lines
  themselves, so the right column of a tilted page is not a row lower than the left);
* a run of rows with a common vertical gutter that no segment crosses is a two-column zone: its
  left column is read top to bottom, then its right column. A zone holding "Nơi nhận" or a
  signature authority is the footer, one above the body the header;
* a row holding only a number at the top or the bottom of the page is its page number;
* everything else is body, with a blank line between Tesseract's paragraphs as before.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

# Words further apart than this many x-heights are in different columns (measured: word
# gaps are under 1x, the header column gap of a directive 2.5-4x).
COLUMN_GAP = 2.0
# Rows further apart than this many line steps end a zone; a signature leaves about three empty
# lines for the handwritten signature, so a footer zone is allowed more.
ZONE_GAP = 2.2
FOOTER_ZONE_GAP = 5.5
FOOTER_LEFT = re.compile(r"^n[ơo]i\s*nh[ậa]n", re.IGNORECASE)
AUTHORITY = re.compile(r"^(?:T\s*[/.]\s*[ML]|K\s*[/.]\s*T|TM\.|KT\.|TL\.|TUQ\.)\s", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"^[-–(]?\s*\d{1,4}\s*[-–)]?$")
# The handwritten signature between the position and the name is read as a few letters, every
# word under this confidence (measured on generated scans: 0-35 for the scribble, above 85 for print).
SCRIBBLE_CONF = 50.0
BULLETS = {"-", "–", "•", "+"}
SURE_PRINT = 90.0  # confidence of a tall short word kept as print


class WordLike(Protocol):
    text: str
    x0: int
    y0: int
    x1: int
    y1: int
    conf: float
    block: int
    par: int
    line: int


@dataclass
class Segment:
    """Words of one Tesseract line that sit together (not across a column gap)."""

    words: list[WordLike]
    par: tuple[int, int]

    @property
    def x0(self) -> int:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> int:
        return max(w.x1 for w in self.words)

    @property
    def y0(self) -> int:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> int:
        return max(w.y1 for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def height(self) -> int:
        hs = sorted(w.y1 - w.y0 for w in self.words)
        return hs[len(hs) // 2]


@dataclass
class Region:
    """One tagged part of the page: its kind, its lines in reading order and where they are."""

    kind: str  # header_left, header_right, body, footer_left, footer_right, columns_left, columns_right, page_number
    lines: list[str]
    box: tuple[int, int, int, int]
    first_line: int = 0  # 1-based line numbers in the page text
    last_line: int = 0

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "first_line": self.first_line, "last_line": self.last_line, "box": list(self.box)}


@dataclass
class PageLayout:
    text: str
    regions: list[Region] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[str]:
        return [ln for r in self.regions if r.kind == kind for ln in r.lines]


def _tess_lines(words: Sequence[WordLike]) -> list[list[WordLike]]:
    out: list[list[WordLike]] = []
    key = None
    for w in words:
        k = (w.block, w.par, w.line)
        if k != key:
            out.append([])
            key = k
        out[-1].append(w)
    return out


def split_line(line: list[WordLike], right: int) -> list[list[WordLike]]:
    """A Tesseract line cut where two columns share its baseline.

    Wide in absolute terms, or (tightly set headers) wide for this line and across the middle of
    the text (``right`` is the text's right edge)."""
    height = sorted(w.y1 - w.y0 for w in line)[len(line) // 2]
    gaps = sorted(b.x0 - a.x1 for a, b in zip(line, line[1:], strict=False))
    usual = gaps[len(gaps) // 2] if len(gaps) >= 3 else None
    segs = [[line[0]]]
    for a, b in zip(line, line[1:], strict=False):
        gap = b.x0 - a.x1
        across = a.x1 < 0.55 * right and b.x0 > 0.45 * right
        across = across and usual is not None and gap > max(3 * usual, 1.2 * height)
        if gap > max(COLUMN_GAP * height, 40) or across:
            segs.append([])
        segs[-1].append(b)
    return segs


def _skew(lines: list[list[WordLike]], width: int) -> float:
    """Slope dy/dx of the text lines (median over long lines, from the words' bottoms)."""
    slopes = []
    for ln in lines:
        if len(ln) < 4 or ln[-1].x1 - ln[0].x0 < 0.3 * width:
            continue
        xs = [(w.x0 + w.x1) / 2 for w in ln]
        ys = [float(w.y1) for w in ln]
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        var = sum((x - mx) ** 2 for x in xs)
        if var > 0:
            slopes.append(sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var)
    return statistics.median(slopes) if slopes else 0.0


def _rows(segs: list[Segment], slope: float) -> list[list[Segment]]:
    """Segments grouped into visual rows by their deskewed vertical centre, top to bottom."""
    def yc(s: Segment) -> float:
        return (s.y0 + s.y1) / 2 - slope * (s.x0 + s.x1) / 2

    rows: list[list[Segment]] = []
    centre = 0.0
    for s in sorted(segs, key=yc):
        if rows and yc(s) - centre < 0.5 * max(s.height, rows[-1][0].height):
            rows[-1].append(s)
            centre = statistics.fmean(yc(t) for t in rows[-1])
        else:
            rows.append([s])
            centre = yc(s)
    return [_merge_touching(sorted(r, key=lambda s: s.x0)) for r in rows]


def _merge_touching(row: list[Segment]) -> list[Segment]:
    """Segments of one row that overlap or nearly touch are one piece of text (two Tesseract lines
    reading one printed line), their words in left-to-right order."""
    out = [row[0]]
    for s in row[1:]:
        last = out[-1]
        if s.x0 - last.x1 < 0.5 * max(s.height, last.height):
            words: list[WordLike] = []
            for w in sorted([*last.words, *s.words], key=lambda w: w.x0):
                if words and w.text == words[-1].text and w.x0 - words[-1].x1 < 0.5 * (w.y1 - w.y0):
                    continue  # the same word read twice side by side
                words.append(w)
            out[-1] = Segment(words, last.par)
        else:
            out.append(s)
    return out


def _drop_shadows(segs: list[Segment]) -> list[Segment]:
    """Segments without the unsure second reading Tesseract gives over a sure one's ink ("g6", "W",
    confidence ~30, over "Hải Phòng, ngày 20 tháng 5" read at 97, filed on the next line's number)."""
    confs = [statistics.fmean(w.conf for w in s.words) for s in segs]
    keep = []
    for i, s in enumerate(segs):
        shadow = confs[i] < SCRIBBLE_CONF and any(
            confs[j] >= 75
            and min(s.x1, t.x1) - max(s.x0, t.x0) >= 0.5 * (s.x1 - s.x0)
            and min(s.y1, t.y1) - max(s.y0, t.y0) >= 0.5 * (s.y1 - s.y0)
            for j, t in enumerate(segs) if j != i)
        if not shadow:
            keep.append(s)
    return keep


def _area(w: WordLike) -> int:
    return max(1, w.x1 - w.x0) * max(1, w.y1 - w.y0)


def dedupe(words: Sequence[WordLike]) -> list[WordLike]:
    """Words without the second readings Tesseract sometimes gives of one printed line: of two words
    over the same ink the less sure is dropped (seen on skewed scans: "Hà Nội, ngày 22 thá" read
    over "a Nội, ngày 22 tháng 4 năm 2024", with boxes a few pixels wide or confidences near 0). A
    sure mark without letters or digits is no second reading of a word: Tesseract gives the dash of
    "KINH TẾ - XÃ HỘI" a box reaching back over "TẾ" (bold capitals, a moderate book scan), and
    dropping it lost the dash from the chapter title."""
    heights = sorted(w.y1 - w.y0 for w in words)
    h = heights[len(heights) // 2] if heights else 0
    # boxes far too small for their letters ("ngày" 5 px wide) are not print
    ws = [w for w in words if not (w.y1 - w.y0 < 0.45 * h and w.x1 - w.x0 < 0.4 * h * len(w.text)
                                   and w.text not in BULLETS)]
    order = sorted(range(len(ws)), key=lambda i: ws[i].x0)
    drop: set[int] = set()
    for k, i in enumerate(order):
        a = ws[i]
        for j in order[k + 1:]:
            b = ws[j]
            if b.x0 >= a.x1:
                break
            ix = min(a.x1, b.x1) - max(a.x0, b.x0)
            iy = min(a.y1, b.y1) - max(a.y0, b.y0)
            if ix <= 0 or iy <= 0:
                continue
            if _mark_by_word(a, b) or _mark_by_word(b, a):
                continue
            if ix * iy >= 0.5 * min(_area(a), _area(b)):  # one reading of the same ink: keep the surer
                drop.add(i if (a.conf, _area(a)) < (b.conf, _area(b)) else j)
    return [w for k, w in enumerate(ws) if k not in drop]


def _mark_by_word(mark: WordLike, word: WordLike) -> bool:
    """A surely read dash or bracket beside a word: printed ink of its own, whatever its box."""
    return (mark.conf >= SURE_PRINT and not any(c.isalnum() for c in mark.text)
            and any(c.isalpha() for c in word.text))


@dataclass
class _Zone:
    start: int
    end: int  # exclusive
    gutter: tuple[float, float]


def _gutter_of(row: list[Segment]) -> tuple[float, float] | None:
    """The widest gap between the segments of a row, as (left edge, right edge)."""
    best = None
    for a, b in zip(row, row[1:], strict=False):
        if best is None or b.x0 - a.x1 > best[1] - best[0]:
            best = (float(a.x1), float(b.x0))
    return best


def _fits(row: list[Segment], g: tuple[float, float], min_gap: float) -> tuple[float, float] | None:
    """The gutter narrowed to leave ``row``'s segments on either side, or None when one crosses it."""
    g0, g1 = g
    for s in row:
        if (s.x0 + s.x1) / 2 < (g0 + g1) / 2:
            g0 = max(g0, s.x1)  # a left-column segment: the gutter starts after it
        else:
            g1 = min(g1, s.x0)
        if g1 - g0 < min_gap:
            return None
    return g0, g1


def _is_footer(rows: list[list[Segment]]) -> bool:
    return any(FOOTER_LEFT.match(s.text) or AUTHORITY.match(s.text) for r in rows for s in r)


def _zones(rows: list[list[Segment]], step: float, min_gap: float) -> list[_Zone]:
    """Runs of rows sharing a gutter, each grown from a row that has two segments."""
    zones: list[_Zone] = []
    i = 0
    while i < len(rows):
        g = _gutter_of(rows[i]) if len(rows[i]) >= 2 else None
        if g is None or g[1] - g[0] < min_gap:
            i += 1
            continue
        start, end = i, i + 1
        while start > 0 and (not zones or start > zones[-1].end):  # rows above that fit (the first header lines)
            if FOOTER_LEFT.match(rows[start][0].text):
                break  # "Nơi nhận" opens the footer: the short body line above it is not part of it
            ng = _fits(rows[start - 1], g, min_gap)
            if ng is None or _row_gap(rows[start - 1], rows[start]) > ZONE_GAP * step:
                break
            start, g = start - 1, ng
        while end < len(rows):
            limit = FOOTER_ZONE_GAP if _is_footer(rows[start:end]) else ZONE_GAP
            ng = _fits(rows[end], g, min_gap)
            if ng is None or _row_gap(rows[end - 1], rows[end]) > limit * step:
                break
            end, g = end + 1, ng
        zones.append(_Zone(start, end, g))
        i = end
    return zones


def _row_gap(a: list[Segment], b: list[Segment]) -> float:
    return min(s.y0 for s in b) - max(s.y1 for s in a) + statistics.fmean(s.height for s in b)


def _box(segs: list[Segment]) -> tuple[int, int, int, int]:
    return min(s.x0 for s in segs), min(s.y0 for s in segs), max(s.x1 for s in segs), max(s.y1 for s in segs)


def _zone_regions(rows: list[list[Segment]], z: _Zone, has_body_above: bool) -> list[Region]:
    mid = (z.gutter[0] + z.gutter[1]) / 2
    left = [[s for s in r if s.x1 <= mid] for r in rows[z.start:z.end]]
    right = [[s for s in r if s.x1 > mid] for r in rows[z.start:z.end]]
    kind = "footer" if _is_footer(rows[z.start:z.end]) else "columns" if has_body_above else "header"
    if kind == "footer":  # the signature scribble and the seal's specks are not text
        left, right = _clean_footer(left, bullets=True), _clean_footer(right, bullets=False)
    out = []
    for side, cols in (("left", left), ("right", right)):
        segs = [s for r in cols for s in r]
        if segs:
            out.append(Region(f"{kind}_{side}", [" ".join(s.text for s in r) for r in cols if r], _box(segs)))
    return out


def _is_mark(w: WordLike, height: float, in_print: bool) -> bool:
    """A word read off the scribble or the seal: tiny, very unsure, or one or two characters taller
    than print; or one or two unsure characters with no surely read word beside them (the "Vũ" of
    "Vũ Thanh Bình" under a seal's ring is read at 49 next to "Thanh" at 96, and kept)."""
    h = w.y1 - w.y0
    short = len(w.text) <= 2
    # "Ủy" is half again as tall as the line (the hook over a capital, the tail of the y): read surely, it
    # is print (it was dropped from "các đồng chí Ủy viên" read at 97 on a moderate scan)
    tall = short and h > 1.45 * height and not (w.conf >= SURE_PRINT and w.text.isalpha())
    return (h < 0.45 * height or w.conf < SCRIBBLE_CONF / 3 or tall
            or (w.conf < SCRIBBLE_CONF and short and not in_print))


def _clean_footer(cols: list[list[Segment]], bullets: bool) -> list[list[Segment]]:
    """The column without marks; the distribution's bullets (tiny and unsure as they are) are kept."""
    segs = [s for r in cols for s in r]
    if not segs:
        return cols
    height = statistics.median(w.y1 - w.y0 for s in segs for w in s.words)
    out = []
    for r in cols:
        kept = [Segment([w for w in s.words if (bullets and w.text in BULLETS)
                         or not _is_mark(w, height, any(v.conf >= 80 for v in s.words))], s.par) for s in r]
        out.append([s for s in kept if s.words])
    return out


def _body_region(rows: list[list[Segment]]) -> list[Region]:
    """Body rows with a blank line wherever Tesseract starts a new paragraph."""
    lines: list[str] = []
    prev = None
    for r in rows:
        if prev is not None and r[0].par != prev:
            lines.append("")
        prev = r[0].par
        lines.append(" ".join(s.text for s in r))
    segs = [s for r in rows for s in r]
    return [Region("body", lines, _box(segs))]


def _page_number(rows: list[list[Segment]], k: int) -> bool:
    r = rows[k]
    return (k == 0 or k == len(rows) - 1) and len(rows) > 2 and len(r) == 1 and bool(PAGE_NUMBER.match(r[0].text))


def _regions(rows: list[list[Segment]], step: float, min_gap: float) -> list[Region]:
    zones = {z.start: z for z in _zones(rows, step, min_gap)}
    regions: list[Region] = []
    pending: list[list[Segment]] = []
    body_seen = False

    def flush() -> None:
        nonlocal body_seen
        if pending:
            regions.extend(_body_region(pending))
            body_seen = True
            pending.clear()

    k = 0
    while k < len(rows):
        if k in zones:
            flush()
            regions.extend(_zone_regions(rows, zones[k], body_seen))
            k = zones[k].end
            continue
        if _page_number(rows, k):
            flush()
            regions.append(Region("page_number", [rows[k][0].text], _box(rows[k])))
        else:
            pending.append(rows[k])
        k += 1
    flush()
    return regions


def read_page(words: Sequence[WordLike]) -> PageLayout:
    """The page's regions in reading order and its text (regions separated by a blank line)."""
    if not words:
        return PageLayout(text="")
    words = dedupe(words)
    right = max(w.x1 for w in words)
    width = right - min(w.x0 for w in words)
    lines = _tess_lines(words)
    segs = _drop_shadows([Segment(part, (ln[0].block, ln[0].par)) for ln in lines for part in split_line(ln, right)])
    heights = sorted(s.height for s in segs)
    h = heights[len(heights) // 2]
    rows = _rows(segs, _skew(lines, width))
    centres = [statistics.fmean((s.y0 + s.y1) / 2 for s in r) for r in rows]
    steps = sorted(b - a for a, b in zip(centres, centres[1:], strict=False) if b - a > 0.5 * h)
    step = steps[len(steps) // 4] if steps else 1.5 * h
    regions = _regions(rows, step, min_gap=max(0.8 * h, 12))
    out: list[str] = []
    for r in regions:
        if out:
            out.append("")
        r.first_line = len(out) + 1
        out.extend(r.lines)
        r.last_line = len(out)
    return PageLayout(text="\n".join(out).strip(), regions=regions)
